"""Reads on partnerships shared by the dashboard and the reminders."""
import calendar
import datetime

from django.conf import settings
from django.db.models import DateField, F, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, NullIf

from partnerships.models import Partnership, StageChange

NEVER = datetime.date(1, 1, 1)


def months_before(day, months):
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _latest(queryset, field):
    """A subquery giving the latest `field` of `queryset` (already filtered on OuterRef).
    MAX() as a plain function keeps GROUP BY out of the subquery."""
    return Subquery(queryset.order_by().values(latest=Func(field, function="MAX", output_field=DateField()))[:1],
                    output_field=DateField())


def partnerships_with_last_activity():
    """Partnerships annotated with the date of their last meeting, last article about one of
    their meetings, last agreement stage change and `activity_on` (the latest of those and of
    established_on; None when there was none; `activity_key` is the same with 0001-01-01 for
    none) — one query, however many rows, but three correlated subqueries per row: this is
    what rebuilds the stored Partnership.last_activity_on, not something to list pages with."""
    from meetings.models import Meeting, SourceArticle  # meetings depends on partnerships

    last_meeting = _latest(Meeting.objects.filter(partnerships=OuterRef("pk")), "date")
    last_article = _latest(
        SourceArticle.objects.filter(meetings__partnerships=OuterRef("pk")), "published_on"
    )
    last_change = _latest(
        StageChange.objects.filter(agreement__partnership=OuterRef("pk")), "changed_on"
    )
    never = Value(NEVER, output_field=DateField())
    return Partnership.objects.annotate(
        last_meeting_on=last_meeting,
        last_article_on=last_article,
        last_stage_change_on=last_change,
    ).annotate(
        # GREATEST treats NULL differently on PostgreSQL and SQLite, so coalesce first.
        activity_key=Greatest(
            Coalesce("last_meeting_on", never), Coalesce("last_article_on", never),
            Coalesce("last_stage_change_on", never), Coalesce("established_on", never),
            output_field=DateField(),
        ),
    ).annotate(activity_on=NullIf("activity_key", never))


def partnerships_dormant(*, today, months=None):
    """Live partnerships with no meeting, article (through its meetings) or agreement stage
    change in the last `months` months (default settings.DORMANT_AFTER_MONTHS), never-active
    ones first, then the oldest activity. A partnership established inside the window is not
    dormant yet. Reads the stored, indexed Partnership.last_activity_on; one query."""
    months = settings.DORMANT_AFTER_MONTHS if months is None else months
    since = months_before(today, months)
    return (
        Partnership.objects.filter(Q(last_activity_on__lt=since) | Q(last_activity_on__isnull=True))
        .exclude(status=Partnership.Status.ENDED)
        .select_related("hanoi_locality", "partner_locality", "responsible_officer")
        # NULL (never any activity) sorts first on both vendors.
        .order_by(F("last_activity_on").asc(nulls_first=True), "pk")
    )

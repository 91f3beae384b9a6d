"""Read queries behind the dashboard's meeting, article and people pages."""
from django.db.models import Count, IntegerField, Max, Min, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from meetings.models import Meeting, Participation, Person, SourceArticle
from partnerships.list_selectors import with_labels
from partnerships.models import Partnership, StageChange


def _per_row(queryset, key, ids, **aggregates):
    """{row id: {name: value}} of ``aggregates`` over ``queryset`` grouped by ``key``, for ``ids``."""
    rows = queryset.filter(**{f"{key}__in": ids}).order_by().values(key).annotate(**aggregates)
    return {row.pop(key): row for row in rows}


def _count_subquery(queryset, key):
    """The number of ``queryset`` rows whose ``key`` is the outer row, 0 when none: a correlated
    subquery, so that it stays right beside filters that join and DISTINCT."""
    counted = queryset.filter(**{key: OuterRef("pk")}).order_by().values(key).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def meeting_list():
    """Meetings newest first; the counts come from ``meeting_list_counts`` for the shown page."""
    return (
        Meeting.objects.select_related("locality")
        .prefetch_related(
            Prefetch("partnerships", queryset=Partnership.objects.select_related("partner_locality")),
            "areas",
        )
        .order_by("-date", "-id")
    )


def meeting_sort_annotations():
    return {"participant_count": {"participant_count": _count_subquery(Participation.objects, "meeting")}}


def meeting_list_counts(meetings):
    """Sets ``participant_count``, ``article_count`` and ``kind_label`` (see
    ``partnerships.list_selectors.with_labels``) on each of ``meetings`` (one page)."""
    ids = [m.pk for m in meetings]
    if not ids:
        return
    participants = _per_row(Participation.objects, "meeting_id", ids, n=Count("id"))
    articles = _per_row(Meeting.articles.through.objects, "meeting_id", ids, n=Count("id"))
    for meeting in meetings:
        meeting.participant_count = participants.get(meeting.pk, {}).get("n", 0)
        meeting.article_count = articles.get(meeting.pk, {}).get("n", 0)
    with_labels(meetings, "kind")


def meeting_detail(pk):
    return (
        Meeting.objects.select_related("locality")
        .prefetch_related(
            Prefetch("participations",
                     queryset=Participation.objects.select_related("person", "organization")
                     .order_by("side", "role", "id")),
            Prefetch("partnerships", queryset=Partnership.objects.select_related("partner_locality",
                                                                                 "hanoi_locality")),
            Prefetch("agreements"),
            "organizations",
            "areas",
            Prefetch("articles", queryset=SourceArticle.objects.defer("raw_text", "clean_text")),
        )
        .get(pk=pk)
    )


def article_list():
    """Articles newest first; ``meeting_count`` comes from ``article_list_counts``."""
    return SourceArticle.objects.defer("raw_text", "clean_text").order_by("-published_on", "-id")


def article_list_counts(articles):
    ids = [a.pk for a in articles]
    if not ids:
        return
    meetings = _per_row(Meeting.articles.through.objects, "sourcearticle_id", ids, n=Count("id"))
    for article in articles:
        article.meeting_count = meetings.get(article.pk, {}).get("n", 0)


def article_detail(pk):
    return SourceArticle.objects.defer("raw_text").prefetch_related(
        Prefetch("meetings", queryset=Meeting.objects.prefetch_related(
            Prefetch("partnerships", queryset=Partnership.objects.select_related("partner_locality")))),
        Prefetch("stage_changes", queryset=StageChange.objects.select_related("agreement")),
    ).get(pk=pk)


def person_list():
    """People by name; ``meeting_count``, ``first_met_on`` and ``last_met_on`` come from
    ``person_list_counts`` for the shown page."""
    return Person.objects.order_by("full_name", "-id")


def person_sort_annotations():
    last_met = (Participation.objects.filter(person=OuterRef("pk")).order_by("-meeting__date")
                .values("meeting__date")[:1])
    return {
        "meeting_count": {"meeting_count": _count_subquery(Participation.objects, "person")},
        "last_met_on": {"last_met_on": Subquery(last_met)},
    }


def person_list_counts(people):
    ids = [p.pk for p in people]
    if not ids:
        return
    stats = _per_row(Participation.objects, "person_id", ids, meeting_count=Count("id"),
                     last_met_on=Max("meeting__date"), first_met_on=Min("meeting__date"))
    for person in people:
        row = stats.get(person.pk, {})
        person.meeting_count = row.get("meeting_count", 0)
        person.last_met_on = row.get("last_met_on")
        person.first_met_on = row.get("first_met_on")


def person_detail(pk):
    """A person with every meeting (newest first) and ``titles``: each title held, with the
    first and last meeting date it was stated at."""
    person = Person.objects.prefetch_related(
        Prefetch("participations",
                 queryset=Participation.objects.select_related("meeting", "organization")
                 .prefetch_related(Prefetch("meeting__partnerships",
                                            queryset=Partnership.objects.select_related("partner_locality")))
                 .order_by("-meeting__date", "-meeting_id"))
    ).get(pk=pk)
    titles = {}  # title -> (first meeting, last meeting) it was stated at
    for participation in person.participations.all():
        if not participation.title_at_time:
            continue
        meeting = participation.meeting
        first, last = titles.get(participation.title_at_time, (meeting, meeting))
        titles[participation.title_at_time] = (min(first, meeting, key=lambda m: m.date),
                                               max(last, meeting, key=lambda m: m.date))
    person.titles = sorted(({"title": t, "first": f, "last": la} for t, (f, la) in titles.items()),
                           key=lambda row: row["first"].date)
    return person


def meetings_for_calendar(*, since):
    return Meeting.objects.filter(date__gte=since).select_related("locality").prefetch_related(
        Prefetch("partnerships", queryset=Partnership.objects.select_related("partner_locality"))
    ).order_by("date", "id")

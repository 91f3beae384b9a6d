"""Read queries behind the dashboard's meeting, article and people pages."""
from django.db.models import Count, Max, Min, Prefetch

from meetings.models import Meeting, Participation, Person, SourceArticle
from partnerships.models import Partnership, StageChange


def meeting_list():
    return (
        Meeting.objects.select_related("locality")
        .prefetch_related(
            Prefetch("partnerships", queryset=Partnership.objects.select_related("partner_locality")),
            "areas",
        )
        .annotate(participant_count=Count("participations", distinct=True),
                  article_count=Count("articles", distinct=True))
        .order_by("-date", "-id")
    )


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
    return (
        SourceArticle.objects.defer("raw_text", "clean_text")
        .annotate(meeting_count=Count("meetings", distinct=True))
        .order_by("-published_on", "-id")
    )


def article_detail(pk):
    return SourceArticle.objects.defer("raw_text").prefetch_related(
        Prefetch("meetings", queryset=Meeting.objects.prefetch_related(
            Prefetch("partnerships", queryset=Partnership.objects.select_related("partner_locality")))),
        Prefetch("stage_changes", queryset=StageChange.objects.select_related("agreement")),
    ).get(pk=pk)


def person_list():
    return Person.objects.annotate(
        meeting_count=Count("participations", distinct=True),
        last_met_on=Max("participations__meeting__date"),
        first_met_on=Min("participations__meeting__date"),
    ).order_by("full_name")


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

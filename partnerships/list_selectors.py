"""Read queries behind the dashboard's partnership pages, already joined for what the
templates show. (Kept apart from partnerships/selectors.py, which holds the workflow's
reads such as partnerships_dormant, while both are being written.)"""
import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Max, Prefetch, Q

from meetings.models import Meeting, Participation, SourceArticle
from partnerships.models import Agreement, Locality, Milestone, Partnership, StageChange


def partnership_list():
    return (
        Partnership.objects.select_related("hanoi_locality", "partner_locality", "partner_locality__parent",
                                           "responsible_officer")
        .prefetch_related("areas")
        .annotate(meeting_count=Count("meetings", distinct=True), last_meeting_on=Max("meetings__date"))
        .order_by("partner_locality__name_en", "hanoi_locality__name_en")
    )


def agreement_list():
    return (
        Agreement.objects.select_related("partnership__partner_locality", "partnership__hanoi_locality",
                                         "responsible_officer")
        .prefetch_related("areas")
        .order_by("-valid_from", "title", "id")
    )


def milestone_list():
    return Milestone.objects.select_related(
        "owner", "agreement__partnership__partner_locality", "partnership__partner_locality"
    ).order_by("due_on", "id")


def agreement_documents_model():
    """AgreementDocument when the workflow has added it, else None."""
    try:
        return apps.get_model("partnerships", "AgreementDocument")
    except LookupError:
        return None


def agreement_detail(pk):
    prefetches = [
        Prefetch("stage_changes", queryset=StageChange.objects.select_related("evidence", "recorded_by")),
        Prefetch("milestones", queryset=Milestone.objects.select_related("owner")),
        Prefetch("meetings", queryset=Meeting.objects.order_by("-date")),
        "areas",
        Prefetch("renewals", queryset=Agreement.objects.only("id", "title", "renews_id", "stage")),
    ]
    document_model = agreement_documents_model()
    if document_model is not None:
        prefetches.append(Prefetch("documents", queryset=document_model.objects.select_related("uploaded_by")))
    return (
        Agreement.objects.select_related("partnership__partner_locality__parent", "partnership__hanoi_locality",
                                         "responsible_officer", "renews")
        .prefetch_related(*prefetches)
        .get(pk=pk)
    )


@dataclass
class TimelineEntry:
    date: datetime.date
    kind: str  # meeting | stage | article | milestone
    obj: object
    locality: Locality | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class PartnerTimeline:
    locality: Locality
    children: list
    partnerships: list
    agreements: list
    entries: list
    people: list


def partner_timeline(locality_id):
    """Everything about one partner locality and its child localities (Chanthabuly under
    Vientiane), in date order, newest first. A fixed number of queries."""
    locality = Locality.objects.select_related("parent").prefetch_related(
        Prefetch("children", queryset=Locality.objects.order_by("name_en"))
    ).get(pk=locality_id, is_hanoi_side=False)
    localities = [locality, *locality.children.all()]
    ids = [loc.pk for loc in localities]

    partnerships = list(
        Partnership.objects.filter(partner_locality_id__in=ids)
        .select_related("hanoi_locality", "partner_locality", "responsible_officer")
        .prefetch_related("areas")
    )
    agreements = list(
        Agreement.objects.filter(partnership__partner_locality_id__in=ids)
        .select_related("partnership__partner_locality", "partnership__hanoi_locality")
        .order_by("-valid_from", "title")
    )
    meetings = list(
        Meeting.objects.filter(Q(partnerships__partner_locality_id__in=ids) | Q(locality_id__in=ids))
        .distinct()
        .prefetch_related(
            Prefetch("participations",
                     queryset=Participation.objects.select_related("person", "organization").order_by("side", "role",
                                                                                                       "id")),
            Prefetch("articles", queryset=SourceArticle.objects.only("id", "title", "publisher", "published_on",
                                                                     "url", "review_status")),
            Prefetch("partnerships", queryset=Partnership.objects.select_related("partner_locality")),
        )
    )
    stage_changes = list(
        StageChange.objects.filter(agreement__partnership__partner_locality_id__in=ids)
        .select_related("agreement", "evidence", "recorded_by")
    )
    milestones = list(
        Milestone.objects.filter(Q(partnership__partner_locality_id__in=ids)
                                 | Q(agreement__partnership__partner_locality_id__in=ids))
        .select_related("owner", "agreement")
    )

    entries = [TimelineEntry(m.date, "meeting", m) for m in meetings]
    entries += [TimelineEntry(sc.changed_on, "stage", sc) for sc in stage_changes]
    seen_articles = set()
    for m in meetings:
        for article in m.articles.all():
            if article.pk not in seen_articles and article.published_on:
                seen_articles.add(article.pk)
                entries.append(TimelineEntry(article.published_on, "article", article))
    entries += [TimelineEntry(ms.completed_on or ms.due_on, "milestone", ms) for ms in milestones]
    order = {"milestone": 0, "stage": 1, "meeting": 2, "article": 3}
    # Newest first; on the same day: milestones, stage changes, meetings, articles, each by id.
    entries.sort(key=lambda e: (e.date, -order[e.kind], e.obj.pk), reverse=True)

    people = {}
    for m in meetings:
        for p in m.participations.all():
            if p.side != Participation.Side.HANOI:
                entry = people.setdefault(p.person_id, {"person": p.person, "titles": [], "meetings": 0,
                                                        "last": m.date})
                entry["meetings"] += 1
                entry["last"] = max(entry["last"], m.date)
                if p.title_at_time and p.title_at_time not in [t for t, _ in entry["titles"]]:
                    entry["titles"].append((p.title_at_time, m.display_date))
    people_list = sorted(people.values(), key=lambda e: e["last"], reverse=True)

    return PartnerTimeline(locality=locality, children=localities[1:], partnerships=partnerships,
                           agreements=agreements, entries=entries, people=people_list)

"""Read queries behind the dashboard's partnership pages, already joined for what the
templates show. (Kept apart from partnerships/selectors.py, which holds the workflow's
reads such as partnerships_dormant, while both are being written.)"""
import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects

from meetings.models import Meeting, Participation, Person, SourceArticle
from partnerships.models import Agreement, Locality, Milestone, Partnership, StageChange


def partnership_list():
    """Partnerships by partner name; ``meeting_count`` and ``last_meeting_on`` come from
    ``partnership_list_counts`` for the shown page (or from ``partnership_sort_annotations``
    when the list is sorted by the last meeting)."""
    return (
        Partnership.objects.select_related("hanoi_locality", "partner_locality", "partner_locality__parent",
                                           "responsible_officer")
        .prefetch_related("areas")
        .order_by("partner_locality__name_en", "hanoi_locality__name_en", "id")
    )


def partnership_sort_annotations():
    last = (Meeting.objects.filter(partnerships=OuterRef("pk")).order_by("-date").values("date")[:1])
    return {"last_meeting_on": {"last_meeting_on": Subquery(last)}}


def partnership_list_counts(partnerships):
    """Sets ``meeting_count`` and ``last_meeting_on`` on each of ``partnerships`` (one page)."""
    ids = [p.pk for p in partnerships]
    if not ids:
        return
    rows = (Meeting.partnerships.through.objects.filter(partnership_id__in=ids).order_by()
            .values("partnership_id").annotate(n=Count("id"), last=Max("meeting__date")))
    stats = {row["partnership_id"]: row for row in rows}
    for partnership in partnerships:
        row = stats.get(partnership.pk, {})
        partnership.meeting_count = row.get("n", 0)
        partnership.last_meeting_on = row.get("last")


def agreement_list(*, with_areas=True):
    """Agreements with what the list and its CSV show; the areas only appear in the CSV."""
    queryset = (
        Agreement.objects.select_related("partnership__partner_locality", "partnership__hanoi_locality")
        .order_by("-valid_from", "title", "id")
    )
    return queryset.prefetch_related("areas") if with_areas else queryset


class BoardColumn(list):
    """The cards shown in one stage's column (a list), with `stage` and `total`, the number of
    agreements in that stage under the filters, which may be more than the cards shown."""

    def __init__(self, stage, cards=(), total=0):
        super().__init__(cards)
        self.stage, self.total = stage, total

    @property
    def more(self):
        return self.total - len(self)


def agreement_board(queryset, *, per_stage):
    """The pipeline board of the filtered, sorted agreements `queryset`: one BoardColumn per
    stage with its first `per_stage` cards in the queryset's order. Two queries whatever the
    number of agreements: the totals per stage, then the shown cards, each stage's first ones
    found by a LIMITed subquery that the (stage, stage_changed_on, title, id) index answers
    for the default order."""
    # COUNT(*): unfiltered, the index on stage alone answers it.
    totals = dict(queryset.order_by().values_list("stage").annotate(n=Count("*")))
    firsts = Q()
    for stage in totals:
        firsts |= Q(pk__in=queryset.filter(stage=stage).values("pk")[:per_stage])
    columns = {stage: BoardColumn(stage, total=totals.get(stage, 0)) for stage in Agreement.Stage}
    if totals:
        cards = (queryset.filter(firsts).select_related(None).select_related("partnership__partner_locality")
                 .prefetch_related(None))  # a card shows its partner, not the areas
        for card in cards:
            columns[Agreement.Stage(card.stage)].append(card)
    return list(columns.values())


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
    hidden_entries: int = 0
    hidden_people: int = 0


def partner_timeline(locality_id, *, limit=None, people_limit=None):
    """Everything about one partner locality and its child localities (Chanthabuly under
    Vientiane), in date order, newest first. A fixed number of queries.

    ``limit`` keeps the newest entries only and ``people_limit`` the people met most recently
    (``hidden_entries``/``hidden_people`` say how many were left out): the busiest partner has
    800 entries and 1,000 participations, and building them all was most of the page."""
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
    partnership_ids = [p.pk for p in partnerships]
    agreements = list(
        Agreement.objects.filter(partnership_id__in=partnership_ids)
        .select_related("partnership__partner_locality", "partnership__hanoi_locality")
        .order_by("-valid_from", "title")
    )
    agreement_ids = [a.pk for a in agreements]
    # The meeting ids first, each side through its own index: an OR across the join with
    # DISTINCT read all 100,000 meetings.
    meeting_ids = set(Meeting.partnerships.through.objects.filter(partnership_id__in=partnership_ids)
                      .values_list("meeting_id", flat=True))
    meeting_ids.update(Meeting.objects.filter(locality_id__in=ids).values_list("id", flat=True))
    meetings = list(
        Meeting.objects.filter(pk__in=meeting_ids)
        .only("id", "title", "date", "date_precision", "kind")
    )
    # Articles about those meetings: (id, date) here, the rows only for the entries shown.
    article_dates = dict(
        Meeting.articles.through.objects.filter(meeting_id__in=meeting_ids,
                                                sourcearticle__published_on__isnull=False)
        .values_list("sourcearticle_id", "sourcearticle__published_on")
    )
    stage_changes = list(
        StageChange.objects.filter(agreement_id__in=agreement_ids)
        .select_related("agreement", "evidence", "recorded_by")
        .defer("evidence__raw_text", "evidence__clean_text", "evidence__draft")  # 3 KB texts, never shown
    )
    milestones = list(
        Milestone.objects.filter(Q(partnership_id__in=partnership_ids) | Q(agreement_id__in=agreement_ids))
        .select_related("owner")
    )

    entries = [TimelineEntry(m.date, "meeting", m) for m in meetings]
    entries += [TimelineEntry(sc.changed_on, "stage", sc) for sc in stage_changes]
    entries += [TimelineEntry(on, "article", SourceArticle(pk=pk)) for pk, on in article_dates.items()]
    entries += [TimelineEntry(ms.completed_on or ms.due_on, "milestone", ms) for ms in milestones]
    order = {"milestone": 0, "stage": 1, "meeting": 2, "article": 3}
    # Newest first; on the same day: milestones, stage changes, meetings, articles, each by id.
    entries.sort(key=lambda e: (e.date, -order[e.kind], e.obj.pk), reverse=True)

    hidden_entries = 0
    if limit is not None:
        hidden_entries = max(0, len(entries) - limit)
        entries = entries[:limit]
    articles = SourceArticle.objects.only("id", "title", "publisher", "published_on", "url", "review_status").in_bulk(
        [e.obj.pk for e in entries if e.kind == "article"])
    for entry in entries:
        if entry.kind == "article":
            entry.obj = articles[entry.obj.pk]
    prefetch_related_objects(
        [e.obj for e in entries if e.kind == "meeting"],
        Prefetch("participations", queryset=Participation.objects.select_related("person")
                 .only("id", "meeting_id", "person_id", "title_at_time", "side", "role",
                       "person__id", "person__full_name")
                 .order_by("side", "role", "id")),
    )

    # People met on the partner side, over every meeting, read as plain values.
    rows = (Participation.objects.filter(meeting_id__in=meeting_ids).exclude(side=Participation.Side.HANOI)
            .order_by("side", "role", "id").values_list("meeting_id", "person_id", "title_at_time"))
    by_meeting = {}
    for meeting_id, person_id, title in rows:
        by_meeting.setdefault(meeting_id, []).append((person_id, title))
    people = {}
    for m in sorted(meetings, key=lambda m: (m.date, m.pk), reverse=True):
        for person_id, title in by_meeting.get(m.pk, ()):
            entry = people.setdefault(person_id, {"person": person_id, "titles": [], "meetings": 0, "last": m.date})
            entry["meetings"] += 1
            entry["last"] = max(entry["last"], m.date)
            if title and title not in [t for t, _ in entry["titles"]]:
                entry["titles"].append((title, m.display_date))
    people_list = sorted(people.values(), key=lambda e: e["last"], reverse=True)
    hidden_people = 0
    if people_limit is not None:
        hidden_people = max(0, len(people_list) - people_limit)
        people_list = people_list[:people_limit]
    persons = Person.objects.only("id", "full_name").in_bulk([e["person"] for e in people_list])
    for entry in people_list:
        entry["person"] = persons[entry["person"]]

    return PartnerTimeline(locality=locality, children=localities[1:], partnerships=partnerships,
                           agreements=agreements, entries=entries, people=people_list,
                           hidden_entries=hidden_entries, hidden_people=hidden_people)

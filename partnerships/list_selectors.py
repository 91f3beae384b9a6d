"""Read queries behind the dashboard's partnership pages, already joined for what the
templates show. (Kept apart from partnerships/selectors.py, which holds the workflow's
reads such as partnerships_dormant, while both are being written.)"""
import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery, Window, prefetch_related_objects
from django.db.models.functions import Coalesce

from meetings.models import Meeting, Participation, Person, SourceArticle
from partnerships.models import Agreement, Locality, Milestone, Partnership, StageChange


def with_labels(rows, *fields):
    """Sets ``<field>_label`` on each of ``rows`` (model instances of one model): what
    ``get_<field>_display()`` gives. That method translates every choice of the field on each
    call (Django hashes the lazy labels), 200 to 250 function calls a row: on the partner page's
    hundred rows it was a tenth of the render. Here each choice is translated once."""
    rows = list(rows)
    if not rows:
        return
    meta = type(rows[0])._meta
    for name in fields:
        labels = {value: str(label) for value, label in meta.get_field(name).flatchoices}
        for row in rows:
            value = getattr(row, name)
            setattr(row, f"{name}_label", labels.get(value, value))


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
    """Sets ``meeting_count`` and ``last_meeting_on`` (and the level and status labels, see
    ``with_labels``) on each of ``partnerships`` (one page)."""
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
    with_labels(partnerships, "level", "status")


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


def _newest(queryset, limit, *order):
    """(rows, total): the first ``limit`` rows of ``queryset`` in ``order`` (all when ``limit`` is
    None) and how many rows it has, in one query (COUNT(*) OVER () is taken before the LIMIT)."""
    queryset = queryset.order_by(*order)
    if limit is None:
        rows = list(queryset)
        return rows, len(rows)
    if limit == 0:
        return [], queryset.count()
    rows = list(queryset.annotate(timeline_total=Window(Count("*")))[:limit])
    return rows, rows[0].timeline_total if rows else 0


def partner_timeline(locality_id, *, limit=None, people_limit=None):
    """Everything about one partner locality and its child localities (Chanthabuly under
    Vientiane), in date order, newest first. A fixed number of queries.

    ``limit`` keeps the newest entries only and ``people_limit`` the people met most recently
    (``hidden_entries``/``hidden_people`` say how many were left out). The busiest partner has
    900 entries and 300 people met: each kind of entry is read newest first and LIMITed in SQL
    (the newest ``limit`` entries overall are among the newest ``limit`` of each kind), with its
    total beside it, and the people met are grouped in SQL; only what is shown becomes a model."""
    # The locality and its children in one query.
    locality_id = int(locality_id)
    rows = list(Locality.objects.filter(Q(pk=locality_id, is_hanoi_side=False) | Q(parent_id=locality_id))
                .select_related("parent").order_by("name_en", "pk"))
    locality = next((row for row in rows if row.pk == locality_id and not row.is_hanoi_side), None)
    if locality is None:
        raise Locality.DoesNotExist(f"No partner locality {locality_id}")
    localities = [locality, *(row for row in rows if row.parent_id == locality.pk)]
    ids = [loc.pk for loc in localities]

    partnerships = list(
        Partnership.objects.filter(partner_locality_id__in=ids)
        .select_related("hanoi_locality", "partner_locality", "responsible_officer")
        .prefetch_related("areas")
    )
    by_partnership = {p.pk: p for p in partnerships}
    # No join for the partnership: it is one of those above (a join read all 3,000 of them).
    agreements = list(Agreement.objects.filter(partnership_id__in=by_partnership).order_by("-valid_from", "title"))
    for agreement in agreements:
        agreement.partnership = by_partnership[agreement.partnership_id]
    by_agreement = {a.pk: a for a in agreements}
    # The partner's meetings, each side through its own index (an OR across the join with
    # DISTINCT read all 100,000 meetings): a UNION, used as a subquery by the queries below.
    meeting_ids = (
        Meeting.partnerships.through.objects.filter(partnership_id__in=by_partnership).values("meeting_id")
        .union(Meeting.objects.filter(locality_id__in=ids).order_by().values("id"))
    )

    # The newest of each kind, in the timeline's order for that kind: date, then id.
    meetings, meeting_total = _newest(
        Meeting.objects.filter(pk__in=meeting_ids).only("id", "title", "date", "date_precision", "kind"),
        limit, "-date", "-id")
    articles, article_total = _newest(
        SourceArticle.objects.filter(
            pk__in=Meeting.articles.through.objects.filter(meeting_id__in=meeting_ids).values("sourcearticle_id"),
            published_on__isnull=False)
        .only("id", "title", "publisher", "published_on", "url", "review_status"),
        limit, "-published_on", "-id")
    stage_changes, stage_total = _newest(
        StageChange.objects.filter(agreement_id__in=by_agreement).select_related("evidence")
        .only("id", "agreement_id", "from_stage", "to_stage", "changed_on", "evidence__id", "evidence__title"),
        limit, "-changed_on", "-id")
    for change in stage_changes:
        change.agreement = by_agreement[change.agreement_id]
    milestones, milestone_total = _newest(
        Milestone.objects.filter(Q(partnership_id__in=by_partnership) | Q(agreement_id__in=by_agreement))
        .select_related("owner").annotate(timeline_on=Coalesce("completed_on", "due_on")),
        limit, "-timeline_on", "-id")

    entries = [TimelineEntry(m.date, "meeting", m) for m in meetings]
    entries += [TimelineEntry(sc.changed_on, "stage", sc) for sc in stage_changes]
    entries += [TimelineEntry(a.published_on, "article", a) for a in articles]
    entries += [TimelineEntry(ms.completed_on or ms.due_on, "milestone", ms) for ms in milestones]
    order = {"milestone": 0, "stage": 1, "meeting": 2, "article": 3}
    # Newest first; on the same day: milestones, stage changes, meetings, articles, each by id.
    entries.sort(key=lambda e: (e.date, -order[e.kind], e.obj.pk), reverse=True)
    total = meeting_total + article_total + stage_total + milestone_total
    if limit is not None:
        entries = entries[:limit]
    hidden_entries = total - len(entries)
    with_labels(partnerships, "level", "status")
    with_labels(agreements, "stage", "kind")
    with_labels([e.obj for e in entries if e.kind == "meeting"], "kind")
    with_labels([e.obj for e in entries if e.kind == "stage"], "from_stage", "to_stage")
    with_labels([e.obj for e in entries if e.kind == "milestone"], "status")
    prefetch_related_objects(
        [e.obj for e in entries if e.kind == "meeting"],
        Prefetch("participations", queryset=Participation.objects.select_related("person")
                 .only("id", "meeting_id", "person_id", "title_at_time", "side", "role",
                       "person__id", "person__full_name")
                 .order_by("side", "role", "id")),
    )

    people_list, hidden_people = _people_met(meeting_ids, people_limit)
    return PartnerTimeline(locality=locality, children=localities[1:], partnerships=partnerships,
                           agreements=agreements, entries=entries, people=people_list,
                           hidden_entries=hidden_entries, hidden_people=hidden_people)


def _people_met(meeting_ids, people_limit):
    """The people met on the partner side at ``meeting_ids``, most recently met first, at most
    ``people_limit`` of them, and how many more there are: each with the number of meetings, the
    last date and the titles stated (newest first, with the date of the latest meeting each title
    was stated at). Two queries: the people grouped in SQL (by id only: joining the names there
    read all 20,000 people), then the names and titles of those shown."""
    partner_side = Participation.objects.filter(meeting_id__in=meeting_ids).exclude(side=Participation.Side.HANOI)
    # On the same last date, the one seen at the latest recorded meeting first (as the page did
    # when it went through the meetings newest first).
    grouped = (partner_side.order_by().values("person_id")
               .annotate(meetings=Count("*"), last=Max("meeting__date"), latest_meeting=Max("meeting_id"))
               .order_by("-last", "-latest_meeting", "person_id"))
    if people_limit == 0:
        return [], grouped.count()
    if people_limit is None:
        rows, hidden = list(grouped), 0
    else:
        rows = list(grouped.annotate(people_total=Window(Count("*")))[:people_limit])
        hidden = rows[0]["people_total"] - len(rows) if rows else 0
    people = [{"person": None, "titles": [], "meetings": row["meetings"], "last": row["last"]} for row in rows]
    by_person = {row["person_id"]: entry for row, entry in zip(rows, people)}
    stated = (partner_side.filter(person_id__in=by_person).order_by("-meeting__date", "-meeting_id")
              .values_list("person_id", "person__full_name", "title_at_time", "meeting__date",
                           "meeting__date_precision"))
    for person_id, name, title, on, precision in stated:
        entry = by_person[person_id]
        if entry["person"] is None:
            # As Person.objects.only("id", "full_name") would give it: the other fields deferred.
            entry["person"] = Person.from_db(partner_side.db, ["id", "full_name"], [person_id, name])
        if title and title not in [t for t, _ in entry["titles"]]:
            entry["titles"].append((title, Meeting(date=on, date_precision=precision).display_date))
    return people, hidden

"""Read queries behind the dashboard's partnership pages, already joined for what the
templates show. (Kept apart from partnerships/selectors.py, which holds the workflow's
reads such as partnerships_dormant, while both are being written.)"""
import datetime
from dataclasses import dataclass, field
from operator import itemgetter

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Max, OuterRef, Prefetch, Q, Subquery, Window
from django.utils import timezone

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
    # One subquery per shown partnership: as one GROUP BY over the 25 ids, the planner hashed
    # all 100,000 meetings for the dates (21 ms against 7).
    links = Meeting.partnerships.through.objects.filter(partnership_id=OuterRef("pk")).order_by()
    rows = Partnership.objects.filter(pk__in=ids).order_by().annotate(
        n=Subquery(links.values("partnership_id").annotate(n=Count("*")).values("n")),
        last=Subquery(links.values("partnership_id").annotate(last=Max("meeting__date")).values("last")),
    ).values("pk", "n", "last")
    stats = {row["pk"]: {"n": row["n"] or 0, "last": row["last"]} for row in rows}
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
    stage with its first `per_stage` cards in the queryset's order. Three queries whatever the
    number of agreements: the totals per stage, the shown cards' ids (each stage's first ones
    found by a LIMITed subquery that the (stage, stage_changed_on, title, id) index answers
    for the default order), then the cards."""
    # COUNT(*): unfiltered, the index on stage alone answers it.
    totals = dict(queryset.order_by().values_list("stage").annotate(n=Count("*")))
    firsts = [queryset.filter(stage=stage).values("pk")[:per_stage] for stage in totals]
    columns = {stage: BoardColumn(stage, total=totals.get(stage, 0)) for stage in Agreement.Stage}
    if totals:
        if connection.features.supports_slicing_ordering_in_compound:
            # The ids first (UNION ALL of LIMITed index scans), then the cards by primary key: as
            # one query, the planner scanned every agreement against the eight subqueries.
            shown = Q(pk__in=list(firsts[0].union(*firsts[1:], all=True).values_list("pk", flat=True)))
        else:  # SQLite: no LIMIT inside a UNION
            shown = Q()
            for first in firsts:
                shown |= Q(pk__in=first)
        cards = (queryset.filter(shown).select_related(None).select_related("partnership__partner_locality")
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
    kind: str  # meeting | stage | article (what happened); meeting | milestone (coming up)
    obj: object
    locality: Locality | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class PartnerTimeline:
    """A partner's page. ``entries`` is what happened up to ``today`` (meetings, agreement stage
    changes, articles), newest first; ``upcoming`` what comes after: planned meetings and the
    pending milestones due from today, soonest first. ``overdue_milestones`` and
    ``pending_milestones`` count the partner's pending milestones due before today and in all."""

    locality: Locality
    children: list
    partnerships: list
    agreements: list
    entries: list
    people: list
    upcoming: list = field(default_factory=list)
    today: datetime.date | None = None
    hidden_entries: int = 0
    hidden_people: int = 0
    planned_meetings: int = 0
    pending_milestones: int = 0
    overdue_milestones: int = 0

    @property
    def hidden_planned_meetings(self):
        return self.planned_meetings - sum(1 for e in self.upcoming if e.kind == "meeting")

    @property
    def planned_from(self):
        """The first day of the planned meetings (those of today have happened)."""
        return self.today + datetime.timedelta(days=1)


def _newest(queryset, limit, order, fields):
    """(rows, total): the first ``limit`` rows of ``queryset`` in ``order`` (field names, "-" for
    descending; all rows when ``limit`` is None) as tuples of ``fields``, and how many rows it
    has, in one query: COUNT(*) OVER () is taken before the LIMIT.

    Hazard: with a LIMIT, PostgreSQL 15 may walk an index in the order (published_on's here) and
    filter it for the partner's rows, as if it could stop after ``limit`` of them, but the window
    count reads to the end. It did so through the (status, due_on, id) index for the pending
    milestones: all 40,000 of them for a partner's 140, 45 ms. Nulls are put where no index built
    in the default order has them (first when ascending, last when descending; the columns read
    here hold none), and no index serves the order: the partner's rows are found through their
    own indexes, then sorted."""
    def key(name):
        return F(name[1:]).desc(nulls_last=True) if name.startswith("-") else F(name).asc(nulls_first=True)

    queryset = queryset.order_by(*(key(name) for name in order))
    if limit is None:
        rows = list(queryset.values_list(*fields))
        return rows, len(rows)
    if limit == 0:
        return [], queryset.count()
    rows = list(queryset.annotate(timeline_total=Window(Count("*"))).values_list(*fields, "timeline_total")[:limit])
    return [row[:-1] for row in rows], rows[0][-1] if rows else 0


def _coming_milestones(queryset, *, today, limit):
    """(milestones, pending, overdue): the first ``limit`` pending milestones of ``queryset`` due
    from ``today``, soonest first, and how many are pending and overdue in all, in one query: those
    due from today are sorted before the overdue ones, so that the counts come with a row whenever
    there is one. The owner's name comes through a subquery, read for the rows shown only (a join
    made PostgreSQL hash all 5,000 users for the partner's 140 milestones)."""
    users = get_user_model()
    late = Q(due_on__lt=today)
    rows = list(
        queryset.filter(status=Milestone.Status.PENDING)
        .only("id", "title", "agreement_id", "partnership_id", "due_on")
        .annotate(late=ExpressionWrapper(late, output_field=BooleanField()),
                  pending_total=Window(Count("*")), overdue_total=Window(Count("pk", filter=late)),
                  owner_name=Subquery(users.objects.filter(pk=OuterRef("owner_id")).values(users.USERNAME_FIELD)))
        .order_by("late", "due_on", "id")[:max(limit, 1)]
    )
    if not rows:
        return [], 0, 0
    return [row for row in rows if not row.late][:limit], rows[0].pending_total, rows[0].overdue_total


# The columns read, in the models' field order (Model.from_db wants it); the rows below are tuples
# of them: a meeting's date is row[2], a stage change's row[4] (then its evidence's title), an
# article's row[3].
MEETING_FIELDS = ["id", "title", "date", "date_precision", "kind"]
ARTICLE_FIELDS = ["id", "title", "publisher", "published_on"]
STAGE_FIELDS = ["id", "agreement_id", "from_stage", "to_stage", "changed_on", "evidence_id"]
AGREEMENT_FIELDS = ["id", "partnership_id", "kind", "title", "valid_until", "stage", "signed_on"]


def partner_timeline(locality_id, *, limit=None, people_limit=None, upcoming_limit=5, today=None):
    """Everything about one partner locality and its child localities (Chanthabuly under
    Vientiane). Seven queries, whatever the number of rows.

    ``today`` (default: today in Hanoi) divides what happened from what is coming. ``limit`` keeps
    the newest entries of what happened only and ``people_limit`` the people met most recently
    (``hidden_entries``/``hidden_people`` say how many were left out); ``upcoming_limit`` bounds
    the planned meetings and the coming milestones shown, each.

    The busiest partner has 320 meetings with 950 participants, 320 articles, 34 agreements with
    110 stage changes and 140 pending milestones. One query reads the partner's meetings with
    their participants (date order, a row each, plain values): the timeline's meetings, their
    participants, the planned meetings and the people met all come from it. Another reads the
    agreements with their stage changes. Articles are read newest first and LIMITed in SQL, with
    their total beside them (the newest ``limit`` entries overall are among the newest ``limit``
    of each kind), and the coming milestones soonest first, LIMITed. Only the entries shown
    become models."""
    today = today or timezone.localdate()
    # The locality and its children in one query.
    locality_id = int(locality_id)
    rows = list(Locality.objects.filter(Q(pk=locality_id, is_hanoi_side=False) | Q(parent_id=locality_id))
                .select_related("parent").order_by("name_en", "pk"))
    locality = next((row for row in rows if row.pk == locality_id and not row.is_hanoi_side), None)
    if locality is None:
        raise Locality.DoesNotExist(f"No partner locality {locality_id}")
    localities = [locality, *(row for row in rows if row.parent_id == locality.pk)]
    ids = [loc.pk for loc in localities]

    # The columns the page shows (a deferred one read by the template would cost a query per row:
    # tests/dashboard/test_query_counts.py would see it).
    partnerships = list(
        Partnership.objects.filter(partner_locality_id__in=ids)
        .select_related("hanoi_locality", "partner_locality", "responsible_officer")
        .only("level", "status", "established_on", "hanoi_locality__name_vi", "partner_locality__name_vi",
              "responsible_officer__username")
    )
    by_partnership = {p.pk: p for p in partnerships}
    # Their areas' names, as (name_vi, name_en) in ``area_names``: the through table's rows cost
    # less than prefetch_related("areas"), a third of this query's time.
    for partnership in partnerships:
        partnership.area_names = []
    for partnership_id, *names in (
            Partnership.areas.through.objects.filter(partnership_id__in=by_partnership)
            .order_by("cooperationarea__name_en", "cooperationarea_id")
            .values_list("partnership_id", "cooperationarea__name_vi", "cooperationarea__name_en")):
        by_partnership[partnership_id].area_names.append(names)
    agreements, stage_changes = _agreements_and_changes(by_partnership, today=today)
    by_agreement = {a.pk: a for a in agreements}
    # The partner's meetings, each side through its own index (an OR across the join with
    # DISTINCT read all 100,000 meetings): a UNION, used as a subquery by the queries below.
    meeting_ids = (
        Meeting.partnerships.through.objects.filter(partnership_id__in=by_partnership).values("meeting_id")
        .union(Meeting.objects.filter(locality_id__in=ids).order_by().values("id"))
    )

    meetings, participants, people, hidden_people = _meetings_and_people(
        meeting_ids, today=today, people_limit=people_limit)
    past = [key for key in meetings if key[2] <= today]  # newest first
    planned = [key for key in reversed(meetings) if key[2] > today]  # soonest first
    # The newest of each other kind, in the timeline's order for that kind: date, then id.
    articles, article_total = _newest(
        SourceArticle.objects.filter(
            pk__in=Meeting.articles.through.objects.filter(meeting_id__in=meeting_ids).values("sourcearticle_id"),
            published_on__lte=today),
        limit, ("-published_on", "-id"), ARTICLE_FIELDS)
    # Done and cancelled milestones are in the milestone list, which the page links to.
    milestones, pending_total, overdue_total = _coming_milestones(
        Milestone.objects.filter(Q(partnership_id__in=by_partnership) | Q(agreement_id__in=by_agreement)),
        today=today, limit=upcoming_limit)
    for milestone in milestones:
        if milestone.agreement_id:
            milestone.agreement = by_agreement[milestone.agreement_id]
        if milestone.partnership_id:
            milestone.partnership = by_partnership[milestone.partnership_id]

    # (date, rank on that day, id, kind, row), newest first; on the same day: stage changes,
    # meetings, articles, each by id. Only the entries shown become models.
    candidates = [(key[2], 1, key[0], "meeting", key) for key in past[:limit]]
    candidates += [(row[4], 2, row[0], "stage", row) for row in stage_changes[:limit]]
    candidates += [(row[3], 0, row[0], "article", row) for row in articles]
    candidates = sorted(candidates, key=itemgetter(0, 1, 2), reverse=True)[:limit]
    db = Meeting.objects.db
    entries = [TimelineEntry(on, kind, _entry_model(kind, row, db=db, agreements=by_agreement))
               for on, _, _, kind, row in candidates]
    upcoming = [TimelineEntry(key[2], "meeting", Meeting.from_db(db, MEETING_FIELDS, key))
                for key in planned[:upcoming_limit]]
    upcoming += [TimelineEntry(milestone.due_on, "milestone", milestone) for milestone in milestones]
    # Soonest first; on the same day the milestone (often what the meeting needs) first.
    upcoming.sort(key=lambda e: (e.date, e.kind != "milestone", e.obj.pk))

    shown_meetings = [e.obj for e in entries if e.kind == "meeting"]
    for meeting in shown_meetings:
        meeting.participants = participants[meeting.pk]
    with_labels(partnerships, "level", "status")
    with_labels(agreements, "stage", "kind")
    with_labels([*shown_meetings, *(e.obj for e in upcoming if e.kind == "meeting")], "kind")
    with_labels([e.obj for e in entries if e.kind == "stage"], "from_stage", "to_stage")

    for row in people:
        # As Person.objects.only("id", "full_name") would give it: the other fields deferred.
        row["person"] = Person.from_db(db, ["id", "full_name"], row["person"])
        row["titles"] = [(title, Meeting(date=on, date_precision=precision).display_date)
                         for title, on, precision in row["titles"]]
    return PartnerTimeline(
        locality=locality, children=localities[1:], partnerships=partnerships, agreements=agreements,
        entries=entries, people=people, upcoming=upcoming, today=today,
        hidden_entries=len(past) + article_total + len(stage_changes) - len(entries),
        hidden_people=hidden_people, planned_meetings=len(planned),
        pending_milestones=pending_total, overdue_milestones=overdue_total)


def _agreements_and_changes(partnerships, *, today):
    """(agreements, stage changes) of ``partnerships`` ({id: Partnership}) in one query of plain
    values (a row per agreement and stage change): the agreements newest first (valid from, then
    title), as models with the fields the page shows and their partnership set (no join for it:
    a join read all 3,000 partnerships), and their stage changes up to ``today``, newest first
    (date, then id), as rows of ``STAGE_FIELDS`` and the evidence's title. An agreement goes
    through a handful of stages (six at most at scale): all of them cost less than a second,
    LIMITed query."""
    rows = (
        Agreement.objects.filter(partnership_id__in=partnerships)
        .order_by("-valid_from", "title", "id")
        .values_list(*AGREEMENT_FIELDS, "stage_changes__id", "stage_changes__from_stage", "stage_changes__to_stage",
                     "stage_changes__changed_on", "stage_changes__evidence_id", "stage_changes__evidence__title")
    )
    db, width = Agreement.objects.db, len(AGREEMENT_FIELDS)
    agreements, changes = {}, []
    for row in rows:
        agreement_id = row[0]
        change_id, from_stage, to_stage, on, evidence_id, evidence_title = row[width:]
        if agreement_id not in agreements:
            agreement = agreements[agreement_id] = Agreement.from_db(db, AGREEMENT_FIELDS, row[:width])
            agreement.partnership = partnerships[agreement.partnership_id]
        if change_id is not None and on <= today:
            changes.append((change_id, agreement_id, from_stage, to_stage, on, evidence_id, evidence_title))
    changes.sort(key=itemgetter(4, 0), reverse=True)
    return list(agreements.values()), changes


def _entry_model(kind, row, *, db, agreements):
    """The model instance of a timeline entry read as a row of ``<KIND>_FIELDS``: only the fields
    read, the others deferred, as ``.only()`` would give it."""
    if kind == "meeting":
        return Meeting.from_db(db, MEETING_FIELDS, row)
    if kind == "article":
        return SourceArticle.from_db(db, ARTICLE_FIELDS, row)
    change = StageChange.from_db(db, STAGE_FIELDS, row[:-1])
    change.agreement = agreements[change.agreement_id]
    if change.evidence_id:
        change.evidence = SourceArticle.from_db(db, ["id", "title"], [change.evidence_id, row[-1]])
    return change


def _meetings_and_people(meeting_ids, *, today, people_limit):
    """The meetings ``meeting_ids`` with who was there, in one query of plain values (a row per
    meeting and participant, date order):

    - the meetings, newest first (date, then id), as (id, title, date, date_precision, kind);
    - {meeting id: its participants as (full name, title at the time)}, in the meeting's order
      (side, role, id);
    - the people met on the partner side up to ``today``, most recently met first (on the same
      day, those of the later recorded meeting first, in its order), at most ``people_limit`` of
      them (all when None), each as a dict with ``person`` ((id, full name)), ``meetings`` (how
      many), ``last`` (the date of the latest) and ``titles``: the titles stated, newest first,
      each once, as (title, date, date_precision) of the latest meeting it was stated at;
    - how many more people were met.

    The busiest partner's 950 rows cost less grouped here than a GROUP BY in SQL and two more
    queries (the names and titles of the people shown, the participants of the meetings shown)."""
    rows = (
        Meeting.objects.filter(pk__in=meeting_ids)
        .order_by("-date", "-id", "participations__side", "participations__role", "participations__id")
        .values_list(*MEETING_FIELDS, "participations__person_id", "participations__person__full_name",
                     "participations__title_at_time", "participations__side")
    )
    meetings, participants, people, others = {}, {}, {}, set()
    for meeting_id, title, on, precision, kind, person_id, name, stated, side in rows:
        if meeting_id not in meetings:
            meetings[meeting_id] = (meeting_id, title, on, precision, kind)
            participants[meeting_id] = []
        if person_id is None:
            continue
        participants[meeting_id].append((name, stated))
        if side == Participation.Side.HANOI or on > today:
            continue
        row = people.get(person_id)
        if row is None:
            if people_limit is not None and len(people) >= people_limit:
                others.add(person_id)  # met, not shown: counted only
                continue
            row = people[person_id] = {"person": (person_id, name), "meetings": 0, "last": on, "titles": []}
        row["meetings"] += 1
        if stated and all(stated != known for known, _, _ in row["titles"]):
            row["titles"].append((stated, on, precision))
    return list(meetings.values()), participants, list(people.values()), len(others)

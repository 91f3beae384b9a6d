"""What the partner page and the overview read. The partner page shows what happened up to today
(meetings, agreement stage changes, articles), each kind read newest first and LIMITed in SQL,
and apart from it what is coming (planned meetings, the pending milestones due from today): the
entries shown, their order and the counts must be what a reader of every row would get (computed
here from the rows themselves, not through the selector), and the query counts must not grow with
the rows. The overview reads only the columns it shows."""
import datetime
import random
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from meetings.models import Meeting, Participation
from partnerships.list_selectors import partner_timeline
from partnerships.models import Locality, Milestone, StageChange
from partnerships.views import PartnerTimelineView
from tests.factories import (
    AgreementFactory,
    HanoiFactory,
    LocalityFactory,
    MeetingFactory,
    MilestoneFactory,
    ParticipationFactory,
    PartnershipFactory,
    PersonFactory,
    SourceArticleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ORDER = {"stage": 1, "meeting": 2, "article": 3}
START = datetime.date(2024, 1, 1)
LATER = datetime.date(2030, 1, 1)  # after every row: all of it has happened


def day(n):
    return START + datetime.timedelta(days=n)


@pytest.fixture
def busy():
    """Vientiane with a district inside it, two partnerships, agreements, and about a hundred
    entries of every kind on few distinct days (so that many fall on the same day), milestones
    pending, done and cancelled, plus rows of another partner that must not show."""
    rng = random.Random(7)
    hanoi = HanoiFactory()
    hoan_kiem = Locality.objects.create(name_en="Hoan Kiem", name_vi="Hoàn Kiếm", kind=Locality.Kind.DISTRICT,
                                        country="VN", parent=hanoi, is_hanoi_side=True)
    vientiane = LocalityFactory(name_en="Vientiane", name_vi="Viêng Chăn")
    district = LocalityFactory(name_en="Chanthabuly", parent=vientiane, kind=Locality.Kind.DISTRICT)
    other = LocalityFactory(name_en="Jakarta")
    p_city = PartnershipFactory(hanoi_locality=hanoi, partner_locality=vientiane)
    p_district = PartnershipFactory(hanoi_locality=hoan_kiem, partner_locality=district)
    p_other = PartnershipFactory(hanoi_locality=hanoi, partner_locality=other)
    agreements = [AgreementFactory(partnership=p) for p in (p_city, p_city, p_district)]
    other_agreement = AgreementFactory(partnership=p_other)
    people = [PersonFactory(full_name=f"Người {i}") for i in range(12)]

    for i in range(40):
        meeting = MeetingFactory(date=day(rng.randrange(30)))
        if i % 5 == 0:
            meeting.locality = district  # held there, tied to no partnership
            meeting.save(update_fields=["locality"])
        else:
            meeting.partnerships.add(p_city if i % 2 else p_district)
        if i % 7 == 0:
            meeting.partnerships.add(p_city, p_district)  # both sides: still one entry
        article = SourceArticleFactory(published_on=day(rng.randrange(30)) if i % 6 else None)
        meeting.articles.add(article)
        if i % 4 == 0:
            meeting.articles.add(SourceArticleFactory(published_on=day(rng.randrange(30))))
        ParticipationFactory(meeting=meeting, person=people[i % 12], side=Participation.Side.PARTNER,
                             title_at_time=f"Chức vụ {i % 3}")
        ParticipationFactory(meeting=meeting, person=PersonFactory(), side=Participation.Side.HANOI)
    shared = SourceArticleFactory(published_on=day(3))  # about two meetings: one entry
    for meeting in p_city.meetings.all()[:2]:
        meeting.articles.add(shared)
    for i in range(30):
        agreement = agreements[i % 3]
        StageChange.objects.create(agreement=agreement, from_stage="proposed", to_stage="negotiating",
                                   changed_on=day(rng.randrange(30)))
        status = "done" if i % 4 == 0 else "cancelled" if i % 6 == 1 else "pending"
        MilestoneFactory(agreement=agreement if i % 2 else None, partnership=None if i % 2 else p_city,
                         due_on=day(rng.randrange(30)), status=status,
                         completed_on=day(rng.randrange(30)) if status == "done" else None)
    # Another partner's rows.
    elsewhere = MeetingFactory(date=day(29))
    elsewhere.partnerships.add(p_other)
    elsewhere.articles.add(SourceArticleFactory(published_on=day(29)))
    StageChange.objects.create(agreement=other_agreement, to_stage="proposed", changed_on=day(29))
    MilestoneFactory(agreement=other_agreement, due_on=day(29))
    ParticipationFactory(meeting=elsewhere, person=people[0], side=Participation.Side.PARTNER)
    return {"vientiane": vientiane, "district": district, "partnerships": [p_city, p_district],
            "agreements": agreements}


def partner_meetings(busy):
    """Meetings of the partner: through its partnerships or held in it or its district."""
    meetings = set(Meeting.objects.filter(locality__in=[busy["vientiane"], busy["district"]]))
    for partnership in busy["partnerships"]:
        meetings.update(partnership.meetings.all())
    return meetings


def partner_milestones(busy):
    milestones = set()
    for owner in [*busy["agreements"], *busy["partnerships"]]:
        milestones.update(owner.milestones.all())
    return milestones


def expected_entries(busy, today=LATER):
    """(kind, pk, date) of everything that happened up to ``today``, newest first, read from the
    rows themselves."""
    meetings = partner_meetings(busy)
    entries = {("meeting", m.pk, m.date) for m in meetings if m.date <= today}
    entries |= {("article", a.pk, a.published_on) for m in meetings for a in m.articles.all()
                if a.published_on and a.published_on <= today}
    for agreement in busy["agreements"]:
        entries |= {("stage", sc.pk, sc.changed_on) for sc in agreement.stage_changes.all() if sc.changed_on <= today}
    return sorted(entries, key=lambda e: (e[2], -ORDER[e[0]], e[1]), reverse=True)


def expected_coming(busy, today):
    """The planned meetings and the pending milestones due from ``today``, soonest first."""
    planned = sorted((m for m in partner_meetings(busy) if m.date > today), key=lambda m: (m.date, m.pk))
    milestones = sorted((ms for ms in partner_milestones(busy) if ms.status == "pending" and ms.due_on >= today),
                        key=lambda ms: (ms.due_on, ms.pk))
    return planned, milestones


def shown(timeline):
    return [(e.kind, e.obj.pk, e.date) for e in timeline.entries]


@pytest.mark.parametrize("limit", [1, 10, 50, 60])
def test_the_newest_entries_of_every_kind_in_date_order(busy, limit):
    everything = expected_entries(busy)
    assert len(everything) > 100 and {kind for kind, _, _ in everything[:60]} == set(ORDER)
    timeline = partner_timeline(busy["vientiane"].pk, limit=limit, people_limit=5)
    assert shown(timeline) == everything[:limit]
    assert timeline.hidden_entries == len(everything) - limit


def test_without_a_limit_every_entry_is_there(busy):
    timeline = partner_timeline(busy["vientiane"].pk)
    assert shown(timeline) == expected_entries(busy)
    assert timeline.hidden_entries == 0


def test_a_limit_of_zero_shows_nothing_and_counts_everything(busy):
    timeline = partner_timeline(busy["vientiane"].pk, limit=0, people_limit=0)
    assert timeline.entries == [] and timeline.hidden_entries == len(expected_entries(busy))
    assert timeline.people == [] and timeline.hidden_people == 12


def test_a_district_shows_its_own_rows_only(busy):
    timeline = partner_timeline(busy["district"].pk, limit=None)
    meetings = {e.obj.pk for e in timeline.entries if e.kind == "meeting"}
    district_partnership = busy["partnerships"][1]
    expected = set(Meeting.objects.filter(locality=busy["district"]).values_list("pk", flat=True))
    expected |= set(district_partnership.meetings.values_list("pk", flat=True))
    assert meetings == expected and meetings


@pytest.mark.parametrize("limit", [10, None])
def test_what_happened_stops_today_and_the_planned_meetings_come_apart(busy, limit):
    today = day(20)
    happened, planned = expected_entries(busy, today), expected_coming(busy, today)[0]
    assert len(happened) > 10 and len(planned) > 3  # the day leaves rows of every kind on both sides
    timeline = partner_timeline(busy["vientiane"].pk, limit=limit, upcoming_limit=3, today=today)
    assert shown(timeline) == happened[:limit]
    assert timeline.hidden_entries == (0 if limit is None else len(happened) - limit)
    coming = [(e.kind, e.obj.pk, e.date) for e in timeline.upcoming if e.kind == "meeting"]
    assert coming == [("meeting", m.pk, m.date) for m in planned[:3]]
    assert timeline.planned_meetings == len(planned) and timeline.hidden_planned_meetings == len(planned) - 3


def test_coming_milestones_are_the_pending_ones_due_from_today_soonest_first(busy):
    today = day(12)
    pending = [ms for ms in partner_milestones(busy) if ms.status == Milestone.Status.PENDING]
    coming = expected_coming(busy, today)[1]
    assert len(coming) > 4 and any(ms.due_on < today for ms in pending)
    assert any(ms.status == "done" for ms in partner_milestones(busy) if ms.due_on >= today)
    assert any(ms.status == "cancelled" for ms in partner_milestones(busy) if ms.due_on >= today)
    timeline = partner_timeline(busy["vientiane"].pk, limit=10, upcoming_limit=4, today=today)
    assert [e.obj.pk for e in timeline.upcoming if e.kind == "milestone"] == [ms.pk for ms in coming[:4]]
    assert timeline.pending_milestones == len(pending)
    assert timeline.overdue_milestones == len([ms for ms in pending if ms.due_on < today])
    # One list, soonest first; on the same day the milestone before the meeting.
    keys = [(e.date, e.kind != "milestone") for e in timeline.upcoming]
    assert keys == sorted(keys) and all(e.date >= today for e in timeline.upcoming)
    assert not any(e.kind == "milestone" for e in timeline.entries)


def test_with_every_milestone_overdue_none_is_coming_but_all_are_counted(busy):
    pending = [ms for ms in partner_milestones(busy) if ms.status == Milestone.Status.PENDING]
    timeline = partner_timeline(busy["vientiane"].pk, limit=10, today=day(40))
    assert timeline.upcoming == []
    assert timeline.overdue_milestones == timeline.pending_milestones == len(pending) > 0


def test_a_partner_without_anything_has_an_empty_page(viewer_client, db):
    lonely = LocalityFactory(name_en="Nowhere")
    timeline = partner_timeline(lonely.pk, limit=10, people_limit=5)
    assert (timeline.entries, timeline.upcoming, timeline.people, timeline.partnerships) == ([], [], [], [])
    assert timeline.pending_milestones == timeline.overdue_milestones == timeline.planned_meetings == 0
    assert viewer_client.get(reverse("partnerships:partner_detail", args=[lonely.pk])).status_code == 200


def timeline_items(html):
    """(datetime attribute, class) of each entry of the timeline and of the list of what is coming."""
    coming = re.search(r'<ul class="plain milestones upcoming">(.*?)</ul>', html, re.DOTALL).group(1)
    happened = re.search(r'<ol class="timeline">(.*?)</ol>', html, re.DOTALL).group(1)
    item = r'<li class="([\w -]+)"><time datetime="([\d-]+)">'
    return ([(on, kind) for kind, on in re.findall(item, coming)],
            [(on, kind) for kind, on in re.findall(item, happened)])


def test_the_page_shows_what_happened_and_apart_what_is_coming(viewer_client, busy, monkeypatch):
    monkeypatch.setattr(PartnerTimelineView, "TIMELINE_LIMIT", 20)
    monkeypatch.setattr(PartnerTimelineView, "UPCOMING_LIMIT", 2)
    today, pk = day(15), busy["vientiane"].pk
    planned, coming_milestones = expected_coming(busy, today)
    pending = [ms for ms in partner_milestones(busy) if ms.status == Milestone.Status.PENDING]
    overdue = [ms for ms in pending if ms.due_on < today]
    # 08:00 in Hanoi on that day (the page's "today" is Hanoi's)
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(8), ZoneInfo("Asia/Ho_Chi_Minh")),
                             tick=False):
        html = viewer_client.get(reverse("partnerships:partner_detail", args=[pk])).content.decode()
        viewer_client.cookies["django_language"] = "en"
        english = viewer_client.get(reverse("partnerships:partner_detail", args=[pk])).content.decode()
    coming, happened = timeline_items(html)
    # What happened: the newest 20 up to today, newest first.
    assert happened == [(on.isoformat(), f"tl tl-{kind}") for kind, _, on in expected_entries(busy, today)[:20]]
    # What is coming: the next two planned meetings and the next two milestones, soonest first.
    expected = sorted([(m.date, 1, "up-meeting") for m in planned[:2]]
                      + [(ms.due_on, 0, "up-milestone") for ms in coming_milestones[:2]])
    assert coming == [(on.isoformat(), kind) for on, _, kind in expected]
    for milestone in coming_milestones[:2]:
        assert milestone.title in html and milestone.owner.username in html
    assert not any(ms.title in html for ms in overdue + coming_milestones[2:])
    # and links to the rest, in the meeting and milestone lists filtered to the partner
    assert (f'<a href="/meetings/?partner={pk}&amp;date_from={day(16).isoformat()}">'
            f"{len(planned) - 2} more planned meetings: see the meeting list</a>") in english
    assert (f'<a href="/milestones/?partner={pk}&amp;status=pending">'
            f"{len(pending)} pending milestones in all: see the milestone list</a>") in english
    assert (f'<a href="/milestones/?partner={pk}&amp;overdue=1" class="pill warn">'
            f"{len(overdue)} overdue milestones</a>") in english
    assert f"{len(overdue)} mốc công việc quá hạn" in html and "Sắp đến" in html


def test_the_page_shows_the_newest_and_says_how_many_are_older(viewer_client, busy, monkeypatch):
    monkeypatch.setattr(PartnerTimelineView, "TIMELINE_LIMIT", 20)
    everything = expected_entries(busy)
    response = viewer_client.get(reverse("partnerships:partner_detail", args=[busy["vientiane"].pk]))
    assert shown(response.context["timeline"]) == everything[:20]
    html = response.content.decode()
    assert f'<a href="?all=1">{len(everything) - 20} ' in html
    assert html.count('<li class="tl tl-') == 20
    full = viewer_client.get(reverse("partnerships:partner_detail", args=[busy["vientiane"].pk]) + "?all=1")
    assert full.content.decode().count('<li class="tl tl-') == len(everything)


def test_entries_carry_what_the_page_shows(busy):
    timeline = partner_timeline(busy["vientiane"].pk, limit=None, upcoming_limit=30, today=day(15))
    for entry in timeline.entries:
        obj = entry.obj
        if entry.kind == "meeting":
            assert obj.kind_label == obj.get_kind_display()
            stated = [(p.person.full_name, p.title_at_time) for p in obj.participations.order_by("side", "role", "id")]
            assert obj.participants == stated and len(stated) == 2
        elif entry.kind == "stage":
            assert obj.agreement.title and obj.to_stage_label == obj.get_to_stage_display()
        else:
            assert obj.title and obj.published_on == entry.date
    for entry in timeline.upcoming:
        obj = entry.obj
        if entry.kind == "meeting":
            assert obj.kind_label == obj.get_kind_display() and obj.date == entry.date
        else:
            assert obj.owner_name == obj.owner.username and obj.due_on == entry.date
            assert (obj.agreement if obj.agreement_id else obj.partnership).pk
    assert {e.kind for e in timeline.upcoming} == {"meeting", "milestone"}
    assert all(a.stage_label == a.get_stage_display() for a in timeline.agreements)


def expected_people(busy, today=LATER):
    """{person id: (meetings, last date, titles newest first)} over the partner's meetings up to
    ``today``."""
    people = {}
    meetings = [m for m in partner_meetings(busy) if m.date <= today]
    for meeting in sorted(meetings, key=lambda m: (m.date, m.pk), reverse=True):
        for p in meeting.participations.exclude(side=Participation.Side.HANOI):
            count, last, titles = people.get(p.person_id, (0, meeting.date, []))
            if p.title_at_time and p.title_at_time not in [t for t, _ in titles]:
                titles.append((p.title_at_time, meeting.display_date))
            people[p.person_id] = (count + 1, max(last, meeting.date), titles)
    return people


def test_people_met_most_recently_first_with_their_titles(busy):
    expected = expected_people(busy)
    timeline = partner_timeline(busy["vientiane"].pk, limit=5, people_limit=4)
    assert len(timeline.people) == 4 and timeline.hidden_people == len(expected) - 4
    lasts = sorted((last for _, last, _ in expected.values()), reverse=True)
    assert [row["last"] for row in timeline.people] == lasts[:4]
    for row in timeline.people:
        meetings, last, titles = expected[row["person"].pk]
        assert (row["meetings"], row["last"], row["titles"]) == (meetings, last, titles)
        assert row["person"].full_name.startswith("Người")
    everyone = partner_timeline(busy["vientiane"].pk, limit=5, people_limit=None)
    assert {row["person"].pk for row in everyone.people} == set(expected) and everyone.hidden_people == 0


def test_people_met_are_those_of_the_meetings_up_to_today(busy):
    expected = expected_people(busy, day(8))
    assert expected != expected_people(busy)
    timeline = partner_timeline(busy["vientiane"].pk, limit=5, people_limit=None, today=day(8))
    assert {row["person"].pk: (row["meetings"], row["last"], row["titles"]) for row in timeline.people} == expected


def test_the_partner_page_query_count_does_not_grow_with_the_entries(client, busy, settings,
                                                                      django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0  # the rendering itself, not a cached copy
    client.force_login(UserFactory())
    url = reverse("partnerships:partner_detail", args=[busy["vientiane"].pk])
    client.get(url)
    # session, user and 2 permission checks, then the page's own 7 (11 before the meetings with
    # their participants and the people met, and the agreements with their stage changes, were
    # read in one query each; 15 before the LIMITs)
    with django_assert_max_num_queries(11):
        assert client.get(url).status_code == 200


def test_the_overview_reads_what_it_shows_in_a_fixed_number_of_queries(editor_client, world, settings,
                                                                        django_assert_max_num_queries):
    """Its short lists read only the columns shown: a column the template uses but the selector
    left out would cost one query per row."""
    settings.PAGE_CACHE_SECONDS = 0
    for i in range(5):
        MilestoneFactory(title=f"Việc {i}", agreement=world["mou"], owner=world["overdue"].owner,
                         due_on=datetime.date.today())
        MilestoneFactory(title=f"Việc riêng {i}", agreement=None, partnership=world["p_la"],
                         owner=world["overdue"].owner, due_on=datetime.date.today())
    editor_client.get("/")
    # session, user and 2 permission checks, then the overview's own 10
    with django_assert_max_num_queries(14):
        response = editor_client.get("/")
    context = response.context
    assert len(context["my_milestones"]) == 12 and context["expiring"] and context["dormant"]
    html = response.content.decode()
    assert "Việc riêng 0" in html and world["los_angeles"].name_vi in html and world["mou"].title in html
    assert all(p.status_label == p.get_status_display() for p in context["dormant"])

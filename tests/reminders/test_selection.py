"""Which items go into a digest on which day. The clock moves with time-machine and the
daily scan runs as the beat would run it (no date given: today in Hanoi)."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Agreement, Milestone
from reminders.models import Digest, ReminderMark
from reminders.selectors import reminder_items
from reminders.services import digests_claim
from reminders.tasks import scan_reminders
from tests.factories import (
    AgreementFactory,
    MeetingFactory,
    MilestoneFactory,
    PartnershipFactory,
    StaffProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
DUE = D(2025, 4, 30)


@pytest.fixture
def run_scan(travel, mailoutbox, django_capture_on_commit_callbacks):
    """run_scan(day) -> {recipient: [item titles]} e-mailed by that day's scan."""
    def run(day):
        travel(day)
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            scan_reminders.delay()
        sent = {}
        for message in mailoutbox:
            digest = Digest.objects.get(pk=int(message.extra_headers["X-Reminder-Digest"]))
            assert digest.day == day and digest.status == Digest.Status.SENT
            sent[message.to[0]] = [item["title"] for item in digest.items]
        return sent
    return run


@pytest.fixture
def officer(db):
    return StaffProfileFactory(user=UserFactory(username="officer", email="officer@hanoi.example")).user


def test_each_lead_time_then_every_day_once_overdue(run_scan, officer):
    MilestoneFactory(title="Gửi dự thảo", owner=officer, due_on=DUE)
    calendar = {
        D(2025, 3, 30): [], D(2025, 3, 31): ["Gửi dự thảo"],  # 30 days before
        D(2025, 4, 1): [], D(2025, 4, 22): [], D(2025, 4, 23): ["Gửi dự thảo"],  # 7 days
        D(2025, 4, 24): [], D(2025, 4, 29): ["Gửi dự thảo"],  # 1 day
        D(2025, 4, 30): ["Gửi dự thảo"],  # due today
        D(2025, 5, 1): ["Gửi dự thảo"], D(2025, 5, 2): ["Gửi dự thảo"],  # overdue: every day
    }
    for day, expected in calendar.items():
        assert run_scan(day).get("officer@hanoi.example", []) == expected, day


def test_a_missed_run_is_made_up_the_next_day_and_only_once(run_scan, officer):
    MilestoneFactory(title="Gửi dự thảo", owner=officer, due_on=DUE)
    # No run on 23 April (7 days before): the 24th catches up, the 25th is quiet again.
    assert run_scan(D(2025, 4, 24)) == {"officer@hanoi.example": ["Gửi dự thảo"]}
    assert run_scan(D(2025, 4, 25)) == {}
    digest = Digest.objects.get(day=D(2025, 4, 24))
    assert digest.items[0]["lead"] == 7
    # Both reached leads (30 and 7) are recorded, so neither comes back.
    assert sorted(digest.marks.values_list("lead_days", flat=True)) == [7, 30]


def test_the_owners_own_lead_times_apply(run_scan):
    user = StaffProfileFactory(lead_days=[3], user=UserFactory(email="short@hanoi.example")).user
    MilestoneFactory(title="Nộp báo cáo", owner=user, due_on=DUE)
    assert run_scan(D(2025, 4, 23)) == {}
    assert run_scan(D(2025, 4, 27)) == {"short@hanoi.example": ["Nộp báo cáo"]}
    assert run_scan(D(2025, 4, 30)) == {}  # no 0-day lead for this user
    assert run_scan(D(2025, 5, 1)) == {"short@hanoi.example": ["Nộp báo cáo"]}


def test_a_user_without_a_profile_gets_the_defaults(run_scan):
    user = UserFactory(email="noprofile@hanoi.example")
    MilestoneFactory(title="Việc", owner=user, due_on=DUE)
    assert run_scan(D(2025, 4, 23)) == {"noprofile@hanoi.example": ["Việc"]}


def test_snoozed_done_cancelled_and_digests_off_are_left_out(run_scan, officer):
    snoozed = MilestoneFactory(title="Hoãn", owner=officer, due_on=D(2025, 5, 1), snoozed_until=D(2025, 5, 5))
    MilestoneFactory(title="Xong", owner=officer, due_on=D(2025, 5, 1), status=Milestone.Status.DONE,
                     completed_on=D(2025, 4, 1))
    MilestoneFactory(title="Hủy", owner=officer, due_on=D(2025, 5, 1), status=Milestone.Status.CANCELLED)
    quiet = StaffProfileFactory(digests_enabled=False, user=UserFactory(email="quiet@hanoi.example")).user
    MilestoneFactory(title="Không nhắc", owner=quiet, due_on=D(2025, 5, 1))
    assert run_scan(D(2025, 5, 2)) == {}
    assert run_scan(D(2025, 5, 4)) == {}
    assert run_scan(D(2025, 5, 5)) == {"officer@hanoi.example": ["Hoãn"]}  # snooze over: overdue again
    assert snoozed.pk == Digest.objects.get().items[0]["id"]


def test_overdue_items_come_first(run_scan, officer):
    MilestoneFactory(title="Sắp tới", owner=officer, due_on=D(2025, 4, 30))
    MilestoneFactory(title="Quá hạn lâu", owner=officer, due_on=D(2025, 4, 1))
    MilestoneFactory(title="Quá hạn", owner=officer, due_on=D(2025, 4, 20))
    assert run_scan(D(2025, 4, 29)) == {"officer@hanoi.example": ["Quá hạn lâu", "Quá hạn", "Sắp tới"]}


def test_agreements_expiring_in_90_and_30_days(run_scan, officer, hanoi):
    partnership = PartnershipFactory(hanoi_locality=hanoi, responsible_officer=officer)
    MeetingFactory(date=D(2025, 1, 1)).partnerships.add(partnership)  # not dormant
    in_force = AgreementFactory(partnership=partnership, title="Hiệp định", stage=Agreement.Stage.IN_FORCE,
                                valid_until=D(2025, 6, 29))  # no officer of its own: the partnership's
    AgreementFactory(partnership=partnership, title="Chưa ký", stage=Agreement.Stage.NEGOTIATING,
                     valid_until=D(2025, 6, 29))
    assert run_scan(D(2025, 3, 30)) == {}
    assert run_scan(D(2025, 3, 31)) == {"officer@hanoi.example": ["Hiệp định"]}  # 90 days
    assert run_scan(D(2025, 4, 1)) == {}
    assert run_scan(D(2025, 5, 30)) == {"officer@hanoi.example": ["Hiệp định"]}  # 30 days
    assert run_scan(D(2025, 5, 31)) == {}
    item = Digest.objects.get(day=D(2025, 5, 30)).items[0]
    assert item["url"] == f"http://127.0.0.1:8000/agreements/{in_force.pk}/"
    assert (item["kind"], item["days"], item["lead"]) == ("expiry", 30, 30)


def test_expiry_goes_to_the_agreements_own_officer(run_scan, officer, hanoi):
    other = StaffProfileFactory(user=UserFactory(email="other@hanoi.example")).user
    partnership = PartnershipFactory(hanoi_locality=hanoi, responsible_officer=officer)
    MeetingFactory(date=D(2025, 5, 1)).partnerships.add(partnership)
    AgreementFactory(partnership=partnership, title="MoU", stage=Agreement.Stage.SIGNED,
                     valid_until=D(2025, 6, 29), responsible_officer=other)
    assert run_scan(D(2025, 5, 30)) == {"other@hanoi.example": ["MoU"]}


def test_dormant_partnerships_go_to_their_officer_once_a_month(run_scan, officer, hanoi, settings):
    settings.DORMANT_AFTER_MONTHS, settings.REMINDER_DORMANT_EVERY_DAYS = 12, 30
    quiet = PartnershipFactory(hanoi_locality=hanoi, responsible_officer=officer)
    MeetingFactory(date=D(2024, 3, 1)).partnerships.add(quiet)
    busy = PartnershipFactory(hanoi_locality=hanoi, responsible_officer=officer)
    MeetingFactory(date=D(2025, 1, 1)).partnerships.add(busy)
    PartnershipFactory(hanoi_locality=hanoi)  # dormant, but nobody is responsible
    assert run_scan(D(2025, 3, 1)) == {}  # last meeting exactly 12 months ago: not yet
    assert run_scan(D(2025, 3, 2)) == {"officer@hanoi.example": [str(quiet.partner_locality)]}
    assert run_scan(D(2025, 3, 3)) == {}
    assert run_scan(D(2025, 4, 1)) == {"officer@hanoi.example": [str(quiet.partner_locality)]}
    item = Digest.objects.get(day=D(2025, 4, 1)).items[0]
    assert item["url"] == f"http://127.0.0.1:8000/partners/{quiet.partner_locality_id}/"
    assert item["date"] == "2024-03-01"


def test_the_email_is_html_and_text_in_the_users_language(run_scan, officer, mailoutbox, settings):
    settings.SITE_URL = "https://doingoai.hanoi.example"
    vietnamese = StaffProfileFactory(language="vi", user=UserFactory(email="vi@hanoi.example")).user
    MilestoneFactory(title="Chuẩn bị đoàn", owner=officer, due_on=D(2025, 4, 20))
    MilestoneFactory(title="Chuẩn bị đoàn", owner=vietnamese, due_on=D(2025, 4, 20))
    run_scan(D(2025, 4, 29))
    english = next(m for m in mailoutbox if m.to == ["officer@hanoi.example"])
    assert english.subject == "Reminders for 29/04/2025: 1 item"
    assert "Chuẩn bị đoàn" in english.body and "due 20/04/2025, 9 days overdue" in english.body
    assert "https://doingoai.hanoi.example/milestones/?mine=1" in english.body
    html, mimetype = english.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="en">' in html and 'href="https://doingoai.hanoi.example/milestones/?mine=1"' in html
    in_vietnamese = next(m for m in mailoutbox if m.to == ["vi@hanoi.example"])
    assert '<html lang="vi">' in in_vietnamese.alternatives[0][0]


def test_html_escapes_titles(run_scan, officer, mailoutbox):
    MilestoneFactory(title="<script>x</script>", owner=officer, due_on=DUE)
    run_scan(DUE)
    html = mailoutbox[0].alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>x</script>" in mailoutbox[0].body  # plain text is not escaped


def _build(count, users, hanoi, start=0):
    for i in range(start, start + count):
        MilestoneFactory(owner=users[i % 5], due_on=D(2025, 4, 1) + datetime.timedelta(days=i % 40),
                         agreement__partnership__hanoi_locality=hanoi)
    for i in range(start // 10, (start + count) // 10):
        AgreementFactory(stage=Agreement.Stage.IN_FORCE, valid_until=D(2025, 5, 1), responsible_officer=users[i % 5],
                         partnership=PartnershipFactory(hanoi_locality=hanoi, responsible_officer=users[i % 5]))


def _claim_queries(day):
    Digest.objects.all().delete()  # start each measure from the same state
    with CaptureQueriesContext(connection) as queries:
        digests_claim(today=day)
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    return statements


def test_queries_per_scan_do_not_grow_with_the_data(hanoi, travel, record_property):
    """50 then 500 milestones (with 5 then 50 expiring agreements and dormant partnerships),
    always the same 5 users: the same statements. Only SQLite's limit of 999 parameters per
    statement splits the one INSERT of reminder marks into batches."""
    users = [StaffProfileFactory(user=UserFactory(email=f"u{i}@hanoi.example")).user for i in range(5)]
    travel(D(2025, 4, 1))
    _build(50, users, hanoi)
    small = _claim_queries(D(2025, 4, 1))
    _build(450, users, hanoi, start=50)
    large = _claim_queries(D(2025, 4, 1))
    marks = ReminderMark.objects.count()
    assert Digest.objects.count() == 5 and marks > 400

    def reads_and_writes(statements):
        inserts = [q for q in statements if q.startswith("INSERT")]
        return len(statements) - len(inserts), len(inserts)

    (small_other, small_inserts), (large_other, large_inserts) = reads_and_writes(small), reads_and_writes(large)
    record_property("scan_statements", {"50": len(small), "500": len(large)})
    print(f"\nstatements per scan: 50 milestones {len(small)}, 500 milestones {len(large)} ({connection.vendor})")
    # On PostgreSQL the marks go through a temporary table (create, truncate, COPY, insert).
    assert small_other == large_other <= 12
    if connection.vendor == "sqlite":
        assert small_inserts == 2
        assert large_inserts == 1 + -(-marks // (999 // 6))  # digests + marks in batches of 166 rows
    else:
        assert small_inserts == large_inserts == 2


def test_selection_alone_writes_nothing(officer):
    MilestoneFactory(owner=officer, due_on=DUE)
    assert reminder_items(today=DUE)[officer.pk][0].days == 0
    assert Digest.objects.count() == 0

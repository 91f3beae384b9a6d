"""Exactly one digest per user per day: a second scan, a beat firing twice or two workers
at once send nothing more, and a sent digest is never sent again."""
import datetime
import threading

import pytest
from django.db import connection, connections

from reminders.models import Digest
from reminders.services import digest_send, digests_claim
from reminders.tasks import scan_reminders, send_digest
from tests.factories import MilestoneFactory, StaffProfileFactory, UserFactory
from tests.services import require

DAY = datetime.date(2025, 4, 23)


def _users_with_items(count=3):
    users = [StaffProfileFactory(user=UserFactory(email=f"u{i}@hanoi.example")).user for i in range(count)]
    for user in users:
        MilestoneFactory(owner=user, due_on=DAY + datetime.timedelta(days=7))
        MilestoneFactory(owner=user, due_on=DAY - datetime.timedelta(days=2))
    return users


@pytest.mark.django_db
def test_scanning_twice_on_a_day_sends_one_digest_per_user(mailoutbox, django_capture_on_commit_callbacks):
    users = _users_with_items()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            scan_reminders.delay(DAY.isoformat())
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in users)
    assert Digest.objects.filter(day=DAY, status=Digest.Status.SENT).count() == 3
    assert all(len(d.items) == 2 for d in Digest.objects.all())


@pytest.mark.django_db
def test_a_new_item_later_that_day_waits_for_tomorrow(mailoutbox, django_capture_on_commit_callbacks):
    user = _users_with_items(1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        scan_reminders.delay(DAY.isoformat())
    late = MilestoneFactory(title="Việc mới", owner=user, due_on=DAY)
    with django_capture_on_commit_callbacks(execute=True):
        scan_reminders.delay(DAY.isoformat())
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        scan_reminders.delay((DAY + datetime.timedelta(days=1)).isoformat())
    assert len(mailoutbox) == 2
    assert late.title in [item["title"] for item in Digest.objects.get(day=DAY + datetime.timedelta(days=1)).items]


@pytest.mark.django_db
def test_sending_a_sent_digest_again_does_nothing(mailoutbox):
    _users_with_items(1)
    [digest_id] = digests_claim(today=DAY)
    send_digest.delay(digest_id)
    send_digest.delay(digest_id)
    digest_send(digest_id=digest_id)
    assert len(mailoutbox) == 1
    assert Digest.objects.get(pk=digest_id).attempts == 1


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_send_one_digest_per_user(mailoutbox):
    require(connection.vendor == "postgresql", "needs PostgreSQL: SQLite serialises whole-database writes and has "
            "no row locks (run with DATABASE_URL=postgres://…)")
    users = _users_with_items(5)
    start = threading.Barrier(4)
    errors = []

    def scan():
        try:
            start.wait(timeout=10)
            scan_reminders.delay(DAY.isoformat())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in users)
    assert Digest.objects.filter(status=Digest.Status.SENT).count() == 5
    assert sorted(Digest.objects.values_list("attempts", flat=True)) == [1] * 5

"""python manage.py send_reminders: the same service, run here without a broker."""
import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from reminders.models import Digest, ReminderMark
from tests.factories import MilestoneFactory, StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    user = StaffProfileFactory(user=UserFactory(email="officer@hanoi.example")).user
    MilestoneFactory(title="Gửi dự thảo", owner=user, due_on=datetime.date(2025, 4, 30))
    return user


def _run(*args):
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_and_writes_nothing(officer, mailoutbox):
    output = _run("--date", "2025-04-23", "--dry-run")
    assert "Dry run, nothing written. Reminder digests for 2025-04-23: 1" in output
    assert "would send: officer@hanoi.example (1 items)" in output
    assert "[milestone] Gửi dự thảo 2025-04-30 http://127.0.0.1:8000/milestones/?mine=1" in output
    assert (Digest.objects.count(), ReminderMark.objects.count(), len(mailoutbox)) == (0, 0, 0)


def test_a_real_run_sends_then_a_second_run_sends_nothing(officer, mailoutbox):
    output = _run("--date", "2025-04-23")
    assert "sent: officer@hanoi.example (1 items)" in output
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["officer@hanoi.example"]
    assert Digest.objects.get().status == Digest.Status.SENT
    assert "Reminder digests for 2025-04-23: 0" in _run("--date", "2025-04-23")
    assert "Reminder digests for 2025-04-23: 0" in _run("--date", "2025-04-23", "--dry-run")
    assert len(mailoutbox) == 1


def test_a_failed_send_is_reported_and_sent_by_the_next_run(officer, mailoutbox, smtp_settings, smtp_server):
    from tests.reminders.conftest import free_port
    smtp_settings(free_port())
    assert "failed (" in _run("--date", "2025-04-23")
    assert "would re-send of 2025-04-23: officer@hanoi.example" in _run("--date", "2025-04-24", "--dry-run")
    smtp_settings(smtp_server.port)
    assert "sent of 2025-04-23: officer@hanoi.example" in _run("--date", "2025-04-24")
    assert len(smtp_server.handler.messages) == 1


def test_with_a_broker_the_scan_is_queued(officer, settings, monkeypatch):
    from reminders.management.commands import send_reminders
    queued = []
    monkeypatch.setattr(send_reminders.scan_reminders, "delay", lambda *args: queued.append(args))
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://:secret@127.0.0.1:6379/3"
    output = _run("--date", "2025-04-23")
    assert queued == [("2025-04-23",)]
    assert "Queued the reminder scan for 2025-04-23 through Celery (broker 127.0.0.1:6379/3)" in output
    assert "secret" not in output
    assert Digest.objects.count() == 0


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="--date must look like"):
        _run("--date", "23/04/2025")

"""Sending through a real SMTP server (aiosmtpd on 127.0.0.1) that refuses or is down:
the digest is retried with back-off and delivered exactly once."""
import datetime
import email
import email.policy

import pytest

from config.celery import app as celery_app
from reminders.models import Digest
from reminders.services import digests_claim
from reminders.tasks import scan_reminders, send_digest
from tests.factories import MilestoneFactory, StaffProfileFactory, UserFactory
from tests.reminders.conftest import free_port

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 4, 23)


@pytest.fixture
def officer():
    user = StaffProfileFactory(user=UserFactory(email="officer@hanoi.example")).user
    MilestoneFactory(title="Gửi dự thảo", owner=user, due_on=DAY + datetime.timedelta(days=7))
    return user


@pytest.fixture
def eager_retries():
    """In eager mode Celery re-runs a retried task at once only when errors do not propagate."""
    celery_app.conf.task_eager_propagates = False


def test_refused_twice_then_delivered_once(officer, smtp_server, smtp_settings, eager_retries):
    smtp_settings(smtp_server.port)
    smtp_server.handler.refuse = 2  # "451 Try again later" to the first two DATA commands
    [digest_id] = digests_claim(today=DAY)
    result = send_digest.delay(digest_id)
    assert result.state == "SUCCESS"
    assert smtp_server.handler.refused == 2
    [message] = smtp_server.handler.messages
    assert message.rcpt_tos == ["officer@hanoi.example"]
    parsed = email.message_from_bytes(message.content, policy=email.policy.default)
    assert parsed["Subject"] == "Reminders for 23/04/2025: 1 item"
    assert "Gửi dự thảo" in parsed.get_body(("plain",)).get_content()
    assert "Gửi dự thảo" in parsed.get_body(("html",)).get_content()
    digest = Digest.objects.get(pk=digest_id)
    assert (digest.status, digest.attempts, digest.last_error) == (Digest.Status.SENT, 3, "")

    send_digest.delay(digest_id)  # a late duplicate of the task
    assert len(smtp_server.handler.messages) == 1


def test_the_task_retries_with_back_off_on_smtp_and_network_errors():
    from smtplib import SMTPException
    assert send_digest.autoretry_for == (SMTPException, OSError)
    assert send_digest.retry_backoff and send_digest.max_retries >= 3


def test_a_server_down_for_a_whole_run_is_made_up_by_the_next_run(officer, smtp_settings, eager_retries,
                                                                   django_capture_on_commit_callbacks, settings):
    smtp_settings(free_port())  # nothing listens there: connection refused, every attempt
    with django_capture_on_commit_callbacks(execute=True):
        scan_reminders.delay(DAY.isoformat())
    digest = Digest.objects.get()
    assert digest.status == Digest.Status.FAILED
    assert digest.attempts == send_digest.max_retries + 1
    assert "ConnectionRefusedError" in digest.last_error

    from aiosmtpd.controller import Controller

    from tests.reminders.conftest import RecordingHandler
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        smtp_settings(controller.port)
        next_day = DAY + datetime.timedelta(days=1)
        with django_capture_on_commit_callbacks(execute=True):
            scan_reminders.delay(next_day.isoformat())
        with django_capture_on_commit_callbacks(execute=True):
            scan_reminders.delay(next_day.isoformat())  # and once more: still one e-mail
    finally:
        controller.stop()
    [message] = handler.messages
    assert message.rcpt_tos == ["officer@hanoi.example"]
    assert f"X-Reminder-Digest: {digest.pk}".encode() in message.content
    digest.refresh_from_db()
    assert digest.status == Digest.Status.SENT
    assert not Digest.objects.filter(day=DAY + datetime.timedelta(days=1)).exists()  # nothing new was due

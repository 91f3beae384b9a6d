"""Each reminder task run leaves one structured key=value line: task, ids, counts, duration,
outcome. A search for `task=send_digest outcome=transient_error` finds every failed send."""
import datetime
import logging

import pytest

from partnerships.models import Agreement
from reminders.models import Digest
from reminders.services import digests_claim
from reminders.tasks import expire_agreements, scan_reminders, send_digest
from tests.factories import AgreementFactory, MilestoneFactory, StaffProfileFactory, UserFactory
from tests.reminders.conftest import free_port

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 4, 23)


def _runs(caplog, task):
    return [r for r in caplog.records if r.name == "reminders.tasks" and getattr(r, "task_run", {}).get("task") == task]


def _pairs(record):
    return dict(part.split("=", 1) for part in record.getMessage().split(" "))


@pytest.fixture
def officer():
    user = StaffProfileFactory(user=UserFactory(email="officer@hanoi.example")).user
    MilestoneFactory(title="Gửi dự thảo", owner=user, due_on=DAY + datetime.timedelta(days=7))
    return user


def test_a_scan_logs_one_line_with_its_digests(officer, caplog, django_capture_on_commit_callbacks, mailoutbox):
    caplog.set_level(logging.INFO, logger="reminders.tasks")
    with django_capture_on_commit_callbacks(execute=True):
        scan_reminders.delay(DAY.isoformat())
    digest = Digest.objects.get()
    [scan] = _runs(caplog, "scan_reminders")
    fields = _pairs(scan)
    assert scan.levelno == logging.INFO
    assert fields["task"] == "scan_reminders" and fields["day"] == "2025-04-23"
    assert (fields["digests"], fields["digest_ids"], fields["outcome"]) == ("1", str(digest.pk), "ok")
    assert int(fields["duration_ms"]) >= 0
    [send] = _runs(caplog, "send_digest")
    assert send.task_run == {"task": "send_digest", "digest_id": digest.pk, "user_id": officer.pk, "status": "sent",
                             "attempts": 1, "items": 1, "duration_ms": send.task_run["duration_ms"],
                             "outcome": "ok"}


def test_a_failed_send_logs_a_warning_with_the_error(officer, caplog, settings):
    from config.celery import app

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    [digest_id] = digests_claim(today=DAY)
    caplog.set_level(logging.INFO, logger="reminders.tasks")
    app.conf.task_eager_propagates = True
    with pytest.raises(Exception):
        send_digest.delay(digest_id)
    runs = _runs(caplog, "send_digest")
    assert runs and all(r.levelno == logging.WARNING for r in runs)
    fields = _pairs(runs[0])
    assert (fields["digest_id"], fields["outcome"], fields["error"]) == (str(digest_id), "transient_error",
                                                                         "ConnectionRefusedError")


def test_a_scan_with_many_digests_keeps_the_line_short(caplog, django_capture_on_commit_callbacks, mailoutbox):
    for i in range(25):
        MilestoneFactory(owner=UserFactory(email=f"o{i}@hanoi.example"), due_on=DAY)
    caplog.set_level(logging.INFO, logger="reminders.tasks")
    with django_capture_on_commit_callbacks(execute=True):
        scan_reminders.delay(DAY.isoformat())
    fields = _pairs(_runs(caplog, "scan_reminders")[0])
    assert fields["digests"] == "25" and fields["digest_ids"].endswith(",+5")
    assert len(_runs(caplog, "send_digest")) == 25


def test_expire_agreements_logs_what_it_expired(caplog):
    agreement = AgreementFactory(stage=Agreement.Stage.IN_FORCE, stage_changed_on=datetime.date(2024, 1, 1),
                                 valid_until=datetime.date(2025, 4, 1))
    caplog.set_level(logging.INFO, logger="reminders.tasks")
    expire_agreements.delay(DAY.isoformat())
    fields = _pairs(_runs(caplog, "expire_agreements")[0])
    assert (fields["expired"], fields["agreement_ids"], fields["outcome"]) == ("1", str(agreement.pk), "ok")

"""A scan whose digests cannot be queued (the broker refuses) loses nothing: the claim is kept,
the digests stay unsent for the next scan, and after the first refusal the broker is not asked
again for every remaining digest. Runs on any database; tests/reliability/test_redis_down.py
shows the same with a real Redis that is stopped."""
import datetime
import logging

import pytest
from kombu.exceptions import OperationalError

from reminders.models import Digest
from reminders.tasks import scan_reminders, send_digest
from tests.factories import MilestoneFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 4, 23)


def test_digests_stay_unsent_when_the_broker_refuses(monkeypatch, caplog, django_capture_on_commit_callbacks,
                                                     mailoutbox):
    for i in range(3):
        MilestoneFactory(owner=UserFactory(email=f"o{i}@hanoi.example"), due_on=DAY)
    calls = []

    def refuse(digest_id):
        calls.append(digest_id)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_digest, "delay", refuse)
    caplog.set_level(logging.INFO, logger="reminders.tasks")
    with django_capture_on_commit_callbacks(execute=True):
        claimed = scan_reminders.delay(DAY.isoformat()).get()  # no exception escapes the scan
    assert len(claimed) == 3 and calls == [min(claimed)]
    assert set(Digest.objects.values_list("status", "attempts")) == {(Digest.Status.PENDING, 0)}
    assert mailoutbox == []
    assert any("outcome=broker_down" in r.getMessage() for r in caplog.records)

    monkeypatch.undo()  # the broker is back: the next scan queues (here: runs) every unsent digest
    with django_capture_on_commit_callbacks(execute=True):
        assert sorted(scan_reminders.delay(DAY.isoformat()).get()) == sorted(claimed)
    assert set(Digest.objects.values_list("status", "attempts")) == {(Digest.Status.SENT, 1)}
    assert len(mailoutbox) == 3


def test_a_failing_callback_is_logged_not_raised(monkeypatch, django_capture_on_commit_callbacks, mailoutbox, caplog):
    """Django's robust on_commit logs a failing callback by its __qualname__; a functools.partial
    has none, and the AttributeError used to escape from the scan."""
    MilestoneFactory(owner=UserFactory(email="o@hanoi.example"), due_on=DAY)
    monkeypatch.setattr(send_digest, "delay", lambda digest_id: 1 / 0)
    with django_capture_on_commit_callbacks(execute=True):
        [digest_id] = scan_reminders.delay(DAY.isoformat()).get()
    assert Digest.objects.get(pk=digest_id).status == Digest.Status.PENDING
    assert any("send_digest.delay" in r.getMessage() or "on_commit" in r.getMessage() for r in caplog.records)

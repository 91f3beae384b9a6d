"""Celery tasks for the reminders: thin, idempotent, given ids or ISO dates only."""
import datetime
import logging
import time
from contextlib import contextmanager

from celery import shared_task
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from partnerships.services import agreements_expire
from reminders.services import TRANSIENT_SEND_ERRORS, digest_send, digests_claim

logger = logging.getLogger(__name__)
LOGGED_IDS = 20  # a scan can claim thousands of digests; the line keeps the first ids and the count


@contextmanager
def _run_log(task, **fields):
    """One structured line per task run, key=value (task, ids, counts, duration_ms, outcome), at
    INFO when it succeeded and WARNING when it raised; the body adds its counts to `fields`. The
    same fields go in the record's `task_run` attribute for a JSON formatter."""
    started = time.monotonic()
    outcome = "error"
    try:
        yield fields
        outcome = "ok"
    except TRANSIENT_SEND_ERRORS as exc:
        outcome, fields["error"] = "transient_error", type(exc).__name__
        raise
    except Exception as exc:
        fields["error"] = type(exc).__name__
        raise
    finally:
        record = {"task": task, **fields, "duration_ms": round((time.monotonic() - started) * 1000),
                  "outcome": outcome}
        logger.log(logging.INFO if outcome == "ok" else logging.WARNING,
                   " ".join(f"{key}={value}" for key, value in record.items()), extra={"task_run": record})


def _ids(ids):
    shown = ",".join(str(i) for i in ids[:LOGGED_IDS])
    return shown + (f",+{len(ids) - LOGGED_IDS}" if len(ids) > LOGGED_IDS else "") if ids else "-"


def _day(day_iso):
    return datetime.date.fromisoformat(day_iso) if day_iso else timezone.localdate()


@shared_task
def scan_reminders(day_iso=None):
    """Claim the day's digests and queue each unsent one once the claim is committed."""
    day = _day(day_iso)
    with _run_log("scan_reminders", day=day.isoformat()) as log, transaction.atomic():
        digest_ids = digests_claim(today=day)
        log.update(digests=len(digest_ids), digest_ids=_ids(digest_ids))
        queue_send = _send_queuer()
        for digest_id in digest_ids:
            # robust: in eager mode a failing send must not undo or stop the others.
            transaction.on_commit(queue_send(digest_id), robust=True)
    return digest_ids


def _send_queuer():
    """Builds the on_commit callbacks that queue send_digest for each claimed digest. Once the
    broker has refused, the remaining digests are not offered to it (each attempt would wait for
    kombu's own retries): they stay unsent, and the next scan, which re-sends every unsent digest,
    queues them. (Callbacks are plain functions, not partials: Django's robust on_commit names a
    failing callback by its __qualname__, which a partial lacks.)"""
    broker_down = []

    def for_digest(digest_id):
        def queue_send():
            if broker_down:
                return
            try:
                send_digest.delay(digest_id)
            except KombuOperationalError as exc:
                broker_down.append(digest_id)
                logger.warning("task=scan_reminders outcome=broker_down first_unqueued_digest_id=%s error=%s",
                               digest_id, type(exc).__name__)
        return queue_send

    return for_digest


@shared_task(autoretry_for=TRANSIENT_SEND_ERRORS, retry_backoff=30, retry_backoff_max=30 * 60, retry_jitter=True,
             max_retries=6)
def send_digest(digest_id):
    """Send one digest; a no-op when it was sent already. Retried with back-off on SMTP and
    network errors; after the last retry the next daily scan picks it up again."""
    with _run_log("send_digest", digest_id=digest_id) as log:
        digest = digest_send(digest_id=digest_id)
        log.update(user_id=digest.user_id, status=digest.status, attempts=digest.attempts, items=len(digest.items))


@shared_task
def expire_agreements(day_iso=None):
    day = _day(day_iso)
    with _run_log("expire_agreements", day=day.isoformat()) as log:
        expired = agreements_expire(today=day)
        log.update(expired=len(expired), agreement_ids=_ids(list(expired)))
    return expired

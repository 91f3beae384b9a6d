"""Celery tasks for the reminders: thin, idempotent, given ids or ISO dates only."""
import datetime
from functools import partial

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from partnerships.services import agreements_expire
from reminders.services import TRANSIENT_SEND_ERRORS, digest_send, digests_claim


def _day(day_iso):
    return datetime.date.fromisoformat(day_iso) if day_iso else timezone.localdate()


@shared_task
def scan_reminders(day_iso=None):
    """Claim the day's digests and queue each unsent one once the claim is committed."""
    with transaction.atomic():
        digest_ids = digests_claim(today=_day(day_iso))
        for digest_id in digest_ids:
            # robust: in eager mode a failing send must not undo or stop the others.
            transaction.on_commit(partial(send_digest.delay, digest_id), robust=True)
    return digest_ids


@shared_task(autoretry_for=TRANSIENT_SEND_ERRORS, retry_backoff=30, retry_backoff_max=30 * 60, retry_jitter=True,
             max_retries=6)
def send_digest(digest_id):
    """Send one digest; a no-op when it was sent already. Retried with back-off on SMTP and
    network errors; after the last retry the next daily scan picks it up again."""
    digest_send(digest_id=digest_id)


@shared_task
def expire_agreements(day_iso=None):
    return agreements_expire(today=_day(day_iso))

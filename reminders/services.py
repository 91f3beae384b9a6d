"""Claiming and sending the daily reminder digests.

A digest is claimed by inserting its (user, day) row in the same transaction that selected
its items; the unique constraint on (user, day) makes every later or concurrent claim for
that user and day a no-op. Sending happens afterwards, one digest at a time, under a row
lock, and only a digest that is not yet sent is sent."""
import datetime
import logging
import uuid
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from reminders.links import dashboard_url
from reminders.models import Digest, ReminderMark
from reminders.selectors import digests_unsent, reminder_items, reminder_recipients
from staff.models import StaffProfile

logger = logging.getLogger(__name__)

# Errors after which a digest is worth trying again later.
TRANSIENT_SEND_ERRORS = (SMTPException, OSError)


@transaction.atomic
def digests_claim(*, today):
    """Create today's digests for everyone with something to be reminded of and record what
    each one reminds of. Returns the ids of every digest to send now: those just created and
    the unsent ones of today and the days before (a run that failed or was missed)."""
    recipients = reminder_recipients()
    items = reminder_items(today=today, recipients=recipients)
    token = uuid.uuid4()
    # Race condition: another scan may be claiming the same (user, day) right now. Rows it
    # already holds make our inserts no-ops (ON CONFLICT DO NOTHING; on PostgreSQL the insert
    # waits for the other transaction and then skips), and the token tells us which rows we won.
    Digest.objects.bulk_create(
        [Digest(user_id=user_id, day=today, items=[item.as_json() for item in user_items], claim_token=token)
         for user_id, user_items in items.items()],
        ignore_conflicts=True,
    )
    won = dict(Digest.objects.filter(claim_token=token).values_list("user_id", "pk"))
    _marks_insert([(won[user_id], kind, object_id, target_on, lead, today)
                   for user_id, user_items in items.items() if user_id in won
                   for item in user_items for kind, object_id, target_on, lead in item.marks])
    return list(digests_unsent(today=today).order_by("day", "pk").values_list("pk", flat=True))


MARK_COLUMNS = ("digest_id", "kind", "object_id", "target_on", "lead_days", "day")


def _marks_insert(rows):
    """Records the marks (tuples in MARK_COLUMNS order), skipping those another scan holds
    (ON CONFLICT DO NOTHING, as for the digests). On PostgreSQL the rows are copied into a
    temporary table first: 68,000 marks as model instances through bulk_create were most of
    a 50,000-milestone scan."""
    if connection.vendor != "postgresql":
        ReminderMark.objects.bulk_create([ReminderMark(**dict(zip(MARK_COLUMNS, row))) for row in rows],
                                         ignore_conflicts=True)
        return
    columns = ", ".join(MARK_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS reminders_new_mark (digest_id bigint, kind varchar(10), "
                       "object_id bigint, target_on date, lead_days smallint, day date) ON COMMIT DROP")
        cursor.execute("TRUNCATE reminders_new_mark")
        with cursor.copy(f"COPY reminders_new_mark ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(f"INSERT INTO {ReminderMark._meta.db_table} ({columns}) SELECT {columns} "
                       "FROM reminders_new_mark ON CONFLICT DO NOTHING")


def _digest_message(digest):
    profile = StaffProfile.objects.filter(user_id=digest.user_id).first()
    language = profile.language if profile else settings.LANGUAGE_CODE
    items = [{**item, "date": item["date"] and datetime.date.fromisoformat(item["date"]), "late": -item["days"]}
             for item in digest.items]
    with translation.override(language):
        count = len(items)
        context = {
            "digest": digest,
            "user": digest.user,
            "items": items,
            "overdue": [item for item in items if item["overdue"]],
            "upcoming": [item for item in items if not item["overdue"]],
            "milestones_url": dashboard_url("my_milestones"),
            "preferences_url": settings.SITE_URL + "/reminders/preferences/",
        }
        subject = ngettext("Reminders for %(day)s: %(count)d item",
                           "Reminders for %(day)s: %(count)d items", count) % {
            "day": digest.day.strftime("%d/%m/%Y"), "count": count}
        text = render_to_string("reminders/digest_email.txt", context)
        html = render_to_string("reminders/digest_email.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[digest.user.email],
                                     headers={"X-Reminder-Digest": f"{digest.pk}"})
    message.attach_alternative(html, "text/html")
    return message


def digest_send(*, digest_id):
    """Send one digest unless it was sent already. A transient failure (SMTP refusal, timeout,
    connection refused) is recorded on the row and raised again, for the caller to retry."""
    error = None
    with transaction.atomic():
        # The row lock is held while the SMTP conversation runs, so a second worker sending the
        # same digest waits here and then finds it sent.
        # Hazard: if the process dies after the SMTP server accepted the message but before this
        # transaction commits, the digest stays unsent and is sent again (at-least-once). Marking
        # it sent and committing *before* sending would instead lose the e-mail when the send
        # fails; a repeated reminder is the lesser harm.
        digest = Digest.objects.select_for_update().select_related("user").get(pk=digest_id)
        if digest.status == Digest.Status.SENT:
            return digest
        digest.attempts += 1
        try:
            _digest_message(digest).send()
        except TRANSIENT_SEND_ERRORS as exc:
            error = exc
            digest.status = Digest.Status.FAILED
            digest.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            logger.warning("Digest %s (attempt %s) not sent: %s", digest.pk, digest.attempts, digest.last_error)
        else:
            digest.status = Digest.Status.SENT
            digest.sent_at = timezone.now()
            digest.last_error = ""
        digest.save(update_fields=["attempts", "status", "last_error", "sent_at"])
    if error is not None:
        raise error
    return digest


def reminders_run(*, today, dry_run=False):
    """Claim and send today's digests in this process (no broker). Returns a list of
    (digest or None, user, items, outcome) for the command to print; a dry run only selects."""
    if dry_run:
        recipients = reminder_recipients()
        items = reminder_items(today=today, recipients=recipients)
        claimed = set(Digest.objects.filter(day=today).values_list("user_id", flat=True))
        results = [(None, recipients[user_id].user, [i.as_json() for i in user_items], "would send")
                   for user_id, user_items in items.items() if user_id not in claimed]
        results += [(digest, digest.user, digest.items, "would re-send")
                    for digest in digests_unsent(today=today).select_related("user")
                    if not (digest.day == today and digest.user_id in items)]
        return results
    results = []
    for digest_id in digests_claim(today=today):
        try:
            digest = digest_send(digest_id=digest_id)
            outcome = "sent"
        except TRANSIENT_SEND_ERRORS as exc:
            digest = Digest.objects.select_related("user").get(pk=digest_id)
            outcome = f"failed ({exc})"
        results.append((digest, digest.user, digest.items, outcome))
    return results


@transaction.atomic
def digest_preferences_update(*, user, language, digests_enabled, lead_days):
    """Save a staff member's digest language, on/off switch and lead times."""
    profile, _created = StaffProfile.objects.select_for_update().get_or_create(user=user)
    profile.language = language
    profile.digests_enabled = digests_enabled
    profile.lead_days = sorted({int(d) for d in lead_days}, reverse=True)
    profile.full_clean()
    profile.save(update_fields=["language", "digests_enabled", "lead_days"])
    return profile

"""Send (or, with a broker, enqueue) the day's reminder digests from the command line."""
import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from reminders.services import reminders_run
from reminders.tasks import scan_reminders


class Command(BaseCommand):
    help = ("Claim and send the day's reminder digests. Without a Celery broker the digests are sent "
            "here and now; with one, the scan is queued for the workers.")

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to scan, YYYY-MM-DD (default: today in Hanoi)")
        parser.add_argument("--dry-run", action="store_true", help="print what would be sent, write nothing")

    def handle(self, *args, date=None, dry_run=False, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date must look like 2025-01-31, not {date!r}.") from None

        if not dry_run and not settings.CELERY_TASK_ALWAYS_EAGER:
            try:
                scan_reminders.delay(today.isoformat())
            except KombuOperationalError as exc:
                # Nothing was claimed: the scan runs in the worker. A clear message and a non-zero
                # exit for cron, instead of a traceback; run it again once the broker is back.
                raise CommandError(f"Could not queue the reminder scan: the Celery broker is unreachable ({exc}). "
                                   "Nothing was claimed or sent; run the command again once it is back.") from None
            self.stdout.write(f"Queued the reminder scan for {today:%Y-%m-%d} through Celery "
                              f"(broker {settings.CELERY_BROKER_URL.split('@')[-1]}); the workers send the digests.")
            return

        results = reminders_run(today=today, dry_run=dry_run)
        prefix = "Dry run, nothing written. " if dry_run else ""
        self.stdout.write(f"{prefix}Reminder digests for {today:%Y-%m-%d}: {len(results)}")
        for digest, user, items, outcome in results:
            day = f" of {digest.day:%Y-%m-%d}" if digest is not None and digest.day != today else ""
            self.stdout.write(f"  {outcome}{day}: {user.email} ({len(items)} items)")
            for item in items:
                self.stdout.write(f"    - [{item['kind']}] {item['title']} {item['date'] or '-'} {item['url']}")

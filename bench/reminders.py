"""The daily reminder scan at scale: 5,000 staff and 50,000 milestones (then 5,000 milestones,
to show that the scan's query count does not grow with the data).

    DATABASE_URL=postgres://… python manage.py migrate        # once
    DATABASE_URL=postgres://… python bench/reminders.py [--users 5000] [--sizes 5000,50000]
    python bench/reminders.py --clean                           # remove the bench rows

Rows are made with bulk_create and marked: usernames start with "bench-rem-", milestone titles
with "[bench-rem]", so a later run reuses them (topping up or trimming to the size asked) and
--clean removes them. Each scan (reminders.services.digests_claim, what the daily task runs) is
measured inside a transaction that is rolled back, so runs are comparable and nothing is sent.
Prints one JSON line per size, then a table."""
import argparse
import datetime
import json
import random
import time

import _setup
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships.models import Agreement, Locality, Milestone, Partnership
from reminders.models import Digest, ReminderMark
from reminders.services import digests_claim

PREFIX = "bench-rem-"
TITLE = "[bench-rem]"
BATCH = 5_000


def ensure_users(count):
    User = get_user_model()
    have = User.objects.filter(username__startswith=PREFIX).count()
    User.objects.bulk_create([User(username=f"{PREFIX}{i}", email=f"{PREFIX}{i}@hanoi.example", is_staff=True)
                              for i in range(have, count)], batch_size=BATCH, ignore_conflicts=True)
    return list(User.objects.filter(username__startswith=PREFIX).order_by("id").values_list("id", flat=True)[:count])


def ensure_agreements(user_ids, rng, today):
    partnership = Partnership.objects.filter(partner_locality__name_en=f"{TITLE} City").first()
    if partnership is None:
        hanoi, _ = Locality.objects.get_or_create(country="VN", name_en="Hanoi", defaults={
            "name_vi": "Hà Nội", "kind": Locality.Kind.CAPITAL, "is_hanoi_side": True})
        partner = Locality.objects.create(name_en=f"{TITLE} City", name_vi="Thành phố Bench", country="LA",
                                          kind=Locality.Kind.CITY)
        partnership = Partnership.objects.create(hanoi_locality=hanoi, partner_locality=partner,
                                                 level=Partnership.Level.FRIENDSHIP,
                                                 status=Partnership.Status.ACTIVE,
                                                 established_on=datetime.date(2000, 1, 1),
                                                 responsible_officer_id=user_ids[0])
        Agreement.objects.bulk_create([
            Agreement(partnership=partnership, kind=Agreement.Kind.values[0], title=f"{TITLE} Thỏa thuận {i}",
                      stage=Agreement.Stage.IN_FORCE, stage_changed_on=today - datetime.timedelta(days=400),
                      valid_from=today - datetime.timedelta(days=400),
                      valid_until=today + datetime.timedelta(days=rng.randint(1, 400)),
                      responsible_officer_id=rng.choice(user_ids)) for i in range(200)])
    return list(Agreement.objects.filter(partnership=partnership).values_list("id", flat=True))


def ensure_milestones(count, user_ids, agreement_ids, rng, today):
    mine = Milestone.objects.filter(title__startswith=TITLE)
    have = mine.count()
    if have > count:
        extra = list(mine.order_by("-id").values_list("id", flat=True)[: have - count])
        # Nothing points at a milestone (reminder marks keep its id, not a foreign key), so one
        # DELETE does; the collector of .delete() takes ~40 s for 45,000 rows.
        Milestone.objects.filter(id__in=extra)._raw_delete(connection.alias)
    elif have < count:
        Milestone.objects.bulk_create([
            Milestone(title=f"{TITLE} Việc cần làm số {i}", agreement_id=rng.choice(agreement_ids),
                      owner_id=rng.choice(user_ids), due_on=today + datetime.timedelta(days=rng.randint(-30, 90)),
                      status=Milestone.Status.PENDING) for i in range(have, count)], batch_size=BATCH)
    return mine.count()


def scan(today):
    """One daily scan, measured, then rolled back."""
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            digest_ids = digests_claim(today=today)
            seconds = time.perf_counter() - started
        marks = ReminderMark.objects.filter(digest_id__in=digest_ids).count()
        transaction.set_rollback(True)
    return {"seconds": round(seconds, 2), "queries": len(queries), "digests": len(digest_ids), "marks": marks}


def clean():
    with transaction.atomic():
        Milestone.objects.filter(title__startswith=TITLE).delete()
        Agreement.objects.filter(title__startswith=TITLE).delete()
        Partnership.objects.filter(partner_locality__name_en=f"{TITLE} City").delete()
        Locality.objects.filter(name_en=f"{TITLE} City").delete()
        Digest.objects.filter(user__username__startswith=PREFIX).delete()
        get_user_model().objects.filter(username__startswith=PREFIX).delete()
    if connection.vendor == "postgresql":
        # The removed rows (and the scans' rolled-back digests and marks) stay as dead rows until
        # autovacuum comes by: until then they slowed the admin's milestone search from 16 to 27 ms.
        with connection.cursor() as cursor:
            for model in (Milestone, Agreement, Partnership, Locality, Digest, ReminderMark, get_user_model()):
                cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")
    print("bench reminder rows removed")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=5_000)
    parser.add_argument("--sizes", default="5000,50000", help="milestone counts to measure, comma-separated")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--clean", action="store_true")
    args = parser.parse_args()
    if args.clean:
        return clean()
    rng, today = random.Random(args.seed), timezone.localdate()
    started = time.perf_counter()
    user_ids = ensure_users(args.users)
    agreement_ids = ensure_agreements(user_ids, rng, today)
    print(f"setup: {len(user_ids)} users, {len(agreement_ids)} agreements ({time.perf_counter() - started:.1f}s)",
          flush=True)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        started = time.perf_counter()
        milestones = ensure_milestones(size, user_ids, agreement_ids, rng, today)
        setup = round(time.perf_counter() - started, 1)
        row = {"database": connection.vendor, "users": len(user_ids), "milestones": milestones,
               "all_milestones": Milestone.objects.count(), **scan(today), "setup_seconds": setup}
        print(json.dumps(row), flush=True)
        rows.append(row)
    print()
    _setup.print_table(rows, ["database", "users", "milestones", "seconds", "queries", "digests", "marks"])


if __name__ == "__main__":
    main()

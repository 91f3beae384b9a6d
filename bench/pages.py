"""Every dashboard page, the admin changelists and the search box, at the current data size:
SQL queries and the median and 95th-percentile server time (in-process, Django test client).

    python manage.py seed_scale --meetings 100000     # once
    python bench/pages.py [--repeat 15]

Prints one JSON line per page, then a table."""
import argparse
import json
import statistics
import time

import _setup
from django.contrib import admin
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting, Person, SourceArticle
from partnerships.models import Agreement, Locality


def pages():
    partner = (Locality.objects.filter(is_hanoi_side=False).annotate(n=Count("partnerships__meetings"))
               .order_by("-n").first())
    meeting = Meeting.objects.order_by("-id").first()
    agreement = Agreement.objects.order_by("-id").first()
    article = SourceArticle.objects.order_by("-id").first()
    person = Person.objects.annotate(n=Count("participations")).order_by("-n").first()
    yield "overview", "/"
    yield "partners", "/partners/"
    yield "partners filtered", "/partners/?status=active&level=friendship"
    if partner:
        yield "partner timeline", f"/partners/{partner.pk}/"
    yield "agreements", "/agreements/"
    yield "agreement board", "/agreements/board/"
    if agreement:
        yield "agreement detail", f"/agreements/{agreement.pk}/"
    yield "meetings", "/meetings/"
    yield "meetings filtered", "/meetings/?kind=reception&date_after=2020-01-01"
    if meeting:
        yield "meeting detail", f"/meetings/{meeting.pk}/"
    yield "articles", "/articles/"
    if article:
        yield "article detail", f"/articles/{article.pk}/"
    yield "milestones", "/milestones/"
    yield "people", "/people/"
    if person:
        yield "person detail", f"/people/{person.pk}/"
    yield "search", "/search/?q=vieng%20chan"
    yield "search people", "/search/?q=nguyen%20van"
    for model in sorted(admin.site._registry, key=lambda m: m._meta.label):
        opts = model._meta
        yield f"admin {opts.label}", reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def measure(client, url, repeat):
    client.get(url)  # warm caches and connections
    timings, queries, status = [], 0, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        queries, status = len(context), response.status_code
    return status, queries, timings


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    client = Client()
    client.force_login(_setup.bench_user())
    rows = []
    for name, url in pages():
        status, queries, timings = measure(client, url, args.repeat)
        row = {"page": name, "url": url, "status": status, "queries": queries,
               "median_ms": round(statistics.median(timings), 1), "p95_ms": round(_setup.percentile(timings, .95), 1)}
        print(json.dumps(row, ensure_ascii=False), flush=True)
        rows.append(row)
    print()
    _setup.print_table(rows, ["page", "status", "queries", "median_ms", "p95_ms"])


if __name__ == "__main__":
    main()

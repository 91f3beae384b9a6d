"""Every dashboard page, the admin changelists and the search box, at the current data size:
SQL queries and the median and 95th-percentile server time (in-process, Django test client).

    python manage.py seed_scale --meetings 100000     # once
    python bench/pages.py [--repeat 15]

Prints one JSON line per page, then a table."""
import argparse
import json
import os
import statistics
import time

os.environ.setdefault("PAGE_CACHE_SECONDS", "600")  # in this process's memory: measured both ways below

import _setup
from django.contrib import admin
from django.core.cache import cache
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
    yield "overview map points", reverse("dashboard:map_points")
    yield "partners", "/partners/"
    yield "partners filtered", "/partners/?status=active&level=friendship"
    if partner:
        yield "partner timeline", f"/partners/{partner.pk}/"
    yield "agreements", "/agreements/"
    yield "agreement board", "/agreements/board/"
    if agreement:
        yield "agreement detail", f"/agreements/{agreement.pk}/"
    yield "meetings", "/meetings/"
    yield "meetings filtered", "/meetings/?kind=reception&date_from=2020-01-01"
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
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        yield f"admin {opts.label}", changelist
        if model_admin.search_fields:
            # The commonest Vietnamese family name, typed without its accents.
            yield f"admin {opts.label} search", f"{changelist}?q=nguyen"


def measure(client, url, repeat, cached):
    """Server time and queries of ``repeat`` requests: rendered afresh (the page cache emptied
    before each), or with ``cached`` served again from the page cache (as after the first view)."""
    client.get(url)  # warm caches and connections
    timings, queries, status = [], 0, None
    for _ in range(repeat):
        if not cached:
            cache.clear()
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        queries, status = len(context), response.status_code
    return status, queries, timings


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--only", metavar="SUBSTRING", help="measure only the pages whose name contains it")
    args = parser.parse_args()
    client = Client()
    client.force_login(_setup.bench_user())
    rows = []
    for name, url in pages():
        if args.only and args.only.lower() not in name.lower():
            continue
        status, queries, timings = measure(client, url, args.repeat, cached=False)
        _, cached_queries, cached_timings = measure(client, url, args.repeat, cached=True)
        row = {"page": name, "url": url, "status": status, "queries": queries,
               "median_ms": round(statistics.median(timings), 1), "p95_ms": round(_setup.percentile(timings, .95), 1),
               "cached_queries": cached_queries, "cached_median_ms": round(statistics.median(cached_timings), 1)}
        print(json.dumps(row, ensure_ascii=False), flush=True)
        rows.append(row)
    print()
    _setup.print_table(rows, ["page", "status", "queries", "median_ms", "p95_ms", "cached_queries",
                              "cached_median_ms"])


if __name__ == "__main__":
    main()

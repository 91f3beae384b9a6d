"""Read queries of the overview and the search page."""
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import ExtractMonth

from dashboard.search import folded_json, match_all, query_terms
from meetings.models import Meeting, Person, SourceArticle
from partnerships.list_selectors import with_labels
from partnerships.models import Agreement, Locality, Milestone, Partnership

SEARCH_LIMIT = 20
PENDING_SHOWN = 10  # articles waiting for review listed on the overview


def _binding_stages():
    return getattr(Agreement, "BINDING_STAGES", {Agreement.Stage.SIGNED, Agreement.Stage.IN_FORCE})


def dormant_partnerships(*, today):
    """The workflow's definition when it is there; until then, status "dormant" or no meeting
    for DORMANT_AFTER_MONTHS."""
    months = settings.DORMANT_AFTER_MONTHS
    try:
        from partnerships.selectors import partnerships_dormant
    except ImportError:
        cutoff = today - datetime.timedelta(days=round(months * 30.44))
        queryset = Partnership.objects.filter(
            Q(status=Partnership.Status.DORMANT)
            | (Q(status=Partnership.Status.ACTIVE) & ~Q(meetings__date__gte=cutoff))
        ).distinct()
    else:
        # The overview shows the two localities, not the officer the reminders need.
        queryset = partnerships_dormant(today=today, months=months).select_related(None)
    return queryset.select_related("partner_locality", "hanoi_locality")


def overview(*, user, today):
    active = (Partnership.objects.filter(status=Partnership.Status.ACTIVE)
              .values("partner_locality__country", "level").annotate(n=Count("id")))
    by_country = {}
    for row in active:
        by_country.setdefault(row["partner_locality__country"], {})[row["level"]] = row["n"]
    levels = list(Partnership.Level)
    from django_countries import countries
    from django_countries.fields import Country

    active_table = sorted(
        (
            {"country": code, "country_name": countries.name(code), "flag": Country(code=code).unicode_flag,
             "cells": [by_country[code].get(level, 0) for level in levels],
             "total": sum(by_country[code].values())}
            for code in by_country
        ),
        key=lambda r: (-r["total"], r["country_name"]),
    )

    # COUNT(*), not COUNT(id): the indexes on stage and date alone answer it (index-only scans).
    stage_counts = dict(Agreement.objects.values_list("stage").annotate(n=Count("*")).order_by())
    pipeline_peak = max(stage_counts.values(), default=0) or 1
    pipeline = [{"stage": stage, "count": stage_counts.get(stage, 0),
                 "pct": round(100 * stage_counts.get(stage, 0) / pipeline_peak)} for stage in Agreement.Stage]

    # The three short lists read only the columns the overview shows: whole rows of the joined
    # localities (aliases JSON, coordinates as Decimals) were a third of the selector's work.
    milestone_joins = ("agreement__partnership__partner_locality", "partnership__partner_locality")
    my_milestones = list(
        Milestone.objects.filter(owner=user, status=Milestone.Status.PENDING,
                                 due_on__lte=today + datetime.timedelta(days=30))
        .select_related(*milestone_joins)
        .only("id", "title", "due_on", "agreement__title", "agreement__partnership__partner_locality__name_vi",
              "partnership__partner_locality__name_vi")
        .order_by("due_on", "id")[:50]
    )

    expiring = list(
        Agreement.objects.filter(stage__in=_binding_stages(), valid_until__gte=today,
                                 valid_until__lte=today + datetime.timedelta(days=90))
        .select_related("partnership__partner_locality")
        .only("id", "title", "valid_until", "partnership__partner_locality__name_vi")
        .order_by("valid_until")[:50]
    )

    dormant = list(dormant_partnerships(today=today)
                   .only("id", "status", "partner_locality__name_vi", "hanoi_locality__name_vi")[:50])
    with_labels(dormant, "status")

    month_counts = dict(
        Meeting.objects.filter(date__year=today.year).annotate(m=ExtractMonth("date"))
        .values_list("m").annotate(n=Count("*")).order_by()
    )
    peak = max(month_counts.values(), default=0)
    # Bar geometry for the SVG chart (chart area 0..100 high, bars 20 wide on a 24 pitch).
    months = [{"month": m, "count": month_counts.get(m, 0), "x": (m - 1) * 24 + 2,
               "h": round(100 * month_counts.get(m, 0) / peak) if peak else 0} for m in range(1, 13)]
    for month in months:
        month["y"] = 100 - month["h"]

    pending = SourceArticle.objects.filter(review_status=SourceArticle.ReviewStatus.PENDING)
    pending_articles = list(pending.only("id", "title", "publisher", "published_on")
                            .order_by("-published_on", "-id")[:PENDING_SHOWN])
    # Fewer than the list holds: that is the count, without a second query.
    pending_count = len(pending_articles) if len(pending_articles) < PENDING_SHOWN else pending.count()

    # The partner points themselves (about a thousand at scale) are drawn in the browser from
    # map_points(): the page only counts them, for the caption.
    map_count = map_points_count()
    hanoi = (Locality.objects.filter(is_hanoi_side=True, parent__isnull=True, latitude__isnull=False)
             .only("id", "name_vi", "latitude", "longitude").first())

    return {
        "levels": levels,
        "active_table": active_table,
        "active_total": sum(r["total"] for r in active_table),
        "pipeline": pipeline,
        "agreement_total": sum(stage_counts.values()),
        "my_milestones": my_milestones,
        "expiring": expiring,
        "dormant": dormant,
        "months": months,
        "months_peak": peak,
        "pending_articles": pending_articles,
        "pending_count": pending_count,
        "map_count": map_count,
        "hanoi": hanoi,
    }


# The partner localities the overview's map places: with coordinates and at least one
# partnership (so each has a timeline).
_ON_THE_MAP = Q(is_hanoi_side=False, latitude__isnull=False, longitude__isnull=False)


def map_points_count():
    """How many points map_points() gives, for the overview's caption."""
    has_partnership = Exists(Partnership.objects.filter(partner_locality=OuterRef("pk")))
    return Locality.objects.filter(_ON_THE_MAP, has_partnership).count()


def map_points():
    """The points of the overview's map as static/js/worldmap.js draws them, ordered by English
    name: id, both names, x and y in the map's equirectangular 360×180 frame (as the map_x and
    map_y template filters place Hanoi, two decimals) and ``active``, the number of active
    partnerships (none: drawn grey)."""
    # One join and GROUP BY (the inner join reads every partnership once; an EXISTS beside the
    # count cost twice as much), plain rows rather than model instances for a thousand points.
    rows = (
        Locality.objects.filter(_ON_THE_MAP, partnerships__isnull=False)
        .annotate(active=Count("partnerships", filter=Q(partnerships__status=Partnership.Status.ACTIVE)))
        .order_by("name_en")
        .values_list("id", "name_vi", "name_en", "longitude", "latitude", "active")
    )
    return [{"id": pk, "name_vi": name_vi, "name_en": name_en,
             "x": round(float(longitude) + 180, 2), "y": round(90 - float(latitude), 2), "active": active}
            for pk, name_vi, name_en, longitude, latitude, active in rows]


@dataclass
class SearchResults:
    q: str
    partners: list
    people: list
    meetings: list
    agreements: list
    articles: list

    @property
    def total(self):
        return sum(len(x) for x in (self.partners, self.people, self.meetings, self.agreements, self.articles))


def search(q):
    """Search partners (both names and all aliases), people, meetings, agreements and
    articles, ignoring diacritics and case; each word of the query must match."""
    terms = query_terms(q)
    if not terms:
        return SearchResults(q, [], [], [], [], [])
    partners = list(
        Locality.objects.filter(is_hanoi_side=False)
        .filter(match_all(terms, "name_vi", "name_en", folded_json("aliases")))
        .select_related("parent").order_by("name_en")[:SEARCH_LIMIT]
    )
    people = list(Person.objects.filter(match_all(terms, "full_name", "current_title"))
                  .order_by("full_name")[:SEARCH_LIMIT])
    meetings = list(
        Meeting.objects.filter(match_all(terms, "title", "place"))
        .prefetch_related(Prefetch("partnerships",
                                   queryset=Partnership.objects.select_related("partner_locality")))
        .order_by("-date")[:SEARCH_LIMIT]
    )
    agreements = list(Agreement.objects.filter(match_all(terms, "title"))
                      .select_related("partnership__partner_locality").order_by("title")[:SEARCH_LIMIT])
    articles = list(SourceArticle.objects.filter(match_all(terms, "title", "publisher"))
                    .defer("raw_text", "clean_text").order_by("-published_on")[:SEARCH_LIMIT])
    return SearchResults(q, partners, people, meetings, agreements, articles)

"""Admin changelists that stay fast at 100,000 rows: what every one of them pays for (the
count, a checkbox per row) made cheap, and list filters whose choices cost a few index probes
instead of a pass over the table. The filters keep the URL parameters of the stock filters and
of ``date_hierarchy`` they replace, so that bookmarked and linked lists still filter."""
import datetime
import functools

from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import CharField, Count, F, JSONField, Max, Min, Q, TextField
from django.db.models.functions import Cast
from django.db.models.lookups import Contains, Exact, StartsWith
from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.functional import cached_property, lazy
from django.utils.html import format_html
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext as django_gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from dashboard.search import Fold, folded_json
from meetings.extraction.text import fold

# Django's admin spends 0.5 to 1 ms on each row it shows (the row's query results, links,
# escaping, choices) and 20 to 30 ms on the rest of a changelist: 25 rows a page, not Django's
# 100 (at 50, agreements, milestones and partnerships took 15 to 30 ms more on the shared
# 2-core machine). Search and the filters narrow the list.
LIST_PER_PAGE = 25

# Filter titles are lower case ("By kind"); these reuse the catalogue's "Year" and "Month".
_lower = lazy(lambda text: str(text).lower(), str)

# Below this many rows COUNT(*) costs a few milliseconds and the exact figure is kept.
ESTIMATE_FROM = 50_000

# A search term that matches at least this many rows (through any of the search fields) is
# searched in the list's order (FoldedSearch.condition's ``spread``) and its list counted up to
# SEARCH_COUNT_CAP rows only.
MANY_MATCHES = 1_000
SEARCH_COUNT_CAP = 1_000
_SEARCH_MATCHES_MANY = "folded_search_matches_many"  # the request attribute that tells the paginator


class EstimatedCountPaginator(Paginator):
    """Counts an unfiltered list of a large PostgreSQL table with the planner's own row
    estimate (``pg_class.reltuples``, kept current by autovacuum) instead of COUNT(*), which
    reads every row on every page: 40 ms for the 300,000 participations. The total and the
    last page number may then be off by the rows added since the last analyse; a filtered or
    searched list, and any table under ESTIMATE_FROM rows, is counted exactly. ``estimated``
    tells which, so that a page can say "about"."""

    estimated = False
    # Set by QuickChangelistMixin for a search that matches many rows: at most this many are
    # counted, and ``capped`` tells that there are more (the page says "more than"). A list in
    # its own table's order reads the pks of those rows once, for its count and its pages.
    count_cap = None
    capped = False

    @cached_property
    def count(self):
        if self.count_cap is not None:
            if self._in_own_order:
                counted = len(self._first_pks)
            else:
                # Unordered: any count_cap + 1 rows tell, and no join for the order's columns.
                counted = self.object_list.order_by()[:self.count_cap + 1].count()
            self.capped = counted > self.count_cap
            return min(counted, self.count_cap)
        estimate = self._estimate()
        if estimate is not None and estimate >= ESTIMATE_FROM:
            self.estimated = True
            return estimate
        return super().count

    def _get_page(self, object_list, number, paginator):
        if self.count_cap is not None and self._in_own_order:
            # The page's rows by their pks among the first ones (``object_list`` is the list sliced
            # to the page), without the search's condition: evaluating it again (hashing every
            # matching participant's meetings) cost as much as the walk that found them.
            page_pks = self._first_pks[object_list.query.low_mark:object_list.query.high_mark]
            object_list = self.object_list.all()
            object_list.query.clear_where()
            object_list = object_list.filter(pk__in=page_pks)
        return super()._get_page(object_list, number, paginator)

    @cached_property
    def _first_pks(self):
        """The pks of the list's first count_cap + 1 rows, in its order: its count and the
        pages within the cap, from one walk of the order's index."""
        return list(self.object_list.values_list("pk", flat=True)[:self.count_cap + 1])

    @cached_property
    def _in_own_order(self):
        """Whether the list is ordered by columns of its own table only, so that an index can
        give its first rows in order (the meetings' (date, id)). Ordered through a relation (the
        participations by their meeting's date), the walk of 1,001 rows took 40 ms."""
        query = getattr(self.object_list, "query", None)
        if query is None or not query.order_by or query.combinator:
            return False
        opts = self.object_list.model._meta
        for name in query.order_by:
            if not isinstance(name, str):
                return False
            name = name.removeprefix("-")
            if name == "pk":
                continue
            try:
                field = opts.get_field(name)
            except FieldDoesNotExist:
                return False
            if field.is_relation or not field.concrete:
                return False
        return True

    def _estimate(self):
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is None or query.where or query.distinct or query.combinator or query.is_sliced:
            return None
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)",
                           [connection.ops.quote_name(queryset.model._meta.db_table)])
            row = cursor.fetchone()
        # -1 until the table is first analysed.
        return int(row[0]) if row and row[0] >= 0 else None


class QuickChangelistMixin:
    """For a ModelAdmin: LIST_PER_PAGE rows a page, no second COUNT(*) of the whole table, the
    count of a large unfiltered table estimated, and the row checkbox written directly."""

    list_per_page = LIST_PER_PAGE
    show_full_result_count = False
    paginator = EstimatedCountPaginator

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
        if getattr(request, _SEARCH_MATCHES_MANY, False):
            # Counting 13,000 matches costs as much as the rest of the page: the list says
            # "more than SEARCH_COUNT_CAP" and pages through those.
            paginator.count_cap = SEARCH_COUNT_CAP
        return paginator

    def lookup_allowed(self, lookup, value, request=None):
        # The parameter of one of our list filters, which filters by it itself. Django allows
        # a parameter across relations only if it spells the relation path of a listed filter
        # (``partner_locality__country``), not the stock filter's own ``…__country__exact``.
        list_filter = self.get_list_filter(request) if request is not None else self.list_filter
        if any(getattr(item, "parameter_name", None) == lookup for item in list_filter if isinstance(item, type)):
            return True
        return super().lookup_allowed(lookup, value, request)

    def action_checkbox(self, obj):
        # The same markup as Django's, without rendering a CheckboxInput template for each
        # row (0.3 ms a row). tests/test_admin_lists.py compares the two.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME, str(obj.pk),
            # Django's own string, from Django's catalogue: not one of ours to extract.
            format_html(django_gettext("Select this object for an action - {}"), str(obj)))


class QFilter(admin.SimpleListFilter):
    """A list filter defined by the condition each choice stands for (``choice_q``), used
    both to filter and for the facet counts ("Show counts"): Django counts each choice of a
    SimpleListFilter through ``pk IN (subquery)``, 2 s for the 32 years of 100,000 meetings;
    a conditional count on the filtered rows takes 0.1 s."""

    def choice_q(self, value):
        """The condition of a choice, or None for no (or an impossible) choice."""
        raise NotImplementedError

    def queryset(self, request, queryset):
        condition = self.choice_q(self.value())
        return queryset if condition is None else queryset.filter(condition)

    def get_facet_counts(self, pk_attname, filtered_qs):
        conditions = ((index, self.choice_q(str(value))) for index, (value, _label) in enumerate(self.lookup_choices))
        return {f"{index}__c": Count(pk_attname, filter=condition) for index, condition in conditions
                if condition is not None}


class DependentParametersMixin:
    """A filter whose choices drop the parameters of the filters that depend on it: a new
    year drops the month chosen within the previous one, a new country its locality."""

    dependent_parameters = ()

    def choices(self, changelist):
        values = [None, *(value for value, _label in self.lookup_choices)]
        remove = [self.parameter_name, *self.dependent_parameters]
        for value, choice in zip(values, super().choices(changelist)):
            choice["query_string"] = changelist.get_query_string(
                {} if value is None else {self.parameter_name: value}, remove)
            yield choice


def _int_in(value, low, high):
    return int(value) if value and value.isdigit() and len(value) <= 4 and low <= int(value) <= high else None


class YearFilter(DependentParametersMixin, QFilter):
    """The years from the first to the last date, newest first: one MIN/MAX on an indexed
    column, where ``date_hierarchy`` read the distinct years of every row (55 ms for 100,000
    meetings). A year between them without rows lists nothing. Same parameter as
    ``date_hierarchy`` (``date__year=2024``); filters on an index-friendly date range."""

    title = _lower(_("Year"))
    field_name = None

    def lookups(self, request, model_admin):
        bounds = model_admin.model._default_manager.aggregate(first=Min(self.field_name), last=Max(self.field_name))
        if not bounds["first"]:
            return []
        return [(str(year), str(year)) for year in range(bounds["last"].year, bounds["first"].year - 1, -1)]

    def choice_q(self, value):
        year = _int_in(value, 1, datetime.MAXYEAR - 1)
        if year is None:
            return None
        return Q(**{f"{self.field_name}__gte": datetime.date(year, 1, 1),
                    f"{self.field_name}__lt": datetime.date(year + 1, 1, 1)})


class MonthFilter(QFilter):
    """The twelve months, shown once a year is chosen (no query). Same parameter as
    ``date_hierarchy`` (``date__month=5``)."""

    title = _lower(_("Month"))
    field_name = None

    def year(self):
        return _int_in(self.request.GET.get(f"{self.field_name}__year"), 1, datetime.MAXYEAR - 1)

    def lookups(self, request, model_admin):
        if self.year() is None and not self.value():
            return []
        return [(str(number), name) for number, name in MONTHS.items()]

    def choice_q(self, value):
        month, year = _int_in(value, 1, 12), self.year()
        if month is None:
            return None
        if year is None:
            return Q(**{f"{self.field_name}__month": month})
        end = datetime.date(year + 1, 1, 1) if month == 12 else datetime.date(year, month + 1, 1)
        return Q(**{f"{self.field_name}__gte": datetime.date(year, month, 1), f"{self.field_name}__lt": end})


def date_filters(field_name):
    """The year and month filters that replace ``date_hierarchy = field_name``."""
    year = type(f"YearFilter_{field_name}", (YearFilter,), {
        "field_name": field_name, "parameter_name": f"{field_name}__year",
        "dependent_parameters": [f"{field_name}__month"]})
    month = type(f"MonthFilter_{field_name}", (MonthFilter,), {
        "field_name": field_name, "parameter_name": f"{field_name}__month"})
    return [year, month]


def distinct_values(model, field_name):
    """The distinct non-null values of a model's column, in order, by a "loose index scan":
    one probe of an index that starts with the column per value, instead of reading every
    row (3 publishers of 100,000 articles: 25 ms by SELECT DISTINCT, under 1 ms so). One
    query. Without such an index it is still correct, only slower."""
    opts = model._meta
    connection = connections[model._default_manager.db]
    table = connection.ops.quote_name(opts.db_table)
    column = connection.ops.quote_name(opts.get_field(field_name).column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE found(value) AS ("
            f" SELECT MIN({column}) FROM {table}"
            f" UNION ALL"
            f" SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > found.value)"
            f" FROM found WHERE found.value IS NOT NULL"
            f") SELECT value FROM found WHERE value IS NOT NULL")
        return [value for (value,) in cursor.fetchall()]


@functools.lru_cache(maxsize=8)
def _country_names(language):
    with translation.override(language):
        return dict(countries)


def name_of_country(code):
    """The name of a country in the current language, from a table built once per language:
    ``Country.name`` works it out again on each call (0.1 ms)."""
    return _country_names(translation.get_language()).get(code, code) if code else ""


class CountryFilter(DependentParametersMixin, QFilter):
    """Only the countries that rows have (34 at scale), by name, instead of the 250 of the
    stock filter, each of which cost a query string (30 ms a page). Same parameter as the
    stock filter (``country__exact=LA``)."""

    title = _("country")
    field_path = "country"

    def country_codes(self, model_admin):
        return distinct_values(model_admin.model, self.field_path)

    def lookups(self, request, model_admin):
        return sorted(((code, name_of_country(code)) for code in self.country_codes(model_admin) if code),
                      key=lambda choice: choice[1])

    def choice_q(self, value):
        return Q(**{self.field_path: value}) if value else None


def country_filter(field_path="country", codes=None):
    """A CountryFilter on ``field_path``: a country column of the model itself, read from an
    index that starts with it, or any path with ``codes(model_admin)`` giving the countries."""
    attrs = {"field_path": field_path, "parameter_name": f"{field_path}__exact"}
    if codes is not None:
        attrs["country_codes"] = lambda self, model_admin: codes(model_admin)
    return type(f"CountryFilter_{field_path}", (CountryFilter,), attrs)


class DistinctValuesFilter(QFilter):
    """The distinct values of an indexed column (see distinct_values). Same parameter as the
    stock filter (``publisher=…``)."""

    field_name = None

    def lookups(self, request, model_admin):
        empty = model_admin.get_empty_value_display()
        return [(value, value or empty) for value in distinct_values(model_admin.model, self.field_name)]

    def choice_q(self, value):
        return None if value is None else Q(**{self.field_name: value})


def distinct_values_filter(field_name, title):
    return type(f"DistinctValuesFilter_{field_name}", (DistinctValuesFilter,), {
        "field_name": field_name, "parameter_name": field_name, "title": title})


def search_terms(search_term):
    """The folded words of an admin search, split as Django splits them (a quoted phrase is one
    term): each must match one of the searched fields. A NUL character separates words too:
    PostgreSQL refuses it in a parameter (a 500 otherwise)."""
    terms = []
    for bit in smart_split((search_term or "").replace("\x00", " ")):
        if len(bit) > 1 and bit[0] in "\"'" and bit[-1] == bit[0]:
            bit = unescape_string_literal(bit)
        bit = fold(bit).strip()
        if bit:
            terms.append(bit)
    return terms[:8]


_FOLDED_LOOKUPS = {"^": StartsWith, "=": Exact, "@": Contains}
_FOLDED_SUFFIXES = {f"__{prefix}{name}": lookup for name, lookup in
                    (("exact", Exact), ("startswith", StartsWith), ("contains", Contains)) for prefix in ("i", "")}


def _folded_column(field):
    if isinstance(field, JSONField):
        return Fold(folded_json(field.name))
    if isinstance(field, (CharField, TextField)):
        return Fold(F(field.name))
    return Fold(Cast(F(field.name), output_field=TextField()))


def _points_out(field):
    """Whether the relation ``field`` is a foreign key (or one-to-one) on its own model."""
    return field.many_to_one or (field.one_to_one and field.concrete)


class FoldedSearch:
    """The rows of ``model`` with a folded term in one of the ``search_fields`` (Django's
    spelling, ``^``/``=``/``@`` prefixes included). A model's own columns are or-ed, which
    PostgreSQL answers from their trigram indexes together; each relation is a ``pk IN (…)``
    of the rows found at its other end, never a join: Django's search joined every related
    table (and had to SELECT DISTINCT over the result), and or-ing a subquery with the column
    conditions made PostgreSQL fold every row of the table instead of reading the indexes, so
    the own columns and each relation are branches of one UNION."""

    def __init__(self, model, search_fields):
        self.model = model
        self.paths = []
        for spec in search_fields:
            lookup = _FOLDED_LOOKUPS.get(spec[:1], Contains)
            path = spec[1:] if spec[:1] in _FOLDED_LOOKUPS else spec
            for suffix, suffix_lookup in _FOLDED_SUFFIXES.items():
                if path.endswith(suffix):
                    path, lookup = path[:-len(suffix)], suffix_lookup
            self.paths.append((path, lookup))

    def condition(self, term, *, spread=False):
        """A Q for the rows that ``term`` (already folded) matches.

        ``spread``: one ``IN (subquery)`` per branch (the own columns, each relation), or-ed,
        instead of one ``pk IN`` of their UNION, for a term that matches many rows. PostgreSQL then
        hashes each branch once and walks the list's order index until the page is full ("nguyen",
        13,000 of the 100,000 meetings: 9 ms), where with the UNION it fetched and sorted every
        match (56 ms); for a rare term the UNION is the faster (the walk would read the table)."""
        local, related = self._groups(self.paths)
        if not spread or not related:
            return self._q(self.model, self.paths, term)
        condition = Q(pk__in=self._pks(self.model, self._q(self.model, local, term))) if local else Q()
        for name, rest in related.items():
            condition |= self._relation_q(self.model, name, rest, term)
        return condition

    def matches_many(self, term):
        """Whether ``term`` matches at least MANY_MATCHES rows, read from the branches' indexes
        without touching the table itself (a row matched twice counts twice)."""
        rows = self._rows(self.model, self.paths, term)
        return len(rows[:MANY_MATCHES]) >= MANY_MATCHES

    @staticmethod
    def _groups(paths):
        local, related = [], {}
        for path, lookup in paths:
            if "__" in path:
                name, rest = path.split("__", 1)
                related.setdefault(name, []).append((rest, lookup))
            else:
                local.append((path, lookup))
        return local, related

    def _q(self, model, paths, term):
        local, related = self._groups(paths)
        if not related:
            condition = Q()
            for path, lookup in local:
                condition |= Q(lookup(_folded_column(model._meta.get_field(path)), term))
            return condition
        if not local and len(related) == 1:
            (name, rest), = related.items()
            return self._relation_q(model, name, rest, term)
        return Q(pk__in=self._rows(model, paths, term))

    def _rows(self, model, paths, term):
        """A query of the pks of ``model`` whose ``paths`` match ``term``, without duplicates
        mattering (it is only ever the right side of IN)."""
        local, related = self._groups(paths)
        branches = [self._pks(model, self._q(model, local, term))] if local else []
        for name, rest in related.items():
            field = model._meta.get_field(name)
            if _points_out(field):
                # A foreign key on this model: its rows pointing to the matching ones.
                branches.append(self._pks(model, self._relation_q(model, name, rest, term)))
            else:
                branches.append(self._related_pks(field, rest, term))
        # UNION ALL: IN keeps each row once anyway, without a second pass to drop duplicates.
        return branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]

    def _relation_q(self, model, name, rest, term):
        """A Q for the rows of ``model`` related through ``name`` to rows whose ``rest`` paths
        match ``term``."""
        field = model._meta.get_field(name)
        if _points_out(field):
            # The foreign key itself, IN the few matching rows at its other end.
            return Q(**{f"{name}__in": self._rows(field.related_model, rest, term)})
        return Q(pk__in=self._related_pks(field, rest, term))

    def _related_pks(self, field, rest, term):
        """A query of the pks of ``field``'s model (``field`` a reverse foreign key or a
        many-to-many) related to the rows whose ``rest`` paths match ``term``."""
        target = field.related_model
        if field.one_to_many or field.one_to_one:
            # A foreign key on the other model: read from the matching rows, no join back.
            return target._base_manager.filter(self._q(target, rest, term)).order_by().values_list(field.field.attname)
        # Many-to-many, from either end: from the link table.
        m2m = field if field.concrete else field.remote_field
        through = m2m.remote_field.through
        ours, theirs = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        if not field.concrete:
            ours, theirs = theirs, ours
        return (through._base_manager.filter(**{f"{theirs}__in": self._rows(target, rest, term)})
                .order_by().values_list(through._meta.get_field(ours).attname))

    @staticmethod
    def _pks(model, condition):
        return model._base_manager.filter(condition).order_by().values_list("pk")


class FoldedSearchMixin:
    """For a ModelAdmin: the search box ignores accents and case as the dashboard's does
    ("nguyen" finds Nguyễn, "d" finds đ), also in the middle of words, with Django's rules
    otherwise (every word must match one of ``search_fields``; quotes keep a phrase). Each
    searched column needs a trigram index on ``lower(hn_unaccent(col))`` on PostgreSQL (dashboard
    migrations): 100,000 meetings by participant name in a few ms instead of 3 s. No row is
    listed twice, so the list needs no DISTINCT. A term that matches MANY_MATCHES rows or more is
    searched in the list's order (``FoldedSearch.condition``'s ``spread``) and the list counted up
    to SEARCH_COUNT_CAP ("more than 1000 results"). Also serves the admin's autocomplete."""

    def get_search_results(self, request, queryset, search_term):
        search_fields = self.get_search_fields(request)
        terms = search_terms(search_term)
        if not search_fields or not terms:
            return queryset, False
        search = FoldedSearch(self.model, search_fields)
        for term in terms:
            many = search.matches_many(term)
            if many:
                setattr(request, _SEARCH_MATCHES_MANY, True)
            queryset = queryset.filter(search.condition(term, spread=many))
        return queryset, False

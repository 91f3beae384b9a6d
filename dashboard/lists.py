"""The one list view every dashboard list uses: a selector, a FilterSet (with an
OrderingFilter named ``sort``), pagination that keeps the filters, and ``?export=csv``."""
import csv
import datetime

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import ListView

from dashboard.content_cache import CachedPageMixin

CSV_ROW_LIMIT = 50_000


class Column:
    """One column of a CSV export: a header and how to read the value from a row."""

    def __init__(self, header, value):
        self.header = header
        self.value = value if callable(value) else (lambda row, attr=value: _attr(row, attr))


def _attr(row, path):
    for part in path.split("."):
        row = getattr(row, part, None)
        if row is None:
            return ""
        if callable(row) and not hasattr(row, "all"):
            row = row()
    return row


def _cell(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if value is None:
        return ""
    return str(value)


CSV_CHUNK = 2_000


class FilteredListView(CachedPageMixin, LoginRequiredMixin, ListView):
    """``base_queryset()`` gives the rows, without per-row aggregates: those are filled in by
    ``annotate_rows()`` for the shown page only (or each CSV chunk), so that a page of 25 does
    not aggregate 300,000 participations. An aggregate is computed in SQL for every row only
    when the list is sorted by it: ``sort_annotations`` maps the ordering field to them."""

    filterset_class = None
    paginate_by = 25
    csv_columns = ()
    csv_name = "export"
    page_title = ""
    sort_annotations = {}

    def base_queryset(self):
        raise NotImplementedError

    def annotate_rows(self, rows):
        """Sets the per-row aggregates on a list of rows (one page). No-op by default."""

    def sorted_by(self):
        """The ordering fields (not the URL names) the ``sort`` parameter asks for."""
        sort = self.filterset_class.base_filters.get("sort")
        wanted = [p.strip().lstrip("-") for p in self.request.GET.get("sort", "").split(",") if p.strip()]
        if sort is None:
            return []
        return [sort.param_map[p] for p in wanted if p in sort.param_map]

    def get_queryset(self):
        queryset = self.base_queryset()
        self.count_queryset = None
        extra = {}
        for field in self.sorted_by():
            extra.update(self.sort_annotations.get(field, {}))
        if extra:
            # Count without the aggregates: the same filters, no sort.
            data = self.request.GET.copy()
            data.pop("sort", None)
            self.count_queryset = self.filterset_class(data or None, queryset=queryset, request=self.request).qs
            queryset = queryset.annotate(**extra)
        self.filterset = self.filterset_class(self.request.GET or None, queryset=queryset, request=self.request)
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        rows = list(page.object_list)
        self.annotate_rows(rows)
        page.object_list = rows
        return paginator, page, rows, is_paginated

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if getattr(self, "count_queryset", None) is not None:
            counter = self.paginator_class(self.count_queryset, per_page)
            paginator.count = counter.count  # cached_property: set before first use
            paginator.estimated = getattr(counter, "estimated", False)
        return paginator

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.export_csv(self.get_queryset())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["page_title"] = self.page_title
        context["total"] = context["paginator"].count if context.get("paginator") else len(context["object_list"])
        context["total_estimated"] = getattr(context.get("paginator"), "estimated", False)
        context["active_filters"] = sum(
            1 for k, v in self.request.GET.items() if v and k not in ("page", "sort", "export")
        )
        return context

    def export_csv(self, queryset):
        stamp = timezone.localdate().strftime("%Y%m%d")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{slugify(self.csv_name)}-{stamp}.csv"'
        # The BOM makes Excel read the file as UTF-8, so Vietnamese shows correctly.
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow([str(c.header) for c in self.csv_columns])
        rows = []
        # One query; the per-row aggregates are filled in for each chunk of rows read.
        for row in queryset[:CSV_ROW_LIMIT].iterator(chunk_size=CSV_CHUNK):
            rows.append(row)
            if len(rows) == CSV_CHUNK:
                self._write_rows(writer, rows)
                rows = []
        self._write_rows(writer, rows)
        return response

    def _write_rows(self, writer, rows):
        self.annotate_rows(rows)
        for row in rows:
            writer.writerow([_cell(c.value(row)) for c in self.csv_columns])

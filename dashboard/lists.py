"""The one list view every dashboard list uses: a selector, a FilterSet (with an
OrderingFilter named ``sort``), pagination that keeps the filters, and ``?export=csv``."""
import csv
import datetime

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import ListView

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


class FilteredListView(LoginRequiredMixin, ListView):
    filterset_class = None
    paginate_by = 25
    csv_columns = ()
    csv_name = "export"
    page_title = ""

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        self.filterset = self.filterset_class(self.request.GET or None, queryset=self.base_queryset(),
                                              request=self.request)
        return self.filterset.qs

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.export_csv(self.get_queryset())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["page_title"] = self.page_title
        context["total"] = context["paginator"].count if context.get("paginator") else len(context["object_list"])
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
        for row in queryset[:CSV_ROW_LIMIT]:
            writer.writerow([_cell(c.value(row)) for c in self.csv_columns])
        return response

"""Template helpers: sortable column headers that keep the filters, country flags, map points."""
import html

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context, field, label):
    """A column header link that sorts by ``field`` and toggles the direction, keeping filters."""
    request = context["request"]
    params = request.GET.copy()
    current = params.get("sort", "")
    params.pop("page", None)
    params.pop("export", None)
    if current == field:
        params["sort"], arrow, state = f"-{field}", " ▲", "ascending"
    elif current == f"-{field}":
        params["sort"], arrow, state = field, " ▼", "descending"
    else:
        params["sort"], arrow, state = field, "", "none"
    return format_html('<a class="sort" href="?{}" aria-sort="{}">{}{}</a>', params.urlencode(), state, label, arrow)


@register.simple_tag(takes_context=True)
def export_url(context):
    params = context["request"].GET.copy()
    params.pop("page", None)
    params["export"] = "csv"
    return "?" + params.urlencode()


@register.simple_tag
def query(**kwargs):
    return "?" + urlencode({k: v for k, v in kwargs.items() if v not in (None, "")})


@register.filter
def map_x(longitude):
    """Equirectangular x in a 360×180 viewBox. A string, so that the Vietnamese number format
    (decimal comma) never reaches an SVG attribute."""
    return f"{float(longitude) + 180:.2f}"


@register.filter
def map_y(latitude):
    return f"{90 - float(latitude):.2f}"


@register.simple_tag
def map_points_svg(points, hanoi=None):
    """The partner localities on the overview's map (rows with id, name_vi, name_en, latitude,
    longitude and n, the number of active partnerships), each a link to its timeline with a
    line from Hanoi. Built here rather than in a template loop: there are about a thousand at
    scale, and the loop cost 100 ms where this costs a few."""
    # One reverse() with a placeholder instead of one per point.
    url = reverse("partnerships:partner_detail", args=[0]).replace("/0/", "/{}/")
    line = (f'<line x1="{map_x(hanoi.longitude)}" y1="{map_y(hanoi.latitude)}" x2="{{}}" y2="{{}}"/>'
            if hanoi else "")
    parts = []
    for loc in points:
        x, y = map_x(loc["longitude"]), map_y(loc["latitude"])
        # html.escape: the names are plain strings from the database, and it is the fast one.
        parts.append(
            f'<a href="{url.format(loc["id"])}"><g class="pt{"" if loc["n"] else " inactive"}">'
            f'{line.format(x, y)}<circle cx="{x}" cy="{y}" r="2.6"/>'
            f"<title>{html.escape(loc['name_vi'])} ({html.escape(loc['name_en'])})</title></g></a>"
        )
    return mark_safe("\n".join(parts))  # every value above is a number or escaped

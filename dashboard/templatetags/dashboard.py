"""Template helpers: sortable column headers that keep the filters, country flags, map coordinates,
row links."""
from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

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


# An id that no URL pattern's own text contains, reversed once and then replaced by each row's id.
_ID_PLACEHOLDER = 987654321


@register.simple_tag(takes_context=True)
def id_url(context, name, pk):
    """``{% url name pk %}`` for a URL whose only argument is a row's id, with one reverse() per
    URL name and rendering: a reverse() per row was a twentieth of the overview's time (about
    eighty links)."""
    formats = context.render_context.setdefault("id_url_formats", {})
    if name not in formats:
        url = reverse(name, args=[_ID_PLACEHOLDER])
        formats[name] = url.replace("{", "{{").replace("}", "}}").replace(str(_ID_PLACEHOLDER), "{}")
    return formats[name].format(int(pk))

"""Select widgets for the list filters that stay fast with thousands of choices.

Django renders a template per ``<option>``: 250 countries or 20,000 people (2.5 s and 940 KB of
HTML for the meeting filter) cost more than the rest of the page. These widgets write the same
markup in one pass. Partners and owners are text boxes instead (``partnerships.filters``)."""
from html import escape

from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def _value(value):
    return value.value if isinstance(value, ModelChoiceIteratorValue) else value


class FastSelect(forms.Select):
    """A ``<select>`` written in one pass, same markup as ``forms.Select``."""

    def choices_to_render(self, selected):
        choices = self.choices
        queryset = getattr(choices, "queryset", None)
        if queryset is None or not isinstance(choices, ModelChoiceIterator):
            return choices
        field = choices.field
        rows = [("", field.empty_label)] if field.empty_label is not None else []
        # The same choices as Django's iterator (and django-filter's, which adds the "null"
        # choice) in one plain query: the iterator reads the rows through a server-side cursor on
        # PostgreSQL (DECLARE, FETCH, CLOSE: three round trips for a list of 17 areas).
        if getattr(field, "null_label", None) is not None:
            rows.append((field.null_value, field.null_label))
        return rows + [(field.prepare_value(obj), field.label_from_instance(obj)) for obj in queryset.all()]

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, attrs)
        parts = []
        for option_value, option_label in self.choices_to_render(selected):
            if isinstance(option_label, (list, tuple)):
                inner = "".join(self._option(v, label, selected) for v, label in option_label)
                parts.append(f'<optgroup label="{conditional_escape(option_value)}">{inner}</optgroup>')
            else:
                parts.append(self._option(option_value, option_label, selected))
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), mark_safe("".join(parts)))

    @staticmethod
    def _option(value, label, selected):
        value = "" if _value(value) is None else str(_value(value))
        mark = " selected" if value in selected else ""
        return f'<option value="{escape(value)}"{mark}>{_escape_label(label)}</option>'


def _escape_label(label):
    """conditional_escape() for option labels, about three times faster on the plain strings read
    from the database (which shows at five thousand options); SafeStrings are kept as they are."""
    return label.__html__() if hasattr(label, "__html__") else escape(str(label))


class SelectedOnlySelect(FastSelect):
    """A model ``<select>`` that lists only the empty choice and the chosen row: for filters over
    tens of thousands of rows (people), reached through links such as the person page's
    "meetings with this person". Any valid id in the URL still filters."""

    def choices_to_render(self, selected):
        choices = self.choices
        queryset = getattr(choices, "queryset", None)
        if queryset is None:
            return choices
        rows = [("", choices.field.empty_label or "")] if choices.field.empty_label is not None else []
        ids = [v for v in selected if v.isdigit()]
        if ids:
            rows += [(obj.pk, choices.field.label_from_instance(obj)) for obj in queryset.filter(pk__in=ids)]
        return rows

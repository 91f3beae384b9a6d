"""A model choice field for the long <select>s of the filter forms (about a thousand partner
localities and five thousand staff at scale): its choices come from values_list() rather than
one model instance per row, and it renders in one pass (dashboard.widgets.FastSelect), not a
template per <option>; together those were over 100 ms per page."""

import django_filters as filters
from django import forms
from django.forms.models import ModelChoiceIterator

from dashboard.widgets import FastSelect


class ValuesChoiceIterator(ModelChoiceIterator):
    """(pk, label) pairs read with values_list(); the label is field.label_from_values(*values)."""

    reads_values = True  # dashboard.widgets.FastSelect iterates it as it is

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, *values in self.queryset.values_list("pk", *self.field.label_fields):
            yield (pk, self.field.label_from_values(*values))


class ValuesModelChoiceField(forms.ModelChoiceField):
    iterator = ValuesChoiceIterator

    def __init__(self, *args, label_fields, label_from_values, **kwargs):
        self.label_fields, self.label_from_values = label_fields, label_from_values
        kwargs.setdefault("widget", FastSelect)
        super().__init__(*args, **kwargs)


class LongModelChoiceFilter(filters.ModelChoiceFilter):
    """ModelChoiceFilter for long lists: pass label_fields and label_from_values (the same
    label as the model's __str__, from those fields)."""

    field_class = ValuesModelChoiceField

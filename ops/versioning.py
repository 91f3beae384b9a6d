"""No lost edits: a form carries the version of the row it was opened on, and saving a row
that someone else saved in the meantime is refused instead of silently overwriting it."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class VersionCheckedForm(forms.ModelForm):
    """A model form for a model with a `version` field."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Race condition: lock the row until the request's transaction ends, so that two
            # saves of the same version cannot both pass this check.
            current = (type(self.instance)._default_manager.select_for_update()
                       .filter(pk=self.instance.pk).values_list("version", flat=True).first())
            self._current_version = current
            if cleaned.get("opened_version") != current:
                raise ValidationError(
                    _("Someone else saved this %(model)s after you opened it. Your changes were not saved: "
                      "open it again to see their version, then make your changes."),
                    code="stale", params={"model": self.instance._meta.verbose_name})
        return cleaned

    def save(self, commit=True):
        if self.instance.pk:
            self.instance.version = self._current_version + 1  # the row is locked since clean()
        return super().save(commit=commit)


class VersionCheckedAdminMixin:
    """For ModelAdmin: the change form refuses a save over someone else's newer save."""

    form = VersionCheckedForm

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if "opened_version" in fields else [*fields, "opened_version"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        names = {f for _name, options in fieldsets for f in options["fields"]}
        if "opened_version" in names:
            return fieldsets
        return [*fieldsets, (None, {"fields": ["opened_version"], "classes": ["hidden"]})]

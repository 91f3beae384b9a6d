from django import forms
from django.utils.translation import gettext_lazy as _

from staff.models import StaffProfile


class LeadDaysField(forms.CharField):
    """Lead times typed as "30, 7, 1, 0"."""

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        try:
            days = sorted({int(part) for part in value.replace(";", ",").split(",") if part.strip()}, reverse=True)
        except ValueError:
            raise forms.ValidationError(_("Give whole numbers of days separated by commas, e.g. 30, 7, 1, 0.")) \
                from None
        if not days:
            raise forms.ValidationError(_("Give at least one lead time."))
        if any(d < 0 or d > 365 for d in days):
            raise forms.ValidationError(_("Each lead time must be between 0 and 365 days."))
        return days


class DigestPreferencesForm(forms.Form):
    digests_enabled = forms.BooleanField(label=_("Receive a daily reminder digest"), required=False)
    lead_days = LeadDaysField(label=_("Remind me this many days before a due date"), max_length=100,
                              help_text=_("Separated by commas; 0 means on the day itself."))
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=StaffProfile.Language.choices)

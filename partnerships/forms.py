"""Forms of the dashboard's partnership pages. They only collect input: the workflow
services decide, and their refusals come back as form errors."""
import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import SourceArticle
from partnerships.models import Agreement
from dashboard.widgets import FastSelect

DATE_WIDGET = {"type": "date"}
EVIDENCE_RECENT = 100


def allowed_next_stages(agreement):
    transitions = getattr(Agreement, "TRANSITIONS", None)
    if transitions is None:
        allowed = [s for s in Agreement.Stage if s != agreement.stage]
    else:
        allowed = transitions.get(Agreement.Stage(agreement.stage), ())
    return [(s.value, s.label) for s in Agreement.Stage if s in allowed]


class AgreementAdvanceForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("New stage"))
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.ModelChoiceField(label=_("Evidence article"), required=False,
                                      queryset=SourceArticle.objects.none(), widget=FastSelect,
                                      help_text=_("Needed to record a signing when no signed copy is attached."))

    def __init__(self, *args, agreement, **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = allowed_next_stages(agreement)
        # The articles about this partnership's meetings, plus the latest ones: a bounded list.
        # A UNION of the two id sets, not an OR: with OR the database reads every article.
        recent = SourceArticle.objects.order_by("-published_on", "-id").values("pk")[:EVIDENCE_RECENT]
        about = SourceArticle.objects.filter(meetings__partnerships=agreement.partnership_id).order_by().values("pk")
        recent = SourceArticle.objects.filter(pk__in=recent).order_by().values("pk")
        self.fields["evidence"].queryset = (
            SourceArticle.objects.filter(pk__in=about.union(recent))
            .only("id", "title", "published_on").order_by("-published_on", "-id")
        )

    def add_service_error(self, error):
        """Put a ValidationError from the workflow on the matching field, or on the form."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        else:
            self.add_error(None, error)


class MilestoneSnoozeForm(forms.Form):
    until = forms.DateField(label=_("Snooze until"), widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"))

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= timezone.localdate():
            raise forms.ValidationError(_("Choose a day after today."))
        return until


def default_snooze_until():
    return timezone.localdate() + datetime.timedelta(days=7)

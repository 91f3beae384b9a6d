from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from reminders.forms import DigestPreferencesForm
from reminders.services import digest_preferences_update
from staff.models import StaffProfile, default_lead_days


@login_required
def preferences(request):
    """The signed-in user's digest settings."""
    profile = StaffProfile.objects.filter(user=request.user).first()
    initial = {
        "digests_enabled": profile.digests_enabled if profile else True,
        "lead_days": profile.lead_days if profile else default_lead_days(),
        "language": profile.language if profile else StaffProfile.Language.VIETNAMESE,
    }
    form = DigestPreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        digest_preferences_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your reminder preferences were saved."))
        return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form})

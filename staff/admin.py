from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model

from ops.changelists import FoldedSearchMixin, QuickChangelistMixin

from .models import StaffProfile


@admin.register(StaffProfile)
class StaffProfileAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["user", "language", "digests_enabled"]
    list_filter = ["language", "digests_enabled"]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    readonly_fields = ["calendar_token"]


def _with_quick_changelist(model):
    """Re-registers another app's admin of `model` with the changelist settings of ours:
    Django's user admin (5,000 users at scale: 100 rows a page took 90 ms) and django-axes'
    login logs (a row per login, ever growing). Their filters and search are unchanged.
    Needs this app after theirs in INSTALLED_APPS."""
    if admin.site.is_registered(model):
        registered = type(admin.site.get_model_admin(model))
        admin.site.unregister(model)
        quick = type(registered.__name__, (QuickChangelistMixin, registered), {"__module__": __name__})
        admin.site.register(model, quick)


for _model in (get_user_model(), AccessAttempt, AccessFailureLog, AccessLog):
    _with_quick_changelist(_model)

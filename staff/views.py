from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from staff.services import profile_language_set


@require_POST
def set_language(request):
    """Django's language switch, which also keeps the choice on the user's profile so that
    their reminder e-mails come in the same language."""
    response = django_set_language(request)
    if request.user.is_authenticated:
        profile_language_set(user=request.user, language=request.POST.get("language", ""))
    return response

"""Writes on staff profiles."""
from django.db import transaction

from staff.models import StaffProfile, new_calendar_token


def profile_for(user):
    """The user's StaffProfile, created on first use."""
    profile, _ = StaffProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def calendar_token_reset(*, user):
    """Give the user a new private calendar URL; the old one stops working at once."""
    profile = StaffProfile.objects.select_for_update().filter(user=user).first() or profile_for(user)
    profile.calendar_token = new_calendar_token()
    profile.save(update_fields=["calendar_token"])
    return profile


def profile_language_set(*, user, language):
    """Remembers the dashboard language the user chose, for their reminder e-mails too."""
    if language not in StaffProfile.Language.values:
        return None
    profile = profile_for(user)
    if profile.language != language:
        profile.language = language
        profile.save(update_fields=["language"])
    return profile

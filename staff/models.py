"""Per-user settings of the staff who use the dashboard and receive reminders."""
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def default_lead_days():
    return [30, 7, 1, 0]


def new_calendar_token():
    return secrets.token_urlsafe(32)


class StaffProfile(models.Model):
    """A staff member's language, reminder preferences and private calendar token."""

    class Language(models.TextChoices):
        VIETNAMESE = "vi", _("Vietnamese")
        ENGLISH = "en", _("English")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.VIETNAMESE)
    digests_enabled = models.BooleanField(_("receive daily reminder digests"), default=True)
    lead_days = models.JSONField(_("reminder lead times (days)"), default=default_lead_days,
                                 help_text=_("Days before a due date on which to be reminded, e.g. [30, 7, 1, 0]."))
    calendar_token = models.CharField(_("calendar token"), max_length=64, unique=True, default=new_calendar_token)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return str(self.user)

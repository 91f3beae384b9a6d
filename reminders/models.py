"""Daily reminder digests e-mailed to staff, and the marks that stop an item being
reminded twice at the same lead time."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Digest(models.Model):
    """The one e-mail a staff member gets on a day, listing every item that needs them.
    The row is created (claimed) in the transaction that selected its items, and its
    unique (user, day) pair is what makes a second scan, a doubled beat or a second
    worker send nothing more. `items` is the snapshot that is sent, even on a retry."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Sending failed, will retry")

    UNSENT = (Status.PENDING, Status.FAILED)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE,
                             related_name="reminder_digests")
    day = models.DateField(_("day"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    items = models.JSONField(_("items"), default=list, blank=True)
    # Which scan run inserted the row; lets a run find exactly the rows it won.
    claim_token = models.UUIDField(_("claim token"), null=True, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-day", "user_id"]
        verbose_name = _("reminder digest")
        verbose_name_plural = _("reminder digests")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="%(app_label)s_%(class)s_one_per_user_day"),
            models.CheckConstraint(condition=~Q(status="sent") | Q(sent_at__isnull=False),
                                   name="%(app_label)s_%(class)s_sent_has_time"),
        ]

    def __str__(self):
        return f"{self.user} {self.day:%d/%m/%Y} ({self.get_status_display()})"


class ReminderMark(models.Model):
    """An item that went into a digest at a lead time (days before its date). A milestone
    or an expiring agreement is reminded once per lead; a dormant partnership has no lead
    and is reminded again after REMINDER_DORMANT_EVERY_DAYS."""

    class Kind(models.TextChoices):
        MILESTONE = "milestone", _("Milestone")
        EXPIRY = "expiry", _("Agreement expiring")
        DORMANT = "dormant", _("Dormant partnership")

    digest = models.ForeignKey(Digest, verbose_name=_("digest"), on_delete=models.CASCADE, related_name="marks")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    # The date the lead counts back from (due date, end of validity), so moving it re-arms the leads.
    target_on = models.DateField(_("target date"), null=True, blank=True)
    lead_days = models.SmallIntegerField(_("lead time (days)"), null=True, blank=True)
    day = models.DateField(_("day"), db_index=True)

    class Meta:
        ordering = ["-day", "id"]
        verbose_name = _("reminder mark")
        verbose_name_plural = _("reminder marks")
        indexes = [models.Index(fields=["kind", "object_id"], name="reminders_mark_kind_object")]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "target_on", "lead_days"],
                                    condition=Q(lead_days__isnull=False),
                                    name="%(app_label)s_%(class)s_once_per_lead"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.object_id} @{self.lead_days}"

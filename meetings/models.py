"""Meetings between Hanoi and its partners, the officials who took part and the
news articles kept as evidence of them."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from partnerships.models import Agreement, CooperationArea, Locality, Organization, Partnership


class Language(models.TextChoices):
    VIETNAMESE = "vi", _("Vietnamese")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other")


class SourceArticle(models.Model):
    """A news article kept as evidence of meetings and agreement stages. The same
    article is never stored twice: its URL and the hash of its cleaned text are unique."""

    class ReviewStatus(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        CONFIRMED = "confirmed", _("Confirmed")
        DISMISSED = "dismissed", _("Dismissed")

    url = models.URLField(_("URL"), max_length=2000, blank=True)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True, db_index=True)
    language = models.CharField(_("language"), max_length=10, choices=Language.choices, default=Language.VIETNAMESE)
    summary = models.TextField(_("summary"), blank=True)
    raw_text = models.TextField(_("raw text"), blank=True)
    clean_text = models.TextField(_("cleaned text"), blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True, editable=False)
    retrieved_at = models.DateTimeField(_("retrieved at"), null=True, blank=True)
    review_status = models.CharField(_("review"), max_length=20, choices=ReviewStatus.choices,
                                     default=ReviewStatus.PENDING, db_index=True)
    draft = models.JSONField(_("extracted draft"), default=dict, blank=True, editable=False,
                             help_text=_("What extraction proposed, kept for the reviewer."))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["raw_text", "clean_text", "draft"])

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("source article")
        verbose_name_plural = _("source articles")
        indexes = [
            # The admin's publisher filter lists the distinct publishers of 100,000 articles.
            models.Index(fields=["publisher"], name="meetings_article_publisher"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="%(app_label)s_%(class)s_unique_url"),
        ]

    def __str__(self):
        return self.title


class Person(models.Model):
    """An official met on either side, with the full name as written. The title a person
    held at a meeting lives on the participation, since titles change over time."""

    full_name = models.CharField(_("full name"), max_length=200, db_index=True)
    country = CountryField(_("country"), blank=True)
    current_title = models.CharField(_("current title"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            # The admin's country filter lists the countries of 20,000 people from it.
            models.Index(fields=["country"], name="meetings_person_country"),
        ]

    def __str__(self):
        return self.full_name


class Meeting(models.Model):
    """A reception, a visit, a signing or a conference between Hanoi and a partner."""

    class Kind(models.TextChoices):
        RECEPTION = "reception", _("Reception in Hanoi")
        VISIT_ABROAD = "visit_abroad", _("Visit abroad")
        SIGNING = "signing", _("Signing")
        ONLINE = "online", _("Online meeting")
        CONFERENCE = "conference", _("Conference")
        OTHER = "other", _("Other")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    class PartOfDay(models.TextChoices):
        UNKNOWN = "", _("Not stated")
        MORNING = "morning", _("Morning")
        NOON = "noon", _("Noon")
        AFTERNOON = "afternoon", _("Afternoon")
        EVENING = "evening", _("Evening")

    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"), db_index=True,
                            help_text=_("With a lower precision, the first day of the month or year."))
    date_precision = models.CharField(_("date precision"), max_length=10, choices=DatePrecision.choices,
                                      default=DatePrecision.DAY)
    part_of_day = models.CharField(_("part of day"), max_length=10, choices=PartOfDay.choices, blank=True,
                                   default=PartOfDay.UNKNOWN)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RECEPTION, db_index=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    locality = models.ForeignKey(Locality, verbose_name=_("held in"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="meetings_held")
    partnerships = models.ManyToManyField(Partnership, verbose_name=_("partnerships"), blank=True,
                                          related_name="meetings")
    agreements = models.ManyToManyField(Agreement, verbose_name=_("agreements"), blank=True,
                                        related_name="meetings")
    organizations = models.ManyToManyField(Organization, verbose_name=_("organizations"), blank=True,
                                           related_name="meetings")
    areas = models.ManyToManyField(CooperationArea, verbose_name=_("areas of cooperation"), blank=True,
                                   related_name="meetings")
    articles = models.ManyToManyField(SourceArticle, verbose_name=_("source articles"), blank=True,
                                      related_name="meetings")
    summary = models.TextField(_("summary"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False,
                                          help_text=_("Counts saves, so that a stale form cannot overwrite a newer one."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        # The meeting list filtered by kind (and dates), in its own order: counted and paged from the index.
        indexes = [
            models.Index(fields=["kind", "date", "id"], name="meetings_meeting_kind_date"),
            # The list's own order, walked by an admin search that matches many meetings (or
            # participations) until the page is full (ops.changelists.FoldedSearch, ``spread``).
            models.Index(fields=["date", "id"], name="meetings_meeting_date_id"),
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.title} ({self.display_date})"

    @property
    def display_date(self):
        if self.date_precision == self.DatePrecision.YEAR:
            return f"{self.date:%Y}"
        if self.date_precision == self.DatePrecision.MONTH:
            return f"{self.date:%m/%Y}"
        return f"{self.date:%d/%m/%Y}"

    def clean(self):
        if self.date and self.date_precision != self.DatePrecision.DAY and self.date.day != 1:
            raise ValidationError({"date": _("With a month or year precision, give the first day of the period.")})
        if self.date and self.date_precision == self.DatePrecision.YEAR and self.date.month != 1:
            raise ValidationError({"date": _("With a year precision, give the 1st of January.")})


class Participation(models.Model):
    """A person at a meeting, with the title as stated then, the side and the role."""

    class Side(models.TextChoices):
        HANOI = "hanoi", _("Hanoi")
        PARTNER = "partner", _("Partner")
        OTHER = "other", _("Other")

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        GUEST = "guest", _("Guest")
        ATTENDEE = "attendee", _("Attendee")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="participations")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="participations")
    title_at_time = models.CharField(_("title at the time"), max_length=300, blank=True)
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="participations")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices, default=Side.HANOI)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.ATTENDEE)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "side", "role", "id"]
        verbose_name = _("participation")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="%(app_label)s_%(class)s_once_per_meeting",
                                    violation_error_message=_("This person is already listed at this meeting.")),
        ]

    def __str__(self):
        return f"{self.person} — {self.title_at_time}" if self.title_at_time else str(self.person)

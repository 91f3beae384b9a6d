"""The partnership domain: places on both sides, the partnerships between them,
the agreements that carry each partnership and the milestones staff must meet."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from partnerships.validators import validate_document_size, validate_document_type


class CooperationArea(models.Model):
    """A field of cooperation (transport, culture, smart city…) shared by partnerships,
    agreements and meetings; the slugs match the extraction lexicon."""

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name_vi = models.CharField(_("Vietnamese name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("area of cooperation")
        verbose_name_plural = _("areas of cooperation")

    def __str__(self):
        return f"{self.name_vi} / {self.name_en}"


class Locality(models.Model):
    """A place on either side of a partnership: a capital, city, province or district."""

    class Kind(models.TextChoices):
        CAPITAL = "capital", _("Capital")
        CITY = "city", _("City")
        PROVINCE = "province", _("Province / state")
        DISTRICT = "district", _("District")

    name_en = models.CharField(_("English name"), max_length=150)
    name_vi = models.CharField(_("Vietnamese name"), max_length=150)
    aliases = models.JSONField(_("aliases"), default=list, blank=True,
                               help_text=_("Other names, one per item: exonyms, local names, former names."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CITY, db_index=True)
    country = CountryField(_("country"))
    parent = models.ForeignKey("self", verbose_name=_("part of"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    wikidata_id = models.CharField(_("Wikidata id"), max_length=20, blank=True)
    is_hanoi_side = models.BooleanField(_("on Hanoi's side"), default=False, db_index=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        constraints = [
            models.UniqueConstraint(fields=["country", "name_en"], name="%(app_label)s_%(class)s_unique_name",
                                    violation_error_message=_("This country already has a locality of that name.")),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="%(app_label)s_%(class)s_not_own_parent"),
            models.CheckConstraint(condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                                   name="%(app_label)s_%(class)s_latitude_range"),
            models.CheckConstraint(condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                                   name="%(app_label)s_%(class)s_longitude_range"),
        ]

    def __str__(self):
        return self.display_name(self.name_vi, self.name_en)

    @staticmethod
    def display_name(name_vi, name_en):
        """The label of a locality from its two names (also used without loading the row)."""
        if name_vi and name_vi != name_en:
            return f"{name_vi} ({name_en})"
        return name_en

    def clean(self):
        if not isinstance(self.aliases, list) or not all(isinstance(a, str) for a in self.aliases):
            raise ValidationError({"aliases": _("Aliases must be a list of names.")})
        self.aliases = [a.strip() for a in self.aliases if a.strip()]
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk or ancestor.pk in seen:
                raise ValidationError({"parent": _("A locality cannot be inside itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    @property
    def all_names(self):
        return [self.name_vi, self.name_en, *self.aliases]


class Organization(models.Model):
    """A counterpart that is not a city: an embassy, a council, a party committee."""

    class Kind(models.TextChoices):
        EMBASSY = "embassy", _("Embassy")
        CONSULATE = "consulate", _("Consulate")
        CITY_COUNCIL = "city_council", _("City council")
        PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
        PEOPLES_COUNCIL = "peoples_council", _("People's Council")
        PARTY_COMMITTEE = "party_committee", _("Party Committee")
        CITY_GOVERNMENT = "city_government", _("City government")
        OTHER = "other", _("Other")

    name_vi = models.CharField(_("Vietnamese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    country = CountryField(_("country"))
    locality = models.ForeignKey(Locality, verbose_name=_("locality"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="organizations")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_vi"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(fields=["country", "name_vi"], name="%(app_label)s_%(class)s_unique_name"),
        ]

    def __str__(self):
        return self.name_vi


class Partnership(models.Model):
    """A relationship between a Hanoi-side locality and a partner locality."""

    class Level(models.TextChoices):
        TWINNING = "twinning", _("Twinning / sister city (kết nghĩa)")
        FRIENDSHIP = "friendship", _("Friendship and cooperation")
        COOPERATION = "cooperation", _("Cooperation")

    class Status(models.TextChoices):
        EXPLORING = "exploring", _("Exploring")
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")
        ENDED = "ended", _("Ended")

    hanoi_locality = models.ForeignKey(Locality, verbose_name=_("Hanoi-side locality"), on_delete=models.PROTECT,
                                       related_name="partnerships_as_hanoi", limit_choices_to={"is_hanoi_side": True})
    partner_locality = models.ForeignKey(Locality, verbose_name=_("partner locality"), on_delete=models.PROTECT,
                                         related_name="partnerships", limit_choices_to={"is_hanoi_side": False})
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.COOPERATION,
                             db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.EXPLORING,
                              db_index=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    areas = models.ManyToManyField(CooperationArea, verbose_name=_("areas of cooperation"), blank=True,
                                   related_name="partnerships")
    responsible_officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible officer"),
                                            null=True, blank=True, on_delete=models.SET_NULL,
                                            related_name="partnerships")
    notes = models.TextField(_("notes"), blank=True)
    # Derived, never edited: the latest of established_on, its meetings' dates, the articles
    # about those meetings and its agreements' stage changes. Rebuilt by
    # services.partnerships_refresh_activity (from partnerships/signals.py) so that the
    # dormant list reads one indexed column instead of three subqueries per partnership.
    last_activity_on = models.DateField(_("last activity on"), null=True, blank=True, editable=False,
                                        db_index=True)

    history = HistoricalRecords(excluded_fields=["last_activity_on"])

    class Meta:
        ordering = ["partner_locality__name_en"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.UniqueConstraint(fields=["hanoi_locality", "partner_locality"],
                                    name="%(app_label)s_%(class)s_unique_pair",
                                    violation_error_message=_("These two localities already have a partnership.")),
            models.CheckConstraint(condition=~Q(hanoi_locality=F("partner_locality")),
                                   name="%(app_label)s_%(class)s_distinct_sides"),
        ]

    def __str__(self):
        return f"{self.hanoi_locality.name_vi} ↔ {self.partner_locality.name_vi}"

    def clean(self):
        errors = {}
        if self.hanoi_locality_id and not self.hanoi_locality.is_hanoi_side:
            errors["hanoi_locality"] = _("This locality is not on Hanoi's side.")
        if self.partner_locality_id and self.partner_locality.is_hanoi_side:
            errors["partner_locality"] = _("The partner must be a locality outside Hanoi.")
        if errors:
            raise ValidationError(errors)


class Agreement(models.Model):
    """A document that carries a partnership: an MoU, a cooperation agreement, a twinning
    agreement or a multi-year plan, moving through stages from proposal to expiry."""

    class Kind(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding")
        COOPERATION_AGREEMENT = "cooperation_agreement", _("Cooperation agreement")
        TWINNING = "twinning", _("Twinning agreement")
        PLAN = "plan", _("Multi-year cooperation plan")
        OTHER = "other", _("Other")

    class Stage(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        NEGOTIATING = "negotiating", _("Negotiating")
        DRAFT_AGREED = "draft_agreed", _("Draft agreed")
        APPROVED = "approved", _("Approved")
        SIGNED = "signed", _("Signed")
        IN_FORCE = "in_force", _("In force")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    # The only allowed moves between stages; agreement_advance() enforces them. Terminated is
    # reachable from every live stage; a draft may go back to negotiation.
    TRANSITIONS: dict[Stage, frozenset[Stage]] = {
        Stage.PROPOSED: frozenset({Stage.NEGOTIATING, Stage.TERMINATED}),
        Stage.NEGOTIATING: frozenset({Stage.DRAFT_AGREED, Stage.TERMINATED}),
        Stage.DRAFT_AGREED: frozenset({Stage.APPROVED, Stage.NEGOTIATING, Stage.TERMINATED}),
        Stage.APPROVED: frozenset({Stage.SIGNED, Stage.TERMINATED}),
        Stage.SIGNED: frozenset({Stage.IN_FORCE, Stage.EXPIRED, Stage.TERMINATED}),
        Stage.IN_FORCE: frozenset({Stage.EXPIRED, Stage.TERMINATED}),
        Stage.EXPIRED: frozenset(),
        Stage.TERMINATED: frozenset(),
    }
    # Stages in which the agreement binds both sides: these expire and get expiry reminders.
    BINDING_STAGES: frozenset[Stage] = frozenset({Stage.SIGNED, Stage.IN_FORCE})

    partnership = models.ForeignKey(Partnership, verbose_name=_("partnership"), on_delete=models.PROTECT,
                                    related_name="agreements")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.MOU, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    areas = models.ManyToManyField(CooperationArea, verbose_name=_("areas of cooperation"), blank=True,
                                   related_name="agreements")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True, db_index=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.PROPOSED,
                             db_index=True)
    stage_changed_on = models.DateField(_("stage changed on"), null=True, blank=True)
    target_signing_on = models.DateField(_("aimed to be signed by"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_place = models.CharField(_("signed at"), max_length=200, blank=True)
    signatories = models.TextField(_("signatories"), blank=True, help_text=_("One per line, with their titles."))
    renews = models.ForeignKey("self", verbose_name=_("renews"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="renewals")
    responsible_officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible officer"),
                                            null=True, blank=True, on_delete=models.SET_NULL,
                                            related_name="agreements")
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False,
                                          help_text=_("Counts saves, so that a stale form cannot overwrite a newer one."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from", "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [
            # The pipeline board: each stage's first cards, longest in the stage first.
            models.Index(fields=["stage", "stage_changed_on", "title", "id"], name="partnerships_agreement_board"),
            # The agreements list: its default order and the columns it sorts by.
            models.Index(fields=["-valid_from", "title", "id"], name="partnerships_agreement_list"),
            models.Index(fields=["title"], name="partnerships_agreement_title"),
            models.Index(fields=["signed_on"], name="partnerships_agreement_signed"),
            models.Index(fields=["stage_changed_on"], name="partnerships_agreement_changed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="%(app_label)s_%(class)s_validity_ordered",
            ),
            models.CheckConstraint(condition=~Q(renews=F("id")), name="%(app_label)s_%(class)s_not_self_renewal"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The validity cannot end before it starts.")})
        if self.renews_id and self.renews_id == self.pk:
            raise ValidationError({"renews": _("An agreement cannot renew itself.")})


class StageChange(models.Model):
    """One step in an agreement's life: the stage it entered, when, who recorded it and on
    what evidence. A change with no recorder was made by the system (e.g. expiry)."""

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE,
                                  related_name="stage_changes")
    from_stage = models.CharField(_("from stage"), max_length=20, choices=Agreement.Stage.choices, blank=True)
    to_stage = models.CharField(_("to stage"), max_length=20, choices=Agreement.Stage.choices)
    changed_on = models.DateField(_("date"), db_index=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("note"), blank=True)
    evidence = models.ForeignKey("meetings.SourceArticle", verbose_name=_("evidence article"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="stage_changes")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["changed_on", "recorded_at", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage history")

    def __str__(self):
        return f"{self.get_to_stage_display()} ({self.changed_on:%d/%m/%Y})"


class Milestone(models.Model):
    """A dated task on an agreement or a partnership that someone on staff owns."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=300)
    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="milestones")
    partnership = models.ForeignKey(Partnership, verbose_name=_("partnership"), null=True, blank=True,
                                    on_delete=models.CASCADE, related_name="milestones")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="milestones")
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    snoozed_until = models.DateField(_("snoozed until"), null=True, blank=True,
                                     help_text=_("No reminders about this milestone before this day."))
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        indexes = [
            # The milestones list's default order, alone and under its status filter/tabs.
            models.Index(fields=["due_on", "id"], name="partnerships_milestone_due"),
            models.Index(fields=["status", "due_on", "id"], name="partnerships_milestone_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(agreement__isnull=False) | Q(partnership__isnull=False),
                                   name="%(app_label)s_%(class)s_has_subject"),
            models.CheckConstraint(condition=~Q(status="done") | Q(completed_on__isnull=False),
                                   name="%(app_label)s_%(class)s_done_has_date"),
        ]

    def __str__(self):
        return f"{self.title} ({self.due_on:%d/%m/%Y})"

    def clean(self):
        errors = {}
        if not self.agreement_id and not self.partnership_id:
            errors["agreement"] = _("A milestone belongs to an agreement or a partnership.")
        if self.status == self.Status.DONE and not self.completed_on:
            errors["completed_on"] = _("Give the date the milestone was done.")
        if errors:
            raise ValidationError(errors)


class AgreementDocument(models.Model):
    """A file kept with an agreement: the signed copy (evidence of signing), a draft or
    another paper. Files live under MEDIA_ROOT and are only served to logged-in staff."""

    class Kind(models.TextChoices):
        SIGNED = "signed", _("Signed copy")
        DRAFT = "draft", _("Draft")
        OTHER = "other", _("Other")

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE,
                                  related_name="documents")
    file = models.FileField(_("file"), upload_to="agreements/%Y/", max_length=300,
                            validators=[validate_document_size, validate_document_type])
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "id"]
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")

    def __str__(self):
        return self.title


class MilestoneTemplate(models.Model):
    """A milestone created automatically when an agreement enters a stage, due a number of
    days after the stage change; with no agreement kind it applies to every kind."""

    stage = models.CharField(_("stage"), max_length=20, choices=Agreement.Stage.choices, db_index=True)
    agreement_kind = models.CharField(_("agreement kind"), max_length=30, choices=Agreement.Kind.choices, blank=True,
                                      help_text=_("Leave empty for every kind of agreement."))
    title = models.CharField(_("title"), max_length=300)
    offset_days = models.PositiveSmallIntegerField(_("due after (days)"), default=0)
    active = models.BooleanField(_("active"), default=True, db_index=True)

    class Meta:
        ordering = ["stage", "offset_days", "id"]
        verbose_name = _("milestone template")
        verbose_name_plural = _("milestone templates")

    def __str__(self):
        return f"{self.get_stage_display()}: {self.title} (+{self.offset_days})"

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ops.changelists import FoldedSearchMixin, QuickChangelistMixin, country_filter, date_filters, name_of_country
from ops.versioning import VersionCheckedAdminMixin

from .models import (
    Agreement,
    AgreementDocument,
    CooperationArea,
    Locality,
    Milestone,
    MilestoneTemplate,
    Organization,
    Partnership,
    StageChange,
)
from .services import agreement_start


def partner_countries(model_admin=None):
    """The countries on the partners' side, for the country filters of the lists reached
    through partnerships: read from the 1,000 localities, where a join from the 3,000
    partnerships took 6 ms."""
    return Locality.objects.filter(is_hanoi_side=False).order_by().values_list("country", flat=True).distinct()


@admin.register(CooperationArea)
class CooperationAreaAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name_vi", "name_en", "slug"]
    search_fields = ["name_vi", "name_en", "slug"]


class ChildLocalityInline(admin.TabularInline):
    model = Locality
    fk_name = "parent"
    fields = ["name_vi", "name_en", "kind"]
    extra = 0
    show_change_link = True
    verbose_name_plural = _("localities inside")


@admin.register(Locality)
class LocalityAdmin(FoldedSearchMixin, QuickChangelistMixin, SimpleHistoryAdmin):
    list_display = ["name_vi", "name_en", "kind", "country_name", "parent", "is_hanoi_side"]
    list_filter = ["is_hanoi_side", "kind", country_filter()]
    search_fields = ["name_vi", "name_en", "aliases", "wikidata_id"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    inlines = [ChildLocalityInline]
    fieldsets = [
        (None, {"fields": ["name_vi", "name_en", "aliases", "kind", "country", "parent", "is_hanoi_side"]}),
        (_("Map and references"), {"fields": ["latitude", "longitude", "wikidata_id"]}),
    ]

    # The country field itself re-reads its 250 choices for each row shown (2 ms a row), and
    # Country.name works the name out again each time.
    @admin.display(description=_("country"), ordering="country")
    def country_name(self, obj):
        return name_of_country(obj.country.code) or "-"


@admin.register(Organization)
class OrganizationAdmin(FoldedSearchMixin, QuickChangelistMixin, SimpleHistoryAdmin):
    list_display = ["name_vi", "name_en", "abbreviation", "kind", "country_name", "locality"]
    list_filter = ["kind", country_filter()]
    search_fields = ["name_vi", "name_en", "abbreviation"]
    autocomplete_fields = ["locality"]
    list_select_related = ["locality"]

    # As for localities: the country field would re-read its 250 choices for each row.
    @admin.display(description=_("country"), ordering="country")
    def country_name(self, obj):
        return name_of_country(obj.country.code) or "-"


class AgreementInline(admin.TabularInline):
    model = Agreement
    fields = ["title", "kind", "stage", "valid_from", "valid_until"]
    readonly_fields = ["stage"]
    extra = 0
    show_change_link = True


class PartnershipMilestoneInline(admin.TabularInline):
    model = Milestone
    fk_name = "partnership"
    fields = ["title", "owner", "due_on", "status", "completed_on"]
    autocomplete_fields = ["owner"]
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(FoldedSearchMixin, QuickChangelistMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "level", "status", "established_on", "agreement_count", "responsible_officer"]
    list_filter = [*date_filters("established_on"), "level", "status",
                   country_filter("partner_locality__country", partner_countries), "areas", "hanoi_locality"]
    search_fields = ["partner_locality__name_vi", "partner_locality__name_en", "partner_locality__aliases",
                     "hanoi_locality__name_vi", "hanoi_locality__name_en"]
    autocomplete_fields = ["hanoi_locality", "partner_locality", "responsible_officer"]
    filter_horizontal = ["areas"]
    list_select_related = ["hanoi_locality", "partner_locality", "responsible_officer"]
    inlines = [AgreementInline, PartnershipMilestoneInline]

    def get_queryset(self, request):
        # A correlated subquery, worked out for the shown rows only (not a GROUP BY over all
        # 3,000 partnerships and their agreements), and it keeps COUNT(*) on the bare table.
        agreements = (Agreement.objects.filter(partnership=OuterRef("pk")).order_by().values("partnership")
                      .annotate(n=Count("pk")).values("n"))
        return super().get_queryset(request).annotate(
            agreement_count=Coalesce(Subquery(agreements, output_field=IntegerField()), 0))

    @admin.display(description=_("agreements"), ordering="agreement_count")
    def agreement_count(self, obj):
        return obj.agreement_count


class StageChangeInline(admin.TabularInline):
    """Read-only: stages change only through the workflow, which checks the rules."""

    model = StageChange
    fields = ["changed_on", "from_stage", "to_stage", "recorded_by", "note", "evidence"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AgreementDocumentInline(admin.TabularInline):
    model = AgreementDocument
    fields = ["title", "kind", "file", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_by", "uploaded_at"]
    extra = 0


class AgreementMilestoneInline(admin.TabularInline):
    model = Milestone
    fk_name = "agreement"
    fields = ["title", "owner", "due_on", "status", "completed_on"]
    autocomplete_fields = ["owner"]
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(FoldedSearchMixin, QuickChangelistMixin, VersionCheckedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "partnership", "kind", "stage", "valid_from", "valid_until", "signed_on"]
    list_filter = [*date_filters("valid_from"), "stage", "kind",
                   country_filter("partnership__partner_locality__country", partner_countries), "areas"]
    search_fields = ["title", "partnership__partner_locality__name_vi", "partnership__partner_locality__name_en",
                     "signatories"]
    autocomplete_fields = ["partnership", "renews", "responsible_officer"]
    filter_horizontal = ["areas"]
    list_select_related = ["partnership__hanoi_locality", "partnership__partner_locality"]
    readonly_fields = ["stage", "stage_changed_on"]
    inlines = [StageChangeInline, AgreementDocumentInline, AgreementMilestoneInline]

    def save_formset(self, request, form, formset, change):
        for document in formset.save(commit=False):
            if isinstance(document, AgreementDocument) and not document.uploaded_by_id:
                document.uploaded_by = request.user
            document.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()
    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            # A new agreement enters the workflow: first stage recorded, its milestones created.
            agreement_start(agreement=obj, by=request.user)

    fieldsets = [
        (None, {"fields": ["partnership", "kind", "title", "areas", "responsible_officer", "notes"]}),
        (_("Stage"), {"fields": ["stage", "stage_changed_on", "target_signing_on"]}),
        (_("Validity and signing"), {"fields": ["valid_from", "valid_until", "signed_on", "signed_place",
                                                "signatories", "renews"]}),
    ]


class MilestoneOwnerFilter(admin.SimpleListFilter):
    """By owner, with the same URL parameter as the stock filter, but the side panel offers
    only "mine", "nobody" and the owner chosen: listing every user (5,000 at scale) took
    200 ms a page and nobody scrolls it. Any ``owner__id__exact`` in the URL still filters;
    owner search is in the search box."""

    title = _("owner")
    parameter_name = "owner__id__exact"
    NOBODY = "none"

    def lookups(self, request, model_admin):
        from django.contrib.auth import get_user_model

        choices = [(str(request.user.pk), _("Me")), (self.NOBODY, _("Nobody"))]
        chosen = self.value()
        if chosen and chosen.isdigit() and chosen != str(request.user.pk):
            user = get_user_model().objects.filter(pk=chosen).first()
            if user is not None:
                choices.append((chosen, user.get_username()))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.NOBODY:
            return queryset.filter(owner__isnull=True)
        if value and value.isdigit():
            return queryset.filter(owner_id=value)
        return queryset


@admin.register(Milestone)
class MilestoneAdmin(FoldedSearchMixin, QuickChangelistMixin, SimpleHistoryAdmin):
    list_display = ["title", "due_on", "status", "owner", "agreement", "partnership", "completed_on"]
    list_filter = [*date_filters("due_on"), "status", MilestoneOwnerFilter]
    search_fields = ["title", "agreement__title", "partnership__partner_locality__name_vi",
                     "partnership__partner_locality__name_en", "owner__username"]
    autocomplete_fields = ["agreement", "partnership", "owner"]
    list_select_related = ["owner", "agreement", "partnership__hanoi_locality", "partnership__partner_locality"]


# Agreement workflow (issue 3): milestones created on entering a stage, and signed copies.
@admin.register(MilestoneTemplate)
class MilestoneTemplateAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["title", "stage", "agreement_kind", "offset_days", "active"]
    list_filter = ["active", "stage", "agreement_kind"]
    list_editable = ["offset_days", "active"]
    search_fields = ["title"]


@admin.register(AgreementDocument)
class AgreementDocumentAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["title", "agreement", "kind", "uploaded_by", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["title", "agreement__title"]
    autocomplete_fields = ["agreement"]
    list_select_related = ["agreement", "uploaded_by"]
    readonly_fields = ["uploaded_by", "uploaded_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

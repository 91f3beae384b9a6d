from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ops.versioning import VersionCheckedAdminMixin

# The admin's rows cost about 0.4 ms each to render (links, checkboxes, choices): 50 a page
# instead of 100 on the tables with tens of thousands of rows.
LIST_PER_PAGE = 50

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


@admin.register(CooperationArea)
class CooperationAreaAdmin(admin.ModelAdmin):
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
class LocalityAdmin(SimpleHistoryAdmin):
    list_display = ["name_vi", "name_en", "kind", "country_name", "parent", "is_hanoi_side"]
    list_filter = ["is_hanoi_side", "kind", "country"]
    search_fields = ["name_vi", "name_en", "aliases", "wikidata_id"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    show_full_result_count = False
    list_per_page = LIST_PER_PAGE
    inlines = [ChildLocalityInline]
    fieldsets = [
        (None, {"fields": ["name_vi", "name_en", "aliases", "kind", "country", "parent", "is_hanoi_side"]}),
        (_("Map and references"), {"fields": ["latitude", "longitude", "wikidata_id"]}),
    ]

    # The country field itself re-reads its 250 choices for each row shown (2 ms a row).
    @admin.display(description=_("country"), ordering="country")
    def country_name(self, obj):
        return obj.country.name if obj.country else "-"


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name_vi", "name_en", "abbreviation", "kind", "country", "locality"]
    list_filter = ["kind", "country"]
    search_fields = ["name_vi", "name_en", "abbreviation"]
    autocomplete_fields = ["locality"]
    list_select_related = ["locality"]


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
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "level", "status", "established_on", "agreement_count", "responsible_officer"]
    list_filter = ["level", "status", "partner_locality__country", "areas", "hanoi_locality"]
    search_fields = ["partner_locality__name_vi", "partner_locality__name_en", "partner_locality__aliases",
                     "hanoi_locality__name_vi", "hanoi_locality__name_en"]
    autocomplete_fields = ["hanoi_locality", "partner_locality", "responsible_officer"]
    filter_horizontal = ["areas"]
    date_hierarchy = "established_on"
    list_select_related = ["hanoi_locality", "partner_locality", "responsible_officer"]
    show_full_result_count = False
    list_per_page = LIST_PER_PAGE
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
class AgreementAdmin(VersionCheckedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "partnership", "kind", "stage", "valid_from", "valid_until", "signed_on"]
    list_filter = ["stage", "kind", "partnership__partner_locality__country", "areas"]
    search_fields = ["title", "partnership__partner_locality__name_vi", "partnership__partner_locality__name_en",
                     "signatories"]
    autocomplete_fields = ["partnership", "renews", "responsible_officer"]
    filter_horizontal = ["areas"]
    date_hierarchy = "valid_from"
    list_select_related = ["partnership__hanoi_locality", "partnership__partner_locality"]
    show_full_result_count = False
    list_per_page = LIST_PER_PAGE
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
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "due_on", "status", "owner", "agreement", "partnership", "completed_on"]
    list_filter = ["status", MilestoneOwnerFilter]
    search_fields = ["title", "agreement__title", "partnership__partner_locality__name_vi",
                     "partnership__partner_locality__name_en", "owner__username"]
    autocomplete_fields = ["agreement", "partnership", "owner"]
    date_hierarchy = "due_on"
    list_select_related = ["owner", "agreement", "partnership__hanoi_locality", "partnership__partner_locality"]
    show_full_result_count = False
    list_per_page = LIST_PER_PAGE


# Agreement workflow (issue 3): milestones created on entering a stage, and signed copies.
@admin.register(MilestoneTemplate)
class MilestoneTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "stage", "agreement_kind", "offset_days", "active"]
    list_filter = ["active", "stage", "agreement_kind"]
    list_editable = ["offset_days", "active"]
    search_fields = ["title"]


@admin.register(AgreementDocument)
class AgreementDocumentAdmin(admin.ModelAdmin):
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

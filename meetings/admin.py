from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ops.changelists import (
    CountryFilter,
    FoldedSearchMixin,
    QFilter,
    QuickChangelistMixin,
    country_filter,
    date_filters,
    distinct_values_filter,
    name_of_country,
)
from ops.versioning import VersionCheckedAdminMixin
from partnerships.admin import partner_countries
from partnerships.models import Locality

from .models import Meeting, Participation, Person, SourceArticle
from .services import article_content_hash


class ParticipationInline(admin.TabularInline):
    model = Participation
    fields = ["person", "title_at_time", "organization", "side", "role"]
    autocomplete_fields = ["person", "organization"]
    extra = 1


class ArticleInline(admin.TabularInline):
    model = Meeting.articles.through
    autocomplete_fields = ["sourcearticle"]
    extra = 0
    verbose_name = _("source article")
    verbose_name_plural = _("source articles")


def _meetings_with_partner(**partner_locality):
    # One row per meeting, where a join through its partnerships would repeat a meeting
    # held with two partners of the same country.
    return Meeting.partnerships.through.objects.filter(
        **{f"partnership__partner_locality__{key}": value for key, value in partner_locality.items()}
    ).values("meeting_id")


class PartnerLocalityFilter(QFilter):
    """The partner localities of the country chosen in the filter above (about 30), not all
    1,000 of them (40 ms a page), plus the one chosen. Same parameter as the stock filter,
    so a link to a partner's meetings still works."""

    title = _("partner locality")
    parameter_name = "partnerships__partner_locality__id__exact"

    def lookups(self, request, model_admin):
        wanted = Q()
        country = request.GET.get(PartnerCountryFilter.parameter_name)
        if country:
            wanted |= Q(country=country, is_hanoi_side=False)
        if self.value() and self.value().isdigit():
            wanted |= Q(pk=self.value())
        if not wanted:
            return []
        return [(str(locality.pk), str(locality))
                for locality in Locality.objects.filter(wanted).only("name_vi", "name_en")]

    def choice_q(self, value):
        return Q(pk__in=_meetings_with_partner(id=value)) if value and value.isdigit() else None


class PartnerCountryFilter(CountryFilter):
    """The countries of Hanoi's partners; choosing one lists its localities below."""

    field_path = "partnerships__partner_locality__country"
    parameter_name = "partnerships__partner_locality__country__exact"
    dependent_parameters = [PartnerLocalityFilter.parameter_name]

    def country_codes(self, model_admin):
        return partner_countries()

    def choice_q(self, value):
        return Q(pk__in=_meetings_with_partner(country=value)) if value else None

    def get_facet_queryset(self, changelist):
        # All the countries' counts in one GROUP BY, not a semi-join per country (3 s).
        meetings = changelist.get_queryset(self.request, exclude_parameters=self.expected_parameters())
        counts = dict(Meeting.partnerships.through.objects.filter(meeting__in=meetings.values("pk"))
                      .values_list("partnership__partner_locality__country")
                      .annotate(n=Count("meeting", distinct=True)).order_by())
        return {f"{index}__c": counts.get(code, 0) for index, (code, _name) in enumerate(self.lookup_choices)}


@admin.register(Meeting)
class MeetingAdmin(FoldedSearchMixin, QuickChangelistMixin, VersionCheckedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "display_date", "kind", "place", "locality"]
    # Year and month instead of date_hierarchy, which read the distinct years of all
    # 100,000 meetings on every page (see ops.changelists).
    list_filter = [*date_filters("date"), "kind", "date_precision", "areas", PartnerCountryFilter,
                   PartnerLocalityFilter]
    # Accent-insensitive, and a meeting is found by a participant's or a partner's name too.
    search_fields = ["title", "place", "summary", "participations__person__full_name",
                     "partnerships__partner_locality__name_vi", "partnerships__partner_locality__name_en"]
    autocomplete_fields = ["locality", "partnerships", "agreements", "organizations"]
    filter_horizontal = ["areas"]
    list_select_related = ["locality"]
    inlines = [ParticipationInline, ArticleInline]
    exclude = ["articles"]

    @admin.display(description=_("date"), ordering="date")
    def display_date(self, obj):
        return obj.display_date


@admin.register(Person)
class PersonAdmin(FoldedSearchMixin, QuickChangelistMixin, SimpleHistoryAdmin):
    list_display = ["full_name", "current_title", "country_name"]
    list_filter = [country_filter()]
    search_fields = ["full_name", "current_title", "participations__title_at_time"]

    # The country field itself re-reads its 250 choices for each row shown (2 ms a row), and
    # Country.name works the name out again each time.
    @admin.display(description=_("country"), ordering="country")
    def country_name(self, obj):
        return name_of_country(obj.country.code) or "-"


@admin.register(Participation)
class ParticipationAdmin(FoldedSearchMixin, QuickChangelistMixin, SimpleHistoryAdmin):
    list_display = ["person", "title_at_time", "meeting", "side", "role"]
    list_filter = ["side", "role"]
    search_fields = ["person__full_name", "title_at_time", "meeting__title"]
    autocomplete_fields = ["meeting", "person", "organization"]
    list_select_related = ["person", "meeting"]


class SourceArticleAdminForm(forms.ModelForm):
    class Meta:
        model = SourceArticle
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("clean_text") or cleaned.get("raw_text") or cleaned.get("url") or cleaned.get("title") or ""
        content_hash = article_content_hash(text)
        duplicate = SourceArticle.objects.filter(content_hash=content_hash).exclude(pk=self.instance.pk).first()
        if duplicate:
            raise ValidationError(_("This article is already stored as “%(title)s”."), params={"title": duplicate.title})
        self.instance.content_hash = content_hash
        return cleaned


class SourceArticleChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # A few kilobytes of article text a row, never shown in the list.
        return super().get_queryset(request, exclude_parameters).defer("raw_text", "clean_text", "draft")


@admin.register(SourceArticle)
class SourceArticleAdmin(FoldedSearchMixin, QuickChangelistMixin, SimpleHistoryAdmin):
    form = SourceArticleAdminForm
    list_display = ["title", "publisher", "published_on", "language", "review_status"]
    # Year and month instead of date_hierarchy, publishers by index probes (ops.changelists).
    list_filter = [*date_filters("published_on"), "review_status", "language",
                   distinct_values_filter("publisher", _("publisher"))]
    search_fields = ["title", "url", "publisher", "summary"]
    readonly_fields = ["content_hash", "created_at"]
    fields = ["title", "url", "publisher", "published_on", "language", "review_status", "summary",
              "clean_text", "raw_text", "retrieved_at", "content_hash", "created_at"]

    def get_changelist(self, request, **kwargs):
        return SourceArticleChangeList

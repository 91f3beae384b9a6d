from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ops.versioning import VersionCheckedAdminMixin

# The admin's rows cost about 0.4 ms each to render (links, checkboxes, choices): 50 a page
# instead of 100 on the tables with tens of thousands of rows.
LIST_PER_PAGE = 50

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


@admin.register(Meeting)
class MeetingAdmin(VersionCheckedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "display_date", "kind", "place", "locality"]
    list_filter = ["kind", "date_precision", "areas", "partnerships__partner_locality"]
    search_fields = ["title", "place", "summary", "participations__person__full_name"]
    autocomplete_fields = ["locality", "partnerships", "agreements", "organizations"]
    filter_horizontal = ["areas"]
    date_hierarchy = "date"
    list_select_related = ["locality"]
    show_full_result_count = False  # a second COUNT(*) over 100,000 meetings on every page
    list_per_page = LIST_PER_PAGE
    inlines = [ParticipationInline, ArticleInline]
    exclude = ["articles"]

    @admin.display(description=_("date"), ordering="date")
    def display_date(self, obj):
        return obj.display_date


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "current_title", "country_name"]
    list_filter = ["country"]
    search_fields = ["full_name", "current_title", "participations__title_at_time"]
    show_full_result_count = False
    list_per_page = LIST_PER_PAGE

    # The country field itself re-reads its 250 choices for each row shown (2 ms a row).
    @admin.display(description=_("country"), ordering="country")
    def country_name(self, obj):
        return obj.country.name if obj.country else "-"


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "title_at_time", "meeting", "side", "role"]
    list_filter = ["side", "role"]
    search_fields = ["person__full_name", "title_at_time", "meeting__title"]
    autocomplete_fields = ["meeting", "person", "organization"]
    list_select_related = ["person", "meeting"]
    show_full_result_count = False
    list_per_page = LIST_PER_PAGE


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


@admin.register(SourceArticle)
class SourceArticleAdmin(SimpleHistoryAdmin):
    form = SourceArticleAdminForm
    list_display = ["title", "publisher", "published_on", "language", "review_status"]
    list_filter = ["review_status", "language", "publisher"]
    search_fields = ["title", "url", "publisher", "summary"]
    date_hierarchy = "published_on"
    show_full_result_count = False
    list_per_page = LIST_PER_PAGE
    readonly_fields = ["content_hash", "created_at"]
    fields = ["title", "url", "publisher", "published_on", "language", "review_status", "summary",
              "clean_text", "raw_text", "retrieved_at", "content_hash", "created_at"]

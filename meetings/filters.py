"""FilterSets of the meeting, article and people lists, each with its ``sort``."""
import django_filters as filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from dashboard.search import match_all, query_terms
from dashboard.widgets import FastSelect, SelectedOnlySelect
from meetings.models import Language, Meeting, Person, SourceArticle
from partnerships.models import CooperationArea, Locality, Organization, Partnership

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _partners(request):
    # A semi-join rather than a join with DISTINCT over 3,000 partnerships.
    return (Locality.objects.filter(is_hanoi_side=False, pk__in=Partnership.objects.values("partner_locality_id"))
            .only("id", "name_vi", "name_en").order_by("name_en"))


def _partner_label(name_vi, name_en):
    # The same text as Locality.__str__, from plain values (see dashboard.widgets.FastSelect).
    return f"{name_vi} ({name_en})" if name_vi and name_vi != name_en else name_en


PARTNER_SELECT = FastSelect(label_fields=("name_vi", "name_en"), label=_partner_label)


def _people(request):
    return Person.objects.only("id", "full_name").order_by("full_name")


def _organizations(request):
    return Organization.objects.only("id", "name_vi").order_by("name_vi")


def _areas(request):
    return CooperationArea.objects.all()


class MeetingFilterSet(filters.FilterSet):
    q = filters.CharFilter(label=_("Title"), method="filter_q")
    date_from = filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte", widget=DATE)
    date_to = filters.DateFilter(label=_("To"), field_name="date", lookup_expr="lte", widget=DATE)
    partner = filters.ModelChoiceFilter(label=_("Partner"), queryset=_partners, method="filter_partner",
                                        widget=PARTNER_SELECT)
    kind = filters.ChoiceFilter(label=_("Kind"), choices=Meeting.Kind.choices, widget=FastSelect)
    # 20,000 people: the select lists only the chosen one (the person page links here).
    person = filters.ModelChoiceFilter(label=_("Person"), field_name="participations__person", queryset=_people,
                                       distinct=True, widget=SelectedOnlySelect)
    organization = filters.ModelChoiceFilter(label=_("Organization"), queryset=_organizations,
                                             method="filter_organization", widget=FastSelect)
    area = filters.ModelChoiceFilter(label=_("Area"), field_name="areas", queryset=_areas, distinct=True,
                                     widget=FastSelect)
    sort = filters.OrderingFilter(
        fields=(("date", "date"), ("title", "title"), ("kind", "kind"), ("participant_count", "participants")),
        label=_("Sort"),
    )

    class Meta:
        model = Meeting
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(match_all(query_terms(value), "title", "place"))

    def filter_partner(self, queryset, name, value):
        ids = [value.pk, *value.children.values_list("pk", flat=True)]
        return queryset.filter(Q(partnerships__partner_locality_id__in=ids) | Q(locality_id__in=ids)).distinct()

    def filter_organization(self, queryset, name, value):
        return queryset.filter(Q(organizations=value) | Q(participations__organization=value)).distinct()


class SourceArticleFilterSet(filters.FilterSet):
    q = filters.CharFilter(label=_("Title"), method="filter_q")
    review_status = filters.ChoiceFilter(label=_("Review"), choices=SourceArticle.ReviewStatus.choices,
                                         widget=FastSelect)
    language = filters.ChoiceFilter(label=_("Language"), choices=Language.choices, widget=FastSelect)
    publisher = filters.CharFilter(label=_("Publisher"), lookup_expr="icontains")
    published_from = filters.DateFilter(label=_("Published from"), field_name="published_on", lookup_expr="gte",
                                        widget=DATE)
    published_to = filters.DateFilter(label=_("Published until"), field_name="published_on", lookup_expr="lte",
                                      widget=DATE)
    partner = filters.ModelChoiceFilter(label=_("Partner"), queryset=_partners,
                                        field_name="meetings__partnerships__partner_locality", distinct=True,
                                        widget=PARTNER_SELECT)
    sort = filters.OrderingFilter(
        fields=(("published_on", "published"), ("title", "title"), ("publisher", "publisher"),
                ("review_status", "review")),
        label=_("Sort"),
    )

    class Meta:
        model = SourceArticle
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(match_all(query_terms(value), "title", "publisher"))


class PersonFilterSet(filters.FilterSet):
    q = filters.CharFilter(label=_("Name"), method="filter_q")
    country = filters.ChoiceFilter(label=_("Country"), choices=lambda: list(countries), widget=FastSelect)
    organization = filters.ModelChoiceFilter(label=_("Organization"), queryset=_organizations,
                                             field_name="participations__organization", distinct=True,
                                             widget=FastSelect)
    partner = filters.ModelChoiceFilter(label=_("Partner"), queryset=_partners,
                                        field_name="participations__meeting__partnerships__partner_locality",
                                        distinct=True, widget=PARTNER_SELECT)
    sort = filters.OrderingFilter(
        fields=(("full_name", "name"), ("country", "country"), ("meeting_count", "meetings"),
                ("last_met_on", "last_met")),
        label=_("Sort"),
    )

    class Meta:
        model = Person
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(match_all(query_terms(value), "full_name", "current_title"))

"""FilterSets of the meeting, article and people lists, each with its ``sort``."""
import django_filters as filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from dashboard.search import match_all, query_terms
from dashboard.widgets import FastSelect, SelectedOnlySelect
from meetings.models import Language, Meeting, Person, SourceArticle
from partnerships.filters import PartnerFilter
from partnerships.models import CooperationArea, Organization

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
    partner = PartnerFilter(paths=["partnerships__partner_locality", "locality"], distinct=True)
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
    partner = PartnerFilter(paths=["meetings__partnerships__partner_locality"], distinct=True)
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
    partner = PartnerFilter(paths=["participations__meeting__partnerships__partner_locality"], distinct=True)
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

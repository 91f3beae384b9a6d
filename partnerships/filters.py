"""FilterSets of the partnership lists: partners, agreements (list and board), milestones.
Each carries its ``sort`` OrderingFilter so sorting stays in the URL with the filters."""
import django_filters as filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from dashboard.continents import CONTINENT_CHOICES, countries_in
from dashboard.search import folded_json, match_all, query_terms
from dashboard.widgets import FastSelect
from partnerships.models import Agreement, CooperationArea, Locality, Milestone, Partnership
from partnerships.widgets import LongModelChoiceFilter


def _hanoi_side(request):
    return Locality.objects.filter(is_hanoi_side=True).order_by("name_vi")


def _partners(request):
    # A semi-join rather than DISTINCT over every column.
    return (Locality.objects.filter(is_hanoi_side=False, pk__in=Partnership.objects.values("partner_locality_id"))
            .order_by("name_en"))


PARTNER_LABEL = {"label_fields": ["name_vi", "name_en"], "label_from_values": Locality.display_name}


def _areas(request):
    return CooperationArea.objects.all()


class PartnershipFilterSet(filters.FilterSet):
    q = filters.CharFilter(label=_("Name"), method="filter_q")
    country = filters.ChoiceFilter(label=_("Country"), field_name="partner_locality__country",
                                   choices=lambda: list(countries), widget=FastSelect)  # 250 options
    continent = filters.ChoiceFilter(label=_("Continent"), choices=CONTINENT_CHOICES, method="filter_continent",
                                     widget=FastSelect)
    level = filters.ChoiceFilter(label=_("Level"), choices=Partnership.Level.choices, widget=FastSelect)
    status = filters.ChoiceFilter(label=_("Status"), choices=Partnership.Status.choices, widget=FastSelect)
    area = filters.ModelChoiceFilter(label=_("Area"), field_name="areas", queryset=_areas, distinct=True,
                                     widget=FastSelect)
    hanoi_locality = filters.ModelChoiceFilter(label=_("Hanoi side"), queryset=_hanoi_side, widget=FastSelect)
    sort = filters.OrderingFilter(
        fields=(
            ("partner_locality__name_en", "partner"),
            ("partner_locality__country", "country"),
            ("level", "level"),
            ("status", "status"),
            ("established_on", "established"),
            ("last_meeting_on", "last_meeting"),
        ),
        label=_("Sort"),
    )

    class Meta:
        model = Partnership
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(match_all(query_terms(value), "partner_locality__name_vi", "partner_locality__name_en",
                                         folded_json("partner_locality__aliases")))

    def filter_continent(self, queryset, name, value):
        return queryset.filter(partner_locality__country__in=countries_in(value))


class AgreementFilterSet(filters.FilterSet):
    q = filters.CharFilter(label=_("Title"), method="filter_q")
    stage = filters.ChoiceFilter(label=_("Stage"), choices=Agreement.Stage.choices, widget=FastSelect)
    kind = filters.ChoiceFilter(label=_("Kind"), choices=Agreement.Kind.choices, widget=FastSelect)
    partner = LongModelChoiceFilter(label=_("Partner"), field_name="partnership__partner_locality",
                                    queryset=_partners, **PARTNER_LABEL)
    # One area matches an agreement at most once (the m2m pairs are unique): no DISTINCT needed.
    area = filters.ModelChoiceFilter(label=_("Area"), field_name="areas", queryset=_areas, distinct=False,
                                     widget=FastSelect)
    expiring_within = filters.NumberFilter(label=_("Expires within (days)"), method="filter_expiring", min_value=0)
    sort = filters.OrderingFilter(
        fields=(
            ("title", "title"),
            ("partnership__partner_locality__name_en", "partner"),
            ("stage", "stage"),
            ("signed_on", "signed"),
            ("valid_until", "valid_until"),
            ("stage_changed_on", "stage_changed"),
        ),
        label=_("Sort"),
    )

    class Meta:
        model = Agreement
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(match_all(query_terms(value), "title", "partnership__partner_locality__name_vi",
                                         "partnership__partner_locality__name_en"))

    def filter_expiring(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(valid_until__gte=today, valid_until__lte=today + timezone.timedelta(days=int(value)))


class MilestoneFilterSet(filters.FilterSet):
    mine = filters.BooleanFilter(label=_("Only mine"), method="filter_mine",
                                 widget=filters.widgets.BooleanWidget())
    status = filters.ChoiceFilter(label=_("Status"), choices=Milestone.Status.choices, widget=FastSelect)
    overdue = filters.BooleanFilter(label=_("Overdue"), method="filter_overdue",
                                    widget=filters.widgets.BooleanWidget())
    due_after = filters.DateFilter(label=_("Due from"), field_name="due_on", lookup_expr="gte",
                                   widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    due_before = filters.DateFilter(label=_("Due until"), field_name="due_on", lookup_expr="lte",
                                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    partner = LongModelChoiceFilter(label=_("Partner"), queryset=_partners, method="filter_partner",
                                    **PARTNER_LABEL)
    # Words of the owner's user name or full name, not a <select>: every one of the 5,000 staff at
    # scale owns milestones, and listing them was 40% of the page. A number is an owner's id
    # (the old select's links and bookmarks keep working).
    owner = filters.CharFilter(label=_("Owner"), method="filter_owner")
    sort = filters.OrderingFilter(
        fields=(("due_on", "due"), ("title", "title"), ("status", "status"), ("owner__username", "owner")),
        label=_("Sort"),
    )

    class Meta:
        model = Milestone
        fields = []

    def filter_mine(self, queryset, name, value):
        if value and self.request is not None:
            return queryset.filter(owner=self.request.user)
        return queryset

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        if value:
            return queryset.filter(status=Milestone.Status.PENDING, due_on__lt=today)
        return queryset.exclude(status=Milestone.Status.PENDING, due_on__lt=today)

    def filter_partner(self, queryset, name, value):
        return queryset.filter(Q(partnership__partner_locality=value)
                               | Q(agreement__partnership__partner_locality=value))

    def filter_owner(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            # Beyond the integer column's range no row can match (PostgreSQL would refuse the value).
            return queryset.filter(owner_id=int(value)) if len(value) < 10 else queryset.none()
        return queryset.filter(match_all(query_terms(value), "owner__username", "owner__first_name",
                                         "owner__last_name"))

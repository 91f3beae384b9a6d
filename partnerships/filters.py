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


def _hanoi_side(request):
    return Locality.objects.filter(is_hanoi_side=True).order_by("name_vi")


def partner_localities(value, *, with_children=True):
    """The partner localities a partner filter names, as a subquery of ids: a number is a
    locality's id (links and bookmarks), anything else words of a name or alias, accents and case
    ignored, as the search box; with their districts when ``with_children`` (as the partner's
    page counts them: Chanthabuly's meetings and milestones are Vientiane's too). ``None`` when
    the value names nothing (the filter is off)."""
    value = (value or "").strip()
    if value.isdigit():
        # Beyond the integer column's range no row can match (PostgreSQL would refuse the value).
        named = Q(pk=int(value)) if len(value) < 10 else Q(pk__in=[])
    else:
        # Brackets are dropped so that the label the box shows for an id, "Viêng Chăn (Vientiane)", finds it again.
        terms = query_terms(value.replace("(", " ").replace(")", " "))
        if not terms:
            return None
        named = match_all(terms, "name_vi", "name_en", folded_json("aliases"))
    partners = Locality.objects.filter(is_hanoi_side=False)
    if with_children:
        return partners.filter(Q(pk__in=partners.filter(named).values("pk"))
                               | Q(parent__in=partners.filter(named).values("pk"))).values("pk")
    return partners.filter(named).values("pk")


class PartnerInput(forms.TextInput):
    """A text box; given an id (from a link), it shows that partner's name rather than the number."""

    def __init__(self, attrs=None):
        super().__init__({"placeholder": _("Name, accents optional"), **(attrs or {})})

    def format_value(self, value):
        value = super().format_value(value)
        if value and value.strip().isdigit() and len(value.strip()) < 10:
            locality = Locality.objects.filter(pk=int(value), is_hanoi_side=False).only("name_vi", "name_en").first()
            if locality is not None:
                return str(locality)
        return value


class PartnerFilter(filters.CharFilter):
    """Rows of the partner localities the box names (see ``partner_localities``), through any of
    ``paths`` (lookups that end at a locality). Not a <select>: about a thousand partners at
    scale made the list pages 70 KB heavier and a third slower to render, and a list that long
    is searched, not scrolled."""

    def __init__(self, *, paths, with_children=True, **kwargs):
        kwargs.setdefault("label", _("Partner"))
        kwargs.setdefault("widget", PartnerInput)
        super().__init__(**kwargs)
        self.paths, self.with_children = paths, with_children

    def filter(self, qs, value):
        localities = partner_localities(value, with_children=self.with_children)
        if localities is None:
            return qs
        condition = Q()
        for path in self.paths:
            condition |= Q(**{f"{path}__in": localities})
        qs = qs.filter(condition)
        return qs.distinct() if self.distinct else qs


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
    partner = PartnerFilter(paths=["partnership__partner_locality"])
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
    partner = PartnerFilter(paths=["partnership__partner_locality", "agreement__partnership__partner_locality"])
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

    def filter_owner(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            # Beyond the integer column's range no row can match (PostgreSQL would refuse the value).
            return queryset.filter(owner_id=int(value)) if len(value) < 10 else queryset.none()
        return queryset.filter(match_all(query_terms(value), "owner__username", "owner__first_name",
                                         "owner__last_name"))

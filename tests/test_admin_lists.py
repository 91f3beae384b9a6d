"""The admin changelists' speed settings keep their filters working."""
import datetime

import pytest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.admin import MilestoneOwnerFilter
from tests.factories import MilestoneFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return {m.title for m in response.context["cl"].result_list}


def test_milestone_owner_filter_keeps_its_url_and_lists_few_owners(client, superuser):
    other = UserFactory(username="someone-else")
    MilestoneFactory(title="mine", owner=superuser)
    MilestoneFactory(title="theirs", owner=other)
    MilestoneFactory(title="nobody's", owner=None)
    url = reverse("admin:partnerships_milestone_changelist")
    assert titles(client.get(url)) == {"mine", "theirs", "nobody's"}
    response = client.get(f"{url}?owner__id__exact={other.pk}")
    assert titles(response) == {"theirs"} and "someone-else" in response.content.decode()
    assert titles(client.get(f"{url}?owner__id__exact={superuser.pk}")) == {"mine"}
    assert titles(client.get(f"{url}?owner__id__exact=none")) == {"nobody's"}
    owner_filter = [f for f in client.get(url).context["cl"].filter_specs if isinstance(f, MilestoneOwnerFilter)][0]
    assert [value for value, _ in owner_filter.lookup_choices] == [str(superuser.pk), "none"]  # not every user


def test_person_country_column(client, superuser):
    PersonFactory(full_name="Somsak", country="LA")
    html = client.get(reverse("admin:meetings_person_changelist")).content.decode()
    assert "Laos" in html or "Lào" in html


def _filter(response, parameter_name):
    """The filter of the changelist that reads `parameter_name`, if it shows."""
    for spec in response.context["cl"].filter_specs:
        if parameter_name in spec.expected_parameters() and spec.has_output():
            return spec
    return None


def _choices(response, parameter_name):
    spec = _filter(response, parameter_name)
    return [] if spec is None else list(spec.choices(response.context["cl"]))


def test_year_and_month_filters_replace_the_date_hierarchy_with_its_urls(client, superuser):
    from tests.factories import MeetingFactory

    MeetingFactory(title="old", date=datetime.date(2019, 3, 8))
    MeetingFactory(title="may", date=datetime.date(2024, 5, 31))
    MeetingFactory(title="june", date=datetime.date(2024, 6, 1))
    url = reverse("admin:meetings_meeting_changelist")
    response = client.get(url)
    assert titles(response) == {"old", "may", "june"}
    years = [choice["display"] for choice in _choices(response, "date__year")][1:]  # after "All"
    assert years == [str(year) for year in range(2024, 2018, -1)]  # newest first, first to last date
    assert _filter(response, "date__month") is None  # months once a year is chosen

    response = client.get(f"{url}?date__year=2024")
    assert titles(response) == {"may", "june"}
    facets = [c["display"] for c in _choices(client.get(f"{url}?_facets=True&date__year=2024"), "date__month")]
    assert facets[5:7] == ["May (1)", "June (1)"] and facets[1] == "January (0)"
    assert len(_choices(response, "date__month")) == 13
    assert titles(client.get(f"{url}?date__year=2024&date__month=5")) == {"may"}
    assert titles(client.get(f"{url}?date__year=2024&date__month=12")) == set()
    # Another year, or all years, drops the month chosen within this one.
    response = client.get(f"{url}?date__year=2024&date__month=5")
    for choice in _choices(response, "date__year"):
        assert "date__month" not in choice["query_string"]
    assert any("date__month=5" in choice["query_string"] for choice in _choices(response, "kind__exact"))


def test_date_filters_ignore_impossible_values(client, superuser):
    from tests.factories import MeetingFactory

    MeetingFactory(title="m", date=datetime.date(2024, 5, 31))
    url = reverse("admin:meetings_meeting_changelist")
    for query in ["date__year=99999999999", "date__year=abc", "date__year=2024&date__month=13",
                  "date__month=0", "date__year=-1"]:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200 and titles(response) == {"m"}, query


def test_year_filters_on_the_other_dated_lists(client, superuser):
    from tests.factories import AgreementFactory, MilestoneFactory, PartnershipFactory, SourceArticleFactory

    SourceArticleFactory(title="2021", published_on=datetime.date(2021, 7, 1))
    SourceArticleFactory(title="2022", published_on=datetime.date(2022, 7, 1))
    url = reverse("admin:meetings_sourcearticle_changelist")
    assert titles(client.get(f"{url}?published_on__year=2021")) == {"2021"}
    MilestoneFactory(title="soon", due_on=datetime.date(2030, 1, 2))
    assert titles(client.get(reverse("admin:partnerships_milestone_changelist") + "?due_on__year=2030")) == {"soon"}
    AgreementFactory(title="valid 2020", valid_from=datetime.date(2020, 2, 1))
    assert titles(client.get(reverse("admin:partnerships_agreement_changelist") + "?valid_from__year=2020")) == {
        "valid 2020"}
    PartnershipFactory(established_on=datetime.date(1999, 9, 9))
    response = client.get(reverse("admin:partnerships_partnership_changelist") + "?established_on__year=1999")
    assert len(response.context["cl"].result_list) == 1


def test_partner_country_then_locality_narrow_the_meetings_once_each(client, superuser):
    from tests.factories import LocalityFactory, MeetingFactory, PartnershipFactory

    vientiane = PartnershipFactory(partner_locality=LocalityFactory(name_en="Vientiane", country="LA"))
    luang = PartnershipFactory(partner_locality=LocalityFactory(name_en="Luang Prabang", country="LA"))
    paris = PartnershipFactory(partner_locality=LocalityFactory(name_en="Paris", country="FR"))
    both = MeetingFactory(title="both Lao cities")
    both.partnerships.add(vientiane, luang)
    MeetingFactory(title="Paris").partnerships.add(paris)
    MeetingFactory(title="nobody")
    url = reverse("admin:meetings_meeting_changelist")

    response = client.get(url)
    countries = {choice["display"] for choice in _choices(response, "partnerships__partner_locality__country__exact")}
    assert countries == {"All", "Laos", "France"}  # only partners' countries, not all 250
    assert _filter(response, "partnerships__partner_locality__id__exact") is None  # a country first
    counts = {c["display"] for c in _choices(client.get(f"{url}?_facets=True"),
                                             "partnerships__partner_locality__country__exact")}
    assert {"Laos (1)", "France (1)"} <= counts  # "Show counts": a meeting once per country

    response = client.get(f"{url}?partnerships__partner_locality__country__exact=LA")
    assert [m.title for m in response.context["cl"].result_list] == ["both Lao cities"]  # listed once
    localities = [choice["display"] for choice in _choices(response, "partnerships__partner_locality__id__exact")]
    assert localities[1:] == [str(luang.partner_locality), str(vientiane.partner_locality)]
    assert response.context["cl"].result_count == 1

    # The stock filter's URL, as linked from elsewhere, still works, with or without a country.
    paris_id = paris.partner_locality_id
    response = client.get(f"{url}?partnerships__partner_locality__id__exact={paris_id}")
    assert titles(response) == {"Paris"}
    assert _filter(response, "partnerships__partner_locality__id__exact") is not None  # shown, can be cleared
    assert titles(client.get(f"{url}?partnerships__partner_locality__id__exact=abc")) == {
        "both Lao cities", "Paris", "nobody"}
    # Another country drops the locality chosen in this one.
    response = client.get(f"{url}?partnerships__partner_locality__country__exact=LA"
                          f"&partnerships__partner_locality__id__exact={vientiane.partner_locality_id}")
    for choice in _choices(response, "partnerships__partner_locality__country__exact"):
        assert "partner_locality__id" not in choice["query_string"]


def test_country_filters_list_the_countries_rows_have(client, superuser):
    from tests.factories import LocalityFactory, OrganizationFactory

    PersonFactory(full_name="Somsak", country="LA")
    PersonFactory(full_name="Jean", country="FR")
    PersonFactory(full_name="Nobody knows", country="")
    url = reverse("admin:meetings_person_changelist")
    response = client.get(url)
    assert [c["display"] for c in _choices(response, "country__exact")] == ["All", "France", "Laos"]
    assert {p.full_name for p in client.get(f"{url}?country__exact=LA").context["cl"].result_list} == {"Somsak"}

    LocalityFactory(name_en="Vientiane", country="LA")
    response = client.get(reverse("admin:partnerships_locality_changelist") + "?country__exact=LA")
    assert [loc.name_en for loc in response.context["cl"].result_list] == ["Vientiane"]
    for name in ["partnership", "agreement"]:  # through relations
        path = "partner_locality" if name == "partnership" else "partnership__partner_locality"
        response = client.get(reverse(f"admin:partnerships_{name}_changelist") + f"?{path}__country__exact=LA")
        assert response.status_code == 200 and response.context["cl"].result_count == 0
    OrganizationFactory(name_vi="Sở Ngoại vụ", country="VN")
    html = client.get(reverse("admin:partnerships_organization_changelist")).content.decode()
    assert "Sở Ngoại vụ" in html and "Vietnam" in html


def test_publisher_filter_lists_each_publisher_once(client, superuser):
    from tests.factories import SourceArticleFactory

    SourceArticleFactory(title="a", publisher="Hànộimới")
    SourceArticleFactory(title="b", publisher="Hànộimới")
    SourceArticleFactory(title="c", publisher="VnExpress")
    SourceArticleFactory(title="d", publisher="")
    url = reverse("admin:meetings_sourcearticle_changelist")
    response = client.get(url)
    assert [c["display"] for c in _choices(response, "publisher")] == ["All", "-", "Hànộimới", "VnExpress"]
    assert titles(client.get(f"{url}?publisher=Hànộimới")) == {"a", "b"}
    assert titles(client.get(f"{url}?publisher=")) == {"d"}
    # The list does not load the articles' text.
    assert {"raw_text", "clean_text"} <= response.context["cl"].result_list[0].get_deferred_fields()


def test_row_checkbox_is_djangos_markup(superuser, rf):
    from django.contrib import admin

    from meetings.models import Meeting
    from tests.factories import MeetingFactory

    meeting = MeetingFactory(title='<b>"Đoàn"</b> & co')
    assert admin.site._registry[Meeting].action_checkbox(meeting) == admin.ModelAdmin.action_checkbox(
        admin.site._registry[Meeting], meeting)


def test_count_of_a_large_unfiltered_table_is_estimated_on_postgresql(monkeypatch):
    from django.db import connection

    from meetings.models import Meeting
    from ops import changelists
    from tests.factories import MeetingFactory

    MeetingFactory.create_batch(3, kind="reception")
    MeetingFactory(kind="signing")
    if connection.vendor != "postgresql":
        assert changelists.EstimatedCountPaginator(Meeting.objects.all(), 50).count == 4
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE meetings_meeting")
    monkeypatch.setattr(changelists, "ESTIMATE_FROM", 2)
    with CaptureQueriesContext(connection) as queries:
        assert changelists.EstimatedCountPaginator(Meeting.objects.order_by("-date"), 50).count == 4
    assert not any("COUNT(" in query["sql"] for query in queries.captured_queries)
    # Filtered lists are counted exactly.
    assert changelists.EstimatedCountPaginator(Meeting.objects.filter(kind="signing"), 50).count == 1

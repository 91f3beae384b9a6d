"""Each page runs a fixed number of SQL queries whatever the number of rows: 35+ of
everything here, so an N+1 in a template or selector would blow the budget."""
import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from meetings.models import Participation
from partnerships.models import Agreement, Locality, StageChange
from tests.factories import (
    AgreementFactory,
    HanoiFactory,
    LocalityFactory,
    MeetingFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PersonFactory,
    SourceArticleFactory,
    area,
)

pytestmark = pytest.mark.django_db
N = 35

# Measured: the same counts with 35 and with 70 rows of everything, so these are fixed costs.
BUDGETS = {
    # session + user + 2 permission queries are in every count; the rest is the page's own.
    # The lists read their per-row counts for the shown page in one more query (not a GROUP BY
    # over every row); the partner page reads its meetings with their participants (and the
    # people met) in one query, its agreements with their stage changes in another.
    "overview": 14,
    "map_points": 3,  # session + user + the points: one GROUP BY, no permission query (no template)
    "search": 12,
    "partner_list": 12,
    "partner_detail": 11,
    "agreement_list": 11,
    "agreement_board": 10,
    "agreement_detail": 14,
    "milestone_list": 10,
    "meeting_list": 15,
    "meeting_detail": 13,
    "article_list": 10,
    "article_detail": 10,
    "person_list": 11,
    "person_detail": 9,
    "calendar_feed": 6,
}


@pytest.fixture
def crowd(editor):
    hanoi = HanoiFactory(latitude=21.0285, longitude=105.8542)
    capital = LocalityFactory(name_en="Vientiane", name_vi="Viêng Chăn", latitude=17.97, longitude=102.63)
    children = [LocalityFactory(parent=capital, kind=Locality.Kind.DISTRICT) for _ in range(3)]
    culture, transport = area("culture"), area("transport")
    today = datetime.date.today()
    partnerships, agreements, meetings, people, articles = [], [], [], [], []
    for i in range(N):
        partner = capital if i == 0 else (children[i % 3] if i < 4 else LocalityFactory(
            latitude=(i % 60) - 30, longitude=(i * 9) % 360 - 180))
        p = PartnershipFactory(hanoi_locality=hanoi, partner_locality=partner, responsible_officer=editor)
        p.areas.add(culture, transport)
        partnerships.append(p)
        a = AgreementFactory(partnership=partnerships[i % 4], title=f"Thỏa thuận Viêng Chăn {i}",
                             stage=list(Agreement.Stage)[i % 8], responsible_officer=editor,
                             valid_until=today + datetime.timedelta(days=i))
        a.areas.add(culture)
        agreements.append(a)
        people.append(PersonFactory(full_name=f"Vương Đình {i}"))
        articles.append(SourceArticleFactory(title=f"Viêng Chăn tin {i}", published_on=today))
    org = OrganizationFactory()
    for i in range(N):
        m = MeetingFactory(title=f"Tiếp đoàn Viêng Chăn {i}", date=today.replace(day=1) - datetime.timedelta(days=i))
        m.partnerships.add(partnerships[i % 4], partnerships[i])
        m.agreements.add(agreements[0], agreements[i])
        m.areas.add(culture, transport)
        m.organizations.add(org)
        m.articles.add(articles[0], articles[i])
        for j in range(3):
            ParticipationFactory(meeting=m, person=people[(i + j) % N], organization=org,
                                 side=Participation.Side.PARTNER if j else Participation.Side.HANOI,
                                 title_at_time=f"Chức vụ {i % 5}")
        meetings.append(m)
        StageChange.objects.create(agreement=agreements[0], from_stage="proposed", to_stage="negotiating",
                                   changed_on=today, recorded_by=editor, evidence=articles[i])
        MilestoneFactory(agreement=agreements[0], owner=editor, due_on=today + datetime.timedelta(days=i - 5))
        MilestoneFactory(agreement=None, partnership=partnerships[0], owner=editor, due_on=today)
    return {"partner": capital, "agreement": agreements[0], "meeting": meetings[0], "article": articles[0],
            "person": people[0]}


def urls(crowd, token):
    return {
        "overview": reverse("dashboard:overview"),
        "map_points": reverse("dashboard:map_points"),
        "search": reverse("dashboard:search") + "?q=vieng+chan",
        "partner_list": reverse("partnerships:partner_list") + "?sort=last_meeting",
        "partner_detail": reverse("partnerships:partner_detail", args=[crowd["partner"].pk]),
        "agreement_list": reverse("partnerships:agreement_list"),
        "agreement_board": reverse("partnerships:agreement_board"),
        "agreement_detail": reverse("partnerships:agreement_detail", args=[crowd["agreement"].pk]),
        "milestone_list": reverse("partnerships:milestone_list") + "?page=1",
        "meeting_list": reverse("meetings:meeting_list"),
        "meeting_detail": reverse("meetings:meeting_detail", args=[crowd["meeting"].pk]),
        "article_list": reverse("meetings:article_list"),
        "article_detail": reverse("meetings:article_detail", args=[crowd["article"].pk]),
        "person_list": reverse("meetings:person_list"),
        "person_detail": reverse("meetings:person_detail", args=[crowd["person"].pk]),
        "calendar_feed": reverse("dashboard:calendar_feed", args=[token]),
    }


@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_query_budget(client, editor, crowd, page, django_assert_max_num_queries):
    from staff.services import profile_for

    token = profile_for(editor).calendar_token
    client.force_login(editor)
    url = urls(crowd, token)[page]
    client.get(url)  # warm up: session, content types, profile
    cache.clear()  # the budget is for rendering the page, not for serving it from the page cache
    with django_assert_max_num_queries(BUDGETS[page]):
        response = client.get(url)
    assert response.status_code == 200
    if page.endswith("_list") or page == "agreement_board":
        assert len(response.context["object_list"]) >= 25
    if page == "map_points":
        assert len(response.json()["points"]) >= N - 3  # the crowd's partners (three districts have no coordinates)


CACHED_PAGES = sorted(set(BUDGETS) - {"agreement_detail", "meeting_detail", "article_detail", "person_detail",
                                      "calendar_feed"})


@pytest.mark.parametrize("page", CACHED_PAGES)
def test_cached_page_is_the_same_page_for_one_query(client, editor, crowd, page, django_assert_num_queries):
    """Served again before any change, a page comes from the page cache: the session is the
    only query, and it is the same page as the fresh one."""
    client.force_login(editor)
    url = urls(crowd, "x")[page]
    fresh = client.get(url)
    with django_assert_num_queries(1):
        cached = client.get(url)

    def without_tokens(response):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    assert cached.status_code == 200
    assert without_tokens(cached) == without_tokens(fresh)


@pytest.mark.parametrize("page", ["partner_list", "meeting_list", "person_list", "agreement_list"])
def test_csv_export_query_budget(client, editor, crowd, page, django_assert_max_num_queries):
    client.force_login(editor)
    url = urls(crowd, "x")[page]
    with django_assert_max_num_queries(BUDGETS[page]):
        response = client.get(url + ("&" if "?" in url else "?") + "export=csv")
    assert response.content.count(b"\n") > N

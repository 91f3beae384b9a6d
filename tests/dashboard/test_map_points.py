"""The overview map's partner points (dashboard:map_points, drawn by static/js/worldmap.js):
what the JSON holds, who may read it, and that it is kept in the page cache until the data
changes."""
from decimal import Decimal

import pytest
from django.urls import reverse

from dashboard.selectors import map_points, map_points_count
from partnerships.models import Partnership
from tests.factories import LocalityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

URL = "/map/points.json"


def test_url():
    assert reverse("dashboard:map_points") == URL


def test_points_hold_what_the_map_draws(viewer_client, world):
    response = viewer_client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["partner_url"] == "/partners/{id}/"
    # Ordered by English name; x = longitude + 180, y = 90 − latitude, two decimals (as the page
    # placed them); "active" counts active partnerships (none: the point is drawn grey).
    assert data["points"] == [
        {"id": world["jakarta"].pk, "name_vi": "Gia-các-ta", "name_en": "Jakarta", "x": 286.85, "y": 96.21,
         "active": 0},
        {"id": world["los_angeles"].pk, "name_vi": "Los Angeles", "name_en": "Los Angeles", "x": 61.76, "y": 55.95,
         "active": 0},
        {"id": world["vientiane"].pk, "name_vi": "Viêng Chăn", "name_en": "Vientiane", "x": 282.63, "y": 72.02,
         "active": 1},
    ]
    assert "Viêng Chăn".encode() in response.content  # UTF-8, not \u escapes: a third smaller


def test_only_partner_localities_with_coordinates_and_a_partnership(viewer_client, world):
    LocalityFactory(name_en="Nowhere Yet", latitude=Decimal("1.5"), longitude=Decimal("2.5"))  # no partnership
    PartnershipFactory(hanoi_locality=world["hanoi"], partner_locality=LocalityFactory(name_en="No Coordinates"))
    names = [point["name_en"] for point in viewer_client.get(URL).json()["points"]]
    assert names == ["Jakarta", "Los Angeles", "Vientiane"]  # no Hanoi side, no Chanthabuly (no coordinates)
    assert map_points_count() == len(map_points()) == 3


def test_active_counts_each_active_partnership_once(viewer_client, world):
    hoan_kiem = world["p_vte"].hanoi_locality.children.get()
    PartnershipFactory(hanoi_locality=hoan_kiem, partner_locality=world["vientiane"],
                       status=Partnership.Status.ACTIVE)
    PartnershipFactory(hanoi_locality=hoan_kiem, partner_locality=world["jakarta"], status=Partnership.Status.ENDED)
    active = {point["name_en"]: point["active"] for point in viewer_client.get(URL).json()["points"]}
    assert active == {"Jakarta": 0, "Los Angeles": 0, "Vientiane": 2}


def test_login_required(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_served_from_the_page_cache_until_the_data_changes(viewer_client, world, django_assert_num_queries):
    fresh = viewer_client.get(URL)
    with django_assert_num_queries(1):  # the session only
        cached = viewer_client.get(URL)
    assert cached["Content-Type"] == "application/json"
    assert cached.content == fresh.content
    assert "csrftoken" not in cached.cookies  # data, not a page: no CSRF token put in

    world["vientiane"].name_vi = "Thủ đô Viêng Chăn"
    world["vientiane"].save()
    names = {point["name_vi"] for point in viewer_client.get(URL).json()["points"]}
    assert "Thủ đô Viêng Chăn" in names


def test_the_overview_caption_counts_the_points(viewer_client, world):
    LocalityFactory(name_en="Nowhere Yet", latitude=Decimal("1.5"), longitude=Decimal("2.5"))
    points = viewer_client.get(URL).json()["points"]
    assert viewer_client.get("/").context["map_count"] == len(points) == 3

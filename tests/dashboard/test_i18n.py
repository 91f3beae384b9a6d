"""Vietnamese first, an English switch that is remembered, dates as 21/11/2023."""
import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_vietnamese_is_the_default(viewer_client, world):
    html = viewer_client.get("/").content.decode()
    assert '<html lang="vi">' in html
    assert "Tổng quan" in html and "Đối tác" in html and "Tìm kiếm" in html


def test_switch_to_english_is_remembered(viewer_client, world):
    response = viewer_client.post("/i18n/setlang/", {"language": "en", "next": "/partners/"})
    assert response.status_code == 302 and response["Location"] == "/partners/"
    assert viewer_client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = viewer_client.get("/").content.decode()
    assert '<html lang="en">' in html and "Overview" in html and "Partners" in html
    html = viewer_client.get("/meetings/").content.decode()  # still English on the next page
    assert "Export CSV" in html
    viewer_client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Tổng quan" in viewer_client.get("/").content.decode()


def test_dates_are_day_month_year_in_both_languages(viewer_client, db):
    MeetingFactory(title="Ngày hội", date=datetime.date(2023, 11, 21))
    assert "21/11/2023" in viewer_client.get("/meetings/").content.decode()
    viewer_client.post("/i18n/setlang/", {"language": "en"})
    assert "21/11/2023" in viewer_client.get("/meetings/").content.decode()


def test_time_zone_and_language_settings():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_date_filter_accepts_the_html_date_input(viewer_client, db):
    MeetingFactory(title="Ngày hội", date=datetime.date(2023, 11, 21))
    response = viewer_client.get(reverse("meetings:meeting_list") + "?date_from=2023-11-21")
    assert len(response.context["object_list"]) == 1
    assert 'value="2023-11-21"' in response.content.decode()


def test_browser_language_does_not_override_vietnamese(viewer_client, world):
    html = viewer_client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in html and "Tổng quan" in html

"""The private iCalendar feed and the per-meeting .ics download."""
import datetime

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from staff.models import StaffProfile
from tests.factories import MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_profile_is_created_on_demand_and_shows_the_feed_url(editor_client, editor):
    assert not StaffProfile.objects.filter(user=editor).exists()
    response = editor_client.get(reverse("dashboard:profile"))
    profile = StaffProfile.objects.get(user=editor)
    assert f"/calendar/{profile.calendar_token}.ics" in response.content.decode()


def test_feed_works_without_a_session(editor, world):
    upcoming = MeetingFactory(title="Đón Đô trưởng Viêng Chăn", date=datetime.date.today() + datetime.timedelta(days=3),
                              part_of_day="morning")
    MeetingFactory(title="Cuộc họp cũ", date=datetime.date(2020, 1, 1))
    token = StaffProfile.objects.create(user=editor).calendar_token
    found = events(Client().get(f"/calendar/{token}.ics"))
    assert "⏰ Gửi báo cáo kết quả năm" in found and "⏰ Chuẩn bị gia hạn biên bản" in found
    assert "⏰ Liên hệ Los Angeles" not in found  # someone else's milestone
    assert upcoming.title in found and "Cuộc họp cũ" not in found
    start = found[upcoming.title].decoded("dtstart")
    assert start.hour == 8 and str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert found["⏰ Gửi báo cáo kết quả năm"].decoded("dtstart") == world["overdue"].due_on


def test_unknown_token_is_404(db):
    assert Client().get("/calendar/not-a-token.ics").status_code == 404


def test_inactive_user_feed_is_404(db):
    user = UserFactory(is_active=False)
    token = StaffProfile.objects.create(user=user).calendar_token
    assert Client().get(f"/calendar/{token}.ics").status_code == 404


def test_reset_token(editor_client, editor):
    old = StaffProfile.objects.create(user=editor).calendar_token
    response = editor_client.post(reverse("dashboard:calendar_token_reset"))
    assert response.status_code == 302
    new = StaffProfile.objects.get(user=editor).calendar_token
    assert new != old
    assert Client().get(f"/calendar/{old}.ics").status_code == 404
    assert Client().get(f"/calendar/{new}.ics").status_code == 200


def test_reset_requires_post_and_login(client, editor_client):
    assert editor_client.get(reverse("dashboard:calendar_token_reset")).status_code == 405
    assert client.logout() is None
    assert Client().post(reverse("dashboard:calendar_token_reset")).status_code == 302


def test_meeting_ics(viewer_client, world):
    response = viewer_client.get(reverse("meetings:meeting_ics", args=[world["reception"].pk]))
    assert "attachment" in response["Content-Disposition"]
    event = events(response)[world["reception"].title]
    assert event.decoded("dtstart") == datetime.date(2023, 10, 4)
    assert str(event["location"]) == "Trụ sở UBND Thành phố"
    assert f"/meetings/{world['reception'].pk}/" in str(event["url"])

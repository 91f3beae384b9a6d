"""Each user edits their own digest settings."""
import pytest

from staff.models import StaffProfile
from tests.factories import StaffProfileFactory

pytestmark = pytest.mark.django_db

URL = "/reminders/preferences/"


def test_anonymous_users_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_form_shows_the_current_settings(client, staff_user):
    StaffProfileFactory(user=staff_user, lead_days=[14, 3])
    client.force_login(staff_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert 'value="14, 3"' in response.content.decode()


def test_saving_creates_or_updates_the_profile(client, staff_user):
    client.force_login(staff_user)
    response = client.post(URL, {"lead_days": "7, 30, 0, 7", "language": "en"})
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=staff_user)
    assert (profile.lead_days, profile.digests_enabled, profile.language) == ([30, 7, 0], False, "en")
    client.post(URL, {"lead_days": "1", "language": "vi", "digests_enabled": "on"})
    profile.refresh_from_db()
    assert (profile.lead_days, profile.digests_enabled, profile.language) == ([1], True, "vi")


@pytest.mark.parametrize("value", ["bảy", "", "-1", "400"])
def test_bad_lead_days_are_refused(client, staff_user, value):
    client.force_login(staff_user)
    response = client.post(URL, {"lead_days": value, "language": "en", "digests_enabled": "on"})
    assert response.status_code == 200
    assert response.context["form"].errors["lead_days"]
    assert not StaffProfile.objects.filter(user=staff_user).exists()

import pytest
from django.conf import settings

from staff.models import StaffProfile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_language_switch_is_remembered_for_the_reminder_emails(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/partners/"})
    assert response.status_code == 302 and response["Location"] == "/partners/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert StaffProfile.objects.get(user=user).language == "en"
    assert "Partners" in client.get("/partners/").content.decode()


def test_an_unknown_language_changes_nothing(client):
    user = UserFactory()
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert not StaffProfile.objects.filter(user=user, language="xx").exists()


def test_anonymous_visitors_can_switch_the_login_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Log in" in client.get("/accounts/login/").content.decode()

"""Keeping out whoever does not belong: login limits, session expiry, headers, CSP."""
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_login_is_locked_after_repeated_wrong_passwords(client, settings):
    UserFactory(username="clerk")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "clerk", "password": "wrong"})
        assert response.status_code == 200
        assert "Wrong user name or password" in response.content.decode()
    response = client.post(url, {"username": "clerk", "password": "wrong"})
    assert response.status_code == 429
    # Even the right password is refused now.
    response = client.post(url, {"username": "clerk", "password": "correct horse battery"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_logs_in(client):
    UserFactory(username="clerk")
    response = client.post(reverse("login"), {"username": "clerk", "password": "correct horse battery"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_sessions_expire(settings, client):
    UserFactory(username="clerk")
    client.post(reverse("login"), {"username": "clerk", "password": "correct horse battery"})
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert client.session.get_expire_at_browser_close()
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 60 * 60


def test_weak_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("12345678")


def test_pages_send_security_headers_and_have_no_inline_scripts(client):
    call_command("load_demo")
    client.force_login(UserFactory(username="head", is_superuser=True))
    for url in ["/", "/partners/", "/meetings/", "/articles/", reverse("login"), "/admin/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        html = response.content.decode()
        inline = [s for s in re.findall(r"<script\b[^>]*>", html) if "src=" not in s and "json" not in s]
        assert inline == [], f"{url} has inline scripts: {inline}"
        assert not re.search(r"\son[a-z]+=\"", html), f"{url} has inline event handlers"

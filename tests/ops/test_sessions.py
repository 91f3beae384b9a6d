"""ops.sessions: sessions in the database, read from the cache, and a cache failure that costs
only the cache."""
import datetime

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached_sessions(settings):
    settings.SESSION_ENGINE = "ops.sessions"
    settings.SESSION_CACHE_SECONDS = 60


def logged_in_client():
    client = Client()
    client.force_login(UserFactory(username="staff"))
    return client


def test_a_page_seen_again_reads_no_database(cached_sessions, django_assert_num_queries):
    client = logged_in_client()
    assert client.get("/partners/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/partners/").status_code == 200


def test_the_session_is_read_from_the_database_when_the_cache_lost_it(cached_sessions):
    client = logged_in_client()
    cache.clear()
    assert client.get("/partners/").status_code == 200


def test_a_logout_whose_cache_delete_failed_is_forgotten_within_the_cache_time(cached_sessions, monkeypatch):
    client = logged_in_client()
    assert client.get("/partners/").status_code == 200
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "delete", unreachable)
    assert client.post("/accounts/logout/").status_code == 302  # the logout itself succeeds
    monkeypatch.undo()

    stale = Client()
    stale.cookies[django_settings.SESSION_COOKIE_NAME] = cookie
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=61)):
        response = stale.get("/partners/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

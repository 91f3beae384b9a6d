import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_the_database_and_the_broker_without_login(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "not configured"}


def test_healthz_keeps_the_app_in_rotation_when_the_broker_is_down(client, settings, monkeypatch):
    from config.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)  # Celery's conf.broker_url prefers it (CI sets it)
    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 200
    assert response.json()["broker"] == "down"


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    from django.db import DatabaseError

    class Unreachable:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr("ops.health.connection", Unreachable())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_uploaded_files_are_only_for_logged_in_staff(client, settings, tmp_path):
    from tests.factories import UserFactory

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "signed.pdf").write_bytes(b"%PDF-1.4 signed")
    anonymous = client.get("/media/agreements/signed.pdf")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(UserFactory())
    response = client.get("/media/agreements/signed.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 signed"
    assert client.get("/media/../config/settings/base.py").status_code == 404
    assert client.get("/media/agreements/missing.pdf").status_code == 404

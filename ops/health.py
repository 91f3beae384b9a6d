"""Health of the services the app depends on, for a load balancer and for humans."""
from django.conf import settings
from django.db import DatabaseError, connection


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "down"
    return "ok"


def broker_status(timeout: float = 1.0) -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "not configured"
    from kombu import Connection

    from config.celery import app

    try:
        # A fresh connection, not one from the pool: the question is whether the broker answers now.
        with Connection(app.conf.broker_url, connect_timeout=timeout) as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
    except Exception:  # noqa: BLE001 — any failure to reach the broker means "down" here
        return "down"
    return "ok"

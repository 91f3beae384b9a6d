"""Skipping tests whose real service is absent, except in CI where the service must be there."""
import os
import socket

import pytest
from django.db import connection


def require(condition: bool, reason: str):
    """Skip with the reason when the service is missing; fail instead when REQUIRE_SERVICES is set
    (as .ci/run does), so that CI never goes green by skipping what it must test."""
    if condition:
        return
    if os.environ.get("REQUIRE_SERVICES"):
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


def port_open(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def require_postgresql():
    require(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL=postgres://…")

"""The app's PostgreSQL connections are set up for short web queries."""
from django.db import connection

from tests.services import require_postgresql


def test_connections_run_without_parallel_query(db):
    # A parallel worker's start-up doubled the admin's search of a common participant name.
    require_postgresql()
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"

"""Trigram indexes on the other folded columns the search box ORs with the indexed ones
(meeting place, person title, article publisher): without them each OR falls back to a
sequential scan of the whole table (100,000 articles)."""
from django.db import migrations

INDEXES = [
    ("dash_meeting_place_trgm", "meetings_meeting", "place"),
    ("dash_person_current_title_trgm", "meetings_person", "current_title"),
    ("dash_article_publisher_trgm", "meetings_sourcearticle", "publisher"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (lower(hn_unaccent({column})) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0001_search"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]

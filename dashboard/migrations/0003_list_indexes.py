"""Indexes for the dashboard lists, on other apps' tables (kept out of their models, like the
search indexes of 0001/0002):

- partner localities by English name: the partner list is sorted by it, and without an index
  PostgreSQL joined and sorted all 3,000 partnerships (15 ms) to show 25; with it, it reads the
  first names in order (an incremental sort, under 1 ms);
- trigram indexes on the folded user names, for the milestone list's owner filter (words of a
  user name or full name): without them every filter folded the names of all 5,000 users (30 ms).
"""
from django.db import migrations

TRIGRAM_INDEXES = [
    ("dash_user_username_trgm", "auth_user", "username"),
    ("dash_user_first_name_trgm", "auth_user", "first_name"),
    ("dash_user_last_name_trgm", "auth_user", "last_name"),
]


def create_indexes(apps, schema_editor):
    schema_editor.execute("CREATE INDEX IF NOT EXISTS dash_locality_name_en ON partnerships_locality (name_en)")
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (lower(hn_unaccent({column})) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS dash_locality_name_en")
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0002_search_other_columns"),
        ("partnerships", "0006_list_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]

"""Accent-insensitive search on PostgreSQL: the unaccent and pg_trgm extensions, an
IMMUTABLE folding function (unaccent() itself is only STABLE, so it cannot be indexed) and
trigram GIN indexes on the folded columns the search box looks at.

Every step is a no-op on SQLite, where dashboard.search registers hn_fold() per connection.
"""
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# translate() makes đ/Đ → d explicit: older unaccent.rules files did not all carry it.
FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION hn_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$ SELECT translate(public.unaccent('public.unaccent'::regdictionary, $1), 'đĐ', 'dD') $$;
"""

# (index name, table, expression)
INDEXES = [
    ("dash_locality_name_vi_trgm", "partnerships_locality", "name_vi"),
    ("dash_locality_name_en_trgm", "partnerships_locality", "name_en"),
    ("dash_locality_aliases_trgm", "partnerships_locality", "(aliases)::text"),
    ("dash_person_full_name_trgm", "meetings_person", "full_name"),
    ("dash_meeting_title_trgm", "meetings_meeting", "title"),
    ("dash_agreement_title_trgm", "partnerships_agreement", "title"),
    ("dash_article_title_trgm", "meetings_sourcearticle", "title"),
]


def create_search_objects(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION_SQL)
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (lower(hn_unaccent({column})) gin_trgm_ops)"
        )


def drop_search_objects(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("DROP FUNCTION IF EXISTS hn_unaccent(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0002_standard_areas"),
        ("meetings", "0002_initial"),
    ]

    operations = [
        # CreateExtension already does nothing on other databases.
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create_search_objects, drop_search_objects, elidable=False),
    ]

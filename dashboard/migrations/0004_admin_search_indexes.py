"""Trigram indexes on the folded columns the admin search boxes look at that had none
(ops.changelists.FoldedSearchMixin): without them a search folds every row of the table, e.g.
the 300,000 participations' titles at the time or the 100,000 meeting summaries. Localities,
organizations and document titles are small tables, indexed so that their or-ed columns are
all read from indexes.

Plus the participations by person with their meeting and their own id, so that a meeting or a
participation found by a person's name is read from the index alone: "nguyen" names 674 of the
20,000 people and 13,000 participations, which PostgreSQL otherwise found by reading all
300,000 (90 ms)."""
from django.db import migrations

INDEXES = [
    ("dash_meeting_summary_trgm", "meetings_meeting", "summary"),
    ("dash_participation_title_trgm", "meetings_participation", "title_at_time"),
    ("dash_article_url_trgm", "meetings_sourcearticle", "url"),
    ("dash_article_summary_trgm", "meetings_sourcearticle", "summary"),
    ("dash_milestone_title_trgm", "partnerships_milestone", "title"),
    ("dash_agreement_signatories_trgm", "partnerships_agreement", "signatories"),
    ("dash_agreementdocument_title_trgm", "partnerships_agreementdocument", "title"),
    ("dash_locality_wikidata_trgm", "partnerships_locality", "wikidata_id"),
    ("dash_organization_name_vi_trgm", "partnerships_organization", "name_vi"),
    ("dash_organization_name_en_trgm", "partnerships_organization", "name_en"),
    ("dash_organization_abbreviation_trgm", "partnerships_organization", "abbreviation"),
    ("dash_user_email_trgm", "auth_user", "email"),
]

PARTICIPATION_BY_PERSON = "dash_participation_person_meeting"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (lower(hn_unaccent({column})) gin_trgm_ops)"
        )
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {PARTICIPATION_BY_PERSON} ON meetings_participation "
                          f"(person_id, meeting_id) INCLUDE (id)")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {PARTICIPATION_BY_PERSON}")


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0003_list_indexes"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]

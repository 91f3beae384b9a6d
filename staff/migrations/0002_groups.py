"""The three staff roles as groups.

viewer: read only. editor: also advances agreement stages, completes/snoozes milestones and
reviews articles. administrator: every permission of the domain apps, for the Django admin.
Models added by later migrations get their permissions by re-running ``sync_role_groups``
(staff/roles.py) from those migrations or from ``load_demo``.
"""
from django.db import migrations

from staff.roles import sync_role_groups


def forwards(apps, schema_editor):
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partnerships", "0003_agreement_workflow"),
        ("meetings", "0002_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

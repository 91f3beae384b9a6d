from django.db import migrations

from partnerships.areas import ensure_standard_areas


def add_standard_areas(apps, schema_editor):
    ensure_standard_areas(apps.get_model("partnerships", "CooperationArea"))


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]
    operations = [migrations.RunPython(add_standard_areas, migrations.RunPython.noop)]

from django.db import migrations

from partnerships.areas import STANDARD_AREAS


def add_standard_areas(apps, schema_editor):
    CooperationArea = apps.get_model("partnerships", "CooperationArea")
    for slug, name_vi, name_en in STANDARD_AREAS:
        CooperationArea.objects.get_or_create(slug=slug, defaults={"name_vi": name_vi, "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]
    operations = [migrations.RunPython(add_standard_areas, migrations.RunPython.noop)]

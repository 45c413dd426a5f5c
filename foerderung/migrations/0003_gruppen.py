"""The staff groups „Förderreferat“, „Jury“ and „Redaktion“ with their rights (the lists are in
portal/permissions.py; every later migrate brings the groups up to date with them)."""

from django.db import migrations

from portal.permissions import gruppen_einrichten


def einrichten(apps, schema_editor):
    gruppen_einrichten(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0001_initial"),
        ("kontakte", "0003_organisationen_personen_plattform"),
        ("buendnisse", "0001_initial"),
        ("foerderung", "0002_antraege"),
    ]

    operations = [migrations.RunPython(einrichten, migrations.RunPython.noop)]

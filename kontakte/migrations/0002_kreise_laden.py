"""Load the 44 Stadt- und Landkreise from kontakte/data/kreise-bw.csv (Destatis, CC BY 4.0)."""

from django.db import migrations

from kontakte import kreise


def load(apps, schema_editor):
    kreise.laden(apps.get_model("kontakte", "Kreis"))


class Migration(migrations.Migration):
    dependencies = [("kontakte", "0001_kreis")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

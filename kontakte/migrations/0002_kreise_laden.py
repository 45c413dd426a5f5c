"""Load the 44 Stadt- und Landkreise from kontakte/data/kreise-bw.csv (Destatis, CC BY 4.0)."""

import csv
from decimal import Decimal
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "data" / "kreise-bw.csv"
UMLAUTE = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def load(apps, schema_editor):
    Kreis = apps.get_model("kontakte", "Kreis")
    with DATA.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            Kreis.objects.update_or_create(
                schluessel=row["ags"],
                defaults={
                    "art": row["art"],
                    "name": row["name"],
                    "slug": slugify(f"{row['art']} {row['name']}".translate(UMLAUTE)),
                    "regierungsbezirk": row["regierungsbezirk"],
                    "nuts3": row["nuts3"],
                    "flaeche_km2": Decimal(row["flaeche_km2"]),
                    "einwohner": int(row["einwohner"]),
                },
            )


class Migration(migrations.Migration):
    dependencies = [("kontakte", "0001_kreis")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

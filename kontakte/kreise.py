"""The 44 Stadt- und Landkreise as shipped data: kontakte/data/kreise-bw.csv (Destatis,
CC BY 4.0). Loaded by a data migration, and again by the demo data and the tests when a
flushed database has lost them."""

import csv
from decimal import Decimal
from pathlib import Path

from django.utils.text import slugify

DATA = Path(__file__).resolve().parent / "data" / "kreise-bw.csv"
ANZAHL = 44
UMLAUTE = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def laden(Kreis) -> None:
    """Create or update the rows; takes the model class (a migration passes its historical one)."""
    if Kreis.objects.count() == ANZAHL:
        return
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

import csv
from decimal import Decimal

import pytest
from django.conf import settings

from kontakte.models import Kreis

pytestmark = pytest.mark.django_db

REGIERUNGSBEZIRK_NACH_SCHLUESSEL = {
    "081": "Stuttgart",
    "082": "Karlsruhe",
    "083": "Freiburg",
    "084": "Tübingen",
}


def test_all_44_districts_are_there_with_key_and_regierungsbezirk():
    kreise = list(Kreis.objects.all())
    assert len(kreise) == 44
    assert sum(k.art == Kreis.Art.STADTKREIS for k in kreise) == 9
    for kreis in kreise:
        assert kreis.regierungsbezirk == REGIERUNGSBEZIRK_NACH_SCHLUESSEL[kreis.schluessel[:3]], (
            kreis
        )


def test_figures_match_the_shipped_source():
    with (settings.BASE_DIR / "kontakte" / "data" / "kreise-bw.csv").open(
        encoding="utf-8"
    ) as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    for row in rows:
        kreis = Kreis.objects.get(schluessel=row["ags"])
        assert (kreis.name, kreis.einwohner, kreis.flaeche_km2, kreis.nuts3) == (
            row["name"],
            int(row["einwohner"]),
            Decimal(row["flaeche_km2"]),
            row["nuts3"],
        )


def test_districts_of_the_same_name_are_told_apart():
    stadt = Kreis.objects.get(schluessel="08121")
    land = Kreis.objects.get(schluessel="08125")
    assert (str(stadt), stadt.slug) == ("Stadtkreis Heilbronn", "stadtkreis-heilbronn")
    assert (str(land), land.slug) == ("Landkreis Heilbronn", "landkreis-heilbronn")
    assert Kreis.objects.get(schluessel="08118").slug == "landkreis-ludwigsburg"


@pytest.mark.parametrize(
    ("persona", "can_change"), [("programme_staff", False), ("superuser", True)]
)
def test_only_superusers_edit_district_data(client_for, persona, can_change):
    kreis = Kreis.objects.get(schluessel="08111")
    client = client_for(persona)
    assert client.get("/admin/kontakte/kreis/").status_code == 200
    response = client.post(
        f"/admin/kontakte/kreis/{kreis.pk}/change/",
        {
            "schluessel": "08111",
            "art": "Stadtkreis",
            "name": "Umbenannt",
            "slug": "stadtkreis-stuttgart",
            "regierungsbezirk": "Stuttgart",
            "nuts3": "DE111",
            "flaeche_km2": "207.33",
            "einwohner": "1",
        },
    )
    kreis.refresh_from_db()
    assert (kreis.name == "Umbenannt") is can_change
    assert response.status_code == (302 if can_change else 403)

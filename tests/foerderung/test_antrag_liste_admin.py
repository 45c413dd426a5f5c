"""The Förderreferat's list of applications: columns, filters, search, exports."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from foerderung.models import Antrag
from kontakte.models import Organisation

pytestmark = pytest.mark.django_db

LISTE = "/admin/foerderung/antrag/"


@pytest.fixture
def drei(make_antrag, make_kommune, make_ausschreibung, foerderreferat):
    ausschreibung = make_ausschreibung()
    ludwigsburg = make_antrag(ausschreibung=ausschreibung, eingereicht=True)
    freiburg = make_antrag(
        ausschreibung=ausschreibung,
        organisation=make_kommune("Stadt Freiburg", "stadtkreis-freiburg-im-breisgau")[0],
        eingereicht=True,
    )
    freiburg.rueckfrage_stellen(foerderreferat, "Wer moderiert?")
    landkreis = make_antrag(
        ausschreibung=ausschreibung,
        organisation=make_kommune(
            "Landkreis Tübingen", "landkreis-tuebingen", art=Organisation.Art.LANDKREIS
        )[0],
        eingereicht=True,
    )
    landkreis.uebergang(Antrag.Status.IN_PRUEFUNG, foerderreferat)
    landkreis.entscheiden(Antrag.Status.BEWILLIGT, foerderreferat, None, "Gut.")
    landkreis.uebergang(Antrag.Status.NACHWEIS_FAELLIG, None)
    Antrag.objects.filter(pk=landkreis.pk).update(
        nachweis_faellig_am=datetime.date.today() - datetime.timedelta(days=3)
    )
    return ludwigsburg, freiburg, landkreis


def _namen(client, query: str) -> list[str]:
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"{LISTE}csv/{query}").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    return sorted(row[1] for row in rows[1:])


@pytest.mark.parametrize(
    ("query", "erwartet"),
    [
        ("", ["Landkreis Tübingen", "Stadt Freiburg", "Stadt Ludwigsburg"]),
        ("?rueckfrage=offen", ["Stadt Freiburg"]),
        ("?nachweis=ueberfaellig", ["Landkreis Tübingen"]),
        ("?organisation__art__exact=landkreis", ["Landkreis Tübingen"]),
        ("?organisation__kreis__regierungsbezirk__exact=Freiburg", ["Stadt Freiburg"]),
        ("?q=Freiburg", ["Stadt Freiburg"]),
        ("?q=Rathaus", []),  # the place is not searched, the description is
        ("?q=Moderation", ["Landkreis Tübingen", "Stadt Freiburg", "Stadt Ludwigsburg"]),
    ],
)
def test_filters_and_search(client_for, drei, query, erwartet):
    staff = client_for("foerderreferat")
    assert _namen(staff, query) == erwartet
    assert staff.get(f"{LISTE}{query}").status_code == 200


def test_list_shows_sums_and_days_waiting(client_for, drei):
    page = client_for("foerderreferat").get(LISTE)
    assert "2.500 €" in page.text
    assert "heute" in page.text  # submitted today, waiting for review
    assert f'href="{LISTE}csv/?"' in page.text


def test_xlsx_export_has_the_filtered_rows_with_numbers(client_for, drei):
    response = client_for("foerderreferat").get(f"{LISTE}xlsx/?status__exact=nachweis_faellig")
    zeilen = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert zeilen[0][0] == "Aktenzeichen"
    assert len(zeilen) == 2
    zeile = dict(zip(zeilen[0], zeilen[1], strict=True))
    assert zeile["Organisation"] == "Landkreis Tübingen"
    assert zeile["Bewilligt"] == Decimal("2500") or zeile["Bewilligt"] == 2500
    assert isinstance(zeile["Eingereicht am"], datetime.datetime)


def test_exports_are_for_the_foerderreferat_only(client_for, drei):
    assert client_for("programme_staff").get(f"{LISTE}csv/").status_code == 403
    assert client_for("citizen").get(f"{LISTE}xlsx/").status_code == 302


def test_list_query_count_is_flat(client_for, make_antrag, make_ausschreibung, make_kommune):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = client_for("foerderreferat")
    make_antrag(eingereicht=True)
    staff.get(LISTE)
    with CaptureQueriesContext(connection) as eine:
        staff.get(LISTE)
    for nummer in range(4):
        make_antrag(
            ausschreibung=make_ausschreibung(),
            organisation=make_kommune(f"Gemeinde {nummer}")[0],
            eingereicht=True,
        )
    with CaptureQueriesContext(connection) as fuenf:
        assert staff.get(LISTE).status_code == 200
    assert len(fuenf) == len(eine)

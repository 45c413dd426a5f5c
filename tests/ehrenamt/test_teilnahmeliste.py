"""Attendance lists of trainings as PDFs made in the background: by the coordination for a
training of its own Kreis, by the staff in the admin for several at once."""

import hashlib
import io

import pytest
from django.test import Client
from pypdf import PdfReader

from ehrenamt.models import Schulung
from portal.models import Export

pytestmark = pytest.mark.django_db

KOORDINATION = "/ehrenamt/koordination/schulungen/"


def _url(schulung: Schulung) -> str:
    return f"{KOORDINATION}{schulung.pk}/teilnahmeliste/"


@pytest.fixture
def anfordern(django_capture_on_commit_callbacks):
    """POST as the client; the queued rendering runs when the request commits, as the worker
    would right after it."""

    def post(client: Client, url: str, daten=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, daten or {}, **kwargs)

    return post


@pytest.fixture
def koordination(client_for):
    return client_for("volunteer_coordinator")


def _inhalt(export: Export) -> bytes:
    with export.datei.open("rb") as datei:
        return datei.read()


def _seiten(inhalt: bytes) -> list[str]:
    """Each page's text, with line breaks as spaces."""
    return [" ".join(seite.extract_text().split()) for seite in PdfReader(io.BytesIO(inhalt)).pages]


def test_the_coordination_gets_the_attendance_list_as_an_export(
    koordination, volunteer_coordinator, make_schulung, make_ehrenamtliche, anfordern
):
    schulung = make_schulung(titel="Asylrecht kompakt", kapazitaet=2)
    schulung.anmelden(make_ehrenamtliche(vorname="Anna", nachname="Angemeldet"))
    schulung.anmelden(make_ehrenamtliche(vorname="Bernd", nachname="Böhm"))
    schulung.anmelden(make_ehrenamtliche(vorname="Wanda", nachname="Wartend"))

    response = anfordern(koordination, _url(schulung))

    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == export.get_absolute_url()
    assert export.stand == Export.Stand.FERTIG, export.fehler
    assert export.quelle == schulung and export.angefordert_von == volunteer_coordinator
    assert export.titel == "Teilnahmeliste: Asylrecht kompakt"
    assert export.dateiname == f"teilnahmeliste-{schulung.slug}"
    assert export.zurueck == f"{KOORDINATION}{schulung.pk}/"
    inhalt = _inhalt(export)
    assert export.groesse == len(inhalt) > 5_000
    assert export.sha256 == hashlib.sha256(inhalt).hexdigest()
    text = " ".join(_seiten(inhalt))
    assert "Teilnahmeliste Asylrecht kompakt" in text
    assert "1 Anna Angemeldet" in text and "2 Bernd Böhm" in text
    assert "Wartend" not in text
    assert "Seite 1 von 1" in text
    page = koordination.get(export.get_absolute_url()).content.decode()
    assert "Das PDF ist fertig" in page and export.sha256 in page


def test_a_long_list_breaks_across_pages_with_the_header_row_on_each(
    koordination, make_schulung, make_ehrenamtliche, anfordern
):
    schulung = make_schulung(kapazitaet=40)
    for nummer in range(40):
        schulung.anmelden(make_ehrenamtliche(vorname="Vorname", nachname=f"Person{nummer:02}"))

    anfordern(koordination, _url(schulung))

    export = Export.objects.get()
    seiten = _seiten(_inhalt(export))
    assert export.seiten == len(seiten) >= 2
    for nummer, seite in enumerate(seiten, 1):
        assert f"Seite {nummer} von {export.seiten}" in seite
        assert "Nr. Name Unterschrift" in seite
    assert "Person00" in seiten[0] and "Person39" in seiten[-1]


def test_the_training_page_offers_the_list_as_a_form(koordination, make_schulung):
    schulung = make_schulung()

    page = koordination.get(f"{KOORDINATION}{schulung.pk}/").content.decode()

    assert f'<form method="post" action="{_url(schulung)}">' in page
    assert "Teilnahmeliste zum Unterschreiben (PDF)</button>" in page


def test_visitors_are_sent_to_sign_in_and_nothing_is_queued(client, make_schulung, anfordern):
    response = anfordern(client, _url(make_schulung()))

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert not Export.objects.exists()


def test_the_list_is_asked_for_with_a_post(koordination, make_schulung):
    assert koordination.get(_url(make_schulung())).status_code == 405


@pytest.mark.parametrize("persona", ["citizen", "volunteer", "programme_staff"])
def test_who_coordinates_no_kreis_is_refused(client_for, make_schulung, anfordern, persona):
    response = anfordern(client_for(persona), _url(make_schulung()))

    assert response.status_code == 403
    assert not Export.objects.exists()


def test_the_coordination_of_another_kreis_gets_404(
    client, volunteer_coordinator_b, make_schulung, anfordern
):
    client.force_login(volunteer_coordinator_b)

    assert anfordern(client, _url(make_schulung())).status_code == 404
    assert anfordern(client, _url(make_schulung(kreis=None))).status_code == 404
    assert not Export.objects.exists()


def test_nobody_else_sees_the_export(koordination, client_for, make_schulung, anfordern):
    anfordern(koordination, _url(make_schulung()))
    export = Export.objects.get()

    for persona in ["volunteer_coordinator_b", "citizen", "superuser"]:
        andere = client_for(persona)
        assert andere.get(export.get_absolute_url()).status_code == 404
        assert andere.get(export.get_download_url()).status_code == 404


def test_five_open_exports_are_enough(
    koordination, volunteer_coordinator, make_schulung, anfordern
):
    schulung = make_schulung()
    for _ in range(Export.HOECHSTENS_OFFEN):
        Export.objects.create(
            art="teilnahmeliste",
            titel="Teilnahmeliste",
            dateiname="t",
            quelle=schulung,
            angefordert_von=volunteer_coordinator,
        )

    response = anfordern(koordination, _url(schulung), follow=True)

    assert response.redirect_chain == [(f"{KOORDINATION}{schulung.pk}/", 302)]
    assert "Sie haben bereits 5 Exporte in Arbeit" in response.content.decode()
    assert Export.objects.count() == Export.HOECHSTENS_OFFEN


# --- the admin ---


def test_staff_get_the_lists_of_several_trainings_in_one_export(
    client_for, programme_staff, make_schulung, make_ehrenamtliche, anfordern
):
    spaeter = make_schulung(titel="Zweite Schulung", kreis=None)
    spaeter.anmelden(make_ehrenamtliche(vorname="Zora", nachname="Zweite"))
    frueher = make_schulung(
        titel="Erste Schulung", kreis=None, beginn=spaeter.beginn.replace(year=2020)
    )
    frueher.anmelden(make_ehrenamtliche(vorname="Emil", nachname="Erster"))

    response = anfordern(
        client_for("programme_staff"),
        "/admin/ehrenamt/schulung/",
        {"action": "teilnahmeliste", "_selected_action": [spaeter.pk, frueher.pk]},
    )

    export = Export.objects.get()
    assert response["Location"] == export.get_absolute_url()
    assert export.quelle == frueher and export.angefordert_von == programme_staff
    assert export.parameter == {"schulungen": [frueher.pk, spaeter.pk]}
    assert export.titel == "Teilnahmelisten von 2 Schulungen"
    seiten = _seiten(_inhalt(export))
    assert len(seiten) == 2  # each training starts on a new page, earliest first
    assert "Erste Schulung" in seiten[0] and "Emil Erster" in seiten[0]
    assert "Zweite Schulung" in seiten[1] and "Zora Zweite" in seiten[1]
    assert "Landesweit" in seiten[0]


def test_the_admin_says_when_the_queue_is_full(
    client_for, programme_staff, make_schulung, anfordern
):
    schulung = make_schulung(kreis=None)
    for _ in range(Export.HOECHSTENS_OFFEN):
        Export.objects.create(
            art="teilnahmeliste",
            titel="Teilnahmeliste",
            dateiname="t",
            quelle=schulung,
            angefordert_von=programme_staff,
        )

    response = anfordern(
        client_for("programme_staff"),
        "/admin/ehrenamt/schulung/",
        {"action": "teilnahmeliste", "_selected_action": [schulung.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Sie haben bereits 5 Exporte in Arbeit" in response.content.decode()
    assert Export.objects.count() == Export.HOECHSTENS_OFFEN

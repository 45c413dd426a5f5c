"""The alliances of a Kreis as a PDF, made in the background from the list's filter."""

import hashlib
import io

import pytest
from pypdf import PdfReader

from buendnisse.models import Buendnis
from kontakte.models import Kreis
from portal.models import Export

pytestmark = pytest.mark.django_db

URL = "/buendnisse/pdf/"
LUDWIGSBURG = "landkreis-ludwigsburg"


@pytest.fixture
def exportieren(django_capture_on_commit_callbacks):
    """POST the export as the client; the queued rendering runs when the request commits, as
    the worker would right after it."""

    def post(client, daten: dict, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, daten, **kwargs)

    return post


def _inhalt(export: Export) -> bytes:
    with export.datei.open("rb") as datei:
        return datei.read()


def _seiten(inhalt: bytes) -> list[str]:
    """Each page's text, with line breaks as spaces."""
    return [" ".join(seite.extract_text().split()) for seite in PdfReader(io.BytesIO(inhalt)).pages]


@pytest.fixture
def buendnisse(make_buendnis, make_organisation, make_person, make_foerderrunde):
    """Two public alliances in the Landkreis Ludwigsburg, a hidden one, one in Esslingen."""
    traeger = make_organisation("Stadt Ludwigsburg", kreis=LUDWIGSBURG)
    willkommen = make_buendnis(
        "Bündnis Willkommen in Ludwigsburg",
        traeger=traeger,
        gemeinden="Ludwigsburg, Kornwestheim",
        foerderrunde=make_foerderrunde(runde=2, tranche=2, jahr=2016),
    )
    willkommen.ansprechpersonen.add(
        make_person(
            traeger,
            vorname="Anja",
            nachname="Widmann",
            telefon="07141 910-3124",
            email="a.widmann@ludwigsburg.example",
        )
    )
    make_buendnis(
        "Netzwerk Asyl Bietigheim",
        gemeinden="Bietigheim-Bissingen",
        foerderrunde=make_foerderrunde(runde=3, jahr=2017),
        status=Buendnis.Status.ABGESCHLOSSEN,
    )
    make_buendnis("Verborgenes Bündnis", oeffentlich=False)
    make_buendnis("Netzwerk Asyl Esslingen", kreis="landkreis-esslingen")
    return willkommen


def test_a_signed_in_user_gets_the_alliances_of_a_kreis_as_pdf(
    client_for, citizen, buendnisse, exportieren
):
    response = exportieren(client_for("citizen"), {"kreis": LUDWIGSBURG})

    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == export.get_absolute_url()
    assert export.stand == Export.Stand.FERTIG, export.fehler
    assert export.angefordert_von == citizen
    assert export.quelle == Kreis.objects.get(slug=LUDWIGSBURG)
    assert export.titel == "Lokale Bündnisse im Landkreis Ludwigsburg"
    assert export.zurueck == f"/buendnisse/?kreis={LUDWIGSBURG}"
    inhalt = _inhalt(export)
    assert export.groesse == len(inhalt) > 5_000
    assert export.sha256 == hashlib.sha256(inhalt).hexdigest()
    text = " ".join(_seiten(inhalt))
    for erwartet in [
        "Lokale Bündnisse im Landkreis Ludwigsburg",
        "Bündnis Willkommen in Ludwigsburg",
        "Stadt Ludwigsburg",
        "Ludwigsburg, Kornwestheim",
        "Gemeinsam in Vielfalt II, 2. Tranche (2016)",
        "15.11.2016–15.12.2017 · 15.000 €",
        "Frau Anja Widmann",
        "Telefon 07141 910-3124",
        "Netzwerk Asyl Bietigheim",
        "Abgeschlossen",
        "Gemeinsam in Vielfalt III (2017)",
        "2 Bündnisse",
        "Seite 1 von 1",
    ]:
        assert erwartet in text
    assert "Verborgenes" not in text and "Esslingen" not in text
    # The site shows no e-mail address as text; only a list made by staff carries them.
    assert "@" not in text


def test_the_pdf_takes_the_lists_other_filters_and_order(client_for, buendnisse, exportieren):
    exportieren(
        client_for("citizen"),
        {"kreis": LUDWIGSBURG, "status": "abgeschlossen", "sortierung": "-name", "page": "2"},
    )

    export = Export.objects.get()
    assert export.parameter == {
        "status": "abgeschlossen",
        "sortierung": "-name",
        "mit_email": False,
    }
    text = " ".join(_seiten(_inhalt(export)))
    assert "Netzwerk Asyl Bietigheim" in text and "Willkommen" not in text
    assert "Auswahl: Status: Abgeschlossen" in text
    assert "1 Bündnis" in text


def test_a_long_list_breaks_across_pages_with_the_header_row_on_each(
    client_for, make_buendnis, exportieren
):
    for nummer in range(30):
        make_buendnis(f"Lokales Bündnis {nummer:02}", gemeinden="Ludwigsburg, Kornwestheim")

    exportieren(client_for("citizen"), {"kreis": LUDWIGSBURG, "sortierung": "name"})

    export = Export.objects.get()
    seiten = _seiten(_inhalt(export))
    assert export.seiten == len(seiten) >= 2
    for nummer, seite in enumerate(seiten, 1):
        assert f"Seite {nummer} von {export.seiten}" in seite
        assert "Bündnis Träger Gemeinden Förderrunde Kontakt" in seite
    assert "Lokales Bündnis 00" in seiten[0] and "Lokales Bündnis 29" in seiten[-1]


def test_visitors_are_sent_to_sign_in_and_nothing_is_queued(client, buendnisse, exportieren):
    response = exportieren(client, {"kreis": LUDWIGSBURG})

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert not Export.objects.exists()


def test_the_export_is_a_post(client_for):
    assert client_for("citizen").get(URL).status_code == 405


def test_nobody_else_sees_the_export(client_for, buendnisse, exportieren):
    exportieren(client_for("alliance_coordinator"), {"kreis": LUDWIGSBURG})
    export = Export.objects.get()

    for persona in ["citizen", "municipality_a", "superuser"]:
        andere = client_for(persona)
        assert andere.get(export.get_absolute_url()).status_code == 404
        assert andere.get(export.get_download_url()).status_code == 404
    eigene = client_for("alliance_coordinator")
    assert eigene.get(export.get_absolute_url()).status_code == 200
    assert eigene.get(export.get_download_url())["Content-Type"] == "application/pdf"


def test_without_a_kreis_the_user_is_asked_to_choose_one(client_for, buendnisse, exportieren):
    response = exportieren(client_for("citizen"), {"regierungsbezirk": "Stuttgart"}, follow=True)

    assert response.redirect_chain == [("/buendnisse/?regierungsbezirk=Stuttgart", 302)]
    assert "Bitte wählen Sie einen Kreis" in response.content.decode()
    assert not Export.objects.exists()


@pytest.mark.parametrize(
    "daten",
    [
        {"kreis": "atlantis"},
        {"kreis": LUDWIGSBURG, "runde": "<script>alert(1)</script>"},
        {"kreis": LUDWIGSBURG, "jahr": "zweitausend"},
        {"kreis": LUDWIGSBURG, "sortierung": "passwort"},
        {"kreis": LUDWIGSBURG, "q": "x" * 5000},
    ],
)
def test_bad_filter_values_give_a_german_message_and_queue_nothing(
    client_for, buendnisse, exportieren, daten
):
    response = exportieren(client_for("citizen"), daten, follow=True)

    assert response.status_code == 200
    seite = response.content.decode()
    assert "Die Liste der Bündnisse wurde nicht erstellt: Bitte prüfen Sie Ihre Auswahl." in seite
    assert "<script>alert(1)" not in seite
    assert len(response.redirect_chain[0][0]) < 600  # the address back stays short
    assert not Export.objects.exists()


def test_five_open_exports_are_enough(client_for, citizen, buendnisse, exportieren):
    for _ in range(Export.HOECHSTENS_OFFEN):
        Export.objects.create(
            art="buendnisliste",
            titel="Bündnisse",
            dateiname="b",
            quelle=buendnisse.kreis,
            angefordert_von=citizen,
        )

    response = exportieren(client_for("citizen"), {"kreis": LUDWIGSBURG}, follow=True)

    assert "Sie haben bereits 5 Exporte in Arbeit" in response.content.decode()
    assert Export.objects.count() == Export.HOECHSTENS_OFFEN


def test_pdf_is_no_alliances_address():
    buendnis = Buendnis(slug="pdf")
    with pytest.raises(Exception, match="für eine Seite des Portals vergeben"):
        buendnis.clean()


# --- the button on the list ---


def test_the_list_offers_the_export_with_the_current_filter(client_for, buendnisse):
    html = (
        client_for("citizen")
        .get(f"/buendnisse/?kreis={LUDWIGSBURG}&status=laufend&page=1")
        .content.decode()
    )

    assert f'action="{URL}"' in html and "Als PDF exportieren" in html
    assert f'<input type="hidden" name="kreis" value="{LUDWIGSBURG}">' in html
    assert '<input type="hidden" name="status" value="laufend">' in html
    assert 'type="hidden" name="page"' not in html


def test_the_list_asks_for_a_kreis_before_offering_the_export(client_for, buendnisse):
    html = client_for("citizen").get("/buendnisse/").content.decode()

    assert "Als PDF exportieren" not in html
    assert "Als PDF gibt es die Bündnisse eines Kreises: Wählen Sie dazu oben einen Kreis." in html


def test_visitors_see_how_to_sign_in_instead_of_the_button(client, buendnisse):
    html = client.get(f"/buendnisse/?kreis={LUDWIGSBURG}").content.decode()

    assert "Als PDF exportieren" not in html
    assert f"/konto/login/?next=/buendnisse/%3Fkreis%3D{LUDWIGSBURG}" in html

"""The contact list of a Kreis as a PDF, made in the background from the directory's filter."""

import hashlib
import io

import pikepdf
import pytest
from pypdf import PdfReader

from kontakte.models import Organisation
from portal.models import Export

pytestmark = pytest.mark.django_db

URL = "/kontakte/pdf/"
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
def ludwigsburg(make_organisation, make_person):
    """Two organisations in the Landkreis Ludwigsburg, one in Stuttgart, an internal contact."""
    stadt = make_organisation("Stadt Ludwigsburg", kreis=LUDWIGSBURG, telefon="07141 910-0")
    diakonie = make_organisation(
        "Diakonie Ludwigsburg", kreis=LUDWIGSBURG, art=Organisation.Art.WOHLFAHRTSVERBAND
    )
    make_person(
        stadt,
        vorname="Anja",
        nachname="Widmann",
        funktion="Integrationsbeauftragte",
        telefon="07141 910-3124",
        email="a.widmann@ludwigsburg.example",
        themen=["ehrenamt"],
    )
    make_person(diakonie, vorname="Jörg", nachname="Öztürk", anrede="Herr", funktion="Fachdienst")
    make_person(stadt, vorname="Ina", nachname="Intern", oeffentlich=False)
    make_person(make_organisation("Landeshauptstadt Stuttgart"), nachname="Stuttgarter")
    return stadt


def test_a_signed_in_user_gets_the_contacts_of_a_kreis_as_pdf(
    client_for, citizen, ludwigsburg, exportieren
):
    response = exportieren(client_for("citizen"), {"kreis": LUDWIGSBURG})

    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == export.get_absolute_url()
    assert export.stand == Export.Stand.FERTIG, export.fehler
    assert export.angefordert_von == citizen
    assert export.quelle.slug == LUDWIGSBURG
    assert export.titel == "Kontaktliste Landkreis Ludwigsburg"
    assert export.zurueck == f"/kontakte/?kreis={LUDWIGSBURG}"
    inhalt = _inhalt(export)
    assert export.groesse == len(inhalt) > 5_000
    assert export.sha256 == hashlib.sha256(inhalt).hexdigest()
    text = "\n".join(_seiten(inhalt))
    for erwartet in [
        "Kontaktliste Landkreis Ludwigsburg",
        "Stadt Ludwigsburg",
        "Telefon 07141 910-0",
        "Frau Anja Widmann",
        "Integrationsbeauftragte",
        "07141 910-3124",
        "Diakonie Ludwigsburg",
        "Herr Jörg Öztürk",
        "2 Ansprechpersonen in 2 Organisationen",
        "Seite 1 von 1",
    ]:
        assert erwartet in text
    assert "Intern" not in text and "Stuttgarter" not in text
    # The site shows no e-mail address as text; only a list made by staff carries them.
    assert "@" not in text


def test_the_pdf_is_tagged_and_german(client_for, ludwigsburg, exportieren):
    exportieren(client_for("citizen"), {"kreis": LUDWIGSBURG})

    with pikepdf.open(io.BytesIO(_inhalt(Export.objects.get()))) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang) == "de"


def test_the_pdf_takes_the_directorys_other_filters(client_for, ludwigsburg, exportieren):
    exportieren(
        client_for("citizen"),
        {"kreis": LUDWIGSBURG, "thema": "ehrenamt", "art": "kommune", "q": "widmann", "page": "3"},
    )

    export = Export.objects.get()
    assert export.parameter == {
        "q": "widmann",
        "art": "kommune",
        "thema": "ehrenamt",
        "mit_email": False,
    }
    text = "\n".join(_seiten(_inhalt(export)))
    assert "Widmann" in text and "Öztürk" not in text
    assert "Art der Organisation: Kommune" in text and "Thema: ehrenamt" in text
    assert "1 Ansprechperson in 1 Organisation" in text


def test_a_long_list_breaks_across_pages_with_the_header_row_on_each(
    client_for, make_organisation, make_person, exportieren
):
    for gemeinde in "AB":
        organisation = make_organisation(f"Gemeinde {gemeinde}", kreis=LUDWIGSBURG)
        for nummer in range(20):
            make_person(organisation, vorname="Vorname", nachname=f"Person{gemeinde}{nummer:02}")

    exportieren(client_for("citizen"), {"kreis": LUDWIGSBURG})

    export = Export.objects.get()
    seiten = _seiten(_inhalt(export))
    assert export.seiten == len(seiten) >= 2
    assert "40 Ansprechpersonen in 2 Organisationen" in seiten[0]
    for nummer, seite in enumerate(seiten, 1):
        assert f"Seite {nummer} von {export.seiten}" in seite
        assert "Name Funktion Telefon" in seite
    assert "PersonA00" in seiten[0] and "PersonB19" in seiten[-1]


def test_visitors_are_sent_to_sign_in_and_nothing_is_queued(client, ludwigsburg, exportieren):
    response = exportieren(client, {"kreis": LUDWIGSBURG})

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert not Export.objects.exists()


def test_the_export_is_a_post(client_for):
    assert client_for("citizen").get(URL).status_code == 405


def test_nobody_else_sees_the_export(client_for, ludwigsburg, exportieren):
    exportieren(client_for("citizen"), {"kreis": LUDWIGSBURG})
    export = Export.objects.get()

    for persona in ["municipality_a", "volunteer_coordinator", "superuser"]:
        andere = client_for(persona)
        assert andere.get(export.get_absolute_url()).status_code == 404
        assert andere.get(export.get_download_url()).status_code == 404
    eigene = client_for("citizen")
    assert eigene.get(export.get_absolute_url()).status_code == 200
    assert eigene.get(export.get_download_url())["Content-Type"] == "application/pdf"


def test_without_a_kreis_the_user_is_asked_to_choose_one(client_for, ludwigsburg, exportieren):
    response = exportieren(client_for("citizen"), {"thema": "ehrenamt"}, follow=True)

    assert response.redirect_chain == [("/kontakte/?thema=ehrenamt", 302)]
    assert "Bitte wählen Sie einen Kreis" in response.content.decode()
    assert not Export.objects.exists()


@pytest.mark.parametrize(
    "daten",
    [
        {"kreis": "atlantis"},
        {"kreis": LUDWIGSBURG, "art": "raumstation"},
        {"kreis": LUDWIGSBURG, "thema": "<script>alert(1)</script>"},
        {"kreis": LUDWIGSBURG, "q": "x" * 5000},
    ],
)
def test_bad_filter_values_give_a_german_message_and_queue_nothing(
    client_for, ludwigsburg, exportieren, daten
):
    response = exportieren(client_for("citizen"), daten, follow=True)

    assert response.status_code == 200
    seite = response.content.decode()
    assert "Die Kontaktliste wurde nicht erstellt: Bitte prüfen Sie Ihre Auswahl." in seite
    assert "<script>alert(1)" not in seite
    assert len(response.redirect_chain[0][0]) < 600  # the address back stays short
    assert not Export.objects.exists()


def test_five_open_exports_are_enough(client_for, citizen, ludwigsburg, exportieren):
    for _ in range(Export.HOECHSTENS_OFFEN):
        Export.objects.create(
            art="kontaktliste",
            titel="Kontaktliste",
            dateiname="k",
            quelle=ludwigsburg.kreis,
            angefordert_von=citizen,
        )

    response = exportieren(client_for("citizen"), {"kreis": LUDWIGSBURG}, follow=True)

    assert "Sie haben bereits 5 Exporte in Arbeit" in response.content.decode()
    assert Export.objects.count() == Export.HOECHSTENS_OFFEN


# --- the button on the directory ---


def test_the_directory_offers_the_export_with_the_current_filter(client_for, ludwigsburg):
    seite = client_for("citizen").get(f"/kontakte/?kreis={LUDWIGSBURG}&thema=ehrenamt&page=1")
    html = seite.content.decode()

    assert f'action="{URL}"' in html and "Als PDF exportieren" in html
    assert f'<input type="hidden" name="kreis" value="{LUDWIGSBURG}">' in html
    assert '<input type="hidden" name="thema" value="ehrenamt">' in html
    assert 'name="page"' not in html
    assert "csrfmiddlewaretoken" in html


def test_the_directory_asks_for_a_kreis_before_offering_the_export(client_for, ludwigsburg):
    html = client_for("citizen").get("/kontakte/?thema=ehrenamt").content.decode()

    assert "Als PDF exportieren" not in html
    assert "Wählen Sie dazu oben einen Kreis" in html


def test_visitors_see_how_to_sign_in_instead_of_the_button(client, ludwigsburg):
    html = client.get(f"/kontakte/?kreis={LUDWIGSBURG}").content.decode()

    assert "Als PDF exportieren" not in html
    assert f"/konto/login/?next=/kontakte/%3Fkreis%3D{LUDWIGSBURG}" in html
    assert "Melden Sie sich an</a>, um die Kontakte eines Kreises als PDF zu exportieren" in html


def test_a_list_made_by_staff_carries_the_email_addresses(client_for, ludwigsburg, exportieren):
    exportieren(client_for("programme_staff"), {"kreis": LUDWIGSBURG})

    text = "\n".join(_seiten(_inhalt(Export.objects.get())))

    assert "Name Funktion Telefon E-Mail" in text
    assert "a.widmann@ludwigsburg.example" in text

"""The decision letter (Bescheid) as a PDF: a DIN 5008 letter, tagged, German."""

import datetime
import io

import pytest
from pypdf import PdfReader

from foerderung.pdf import bescheid

pytestmark = pytest.mark.django_db

BETREFF = "Zuwendungsbescheid – Kommunaler Flüchtlingsdialog 2016, 2. Frist"
ERSTER_SATZ = "auf Ihren Antrag hin bewilligt Ihnen der Städtetag Baden-Württemberg"
ABSATZ = (
    "Die Zuwendung wird als Projektförderung in Form eines nicht rückzahlbaren Zuschusses zur "
    "Anteilfinanzierung gewährt. Sie ist ausschließlich für das im Antrag beschriebene Vorhaben "
    "zu verwenden; Änderungen des Vorhabens teilen Sie uns bitte unverzüglich mit. Der "
    "Bewilligungszeitraum richtet sich nach der Ausschreibung, die Mittel werden nach Vorlage "
    "des Mittelabrufs ausgezahlt."
)


@pytest.fixture
def antrag(antrag_a):
    # The builders' default street is the Städtetag's own; give the addressee its own address.
    organisation = antrag_a.organisation
    organisation.strasse = "Wilhelmstraße 11"
    organisation.plz = "71638"
    organisation.ort = "Ludwigsburg"
    organisation.save()
    return antrag_a


def _kontext(antrag, **aenderungen) -> dict:
    absaetze = [f"<p>{ERSTER_SATZ} eine Zuwendung für Ihr Vorhaben.</p>"]
    absaetze += [f"<p>{ABSATZ}</p>"] * 7
    kontext = {
        "antrag": antrag,
        "entscheidung": "bewilligt",
        "betreff": BETREFF,
        "betrag_text": "2.500 €",
        "beantragt_text": "2.500 €",
        "text_html": "\n".join(absaetze),
        "auflagen_html": (
            "<ul><li>Die Allgemeinen Nebenbestimmungen für Zuwendungen zur Projektförderung "
            "(ANBest-P) sind Bestandteil dieses Bescheids, soweit hier nichts anderes bestimmt "
            "ist.</li><li>Der Verwendungsnachweis ist bis zum 30.06.2017 vorzulegen.</li>"
            "</ul>"
        ),
        "begruendung": "Das Vorhaben erfüllt die Fördervoraussetzungen.\n\nMittel stehen bereit.",
        "rechtsbehelf_html": (
            "<p>Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage beim "
            "Verwaltungsgericht Stuttgart erhoben werden.</p>"
        ),
        "datum": datetime.date(2016, 12, 15),
        "version": 1,
        "unterschrift_name": "Dr. Maria Muster",
        "unterschrift_funktion": "Dezernentin",
        "sachbearbeitung": {
            "name": "Jonas Beispiel",
            "telefon": "0711 22921-42",
            "email": "foerderung@staedtetag-bw.de",
        },
    }
    return {**kontext, **aenderungen}


def _seiten(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _text(pdf: bytes) -> str:
    return "\n".join(_seiten(pdf))


def test_letter_shows_addressee_file_number_amount_and_legal_notice(antrag):
    seiten = _seiten(bescheid(_kontext(antrag)))

    text = "\n".join(seiten)
    zeilen = text.splitlines()
    assert len(seiten) == 2
    for zeile in [
        "Stadt Ludwigsburg",
        "z. Hd. Sabine Kommunal",
        "Wilhelmstraße 11",
        "71638 Ludwigsburg",
        "Städtetag Baden-Württemberg · Königstraße 2 · 70173 Stuttgart",
        BETREFF,
        f"Aktenzeichen {antrag.aktenzeichen}",
        "Sehr geehrte Damen und Herren,",
        "Vorhaben Ludwigsburg im Gespräch",
        "Beantragte Zuwendung 2.500 €",
        "Entscheidung Bewilligt",
        "Bewilligte Zuwendung 2.500 €",
        "Nebenbestimmungen",
        "Begründung",
        "Rechtsbehelfsbelehrung",
        "Mit freundlichen Grüßen",
        "Dr. Maria Muster",
        "Dezernentin",
    ]:
        assert zeile in zeilen, zeile
    assert "Seite 1 von 2" in seiten[0]
    assert "Seite 2 von 2" in seiten[1]


def test_information_block_names_file_number_contact_and_date(antrag):
    zeilen = _text(bescheid(_kontext(antrag))).splitlines()

    assert "Ihr Zeichen –" in zeilen
    assert f"Unser Zeichen {antrag.aktenzeichen}" in zeilen
    assert "Ansprechpartner/in Jonas Beispiel" in zeilen
    assert "Telefon 0711 22921-42" in zeilen
    assert "E-Mail foerderung@staedtetag-bw.de" in zeilen
    assert "Datum 15.12.2016" in zeilen
    assert not any(zeile.startswith("Fassung") for zeile in zeilen)


def test_address_comes_before_the_body_in_extracted_order(antrag):
    text = _text(bescheid(_kontext(antrag)))

    reihenfolge = [
        "Städtetag Baden-Württemberg · Königstraße 2 · 70173 Stuttgart",
        "Stadt Ludwigsburg",
        "Wilhelmstraße 11",
        f"Unser Zeichen {antrag.aktenzeichen}",
        BETREFF,
        "Sehr geehrte Damen und Herren,",
        ERSTER_SATZ,
        "Rechtsbehelfsbelehrung",
        "Mit freundlichen Grüßen",
    ]
    stellen = [text.index(stueck) for stueck in reihenfolge]
    assert stellen == sorted(stellen)


def test_running_header_with_file_number_from_page_two_only(antrag):
    erste, zweite = _seiten(bescheid(_kontext(antrag)))

    kopfzeile = f"Aktenzeichen {antrag.aktenzeichen} · Schreiben vom 15.12.2016"
    assert kopfzeile in zweite
    assert "Schreiben vom" not in erste


def test_letter_is_german_tagged_and_titled_with_the_subject(antrag):
    reader = PdfReader(io.BytesIO(bescheid(_kontext(antrag))))

    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de"
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == BETREFF


def test_refusal_has_no_amount_line(antrag):
    kontext = _kontext(
        antrag,
        entscheidung="abgelehnt",
        betreff="Ablehnungsbescheid – Kommunaler Flüchtlingsdialog 2016, 2. Frist",
        betrag_text="",
        auflagen_html="",
    )

    zeilen = _text(bescheid(kontext)).splitlines()

    assert "Entscheidung Abgelehnt" in zeilen
    assert "Beantragte Zuwendung 2.500 €" in zeilen
    assert not any("Bewilligte Zuwendung" in zeile for zeile in zeilen)
    assert "Nebenbestimmungen" not in zeilen


def test_partial_grant_shows_requested_and_granted_amount(antrag):
    kontext = _kontext(
        antrag, entscheidung="teilweise", beantragt_text="3.000 €", betrag_text="2.500 €"
    )

    zeilen = _text(bescheid(kontext)).splitlines()

    assert "Beantragte Zuwendung 3.000 €" in zeilen
    assert "Entscheidung Teilweise bewilligt" in zeilen
    assert "Bewilligte Zuwendung 2.500 €" in zeilen


def test_optional_parts_are_left_out_when_empty(antrag):
    kontext = _kontext(
        antrag,
        text_html=f"<p>{ERSTER_SATZ} eine Zuwendung.</p>",
        auflagen_html="",
        begruendung="",
        sachbearbeitung={"name": "", "telefon": "", "email": ""},
    )
    antrag.kontakt_name = ""

    seiten = _seiten(bescheid(kontext))

    zeilen = "\n".join(seiten).splitlines()
    assert len(seiten) == 1
    assert "Seite 1 von 1" in seiten[0]
    assert "Nebenbestimmungen" not in zeilen
    assert "Begründung" not in zeilen
    assert not any(zeile.startswith(("z. Hd.", "Ansprechpartner/in", "E-Mail")) for zeile in zeilen)
    assert "Rechtsbehelfsbelehrung" in zeilen


def test_later_version_is_marked_in_the_information_block(antrag):
    zeilen = _text(bescheid(_kontext(antrag, version=2))).splitlines()

    assert "Fassung 2" in zeilen

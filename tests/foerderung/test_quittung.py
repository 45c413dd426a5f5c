"""The receipt (Eingangsbestätigung) of a submitted application as a PDF."""

import io

import pytest
from pypdf import PdfReader

from foerderung.models import Einreichung
from foerderung.pdf import quittung

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_receipt_shows_file_number_sections_costs_and_totals(antrag_a):
    text = _text(quittung(antrag_a))

    zeilen = text.splitlines()
    assert "Eingangsbestätigung" in zeilen
    assert f"Aktenzeichen {antrag_a.aktenzeichen}" in zeilen
    assert "Antragsteller Stadt Ludwigsburg" in zeilen
    assert f"Ausschreibung {antrag_a.ausschreibung.titel}" in zeilen
    assert f"Programm {antrag_a.ausschreibung.programm.name}" in zeilen
    assert "Eingereicht von Sabine Kommunal" in zeilen
    assert "Fassung 1" in zeilen
    assert any(z.startswith("Eingegangen am ") and z.endswith(" Uhr") for z in zeilen)
    for abschnitt in ["Vorhaben", "Termine, Ort und Beteiligung", "Kosten und Finanzierung"]:
        assert abschnitt in zeilen
    assert "Titel des Vorhabens Ludwigsburg im Gespräch" in zeilen
    assert "Honorare (Moderation, Referierende) Moderation 1.800 €" in zeilen
    assert "Gesamtkosten 3.200 €" in zeilen
    assert "Beantragte Förderung 2.500 €" in zeilen
    assert f"Eingangsbestätigung {antrag_a.aktenzeichen} Seite 1 von" in text


def test_receipt_is_german_tagged_and_titled(antrag_a):
    reader = PdfReader(io.BytesIO(quittung(antrag_a)))

    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de"
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == f"Eingangsbestätigung {antrag_a.aktenzeichen}"


def test_receipt_shows_the_application_as_submitted_not_as_changed_since(antrag_a):
    antrag_a.titel = "Später geänderter Titel"
    antrag_a.save()

    text = _text(quittung(antrag_a))

    assert "Ludwigsburg im Gespräch" in text
    assert "Später geänderter Titel" not in text


def test_receipt_after_a_query_shows_the_latest_version(antrag_a, foerderreferat, municipality_a):
    antrag_a.rueckfrage_stellen(foerderreferat, "Bitte nennen Sie einen Partner.")
    antrag_a.rueckfragen.get().beantworten(municipality_a, "Ist ergänzt.")
    antrag_a.partner = "Freundeskreis Asyl Ludwigsburg"
    antrag_a.save()
    antrag_a.einreichen(by=municipality_a)

    text = _text(quittung(antrag_a))

    assert "Fassung 2" in text.splitlines()
    assert "Partner Freundeskreis Asyl Ludwigsburg" in text.splitlines()


def test_draft_has_no_receipt(make_antrag):
    with pytest.raises(Einreichung.DoesNotExist):
        quittung(make_antrag())

"""The dossier of one application as a ZIP file for the programme staff's file."""

import csv
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from foerderung.dossier import dossier
from foerderung.models import Anhang, Antrag

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def _zip(antrag: Antrag) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(dossier(antrag)))


def _anhang(antrag: Antrag, user, name: str = "plan.pdf") -> Anhang:
    return Anhang.speichern(antrag, SimpleUploadedFile(name, PDF), user, Anhang.Zweck.ANTRAG)


def test_submitted_application_has_index_first_receipt_versions_and_texts(antrag_a):
    archiv = _zip(antrag_a)

    namen = archiv.namelist()
    assert namen[0] == "inhalt.txt"
    assert set(namen) == {
        "inhalt.txt",
        f"eingangsbestaetigung-{antrag_a.aktenzeichen}.pdf",
        "fassungen/fassung-1.json",
        "verlauf.csv",
        "rueckfragen.txt",
    }
    assert archiv.read(f"eingangsbestaetigung-{antrag_a.aktenzeichen}.pdf").startswith(b"%PDF")
    assert archiv.infolist()[1].compress_type == zipfile.ZIP_DEFLATED
    fassung = json.loads(archiv.read("fassungen/fassung-1.json").decode("utf-8"))
    assert fassung == antrag_a.einreichungen.get().daten


def test_index_names_the_application_and_every_file_with_its_size(antrag_a):
    archiv = _zip(antrag_a)

    zeilen = archiv.read("inhalt.txt").decode("utf-8").splitlines()
    assert f"Aktenzeichen: {antrag_a.aktenzeichen}" in zeilen
    assert "Antragsteller: Stadt Ludwigsburg" in zeilen
    assert any(z.startswith(f"Ausschreibung: {antrag_a.ausschreibung.titel}") for z in zeilen)
    assert "Status: Eingereicht" in zeilen
    assert any(z.startswith("Angelegt am: ") and z.endswith(" Uhr") for z in zeilen)
    for info in archiv.infolist()[1:]:
        assert any(z.startswith(f"- {info.filename} (") for z in zeilen), info.filename


def test_every_submitted_version_is_kept(antrag_a, municipality_a, foerderreferat):
    rueckfrage = antrag_a.rueckfrage_stellen(foerderreferat, "Wer moderiert?")
    rueckfrage.beantworten(municipality_a, "Frau Dr. Maier.")
    antrag_a.titel = "Ludwigsburg redet mit"
    antrag_a.save()
    antrag_a.einreichen(by=municipality_a)

    archiv = _zip(antrag_a)

    assert {"fassungen/fassung-1.json", "fassungen/fassung-2.json"} <= set(archiv.namelist())
    zweite = archiv.read("fassungen/fassung-2.json").decode("utf-8")
    assert "Ludwigsburg redet mit" in zweite
    assert '\n  "aktenzeichen"' in zweite
    assert "Bürgersaal" in zweite


def test_attachments_keep_their_bytes_and_same_names_do_not_clash(antrag_a, municipality_a):
    _anhang(antrag_a, municipality_a)
    _anhang(antrag_a, municipality_a)

    archiv = _zip(antrag_a)

    assert archiv.read("anhaenge/antrag/01-plan.pdf") == PDF
    assert archiv.read("anhaenge/antrag/02-plan.pdf") == PDF
    inhalt = archiv.read("inhalt.txt").decode("utf-8")
    assert "- anhaenge/antrag/01-plan.pdf (15 Byte) – Weitere Unterlage" in inhalt


def test_missing_attachment_file_is_listed_and_does_not_break_the_dossier(antrag_a, municipality_a):
    anhang = _anhang(antrag_a, municipality_a)
    anhang.datei.storage.delete(anhang.datei.name)

    archiv = _zip(antrag_a)

    assert "anhaenge/antrag/01-plan.pdf" not in archiv.namelist()
    inhalt = archiv.read("inhalt.txt").decode("utf-8")
    assert "- anhaenge/antrag/01-plan.pdf: Datei fehlt – Weitere Unterlage" in inhalt
    assert "verlauf.csv" in archiv.namelist()


def test_history_csv_has_one_row_per_state_change(antrag_a, foerderreferat):
    antrag_a.uebergang(Antrag.Status.IN_PRUEFUNG, foerderreferat, "=Vorprüfung bestanden")

    roh = _zip(antrag_a).read("verlauf.csv")

    assert roh.startswith("\ufeff".encode())
    zeilen = list(csv.reader(io.StringIO(roh.decode("utf-8-sig")), delimiter=";"))
    assert zeilen[0] == ["Am", "Von", "Nach", "Durch", "Vermerk"]
    erwartet = [
        [
            f"{timezone.localtime(eintrag.am):%d.%m.%Y %H:%M}",
            eintrag.get_von_display(),
            eintrag.get_nach_display(),
            eintrag.durch,
            eintrag.notiz,
        ]
        for eintrag in antrag_a.verlauf.all()
    ]
    erwartet[-1][4] = "'=Vorprüfung bestanden"  # a spreadsheet must not run it as a formula
    assert zeilen[1:] == erwartet
    assert zeilen[1][1:4] == ["Entwurf", "Eingereicht", "Sabine Kommunal"]
    assert zeilen[2][3] == "Förderreferat"


def test_queries_with_and_without_answer(antrag_a, municipality_a, foerderreferat):
    erste = antrag_a.rueckfrage_stellen(foerderreferat, "Wer moderiert?")
    erste.beantworten(municipality_a, "Frau Dr. Maier.")
    antrag_a.einreichen(by=municipality_a)
    antrag_a.rueckfrage_stellen(foerderreferat, "Wo genau?")

    text = _zip(antrag_a).read("rueckfragen.txt").decode("utf-8")

    assert "Rückfrage 1, gestellt am " in text
    assert "Wer moderiert?" in text
    assert "Antwort vom " in text
    assert "Frau Dr. Maier." in text
    assert "Rückfrage 2, gestellt am " in text
    assert "Wo genau?\n\nNoch nicht beantwortet." in text


def test_draft_gets_no_receipt_and_no_versions(make_antrag, municipality_a):
    entwurf = make_antrag()
    _anhang(entwurf, municipality_a)

    archiv = _zip(entwurf)

    assert not any(n.startswith(("eingangsbestaetigung", "fassungen/")) for n in archiv.namelist())
    assert archiv.read("anhaenge/antrag/01-plan.pdf") == PDF
    assert "Aktenzeichen: –" in archiv.read("inhalt.txt").decode("utf-8")
    assert "keine Rückfragen" in archiv.read("rueckfragen.txt").decode("utf-8")


def test_staff_download_the_dossier_from_the_application_page(client_for, antrag_a):
    change = reverse("admin:foerderung_antrag_change", args=[antrag_a.pk])
    url = reverse("admin:foerderung_antrag_dossier", args=[antrag_a.pk])
    staff = client_for("foerderreferat")
    assert f'href="{url}"' in staff.get(change).text
    response = staff.get(url)
    assert response["Content-Disposition"] == (
        f'attachment; filename="akte-{antrag_a.aktenzeichen}.zip"'
    )
    assert zipfile.ZipFile(io.BytesIO(response.content)).namelist()[0] == "inhalt.txt"
    assert client_for("programme_staff").get(url).status_code == 403

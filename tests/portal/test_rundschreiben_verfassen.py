"""Circulars written in the portal: numbers on release, the PDF made in the background, and a
released circular that stays as it was sent."""

import datetime
import io
import os
import re
import subprocess
import threading

import pikepdf
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from portal import pdf
from portal.models import Export, Nummernkreis, Rundschreiben, RundschreibenAnlage

pytestmark = pytest.mark.django_db

ABSATZ = (
    "Die Landesregierung stellt für die Kommunalen Flüchtlingsdialoge weitere Mittel bereit. "
    "Städte, Gemeinden und Landkreise können Vorhaben beantragen, mit denen sie Bürgerinnen und "
    "Bürger an der Aufnahme und Integration geflüchteter Menschen beteiligen. "
)


def _text(inhalt: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(inhalt)).pages)


def _pdf(seiten: int = 1) -> bytes:
    """A PDF with blank A4 pages, as a scanned attachment might be."""
    doc = pikepdf.new()
    for _ in range(seiten):
        doc.add_blank_page(page_size=(595, 842))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _aufgaben_sofort(monkeypatch):
    """The test's transaction never commits; run what waits for the commit (the queued
    export) at once, as the worker would right after it."""
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )


@pytest.fixture
def entwurf(make_person):
    def make(**felder) -> Rundschreiben:
        werte = {
            "betreff": "Kommunale Flüchtlingsdialoge 2027: Ausschreibung",
            "datum": datetime.date(2026, 11, 20),
            "adressaten_arten": ["kommune"],
            "bezug": "Unser Rundschreiben R 27970/2016 vom 15.12.2016",
            "text": f"{ABSATZ}\n\n## Fristen\n\n| Schritt | Frist |\n|---|---|\n| Antrag | 31.1. |",
            "ansprechperson": make_person(nachname="Müller"),
            **felder,
        }
        return Rundschreiben.objects.create(**werte)

    return make


def _freigeben(rundschreiben, user) -> Export:
    export = rundschreiben.freigeben(user)
    rundschreiben.refresh_from_db()
    export.refresh_from_db()
    return export


# --- numbers ----------------------------------------------------------------------------------


def test_release_gives_the_next_number_of_the_year_and_publishes_the_pdf(
    entwurf, programme_staff, client
):
    Nummernkreis.objects.create(jahr=2026, letzte_nummer=41)
    rundschreiben = entwurf()

    export = _freigeben(rundschreiben, programme_staff)

    assert rundschreiben.aktenzeichen == "R 42/2026"
    assert export.stand == Export.Stand.FERTIG
    assert rundschreiben.status == Rundschreiben.Status.VEROEFFENTLICHT
    assert rundschreiben.sha256 == export.sha256 and len(rundschreiben.sha256) == 64
    assert rundschreiben.groesse == export.groesse > 10_000
    liste = client.get(reverse("portal:rundschreiben-list")).content.decode()
    assert "Rundschreiben R 42/2026" in liste
    assert re.search(r"\[PDF: \d+ KB\]", liste)
    download = client.get(rundschreiben.get_download_url())
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_numbering_continues_after_the_years_existing_circulars(
    entwurf, make_rundschreiben, programme_staff
):
    make_rundschreiben(nummer=27970, jahr=2016)
    alt = entwurf(datum=datetime.date(2016, 12, 20))
    neu = entwurf(datum=datetime.date(2026, 1, 5))

    alt.freigeben(programme_staff)
    neu.freigeben(programme_staff)

    assert (alt.aktenzeichen, neu.aktenzeichen) == ("R 27971/2016", "R 1/2026")


@pytest.mark.django_db(transaction=True)
def test_two_releases_at_the_same_moment_get_consecutive_numbers(
    entwurf, programme_staff, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    entwuerfe = [entwurf(betreff=f"Rundschreiben {n}") for n in range(2)]
    start = threading.Barrier(2)
    fehler = []

    def freigeben(rundschreiben):
        try:
            start.wait()
            rundschreiben.freigeben(programme_staff)
        except Exception as error:  # reported below; a thread's exception is otherwise lost
            fehler.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=freigeben, args=[r]) for r in entwuerfe]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert fehler == []
    nummern = sorted(Rundschreiben.objects.filter(jahr=2026).values_list("nummer", flat=True))
    assert nummern == [1, 2]
    assert Nummernkreis.objects.get(jahr=2026).letzte_nummer == 2


def test_a_draft_is_released_once(entwurf, programme_staff):
    rundschreiben = entwurf()
    rundschreiben.freigeben(programme_staff)

    with pytest.raises(Exception, match="bereits als R 1/2026 freigegeben"):
        Rundschreiben.objects.get(pk=rundschreiben.pk).freigeben(programme_staff)
    assert Nummernkreis.objects.get(jahr=2026).letzte_nummer == 1


def test_an_incomplete_draft_keeps_its_number_free(entwurf, programme_staff):
    rundschreiben = entwurf(adressaten_arten=[], text="")

    with pytest.raises(Exception, match="Adressaten und einen Text"):
        rundschreiben.freigeben(programme_staff)

    assert not Rundschreiben.objects.get(pk=rundschreiben.pk).freigegeben
    assert not Nummernkreis.objects.filter(jahr=2026, letzte_nummer__gt=0).exists()


# --- the PDF ----------------------------------------------------------------------------------


def test_pdf_names_number_subject_addressees_and_pages(entwurf, programme_staff):
    rundschreiben = entwurf(text=ABSATZ * 30)
    export = _freigeben(rundschreiben, programme_staff)

    with rundschreiben.datei.open("rb") as datei:
        text = _text(datei.read())

    assert "Rundschreiben R 1/2026" in text
    assert "Kommunale Flüchtlingsdialoge 2027: Ausschreibung" in text
    assert "An die Mitgliedsstädte und -gemeinden" in text
    assert f"Seite 1 von {export.seiten}" in text and export.seiten >= 2
    assert "Bezug: Unser Rundschreiben R 27970/2016 vom 15.12.2016" in text
    assert "Rundschreiben R 1/2026 vom 20.11.2026" in text  # running header from page 2


def test_addressees_by_kind_and_by_name_and_a_distribution_list(entwurf, make_organisation):
    rundschreiben = entwurf(adressaten_arten=["kommune", "landkreis"])
    assert rundschreiben.anschrift_zeilen() == [
        "An die Mitgliedsstädte und -gemeinden",
        "und die Landkreise",
    ]

    staedte = [make_organisation(f"Stadt {name}") for name in "ABCDE"]
    rundschreiben.adressaten.set(staedte)
    assert rundschreiben.anschrift_zeilen() == [
        "An die Mitgliedsstädte und -gemeinden,",
        "die Landkreise",
        "und Adressaten laut Verteiler",
    ]
    text = _text(rundschreiben.pdf())
    assert "Verteiler" in text and "Stadt E" in text

    rundschreiben.anschrift = "An die Mitgliedsstädte\n\nnachrichtlich: Landkreistag"
    assert rundschreiben.anschrift_zeilen() == [
        "An die Mitgliedsstädte",
        "nachrichtlich: Landkreistag",
    ]


def test_pdf_attachments_are_appended_and_other_files_listed(entwurf, programme_staff):
    rundschreiben = entwurf()
    ohne = pdf.page_count(rundschreiben.pdf())
    _anlage(rundschreiben, "Merkblatt Förderung", _pdf(seiten=2), "merkblatt.pdf")
    _anlage(rundschreiben, "Kostenplan", _xlsx(), "kostenplan.xlsx")

    export = _freigeben(rundschreiben, programme_staff)

    assert export.seiten == ohne + 2
    reader = PdfReader(rundschreiben.datei.open("rb"))
    assert _lesezeichen(reader.outline)[-1] == "Anlage 1: Merkblatt Förderung"
    text = _text(rundschreiben.datei.open("rb").read())
    assert "Kostenplan (XLSX" in text and "im Portal abrufbar" in text


def test_a_failing_render_leaves_the_reason_and_no_file(entwurf, programme_staff, client_for):
    rundschreiben = entwurf()
    kaputt = _anlage(rundschreiben, "Beschädigt", b"%PDF-1.4\nnur Rauschen", "kaputt.pdf")

    export = _freigeben(rundschreiben, programme_staff)

    assert export.stand == Export.Stand.FEHLER
    assert export.fehler  # the library's reason, e.g. "PdfError: … unable to find trailer"
    assert not export.datei and export.groesse == 0 and not export.sha256
    assert not rundschreiben.datei
    assert rundschreiben.status == Rundschreiben.Status.ENTWURF  # not on /rundschreiben/
    seite = client_for("programme_staff").get(export.get_absolute_url()).content.decode()
    assert "konnte nicht erstellt werden" in seite and "Grund:" in seite

    # After the attachment is replaced, the PDF is made again with the same number.
    kaputt.delete()
    erneut = client_for("programme_staff").post(
        reverse("admin:portal_rundschreiben_pdf-neu", args=[rundschreiben.pk])
    )
    rundschreiben.refresh_from_db()
    assert erneut.status_code == 302
    assert rundschreiben.datei and rundschreiben.aktenzeichen == "R 1/2026"


def test_the_seed_circular_as_a_picture_tagged_and_in_reading_order(tmp_path):
    from portal.demo import _seed_documents

    rundschreiben, _ = _seed_documents()
    with rundschreiben.datei.open("rb") as datei:
        inhalt = datei.read()
    (tmp_path / "r.pdf").write_bytes(inhalt)

    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", str(tmp_path / "r.pdf"), str(tmp_path / "seite")],
        check=True,
    )

    bilder = sorted(tmp_path.glob("seite-*.png"))
    assert len(bilder) == pdf.page_count(inhalt) == 1
    with Image.open(bilder[0]) as bild:
        breite, hoehe = bild.size
        assert abs(breite - 413) <= 1 and abs(hoehe - 585) <= 1  # A4 at 50 dpi
        # Not a blank page: the letterhead's blue and the text are there.
        assert len(bild.convert("L").getcolors(256)) > 20
    reader = PdfReader(io.BytesIO(inhalt))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "de"
    assert reader.metadata.title.startswith("Rundschreiben R 27970/2016: Handbuch der LAGO")
    xmp = root["/Metadata"].get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfuaid:part="1"' in xmp
    text = _text(inhalt)
    reihenfolge = [
        "Städtetag Baden-Württemberg · Königstraße 2 · 70173 Stuttgart",
        "An die Mitgliedsstädte und -gemeinden",
        "Aktenzeichen R 27970/2016",
        "Handbuch der LAGO für Arbeitskreise in der Flüchtlingshilfe",
        "Sehr geehrte Damen und Herren,",
        "Inhalt des Handbuchs",
        "Kapitel Thema",
        "Bestellung",
        "Mit freundlichen Grüßen",
        "Seite 1 von 1",
    ]
    stellen = [text.index(stueck) for stueck in reihenfolge]
    assert stellen == sorted(stellen)


def test_long_tables_repeat_their_header_on_the_next_page(entwurf):
    zeilen = "\n".join(f"| Stadt {n} | {n * 1000} € |" for n in range(80))
    rundschreiben = entwurf(text=f"## Verteilung\n\n| Kommune | Betrag |\n|---|---|\n{zeilen}")

    reader = PdfReader(io.BytesIO(rundschreiben.pdf()))

    assert len(reader.pages) >= 2
    assert "Kommune Betrag" in reader.pages[1].extract_text()
    assert "Verteilung" in _lesezeichen(reader.outline)


# --- the composer in the admin ----------------------------------------------------------------


def test_the_redaktion_writes_previews_and_releases_in_the_admin(
    client_for, programme_staff, make_person
):
    person = make_person(nachname="Gromer")
    admin = client_for("programme_staff")

    antwort = admin.post(
        reverse("admin:portal_rundschreiben_add"),
        {
            "betreff": "Regionalkonferenz Stuttgart",
            "datum": "20.11.2026",
            "zusammenfassung": "Einladung zur Regionalkonferenz.",
            "adressaten_arten": ["kommune", "landkreis"],
            "anschrift": "",
            "bezug": "",
            "ansprechperson": person.pk,
            "text": "Wir laden Sie herzlich ein.\n\n- Austausch\n- Vernetzung",
            "anlagen-TOTAL_FORMS": "0",
            "anlagen-INITIAL_FORMS": "0",
        },
    )
    assert antwort.status_code == 302, antwort.context["adminform"].form.errors
    rundschreiben = Rundschreiben.objects.get(betreff="Regionalkonferenz Stuttgart")
    assert rundschreiben.adressaten_arten == ["kommune", "landkreis"]

    vorschau = admin.get(reverse("admin:portal_rundschreiben_vorschau", args=[rundschreiben.pk]))
    assert vorschau["Content-Type"] == "application/pdf"
    assert "Entwurf" in _text(vorschau.content)
    assert "Gromer" in _text(vorschau.content)
    assert not Rundschreiben.objects.get(pk=rundschreiben.pk).freigegeben

    frage = admin.get(reverse("admin:portal_rundschreiben_freigeben", args=[rundschreiben.pk]))
    assert "nächste Nummer des Jahres 2026" in frage.content.decode()
    freigabe = admin.post(reverse("admin:portal_rundschreiben_freigeben", args=[rundschreiben.pk]))
    export = Export.objects.get()
    assert freigabe["Location"] == export.get_absolute_url()
    seite = admin.get(export.get_absolute_url()).content.decode()
    assert "Das PDF ist fertig" in seite and export.sha256 in seite


def test_a_long_draft_is_previewed_in_the_background(entwurf, client_for):
    rundschreiben = entwurf(text=ABSATZ * 40)
    admin = client_for("programme_staff")
    url = reverse("admin:portal_rundschreiben_vorschau", args=[rundschreiben.pk])

    assert "im Hintergrund" in admin.get(url).content.decode()
    antwort = admin.post(url)

    export = Export.objects.get(art="rundschreiben-vorschau")
    assert antwort["Location"] == export.get_absolute_url()
    assert export.stand == Export.Stand.FERTIG
    assert "Entwurf" in _text(export.datei.open("rb").read())
    assert not Rundschreiben.objects.get(pk=rundschreiben.pk).freigegeben


def test_a_released_circular_cannot_be_edited_or_deleted(entwurf, programme_staff, client_for):
    rundschreiben = entwurf()
    rundschreiben.freigeben(programme_staff)
    admin = client_for("programme_staff")

    ansicht = admin.get(reverse("admin:portal_rundschreiben_change", args=[rundschreiben.pk]))
    aendern = admin.post(
        reverse("admin:portal_rundschreiben_change", args=[rundschreiben.pk]),
        {"betreff": "Geändert", "datum": "20.11.2026", "text": "Neu"},
    )
    loeschen = admin.post(
        reverse("admin:portal_rundschreiben_delete", args=[rundschreiben.pk]), {"post": "yes"}
    )

    assert ansicht.status_code == 200 and "Berichtigen" in ansicht.content.decode()
    assert aendern.status_code == 403 and loeschen.status_code == 403
    unveraendert = Rundschreiben.objects.get(pk=rundschreiben.pk)
    assert unveraendert.betreff == rundschreiben.betreff and unveraendert.text == rundschreiben.text


def test_a_correction_gets_a_new_number_and_the_old_one_points_to_it(
    entwurf, programme_staff, client_for, client
):
    alt = entwurf()
    anlage = _anlage(alt, "Merkblatt", _pdf(), "merkblatt.pdf")
    _freigeben(alt, programme_staff)
    admin = client_for("programme_staff")

    antwort = admin.post(reverse("admin:portal_rundschreiben_berichtigen", args=[alt.pk]))

    neu = Rundschreiben.objects.get(ersetzt=alt)
    assert antwort["Location"] == reverse("admin:portal_rundschreiben_change", args=[neu.pk])
    assert not neu.freigegeben and neu.text == alt.text
    assert neu.bezug == f"Berichtigung des Rundschreibens {alt.aktenzeichen} vom 20.11.2026"
    assert [(a.titel, a.dateiart) for a in neu.anlagen.all()] == [("Merkblatt", "PDF")]
    assert neu.anlagen.get().datei.name != anlage.datei.name  # its own copy

    _freigeben(neu, programme_staff)
    assert neu.aktenzeichen == "R 2/2026"
    seite = client.get(alt.get_absolute_url()).content.decode()
    assert "ersetzt durch" in seite and "Rundschreiben R 2/2026" in seite
    assert "Berichtigung von" in client.get(neu.get_absolute_url()).content.decode()


def test_only_whoever_may_release_sees_and_uses_the_release(entwurf, client_for):
    rundschreiben = entwurf()
    url = reverse("admin:portal_rundschreiben_freigeben", args=[rundschreiben.pk])

    assert client_for("foerderreferat").post(url).status_code == 403
    assert client_for("citizen").post(url).status_code == 302  # to the admin login
    assert not Rundschreiben.objects.get(pk=rundschreiben.pk).freigegeben


# --- the export's page ------------------------------------------------------------------------


def test_an_export_is_seen_by_whoever_asked_for_it_only(entwurf, programme_staff, client_for):
    rundschreiben = entwurf()
    export = _freigeben(rundschreiben, programme_staff)

    eigene = client_for("programme_staff")
    assert eigene.get(export.get_absolute_url()).status_code == 200
    assert eigene.get(export.get_download_url())["Content-Type"] == "application/pdf"
    assert "Fertig" in eigene.get(reverse("portal:export-list")).content.decode()
    for persona in ["citizen", "superuser", "foerderreferat"]:
        andere = client_for(persona)
        assert andere.get(export.get_absolute_url()).status_code == 404
        assert andere.get(export.get_download_url()).status_code == 404
    anonym = client_for("anonymous").get(export.get_absolute_url())
    assert anonym.status_code == 302 and "/konto/" in anonym["Location"]


def test_the_state_part_reloads_and_says_what_is_going_on(entwurf, programme_staff, client_for):
    rundschreiben = entwurf()
    export = Export.objects.create(
        art="rundschreiben",
        titel="Rundschreiben",
        dateiname="r",
        quelle=rundschreiben,
        angefordert_von=programme_staff,
    )
    admin = client_for("programme_staff")

    teil = admin.get(export.get_absolute_url(), {"teil": "stand"}).content.decode()
    seite = admin.get(export.get_absolute_url()).content.decode()

    assert "Wartet auf die Erstellung" in teil and "data-abgeschlossen" not in teil
    assert "<html" not in teil
    assert 'aria-live="polite"' in seite and "js/export.js" in seite
    assert "Stand jetzt neu laden" in seite  # without JavaScript


def test_nobody_fills_the_queue(entwurf, programme_staff):
    rundschreiben = entwurf()
    for _ in range(Export.HOECHSTENS_OFFEN):
        Export.objects.create(
            art="rundschreiben-vorschau",
            titel="Vorschau",
            dateiname="v",
            quelle=rundschreiben,
            angefordert_von=programme_staff,
        )

    with pytest.raises(Exception, match="bereits 5 Exporte in Arbeit"):
        rundschreiben.pdf_anfordern(programme_staff, entwurf=True)


def _anlage(rundschreiben, titel: str, inhalt: bytes, name: str) -> RundschreibenAnlage:
    """An attachment as the admin stores an upload (its kind read from the content)."""
    return RundschreibenAnlage.objects.create(
        rundschreiben=rundschreiben, titel=titel, datei=ContentFile(inhalt, name=name)
    )


def _lesezeichen(outline) -> list[str]:
    """The bookmarks' titles, nested ones included, in order."""
    return [
        titel
        for eintrag in outline
        for titel in (_lesezeichen(eintrag) if isinstance(eintrag, list) else [eintrag.title])
    ]


def _xlsx() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def test_old_exports_go_with_their_files_and_stopped_ones_fail(entwurf, programme_staff):
    from django.core.management import call_command
    from django.utils import timezone

    rundschreiben = entwurf()
    alt = rundschreiben.pdf_anfordern(programme_staff, entwurf=True)
    alt.refresh_from_db()
    datei = alt.datei.path
    Export.objects.filter(pk=alt.pk).update(
        angefordert_am=timezone.now() - datetime.timedelta(days=Export.AUFBEWAHREN_TAGE + 1)
    )
    haengt = Export.objects.create(
        art="rundschreiben-vorschau",
        titel="Vorschau",
        dateiname="v",
        quelle=rundschreiben,
        angefordert_von=programme_staff,
        stand=Export.Stand.IN_ARBEIT,
        begonnen_am=timezone.now() - datetime.timedelta(hours=2),
    )

    call_command("exporte_aufraeumen", stdout=io.StringIO())

    assert not Export.objects.filter(pk=alt.pk).exists()
    assert not os.path.exists(datei)
    haengt.refresh_from_db()
    assert haengt.stand == Export.Stand.FEHLER and "abgebrochen" in haengt.fehler
    assert rundschreiben.datei.name == ""  # a draft's preview never becomes its file


def test_bad_input_in_the_composer_gets_german_messages_and_stores_nothing(client_for):
    admin = client_for("programme_staff")

    antwort = admin.post(
        reverse("admin:portal_rundschreiben_add"),
        {
            "betreff": "",
            "datum": "31.02.2026",
            "adressaten_arten": ["gemeinderat"],
            "text": "Text",
            "anlagen-TOTAL_FORMS": "0",
            "anlagen-INITIAL_FORMS": "0",
        },
    )

    assert antwort.status_code == 200
    seite = antwort.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in seite
    assert "Bitte ein gültiges Datum eingeben." in seite
    assert "Bitte eine gültige Auswahl treffen." in seite
    assert not Rundschreiben.objects.exists()


def test_releasing_an_incomplete_draft_in_the_admin_says_why(entwurf, client_for):
    rundschreiben = entwurf(text="")
    admin = client_for("programme_staff")

    antwort = admin.post(
        reverse("admin:portal_rundschreiben_freigeben", args=[rundschreiben.pk]), follow=True
    )

    assert "braucht vor der Freigabe Adressaten und einen Text" in antwort.content.decode()
    assert not Rundschreiben.objects.get(pk=rundschreiben.pk).freigegeben
    assert not Export.objects.exists()

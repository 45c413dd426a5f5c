"""Editors upload pictures and files in the admin.

Bad files get a German message and change nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.models import Dokument, Meldung, Rundschreiben
from tests.portal.fixtures import PDF_BYTES, jpeg_bytes

pytestmark = pytest.mark.django_db


def _meldung_form(**extra):
    return {
        "titel": "Neue Meldung",
        "slug": "neue-meldung",
        "datum": "19.01.2017",
        "teaser": "Anreißer",
        "text": "Text",
        "status": "veroeffentlicht",
        "veroeffentlichen_ab_0": "19.01.2017",
        "veroeffentlichen_ab_1": "08:00:00",
        "bild_alt": "Teilnehmende am Thementisch",
        # The inline of alliances the news is about (buendnisse/admin.py), left empty.
        "Buendnis_meldungen-TOTAL_FORMS": "0",
        "Buendnis_meldungen-INITIAL_FORMS": "0",
        **extra,
    }


def _rundschreiben_form(anlage):
    """A circular drafted in the composer with one attachment."""
    return {
        "datum": "15.12.2016",
        "betreff": "Handbuch",
        "adressaten_arten": ["kommune"],
        "text": "Das Handbuch liegt bei.",
        "anlagen-TOTAL_FORMS": "1",
        "anlagen-INITIAL_FORMS": "0",
        "anlagen-0-reihenfolge": "0",
        "anlagen-0-titel": "Handbuch",
        "anlagen-0-datei": anlage,
    }


def test_staff_adds_news_with_a_photo_that_is_reencoded_without_exif(client_for):
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"  # Make
    exif[0x8825] = {1: "N"}  # GPS info
    upload = SimpleUploadedFile(
        "foto.jpg", jpeg_bytes((3000, 2000), exif=exif.tobytes()), "image/jpeg"
    )
    response = client_for("programme_staff").post(
        "/admin/portal/meldung/add/", _meldung_form(bild=upload)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    meldung = Meldung.objects.get(slug="neue-meldung")
    with Image.open(meldung.bild.path) as large, Image.open(meldung.bild_klein.path) as small:
        assert large.format == small.format == "JPEG"
        assert max(large.size) == 1600
        assert max(small.size) == 480
        assert not large.getexif()
        assert not small.getexif()


def test_a_text_file_posing_as_image_is_refused(client_for):
    upload = SimpleUploadedFile("foto.jpg", b"this is not a picture", "image/jpeg")
    response = client_for("programme_staff").post(
        "/admin/portal/meldung/add/", _meldung_form(bild=upload)
    )
    assert response.status_code == 200
    assert "Bitte ein gültiges Bild hochladen." in response.content.decode()
    assert not Meldung.objects.exists()


def test_a_huge_image_is_refused_with_a_german_message(client_for):
    buffer = io.BytesIO()
    Image.new("L", (8000, 6000)).save(buffer, "PNG", optimize=True)
    upload = SimpleUploadedFile("riesig.png", buffer.getvalue(), "image/png")
    response = client_for("programme_staff").post(
        "/admin/portal/meldung/add/", _meldung_form(bild=upload)
    )
    assert response.status_code == 200
    assert "erlaubt sind höchstens 40 Megapixel" in response.content.decode()
    assert not Meldung.objects.exists()


def test_a_photo_needs_an_alternative_text(client_for):
    upload = SimpleUploadedFile("foto.jpg", jpeg_bytes(), "image/jpeg")
    response = client_for("programme_staff").post(
        "/admin/portal/meldung/add/", _meldung_form(bild=upload, bild_alt="")
    )
    assert "Bitte beschreiben Sie das Bild in einem Alternativtext." in response.content.decode()
    assert not Meldung.objects.exists()


def test_circular_attachment_must_be_a_real_document(client_for):
    exe = SimpleUploadedFile("anlage.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    response = client_for("programme_staff").post(
        "/admin/portal/rundschreiben/add/",
        _rundschreiben_form(exe),
    )
    assert response.status_code == 200
    assert "Bitte laden Sie eine Datei in einem dieser Formate hoch" in response.content.decode()
    assert not Rundschreiben.objects.exists()


def test_circular_attachment_records_kind_and_size(client_for):
    pdf = SimpleUploadedFile("egal.bin", PDF_BYTES, "application/octet-stream")
    response = client_for("programme_staff").post(
        "/admin/portal/rundschreiben/add/",
        _rundschreiben_form(pdf),
    )
    assert response.status_code == 302
    assert Rundschreiben.objects.get().anlagen.get().format_label == "PDF: 4 KB"


def test_document_accepts_office_files_by_content(client_for):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    upload = SimpleUploadedFile("handbuch.docx", buffer.getvalue())
    response = client_for("programme_staff").post(
        "/admin/portal/dokument/add/",
        {
            "titel": "Handbuch",
            "datum": "15.12.2016",
            "datei": upload,
            "status": "entwurf",
            "veroeffentlichen_ab_0": "15.12.2016",
            "veroeffentlichen_ab_1": "08:00:00",
        },
    )
    assert response.status_code == 302
    assert Dokument.objects.get().dateiart == "DOCX"


def test_overlong_title_is_refused_in_german(client_for):
    response = client_for("programme_staff").post(
        "/admin/portal/meldung/add/", _meldung_form(titel="x" * 201)
    )
    assert response.status_code == 200
    assert "höchstens 200 Zeichen" in response.content.decode()
    assert not Meldung.objects.exists()

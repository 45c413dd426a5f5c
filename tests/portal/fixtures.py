"""Builders for portal content; every test states what it needs, nothing is shared."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from portal.models import (
    FAQ,
    Dokument,
    FAQThema,
    Meldung,
    Rundschreiben,
    Seite,
    Veranstaltung,
    Video,
    Videofassung,
)

PUBLIC = Meldung.Status.VEROEFFENTLICHT
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n" + b"0" * 4000


def jpeg_bytes(size=(800, 600), exif: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG", **({"exif": exif} if exif else {}))
    return buffer.getvalue()


@pytest.fixture
def make_meldung(db):
    counter = iter(range(1, 10_000))

    def make(**fields) -> Meldung:
        n = next(counter)
        values = {
            "titel": f"Meldung {n}",
            "slug": f"meldung-{n}",
            "datum": datetime.date(2016, 12, 1),
            "teaser": "Ein kurzer Anreißer.",
            "text": "Der Text der Meldung.",
            "status": PUBLIC,
            "veroeffentlichen_ab": timezone.now() - datetime.timedelta(days=1),
            **fields,
        }
        return Meldung.objects.create(**values)

    return make


@pytest.fixture
def make_rundschreiben(db):
    counter = iter(range(27970, 40_000))

    def make(**fields) -> Rundschreiben:
        rundschreiben = Rundschreiben(
            **{
                "nummer": next(counter),
                "jahr": 2016,
                "datum": datetime.date(2016, 12, 15),
                "betreff": "Handbuch",
                "zusammenfassung": "Das Handbuch der LAGO für Arbeitskreise.",
                "status": PUBLIC,
                **fields,
            }
        )
        rundschreiben.datei = ContentFile(PDF_BYTES, name="r.pdf")
        rundschreiben.save()
        return rundschreiben

    return make


@pytest.fixture
def make_dokument(db):
    def make(**fields) -> Dokument:
        dokument = Dokument(**{"titel": "Newsletter", "status": PUBLIC, **fields})
        dokument.datei = ContentFile(PDF_BYTES, name="n.pdf")
        dokument.save()
        return dokument

    return make


@pytest.fixture
def make_veranstaltung(db):
    counter = iter(range(1, 10_000))

    def make(**fields) -> Veranstaltung:
        n = next(counter)
        beginn = fields.pop("beginn", timezone.now() + datetime.timedelta(days=10))
        return Veranstaltung.objects.create(
            **{
                "titel": f"Regionalkonferenz {n}",
                "slug": f"regionalkonferenz-{n}",
                "art": Veranstaltung.Art.REGIONALKONFERENZ,
                "beginn": beginn,
                "ende": beginn + datetime.timedelta(hours=6),
                "ort": "Stuttgart",
                "status": PUBLIC,
                "veroeffentlichen_ab": timezone.now() - datetime.timedelta(days=1),
                **fields,
            }
        )

    return make


@pytest.fixture
def make_seite(db):
    def make(slug="programm", **fields) -> Seite:
        return Seite.objects.create(
            **{
                "slug": slug,
                "titel": slug.title(),
                "status": PUBLIC,
                "text": "Inhalt der Seite.",
                **fields,
            }
        )

    return make


@pytest.fixture
def make_faq(db):
    def make(**fields) -> FAQ:
        thema, _ = FAQThema.objects.get_or_create(titel=fields.pop("thema", "Förderung"))
        return FAQ.objects.create(
            **{
                "thema": thema,
                "frage": "Wer darf Anträge stellen?",
                "text": "Landkreise, Städte und Gemeinden.",
                "status": PUBLIC,
                **fields,
            }
        )

    return make


@pytest.fixture
def make_video(db):
    def make(**fields) -> Video:
        video = Video.objects.create(
            titel="Kurzfilm",
            slug=fields.pop("slug", "kurzfilm"),
            status=PUBLIC,
            text="Beschreibung des Films.",
            **fields,
        )
        Videofassung.objects.create(
            video=video,
            bezeichnung="Kurzfassung",
            extern_url="https://www.youtube.com/watch?v=abcdEFGH123",
        )
        return video

    return make

"""The volunteering newsletter: composed in the admin, released into a PDF made in the
background, then mailed to those who agreed to receive it, each with their own way out."""

import datetime
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from ehrenamt import tasks
from ehrenamt.models import (
    Ehrenamtliche,
    Einwilligung,
    Newsletter,
    NewsletterBeitrag,
    NewsletterVersand,
)
from portal.models import Dokument, Export, Meldung
from tests.conftest import PERSONAS
from tests.portal.fixtures import PDF_BYTES

pytestmark = pytest.mark.django_db

KONTAKT, NEWSLETTER = Einwilligung.Zweck.KONTAKT, Einwilligung.Zweck.NEWSLETTER
VNU_JAR = Path(
    os.environ.get(
        "VNU_JAR",
        django_settings.BASE_DIR / "var/node/node_modules/vnu-jar/build/dist/vnu.jar",
    )
)


@pytest.fixture
def entwurf(make_meldung, make_veranstaltung):
    """A draft with an editorial, an event and a news item (with a remark), in that order."""

    def make(titel="Newsletter November 2016", **felder) -> Newsletter:
        newsletter = Newsletter.objects.create(
            titel=titel,
            datum=datetime.date(2016, 11, 21),
            text="Liebe Engagierte,\n\n## Weitere Themen\n\nAntworten [im Portal](/faq/).",
            **felder,
        )
        konferenz = make_veranstaltung(
            titel="Regionalkonferenz Stuttgart", teaser="Austausch und Vernetzung."
        )
        meldung = make_meldung(
            titel="Kommunale Flüchtlingsdialoge: Neue Antragsfrist", teaser="Anträge bis Ende 2016."
        )
        NewsletterBeitrag.objects.create(newsletter=newsletter, meldung=meldung, reihenfolge=2)
        NewsletterBeitrag.objects.create(
            newsletter=newsletter,
            veranstaltung=konferenz,
            reihenfolge=1,
            anmerkung="Anmeldung bis 20.11.2016",
        )
        return newsletter

    return make


@pytest.fixture
def freigeben(django_capture_on_commit_callbacks):
    """Release as the admin does, and run what waits for the commit (the PDF export, then the
    mail) as the worker would right after it."""

    def release(newsletter: Newsletter, von) -> Export:
        with django_capture_on_commit_callbacks(execute=True):
            export = newsletter.freigeben(von)
        newsletter.refresh_from_db()
        export.refresh_from_db()
        return export

    return release


def _text(inhalt: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(inhalt)).pages)


def _lesezeichen(eintraege) -> list[str]:
    titel = []
    for eintrag in eintraege:
        if isinstance(eintrag, list):
            titel += _lesezeichen(eintrag)
        else:
            titel.append(eintrag.title)
    return titel


def _links(inhalt: bytes) -> list[str]:
    return [
        annotation.get_object()["/A"]["/URI"]
        for page in PdfReader(io.BytesIO(inhalt)).pages
        for annotation in page.get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    ]


def _einwilligungen_link(nachricht) -> str:
    return re.search(r"(/ehrenamt/einwilligungen/[^/\s]+/)", nachricht.body).group(1)


# --- release and PDF --------------------------------------------------------------------------


def test_release_stores_the_pdf_with_size_checksum_contents_and_headings(
    entwurf, programme_staff, freigeben
):
    newsletter = entwurf()

    export = freigeben(newsletter, programme_staff)

    assert export.stand == Export.Stand.FERTIG
    assert newsletter.freigegeben and newsletter.freigegeben_von == programme_staff
    inhalt = newsletter.datei.open("rb").read()
    assert newsletter.groesse == len(inhalt) > 10_000
    assert newsletter.sha256 == hashlib.sha256(inhalt).hexdigest() == export.sha256
    text = _text(inhalt)
    assert "Newsletter November 2016" in text and "Ausgabe vom 21.11.2016" in text
    # The contents name the editorial and the items in their order, each with its page.
    inhalt_teil = text.split("Inhalt", 1)[1]
    assert re.search(r"Editorial[ .]+1\n", inhalt_teil)
    assert re.search(r"Regionalkonferenz Stuttgart[ .]+1\n", inhalt_teil)
    assert re.search(r"Kommunale Flüchtlingsdialoge: Neue Antragsfrist[ .]+1\n", inhalt_teil)
    beitraege = text.rsplit("Editorial", 1)[1]
    assert beitraege.index("Regionalkonferenz") < beitraege.index("Kommunale Flüchtlingsdialoge")
    assert "Hinweis der Redaktion: Anmeldung bis 20.11.2016" in text
    assert "Entwurf" not in text
    assert set(_lesezeichen(PdfReader(io.BytesIO(inhalt)).outline)) >= {
        "Editorial",
        "Regionalkonferenz Stuttgart",
        "Kommunale Flüchtlingsdialoge: Neue Antragsfrist",
    }
    # Links lead into the portal, also the editorial's relative one.
    links = _links(inhalt)
    assert f"{django_settings.SITE_URL}/faq/" in links
    meldung = Meldung.objects.get(titel__startswith="Kommunale")
    assert f"{django_settings.SITE_URL}{meldung.get_absolute_url()}" in links


def test_the_pdf_is_tagged_german_and_says_so(entwurf):
    inhalt = entwurf().pdf()
    reader = PdfReader(io.BytesIO(inhalt))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/Lang"] == "de"


def test_a_draft_cannot_be_released_empty_or_with_unpublished_items(
    entwurf, make_meldung, programme_staff
):
    leer = Newsletter.objects.create(titel="Leer")
    with pytest.raises(ValidationError, match="mindestens einen Beitrag"):
        leer.freigeben(programme_staff)

    newsletter = entwurf()
    NewsletterBeitrag.objects.create(
        newsletter=newsletter,
        meldung=make_meldung(titel="Noch geheim", status=Meldung.Status.ENTWURF),
    )
    with pytest.raises(ValidationError, match=r"noch nicht veröffentlicht.*Noch geheim"):
        newsletter.freigeben(programme_staff)

    assert not Newsletter.objects.filter(stand=Newsletter.Stand.FREIGEGEBEN).exists()
    assert not Export.objects.exists()


def test_a_failed_render_leaves_the_reason_no_file_and_no_mail(
    entwurf,
    programme_staff,
    freigeben,
    make_ehrenamtliche,
    settings,
    tmp_path,
    client_for,
    django_capture_on_commit_callbacks,
):
    make_ehrenamtliche(einwilligungen=[NEWSLETTER])
    newsletter = entwurf()
    schriften = settings.BASE_DIR
    settings.BASE_DIR = tmp_path  # the fonts cannot be found: WeasyPrint must not fall back

    export = freigeben(newsletter, programme_staff)

    assert export.stand == Export.Stand.FEHLER and "Font" in export.fehler
    assert not export.datei and not export.sha256
    assert not newsletter.datei and newsletter.groesse == 0 and not newsletter.sha256
    assert list(Path(settings.MEDIA_ROOT).rglob("*.pdf")) == []
    assert mail.outbox == [] and not NewsletterVersand.objects.exists()
    admin = client_for("programme_staff")
    seite = admin.get(reverse("admin:ehrenamt_newsletter_change", args=[newsletter.pk]))
    assert "konnte nicht erstellt werden" in seite.text and "Grund:" in seite.text
    assert "PDF neu erstellen" in seite.text

    # Once the fonts are back, the PDF is made again and the mail follows, once.
    settings.BASE_DIR = schriften
    url = reverse("admin:ehrenamt_newsletter_pdf-neu", args=[newsletter.pk])
    with django_capture_on_commit_callbacks(execute=True):
        antwort = admin.post(url)
    newsletter.refresh_from_db()
    assert antwort.status_code == 302
    assert newsletter.datei and len(newsletter.sha256) == 64
    assert len(mail.outbox) == 1


# --- who gets the mail ------------------------------------------------------------------------


def test_a_newsletter_email_reaches_only_those_with_the_newsletter_consent(
    entwurf, programme_staff, freigeben, make_ehrenamtliche
):
    anna = make_ehrenamtliche(vorname="Anna", einwilligungen=[KONTAKT, NEWSLETTER])
    paul = make_ehrenamtliche(
        vorname="Paul", stand=Ehrenamtliche.Stand.PAUSIERT, einwilligungen=[NEWSLETTER]
    )
    make_ehrenamtliche(vorname="Otto", einwilligungen=[KONTAKT])
    make_ehrenamtliche(
        vorname="Ute", stand=Ehrenamtliche.Stand.UNBESTAETIGT, einwilligungen=[NEWSLETTER]
    )
    make_ehrenamtliche(
        vorname="Arne", stand=Ehrenamtliche.Stand.ANONYMISIERT, einwilligungen=[NEWSLETTER]
    )
    make_ehrenamtliche(vorname="Wilma", einwilligungen=[NEWSLETTER]).widerrufen(NEWSLETTER)
    make_ehrenamtliche(vorname="Alma", einwilligungen=[NEWSLETTER]).anonymisieren()

    freigeben(entwurf(), programme_staff)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([anna.email, paul.email])
    for nachricht in mail.outbox:
        person = Ehrenamtliche.objects.get(email=nachricht.to[0])
        assert nachricht.subject == "[Flüchtlingshilfe Kommunal] Newsletter November 2016"
        assert f"Guten Tag {person.vorname} {person.nachname}" in nachricht.body
        # The person's own link to their consents, in the text, the HTML and the header.
        # The token is signed with a timestamp, so it is compared by whom it opens.
        eigener = _einwilligungen_link(nachricht)
        token = eigener.rstrip("/").rsplit("/", 1)[1]
        assert Ehrenamtliche.aus_einwilligungen_token(token) == person
        html, art = nachricht.alternatives[0]
        assert art == "text/html" and f'href="{django_settings.SITE_URL}{eigener}"' in html
        assert nachricht.extra_headers["List-Unsubscribe"] == (
            f"<{django_settings.SITE_URL}{eigener}>"
        )
        assert "Regionalkonferenz Stuttgart" in nachricht.body and "Weiterlesen:" in nachricht.body
        assert f"({django_settings.SITE_URL}/faq/)" in nachricht.body
    assert NewsletterVersand.objects.filter(gesendet_am__isnull=False).count() == 2


def test_the_unsubscribe_link_withdraws_the_consent_and_the_next_newsletter_stays_away(
    entwurf, programme_staff, freigeben, make_ehrenamtliche, client
):
    anna = make_ehrenamtliche(vorname="Anna", einwilligungen=[NEWSLETTER])
    bleibt = make_ehrenamtliche(vorname="Berta", einwilligungen=[NEWSLETTER])
    freigeben(entwurf(), programme_staff)
    nachricht = next(m for m in mail.outbox if m.to == [anna.email])
    link = nachricht.extra_headers["List-Unsubscribe"].strip("<>")

    seite = client.get(link)
    abbestellt = client.post(link, {"zweck": NEWSLETTER}, follow=True)

    assert "Newsletter per E-Mail" in seite.text
    assert "Widerrufen: Newsletter per E-Mail" in abbestellt.text
    assert not anna.hat_eingewilligt(NEWSLETTER)
    mail.outbox.clear()
    freigeben(entwurf(titel="Newsletter Dezember 2016"), programme_staff)
    assert [m.to for m in mail.outbox] == [[bleibt.email]]


def test_sending_again_mails_nobody_twice(
    entwurf,
    programme_staff,
    freigeben,
    make_ehrenamtliche,
    client_for,
    django_capture_on_commit_callbacks,
):
    for name in ["Anna", "Berta"]:
        make_ehrenamtliche(vorname=name, einwilligungen=[NEWSLETTER])
    newsletter = entwurf()
    freigeben(newsletter, programme_staff)
    assert len(mail.outbox) == 2

    # The task runs again (a retry, a second worker): nobody gets it twice.
    assert tasks.newsletter_versenden.call(newsletter.pk) == {"gesendet": 0, "fehlgeschlagen": 0}
    assert len(mail.outbox) == 2
    # Whoever subscribed since gets it when the Redaktion continues the sending; nobody else.
    neu = make_ehrenamtliche(vorname="Clara", einwilligungen=[NEWSLETTER])
    admin = client_for("programme_staff")
    url = reverse("admin:ehrenamt_newsletter_versenden", args=[newsletter.pk])
    assert "an eine Person, die ihn abonniert und noch nicht erhalten hat." in admin.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(url).status_code == 302
    assert [m.to for m in mail.outbox[2:]] == [[neu.email]]
    assert NewsletterVersand.objects.filter(newsletter=newsletter).count() == 3


def test_a_failed_delivery_is_tried_again_and_only_that(
    entwurf, programme_staff, freigeben, make_ehrenamtliche, settings
):
    make_ehrenamtliche(vorname="Anna", einwilligungen=[NEWSLETTER])
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    newsletter = entwurf()

    freigeben(newsletter, programme_staff)  # the mail server is down

    newsletter.refresh_from_db()
    assert newsletter.datei and newsletter.versendet_am is None
    assert not NewsletterVersand.objects.exists()  # the row was given back
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert tasks.newsletter_versenden.call(newsletter.pk) == {"gesendet": 1, "fehlgeschlagen": 0}
    assert tasks.newsletter_versenden.call(newsletter.pk) == {"gesendet": 0, "fehlgeschlagen": 0}
    assert len(mail.outbox) == 1
    newsletter.refresh_from_db()
    assert newsletter.versendet_am is not None


def test_the_mail_is_valid_accessible_html_without_remote_content(
    entwurf, programme_staff, freigeben, make_ehrenamtliche, tmp_path
):
    make_ehrenamtliche(einwilligungen=[NEWSLETTER])
    freigeben(entwurf(), programme_staff)
    html = mail.outbox[0].alternatives[0][0]

    assert '<html lang="de">' in html and html.count("<h1") == 1
    assert "<img" not in html and "<script" not in html and "<link" not in html
    assert re.findall(r'src="', html) == []
    # The editorial's headings come below its own section heading.
    assert "<h3>Weitere Themen</h3>" in html
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: `make test` installs it (npm vnu-jar)"
    assert shutil.which("java"), "the Nu Html Checker needs Java"
    datei = tmp_path / "newsletter.html"
    datei.write_text(html)
    ergebnis = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(datei)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert json.loads(ergebnis.stderr or '{"messages": []}')["messages"] == []


# --- the composer in the admin ----------------------------------------------------------------


def _formular(**felder) -> dict:
    daten = {
        "titel": "Newsletter Dezember 2016",
        "datum": "15.12.2016",
        "herausgeber": Newsletter.HERAUSGEBER,
        "text": "Liebe Engagierte,\n\nein kurzer Gruß.",
        "beitraege-TOTAL_FORMS": "0",
        "beitraege-INITIAL_FORMS": "0",
        "beitraege-MIN_NUM_FORMS": "0",
        "beitraege-MAX_NUM_FORMS": "1000",
    }
    return {**daten, **felder}


def _beitraege(*zeilen: dict) -> dict:
    daten = {"beitraege-TOTAL_FORMS": str(len(zeilen))}
    for nummer, zeile in enumerate(zeilen):
        daten.update({f"beitraege-{nummer}-{feld}": wert for feld, wert in zeile.items()})
    return daten


def test_the_redaktion_composes_previews_and_releases_in_the_admin(
    client_for,
    make_meldung,
    make_veranstaltung,
    make_ehrenamtliche,
    django_capture_on_commit_callbacks,
):
    make_ehrenamtliche(vorname="Anna", einwilligungen=[NEWSLETTER])
    meldung = make_meldung(titel="Handbuch für Arbeitskreise")
    treffen = make_veranstaltung(titel="Gesamttreffen der Lokalen Bündnisse")
    admin = client_for("programme_staff")

    antwort = admin.post(
        reverse("admin:ehrenamt_newsletter_add"),
        _formular(
            **_beitraege(
                {"reihenfolge": "2", "meldung": meldung.pk, "anmerkung": ""},
                {"reihenfolge": "1", "veranstaltung": treffen.pk, "anmerkung": "Neu!"},
            )
        ),
    )
    assert antwort.status_code == 302, antwort.context["adminform"].form.errors
    newsletter = Newsletter.objects.get()
    assert [b.titel for b in newsletter.beitraege_geordnet()] == [treffen.titel, meldung.titel]

    seite = admin.get(reverse("admin:ehrenamt_newsletter_change", args=[newsletter.pk])).text
    assert "geht der Newsletter an 1 Person, die ihn abonniert hat" in seite
    liste = admin.get(reverse("admin:ehrenamt_newsletter_changelist")).text
    assert "derzeit 1 Ehrenamtliche abonniert" in liste

    vorschau = admin.get(reverse("admin:ehrenamt_newsletter_vorschau", args=[newsletter.pk]))
    assert vorschau["Content-Type"] == "application/pdf"
    assert "ENTWURF" in _text(vorschau.content) and "Gesamttreffen" in _text(vorschau.content)
    assert not Newsletter.objects.get().freigegeben

    url = reverse("admin:ehrenamt_newsletter_freigeben", args=[newsletter.pk])
    assert "an eine Person, die ihn abonniert hat." in admin.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        freigabe = admin.post(url)
    export = Export.objects.get()
    assert freigabe["Location"] == export.get_absolute_url()
    assert "Das PDF ist fertig" in admin.get(export.get_absolute_url()).text
    seite = admin.get(reverse("admin:ehrenamt_newsletter_change", args=[newsletter.pk])).text
    assert "Per E-Mail erhalten: 1 Person" in seite and "PDF herunterladen" in seite
    assert "Versand fortsetzen" not in seite  # everyone has it
    liste = admin.get(reverse("admin:ehrenamt_newsletter_changelist")).text
    assert re.search(r'<td class="field-versendet">1</td>', liste)


def test_while_the_pdf_waits_the_page_shows_its_state_and_reloads_it(entwurf, client_for, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    newsletter = entwurf()
    admin = client_for("programme_staff")

    admin.post(reverse("admin:ehrenamt_newsletter_freigeben", args=[newsletter.pk]))

    export = Export.objects.get()
    assert export.stand == Export.Stand.WARTET
    seite = admin.get(reverse("admin:ehrenamt_newsletter_change", args=[newsletter.pk])).text
    assert "Wartet auf die Erstellung" in seite and "js/export.js" in seite
    assert f"{export.get_absolute_url()}?teil=stand" in seite
    assert "Die E-Mails gehen hinaus, sobald das PDF fertig ist." in seite
    assert "PDF neu erstellen" not in seite
    assert mail.outbox == []


def test_a_released_newsletter_is_read_only_in_the_admin(
    entwurf, programme_staff, freigeben, client_for
):
    newsletter = entwurf()
    freigeben(newsletter, programme_staff)
    beitraege = list(newsletter.beitraege.values_list("pk", "reihenfolge", "anmerkung"))
    admin = client_for("programme_staff")
    url = reverse("admin:ehrenamt_newsletter_change", args=[newsletter.pk])

    ansicht = admin.get(url)
    aendern = admin.post(url, _formular(titel="Geändert", text="Neu"))
    loeschen = admin.post(
        reverse("admin:ehrenamt_newsletter_delete", args=[newsletter.pk]), {"post": "yes"}
    )
    nochmal = admin.post(reverse("admin:ehrenamt_newsletter_freigeben", args=[newsletter.pk]))
    vorschau = admin.get(reverse("admin:ehrenamt_newsletter_vorschau", args=[newsletter.pk]))

    assert ansicht.status_code == 200 and "PDF herunterladen" in ansicht.text
    assert aendern.status_code == 403 and loeschen.status_code == 403
    assert nochmal.status_code == 404 and vorschau.status_code == 404
    unveraendert = Newsletter.objects.get(pk=newsletter.pk)
    assert (unveraendert.titel, unveraendert.text) == (newsletter.titel, newsletter.text)
    assert list(newsletter.beitraege.values_list("pk", "reihenfolge", "anmerkung")) == beitraege
    pdf = admin.get(reverse("admin:ehrenamt_newsletter_pdf", args=[newsletter.pk]))
    assert hashlib.sha256(b"".join(pdf.streaming_content)).hexdigest() == newsletter.sha256


@pytest.mark.parametrize(
    ("zeile", "meldung"),
    [
        ("beides", "Bitte wählen Sie für jeden Beitrag genau eines: eine Meldung oder eine"),
        ("keines", "Bitte wählen Sie für jeden Beitrag genau eines: eine Meldung oder eine"),
        ("doppelt", "Bitte die doppelten Daten für meldung korrigieren"),
        ("zu_lang", "höchstens 300 Zeichen"),
        ("unbekannt", "Bitte eine gültige Auswahl treffen"),
    ],
)
def test_bad_items_get_a_german_message_and_nothing_is_saved(
    client_for, make_meldung, make_veranstaltung, zeile, meldung
):
    nachricht = make_meldung()
    treffen = make_veranstaltung()
    zeilen = {
        "beides": [{"meldung": nachricht.pk, "veranstaltung": treffen.pk}],
        "keines": [{"anmerkung": "Nur eine Anmerkung"}],
        "doppelt": [{"meldung": nachricht.pk}, {"meldung": nachricht.pk}],
        "zu_lang": [{"meldung": nachricht.pk, "anmerkung": "x" * 301}],
        "unbekannt": [{"meldung": "999999"}],
    }[zeile]

    antwort = client_for("programme_staff").post(
        reverse("admin:ehrenamt_newsletter_add"),
        _formular(**_beitraege(*({"reihenfolge": "0", **z} for z in zeilen))),
    )

    assert antwort.status_code == 200
    assert meldung in antwort.text
    assert not Newsletter.objects.exists() and not NewsletterBeitrag.objects.exists()


def test_bad_newsletter_fields_get_german_messages_and_script_is_removed(client_for):
    admin = client_for("programme_staff")
    fehler = admin.post(
        reverse("admin:ehrenamt_newsletter_add"), _formular(titel="x" * 201, datum="31.02.2016")
    )
    assert fehler.status_code == 200
    assert "höchstens 200 Zeichen" in fehler.text and "gültiges Datum" in fehler.text
    assert not Newsletter.objects.exists()

    admin.post(
        reverse("admin:ehrenamt_newsletter_add"),
        _formular(text='Hallo <script>alert("x")</script><b onclick="x()">fett</b>'),
    )
    assert "<script" not in Newsletter.objects.get().editorial_html()
    assert "onclick" not in Newsletter.objects.get().editorial_html()


def test_a_release_the_admin_refuses_says_why_in_german(client_for):
    leer = Newsletter.objects.create(titel="Leer")
    admin = client_for("programme_staff")
    antwort = admin.post(
        reverse("admin:ehrenamt_newsletter_freigeben", args=[leer.pk]), follow=True
    )
    assert antwort.status_code == 200
    assert "Ein Newsletter braucht vor der Freigabe mindestens einen Beitrag." in antwort.text
    assert not Newsletter.objects.get().freigegeben


# Staff pages of the Redaktion: other staff get 403, everyone else is sent to the login.
REDAKTION = {
    **dict.fromkeys(PERSONAS, 302),
    "programme_staff": 200,
    "foerderreferat": 403,
    "superuser": 200,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "name", ["changelist", "add", "change", "vorschau", "freigeben", "pdf", "versenden"]
)
def test_only_the_redaktion_composes_newsletters(name, persona, client_for, entwurf):
    newsletter = entwurf(titel="Newsletter")
    if name in ("pdf", "versenden"):  # released, with its PDF
        newsletter.stand = Newsletter.Stand.FREIGEGEBEN
        newsletter.datei = ContentFile(PDF_BYTES, name="newsletter.pdf")
        newsletter.save()
    args = [] if name in ("changelist", "add") else [newsletter.pk]

    antwort = client_for(persona).get(reverse(f"admin:ehrenamt_newsletter_{name}", args=args))

    assert antwort.status_code == REDAKTION[persona]


def test_the_release_pages_refuse_other_methods(client_for, entwurf):
    admin = client_for("programme_staff")
    newsletter = entwurf()
    for name in ["vorschau", "pdf"]:
        url = reverse(f"admin:ehrenamt_newsletter_{name}", args=[newsletter.pk])
        assert admin.post(url).status_code == 405
    url = reverse("admin:ehrenamt_newsletter_freigeben", args=[newsletter.pk])
    assert admin.delete(url).status_code == 405


def test_the_list_needs_the_same_queries_for_one_and_five_newsletters(
    client_for, entwurf, freigeben, programme_staff
):
    admin = client_for("programme_staff")
    url = reverse("admin:ehrenamt_newsletter_changelist")

    def zaehlen() -> int:
        with CaptureQueriesContext(connection) as abfragen:
            assert admin.get(url).status_code == 200
        return len(abfragen)

    freigeben(entwurf(titel="Erster"), programme_staff)
    eine = zaehlen()
    for nummer in range(4):
        entwurf(titel=f"Weiterer {nummer}")
    assert zaehlen() == eine


# --- demo -------------------------------------------------------------------------------------


def test_the_demo_composes_the_seed_newsletter_whose_pdf_is_the_documents_file(settings):
    from ehrenamt import demo as ehrenamt_demo
    from portal import demo as portal_demo

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    portal_demo.seed(io.StringIO())
    ehrenamt_demo.newsletter()
    ehrenamt_demo.newsletter()

    november = Newsletter.objects.get(titel="Newsletter November 2016")
    assert Newsletter.objects.count() == 2 and NewsletterBeitrag.objects.count() == 8
    assert november.freigegeben and november.datum == datetime.date(2016, 11, 21)
    assert [b.titel for b in november.beitraege_geordnet()][:2] == [
        "Regionalkonferenz Stuttgart: Engagiert weiter!",
        "Kommunale Flüchtlingsdialoge: Anträge bis 31.10.2016",
    ]
    dokument = Dokument.objects.get(titel="Newsletter der LpB, November 2016")
    inhalt = dokument.datei.open("rb").read()
    assert hashlib.sha256(inhalt).hexdigest() == november.sha256
    assert dokument.format_label == f"PDF: {round(len(inhalt) / 1024)} KB"
    text = _text(inhalt)
    assert "Aktionsfonds" in text and "Neue Antragsfrist" in text
    assert not Newsletter.objects.get(titel="Newsletter Januar 2017").freigegeben
    assert mail.outbox == []

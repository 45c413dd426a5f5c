"""The communication platform at /plattform/: requests for access, decisions in the admin,
topics, posts and attachments for members only, and the daily summary."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kontakte.models import Anhang, Beitrag, Diskussion, PlattformZugang
from tests.kontakte.plattform_fixtures import (
    client_for_mitglied,
    make_beitrag,
    make_diskussion,
    make_mitglied,
)
from tests.portal.fixtures import PDF_BYTES

pytestmark = pytest.mark.django_db

GEHEIMER_TITEL = "Vertrauliches Thema Sprachcafé"
GEHEIMER_TEXT = "Nur für Mitglieder: Erfahrungen mit dem Sprachcafé"


def _pdf(name="bericht.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _beantragen(user, **fields) -> PlattformZugang:
    return PlattformZugang.objects.create(
        user=user, funktion="Gemeinde Musterhausen", begruendung="Austausch", **fields
    )


# --- Asking for access ------------------------------------------------------------------------


def test_anonymous_visitor_gets_the_explanation_and_login_links(client):
    make_diskussion(titel=GEHEIMER_TITEL, text=GEHEIMER_TEXT)
    response = client.get("/plattform/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ansprechpartner Bürgerschaftliches Engagement" in html
    assert f"{reverse('account_login')}?next=/plattform/" in html
    assert f"{reverse('account_signup')}?next=/plattform/" in html
    assert GEHEIMER_TITEL not in html
    assert 'name="funktion"' not in html


def test_citizen_requests_access_and_waits(client_for, citizen):
    client = client_for("citizen")
    assert 'name="begruendung"' in client.get("/plattform/").content.decode()
    response = client.post(
        "/plattform/zugang/",
        {"funktion": "Stadt Ludwigsburg, Integration", "begruendung": "Austausch zu Patenschaften"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/plattform/"
    zugang = PlattformZugang.objects.get(user=citizen)
    assert zugang.status == PlattformZugang.Status.BEANTRAGT
    assert (zugang.entschieden_am, zugang.entschieden_von) == (None, None)
    html = client.get("/plattform/").content.decode()
    assert "Ihr Antrag liegt vor" in html
    assert 'name="funktion"' not in html


def test_request_without_details_gets_german_errors_and_saves_nothing(client_for):
    client = client_for("citizen")
    response = client.post("/plattform/zugang/", {"funktion": "", "begruendung": "x" * 1001})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte nennen Sie Ihre Organisation und Ihre Funktion." in html
    assert "Bitte kürzen Sie Ihre Begründung auf höchstens 1.000 Zeichen." in html
    assert not PlattformZugang.objects.exists()


def test_pending_request_is_not_replaced_by_a_second_one(client_for, citizen):
    zugang = _beantragen(citizen)
    response = client_for("citizen").post(
        "/plattform/zugang/", {"funktion": "Neu", "begruendung": "Neu"}
    )
    assert response.status_code == 302
    zugang.refresh_from_db()
    assert zugang.funktion == "Gemeinde Musterhausen"


def test_staff_approve_in_the_admin_and_the_requester_is_told(
    client_for, citizen, programme_staff, django_capture_on_commit_callbacks
):
    zugang = _beantragen(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("programme_staff").post(
            "/admin/kontakte/plattformzugang/",
            {"action": "freischalten", "_selected_action": [zugang.pk], "index": 0},
        )
    assert response.status_code == 302
    zugang.refresh_from_db()
    assert zugang.status == PlattformZugang.Status.BESTAETIGT
    assert zugang.entschieden_von == programme_staff
    assert timezone.now() - zugang.entschieden_am < datetime.timedelta(minutes=1)
    [message] = mail.outbox
    assert message.to == [citizen.email]
    assert message.reply_to == [programme_staff.email]
    assert "freigeschaltet" in message.subject
    assert "Ihr Zugang zur Kommunikationsplattform" in message.body
    assert "/plattform/" in message.body
    assert PlattformZugang.hat_zugang(citizen)


def test_staff_decline_with_a_reason_on_a_second_page(
    client_for, citizen, superuser, django_capture_on_commit_callbacks
):
    zugang = _beantragen(citizen)
    client = client_for("superuser")
    data = {"action": "ablehnen", "_selected_action": [zugang.pk]}
    response = client.post("/admin/kontakte/plattformzugang/", {**data, "index": 0})
    assert response.status_code == 200
    assert "Begründung für die Antragstellenden" in response.content.decode()
    zugang.refresh_from_db()
    assert zugang.status == PlattformZugang.Status.BEANTRAGT
    assert mail.outbox == []

    reason = "Die Plattform ist für kommunale Ansprechpersonen gedacht."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/kontakte/plattformzugang/",
            {**data, "ablehnen_bestaetigt": "ja", "vermerk": reason},
        )
    assert response.status_code == 302
    zugang.refresh_from_db()
    assert (zugang.status, zugang.entschieden_von, zugang.vermerk) == (
        PlattformZugang.Status.ABGELEHNT,
        superuser,
        reason,
    )
    [message] = mail.outbox
    assert message.to == [citizen.email]
    assert "leider abgelehnt" in message.body
    assert f"Begründung: {reason}" in message.body
    assert not PlattformZugang.hat_zugang(citizen)


def test_decision_fields_cannot_be_typed_in_the_admin(client_for, citizen):
    zugang = _beantragen(citizen)
    url = f"/admin/kontakte/plattformzugang/{zugang.pk}/change/"
    html = client_for("programme_staff").get(url).content.decode()
    for field in ["status", "entschieden_am", "entschieden_von", "vermerk"]:
        assert f'name="{field}"' not in html


def test_staff_moderate_topics_in_the_admin(client_for):
    diskussion = make_diskussion(titel="Beschimpfungen")
    beitrag = make_beitrag(diskussion, make_mitglied(), text="Ein beleidigender Beitrag")
    client = client_for("programme_staff")
    assert "Beschimpfungen" in client.get("/admin/kontakte/diskussion/").content.decode()
    url = f"/admin/kontakte/diskussion/{diskussion.pk}/change/"
    html = client.get(url).content.decode()
    assert "Ein beleidigender Beitrag" in html
    assert "leitfaden.pdf (PDF: 4 KB)" in html
    data = {
        "titel": diskussion.titel,
        "geschlossen": "on",
        "beitraege-TOTAL_FORMS": 2,
        "beitraege-INITIAL_FORMS": 2,
        "beitraege-0-id": diskussion.beitraege.first().pk,
        "beitraege-0-diskussion": diskussion.pk,
        "beitraege-1-id": beitrag.pk,
        "beitraege-1-diskussion": diskussion.pk,
        "beitraege-1-DELETE": "on",
    }
    assert client.post(url, data).status_code == 302
    diskussion.refresh_from_db()
    assert diskussion.geschlossen
    assert list(diskussion.beitraege.values_list("text", flat=True)) == [
        "Wie finden Sie **Patinnen und Paten**?"
    ]
    assert client.get("/admin/kontakte/plattformzugang/").status_code == 200


def test_declined_user_may_ask_again_on_the_same_record(client_for, citizen, superuser):
    zugang = _beantragen(citizen)
    zugang.ablehnen(by=superuser, vermerk="Bitte Funktion angeben.")
    client = client_for("citizen")
    html = client.get("/plattform/").content.decode()
    assert "Ihr letzter Antrag wurde abgelehnt" in html
    assert "Bitte Funktion angeben." in html
    client.post(
        "/plattform/zugang/",
        {"funktion": "Stadt Ulm, Koordination Ehrenamt", "begruendung": "Neuer Versuch"},
    )
    zugang.refresh_from_db()
    assert PlattformZugang.objects.count() == 1
    assert zugang.status == PlattformZugang.Status.BEANTRAGT
    assert zugang.funktion == "Stadt Ulm, Koordination Ehrenamt"
    assert (zugang.entschieden_am, zugang.entschieden_von, zugang.vermerk) == (None, None, "")


# --- Members: topics, posts, attachments --------------------------------------------------------


def test_member_sees_topics_with_number_of_posts_and_last_post():
    mitglied = make_mitglied(first_name="Mia", last_name="Maier")
    diskussion = make_diskussion(autor=mitglied, titel=GEHEIMER_TITEL)
    make_beitrag(diskussion, make_mitglied())
    diskussion.refresh_from_db()
    html = client_for_mitglied(mitglied).get("/plattform/").content.decode()
    assert GEHEIMER_TITEL in html
    assert "2 Beiträge" in html
    assert timezone.localtime(diskussion.letzter_beitrag_am).strftime("%d.%m.%Y, %H:%M") in html
    assert "begonnen von Mia Maier" in html
    assert reverse("kontakte:diskussion-neu") in html


def test_member_starts_a_topic_with_pdfs_and_another_replies():
    mitglied = make_mitglied()
    response = client_for_mitglied(mitglied).post(
        "/plattform/themen/neu/",
        {
            "titel": "Sprachkurse im Landkreis",
            "text": "Hier der **Leitfaden**.",
            "dateien": [_pdf("leitfaden.pdf"), _pdf("anmeldung.pdf")],
        },
    )
    diskussion = Diskussion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == diskussion.get_absolute_url()
    erster = diskussion.beitraege.get()
    assert (diskussion.erstellt_von, erster.autor) == (mitglied, mitglied)
    assert erster.text_html == "<p>Hier der <strong>Leitfaden</strong>.</p>"
    assert sorted(a.dateiart for a in erster.anhaenge.all()) == ["PDF", "PDF"]

    zweites = make_mitglied(first_name="Jonas", last_name="Keller")
    client = client_for_mitglied(zweites)
    response = client.post(diskussion.get_absolute_url(), {"text": "Danke!", "dateien": _pdf()})
    antwort = Beitrag.objects.get(autor=zweites)
    assert response["Location"] == f"{diskussion.get_absolute_url()}#beitrag-{antwort.pk}"
    html = client.get(diskussion.get_absolute_url()).content.decode()
    assert "Jonas Keller" in html
    assert mitglied.email in html  # no full name: the e-mail address stands for the author
    assert html.count("[PDF: 4 KB]") == 3
    anhang = antwort.anhaenge.get()
    download = client.get(anhang.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Disposition"].startswith("attachment;")
    assert "private" in download["Cache-Control"]


def test_script_and_markup_in_a_post_are_removed():
    diskussion = make_diskussion()
    client = client_for_mitglied()
    client.post(
        diskussion.get_absolute_url(),
        {
            "text": 'Hallo <script>alert("x")</script><a href="javascript:alert(1)" '
            'onclick="steal()">Link</a> <img src=x onerror=alert(2)>'
        },
    )
    beitrag = diskussion.beitraege.last()
    for bad in ["<script", "javascript:", "onclick", "onerror", "<img"]:
        assert bad not in beitrag.text_html
    html = client.get(diskussion.get_absolute_url()).content.decode()
    assert 'alert("x")' not in html
    assert "steal()" not in html


def test_a_post_of_nothing_but_script_is_refused():
    diskussion = make_diskussion()
    response = client_for_mitglied().post(
        diskussion.get_absolute_url(), {"text": "<script>alert(1)</script>"}
    )
    assert response.status_code == 200
    assert "Ihr Beitrag enthält keinen lesbaren Text." in response.content.decode()
    assert diskussion.beitraege.count() == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("programm.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
        ("notizen.pdf", b"Nur Text, kein PDF.\n" * 20),
        ("bild.docx", b"PK\x03\x04 kaputtes Archiv"),
    ],
)
def test_file_that_is_no_office_document_is_refused_and_nothing_is_saved(settings, name, content):
    response = client_for_mitglied().post(
        "/plattform/themen/neu/",
        {
            "titel": "Mit falscher Datei",
            "text": "Siehe Anhang.",
            "dateien": [_pdf(), SimpleUploadedFile(name, content)],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"„{name}“: Diese Datei ist kein PDF, DOCX" in html
    assert "Bitte prüfen Sie Ihre Angaben" in html
    assert (Diskussion.objects.count(), Beitrag.objects.count(), Anhang.objects.count()) == (
        0,
        0,
        0,
    )
    assert not (settings.MEDIA_ROOT / "plattform").exists()


def test_more_than_five_files_are_refused():
    diskussion = make_diskussion()
    response = client_for_mitglied().post(
        diskussion.get_absolute_url(),
        {"text": "Viele Dateien", "dateien": [_pdf(f"{n}.pdf") for n in range(6)]},
    )
    assert "Bitte hängen Sie höchstens 5 Dateien an; Sie haben 6 gewählt." in (
        response.content.decode()
    )
    assert diskussion.beitraege.count() == 1


def test_empty_and_too_long_posts_get_german_errors():
    client = client_for_mitglied()
    response = client.post("/plattform/themen/neu/", {"titel": "x" * 201, "text": ""})
    html = response.content.decode()
    assert "Bitte kürzen Sie den Titel auf höchstens 200 Zeichen." in html
    assert "Bitte schreiben Sie Ihren Beitrag." in html
    response = client.post(
        "/plattform/themen/neu/", {"titel": "Lang", "text": "x" * 10_001, "dateien": ""}
    )
    assert "Bitte kürzen Sie Ihren Beitrag auf höchstens 10.000 Zeichen" in (
        response.content.decode()
    )
    assert not Diskussion.objects.exists()


def test_closed_topic_shows_no_form_and_refuses_posts():
    diskussion = make_diskussion()
    Diskussion.objects.filter(pk=diskussion.pk).update(geschlossen=True)
    client = client_for_mitglied()
    html = client.get(diskussion.get_absolute_url()).content.decode()
    assert "Dieses Thema ist geschlossen." in html
    assert 'name="text"' not in html
    response = client.post(diskussion.get_absolute_url(), {"text": "Doch noch etwas"})
    assert response.status_code == 403
    assert "Neue Beiträge sind nicht möglich." in response.content.decode()
    assert diskussion.beitraege.count() == 1


def test_member_switches_the_daily_summary_on_and_off():
    mitglied = make_mitglied()
    client = client_for_mitglied(mitglied)
    assert 'name="digest"' in client.get("/plattform/einstellungen/").content.decode()
    before = timezone.now()
    assert client.post("/plattform/einstellungen/", {"digest": "on"}).status_code == 302
    zugang = mitglied.plattform_zugang
    zugang.refresh_from_db()
    assert zugang.digest
    assert zugang.digest_bis >= before  # the first summary does not reach back to the approval
    client.post("/plattform/einstellungen/", {})
    zugang.refresh_from_db()
    assert not zugang.digest


def test_member_gets_404_for_a_topic_or_file_that_does_not_exist():
    client = client_for_mitglied()
    assert client.get("/plattform/themen/999999/").status_code == 404
    assert client.get("/plattform/anhaenge/999999/").status_code == 404


# --- Non-members get nothing ------------------------------------------------------------------


@pytest.fixture
def nichtmitglied(request, citizen, superuser):
    """A client for each kind of non-member."""

    def make(kind: str) -> Client:
        if kind == "anonymous":
            return Client()
        if kind in {"pending", "declined"}:
            zugang = _beantragen(citizen)
            if kind == "declined":
                zugang.ablehnen(by=superuser)
            kind = "citizen"
        client = Client()
        client.force_login(request.getfixturevalue(kind))
        return client

    return make


@pytest.mark.parametrize(
    "kind", ["anonymous", "citizen", "pending", "declined", "programme_staff", "superuser"]
)
def test_non_member_gets_no_platform_content_by_any_url(nichtmitglied, kind):
    diskussion = make_diskussion(titel=GEHEIMER_TITEL, text=GEHEIMER_TEXT)
    anhang = Anhang.objects.get()
    client = nichtmitglied(kind)
    urls = [
        "/plattform/",
        diskussion.get_absolute_url(),
        anhang.get_absolute_url(),
        "/plattform/themen/neu/",
        "/plattform/einstellungen/",
    ]
    for url in urls:
        response = client.get(url)
        content = b"".join(getattr(response, "streaming_content", [response.content]))
        assert GEHEIMER_TITEL.encode() not in content, url
        assert GEHEIMER_TEXT.encode() not in content, url
        assert PDF_BYTES not in content, url
        if url == "/plattform/":
            assert response.status_code == 200
        elif kind == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(f"{reverse('account_login')}?next=")
        else:
            assert response.status_code == 404, url

    for url in [diskussion.get_absolute_url(), "/plattform/themen/neu/"]:
        response = client.post(url, {"titel": "Eingeschmuggelt", "text": "Eingeschmuggelt"})
        assert response.status_code == (302 if kind == "anonymous" else 404)
    assert Beitrag.objects.count() == 1
    assert Diskussion.objects.count() == 1


# --- Daily summary ------------------------------------------------------------------------------


def _digest_abonnent(**fields):
    user = make_mitglied(**fields)
    PlattformZugang.objects.filter(user=user).update(
        digest=True, digest_bis=timezone.now() - datetime.timedelta(days=1)
    )
    return user


def test_summary_lists_the_new_posts_of_others_once():
    leserin = _digest_abonnent()
    ohne_abo = make_mitglied()
    schreiber = make_mitglied(first_name="Jonas", last_name="Keller")
    diskussion = make_diskussion(autor=schreiber, titel="Sprachkurse", text="Wer hat Erfahrung?")
    make_beitrag(diskussion, leserin, text="Mein eigener Beitrag")
    make_beitrag(diskussion, schreiber, text="Nachtrag zu den Kursen")

    out = io.StringIO()
    call_command("plattform_zusammenfassung", stdout=out)
    assert "sent: 1" in out.getvalue()
    [message] = mail.outbox
    assert message.to == [leserin.email]
    assert "2 neue Beiträge" in message.body
    assert "Sprachkurse" in message.body
    assert f"/plattform/themen/{diskussion.pk}/" in message.body
    assert "Jonas Keller: Wer hat Erfahrung?" in message.body
    assert "Nachtrag zu den Kursen" in message.body
    assert "Mein eigener Beitrag" not in message.body
    assert "/plattform/einstellungen/" in message.body
    assert ohne_abo.email not in [m.to[0] for m in mail.outbox]

    # The scheduler runs the job every few minutes: the same day brings no second mail.
    make_beitrag(diskussion, schreiber, text="Noch ein Hinweis")
    call_command("plattform_zusammenfassung", stdout=io.StringIO())
    assert len(mail.outbox) == 1

    # A day later (everything moved back a day) only the post not yet sent comes.
    PlattformZugang.objects.update(digest_bis=F("digest_bis") - datetime.timedelta(days=1))
    Beitrag.objects.exclude(text="Noch ein Hinweis").update(
        erstellt_am=F("erstellt_am") - datetime.timedelta(days=1)
    )
    call_command("plattform_zusammenfassung", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    assert "1 neuen Beitrag" in mail.outbox[1].body
    assert "Wer hat Erfahrung?" not in mail.outbox[1].body


def test_no_summary_without_new_posts():
    _digest_abonnent()
    make_diskussion(autor=make_mitglied(), text="Alt").beitraege.update(
        erstellt_am=timezone.now() - datetime.timedelta(days=3)
    )
    out = io.StringIO()
    call_command("plattform_zusammenfassung", stdout=out)
    assert mail.outbox == []
    assert "sent: 0" in out.getvalue()


def test_summary_starts_at_the_decision_when_none_was_sent_yet():
    leserin = _digest_abonnent()
    PlattformZugang.objects.filter(user=leserin).update(
        digest_bis=None, entschieden_am=timezone.now() - datetime.timedelta(hours=1)
    )
    make_diskussion(text="Neu seit der Freischaltung")
    call_command("plattform_zusammenfassung", stdout=io.StringIO())
    [message] = mail.outbox
    assert "Neu seit der Freischaltung" in message.body


def test_deleting_a_topic_removes_its_files_from_the_storage(django_capture_on_commit_callbacks):
    diskussion = make_diskussion()
    anhang = Anhang.objects.get(beitrag__diskussion=diskussion)
    storage, name = anhang.datei.storage, anhang.datei.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        diskussion.delete()
    assert not storage.exists(name)


def test_staff_are_told_of_a_new_access_request(
    client_for, settings, django_capture_on_commit_callbacks
):
    settings.MANAGERS = [("Programmteam", "be@staedtetag.example")]
    with django_capture_on_commit_callbacks(execute=True):
        client_for("citizen").post(
            reverse("kontakte:plattform-zugang"),
            {"funktion": "Stadt Ulm, Ehrenamt", "begruendung": "Austausch"},
        )
    (message,) = mail.outbox
    assert message.to == ["be@staedtetag.example"]
    assert "/admin/kontakte/plattformzugang/" in message.body

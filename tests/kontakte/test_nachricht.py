"""The contact form: a message is stored first, mailed in the background, retried until it
arrives; machines are kept out without locking out people."""

import re
import smtplib
import time
import uuid

import pytest
from django.core import mail, signing
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kontakte.models import Nachricht

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def _started(seconds_ago: int = 60) -> str:
    return signing.dumps(int(time.time()) - seconds_ago, salt="kontakte.nachricht.gestartet")


def _data(**changes) -> dict:
    return {
        "absender_name": "Erika Mustermann",
        "absender_email": "erika@example.org",
        "betreff": "Frage zum Flüchtlingsdialog",
        "text": "Guten Tag, wann ist die nächste Frist?",
        "datenschutz": "on",
        "website": "",
        "gestartet": _started(),
        "einsendung": str(uuid.uuid4()),  # a new form each time
        **changes,
    }


@pytest.fixture
def person(make_person):
    return make_person(vorname="Martin", nachname="Müller", email="mueller@staedtetag.example")


def _url(person) -> str:
    return reverse("kontakte:person-nachricht", args=[person.organisation.slug, person.slug])


def _send(client, person, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(_url(person), _data(**changes), REMOTE_ADDR="192.0.2.10")


def test_message_is_stored_mailed_and_confirmed(client, person, django_capture_on_commit_callbacks):
    response = _send(client, person, django_capture_on_commit_callbacks, kopie="on")
    assert response.status_code == 302
    nachricht = Nachricht.objects.get()
    assert nachricht.person == person and nachricht.status == Nachricht.Status.ZUGESTELLT
    assert nachricht.datenschutz_bestaetigt_am is not None
    assert "192.0.2.10" not in nachricht.ip_hash  # a keyed hash, not the address
    to_person, copy = mail.outbox
    assert to_person.to == ["mueller@staedtetag.example"]
    assert to_person.reply_to == ["Erika Mustermann <erika@example.org>"]
    assert "Frage zum Flüchtlingsdialog" in to_person.subject
    assert "wann ist die nächste Frist?" in to_person.body
    assert copy.to == ["erika@example.org"] and "Kopie" in copy.subject
    confirmation = client.get(response["Location"]).content.decode()
    assert "Vielen Dank, Ihre Nachricht ist eingegangen" in confirmation
    assert "Frage zum Flüchtlingsdialog" in confirmation and "Martin Müller" in confirmation


def test_message_to_an_organisation_goes_to_its_address(
    client, make_organisation, django_capture_on_commit_callbacks
):
    organisation = make_organisation(email="post@ludwigsburg.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("kontakte:organisation-nachricht", args=[organisation.slug]), _data()
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["post@ludwigsburg.example"]
    assert Nachricht.objects.get().person is None


def test_message_survives_a_failing_mail_server_and_is_sent_on_retry(
    client, person, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.kontakte.test_nachricht.FailingBackend"
    response = _send(client, person, django_capture_on_commit_callbacks)
    assert response.status_code == 302  # the sender is not bothered with our mail server
    nachricht = Nachricht.objects.get()
    assert nachricht.status == Nachricht.Status.FEHLGESCHLAGEN
    assert nachricht.versuche == 1 and "SMTPServerDisconnected" in nachricht.fehler
    assert nachricht.naechster_versuch_am > timezone.now()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("nachrichten_zustellen")  # not due yet: nothing happens
    assert mail.outbox == []
    Nachricht.objects.update(naechster_versuch_am=timezone.now())
    call_command("nachrichten_zustellen")
    nachricht.refresh_from_db()
    assert nachricht.status == Nachricht.Status.ZUGESTELLT and nachricht.versuche == 2
    assert mail.outbox[0].to == ["mueller@staedtetag.example"]


def test_staff_see_delivery_state_and_retry_in_the_admin(
    client, client_for, person, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.kontakte.test_nachricht.FailingBackend"
    _send(client, person, django_capture_on_commit_callbacks)
    staff = client_for("superuser")
    listing = staff.get("/admin/kontakte/nachricht/").content.decode()
    assert "Fehlgeschlagen, wird wiederholt" in listing
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = staff.post(
        "/admin/kontakte/nachricht/",
        {"action": "erneut_zustellen", "_selected_action": [Nachricht.objects.get().pk]},
        follow=True,
    )
    assert "1 von 1 Nachrichten zugestellt" in response.content.decode()
    assert Nachricht.objects.get().status == Nachricht.Status.ZUGESTELLT


def test_gives_up_after_the_last_attempt(person, settings):
    settings.EMAIL_BACKEND = "tests.kontakte.test_nachricht.FailingBackend"
    nachricht = Nachricht.objects.create(
        organisation=person.organisation,
        person=person,
        absender_name="Erika",
        absender_email="erika@example.org",
        betreff="Test",
        text="Text",
        datenschutz_bestaetigt_am=timezone.now(),
    )
    for _ in range(Nachricht.MAX_VERSUCHE):
        nachricht.zustellen()
    assert nachricht.status == Nachricht.Status.AUFGEGEBEN
    assert not Nachricht.objects.zuzustellen().exists()


def test_honeypot_rejects_without_a_500_and_stores_nothing(client, person):
    response = client.post(_url(person), _data(website="http://spam.example"))
    assert response.status_code == 200
    assert "automatische Einsendungen" in response.content.decode()
    assert not Nachricht.objects.exists()


def test_too_fast_is_rejected_and_the_form_can_be_sent_again(client, person, settings):
    settings.CONTACT_MIN_SECONDS = 3
    response = client.post(_url(person), _data(gestartet=_started(seconds_ago=0)))
    page = response.content.decode()
    assert response.status_code == 200 and "Das ging sehr schnell" in page
    assert not Nachricht.objects.exists()
    # Everything typed is kept, so a person only presses the button again.
    assert "Frage zum Flüchtlingsdialog" in page


@pytest.mark.parametrize("token", ["", "forged", signing.dumps(1, salt="anderswo")])
def test_a_missing_or_forged_start_time_is_rejected(client, person, token):
    response = client.post(_url(person), _data(gestartet=token))
    assert response.status_code == 200
    assert "Bitte senden Sie es noch einmal ab" in response.content.decode()
    assert not Nachricht.objects.exists()


def test_rate_limit_per_address_and_ip(
    client, person, settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_RATE_LIMIT = 2
    for _ in range(2):
        assert _send(client, person, django_capture_on_commit_callbacks).status_code == 302
    response = _send(client, person, django_capture_on_commit_callbacks)
    assert response.status_code == 429
    assert "in der letzten Stunde schon mehrere Nachrichten" in response.content.decode()
    # Another sender address from the same IP address is limited too.
    other = _send(
        client, person, django_capture_on_commit_callbacks, absender_email="zweite@example.org"
    )
    assert other.status_code == 429
    assert Nachricht.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"absender_name": ""}, "Bitte geben Sie Ihren Namen an."),
        ({"absender_email": "keine-adresse"}, "Bitte geben Sie eine E-Mail-Adresse wie"),
        ({"betreff": "x" * 151}, "höchstens 150 Zeichen"),
        ({"text": "x" * 5001}, "höchstens 5.000 Zeichen"),
        ({"datenschutz": ""}, "Bitte bestätigen Sie den Datenschutzhinweis"),
    ],
)
def test_bad_input_gets_a_german_message_and_saves_nothing(client, person, changes, message):
    response = client.post(_url(person), _data(**changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and "Bitte prüfen Sie Ihre Angaben" in page
    assert not Nachricht.objects.exists()


def test_html_in_a_message_is_shown_as_text(client, person, django_capture_on_commit_callbacks):
    _send(client, person, django_capture_on_commit_callbacks, betreff="<script>alert(1)</script>")
    confirmation = client.get(reverse("kontakte:nachricht-gesendet")).content.decode()
    assert "<script>alert(1)</script>" not in confirmation
    assert "&lt;script&gt;" in confirmation


def test_confirmation_shows_nothing_to_another_browser(client, person):
    response = client.get(reverse("kontakte:nachricht-gesendet"))
    assert response.status_code == 302


def test_no_form_for_a_contact_without_any_address(client, make_organisation, make_person):
    person = make_person(make_organisation(email=""), email="")
    assert client.get(_url(person)).status_code == 404
    assert "E-Mail schreiben" not in client.get(person.get_absolute_url()).content.decode()


def test_old_messages_are_deleted(person, settings):
    settings.CONTACT_RETENTION_DAYS = 30
    old = Nachricht.objects.create(
        organisation=person.organisation,
        absender_name="Erika",
        absender_email="erika@example.org",
        betreff="Alt",
        text="Text",
        datenschutz_bestaetigt_am=timezone.now(),
        erstellt_am=timezone.now() - timezone.timedelta(days=31),
        status=Nachricht.Status.ZUGESTELLT,
    )
    call_command("nachrichten_zustellen")
    assert not Nachricht.objects.filter(pk=old.pk).exists()


# --- Sent twice: the form's key (portal.forms.EinmalSendenMixin) ---------------------------


def test_the_same_form_sent_twice_is_stored_and_mailed_once(
    client, person, django_capture_on_commit_callbacks
):
    data = _data()
    for _ in range(2):  # no answer the first time, so the browser sends it again
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(_url(person), data)
        assert response.url == reverse("kontakte:nachricht-gesendet")
        assert "Vielen Dank, Ihre Nachricht ist eingegangen" in client.get(response.url).text
    assert Nachricht.objects.get().einsendung == uuid.UUID(data["einsendung"])
    assert len(mail.outbox) == 1


def test_sending_again_is_not_counted_by_the_rate_limit(client, person, settings):
    settings.CONTACT_RATE_LIMIT = 1
    data = _data()
    assert client.post(_url(person), data).status_code == 302
    assert client.post(_url(person), data).status_code == 302
    assert Nachricht.objects.count() == 1


@pytest.mark.parametrize("key", [None, "", "kaputt", "1234", "<script>"])
def test_a_missing_or_garbled_form_key_is_refused_and_a_new_one_issued(client, person, key):
    data = _data()
    if key is None:
        del data["einsendung"]
    else:
        data["einsendung"] = key
    response = client.post(_url(person), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Das Formular war unvollständig. Bitte senden Sie es noch einmal ab." in page
    assert not Nachricht.objects.exists()
    # The form comes back with everything typed and a usable key: one more click sends it.
    fresh = re.search(r'name="einsendung" value="([^"]*)"', page).group(1)
    assert client.post(_url(person), {**data, "einsendung": fresh}).status_code == 302
    assert Nachricht.objects.count() == 1

"""Volunteer sign-up: minimal data, separate consents none ticked in advance, double opt-in;
only a confirmed sign-up reaches the coordination of its Kreis."""

import re
import uuid

import pytest
from django.contrib.auth.models import User
from django.core import mail

from ehrenamt.models import Datenschutzhinweis, Ehrenamtliche, Einwilligung, Koordination
from kontakte.models import Kreis

pytestmark = pytest.mark.django_db

URL = "/ehrenamt/mitmachen/"


@pytest.fixture
def daten(make_angebotsart):
    return {
        "vorname": "Erika",
        "nachname": "Muster",
        "email": "erika@example.org",
        "telefon": "",
        "plz": "71638",
        "kreis": Kreis.objects.get(slug="landkreis-ludwigsburg").pk,
        "angebotsarten": [make_angebotsart("Deutschkurs").pk],
        "sprachen": "Englisch",
        "verfuegbarkeit": ["abends"],
        "freitext": "",
        "einwilligung_kontakt": "on",
        "einwilligung_newsletter": "on",
        "einsendung": str(uuid.uuid4()),
    }


@pytest.fixture
def koordination(db):
    def make(kreis: str, email: str) -> User:
        user = User.objects.create_user(email, email, "x")
        Koordination.objects.create(user=user, kreis=Kreis.objects.get(slug=kreis))
        return user

    return make


def test_form_offers_each_purpose_unticked(client):
    page = client.get(URL)
    assert page.status_code == 200
    for zweck in Einwilligung.Zweck.labels:
        assert zweck in page.text
    assert "checked" not in page.text
    assert f"Fassung {Datenschutzhinweis.aktuell().version}" in page.text


def test_sign_up_stores_the_consents_given_and_asks_to_confirm(
    client, daten, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, daten)
    assert response.url == "/ehrenamt/mitmachen/danke/"
    person = Ehrenamtliche.objects.get()
    assert person.stand == Ehrenamtliche.Stand.UNBESTAETIGT
    assert set(person.einwilligungen.values_list("zweck", flat=True)) == {"kontakt", "newsletter"}
    assert person.einwilligungen.first().hinweis == Datenschutzhinweis.aktuell()
    (nachricht,) = mail.outbox
    assert nachricht.to == ["erika@example.org"]
    assert re.search(r"/ehrenamt/mitmachen/bestaetigen/[^/\s]+/", nachricht.body)


def test_without_the_contact_consent_nothing_is_stored(client, daten):
    del daten["einwilligung_kontakt"]
    page = client.post(URL, daten)
    assert page.status_code == 200
    assert "Ohne diese Einwilligung kann die Koordination Sie nicht erreichen." in page.text
    assert not Ehrenamtliche.objects.exists()


@pytest.mark.parametrize(
    ("feld", "wert", "meldung"),
    [
        ("plz", "7163", "Die Postleitzahl hat fünf Ziffern."),
        ("email", "keine-adresse", "gültige E-Mail-Adresse"),
        ("vorname", "", "Bitte geben Sie „Vorname“ an."),
        ("angebotsarten", [], "Bitte wählen Sie mindestens eine Art der Hilfe."),
        ("vorname", "x" * 101, "höchstens 100 Zeichen"),
    ],
)
def test_bad_input_gets_a_german_message(client, daten, feld, wert, meldung):
    daten[feld] = wert
    page = client.post(URL, daten)
    assert page.status_code == 200
    assert meldung in page.text
    assert not Ehrenamtliche.objects.exists()


def test_script_is_stored_as_text_and_never_rendered(client, daten):
    daten["freitext"] = "<script>alert(1)</script>"
    client.post(URL, daten)
    assert Ehrenamtliche.objects.get().freitext == "<script>alert(1)</script>"


def _link(nachricht) -> str:
    return re.search(r"(/ehrenamt/mitmachen/bestaetigen/[^/\s]+/)", nachricht.body).group(1)


def test_unconfirmed_sign_up_never_reaches_a_coordinator(
    client, daten, koordination, django_capture_on_commit_callbacks
):
    koordination("landkreis-ludwigsburg", "koordination@ludwigsburg.example")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, daten)
    assert [m.to for m in mail.outbox] == [["erika@example.org"]]


def test_confirmation_tells_the_coordination_of_that_kreis_only(
    client, daten, koordination, django_capture_on_commit_callbacks
):
    koordination("landkreis-ludwigsburg", "koordination@ludwigsburg.example")
    koordination("stadtkreis-heilbronn", "koordination@heilbronn.example")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, daten)
    link = _link(mail.outbox[0])
    seite = client.get(link)
    assert "Anmeldung bestätigen" in seite.text
    assert Ehrenamtliche.objects.get().stand == Ehrenamtliche.Stand.UNBESTAETIGT  # GET: nothing
    with django_capture_on_commit_callbacks(execute=True):
        bestaetigt = client.post(link)
    assert "Vielen Dank, Erika!" in bestaetigt.text
    assert Ehrenamtliche.objects.get().stand == Ehrenamtliche.Stand.AKTIV
    nachricht = mail.outbox[-1]
    assert nachricht.to == ["koordination@ludwigsburg.example"]
    assert "Erika Muster" in nachricht.body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)  # a second click tells nobody again
    assert len(mail.outbox) == 2


def test_wrong_link_is_refused(client):
    assert client.post("/ehrenamt/mitmachen/bestaetigen/falsch/").status_code == 404


def _einwilligungen_link(nachricht) -> str:
    return re.search(r"(/ehrenamt/einwilligungen/[^/\s]+/)", nachricht.body).group(1)


def test_every_consent_is_withdrawn_with_one_click_from_the_mail(
    client, daten, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, daten)
    link = _einwilligungen_link(mail.outbox[0])
    seite = client.get(link)
    assert "Newsletter per E-Mail" in seite.text
    client.post(link, {"zweck": "newsletter"})
    person = Ehrenamtliche.objects.get()
    newsletter = person.einwilligungen.get(zweck="newsletter")
    assert newsletter.widerrufen_am is not None
    assert person.einwilligungen.get(zweck="kontakt").widerrufen_am is None
    assert "widerrufen am" in client.get(link).text


def test_consent_page_needs_the_persons_own_link(client, daten):
    client.post(URL, daten)
    assert client.get("/ehrenamt/einwilligungen/gefaelscht/").status_code == 404
    assert (
        client.post("/ehrenamt/einwilligungen/gefaelscht/", {"zweck": "kontakt"}).status_code == 404
    )
    assert not Einwilligung.objects.filter(widerrufen_am__isnull=False).exists()


def test_sign_up_from_a_need_keeps_the_interest_for_the_coordination(
    client, daten, make_gesuch, volunteer_coordinator, django_capture_on_commit_callbacks
):
    gesuch = make_gesuch()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{URL}?gesuch={gesuch.pk}", daten)
    person = Ehrenamtliche.objects.get(email="erika@example.org")
    assert person.interessen.get().gesuch == gesuch
    link = re.search(r"(/ehrenamt/mitmachen/bestaetigen/\S+/)", mail.outbox[0].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    an_koordination = mail.outbox[-1]
    assert an_koordination.to == [volunteer_coordinator.email]
    assert gesuch.titel in an_koordination.body


def test_sign_up_from_a_need_of_another_kreis_is_refused(client, daten, make_gesuch):
    gesuch = make_gesuch(kreis="stadtkreis-heilbronn")
    antwort = client.post(f"{URL}?gesuch={gesuch.pk}", daten)
    assert antwort.status_code == 200
    assert "Bitte wählen Sie den Stadtkreis Heilbronn" in antwort.text
    assert not Ehrenamtliche.objects.exists()


def test_the_same_sign_up_sent_twice_is_stored_and_mailed_once(
    client, daten, django_capture_on_commit_callbacks
):
    for _ in range(2):  # no answer the first time, so the browser sends it again
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL, daten)
        assert response.url == "/ehrenamt/mitmachen/danke/"
    person = Ehrenamtliche.objects.get()
    assert str(person.einsendung) == daten["einsendung"]
    assert person.einwilligungen.count() == 2
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("key", [None, "", "kaputt", "1234"])
def test_a_missing_or_garbled_form_key_is_refused_with_a_german_message(client, daten, key):
    if key is None:
        del daten["einsendung"]
    else:
        daten["einsendung"] = key
    page = client.post(URL, daten)
    assert page.status_code == 200
    assert "Das Formular war unvollständig. Bitte senden Sie es noch einmal ab." in page.text
    assert not Ehrenamtliche.objects.exists()
    fresh = re.search(r'name="einsendung" value="([^"]*)"', page.text).group(1)
    assert uuid.UUID(fresh)

"""The data-protection duties: access (Art. 15), correction (Art. 16), erasure (Art. 17),
retention, consents in the account and a new privacy notice; the sign-in link for
volunteers without an account."""

import datetime
import io
import json
import re

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from ehrenamt.dsgvo import DATENINVENTAR
from ehrenamt.models import (
    Datenschutzhinweis,
    Ehrenamtliche,
    Einwilligung,
    Interesse,
    Listenexport,
    Newsletter,
    NewsletterVersand,
    Notiz,
    Teilnahme,
)

pytestmark = pytest.mark.django_db

ZWECK = Einwilligung.Zweck


@pytest.fixture
def helga(volunteer) -> Ehrenamtliche:
    """The volunteer persona with a trace in every model of the inventory."""
    return volunteer.ehrenamt


@pytest.fixture
def ueberall(helga, volunteer_coordinator, make_gesuch, make_schulung, make_arbeitskreis):
    helga.zuordnen(make_arbeitskreis(), volunteer_coordinator)
    Notiz.objects.create(
        ehrenamtliche=helga, text="Helga Hilfreich ruft zurück, 0151 2345678.", verfasst_von=None
    )
    make_gesuch().interesse_bekunden(helga, "Ich bin Helga, erreichbar unter 0151 2345678.")
    make_schulung().anmelden(helga)
    Listenexport.protokollieren(volunteer_coordinator, "", [helga])
    NewsletterVersand.objects.create(
        newsletter=Newsletter.objects.create(titel="Newsletter Januar 2027"),
        ehrenamtliche=helga,
        gesendet_am=timezone.now(),
    )
    LogEntry.objects.create(
        user=volunteer_coordinator,
        content_type=ContentType.objects.get_for_model(helga),
        object_id=str(helga.pk),
        object_repr=str(helga),
        action_flag=CHANGE,
        change_message="Telefon 0151 2345678 eingetragen",
    )
    helga.telefon, helga.freitext = "0151 2345678", "Ich spreche auch Französisch."
    helga.save()
    return helga


def test_art_15_json_contains_every_model_of_the_inventory(client, volunteer, ueberall):
    client.force_login(volunteer)
    response = client.get(reverse("ehrenamt:meine-daten-json"))
    assert response["Content-Disposition"].startswith("attachment")
    daten = json.loads(response.content)
    abschnitte = {a["modell"]: a["eintraege"] for a in daten["abschnitte"]}
    assert set(abschnitte) == {art.modell for art in DATENINVENTAR}
    for modell, eintraege in abschnitte.items():
        assert eintraege, f"{modell} fehlt in der Auskunft"
    assert abschnitte["ehrenamt.Ehrenamtliche"][0]["E-Mail"] == "helga@example.org"
    assert "0151 2345678" in abschnitte["ehrenamt.Notiz"][0]["Notiz"]


def test_art_15_pdf_is_readable(client, volunteer, ueberall):
    client.force_login(volunteer)
    response = client.get(reverse("ehrenamt:meine-daten-pdf"))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Auskunft nach Art. 15 DSGVO" in text
    assert "helga@example.org" in text
    for art in DATENINVENTAR:
        assert art.titel in text


def test_anonymisation_leaves_no_name_email_phone_or_free_text_anywhere(
    ueberall, django_capture_on_commit_callbacks
):
    pk, user_pk = ueberall.pk, ueberall.user_id
    with django_capture_on_commit_callbacks(execute=True):
        ueberall.anonymisieren()
    ausgabe = io.StringIO()
    call_command("dumpdata", "--natural-foreign", stdout=ausgabe)
    alles = ausgabe.getvalue()
    for spur in ["Helga", "Hilfreich", "helga@example.org", "2345678", "Französisch"]:
        assert spur not in alles, spur
    person = Ehrenamtliche.objects.get(pk=pk)
    assert person.stand == Ehrenamtliche.Stand.ANONYMISIERT
    assert person.kreis.slug == "landkreis-ludwigsburg"  # statistics survive
    assert person.angebotsarten.exists()
    assert not person.einwilligungen.gueltig().exists()
    assert not Teilnahme.objects.filter(ehrenamtliche=person, stand="angemeldet").exists()
    assert person.interessen.get().stand == Interesse.Stand.ZURUECKGEZOGEN
    from django.contrib.auth.models import User

    assert not User.objects.filter(pk=user_pk).exists()


def test_volunteer_asks_for_erasure_and_is_signed_out(client, volunteer, helga):
    client.force_login(volunteer)
    url = reverse("ehrenamt:loeschen")
    assert client.post(url).status_code == 302  # not confirmed: nothing happens
    helga.refresh_from_db()
    assert helga.stand == Ehrenamtliche.Stand.AKTIV
    antwort = client.post(url, {"bestaetigt": "ja"})
    assert "Ihre Daten werden gelöscht" in antwort.text
    helga.refresh_from_db()
    assert helga.stand == Ehrenamtliche.Stand.ANONYMISIERT
    assert client.get(reverse("ehrenamt:mein-engagement")).status_code == 302


def test_volunteer_corrects_own_data(client, volunteer, helga):
    client.force_login(volunteer)
    daten = {
        "vorname": "Helga",
        "nachname": "Hilfreich-Neu",
        "email": "helga@example.org",
        "plz": "71640",
        "kreis": helga.kreis_id,
        "angebotsarten": [a.pk for a in helga.angebotsarten.all()],
        "pause": "on",
    }
    assert client.post(reverse("ehrenamt:angaben-bearbeiten"), daten).status_code == 302
    helga.refresh_from_db()
    assert (helga.nachname, helga.plz, helga.stand) == ("Hilfreich-Neu", "71640", "pausiert")
    falsch = client.post(reverse("ehrenamt:angaben-bearbeiten"), {**daten, "vorname": ""})
    assert "Bitte geben Sie „Vorname“ an." in falsch.text


def test_consent_is_withdrawn_and_given_with_one_click_in_the_account(client, volunteer, helga):
    client.force_login(volunteer)
    url = reverse("ehrenamt:einwilligung-aendern")
    client.post(url, {"zweck": "newsletter", "aktion": "widerrufen"})
    assert not helga.hat_eingewilligt(ZWECK.NEWSLETTER)
    assert helga.einwilligungen.filter(zweck="newsletter", widerrufen_am__isnull=False).exists()
    client.post(url, {"zweck": "newsletter", "aktion": "erteilen"})
    assert helga.einwilligungen.gueltig().get(zweck="newsletter").weg == "konto"
    assert client.post(url, {"zweck": "<script>", "aktion": "erteilen"}).status_code == 302


def test_a_new_privacy_notice_asks_for_confirmation_again(client, volunteer, helga):
    alt = Datenschutzhinweis.aktuell()
    neu = Datenschutzhinweis.objects.create(version="2", text="## Neu\n\nNeuer Text.")
    client.force_login(volunteer)
    seite = client.get(reverse("ehrenamt:mein-engagement")).text
    assert "Der Datenschutzhinweis hat sich geändert" in seite
    client.post(reverse("ehrenamt:einwilligung-aendern"), {"aktion": "hinweis"})
    assert set(helga.einwilligungen.gueltig().values_list("hinweis", flat=True)) == {neu.pk}
    assert helga.einwilligungen.filter(hinweis=alt, abgeloest_am__isnull=False).count() == 4
    assert "hat sich geändert" not in client.get(reverse("ehrenamt:mein-engagement")).text


def test_staff_adding_a_notice_mails_the_volunteers(
    client, superuser, helga, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        antwort = client.post(
            reverse("admin:ehrenamt_datenschutzhinweis_add"),
            {"version": "3", "text": "Neu", "gueltig_ab_0": "01.12.2026", "gueltig_ab_1": "00:00"},
        )
    assert antwort.status_code == 302
    assert [m.to for m in mail.outbox] == [["helga@example.org"]]
    assert "/ehrenamt/zugang/" in mail.outbox[0].body


def test_sign_in_link_for_a_volunteer_without_account(client, make_ehrenamtliche):
    person = make_ehrenamtliche(email="ohne.konto@example.org")
    antwort = client.post(reverse("ehrenamt:zugang"), {"email": "OHNE.KONTO@example.org"})
    assert "Bitte sehen Sie in Ihr Postfach" in antwort.text
    link = re.search(r"https?://\S+(/ehrenamt/zugang/\S+/)", mail.outbox[0].body).group(1)
    assert "Anmelden" in client.get(link).text  # a button: mail scanners sign nobody in
    assert client.get(reverse("ehrenamt:mein-engagement")).status_code == 302
    client.post(link)
    assert person.vorname in client.get(reverse("ehrenamt:mein-engagement")).text


def test_sign_in_link_request_never_says_whether_an_address_is_known(client):
    antwort = client.post(reverse("ehrenamt:zugang"), {"email": "fremd@example.org"})
    assert "Bitte sehen Sie in Ihr Postfach" in antwort.text
    assert not mail.outbox
    falsch = client.post(reverse("ehrenamt:zugang"), {"email": "kein-at"})
    assert "gültige E-Mail-Adresse" in falsch.text


def test_account_with_the_volunteers_verified_address_is_linked(client, make_ehrenamtliche):
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import User

    person = make_ehrenamtliche(email="erika@example.org")
    user = User.objects.create_user("erika", "erika@example.org", "x")
    client.force_login(user)
    assert client.get(reverse("ehrenamt:mein-engagement")).status_code == 302  # not verified
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    assert client.get(reverse("ehrenamt:mein-engagement")).status_code == 200
    person.refresh_from_db()
    assert person.user == user


def _alt(person: Ehrenamtliche, tage: int) -> None:
    Ehrenamtliche.objects.filter(pk=person.pk).update(
        letzte_aktivitaet=timezone.now() - datetime.timedelta(days=tage),
        angemeldet_am=timezone.now() - datetime.timedelta(days=tage),
    )


def test_retention_deletes_unconfirmed_after_30_days(make_ehrenamtliche):
    alt = make_ehrenamtliche(stand=Ehrenamtliche.Stand.UNBESTAETIGT)
    frisch = make_ehrenamtliche(stand=Ehrenamtliche.Stand.UNBESTAETIGT)
    _alt(alt, 31)
    call_command("ehrenamt_aufbewahrung", stdout=io.StringIO())
    assert not Ehrenamtliche.objects.filter(pk=alt.pk).exists()
    assert Ehrenamtliche.objects.filter(pk=frisch.pk).exists()


def test_retention_tells_the_inactive_then_anonymises_them(make_ehrenamtliche, settings):
    settings.EHRENAMT_INAKTIV_MONATE = 24
    inaktiv = make_ehrenamtliche(email="inaktiv@example.org")
    aktiv = make_ehrenamtliche(email="aktiv@example.org")
    _alt(inaktiv, 800)
    call_command("ehrenamt_aufbewahrung", stdout=io.StringIO())
    call_command("ehrenamt_aufbewahrung", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["inaktiv@example.org"]]  # told once
    inaktiv.refresh_from_db()
    assert inaktiv.stand == Ehrenamtliche.Stand.AKTIV
    Ehrenamtliche.objects.filter(pk=inaktiv.pk).update(
        aufbewahrung_informiert_am=timezone.now() - datetime.timedelta(days=31)
    )
    call_command("ehrenamt_aufbewahrung", stdout=io.StringIO())
    inaktiv.refresh_from_db()
    aktiv.refresh_from_db()
    assert inaktiv.stand == Ehrenamtliche.Stand.ANONYMISIERT
    assert aktiv.stand == Ehrenamtliche.Stand.AKTIV


def test_signing_in_after_the_notice_keeps_the_volunteer(make_ehrenamtliche):
    person = make_ehrenamtliche()
    _alt(person, 800)
    call_command("ehrenamt_aufbewahrung", stdout=io.StringIO())
    person.refresh_from_db()
    person.aktiv_gewesen()
    Ehrenamtliche.objects.filter(pk=person.pk).update(
        angemeldet_am=timezone.now() - datetime.timedelta(days=900)
    )
    call_command("ehrenamt_aufbewahrung", stdout=io.StringIO())
    person.refresh_from_db()
    assert person.stand == Ehrenamtliche.Stand.AKTIV
    assert person.aufbewahrung_informiert_am is None


def test_data_inventory_lists_every_model(client, programme_staff):
    client.force_login(programme_staff)
    seite = client.get(reverse("admin:ehrenamt_datenschutzhinweis_inventar"))
    for art in DATENINVENTAR:
        assert art.modell in seite.text


def test_staff_see_counts_not_persons(client, programme_staff, helga, make_ehrenamtliche):
    make_ehrenamtliche(nachname="Zweite", kreis="stadtkreis-heilbronn")
    client.force_login(programme_staff)
    seite = client.get(reverse("admin:ehrenamt_angebotsart_zahlen")).text
    assert "Landkreis Ludwigsburg" in seite and "Stadtkreis Heilbronn" in seite
    assert "Hilfreich" not in seite and "Zweite" not in seite

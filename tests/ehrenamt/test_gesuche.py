"""Needs (Gesuche): the public list and one click to help, the volunteer withdrawing, the
coordination writing needs and answering, each Kreis only its own."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from ehrenamt import demo
from ehrenamt.models import Ehrenamtliche, Gesuch, Interesse
from kontakte.models import Kreis

pytestmark = pytest.mark.django_db

LISTE = "/ehrenamt/gesuche/"
KOORDINATION = "/ehrenamt/koordination/gesuche/"


def _url(gesuch: Gesuch) -> str:
    return f"/ehrenamt/gesuche/{gesuch.pk}/"


def _interesse(gesuch, person, stand=Interesse.Stand.OFFEN, **fields) -> Interesse:
    return Interesse.objects.create(gesuch=gesuch, ehrenamtliche=person, stand=stand, **fields)


@pytest.fixture
def helga(volunteer) -> Ehrenamtliche:
    """The volunteer persona's profile (Ludwigsburg, with an account)."""
    return volunteer.ehrenamt


@pytest.fixture
def helga_client(client, volunteer):
    client.force_login(volunteer)
    return client


def _client_in_session(client, person: Ehrenamtliche):
    """A volunteer without an account, known in this browser session (as after the link)."""
    session = client.session
    session[Ehrenamtliche.SITZUNG] = person.pk
    session.save()
    return client


# --- The public list and page ---


def test_list_shows_only_open_published_needs(client, make_gesuch, make_ehrenamtliche):
    make_gesuch(titel="Offenes Gesuch", anzahl=3)
    make_gesuch(titel="Entwurf", veroeffentlicht=False)
    make_gesuch(titel="Erledigt", abgeschlossen=True)
    make_gesuch(titel="Vorbei", bis=timezone.localdate() - datetime.timedelta(days=1))
    voll = make_gesuch(titel="Ausgebucht", anzahl=1)
    _interesse(voll, make_ehrenamtliche(), Interesse.Stand.ANGENOMMEN)
    teils = make_gesuch(titel="Teilweise besetzt", anzahl=3, bis=timezone.localdate())
    _interesse(teils, make_ehrenamtliche(), Interesse.Stand.ANGENOMMEN)
    _interesse(teils, make_ehrenamtliche(), Interesse.Stand.OFFEN)

    page = client.get(LISTE)

    assert page.status_code == 200
    assert "Offenes Gesuch" in page.text
    assert "Teilweise besetzt" in page.text
    for versteckt in ["Entwurf", "Erledigt", "Vorbei", "Ausgebucht"]:
        assert versteckt not in page.text
    assert "2 Gesuche" in page.text
    assert "Noch 3 Personen gesucht" in page.text
    assert "Noch 2 Personen gesucht" in page.text
    assert "Ludwigsburg-Oßweil" in page.text
    assert "wöchentlich, nachmittags" in page.text


def test_list_filters_by_kreis_and_kind_of_help(client, make_gesuch):
    make_gesuch(titel="Pate in Ludwigsburg")
    make_gesuch(titel="Fahrdienst in Ludwigsburg", hilfe="Fahrdienst")
    make_gesuch(titel="Pate in Heilbronn", kreis="stadtkreis-heilbronn")

    page = client.get(LISTE, {"kreis": "landkreis-ludwigsburg", "hilfe": "patenschaft"})

    assert "Pate in Ludwigsburg" in page.text
    assert "Fahrdienst in Ludwigsburg" not in page.text
    assert "Pate in Heilbronn" not in page.text
    assert "1 Gesuch für Ihre Auswahl" in page.text


def test_list_with_an_unknown_kreis_shows_an_error_not_a_500(client, make_gesuch):
    make_gesuch()
    page = client.get(LISTE, {"kreis": "atlantis"})
    assert page.status_code == 200
    assert "0 Gesuche" in page.text


@pytest.mark.parametrize(
    "fields",
    [
        {"veroeffentlicht": False},
        {"abgeschlossen": True},
        {"bis": datetime.date(2016, 12, 15)},
    ],
)
def test_page_of_a_need_that_is_not_open_is_404(client, make_gesuch, fields):
    assert client.get(_url(make_gesuch(**fields))).status_code == 404


def test_page_of_a_full_need_is_404(client, make_gesuch, make_ehrenamtliche):
    gesuch = make_gesuch(anzahl=1)
    _interesse(gesuch, make_ehrenamtliche(), Interesse.Stand.ANGENOMMEN)
    assert client.get(_url(gesuch)).status_code == 404


def test_unknown_visitor_sees_the_way_to_sign_up_and_is_sent_there(client, make_gesuch):
    gesuch = make_gesuch()

    page = client.get(_url(gesuch))

    assert f"/ehrenamt/mitmachen/?gesuch={gesuch.pk}" in page.text
    assert "/ehrenamt/zugang/?next=" in page.text
    assert "Ich möchte helfen" not in page.text
    response = client.post(_url(gesuch), {"nachricht": "Hallo"})
    assert response.status_code == 302
    assert response.url == f"/ehrenamt/mitmachen/?gesuch={gesuch.pk}"
    assert not Interesse.objects.exists()


def test_signed_in_citizen_without_volunteer_profile_is_sent_to_sign_up(
    client, citizen, make_gesuch
):
    gesuch = make_gesuch()
    client.force_login(citizen)
    assert client.post(_url(gesuch)).url == f"/ehrenamt/mitmachen/?gesuch={gesuch.pk}"
    assert not Interesse.objects.exists()


def test_known_volunteer_offers_help_with_one_click(
    helga_client,
    helga,
    make_gesuch,
    volunteer_coordinator,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    gesuch = make_gesuch()
    assert "Ich möchte helfen" in helga_client.get(_url(gesuch)).text

    with django_capture_on_commit_callbacks(execute=True):
        response = helga_client.post(_url(gesuch), {"nachricht": "Ich habe dienstags Zeit."})

    assert response.status_code == 302
    assert response.url == _url(gesuch)
    interesse = Interesse.objects.get()
    assert (interesse.gesuch, interesse.ehrenamtliche) == (gesuch, helga)
    assert interesse.stand == Interesse.Stand.OFFEN
    assert interesse.nachricht == "Ich habe dienstags Zeit."
    page = helga_client.get(_url(gesuch))
    assert "Sie haben Ihr Interesse gemeldet" in page.text
    assert "Wartet auf Antwort" in page.text
    assert "Ihre Rückmeldung erhalten" in page.text  # the success message
    # The coordination of the need's Kreis hears of it; the free text stays out of the subject.
    (nachricht,) = mailoutbox
    assert nachricht.to == [volunteer_coordinator.email]
    assert gesuch.titel in nachricht.subject
    assert "dienstags" not in nachricht.subject
    assert "Ich habe dienstags Zeit." in nachricht.body
    assert "Helga Hilfreich" in nachricht.body
    assert f"/ehrenamt/koordination/gesuche/{gesuch.pk}/" in nachricht.body


def test_the_message_is_optional(helga_client, helga, make_gesuch):
    gesuch = make_gesuch()
    assert helga_client.post(_url(gesuch), {}).status_code == 302
    assert Interesse.objects.get().nachricht == ""


def test_volunteer_without_account_offers_help_in_their_session(
    client, make_ehrenamtliche, make_gesuch
):
    person = make_ehrenamtliche(vorname="Erika")
    gesuch = make_gesuch()
    _client_in_session(client, person)

    assert client.post(_url(gesuch), {"nachricht": ""}).status_code == 302

    assert Interesse.objects.get().ehrenamtliche == person
    assert "Sie haben Ihr Interesse gemeldet" in client.get(_url(gesuch)).text


def test_offering_twice_stores_one_interest(helga_client, helga, make_gesuch):
    gesuch = make_gesuch()
    helga_client.post(_url(gesuch), {"nachricht": "Erstes Mal"})
    page = helga_client.post(_url(gesuch), {"nachricht": "Zweites Mal"})
    assert page.status_code == 200
    assert "Sie haben Ihr Interesse an diesem Gesuch schon gemeldet." in page.text
    assert Interesse.objects.get().nachricht == "Erstes Mal"


def test_volunteer_of_another_kreis_cannot_offer_help(client, make_ehrenamtliche, make_gesuch):
    """Their consent covers the coordination of their own Kreis only."""
    gesuch = make_gesuch(kreis="landkreis-ludwigsburg")
    _client_in_session(client, make_ehrenamtliche(kreis="stadtkreis-heilbronn"))

    assert "Dieses Gesuch ist aus dem" in client.get(_url(gesuch)).text
    page = client.post(_url(gesuch), {"nachricht": ""})

    assert page.status_code == 200
    assert "Sie sind für den Stadtkreis Heilbronn angemeldet" in page.text
    assert not Interesse.objects.exists()


@pytest.mark.parametrize(
    ("nachricht", "fehler"),
    [
        ("x" * 1001, "Bitte kürzen Sie Ihre Nachricht auf höchstens 1.000 Zeichen (jetzt 1001)."),
        ("<script>alert(1)</script>", "ohne spitze Klammern"),
        ("Hallo <b>fett</b>", "HTML-Code wird hier nicht angenommen"),
    ],
)
def test_bad_message_is_refused_and_nothing_stored(
    helga_client, helga, make_gesuch, nachricht, fehler
):
    page = helga_client.post(_url(make_gesuch()), {"nachricht": nachricht})
    assert page.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in page.text
    assert fehler in page.text
    assert "<script>alert(1)</script>" not in page.text
    assert not Interesse.objects.exists()


# --- The volunteer's own interests ---


def test_volunteer_withdraws_their_interest(helga_client, helga, make_gesuch):
    gesuch = make_gesuch()
    interesse = _interesse(gesuch, helga)
    url = f"/ehrenamt/mein-engagement/interessen/{interesse.pk}/zurueckziehen/"

    response = helga_client.post(url, {"next": _url(gesuch)})

    assert response.status_code == 302
    assert response.url == _url(gesuch)
    interesse.refresh_from_db()
    assert interesse.stand == Interesse.Stand.ZURUECKGEZOGEN
    # … and may offer again.
    page = helga_client.get(_url(gesuch))
    assert "Ich möchte helfen" in page.text
    helga_client.post(_url(gesuch), {"nachricht": "Doch wieder"})
    interesse.refresh_from_db()
    assert (interesse.stand, interesse.nachricht) == (Interesse.Stand.OFFEN, "Doch wieder")


def test_withdrawing_to_another_site_goes_to_the_overview(helga_client, helga, make_gesuch):
    interesse = _interesse(make_gesuch(), helga)
    response = helga_client.post(
        f"/ehrenamt/mein-engagement/interessen/{interesse.pk}/zurueckziehen/",
        {"next": "https://example.com/"},
    )
    assert response.url == "/ehrenamt/mein-engagement/"


def test_withdrawing_an_accepted_place_tells_the_coordination(
    helga_client,
    helga,
    make_gesuch,
    volunteer_coordinator,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    gesuch = make_gesuch(anzahl=1)
    interesse = _interesse(gesuch, helga, Interesse.Stand.ANGENOMMEN)

    with django_capture_on_commit_callbacks(execute=True):
        helga_client.post(f"/ehrenamt/mein-engagement/interessen/{interesse.pk}/zurueckziehen/")

    assert gesuch.plaetze_frei() == 1
    (nachricht,) = mailoutbox
    assert nachricht.to == [volunteer_coordinator.email]
    assert "zurückgezogen" in nachricht.subject


def test_another_volunteers_interest_cannot_be_withdrawn(
    helga_client, make_ehrenamtliche, make_gesuch
):
    fremdes = _interesse(make_gesuch(), make_ehrenamtliche())
    response = helga_client.post(
        f"/ehrenamt/mein-engagement/interessen/{fremdes.pk}/zurueckziehen/"
    )
    assert response.status_code == 404
    fremdes.refresh_from_db()
    assert fremdes.stand == Interesse.Stand.OFFEN


def test_withdrawing_needs_a_post(helga_client, helga, make_gesuch):
    interesse = _interesse(make_gesuch(), helga)
    url = f"/ehrenamt/mein-engagement/interessen/{interesse.pk}/zurueckziehen/"
    assert helga_client.get(url).status_code == 405


def test_unknown_visitor_cannot_withdraw(client, make_ehrenamtliche, make_gesuch):
    interesse = _interesse(make_gesuch(), make_ehrenamtliche())
    response = client.post(f"/ehrenamt/mein-engagement/interessen/{interesse.pk}/zurueckziehen/")
    assert response.status_code == 302
    assert response.url.startswith("/ehrenamt/zugang/")
    interesse.refresh_from_db()
    assert interesse.stand == Interesse.Stand.OFFEN


def test_own_interests_list_links_open_needs_and_offers_withdrawal(
    helga, make_gesuch, make_ehrenamtliche
):
    offen = make_gesuch(titel="Noch offen")
    erledigt = make_gesuch(titel="Schon erledigt", abgeschlossen=True)
    _interesse(offen, helga)
    _interesse(erledigt, helga, Interesse.Stand.ABGELEHNT)
    _interesse(make_gesuch(titel="Gesuch einer anderen Person"), make_ehrenamtliche())
    request = RequestFactory().get("/ehrenamt/mein-engagement/")

    html = render_to_string(
        "ehrenamt/includes/meine_interessen.html", {"person": helga}, request=request
    )

    assert f'<a href="{_url(offen)}">Noch offen</a>' in html
    assert "Schon erledigt" in html
    assert f'href="{_url(erledigt)}"' not in html
    assert "Gesuch einer anderen Person" not in html
    assert html.count("Zurückziehen") == 1  # only the open one
    assert "Abgelehnt" in html and "Wartet auf Antwort" in html


# --- The coordination ---


def test_coordination_lists_the_needs_of_its_kreis_with_counts(
    client, volunteer_coordinator, make_gesuch, make_ehrenamtliche
):
    gesuch = make_gesuch(titel="Eigenes Gesuch", anzahl=2, veroeffentlicht=False)
    _interesse(gesuch, make_ehrenamtliche(), Interesse.Stand.OFFEN)
    _interesse(gesuch, make_ehrenamtliche(), Interesse.Stand.OFFEN)
    _interesse(gesuch, make_ehrenamtliche(), Interesse.Stand.ANGENOMMEN)
    make_gesuch(titel="Heilbronner Gesuch", kreis="stadtkreis-heilbronn")
    client.force_login(volunteer_coordinator)

    page = client.get(KOORDINATION)

    assert page.status_code == 200
    assert "Eigenes Gesuch" in page.text
    assert "Nicht veröffentlicht" in page.text
    assert "Heilbronner Gesuch" not in page.text
    assert '<td class="zahl">2</td>' in page.text
    assert "1 von 2" in page.text


def test_coordination_of_another_kreis_gets_404_for_every_need_url(
    client, volunteer_coordinator_b, make_gesuch, make_ehrenamtliche
):
    gesuch = make_gesuch(kreis="landkreis-ludwigsburg")
    interesse = _interesse(gesuch, make_ehrenamtliche())
    client.force_login(volunteer_coordinator_b)

    assert client.get(f"{KOORDINATION}{gesuch.pk}/").status_code == 404
    assert client.get(f"{KOORDINATION}{gesuch.pk}/bearbeiten/").status_code == 404
    assert (
        client.post(f"{KOORDINATION}{gesuch.pk}/bearbeiten/", {"titel": "Fremd"}).status_code == 404
    )
    response = client.post(
        f"{KOORDINATION}{gesuch.pk}/", {"interesse": interesse.pk, "aktion": "annehmen"}
    )
    assert response.status_code == 404
    interesse.refresh_from_db()
    assert interesse.stand == Interesse.Stand.OFFEN
    assert "Patin oder Pate" not in client.get(KOORDINATION).text


def test_coordination_sees_the_interests_with_contact_details(
    client, volunteer_coordinator, make_gesuch, make_ehrenamtliche
):
    gesuch = make_gesuch()
    person = make_ehrenamtliche(vorname="Karla", telefon="07141 12345")
    _interesse(gesuch, person, nachricht="Ich kann ab 15 Uhr.")
    fremd = make_ehrenamtliche(vorname="Hanno", kreis="stadtkreis-heilbronn")
    _interesse(gesuch, fremd)
    client.force_login(volunteer_coordinator)

    page = client.get(f"{KOORDINATION}{gesuch.pk}/")

    assert page.status_code == 200
    assert f"Karla {person.nachname}" in page.text
    assert person.email in page.text
    assert "07141 12345" in page.text
    assert "Ich kann ab 15 Uhr." in page.text
    assert "Annehmen" in page.text and "Ablehnen" in page.text
    assert "Hanno" not in page.text  # not one of the volunteers this coordination sees


def test_coordination_accepts_and_the_volunteer_is_told(
    client,
    volunteer_coordinator,
    make_gesuch,
    helga,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    gesuch = make_gesuch()
    interesse = _interesse(gesuch, helga)
    client.force_login(volunteer_coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{KOORDINATION}{gesuch.pk}/", {"interesse": interesse.pk, "aktion": "annehmen"}
        )

    assert response.status_code == 302
    interesse.refresh_from_db()
    assert interesse.stand == Interesse.Stand.ANGENOMMEN
    assert interesse.entschieden_von == volunteer_coordinator
    (nachricht,) = mailoutbox
    assert nachricht.to == [helga.email]
    assert nachricht.reply_to == [volunteer_coordinator.email]
    assert "Zusage" in nachricht.subject
    assert "angenommen" in nachricht.body
    assert f"/ehrenamt/einwilligungen/{helga.einwilligungen_token()}/" in nachricht.body
    assert "Angenommen" in client.get(f"{KOORDINATION}{gesuch.pk}/").text


def test_coordination_declines_and_the_volunteer_is_told(
    client,
    volunteer_coordinator,
    make_gesuch,
    helga,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    gesuch = make_gesuch()
    interesse = _interesse(gesuch, helga)
    client.force_login(volunteer_coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{KOORDINATION}{gesuch.pk}/", {"interesse": interesse.pk, "aktion": "ablehnen"}
        )

    interesse.refresh_from_db()
    assert interesse.stand == Interesse.Stand.ABGELEHNT
    (nachricht,) = mailoutbox
    assert nachricht.to == [helga.email]
    assert "Diesmal hat es nicht gepasst" in nachricht.body
    assert "/ehrenamt/einwilligungen/" in nachricht.body


def test_accepting_when_all_places_are_taken_is_a_message_not_a_500(
    client, volunteer_coordinator, make_gesuch, make_ehrenamtliche
):
    gesuch = make_gesuch(anzahl=1)
    _interesse(gesuch, make_ehrenamtliche(), Interesse.Stand.ANGENOMMEN)
    wartend = _interesse(gesuch, make_ehrenamtliche())
    client.force_login(volunteer_coordinator)

    response = client.post(
        f"{KOORDINATION}{gesuch.pk}/", {"interesse": wartend.pk, "aktion": "annehmen"}, follow=True
    )

    assert response.status_code == 200
    assert "Alle Plätze dieses Gesuchs sind schon vergeben." in response.text
    wartend.refresh_from_db()
    assert wartend.stand == Interesse.Stand.OFFEN


@pytest.mark.parametrize("daten", [{}, {"interesse": "x", "aktion": "annehmen"}, "fremd", "aktion"])
def test_a_broken_answer_changes_nothing(
    client, volunteer_coordinator, make_gesuch, make_ehrenamtliche, daten
):
    gesuch = make_gesuch()
    interesse = _interesse(gesuch, make_ehrenamtliche())
    fremd = _interesse(gesuch, make_ehrenamtliche(kreis="stadtkreis-heilbronn"))
    if daten == "fremd":  # a volunteer this coordination does not see
        daten = {"interesse": fremd.pk, "aktion": "annehmen"}
    elif daten == "aktion":
        daten = {"interesse": interesse.pk, "aktion": "loeschen"}
    client.force_login(volunteer_coordinator)

    response = client.post(f"{KOORDINATION}{gesuch.pk}/", daten, follow=True)

    assert response.status_code == 200
    assert "Diese Rückmeldung ist nicht mehr offen." in response.text
    assert set(Interesse.objects.values_list("stand", flat=True)) == {Interesse.Stand.OFFEN}


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_accepting_the_last_place_end_with_one(
    make_gesuch, make_ehrenamtliche, volunteer_coordinator
):
    gesuch = make_gesuch(anzahl=1)
    erste = _interesse(gesuch, make_ehrenamtliche())
    zweite = _interesse(gesuch, make_ehrenamtliche())
    start = threading.Barrier(2)
    ergebnisse = {}

    def annehmen(interesse):
        try:
            start.wait(timeout=10)
            interesse.annehmen(volunteer_coordinator)
            ergebnisse[interesse.pk] = "angenommen"
        except ValidationError as fehler:
            ergebnisse[interesse.pk] = fehler
        finally:
            connection.close()

    threads = [threading.Thread(target=annehmen, args=(i,)) for i in (erste, zweite)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    staende = list(Interesse.objects.values_list("stand", flat=True))
    assert sorted(staende) == [Interesse.Stand.ANGENOMMEN, Interesse.Stand.OFFEN]
    assert sorted(map(type, ergebnisse.values()), key=str) == sorted(
        [str, ValidationError], key=str
    )
    (fehler,) = [e for e in ergebnisse.values() if isinstance(e, ValidationError)]
    assert fehler.code == "ausgebucht"


# --- The coordination writes needs ---


@pytest.fixture
def gesuch_daten(make_angebotsart):
    return {
        "titel": "Begleitung zum Jobcenter",
        "beschreibung": "Eine Begleitung für einen Termin am Vormittag.",
        "angebotsart": make_angebotsart("Begleitung zu Ämtern").pk,
        "kreis": Kreis.objects.get(slug="landkreis-ludwigsburg").pk,
        "ort": "Ludwigsburg",
        "zeit": "am 12.03., 9 Uhr",
        "bis": "15.03.2099",
        "anzahl": "2",
        "veroeffentlicht": "on",
    }


def test_coordination_writes_a_need(client, volunteer_coordinator, gesuch_daten):
    client.force_login(volunteer_coordinator)
    page = client.get(f"{KOORDINATION}neu/")
    assert "Geflüchtete erkennbar" in page.text
    assert "Stadtkreis Heilbronn" not in page.text  # only the Kreise they coordinate

    response = client.post(f"{KOORDINATION}neu/", gesuch_daten)

    gesuch = Gesuch.objects.get()
    assert response.url == f"{KOORDINATION}{gesuch.pk}/"
    assert gesuch.erstellt_von == volunteer_coordinator
    assert gesuch.bis == datetime.date(2099, 3, 15)
    assert (gesuch.anzahl, gesuch.veroeffentlicht, gesuch.abgeschlossen) == (2, True, False)
    assert "Begleitung zum Jobcenter" in client.get(LISTE).text


def test_coordination_edits_a_need(client, volunteer_coordinator, make_gesuch, gesuch_daten):
    gesuch = make_gesuch(bis=datetime.date(2099, 3, 15))
    client.force_login(volunteer_coordinator)
    assert 'value="15.03.2099"' in client.get(f"{KOORDINATION}{gesuch.pk}/bearbeiten/").text

    response = client.post(
        f"{KOORDINATION}{gesuch.pk}/bearbeiten/",
        {**gesuch_daten, "abgeschlossen": "on", "bis": "15.03.2099"},
    )

    assert response.status_code == 302
    gesuch.refresh_from_db()
    assert gesuch.titel == "Begleitung zum Jobcenter"
    assert gesuch.abgeschlossen
    assert client.get(_url(gesuch)).status_code == 404


@pytest.mark.parametrize(
    ("aenderung", "fehler"),
    [
        ({"titel": ""}, "Bitte füllen Sie „Titel“ aus."),
        ({"beschreibung": ""}, "Bitte füllen Sie „Beschreibung“ aus."),
        ({"angebotsart": ""}, "Bitte wählen Sie „Art der Hilfe“."),
        ({"ort": "", "zeit": ""}, "Bitte füllen Sie „Ort“ aus."),
        ({"beschreibung": "<script>alert(1)</script>"}, "ohne spitze Klammern"),
        ({"titel": "Hilfe für <b>Familie</b>"}, "HTML-Code wird hier nicht angenommen"),
        ({"beschreibung": "x" * 2001}, "höchstens 2.000 Zeichen"),
        ({"bis": "31.02.2099"}, "Bitte geben Sie ein gültiges Datum an, zum Beispiel 15.03.2027."),
        ({"bis": "15.03.2016"}, "Das Datum liegt in der Vergangenheit"),
        ({"anzahl": "0"}, "Bitte suchen Sie mindestens eine Person."),
        ({"anzahl": "51"}, "Bitte suchen Sie höchstens 50 Personen in einem Gesuch."),
        ({"anzahl": "viele"}, "Bitte geben Sie eine ganze Zahl an, zum Beispiel 2."),
        ("heilbronn", "Bitte wählen Sie „Kreis“ aus der Liste."),
    ],
)
def test_bad_need_is_refused_and_nothing_stored(
    client, volunteer_coordinator, gesuch_daten, aenderung, fehler
):
    if aenderung == "heilbronn":  # a Kreis this coordination does not coordinate
        aenderung = {"kreis": Kreis.objects.get(slug="stadtkreis-heilbronn").pk}
    client.force_login(volunteer_coordinator)

    page = client.post(f"{KOORDINATION}neu/", {**gesuch_daten, **aenderung})

    assert page.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in page.text
    assert fehler in page.text
    assert "<script>alert(1)</script>" not in page.text
    assert not Gesuch.objects.exists()


def test_empty_post_shows_the_errors(client, volunteer_coordinator):
    client.force_login(volunteer_coordinator)
    page = client.post(f"{KOORDINATION}neu/", {})
    assert page.status_code == 200
    assert "Bitte füllen Sie „Titel“ aus." in page.text
    assert not Gesuch.objects.exists()


def test_volunteer_and_citizen_cannot_open_the_back_office(client_for, make_gesuch):
    gesuch = make_gesuch()
    for persona in ["volunteer", "citizen", "municipality_a"]:
        besucher = client_for(persona)
        assert besucher.get(KOORDINATION).status_code == 403
        assert besucher.get(f"{KOORDINATION}{gesuch.pk}/").status_code == 403


# --- Demo data ---


def test_demo_needs_run_twice_and_take_interests_of_their_kreis(make_ehrenamtliche):
    personen = [
        make_ehrenamtliche(kreis="landkreis-ludwigsburg"),
        make_ehrenamtliche(kreis="landkreis-ludwigsburg"),
        make_ehrenamtliche(kreis="stadtkreis-heilbronn"),
    ]
    demo.gesuche(personen)
    zahlen = (Gesuch.objects.count(), Interesse.objects.count())
    demo.gesuche(personen)
    demo.gesuche([])

    assert (Gesuch.objects.count(), Interesse.objects.count()) == zahlen
    assert zahlen[0] >= 8
    assert all(g.titel.endswith("(Beispiel)") for g in Gesuch.objects.all())
    assert set(Gesuch.objects.values_list("kreis__slug", flat=True)) == {
        "landkreis-ludwigsburg",
        "stadtkreis-heilbronn",
        "stadtkreis-freiburg-im-breisgau",
    }
    assert all(
        i.ehrenamtliche.kreis_id == i.gesuch.kreis_id
        for i in Interesse.objects.select_related("gesuch", "ehrenamtliche")
    )
    assert Interesse.objects.filter(stand=Interesse.Stand.ANGENOMMEN).exists()
    behoerde = Gesuch.objects.get(titel__startswith="Begleitung zur Ausländerbehörde")
    assert behoerde.bis > timezone.localdate()
    assert Gesuch.objects.offen().count() >= 5

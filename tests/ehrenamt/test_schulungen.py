"""Trainings (Schulungen): the public list and page, registering (a place or the waiting list),
cancelling and moving up, the calendar file, the certificate, the coordination's pages for its
own Kreis, the attendance list and the reminders."""

import datetime
import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from ehrenamt import demo
from ehrenamt.models import Ehrenamtliche, Schulung, Schulungstermin, Teilnahme
from kontakte.models import Kreis
from portal.models import Export

pytestmark = pytest.mark.django_db

LISTE = "/ehrenamt/schulungen/"
KOORDINATION = "/ehrenamt/koordination/schulungen/"
S = Teilnahme.Stand


def _als(person: Ehrenamtliche) -> Client:
    """A volunteer without an account, known in this browser session (as after the link)."""
    client = Client()
    session = client.session
    session[Ehrenamtliche.SITZUNG] = person.pk
    session.save()
    return client


def _anmelden(person: Ehrenamtliche, schulung: Schulung):
    return _als(person).post(schulung.get_absolute_url(), follow=True)


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _in_tagen(tage: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=tage)


@pytest.fixture
def coordinator_client(client, volunteer_coordinator):
    client.force_login(volunteer_coordinator)
    return client


# --- The public list and page ---


def test_list_shows_published_upcoming_trainings_with_places(
    client, make_schulung, make_ehrenamtliche
):
    make_schulung(titel="Asylrecht kompakt", kapazitaet=4)
    voll = make_schulung(titel="Ausgebuchte Schulung", kapazitaet=1)
    voll.anmelden(make_ehrenamtliche())
    make_schulung(titel="Entwurf", veroeffentlicht=False)
    make_schulung(titel="Vorbei", beginn=_in_tagen(-10))
    make_schulung(titel="Landesweit online", kreis=None, online=True, ort="")

    page = client.get(LISTE)

    assert page.status_code == 200
    assert "3 Schulungen" in page.text
    assert "Noch 4 Plätze frei" in page.text
    assert "Ausgebucht – Warteliste" in page.text
    assert "Entwurf" not in page.text
    assert "Vorbei" not in page.text
    assert "landesweit" in page.text


def test_list_shows_dates_the_german_way(client, make_schulung):
    beginn = timezone.make_aware(datetime.datetime(2030, 12, 17, 18, 0))  # a Tuesday
    make_schulung(beginn=beginn)
    assert "Di., 17.12.2030, 18:00–21:00 Uhr" in client.get(LISTE).text


@pytest.mark.parametrize(
    ("query", "erwartet"),
    [
        ("", {"Ludwigsburg", "Heilbronn", "Landesweit"}),
        ("?kreis=stadtkreis-heilbronn", {"Heilbronn", "Landesweit"}),
        ("?kreis=landkreis-ludwigsburg&art=online", {"Landesweit"}),
        ("?art=praesenz", {"Ludwigsburg", "Heilbronn"}),
        ("?kreis=atlantis", set()),
        ("?art=<script>", set()),
    ],
)
def test_list_filters_by_kreis_with_statewide_ones_and_by_online(
    client, make_schulung, query, erwartet
):
    make_schulung(titel="Schulung Ludwigsburg")
    make_schulung(titel="Schulung Heilbronn", kreis="stadtkreis-heilbronn")
    make_schulung(titel="Schulung Landesweit", kreis=None, online=True, ort="")
    page = client.get(LISTE + query)
    assert page.status_code == 200
    gezeigt = {
        n for n in ["Ludwigsburg", "Heilbronn", "Landesweit"] if f"Schulung {n}" in page.text
    }
    assert gezeigt == erwartet


def test_visitor_is_sent_to_sign_up_or_to_ask_for_a_link(client, make_schulung):
    schulung = make_schulung()
    page = client.get(schulung.get_absolute_url())
    assert page.status_code == 200
    assert 'href="/ehrenamt/mitmachen/"' in page.text
    assert "Anmeldelink anfordern" in page.text
    assert "Verbindlich anmelden" not in page.text
    assert client.post(schulung.get_absolute_url()).status_code == 302
    assert not Teilnahme.objects.exists()


def test_unpublished_training_is_404(client, make_schulung):
    schulung = make_schulung(veroeffentlicht=False)
    assert client.get(schulung.get_absolute_url()).status_code == 404
    assert client.get(f"{schulung.get_absolute_url()}kalender.ics").status_code == 404


# --- Registering, cancelling, moving up ---


def test_registration_gets_a_place_until_capacity_then_the_waiting_list(
    make_schulung, make_ehrenamtliche
):
    schulung = make_schulung(kapazitaet=2)
    personen = [make_ehrenamtliche() for _ in range(4)]

    assert "Verbindlich anmelden" in _als(personen[0]).get(schulung.get_absolute_url()).text
    seiten = [_anmelden(person, schulung) for person in personen]

    stand = dict(Teilnahme.objects.values_list("ehrenamtliche", "stand"))
    erwartet = [S.ANGEMELDET, S.ANGEMELDET, S.WARTELISTE, S.WARTELISTE]
    assert [stand[p.pk] for p in personen] == erwartet
    assert "verbindlich angemeldet" in seiten[0].text
    assert "Platz 1 der Warteliste" in seiten[2].text
    assert "Platz 2 der Warteliste" in seiten[3].text
    assert "Auf die Warteliste" in _als(make_ehrenamtliche()).get(schulung.get_absolute_url()).text


def test_registering_twice_changes_nothing(make_schulung, make_ehrenamtliche):
    schulung = make_schulung(kapazitaet=1)
    person = make_ehrenamtliche()
    _anmelden(person, schulung)
    vorher = Teilnahme.objects.get()

    page = _anmelden(person, schulung)

    assert "schon eingetragen" in page.text
    nachher = Teilnahme.objects.get()
    assert (nachher.pk, nachher.stand, nachher.angemeldet_am) == (
        vorher.pk,
        S.ANGEMELDET,
        vorher.angemeldet_am,
    )


@pytest.mark.parametrize(
    ("felder", "meldung"),
    [
        ({"anmeldeschluss": _in_tagen(-1)}, "Der Anmeldeschluss war am"),
        ({"beginn": _in_tagen(-0.01)}, "Die Schulung hat bereits begonnen"),
    ],
)
def test_closed_registration_is_refused_with_a_message(
    make_schulung, make_ehrenamtliche, felder, meldung
):
    schulung = make_schulung(**felder)
    person = make_ehrenamtliche()

    assert meldung in _als(person).get(schulung.get_absolute_url()).text
    page = _anmelden(person, schulung)

    assert page.status_code == 200
    assert meldung in page.text
    assert not Teilnahme.objects.exists()


def test_cancelling_moves_the_first_on_the_waiting_list_up_and_mails_them(
    make_schulung, make_ehrenamtliche, mailoutbox, django_capture_on_commit_callbacks
):
    schulung = make_schulung(titel="Asylrecht kompakt", kapazitaet=1)
    erste, zweite, dritte = (make_ehrenamtliche() for _ in range(3))
    for person in (erste, zweite, dritte):
        schulung.anmelden(person)
    teilnahme = erste.teilnahmen.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = _als(erste).post(
            f"/ehrenamt/mein-engagement/schulungen/{teilnahme.pk}/abmelden/"
        )

    assert response.status_code == 302
    assert dict(Teilnahme.objects.values_list("ehrenamtliche", "stand")) == {
        erste.pk: S.ABGEMELDET,
        zweite.pk: S.ANGEMELDET,
        dritte.pk: S.WARTELISTE,
    }
    assert zweite.teilnahmen.get().nachgerueckt_am is not None
    (nachricht,) = mailoutbox
    assert nachricht.to == [zweite.email]
    assert "Asylrecht kompakt" in nachricht.subject
    assert f"/ehrenamt/schulungen/{schulung.slug}/kalender.ics" in nachricht.body
    assert "/ehrenamt/einwilligungen/" in nachricht.body


def test_volunteer_cannot_cancel_another_ones_registration(make_schulung, make_ehrenamtliche):
    schulung = make_schulung()
    fremd = schulung.anmelden(make_ehrenamtliche())
    response = _als(make_ehrenamtliche()).post(
        f"/ehrenamt/mein-engagement/schulungen/{fremd.pk}/abmelden/"
    )
    assert response.status_code == 404
    fremd.refresh_from_db()
    assert fremd.stand == S.ANGEMELDET


def test_no_cancelling_once_the_training_began(make_schulung, make_ehrenamtliche):
    schulung = make_schulung(beginn=_in_tagen(-0.01))
    person = make_ehrenamtliche()
    teilnahme = schulung.anmelden(person)
    page = _als(person).post(
        f"/ehrenamt/mein-engagement/schulungen/{teilnahme.pk}/abmelden/", follow=True
    )
    assert "eine Abmeldung ist nicht mehr möglich" in page.text
    teilnahme.refresh_from_db()
    assert teilnahme.stand == S.ANGEMELDET


@pytest.mark.django_db(transaction=True)
def test_two_registrations_for_the_last_place_at_once(make_schulung, make_ehrenamtliche):
    schulung = make_schulung(kapazitaet=2)
    schulung.anmelden(make_ehrenamtliche())
    personen = [make_ehrenamtliche(), make_ehrenamtliche()]
    start = threading.Barrier(2)
    fehler = []

    def anmelden(person):
        try:
            start.wait(timeout=10)
            Schulung.objects.get(pk=schulung.pk).anmelden(person)
        except Exception as error:  # reported below, in the test's thread
            fehler.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=anmelden, args=(person,)) for person in personen]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert fehler == []
    stands = Teilnahme.objects.filter(ehrenamtliche__in=personen).values_list("stand", flat=True)
    assert sorted(stands) == [S.ANGEMELDET, S.WARTELISTE]


# --- The volunteer's own: overview, calendar, certificate ---


def test_overview_lists_registrations_with_cancel_and_certificate(client, volunteer, make_schulung):
    person = volunteer.ehrenamt
    kommend = make_schulung(titel="Kommende Schulung").anmelden(person)
    vorbei = make_schulung(titel="Vergangene Schulung", beginn=_in_tagen(-30))
    teilnahme = vorbei.anmelden(person)
    vorbei.teilnahme_erfassen([teilnahme])
    client.force_login(volunteer)

    page = client.get("/ehrenamt/mein-engagement/")

    assert page.status_code == 200
    assert "Kommende Schulung" in page.text
    assert f"/ehrenamt/mein-engagement/schulungen/{kommend.pk}/abmelden/" in page.text
    assert f"/ehrenamt/mein-engagement/schulungen/{teilnahme.pk}/abmelden/" not in page.text
    assert f"/ehrenamt/mein-engagement/schulungen/{teilnahme.pk}/bescheinigung.pdf" in page.text


def test_calendar_file_has_one_event_per_date(client, make_schulung):
    schulung = make_schulung(titel="Asylrecht kompakt")
    termin = schulung.termine.get()
    Schulungstermin.objects.create(
        schulung=schulung,
        beginn=termin.beginn + datetime.timedelta(days=7),
        ende=termin.ende + datetime.timedelta(days=7),
    )

    response = client.get(f"/ehrenamt/schulungen/{schulung.slug}/kalender.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.count("BEGIN:VEVENT") == 2
    assert "Asylrecht kompakt" in text
    assert f"UID:schulungstermin-{termin.pk}@" in text
    assert f"DTSTART:{termin.beginn.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}" in text
    assert "LOCATION:Ludwigsburg\\, Forum am Schlosspark" in text


def test_certificate_only_for_attendees(volunteer, make_schulung):
    person = volunteer.ehrenamt
    schulung = make_schulung(titel="Asylrecht kompakt", beginn=_in_tagen(-3))
    teilnahme = schulung.anmelden(person)
    client = Client()
    client.force_login(volunteer)
    url = f"/ehrenamt/mein-engagement/schulungen/{teilnahme.pk}/bescheinigung.pdf"

    assert client.get(url).status_code == 404
    schulung.teilnahme_erfassen([teilnahme])
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert "Helga Hilfreich" in text
    assert "Asylrecht kompakt" in text
    assert "hat teilgenommen" in text
    assert "ohne Unterschrift gültig" in text


def test_certificate_of_another_volunteer_is_404(volunteer, make_schulung, make_ehrenamtliche):
    schulung = make_schulung(beginn=_in_tagen(-3))
    fremd = schulung.anmelden(make_ehrenamtliche())
    schulung.teilnahme_erfassen([fremd])
    client = Client()
    client.force_login(volunteer)
    url = f"/ehrenamt/mein-engagement/schulungen/{fremd.pk}/bescheinigung.pdf"
    assert client.get(url).status_code == 404


# --- The coordination ---


def test_coordination_list_shows_own_trainings_with_counts(
    coordinator_client, make_schulung, make_ehrenamtliche
):
    eigene = make_schulung(titel="Eigene Schulung", kapazitaet=1)
    eigene.anmelden(make_ehrenamtliche())
    eigene.anmelden(make_ehrenamtliche())
    make_schulung(titel="Schulung in Heilbronn", kreis="stadtkreis-heilbronn")
    make_schulung(titel="Statewide", kreis=None)

    page = coordinator_client.get(KOORDINATION)

    assert page.status_code == 200
    assert "Eigene Schulung" in page.text
    assert "1 von 1" in page.text
    assert "Heilbronn" not in page.text
    assert "Statewide" not in page.text
    assert "1 Schulung<" in page.text


def _daten(**felder) -> dict:
    tag = timezone.localdate() + datetime.timedelta(days=30)
    daten = {
        "titel": "Asylrecht kompakt",
        "beschreibung": "Ein Abend über das Asylverfahren.",
        "veranstalter": "Ehrenamtskoordination Ludwigsburg",
        "kreis": Kreis.objects.get(slug="landkreis-ludwigsburg").pk,
        "ort": "Ludwigsburg, Forum",
        "kapazitaet": "20",
        "anmeldeschluss": "",
        "veroeffentlicht": "on",
        "termine-TOTAL_FORMS": "3",
        "termine-INITIAL_FORMS": "0",
        "termine-MIN_NUM_FORMS": "1",
        "termine-MAX_NUM_FORMS": "20",
        "termine-0-beginn": f"{tag:%d.%m.%Y} 18:00",
        "termine-0-ende": f"{tag:%d.%m.%Y} 21:00",
    }
    daten.update(felder)
    return {k: v for k, v in daten.items() if v is not None}


def test_coordinator_writes_a_training_with_dates(coordinator_client, volunteer_coordinator):
    tag = timezone.localdate() + datetime.timedelta(days=37)
    response = coordinator_client.post(
        f"{KOORDINATION}neu/",
        _daten(
            **{
                "termine-1-beginn": f"{tag:%d.%m.%Y} 18:00",
                "termine-1-ende": f"{tag:%d.%m.%Y}, 21:00 Uhr",
            }
        ),
    )
    schulung = Schulung.objects.get()
    assert response.url == f"{KOORDINATION}{schulung.pk}/"
    assert schulung.slug == "asylrecht-kompakt"
    assert schulung.erstellt_von == volunteer_coordinator
    assert schulung.termine.count() == 2
    erster = timezone.localtime(schulung.termine.first().beginn)
    assert (erster.hour, erster.minute) == (18, 0)

    coordinator_client.post(f"{KOORDINATION}neu/", _daten())
    assert set(Schulung.objects.values_list("slug", flat=True)) == {
        "asylrecht-kompakt",
        "asylrecht-kompakt-2",
    }


@pytest.mark.parametrize(
    ("felder", "meldung"),
    [
        ({"titel": "x" * 201}, "höchstens 200 Zeichen"),
        ({"titel": "<script>alert(1)</script>"}, "HTML-Code wird hier nicht angenommen"),
        ({"beschreibung": "Hallo <b>fett</b>"}, "HTML-Code wird hier nicht angenommen"),
        ({"titel": ""}, "Bitte füllen Sie „Titel“ aus."),
        ({"termine-0-ende": "01.01.2020 10:00"}, "Das Ende muss nach dem Beginn liegen."),
        ({"termine-0-beginn": "morgen"}, "Bitte geben Sie Datum und Uhrzeit so an"),
        ({"termine-0-beginn": "", "termine-0-ende": ""}, "mindestens einen Termin"),
        ({"kapazitaet": "viele"}, "ganze Zahl"),
        ({"kapazitaet": "0"}, "mindestens einen Platz"),
        ({"ort": ""}, "Bitte geben Sie den Ort an"),
        ({"kreis": ""}, "Bitte wählen Sie den Kreis."),
        ({"kreis": "fremd"}, "Bitte wählen Sie einen Kreis aus der Liste."),
        ({"termine-TOTAL_FORMS": "x"}, "Bitte prüfen Sie Ihre Angaben"),
    ],
)
def test_bad_input_is_refused_in_german_and_nothing_is_stored(coordinator_client, felder, meldung):
    if felder.get("kreis") == "fremd":  # a Kreis the coordinator does not coordinate
        felder = {"kreis": Kreis.objects.get(slug="stadtkreis-heilbronn").pk}
    page = coordinator_client.post(f"{KOORDINATION}neu/", _daten(**felder))
    assert page.status_code == 200
    assert meldung in page.text
    assert "Bitte prüfen Sie Ihre Angaben" in page.text
    assert "<script>alert" not in page.text
    assert not Schulung.objects.exists()
    assert not Schulungstermin.objects.exists()


def test_raising_the_capacity_moves_the_waiting_list_up(
    coordinator_client,
    make_schulung,
    make_ehrenamtliche,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    schulung = make_schulung(kapazitaet=1)
    erste, zweite = make_ehrenamtliche(), make_ehrenamtliche()
    schulung.anmelden(erste)
    schulung.anmelden(zweite)
    termin = schulung.termine.get()
    beginn, ende = timezone.localtime(termin.beginn), timezone.localtime(termin.ende)
    daten = _daten(
        kapazitaet="2",
        **{
            "termine-INITIAL_FORMS": "1",
            "termine-0-id": str(termin.pk),
            "termine-0-beginn": f"{beginn:%d.%m.%Y %H:%M}",
            "termine-0-ende": f"{ende:%d.%m.%Y %H:%M}",
        },
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(f"{KOORDINATION}{schulung.pk}/bearbeiten/", daten)

    assert response.status_code == 302
    assert zweite.teilnahmen.get().stand == S.ANGEMELDET
    assert [m.to for m in mailoutbox] == [[zweite.email]]
    schulung.refresh_from_db()
    assert (schulung.kapazitaet, schulung.slug, schulung.termine.count()) == (2, schulung.slug, 1)


def test_capacity_below_the_registrations_is_refused(
    coordinator_client, make_schulung, make_ehrenamtliche
):
    schulung = make_schulung(kapazitaet=3)
    for _ in range(2):
        schulung.anmelden(make_ehrenamtliche())
    termin = schulung.termine.get()
    daten = _daten(
        kapazitaet="1",
        **{"termine-INITIAL_FORMS": "1", "termine-0-id": str(termin.pk)},
    )
    page = coordinator_client.post(f"{KOORDINATION}{schulung.pk}/bearbeiten/", daten)
    assert page.status_code == 200
    assert "Es sind schon 2 Personen angemeldet" in page.text
    schulung.refresh_from_db()
    assert schulung.kapazitaet == 3


def test_coordination_page_lists_registrations_and_waiting_list_in_order(
    coordinator_client, make_schulung, make_ehrenamtliche
):
    schulung = make_schulung(kapazitaet=1)
    for name in ["Anna", "Berta", "Clara"]:
        schulung.anmelden(make_ehrenamtliche(vorname=name))
    page = coordinator_client.get(f"{KOORDINATION}{schulung.pk}/")
    assert page.status_code == 200
    assert "Angemeldet: 1 von 1 Plätzen" in page.text
    assert "Warteliste: 2" in page.text
    assert page.text.index("Anna") < page.text.index("Berta") < page.text.index("Clara")
    assert 'type="checkbox"' not in page.text  # attendance only once it began


def test_attendance_is_recorded_once_the_training_began(
    coordinator_client, make_schulung, make_ehrenamtliche
):
    schulung = make_schulung(beginn=_in_tagen(-1))
    da, weg = schulung.anmelden(make_ehrenamtliche()), schulung.anmelden(make_ehrenamtliche())
    url = f"{KOORDINATION}{schulung.pk}/"

    response = coordinator_client.post(url, {"anwesend": [da.pk]})

    assert response.status_code == 302
    assert dict(Teilnahme.objects.values_list("pk", "teilgenommen")) == {da.pk: True, weg.pk: False}
    page = coordinator_client.post(url, {"anwesend": ["999999"]})
    assert page.status_code == 200
    assert "Bitte wählen Sie nur Personen aus der Liste." in page.text


def test_attendance_cannot_be_recorded_before_the_start(
    coordinator_client, make_schulung, make_ehrenamtliche
):
    schulung = make_schulung()
    teilnahme = schulung.anmelden(make_ehrenamtliche())
    page = coordinator_client.post(
        f"{KOORDINATION}{schulung.pk}/", {"anwesend": [teilnahme.pk]}, follow=True
    )
    assert "erst erfassen, wenn die Schulung begonnen hat" in page.text
    teilnahme.refresh_from_db()
    assert not teilnahme.teilgenommen


def test_attendance_list_pdf_has_the_names(
    coordinator_client, make_schulung, make_ehrenamtliche, django_capture_on_commit_callbacks
):
    schulung = make_schulung(titel="Asylrecht kompakt", kapazitaet=1)
    schulung.anmelden(make_ehrenamtliche(vorname="Anna", nachname="Angemeldet"))
    schulung.anmelden(make_ehrenamtliche(vorname="Wanda", nachname="Wartend"))

    with django_capture_on_commit_callbacks(execute=True):  # the worker, right after the commit
        response = coordinator_client.post(f"{KOORDINATION}{schulung.pk}/teilnahmeliste/")

    export = Export.objects.get()
    assert response["Location"] == export.get_absolute_url()
    download = coordinator_client.get(export.get_download_url())
    assert download["Content-Type"] == "application/pdf"
    text = _text(b"".join(download.streaming_content))
    assert "Anna Angemeldet" in text
    assert "Asylrecht kompakt" in text
    assert "Unterschrift" in text
    assert "Wartend" not in text
    assert "71638" not in text  # no postcode on a list passed round


@pytest.mark.parametrize(
    ("methode", "pfad"),
    [
        ("get", "{pk}/"),
        ("post", "{pk}/"),
        ("get", "{pk}/bearbeiten/"),
        ("post", "{pk}/bearbeiten/"),
        ("post", "{pk}/teilnahmeliste/"),
    ],
)
def test_coordinator_of_another_kreis_gets_404(
    client, volunteer_coordinator_b, make_schulung, make_ehrenamtliche, methode, pfad
):
    schulung = make_schulung(kapazitaet=5, beginn=_in_tagen(-1))
    teilnahme = schulung.anmelden(make_ehrenamtliche())
    client.force_login(volunteer_coordinator_b)
    url = KOORDINATION + pfad.format(pk=schulung.pk)

    response = getattr(client, methode)(url, {"anwesend": [teilnahme.pk], **_daten(titel="X")})

    assert response.status_code == 404
    teilnahme.refresh_from_db()
    schulung.refresh_from_db()
    assert not teilnahme.teilgenommen
    assert schulung.titel != "X"
    assert not Export.objects.exists()


def test_statewide_trainings_are_not_the_coordinations(coordinator_client, make_schulung):
    schulung = make_schulung(kreis=None)
    assert coordinator_client.get(f"{KOORDINATION}{schulung.pk}/").status_code == 404


# --- The admin (statewide trainings) ---


def test_staff_see_registrations_and_print_attendance_lists_in_the_admin(
    client, programme_staff, make_schulung, make_ehrenamtliche, django_capture_on_commit_callbacks
):
    schulung = make_schulung(titel="Landesweit online", kreis=None, online=True, ort="")
    schulung.anmelden(make_ehrenamtliche(vorname="Anna", nachname="Angemeldet"))
    client.force_login(programme_staff)

    page = client.get(f"/admin/ehrenamt/schulung/{schulung.pk}/change/")
    assert page.status_code == 200
    assert "Anna Angemeldet" in page.text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/ehrenamt/schulung/",
            {"action": "teilnahmeliste", "_selected_action": [schulung.pk]},
        )
    export = Export.objects.get()
    assert response["Location"] == export.get_absolute_url()
    download = client.get(export.get_download_url())
    assert "Anna Angemeldet" in _text(b"".join(download.streaming_content))


def test_staff_raise_the_capacity_in_the_admin_and_the_waiting_list_moves_up(
    client, programme_staff, make_schulung, make_ehrenamtliche
):
    schulung = make_schulung(titel="Landesweit online", kreis=None, kapazitaet=1)
    schulung.anmelden(make_ehrenamtliche())
    wartend = schulung.anmelden(make_ehrenamtliche())
    termin = schulung.termine.get()
    beginn, ende = timezone.localtime(termin.beginn), timezone.localtime(termin.ende)
    teilnahmen = list(schulung.teilnahmen.order_by("pk"))
    client.force_login(programme_staff)
    daten = {
        "titel": schulung.titel,
        "slug": schulung.slug,
        "beschreibung": schulung.beschreibung,
        "veranstalter": schulung.veranstalter,
        "kreis": "",
        "ort": schulung.ort,
        "kapazitaet": "2",
        "veroeffentlicht": "on",
        "termine-TOTAL_FORMS": "1",
        "termine-INITIAL_FORMS": "1",
        "termine-0-id": termin.pk,
        "termine-0-schulung": schulung.pk,
        "termine-0-beginn_0": f"{beginn:%d.%m.%Y}",
        "termine-0-beginn_1": f"{beginn:%H:%M:%S}",
        "termine-0-ende_0": f"{ende:%d.%m.%Y}",
        "termine-0-ende_1": f"{ende:%H:%M:%S}",
        "teilnahmen-TOTAL_FORMS": "2",
        "teilnahmen-INITIAL_FORMS": "2",
    }
    for nummer, teilnahme in enumerate(teilnahmen):
        daten[f"teilnahmen-{nummer}-id"] = teilnahme.pk
        daten[f"teilnahmen-{nummer}-schulung"] = schulung.pk

    response = client.post(f"/admin/ehrenamt/schulung/{schulung.pk}/change/", daten)

    assert response.status_code == 302, response.context["errors"]
    wartend.refresh_from_db()
    assert wartend.stand == S.ANGEMELDET


# --- Reminders ---


def test_reminder_goes_out_once_two_days_before(make_schulung, make_ehrenamtliche, mailoutbox):
    bald = make_schulung(titel="Bald", beginn=_in_tagen(1.5))
    spaeter = make_schulung(titel="Später", beginn=_in_tagen(5))
    person = make_ehrenamtliche()
    bald.anmelden(person)
    spaeter.anmelden(person)
    wartend = make_ehrenamtliche()
    Teilnahme.objects.create(schulung=bald, ehrenamtliche=wartend, stand=S.WARTELISTE)

    ausgabe = io.StringIO()
    call_command("ehrenamt_schulungen_erinnern", stdout=ausgabe)
    call_command("ehrenamt_schulungen_erinnern", stdout=io.StringIO())

    assert "Training reminders sent: 1." in ausgabe.getvalue()
    (nachricht,) = mailoutbox
    assert nachricht.to == [person.email]
    assert "Bald" in nachricht.subject
    assert f"/ehrenamt/schulungen/{bald.slug}/kalender.ics" in nachricht.body
    assert "melden Sie sich bitte" in nachricht.body
    assert "/ehrenamt/einwilligungen/" in nachricht.body
    assert bald.teilnahmen.get(ehrenamtliche=person).erinnert_am is not None


# --- Demo data ---


def test_demo_trainings_run_twice_without_doubling(make_ehrenamtliche):
    personen = [make_ehrenamtliche() for _ in range(8)]
    personen += [make_ehrenamtliche(kreis="stadtkreis-heilbronn") for _ in range(3)]
    demo.schulungen(personen)
    zahlen = (Schulung.objects.count(), Teilnahme.objects.count())
    demo.schulungen(personen)

    assert (Schulung.objects.count(), Teilnahme.objects.count()) == zahlen
    assert zahlen[0] >= 5
    assert Schulung.objects.filter(kreis__isnull=True, online=True).exists()
    assert Teilnahme.objects.filter(stand=S.WARTELISTE).exists()
    assert Teilnahme.objects.filter(teilgenommen=True).exists()
    assert Schulung.objects.kommend().count() == zahlen[0] - 1
    demo.schulungen([])  # without volunteers, too

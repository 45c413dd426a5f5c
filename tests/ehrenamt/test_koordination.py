"""The coordination's back office: only the volunteers of its own Kreis who confirmed their
address and agreed to be contacted; notes, working groups only with consent, logged exports."""

import pytest
from django.urls import reverse

from ehrenamt.models import Ehrenamtliche, Einwilligung, Listenexport

pytestmark = pytest.mark.django_db

ZWECK = Einwilligung.Zweck


@pytest.fixture
def person_a(make_ehrenamtliche):
    return make_ehrenamtliche(
        vorname="Aylin",
        nachname="Ahorn",
        email="aylin@example.org",
        einwilligungen=[ZWECK.KONTAKT, ZWECK.ARBEITSKREIS],
        sprachen="Türkisch, Englisch",
        verfuegbarkeit=["abends"],
    )


PERSON_URLS = [
    "ehrenamt:koordination-person",
    "ehrenamt:koordination-person-bearbeiten",
    "ehrenamt:koordination-auskunft-json",
    "ehrenamt:koordination-auskunft-pdf",
    "ehrenamt:koordination-loeschen",
]


@pytest.mark.parametrize("name", PERSON_URLS)
def test_coordinator_of_another_kreis_gets_404_for_every_volunteer_url(
    client, volunteer_coordinator_b, person_a, name
):
    client.force_login(volunteer_coordinator_b)
    url = reverse(name, args=[person_a.pk])
    assert client.get(url).status_code == 404
    # The pages with forms refuse the POST too; the downloads take no POST at all.
    assert client.post(url, {"bestaetigt": "ja", "notiz": "1", "text": "x"}).status_code in (
        404,
        405,
    )
    person_a.refresh_from_db()
    assert person_a.stand == Ehrenamtliche.Stand.AKTIV
    assert not person_a.notizen.exists()


def test_export_of_another_kreis_does_not_contain_the_volunteer(
    client, volunteer_coordinator_b, person_a
):
    client.force_login(volunteer_coordinator_b)
    export = client.get(reverse("ehrenamt:koordination-export"))
    assert export.status_code == 200
    assert "aylin@example.org" not in export.content.decode()
    assert not Listenexport.objects.filter(personen=person_a).exists()


@pytest.mark.parametrize("name", PERSON_URLS)
def test_own_coordinator_opens_every_volunteer_url(client, volunteer_coordinator, person_a, name):
    client.force_login(volunteer_coordinator)
    assert client.get(reverse(name, args=[person_a.pk])).status_code == 200


def test_someone_who_coordinates_nothing_gets_403(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("ehrenamt:koordination")).status_code == 403
    assert client.get(reverse("ehrenamt:koordination-export")).status_code == 403


def test_unconfirmed_sign_up_never_reaches_the_coordinator(
    client, volunteer_coordinator, make_ehrenamtliche
):
    offen = make_ehrenamtliche(email="offen@example.org", stand=Ehrenamtliche.Stand.UNBESTAETIGT)
    client.force_login(volunteer_coordinator)
    assert "offen@example.org" not in client.get(reverse("ehrenamt:koordination")).text
    assert "offen@example.org" not in client.get(reverse("ehrenamt:koordination-export")).text
    url = reverse("ehrenamt:koordination-person", args=[offen.pk])
    assert client.get(url).status_code == 404


def test_withdrawn_contact_consent_takes_the_volunteer_off_the_list(
    client, volunteer_coordinator, person_a
):
    client.force_login(volunteer_coordinator)
    assert "Ahorn" in client.get(reverse("ehrenamt:koordination")).text
    person_a.widerrufen(ZWECK.KONTAKT)
    assert "Ahorn" not in client.get(reverse("ehrenamt:koordination")).text


def test_list_filters_by_kind_language_and_time(
    client, volunteer_coordinator, person_a, make_ehrenamtliche
):
    make_ehrenamtliche(nachname="Birke", hilfen=["Sport"], verfuegbarkeit=["vormittags"])
    client.force_login(volunteer_coordinator)
    url = reverse("ehrenamt:koordination")
    assert "Birke" not in client.get(url, {"sprache": "türkisch"}).text
    assert "Ahorn" in client.get(url, {"sprache": "türkisch"}).text
    abends = client.get(url, {"zeit": "abends"}).text
    assert "Ahorn" in abends and "Birke" not in abends
    sport = client.get(url, {"hilfe": "sport"}).text
    assert "Birke" in sport and "Ahorn" not in sport
    assert client.get(url, {"zeit": "nachts"}).status_code == 200  # a German error, no 500


def test_export_is_a_csv_of_the_filtered_list_and_is_logged(
    client, volunteer_coordinator, person_a, make_ehrenamtliche
):
    make_ehrenamtliche(nachname="Birke", verfuegbarkeit=["vormittags"])
    client.force_login(volunteer_coordinator)
    export = client.get(reverse("ehrenamt:koordination-export"), {"zeit": "abends"})
    text = export.content.decode("utf-8-sig")
    assert export["Content-Type"].startswith("text/csv")
    assert "aylin@example.org" in text and "Birke" not in text
    log = Listenexport.objects.get()
    assert log.user == volunteer_coordinator
    assert log.filter == "zeit=abends"
    assert list(log.personen.all()) == [person_a]


def test_notes_are_kept_with_author(client, volunteer_coordinator, person_a):
    client.force_login(volunteer_coordinator)
    url = reverse("ehrenamt:koordination-person", args=[person_a.pk])
    client.post(url, {"notiz": "1", "text": "Hat am 12.03. Zeit für die Begleitung."})
    notiz = person_a.notizen.get()
    assert notiz.verfasst_von == volunteer_coordinator
    assert "12.03." in client.get(url).text
    leer = client.post(url, {"notiz": "1", "text": ""})
    assert "Bitte schreiben Sie eine Notiz." in leer.text
    assert person_a.notizen.count() == 1


def test_assignment_to_a_working_group_needs_the_consent(
    client, volunteer_coordinator, person_a, make_ehrenamtliche, make_arbeitskreis
):
    arbeitskreis = make_arbeitskreis()
    ohne = make_ehrenamtliche(nachname="Ohnezustimmung")
    client.force_login(volunteer_coordinator)
    client.post(
        reverse("ehrenamt:koordination-person", args=[person_a.pk]),
        {"zuordnen": "1", "arbeitskreis": arbeitskreis.pk},
    )
    assert list(person_a.arbeitskreise.all()) == [arbeitskreis]
    antwort = client.post(
        reverse("ehrenamt:koordination-person", args=[ohne.pk]),
        {"zuordnen": "1", "arbeitskreis": arbeitskreis.pk},
    )
    assert "nicht eingewilligt" in antwort.text
    assert not ohne.arbeitskreise.exists()


def test_withdrawing_the_consent_removes_the_volunteer_from_the_working_group_at_once(
    client, volunteer_coordinator, person_a, make_arbeitskreis
):
    arbeitskreis = make_arbeitskreis()
    person_a.zuordnen(arbeitskreis, volunteer_coordinator)
    client.force_login(volunteer_coordinator)
    liste = reverse("ehrenamt:koordination-arbeitskreis", args=[arbeitskreis.pk])
    assert "aylin@example.org" in client.get(liste).text
    person_a.widerrufen(ZWECK.ARBEITSKREIS)
    assert "aylin@example.org" not in client.get(liste).text
    assert not person_a.zuordnungen.exists()


def test_working_group_of_another_kreis_is_404(client, volunteer_coordinator_b, make_arbeitskreis):
    client.force_login(volunteer_coordinator_b)
    url = reverse("ehrenamt:koordination-arbeitskreis", args=[make_arbeitskreis().pk])
    assert client.get(url).status_code == 404


def test_coordinator_corrects_data_on_request(client, volunteer_coordinator, person_a):
    client.force_login(volunteer_coordinator)
    url = reverse("ehrenamt:koordination-person-bearbeiten", args=[person_a.pk])
    daten = {
        "vorname": "Aylin",
        "nachname": "Ahorn-Berg",
        "email": "aylin@example.org",
        "plz": "71638",
        "kreis": person_a.kreis_id,
        "angebotsarten": [a.pk for a in person_a.angebotsarten.all()],
        "stand": "pausiert",
        "fuehrungszeugnis_eingesehen_am": "15.12.2026",
    }
    assert client.post(url, daten).status_code == 302
    person_a.refresh_from_db()
    assert person_a.nachname == "Ahorn-Berg"
    assert person_a.stand == Ehrenamtliche.Stand.PAUSIERT
    falsch = client.post(
        url, {**daten, "plz": "7163x", "fuehrungszeugnis_eingesehen_am": "gestern"}
    )
    assert falsch.status_code == 200
    person_a.refresh_from_db()
    assert person_a.plz == "71638"


def test_list_query_count_does_not_grow(client, volunteer_coordinator, make_ehrenamtliche):
    from tests.test_queries import _flat

    client.force_login(volunteer_coordinator)
    _flat(client, reverse("ehrenamt:koordination"), make_ehrenamtliche)


def test_working_group_list_query_count_does_not_grow(
    client, volunteer_coordinator, make_ehrenamtliche, make_arbeitskreis
):
    from tests.test_queries import _flat

    arbeitskreis = make_arbeitskreis()

    def mitglied():
        person = make_ehrenamtliche(einwilligungen=[ZWECK.KONTAKT, ZWECK.ARBEITSKREIS])
        person.zuordnen(arbeitskreis, volunteer_coordinator)

    client.force_login(volunteer_coordinator)
    _flat(client, reverse("ehrenamt:koordination-arbeitskreis", args=[arbeitskreis.pk]), mitglied)

"""Every list page needs the same number of queries for 1 row as for 5."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.kontakte.plattform_fixtures import (
    client_for_mitglied,
    make_beitrag,
    make_diskussion,
    make_mitglied,
)

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


def _flat(client, url, add_row) -> None:
    add_row()
    one = _queries(client, url)
    for _ in range(4):
        add_row()
    assert _queries(client, url) == one


def _meldung_with_attachments(make_meldung, make_rundschreiben, make_dokument):
    meldung = make_meldung(datum=datetime.date(2016, 12, 1), rundschreiben=make_rundschreiben())
    meldung.dokumente.add(make_dokument())


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/aktuelles/",
        "/aktuelles/archiv/",
        "/aktuelles/archiv/2016/",
        "/aktuelles/archiv/2016/12/",
        "/aktuelles/feed/",
        "/sitemap.xml",
        "/suche/?q=Meldung",
    ],
)
def test_news_lists(client, make_meldung, make_rundschreiben, make_dokument, url):
    _flat(
        client,
        url,
        lambda: _meldung_with_attachments(make_meldung, make_rundschreiben, make_dokument),
    )


def test_circular_list(client, make_rundschreiben):
    _flat(client, "/rundschreiben/", make_rundschreiben)


def test_document_list(client, make_dokument):
    _flat(client, "/dokumente/", make_dokument)


@pytest.mark.parametrize("url", ["/veranstaltungen/", "/veranstaltungen/kalender.ics"])
def test_event_lists(client, make_veranstaltung, url):
    def add():
        veranstaltung = make_veranstaltung()
        veranstaltung.thementische.create(titel="Kleinbudget")

    _flat(client, url, add)


def test_faq(client, make_faq):
    counter = iter(range(100))
    _flat(client, "/faq/", lambda: make_faq(thema=f"Thema {next(counter) % 2}"))


def test_page_with_subpages(client, make_seite, make_dokument):
    programm = make_seite("programm")
    counter = iter(range(100))

    def add():
        make_seite(f"unterseite-{next(counter)}", eltern=programm)
        programm.dokumente.add(make_dokument())

    _flat(client, "/programm/", add)


def test_contact_directory(client, make_organisation, make_person):
    def add_row():
        person = make_person(make_organisation(), themen=["ehrenamt"])
        person.abteilung = person.organisation.abteilungen.create(name="Dezernat III")
        person.save()

    _flat(client, "/kontakte/", add_row)


def test_organisation_page(client, make_organisation, make_person):
    organisation = make_organisation()
    _flat(
        client,
        organisation.get_absolute_url(),
        lambda: make_person(organisation, themen=["ehrenamt", "asyl"]),
    )


def test_platform_topic_list():
    mitglied = make_mitglied()
    _flat(client_for_mitglied(mitglied), "/plattform/", lambda: make_diskussion(autor=mitglied))


def test_platform_topic_with_posts_and_attachments():
    diskussion = make_diskussion()
    _flat(
        client_for_mitglied(),
        diskussion.get_absolute_url(),
        lambda: make_beitrag(diskussion, make_mitglied()),
    )


@pytest.mark.parametrize(
    "url",
    ["/buendnisse/", "/buendnisse/?thema=sprache&regierungsbezirk=Stuttgart", "/buendnisse/karte/"],
)
def test_alliance_list_and_map(client, make_buendnis, make_themenfeld, url):
    counter = iter(range(100))
    kreise = ["stadtkreis-stuttgart", "landkreis-ludwigsburg", "landkreis-esslingen"]

    def add_row():
        make_buendnis(
            kreis=kreise[next(counter) % 3],
            themen=[make_themenfeld("Sprache"), make_themenfeld("Sport")],
            partner=[("Caritas", "wohlfahrtsverband")],
        )

    _flat(client, url, add_row)


def test_alliance_page(client, make_buendnis, make_person, make_veranstaltung, make_meldung):
    from buendnisse.models import Partner, Teilnahme

    buendnis = make_buendnis()

    def add_row():
        buendnis.partner.create(name="Verein", rolle=Partner.Rolle.VEREIN)
        buendnis.ansprechpersonen.add(make_person(organisation=buendnis.traeger))
        Teilnahme.objects.create(buendnis=buendnis, veranstaltung=make_veranstaltung())
        buendnis.meldungen.add(make_meldung())

    _flat(client, buendnis.get_absolute_url(), add_row)


@pytest.mark.parametrize("seite", ["uebersicht", "programm"])
def test_funding_pages(client, make_programm, make_ausschreibung, seite):
    programm = make_programm()
    zustand = iter([True, False, "kommend"] * 5)

    def add_row():
        make_ausschreibung(programm, offen=next(zustand))

    url = "/foerderung/" if seite == "uebersicht" else programm.get_absolute_url()
    _flat(client, url, add_row)


def test_call_page(client, make_programm, make_ausschreibung, make_dokument):
    ausschreibung = make_ausschreibung(make_programm(), offen=True)

    def add_row():
        ausschreibung.fragen.create(text="Frage", typ="text")
        ausschreibung.unterlagen.create(bezeichnung="Unterlage")
        ausschreibung.dokumente.add(make_dokument())

    _flat(client, ausschreibung.get_absolute_url(), add_row)


def test_funded_projects_on_programme_page(client, make_ausschreibung, make_antrag, make_kommune):
    from decimal import Decimal

    from foerderung.models import Antrag

    ausschreibung = make_ausschreibung()

    def add_row():
        antrag = make_antrag(
            ausschreibung=ausschreibung, organisation=make_kommune("Stadt")[0], eingereicht=True
        )
        Antrag.objects.filter(pk=antrag.pk).update(
            status=Antrag.Status.BEWILLIGT,
            bewilligt_betrag=Decimal("2500"),
            freigegeben_am=antrag.eingereicht_am,
        )

    _flat(client, ausschreibung.programm.get_absolute_url(), add_row)
    assert (
        "5 Vorhaben mit zusammen 12.500 €"
        in client.get(ausschreibung.programm.get_absolute_url()).text
    )


def test_application_list(client, municipality_a, make_antrag, make_ausschreibung):
    client.force_login(municipality_a)
    _flat(
        client,
        "/foerderung/antraege/",
        lambda: make_antrag(ausschreibung=make_ausschreibung(), eingereicht=True),
    )


def test_application_pages(client, municipality_a, antrag_a, foerderreferat):
    """The application with more cost lines, queries, files and history entries."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from foerderung.models import Anhang

    client.force_login(municipality_a)

    def add_row():
        antrag_a.kostenpositionen.create(art="sachkosten", beschreibung="Papier", betrag=0)
        antrag_a.rueckfrage_stellen(foerderreferat, "Noch eine Frage?")
        rueckfrage = antrag_a.rueckfragen.last()
        Anhang.speichern(
            antrag_a,
            SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"),
            municipality_a,
            Anhang.Zweck.RUECKFRAGE,
            rueckfrage=rueckfrage,
        )
        rueckfrage.beantworten(municipality_a, "Antwort")
        antrag_a.einreichen(by=municipality_a)

    _flat(client, antrag_a.get_absolute_url(), add_row)
    # Open again for changes: the steps and the summary.
    antrag_a.rueckfrage_stellen(foerderreferat, "Bitte ergänzen.")
    for url in [f"/foerderung/antraege/{antrag_a.pk}/einreichen/"]:
        _flat(
            client,
            url,
            lambda: antrag_a.kostenpositionen.create(art="fahrt", beschreibung="Bus", betrag=0),
        )


def test_working_groups(client, make_arbeitskreis, make_person):
    def add_row():
        make_arbeitskreis(hilfen=["Deutschkurs", "Sport"]).ansprechpersonen.add(make_person())

    _flat(client, "/ehrenamt/arbeitskreise/", add_row)


def test_donation_points(client, make_sachspendenstelle):
    _flat(client, "/ehrenamt/sachspenden/", make_sachspendenstelle)


def test_needs(client, make_gesuch, make_ehrenamtliche):
    from ehrenamt.models import Interesse

    def add_row():
        gesuch = make_gesuch(anzahl=3)
        Interesse.objects.create(
            gesuch=gesuch, ehrenamtliche=make_ehrenamtliche(), stand="angenommen"
        )

    _flat(client, "/ehrenamt/gesuche/", add_row)


def test_coordination_needs(client, volunteer_coordinator, make_gesuch, make_ehrenamtliche):
    from ehrenamt.models import Interesse

    def add_row():
        gesuch = make_gesuch(veroeffentlicht=False)
        for stand in ["offen", "angenommen"]:
            Interesse.objects.create(gesuch=gesuch, ehrenamtliche=make_ehrenamtliche(), stand=stand)

    client.force_login(volunteer_coordinator)
    _flat(client, "/ehrenamt/koordination/gesuche/", add_row)


def test_coordination_need_with_interests(
    client, volunteer_coordinator, make_gesuch, make_ehrenamtliche
):
    from ehrenamt.models import Interesse

    gesuch = make_gesuch(anzahl=10)
    client.force_login(volunteer_coordinator)
    _flat(
        client,
        f"/ehrenamt/koordination/gesuche/{gesuch.pk}/",
        lambda: Interesse.objects.create(
            gesuch=gesuch, ehrenamtliche=make_ehrenamtliche(), nachricht="Gern"
        ),
    )


def _schulung_mit_anmeldungen(make_schulung, make_ehrenamtliche, **felder):
    """A training with two dates, one place taken and one on the waiting list."""
    import datetime

    schulung = make_schulung(kapazitaet=1, **felder)
    termin = schulung.termine.get()
    schulung.termine.create(
        beginn=termin.beginn + datetime.timedelta(days=7),
        ende=termin.ende + datetime.timedelta(days=7),
    )
    schulung.anmelden(make_ehrenamtliche())
    schulung.anmelden(make_ehrenamtliche())
    return schulung


@pytest.mark.parametrize("kreis", ["landkreis-ludwigsburg", None])
def test_trainings(client, make_schulung, make_ehrenamtliche, kreis):
    _flat(
        client,
        "/ehrenamt/schulungen/?kreis=landkreis-ludwigsburg",
        lambda: _schulung_mit_anmeldungen(make_schulung, make_ehrenamtliche, kreis=kreis),
    )


def test_coordination_trainings(client, volunteer_coordinator, make_schulung, make_ehrenamtliche):
    client.force_login(volunteer_coordinator)
    _flat(
        client,
        "/ehrenamt/koordination/schulungen/",
        lambda: _schulung_mit_anmeldungen(make_schulung, make_ehrenamtliche),
    )


def test_coordination_training_with_registrations(
    client, volunteer_coordinator, make_schulung, make_ehrenamtliche
):
    import datetime

    from django.utils import timezone

    schulung = make_schulung(kapazitaet=3, beginn=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(volunteer_coordinator)
    _flat(
        client,
        f"/ehrenamt/koordination/schulungen/{schulung.pk}/",
        lambda: schulung.anmelden(make_ehrenamtliche()),
    )


def test_volunteer_overview_with_trainings(client, volunteer, make_schulung):
    import datetime

    from django.utils import timezone

    person = volunteer.ehrenamt
    client.force_login(volunteer)

    def add_row():
        schulung = make_schulung(beginn=timezone.now() - datetime.timedelta(days=3))
        schulung.teilnahme_erfassen([schulung.anmelden(person)])
        make_schulung().anmelden(person)

    _flat(client, "/ehrenamt/mein-engagement/", add_row)


def test_own_pdf_exports(client, programme_staff, make_rundschreiben):
    from portal.models import Export

    rundschreiben = make_rundschreiben()
    client.force_login(programme_staff)
    _flat(
        client,
        "/exporte/",
        lambda: Export.objects.create(
            art="rundschreiben",
            titel="Rundschreiben",
            dateiname="rundschreiben",
            quelle=rundschreiben,
            angefordert_von=programme_staff,
        ),
    )

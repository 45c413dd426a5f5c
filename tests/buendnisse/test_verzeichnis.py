"""The public directory of alliances: filters, count, order, pages, detail, home count, search."""

import datetime
from decimal import Decimal

import pytest
from django.utils.http import urlencode

from buendnisse.models import Buendnis, Partner, Teilnahme

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [b.name for b in response.context["page_obj"]]


@pytest.fixture
def auswahl(make_buendnis, make_foerderrunde, make_themenfeld):
    """Alliances that differ in one respect each, to see every filter and combinations."""
    runde_1 = make_foerderrunde(runde=1, jahr=2015)
    runde_2 = make_foerderrunde(runde=2, tranche=2, jahr=2016)
    sprache, sport = make_themenfeld("Sprache"), make_themenfeld("Sport")
    return {
        "ludwigsburg": make_buendnis(
            "Bündnis Ludwigsburg",
            "landkreis-ludwigsburg",
            foerderrunde=runde_2,
            themen=[sprache],
            betrag=Decimal("15000"),
        ),
        "stuttgart": make_buendnis(
            "Netzwerk Stuttgart",
            "stadtkreis-stuttgart",
            foerderrunde=runde_1,
            themen=[sprache, sport],
            betrag=Decimal("50000"),
            status=Buendnis.Status.ABGESCHLOSSEN,
        ),
        "esslingen": make_buendnis(
            "Willkommen in Esslingen",
            "landkreis-esslingen",
            foerderrunde=runde_2,
            themen=[sport],
            partner=[("Caritas Esslingen", Partner.Rolle.WOHLFAHRTSVERBAND)],
        ),
        "freiburg": make_buendnis(
            "Freiburg hilft",
            "stadtkreis-freiburg-im-breisgau",
            foerderrunde=runde_2,
            themen=[sprache],
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            {},
            [
                "Bündnis Ludwigsburg",
                "Freiburg hilft",
                "Netzwerk Stuttgart",
                "Willkommen in Esslingen",
            ],
        ),
        (
            {"regierungsbezirk": "Stuttgart"},
            ["Bündnis Ludwigsburg", "Netzwerk Stuttgart", "Willkommen in Esslingen"],
        ),
        ({"kreis": "landkreis-esslingen"}, ["Willkommen in Esslingen"]),
        ({"thema": "sprache"}, ["Bündnis Ludwigsburg", "Freiburg hilft", "Netzwerk Stuttgart"]),
        (
            {"regierungsbezirk": "Stuttgart", "thema": "sprache"},
            ["Bündnis Ludwigsburg", "Netzwerk Stuttgart"],
        ),
        (
            {"regierungsbezirk": "Stuttgart", "thema": "sprache", "jahr": "2016"},
            ["Bündnis Ludwigsburg"],
        ),
        ({"runde": "giv-1-0-2015"}, ["Netzwerk Stuttgart"]),
        ({"status": "abgeschlossen"}, ["Netzwerk Stuttgart"]),
        ({"status": "laufend", "thema": "sport"}, ["Willkommen in Esslingen"]),
        ({"q": "caritas"}, ["Willkommen in Esslingen"]),  # a partner's name
        ({"q": "Freiburg hilft"}, ["Freiburg hilft"]),
        ({"regierungsbezirk": "Freiburg", "thema": "sport"}, []),
    ],
)
def test_filters_combine(client, auswahl, query, expected):
    response = client.get(f"/buendnisse/?{urlencode(query)}")
    assert response.status_code == 200
    assert _names(response) == expected
    count = f"{len(expected)} Bündnis" if len(expected) == 1 else f"{len(expected)} Bündnisse"
    assert count in response.text


def test_an_alliance_with_two_matching_themes_is_listed_once(client, auswahl):
    response = client.get("/buendnisse/?q=Netzwerk&thema=sport")
    assert _names(response) == ["Netzwerk Stuttgart"]


def test_active_filters_can_be_removed_one_by_one(client, auswahl):
    response = client.get(
        "/buendnisse/?regierungsbezirk=Stuttgart&thema=sprache&sortierung=-betrag"
    )
    aktive = {f["label"]: f["url"] for f in response.context["filter"].aktive_filter()}
    assert set(aktive) == {"Regierungsbezirk", "Thema"}  # the order is no filter
    assert aktive["Thema"] == "?regierungsbezirk=Stuttgart&sortierung=-betrag"


def test_sorting_by_amount_and_name(client, auswahl):
    assert _names(client.get("/buendnisse/?sortierung=-betrag"))[0] == "Netzwerk Stuttgart"
    assert _names(client.get("/buendnisse/?sortierung=-name"))[0] == "Willkommen in Esslingen"


def test_pages_of_twenty(client, make_buendnis, settings):
    for number in range(23):
        make_buendnis(f"Bündnis {number:02d}")
    first, second = client.get("/buendnisse/"), client.get("/buendnisse/?page=2")
    assert len(first.context["page_obj"]) == 20
    assert _names(second) == ["Bündnis 20", "Bündnis 21", "Bündnis 22"]
    assert "Seite 2 von 2" in second.text


@pytest.mark.parametrize(
    "query",
    ["kreis=atlantis", "jahr=abc", "runde=%00", "status=<script>", "q=" + "x" * 500, "page=-1"],
)
def test_bad_filter_values_get_a_message_not_an_error(client, auswahl, query):
    response = client.get(f"/buendnisse/?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.text.split("<main", 1)[1]
    if not query.startswith("page"):
        assert "Bitte prüfen Sie Ihre Angaben" in response.text


def test_hidden_alliances_are_nowhere_public(client, make_buendnis):
    hidden = make_buendnis("Neues Bündnis in Vorbereitung", oeffentlich=False)
    assert "Neues Bündnis" not in client.get("/buendnisse/").text
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "Neues Bündnis" not in client.get("/suche/?q=Vorbereitung").text


def test_detail_shows_funding_partners_contacts_meetings_and_news(
    client, make_buendnis, make_person, make_veranstaltung, make_meldung, make_themenfeld
):
    buendnis = make_buendnis(
        "Lokales Bündnis Flüchtlingshilfe Ludwigsburg",
        gemeinden="Ludwigsburg, Kornwestheim",
        ziele="Ehrenamtliche Strukturen weiterentwickeln.",
        aktivitaeten='Fachtag "Ehrenamtliche Netzwerke in der Flüchtlingsarbeit in Ludwigsburg"',
        themen=[make_themenfeld("Begegnung")],
        partner=[("Freundeskreis Asyl Ludwigsburg", Partner.Rolle.INITIATIVE)],
    )
    person = make_person(organisation=buendnis.traeger, nachname="Widmann")
    versteckt = make_person(organisation=buendnis.traeger, nachname="Intern", oeffentlich=False)
    buendnis.ansprechpersonen.set([person, versteckt])
    vergangen = make_veranstaltung(
        titel="2. Gesamttreffen", beginn=datetime.datetime(2016, 9, 28, 10, tzinfo=datetime.UTC)
    )
    kommend = make_veranstaltung(
        titel="Nächstes Gesamttreffen",
        beginn=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30),
    )
    Teilnahme.objects.create(buendnis=buendnis, veranstaltung=vergangen)
    Teilnahme.objects.create(buendnis=buendnis, veranstaltung=kommend)
    buendnis.meldungen.add(make_meldung(titel="Fachtag in Ludwigsburg"))

    text = client.get(buendnis.get_absolute_url()).text

    for expected in [
        "15.000 €",
        "15.11.2016–15.12.2017",
        "Gemeinsam in Vielfalt II",
        "Ludwigsburg, Kornwestheim",
        buendnis.traeger.name,
        "Begegnung",
        "Freundeskreis Asyl Ludwigsburg",
        "Initiative / Freundeskreis",
        "Ehrenamtliche Netzwerke in der Flüchtlingsarbeit in Ludwigsburg",
        "Anja Widmann",
        f"/kontakte/{person.organisation.slug}/{person.slug}/nachricht/",  # contact form
        "Kommende Treffen",
        "Nächstes Gesamttreffen",
        "2. Gesamttreffen",
        "Fachtag in Ludwigsburg",
    ]:
        assert expected in text, expected
    assert "Intern" not in text
    assert "person" not in buendnis.traeger.email or buendnis.traeger.email not in text


def test_the_event_page_names_the_alliances_that_took_part(
    client, make_buendnis, make_veranstaltung
):
    veranstaltung = make_veranstaltung(
        beginn=datetime.datetime(2016, 9, 28, 10, tzinfo=datetime.UTC)
    )
    for name in ["Bündnis Aalen", "Bündnis Ulm"]:
        Teilnahme.objects.create(buendnis=make_buendnis(name), veranstaltung=veranstaltung)
    text = client.get(veranstaltung.get_absolute_url()).text
    assert "Teilnehmende Bündnisse (2)" in text
    assert "Bündnis Aalen" in text and "Bündnis Ulm" in text


def test_home_count_follows_the_data(client, make_buendnis, make_seite):
    make_seite("gemeinsam-in-vielfalt", saeule=1, teaser="Das Förderprogramm.")
    make_buendnis()
    make_buendnis(oeffentlich=False)
    assert "Derzeit ist es 1 gefördertes Bündnis." in client.get("/").text
    for _ in range(2):
        make_buendnis()
    text = client.get("/").text
    assert "Derzeit sind es 3 geförderte Bündnisse." in text
    assert "<dt>Geförderte Bündnisse</dt><dd>3</dd>" in text


def test_site_search_finds_alliances(client, make_buendnis):
    make_buendnis("Netzwerk Willkommen Backnang", beschreibung="Sprachcafé und Fahrradwerkstatt")
    response = client.get("/suche/?q=Fahrradwerkstatt")
    assert "Lokale Bündnisse" in response.text
    assert "Netzwerk Willkommen Backnang" in response.text

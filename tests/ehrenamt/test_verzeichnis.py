"""The public directories of working groups and donation points."""

import pytest

pytestmark = pytest.mark.django_db

LISTE = "/ehrenamt/arbeitskreise/"


@pytest.fixture
def kreise(make_arbeitskreis):
    return {
        "osweil": make_arbeitskreis("Arbeitskreis Asyl Oßweil", hilfen=["Deutschkurs", "Sport"]),
        "boeckingen": make_arbeitskreis(
            "Freundeskreis Böckingen",
            kreis="stadtkreis-heilbronn",
            hilfen=["Fahrdienst"],
            gemeinde="Heilbronn-Böckingen",
        ),
        "versteckt": make_arbeitskreis("Noch nicht freigegeben", oeffentlich=False),
    }


@pytest.mark.parametrize(
    ("query", "erwartet"),
    [
        ("", {"Arbeitskreis Asyl Oßweil", "Freundeskreis Böckingen"}),
        ("?kreis=stadtkreis-heilbronn", {"Freundeskreis Böckingen"}),
        ("?hilfe=sport", {"Arbeitskreis Asyl Oßweil"}),
        ("?q=Böckingen", {"Freundeskreis Böckingen"}),
        ("?kreis=landkreis-ludwigsburg&hilfe=fahrdienst", set()),
    ],
)
def test_filters(client, kreise, query, erwartet):
    page = client.get(LISTE + query)
    assert page.status_code == 200
    gezeigt = {k.name for k in kreise.values() if f">{k.name}</a>" in page.text}
    assert gezeigt == erwartet
    assert "Noch nicht freigegeben" not in page.text


def test_result_count_and_removable_filters(client, kreise):
    page = client.get(LISTE + "?kreis=stadtkreis-heilbronn")
    assert "1 Arbeitskreis für Ihre Auswahl" in page.text
    assert "Kreis: Stadtkreis Heilbronn" in page.text


@pytest.mark.parametrize(
    "query", ["kreis=atlantis", "hilfe=%00", "q=" + "x" * 500, "q=<script>", "page=-1"]
)
def test_bad_filter_values_get_a_message_not_an_error(client, kreise, query):
    page = client.get(f"{LISTE}?{query}")
    assert page.status_code == 200
    assert "<script>" not in page.text.split("<main", 1)[1]
    if not query.startswith(("page", "q=<")):
        assert "Bitte prüfen Sie Ihre Angaben" in page.text
        assert "0 Arbeitskreise" in page.text


def test_detail_shows_focus_meetings_and_contact(client, kreise, make_person):
    osweil = kreise["osweil"]
    osweil.treffen = "jeden zweiten Dienstag, 19 Uhr"
    osweil.save()
    osweil.ansprechpersonen.add(make_person(nachname="Maier"))
    page = client.get(osweil.get_absolute_url())
    assert "jeden zweiten Dienstag, 19 Uhr" in page.text
    assert 'href="/ehrenamt/arbeitskreise/?hilfe=sport">Sport</a>' in page.text
    assert "Maier" in page.text


def test_hidden_working_group_is_404(client, kreise):
    assert client.get(kreise["versteckt"].get_absolute_url()).status_code == 404


def test_donation_points_by_kreis(client, make_sachspendenstelle):
    make_sachspendenstelle("Laden für den schmalen Geldbeutel", nimmt_nicht="Möbel")
    make_sachspendenstelle("Kleiderkammer Heilbronn", kreis="stadtkreis-heilbronn")
    make_sachspendenstelle("Versteckt", oeffentlich=False)
    page = client.get("/ehrenamt/sachspenden/?kreis=landkreis-ludwigsburg")
    assert "Laden für den schmalen Geldbeutel" in page.text
    assert "Möbel" in page.text
    assert "Kleiderkammer Heilbronn" not in page.text
    assert "Versteckt" not in client.get("/ehrenamt/sachspenden/").text

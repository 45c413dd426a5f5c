"""The map of Baden-Württemberg: every Kreis a tile with the same numbers as the list."""

import re

import pytest
from django.utils.http import urlencode

from buendnisse import karte
from kontakte.models import Kreis

pytestmark = pytest.mark.django_db


@pytest.fixture
def verteilt(make_buendnis, make_themenfeld):
    sprache = make_themenfeld("Sprache")
    for kreis, anzahl in [
        ("stadtkreis-stuttgart", 3),
        ("landkreis-ludwigsburg", 2),
        ("stadtkreis-ulm", 1),
        ("landkreis-waldshut", 1),
    ]:
        for number in range(anzahl):
            make_buendnis(kreis=kreis, themen=[sprache] if number == 0 else [])
    make_buendnis(kreis="landkreis-boeblingen", oeffentlich=False)


def test_the_grid_places_each_of_the_44_kreise_once():
    assert len(karte.RASTER) == 44
    assert set(karte.RASTER) == set(Kreis.objects.values_list("schluessel", flat=True))
    places = [(spalte, zeile) for spalte, zeile, _ in karte.RASTER.values()]
    assert len(set(places)) == 44


def test_the_maps_numbers_equal_the_lists_counts_for_each_kreis(client, verteilt):
    response = client.get("/buendnisse/karte/")
    assert response.status_code == 200
    kacheln = response.context["kacheln"]
    assert len(kacheln) == 44
    for kachel in kacheln:
        liste = client.get(kachel.url)
        assert liste.context["page_obj"].paginator.count == kachel.anzahl, kachel.kreis
        assert liste.context["filter"].form.cleaned_data["kreis"] == kachel.kreis
    assert response.context["gesamt"] == 7


def test_each_tile_is_a_link_named_with_its_numbers(client, verteilt):
    text = client.get("/buendnisse/karte/").text
    assert (
        'href="/buendnisse/?kreis=stadtkreis-stuttgart" '
        'aria-label="S 3 – Stadtkreis Stuttgart: 3 Bündnisse, 0,5 je 100.000 Einwohner"'
    ) in text
    assert 'aria-label="UL 1 – Stadtkreis Ulm: 1 Bündnis, 0,8 je 100.000 Einwohner"' in text
    assert 'aria-label="BB 0 – Landkreis Böblingen: 0 Bündnisse, 0,0 je 100.000 Einwohner"' in text


def test_the_table_alternative_has_the_same_numbers(client, verteilt):
    text = client.get("/buendnisse/karte/").text
    table = text.split('id="tabelle-kreise"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(
        r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>\s*<td>[^<]+</td>\s*'
        r'<td class="zahl">(\d+)</td>\s*<td class="zahl">([\d.]+)</td>\s*'
        r'<td class="zahl">([\d,]+)</td>',
        table,
    )
    assert len(rows) == 44
    assert ("Landkreis Ludwigsburg", "2", "543.984", "0,4") in rows
    assert "Statistisches Bundesamt" in text and "CC BY 4.0" in text


def test_the_map_follows_the_other_filters_and_keeps_them_in_its_links(client, verteilt):
    response = client.get("/buendnisse/karte/?thema=sprache")
    anzahl = {k.kreis.slug: k.anzahl for k in response.context["kacheln"]}
    assert anzahl["stadtkreis-stuttgart"] == 1 and anzahl["landkreis-ludwigsburg"] == 1
    stuttgart = next(
        k for k in response.context["kacheln"] if k.kreis.slug == "stadtkreis-stuttgart"
    )
    assert stuttgart.url == "/buendnisse/?kreis=stadtkreis-stuttgart&thema=sprache"


def test_the_list_shows_the_map_for_its_choice_without_the_place(client, verteilt):
    query = urlencode({"regierungsbezirk": "Stuttgart", "kreis": "stadtkreis-stuttgart"})
    response = client.get(f"/buendnisse/?{query}")
    assert response.context["page_obj"].paginator.count == 3
    anzahl = {k.kreis.slug: k.anzahl for k in response.context["kacheln"]}
    assert anzahl["landkreis-waldshut"] == 1  # every Kreis stays choosable
    assert 'aria-current="true"' in response.text  # the chosen Kreis is marked


def test_tile_colours_keep_text_readable():
    def luminance(colour: str) -> float:
        def channel(c: int) -> float:
            c /= 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    for _, fill, text, _ in karte.STUFEN:
        light, dark = sorted([luminance(fill), luminance(text)], reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, fill


def test_counts_and_sums_per_round_are_queries(client, make_buendnis, make_foerderrunde):
    erste = make_foerderrunde(runde=1, jahr=2015)
    zweite = make_foerderrunde(runde=2, tranche=2, jahr=2016)
    make_buendnis(foerderrunde=erste, betrag=50000)
    make_buendnis(foerderrunde=zweite, betrag=15000)
    make_buendnis(foerderrunde=zweite, betrag=12500)
    make_buendnis(foerderrunde=zweite, oeffentlich=False)
    text = client.get("/buendnisse/karte/").text
    table = text.split('id="tabelle-runden"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(
        r'<th scope="row"><a href="/buendnisse/\?runde=([^"]+)">[^<]+</a></th>\s*<td>\d+</td>\s*'
        r'<td class="zahl">(\d+)</td>\s*<td class="zahl">([\d.]+) €</td>',
        table,
    )
    assert rows == [(erste.slug, "1", "50.000"), (zweite.slug, "2", "27.500")]


def test_the_sitemap_lists_public_alliances(client, make_buendnis):
    public, hidden = make_buendnis(), make_buendnis(oeffentlich=False)
    text = client.get("/sitemap.xml").text
    assert public.get_absolute_url() in text and hidden.get_absolute_url() not in text
    assert "/buendnisse/karte/" in text


@pytest.mark.parametrize("query", ["runde=gibt-es-nicht", "jahr=abc", "thema=<script>"])
def test_bad_map_choices_get_a_message_and_no_error(client, verteilt, query):
    response = client.get(f"/buendnisse/karte/?{query}")
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in response.text
    assert response.context["gesamt"] == 0

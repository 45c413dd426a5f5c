"""A citizen looks for alliances in the Regierungsbezirk Stuttgart working on encounters, opens
one from the map; then the Ludwigsburg alliance's coordinator updates its profile."""

import re

import pytest
from playwright.sync_api import Page, expect

from buendnisse.models import Aenderung, Buendnis

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_filters_alliances_and_opens_one_from_the_map(
    portal, page: Page, assert_accessible
):
    page.goto(portal + "/")
    oeffentlich = Buendnis.objects.oeffentlich().count()
    expect(page.get_by_text(f"Derzeit sind es {oeffentlich} geförderte Bündnisse")).to_be_visible()
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Bündnisse"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Lokale Bündnisse für Flüchtlingshilfe"
    )
    expect(page.get_by_role("status")).to_contain_text(f"{oeffentlich} Bündnisse")
    assert_accessible(page)

    page.get_by_label("Regierungsbezirk").select_option(label="Stuttgart")
    page.get_by_label("Thema", exact=True).select_option(label="Begegnung")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page).to_have_url(re.compile(r"regierungsbezirk=Stuttgart.*thema=begegnung"))
    expected = (
        Buendnis.objects.oeffentlich()
        .filter(kreis__regierungsbezirk="Stuttgart", themen__slug="begegnung")
        .count()
    )
    assert 0 < expected < oeffentlich
    expect(page.get_by_role("status")).to_contain_text(f"{expected} Bündnisse für Ihre Auswahl")
    expect(page.get_by_role("link", name="Thema: Begegnung")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Große Karte mit Tabelle aller Kreise").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Karte der Lokalen Bündnisse")
    expect(page.get_by_role("table", name="Geförderte Bündnisse je Kreis")).to_contain_text(
        "Landkreis Ludwigsburg"
    )
    assert_accessible(page)

    im_kreis = Buendnis.objects.oeffentlich().filter(kreis__slug="landkreis-ludwigsburg").count()
    page.get_by_role(
        "link", name=re.compile(r"^LB \d+ – Landkreis Ludwigsburg: \d+ Bündnisse")
    ).click()
    expect(page).to_have_url(re.compile(r"kreis=landkreis-ludwigsburg"))
    expect(page.get_by_role("status")).to_contain_text(f"{im_kreis} Bündnisse")
    page.get_by_role("link", name="Lokales Bündnis Flüchtlingshilfe Ludwigsburg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Lokales Bündnis Flüchtlingshilfe Ludwigsburg"
    )
    expect(page.get_by_text("15.11.2016–15.12.2017")).to_be_visible()
    expect(page.get_by_text("15.000 €")).to_be_visible()
    assert_accessible(page)


def test_the_coordinator_updates_the_alliance_profile(portal, page: Page, assert_accessible):
    page.goto(portal + "/konto/login/?next=/buendnisse/ludwigsburg-gemeinsam-in-vielfalt-ii/")
    page.get_by_label("E-Mail-Adresse").fill("kommune@ludwigsburg.de")
    page.get_by_label("Passwort").fill("demo-kommune")
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("link", name="Profil bearbeiten").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Profil bearbeiten")
    assert_accessible(page)

    page.get_by_label("Website").fill("kein Link")
    page.get_by_role("button", name="Änderungen speichern").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Website")
    assert_accessible(page)

    page.get_by_label("Website").fill("https://www.ludwigsburg.de/fluechtlingshilfe")
    page.get_by_label("Aktivitäten").fill("Sprachcafé jeden Donnerstag im Bürgerhaus.")
    page.get_by_role("button", name="Änderungen speichern").click()
    expect(page.get_by_text("Ihre Änderungen sind gespeichert")).to_be_visible()
    expect(page.get_by_text("Sprachcafé jeden Donnerstag im Bürgerhaus.")).to_be_visible()
    aenderung = Aenderung.objects.get()
    assert set(aenderung.felder) == {"website", "aktivitaeten"}
    assert aenderung.user.email == "kommune@ludwigsburg.de"

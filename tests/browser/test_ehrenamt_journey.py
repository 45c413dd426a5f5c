"""A citizen signs up as a volunteer, confirms the address by the link in the mail, offers
help with a need in one click, registers for a training, downloads everything held about her
and withdraws a consent."""

import json
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from ehrenamt.models import Ehrenamtliche, Interesse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_volunteer_signs_up_confirms_helps_downloads_her_data_and_withdraws_a_consent(
    portal, page: Page, assert_accessible
):
    page.goto(portal + "/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Ehrenamt"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ehrenamt in der Flüchtlingshilfe")
    assert_accessible(page)

    page.get_by_role("link", name="Jetzt mitmachen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitmachen")
    assert_accessible(page)
    page.get_by_label("Vorname", exact=True).fill("Rosa")
    page.get_by_label("Nachname", exact=True).fill("Rettich")
    page.get_by_label("E-Mail", exact=True).fill("rosa.rettich@example.org")
    page.get_by_label("Postleitzahl").fill("71638")
    page.get_by_label("Wo möchten Sie sich engagieren?").select_option(
        label="Landkreis Ludwigsburg"
    )
    page.get_by_label("Patenschaft").check()
    page.get_by_label(re.compile("Kontakt durch die Ehrenamtskoordination")).check()
    page.get_by_label("Newsletter per E-Mail").check()
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fast geschafft")
    assert_accessible(page)

    # The link from the confirmation mail, opened in the same browser.
    body = next(m.body for m in mail.outbox if "rosa.rettich@example.org" in m.to)
    link = re.search(r"https?://\S+(/ehrenamt/mitmachen/bestaetigen/\S+/)", body).group(1)
    page.goto(portal + link)
    assert_accessible(page)
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank, Rosa!")
    assert_accessible(page)

    # A need in her Kreis: known now, she offers help with one click.
    page.goto(portal + "/ehrenamt/gesuche/?kreis=landkreis-ludwigsburg")
    assert_accessible(page)
    page.get_by_role("link", name="Patin/Pate für eine Familie in Oßweil (Beispiel)").click()
    assert_accessible(page)
    page.get_by_role("button", name="Ich möchte helfen").click()
    expect(page.get_by_text("Sie haben Ihr Interesse gemeldet")).to_be_visible()
    assert_accessible(page)
    rosa = Ehrenamtliche.objects.get(email="rosa.rettich@example.org")
    assert rosa.interessen.get().stand == Interesse.Stand.OFFEN

    # And a training of the Landeszentrale: one button, a place.
    page.goto(portal + "/ehrenamt/schulungen/")
    assert_accessible(page)
    page.get_by_role("link", name="Asyl- und Aufenthaltsrecht für Ehrenamtliche (Beispiel)").click()
    assert_accessible(page)
    page.get_by_role("button", name="Verbindlich anmelden").click()
    expect(page.get_by_text("Sie sind für diese Schulung verbindlich angemeldet")).to_be_visible()
    assert_accessible(page)

    page.goto(portal + "/ehrenamt/mein-engagement/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Engagement")
    expect(
        page.get_by_role("link", name="Patin/Pate für eine Familie in Oßweil (Beispiel)")
    ).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Meine Daten als JSON").click()
    daten = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    angaben = next(a for a in daten["abschnitte"] if a["modell"] == "ehrenamt.Ehrenamtliche")
    assert angaben["eintraege"][0]["E-Mail"] == "rosa.rettich@example.org"

    page.get_by_role("button", name=re.compile("Widerrufen.*Newsletter per E-Mail")).click()
    expect(
        page.get_by_text("Widerrufen: Newsletter per E-Mail. Das gilt ab sofort.")
    ).to_be_visible()
    assert_accessible(page)
    assert not rosa.hat_eingewilligt("newsletter")
    assert rosa.hat_eingewilligt("kontakt")

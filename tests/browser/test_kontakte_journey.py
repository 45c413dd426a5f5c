"""A citizen finds Martin Müller of the Städtetag, takes his vCard and writes to him."""

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from kontakte.models import Nachricht

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_finds_martin_mueller_downloads_his_vcard_and_writes_to_him(
    portal, page: Page, assert_accessible, settings
):
    settings.CONTACT_MIN_SECONDS = 0  # a test types faster than any person
    page.goto(portal + "/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Kontakte"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontakte")
    assert_accessible(page)

    page.get_by_label("Kreis", exact=True).select_option(label="Stadtkreis Stuttgart")
    page.get_by_role("button", name="Filtern").click()
    expect(page).to_have_url(re.compile(r"kreis=stadtkreis-stuttgart"))
    expect(page.get_by_role("status")).to_contain_text("für Ihre Auswahl")
    expect(page.get_by_role("link", name="Kreis: Stadtkreis Stuttgart")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Herr Martin Müller").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Herr Martin Müller")
    expect(page.get_by_text("Fachberatung Bürgerschaftliches Engagement").first).to_be_visible()
    expect(page.get_by_text("0711 22 921-34")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Visitenkarte herunterladen (vCard)").click()
    card = download.value
    assert card.suggested_filename == "martin-mueller.vcf"
    text = Path(card.path()).read_text(encoding="utf-8")
    assert "FN:Martin Müller" in text and "ORG:Städtetag Baden-Württemberg" in text

    page.get_by_role("link", name="E-Mail schreiben an Martin Müller").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nachricht an Martin Müller")
    assert_accessible(page)

    # Sent without the consent first: the error summary names it and links to the box.
    page.get_by_label("Ihr Name").fill("Erika Mustermann")
    page.get_by_label("Ihre E-Mail-Adresse").fill("erika@example.org")
    page.get_by_label("Betreff").fill("Regionalkonferenz im Landkreis Ludwigsburg")
    page.get_by_label("Ihre Nachricht").fill("Guten Tag Herr Müller, wir hätten Interesse.")
    page.get_by_role("button", name="Nachricht senden").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte bestätigen Sie den Datenschutzhinweis")
    assert_accessible(page)
    summary.get_by_role("link").click()
    page.get_by_label(re.compile("Ich habe den Datenschutzhinweis gelesen")).check()
    page.get_by_role("button", name="Nachricht senden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vielen Dank, Ihre Nachricht ist eingegangen"
    )
    expect(page.get_by_text("Regionalkonferenz im Landkreis Ludwigsburg").first).to_be_visible()
    assert_accessible(page)
    nachricht = Nachricht.objects.get()
    assert nachricht.person.nachname == "Müller"
    assert nachricht.status == Nachricht.Status.ZUGESTELLT
    assert mail.outbox[-1].to == ["martin.mueller@staedtetag-demo.de"]

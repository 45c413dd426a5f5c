"""A PDF made in the background: its page shows the state and turns into the download when
the worker is done, without reloading."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import Page, expect

from portal.models import Export, Rundschreiben

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_export_page_follows_the_worker_and_offers_the_download(
    portal, page: Page, assert_accessible
):
    redaktion = User.objects.get(email="redaktion@staedtetag-demo.de")
    entwurf = Rundschreiben.objects.get(nummer=None, betreff__startswith="Kommunale")
    export = Export.objects.create(
        art="rundschreiben-vorschau",
        titel=f"Vorschau: {entwurf.betreff}",
        dateiname="rundschreiben-entwurf",
        quelle=entwurf,
        angefordert_von=redaktion,
    )
    client = Client()
    client.force_login(redaktion)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": portal}])

    page.goto(portal + export.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(export.titel)
    expect(page.get_by_role("status")).to_contain_text("Wartet auf die Erstellung")
    expect(page.get_by_text("Die Seite aktualisiert sich selbst")).to_be_visible()
    expect(page.get_by_role("link", name="Stand jetzt neu laden")).to_have_count(0)
    assert_accessible(page)
    page.evaluate("window.nichtNeuGeladen = true")

    export.erstellen()  # what the worker does

    expect(page.get_by_role("status")).to_contain_text("Das PDF ist fertig", timeout=10_000)
    assert page.evaluate("window.nichtNeuGeladen") is True
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="rundschreiben-entwurf.pdf herunterladen").click()
    assert download.value.suggested_filename == "rundschreiben-entwurf.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

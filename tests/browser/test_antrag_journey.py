"""A municipality applies online with the keyboard alone: signs in, starts an application,
leaves after the second step, comes back, completes and submits it, downloads the receipt.
axe-core checks every page on the way."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from foerderung.models import Antrag, Ausschreibung, Frage, Programm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page: Page, target: Locator, limit: int = 250) -> None:
    """Press Tab until the target has the focus: proof it is reachable by keyboard."""
    handle = target.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("element => document.activeElement === element", handle):
            return
    raise AssertionError(f"not reachable with the Tab key: {target}")


def press(page: Page, target: Locator, key: str = "Enter") -> None:
    tab_to(page, target)
    page.keyboard.press(key)


def choose(page: Page, target: Locator) -> None:
    """A radio button: Tab reaches its group, the arrow keys move the choice."""
    tab_to(page, target.locator("xpath=ancestor::fieldset").locator("input[type=radio]").first)
    handle = target.element_handle()
    for _ in range(20):
        if page.evaluate("element => document.activeElement === element", handle):
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"not reachable with the arrow keys: {target}")


def type_into(page: Page, target: Locator, text: str) -> None:
    tab_to(page, target)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


@pytest.fixture
def sonderrunde():
    """An open call of the Flüchtlingsdialog nobody has applied to yet, with one question."""
    heute = timezone.localdate()
    ausschreibung = Ausschreibung.objects.create(
        programm=Programm.objects.get(slug="kommunaler-fluechtlingsdialog"),
        titel="Sonderrunde Flüchtlingsdialog",
        slug="sonderrunde",
        status=Ausschreibung.Status.VEROEFFENTLICHT,
        veroeffentlichen_ab=timezone.now() - datetime.timedelta(days=1),
        offen_ab=timezone.now() - datetime.timedelta(days=1),
        offen_bis=timezone.now() + datetime.timedelta(days=30),
        hoechstbetrag=Decimal("3000"),
        berechtigte_arten=["kommune", "landkreis"],
        durchfuehrung_von=heute,
        durchfuehrung_bis=heute + datetime.timedelta(days=200),
    )
    ausschreibung.fragen.create(
        text="Hat der Gemeinderat zugestimmt?", typ=Frage.Typ.JA_NEIN, pflicht=True
    )
    return ausschreibung


def test_municipality_applies_with_the_keyboard(
    portal, page: Page, assert_accessible, sonderrunde, tmp_path
):
    page.goto(portal + "/konto/login/?next=/foerderung/antraege/")
    type_into(page, page.get_by_label("E-Mail-Adresse"), "kommune@ludwigsburg.de")
    type_into(page, page.get_by_label("Passwort"), "demo-kommune")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Anträge")
    assert_accessible(page)

    press(page, page.get_by_role("link", name="Sonderrunde Flüchtlingsdialog – Antrag stellen"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Antrag stellen")
    assert_accessible(page)
    press(page, page.get_by_role("button", name="Antrag beginnen"))

    # Step 1: the contact person.
    expect(page.get_by_text("Schritt 1 von 7")).to_be_visible()
    assert_accessible(page)
    type_into(page, page.get_by_label("Name der Ansprechperson"), "Klara Kommune")
    type_into(page, page.get_by_label("Funktion oder Dienststelle"), "Integrationsbeauftragte")
    type_into(page, page.get_by_label("E-Mail der Ansprechperson"), "kommune@ludwigsburg.de")
    type_into(page, page.get_by_label("Telefon der Ansprechperson"), "07141 910-0")
    press(page, page.get_by_role("button", name="Speichern und weiter"))

    # Step 2: the dialogue; a mistake first, then leave.
    expect(page.get_by_text("Schritt 2 von 7")).to_be_visible()
    type_into(page, page.get_by_label("Titel des Vorhabens"), "Ludwigsburg redet mit")
    press(page, page.get_by_role("button", name="Speichern und weiter"))
    expect(page.get_by_role("alert")).to_contain_text("Bitte füllen Sie „Ziele“ aus.")
    assert_accessible(page)
    type_into(page, page.get_by_label("Ziele"), "Alte und neue Nachbarn ins Gespräch bringen.")
    choose(page, page.get_by_label("Runder Tisch"))
    press(page, page.get_by_label("Wohnraum"), "Space")
    press(page, page.get_by_label("Gemeinschaft und Zusammenleben"), "Space")
    type_into(page, page.get_by_label("Geplanter Ablauf"), "Vier Abende im Bürgersaal.")
    press(page, page.get_by_role("button", name="Speichern und später weitermachen"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ludwigsburg redet mit")
    expect(page.get_by_text("Ihr Entwurf ist gespeichert")).to_be_visible()
    assert_accessible(page)

    # Away and back.
    page.goto(portal + "/")
    page.goto(portal + "/foerderung/antraege/")
    press(page, page.get_by_role("link", name="Ludwigsburg redet mit"))
    press(page, page.get_by_role("link", name="Termine, Ort und Beteiligung", exact=True))

    # Step 3: dates, place and who takes part.
    expect(page.get_by_text("Schritt 3 von 7")).to_be_visible()
    beginn = timezone.localdate() + datetime.timedelta(days=30)
    type_into(page, page.get_by_label("Beginn", exact=True), beginn.strftime("%d.%m.%Y"))
    type_into(page, page.get_by_label("Ende", exact=True), beginn.strftime("%d.%m.%Y"))
    type_into(page, page.get_by_label("Ort", exact=True), "Bürgersaal im Rathaus")
    type_into(page, page.get_by_label("Erwartete Teilnehmende"), "120")
    type_into(page, page.get_by_label("Beteiligung von Geflüchteten"), "Sie laden mit ein.")
    type_into(page, page.get_by_label("Beteiligung von Ehrenamtlichen"), "Sie moderieren.")
    type_into(page, page.get_by_label("Beteiligung der Verwaltung"), "Das Sozialamt berichtet.")
    type_into(page, page.get_by_label("Beteiligung der Bürgerschaft"), "Offene Einladung.")
    assert_accessible(page)
    press(page, page.get_by_role("button", name="Speichern und weiter"))

    # Step 4: the call's own question.
    expect(page.get_by_text("Schritt 4 von 7")).to_be_visible()
    choose(page, page.get_by_label("Ja", exact=True))
    assert_accessible(page)
    press(page, page.get_by_role("button", name="Speichern und weiter"))

    # Step 5: costs and financing, first above the cap.
    expect(page.get_by_text("Schritt 5 von 7")).to_be_visible()
    erste = page.locator(".kosten-zeile").first
    tab_to(page, erste.get_by_label("Kostenart"))
    page.keyboard.type("Honorare")
    type_into(page, erste.get_by_label("Beschreibung"), "Moderation an vier Abenden")
    type_into(page, erste.get_by_label("Betrag in Euro"), "4.000")
    type_into(page, page.get_by_label("Eigenanteil in Euro"), "500")
    type_into(page, page.get_by_label("Beantragte Förderung in Euro"), "3.500")
    press(page, page.get_by_role("button", name="Speichern und weiter"))
    expect(page.get_by_role("alert")).to_contain_text(
        "Sie beantragen 3.500 €. Diese Ausschreibung fördert höchstens 3.000 € je Antrag."
    )
    assert_accessible(page)
    type_into(page, page.get_by_label("Eigenanteil in Euro"), "1.000")
    type_into(page, page.get_by_label("Beantragte Förderung in Euro"), "3.000")
    press(page, page.get_by_role("button", name="Speichern und weiter"))

    # Step 6: a further document (the file chooser itself belongs to the operating system).
    expect(page.get_by_text("Schritt 6 von 7")).to_be_visible()
    assert_accessible(page)
    plan = tmp_path / "finanzierungsplan.pdf"
    plan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    tab_to(page, page.get_by_label(re.compile("^Weitere Unterlage")))
    page.get_by_label(re.compile("^Weitere Unterlage")).set_input_files(plan)
    type_into(page, page.get_by_label("Bezeichnung der weiteren Unterlage"), "Finanzierungsplan")
    press(page, page.get_by_role("button", name="Speichern und weiter"))

    # Summary and binding submission.
    expect(page.get_by_text("Schritt 7 von 7")).to_be_visible()
    expect(page.get_by_text("Gesamtkosten")).to_be_visible()
    hochgeladen = re.compile(r"finanzierungsplan\.pdf \(PDF: \d+ Byte\)")
    expect(page.get_by_text(hochgeladen)).to_be_visible()
    assert_accessible(page)
    press(page, page.get_by_label(re.compile("Ich versichere")), "Space")
    press(page, page.get_by_role("button", name="Verbindlich einreichen"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Ihr Antrag ist eingereicht")
    antrag = Antrag.objects.get(ausschreibung=sonderrunde)
    assert antrag.status == Antrag.Status.EINGEREICHT
    assert re.fullmatch(rf"FD-{timezone.localdate().year}-\d{{4}}", antrag.aktenzeichen)
    expect(page.get_by_text(antrag.aktenzeichen)).to_be_visible()
    assert_accessible(page)

    tab_to(page, page.get_by_role("link", name=re.compile("Eingangsbestätigung herunterladen")))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    text = "".join(
        seite.extract_text()
        for seite in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages
    )
    assert antrag.aktenzeichen in text
    assert "4.000 €" in text

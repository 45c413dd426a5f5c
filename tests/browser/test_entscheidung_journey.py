"""Staff decide an application: filter the submitted ones, ask a question, the municipality
answers, two jurors score it, staff decide, tell the decision and send the letter, which the
municipality downloads. axe-core checks the applicant's pages."""

import io
import re

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from foerderung.models import Antrag, Gutachten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _als(browser: Browser, base_url: str, email: str) -> Page:
    """A browser page signed in as this demo user (the session of a test client, so staff
    skip the second factor they would type in)."""
    client = Client()
    client.force_login(User.objects.get(email=email))
    context = browser.new_context()
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )
    page = context.new_page()
    page.set_default_timeout(5000)
    return page


@pytest.fixture
def zweiter_juror():
    user = User.objects.create_user(
        "pruefer",
        "pruefer@staedtetag-demo.de",
        "x",
        first_name="Paul",
        last_name="Prüfer",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name="Jury"))
    from allauth.mfa.totp.internal.auth import TOTP

    from kontakte.demo import DEMO_TOTP_SECRET

    TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


def test_staff_review_decide_and_send_the_letter(
    portal, page: Page, browser: Browser, assert_accessible, zweiter_juror
):
    antrag = Antrag.objects.get(
        organisation__slug="stadt-heilbronn", status=Antrag.Status.EINGEREICHT
    )
    staff = _als(browser, portal, "foerderung@staedtetag-demo.de")
    kommune = _als(browser, portal, "kommune@heilbronn.de")

    # Staff filter the submitted applications and open one.
    staff.goto(portal + "/admin/foerderung/antrag/")
    staff.get_by_role("link", name="Eingereicht", exact=True).click()
    staff.get_by_role("link", name=antrag.aktenzeichen).click()
    expect(staff.get_by_role("heading", name="Rückfrage stellen")).to_be_visible()
    staff.get_by_label("Ihre Rückfrage").fill("Wer moderiert die Abende?")
    staff.get_by_role("button", name="Rückfrage stellen").click()
    expect(staff.get_by_text("ist jetzt „Rückfrage“")).to_be_visible()

    # The municipality answers and resubmits.
    kommune.goto(portal + antrag.get_absolute_url())
    expect(kommune.get_by_role("heading", name="Stand: Rückfrage")).to_be_visible()
    assert_accessible(kommune)
    kommune.get_by_role("link", name="Rückfrage beantworten").first.click()
    assert_accessible(kommune)
    kommune.get_by_label("Ihre Antwort").fill("Die Volkshochschule Heilbronn moderiert.")
    kommune.get_by_role("button", name="Antwort senden").click()
    kommune.get_by_role("link", name="Prüfen und erneut einreichen").click()
    assert_accessible(kommune)
    kommune.get_by_label(re.compile("Ich versichere")).check()
    kommune.get_by_role("button", name="Verbindlich einreichen").click()
    expect(kommune.get_by_role("heading", level=1)).to_have_text("Ihr Antrag ist eingereicht")

    # Staff check it formally (the review starts) and assign two jurors.
    staff.goto(portal + f"/admin/foerderung/antrag/{antrag.pk}/change/")
    expect(staff.get_by_text("Die Volkshochschule Heilbronn moderiert.")).to_be_visible()
    for punkt in [
        "Antragsberechtigt",
        "Vollständig",
        "Innerhalb des Höchstbetrags",
        "Im Durchführungszeitraum",
    ]:
        staff.get_by_label(punkt).check()
    staff.get_by_role("button", name="Vorprüfung festhalten").click()
    expect(staff.get_by_text("ist jetzt „In Prüfung“")).to_be_visible()
    for name in ["Jana Jury (Demo)", "Paul Prüfer"]:
        staff.get_by_label("Gutachterin oder Gutachter").select_option(label=name)
        staff.get_by_role("button", name="Zuweisen").click()
    assert antrag.gutachten.count() == 2

    # Each juror scores and closes the review.
    for email, punkte in [("jury@staedtetag-demo.de", "4"), ("pruefer@staedtetag-demo.de", "3")]:
        juror = _als(browser, portal, email)
        juror.goto(portal + "/admin/foerderung/gutachten/")
        juror.get_by_role("link", name=antrag.aktenzeichen).click()
        for kriterium in antrag.ausschreibung.kriterien.all():
            juror.get_by_label(kriterium.name).select_option(punkte)
        juror.get_by_label("Empfehlung").select_option(label="Bewilligen")
        juror.get_by_role("button", name="Gutachten abschließen").click()
        juror.context.close()
    assert not Gutachten.objects.filter(antrag=antrag, eingereicht_am__isnull=True).exists()

    # Staff decide, make the letter and tell the decision.
    staff.reload()
    expect(staff.get_by_text("2 von 2 abgeschlossen")).to_be_visible()
    staff.get_by_label("Bewilligen (beantragter Betrag)").check()
    staff.get_by_role("button", name="Schritt ausführen").click()
    expect(staff.get_by_text("ist jetzt „Bewilligt“")).to_be_visible()
    staff.get_by_role("button", name="Bescheid erstellen").click()
    staff.get_by_role("button", name="„Bewilligt“ jetzt mitteilen").click()
    antrag.refresh_from_db()
    assert antrag.freigegeben_am is not None

    # The municipality sees the decision and downloads the letter.
    kommune.goto(portal + antrag.get_absolute_url())
    expect(kommune.get_by_role("heading", name="Stand: Bewilligt")).to_be_visible()
    assert_accessible(kommune)
    with kommune.expect_download() as download:
        kommune.get_by_role("link", name=re.compile("Bescheid vom")).click()
    text = "".join(
        seite.extract_text()
        for seite in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages
    )
    assert antrag.aktenzeichen in text
    assert "Stadt Heilbronn" in text

"""Budget control: per call what was asked for, granted and is left; a warning before a
decision would exceed the call's total budget."""

from decimal import Decimal

import pytest
from django.urls import reverse

from foerderung.models import Antrag

pytestmark = pytest.mark.django_db

S = Antrag.Status


@pytest.fixture
def knappes_budget(make_ausschreibung, make_antrag, make_kommune, foerderreferat):
    """A call with 4.000 € in all: one application granted 2.500 €, one in review (2.500 €)."""
    ausschreibung = make_ausschreibung(gesamtbudget=Decimal("4000"))
    bewilligt = make_antrag(ausschreibung=ausschreibung, eingereicht=True)
    bewilligt.uebergang(S.IN_PRUEFUNG, foerderreferat)
    bewilligt.entscheiden(S.BEWILLIGT, foerderreferat, None, "Gut.")
    offen = make_antrag(
        ausschreibung=ausschreibung, organisation=make_kommune("Stadt Ulm")[0], eingereicht=True
    )
    offen.uebergang(S.IN_PRUEFUNG, foerderreferat)
    make_antrag(ausschreibung=ausschreibung, organisation=make_kommune("Stadt Aalen")[0])
    return ausschreibung, offen


def test_call_list_shows_requested_granted_and_left(client_for, knappes_budget):
    page = client_for("foerderreferat").get("/admin/foerderung/ausschreibung/")
    assert "5.000 €" in page.text  # requested: two submitted, the draft does not count
    assert "63 % von 4.000 € vergeben, 1.500 € frei" in page.text
    assert '<meter min="0" max="1"' in page.text


def test_decision_beyond_the_budget_asks_for_confirmation(client_for, knappes_budget):
    ausschreibung, offen = knappes_budget
    staff = client_for("foerderreferat")
    url = reverse("admin:foerderung_antrag_schritt", args=[offen.pk])
    change = reverse("admin:foerderung_antrag_change", args=[offen.pk])
    assert "sind noch 1.500 € frei" in staff.get(change).text

    page = staff.post(url, {"nach": S.BEWILLIGT, "notiz": "Gut."}, follow=True)
    assert "um 1.000 € überschritten" in page.text
    offen.refresh_from_db()
    assert offen.status == S.IN_PRUEFUNG

    staff.post(url, {"nach": S.BEWILLIGT, "notiz": "Gut.", "ueber_budget": "on"})
    offen.refresh_from_db()
    assert offen.status == S.BEWILLIGT
    assert ausschreibung.vergeben() == Decimal("5000")


def test_partial_grant_within_the_budget_needs_no_confirmation(client_for, knappes_budget):
    _, offen = knappes_budget
    staff = client_for("foerderreferat")
    url = reverse("admin:foerderung_antrag_schritt", args=[offen.pk])
    staff.post(url, {"nach": S.TEILWEISE_BEWILLIGT, "betrag": "1.500", "notiz": "Ohne Imbiss."})
    offen.refresh_from_db()
    assert offen.status == S.TEILWEISE_BEWILLIGT
    assert offen.bewilligt_betrag == Decimal("1500")


def test_call_list_query_count_is_flat(client_for, make_ausschreibung, make_antrag, make_kommune):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = client_for("foerderreferat")
    url = "/admin/foerderung/ausschreibung/"

    def zeile(nummer):
        make_antrag(
            ausschreibung=make_ausschreibung(gesamtbudget=Decimal("10000")),
            organisation=make_kommune(f"Gemeinde {nummer}")[0],
            eingereicht=True,
        )

    zeile(0)
    staff.get(url)
    with CaptureQueriesContext(connection) as eine:
        staff.get(url)
    for nummer in range(1, 5):
        zeile(nummer)
    with CaptureQueriesContext(connection) as fuenf:
        staff.get(url)
    assert len(fuenf) == len(eine)


def test_payments_are_booked_up_to_the_grant(client_for, knappes_budget, foerderreferat):
    ausschreibung, _ = knappes_budget
    bewilligt = ausschreibung.antraege.get(status=S.BEWILLIGT)
    url = reverse("admin:foerderung_antrag_auszahlung", args=[bewilligt.pk])
    staff = client_for("foerderreferat")
    # Not before the decision is told.
    seite = staff.post(url, {"betrag": "1.000", "am": "01.03.2017"}, follow=True)
    assert "erst nach der mitgeteilten Bewilligung" in seite.text
    bewilligt.freigeben(foerderreferat)
    staff.post(url, {"betrag": "1.000", "am": "01.03.2017", "vermerk": "Erste Rate"})
    seite = staff.post(url, {"betrag": "2.000", "am": "01.06.2017"}, follow=True)
    assert "Es können noch höchstens 1.500 € ausgezahlt werden." in seite.text
    assert bewilligt.ausgezahlt == Decimal("1000")
    liste = staff.get("/admin/foerderung/ausschreibung/")
    assert "1.000 €" in liste.text

"""Bulk decisions: a preview first, then exactly the selected applications are decided, one
history entry each."""

from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from foerderung.models import Antrag, Statuswechsel

pytestmark = pytest.mark.django_db

S = Antrag.Status
LISTE = "/admin/foerderung/antrag/"


@pytest.fixture
def drei(make_ausschreibung, make_antrag, make_kommune, foerderreferat):
    ausschreibung = make_ausschreibung(gesamtbudget=Decimal("6000"))
    antraege = []
    for name in ["Stadt Ulm", "Stadt Aalen", "Stadt Biberach"]:
        antrag = make_antrag(
            ausschreibung=ausschreibung, organisation=make_kommune(name)[0], eingereicht=True
        )
        antrag.uebergang(S.IN_PRUEFUNG, foerderreferat)
        antraege.append(antrag)
    return antraege


def _post(client, antraege, **daten):
    return client.post(
        LISTE,
        {
            "action": "sammelentscheidung",
            ACTION_CHECKBOX_NAME: [a.pk for a in antraege],
            **daten,
        },
    )


def test_preview_changes_nothing(client_for, drei):
    staff = client_for("foerderreferat")
    seite = _post(staff, drei[:2], entscheidung=S.BEWILLIGT, notiz="Gut.", vorschau_zeigen="1")
    assert "bewilligt: 2.500,00 €" in seite.text
    assert "vergeben 5.000,00 € von 6.000,00 €" in seite.text
    assert not Statuswechsel.objects.filter(nach=S.BEWILLIGT).exists()


def test_apply_decides_exactly_the_selected_with_one_entry_each(client_for, drei, foerderreferat):
    staff = client_for("foerderreferat")
    erster, zweiter, dritter = drei
    zweiter.rueckfrage_stellen(foerderreferat, "Noch offen?")
    _post(staff, [erster, zweiter], entscheidung=S.ABGELEHNT, notiz="Budget.", anwenden="1")
    for antrag in drei:
        antrag.refresh_from_db()
    assert erster.status == S.ABGELEHNT
    assert zweiter.status == S.RUECKFRAGE  # not in a state that allows it
    assert dritter.status == S.IN_PRUEFUNG  # not selected
    assert Statuswechsel.objects.filter(nach=S.ABGELEHNT).count() == 1
    assert erster.verlauf.last().notiz == "Budget."


def test_apply_beyond_the_budget_needs_confirmation(client_for, drei):
    staff = client_for("foerderreferat")
    seite = _post(staff, drei, entscheidung=S.BEWILLIGT, notiz="Gut.", anwenden="1")
    assert "überschritten" in seite.text
    assert not Antrag.objects.filter(status=S.BEWILLIGT).exists()
    _post(staff, drei, entscheidung=S.BEWILLIGT, notiz="Gut.", anwenden="1", ueber_budget="on")
    assert Antrag.objects.filter(status=S.BEWILLIGT).count() == 3
    assert not Antrag.objects.freigegeben().exists()  # told only when released

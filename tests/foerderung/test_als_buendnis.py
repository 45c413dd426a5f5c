"""A granted "Gemeinsam in Vielfalt" application becomes a Lokales Bündnis with one action."""

from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from buendnisse.models import Buendnis
from foerderung.models import Antrag, UebergangVerweigert

pytestmark = pytest.mark.django_db

S = Antrag.Status


@pytest.fixture
def giv(make_ausschreibung, make_antrag, make_foerderrunde, foerderreferat):
    runde = make_foerderrunde(runde=3, jahr=2017)
    antrag = make_antrag(ausschreibung=make_ausschreibung(foerderrunde=runde), eingereicht=True)
    antrag.uebergang(S.IN_PRUEFUNG, foerderreferat)
    antrag.entscheiden(S.TEILWEISE_BEWILLIGT, foerderreferat, Decimal("2000"), "Gut.")
    antrag.freigeben(foerderreferat)
    return antrag


def test_action_creates_the_alliance_with_the_applications_facts(client_for, giv):
    client_for("foerderreferat").post(
        "/admin/foerderung/antrag/", {"action": "als_buendnis", ACTION_CHECKBOX_NAME: [giv.pk]}
    )
    giv.refresh_from_db()
    buendnis = giv.buendnis
    assert buendnis.name == "Ludwigsburg im Gespräch"
    assert buendnis.traeger == giv.organisation
    assert buendnis.kreis == giv.organisation.kreis
    assert buendnis.betrag == Decimal("2000")
    assert (buendnis.beginn, buendnis.ende) == (giv.beginn, giv.ende)
    assert buendnis.foerderrunde == giv.ausschreibung.foerderrunde
    assert not buendnis.oeffentlich  # staff look at it first
    assert buendnis in Buendnis.objects.all()
    assert buendnis not in Buendnis.objects.oeffentlich()


def test_only_once_and_only_granted_alliance_applications(
    giv, foerderreferat, make_antrag, make_ausschreibung, make_kommune
):
    giv.als_buendnis(foerderreferat)
    with pytest.raises(UebergangVerweigert, match="schon als Bündnis"):
        giv.als_buendnis(foerderreferat)
    dialog = make_antrag(
        ausschreibung=make_ausschreibung(),
        organisation=make_kommune("Stadt Ulm")[0],
        eingereicht=True,
    )
    with pytest.raises(UebergangVerweigert):
        dialog.als_buendnis(foerderreferat)
    assert Buendnis.objects.count() == 1

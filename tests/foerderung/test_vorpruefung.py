"""The formal check (Vorprüfung): four points decided by the staff beside the portal's own
finding, recorded with who and when; a passed check starts the review."""

import pytest
from django.urls import reverse

from foerderung.models import Antrag, UebergangVerweigert, Vorpruefung
from kontakte.models import Organisation

pytestmark = pytest.mark.django_db

ALLE = {"berechtigt": "on", "vollstaendig": "on", "im_hoechstbetrag": "on", "im_zeitraum": "on"}


def test_change_page_shows_the_portals_finding(client_for, antrag_a):
    page = client_for("foerderreferat").get(
        reverse("admin:foerderung_antrag_change", args=[antrag_a.pk])
    )
    assert "Vorprüfung festhalten" in page.text
    assert "Das Portal findet: ja – Beantragt 2.500 €, höchstens 3.000 €" in page.text


def test_passed_check_is_recorded_and_starts_the_review(client_for, antrag_a, foerderreferat):
    url = reverse("admin:foerderung_antrag_vorpruefung", args=[antrag_a.pk])
    client_for("foerderreferat").post(url, {**ALLE, "bemerkung": "Alles da."})
    pruefung = Vorpruefung.objects.get(antrag=antrag_a)
    assert pruefung.bestanden
    assert pruefung.geprueft_von == foerderreferat
    antrag_a.refresh_from_db()
    assert antrag_a.status == Antrag.Status.IN_PRUEFUNG
    assert antrag_a.verlauf.last().notiz == "Vorprüfung bestanden."


def test_failed_point_is_recorded_and_changes_no_state(client_for, antrag_a):
    url = reverse("admin:foerderung_antrag_vorpruefung", args=[antrag_a.pk])
    daten = {**ALLE, "bemerkung": "Kostenplan fehlt."}
    del daten["vollstaendig"]
    client_for("foerderreferat").post(url, daten)
    pruefung = Vorpruefung.objects.get(antrag=antrag_a)
    assert not pruefung.bestanden
    antrag_a.refresh_from_db()
    assert antrag_a.status == Antrag.Status.EINGEREICHT


def test_finding_sees_an_ineligible_kind(make_antrag, make_kommune):
    verein = make_kommune("Freundeskreis Asyl", art=Organisation.Art.VEREIN)[0]
    antrag = make_antrag(organisation=verein)
    ok, grund = antrag.befund()["berechtigt"]
    assert not ok
    assert grund.startswith("Verein")


def test_only_the_foerderreferat_checks(client_for, antrag_a, municipality_a):
    url = reverse("admin:foerderung_antrag_vorpruefung", args=[antrag_a.pk])
    assert client_for("programme_staff").post(url, ALLE).status_code == 403
    with pytest.raises(UebergangVerweigert):
        antrag_a.vorpruefen(
            municipality_a,
            berechtigt=True,
            vollstaendig=True,
            im_hoechstbetrag=True,
            im_zeitraum=True,
        )
    assert not Vorpruefung.objects.exists()

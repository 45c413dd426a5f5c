"""A decision reaches the applicant only when the staff release it."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from foerderung.models import Antrag
from foerderung.tasks import nachweis_fristen

pytestmark = pytest.mark.django_db

S = Antrag.Status


@pytest.fixture
def entschieden(antrag_a, foerderreferat, django_capture_on_commit_callbacks):
    antrag_a.uebergang(S.IN_PRUEFUNG, foerderreferat)
    with django_capture_on_commit_callbacks(execute=True):
        antrag_a.entscheiden(S.BEWILLIGT, foerderreferat, None, "Ein gutes Vorhaben.")
    mail.outbox.clear()
    return antrag_a


def test_unreleased_decision_looks_like_review_to_the_applicant(
    client, municipality_a, entschieden
):
    client.force_login(municipality_a)
    page = client.get(entschieden.get_absolute_url())
    assert "Stand: In Prüfung" in page.text
    assert "Bewilligt" not in page.text
    assert "Ein gutes Vorhaben." not in page.text
    assert "In Prüfung" in client.get(reverse("foerderung:antrag-liste")).text
    verwendungsnachweis = reverse("foerderung:verwendungsnachweis", args=[entschieden.pk])
    assert client.get(verwendungsnachweis).status_code == 302
    assert mail.outbox == []


def test_release_tells_the_applicant_once(
    client, client_for, municipality_a, entschieden, django_capture_on_commit_callbacks
):
    staff = client_for("foerderreferat")
    change = reverse("admin:foerderung_antrag_change", args=[entschieden.pk])
    assert "„Bewilligt“ jetzt mitteilen" in staff.get(change).text
    url = reverse("admin:foerderung_antrag_freigabe", args=[entschieden.pk])
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(url)
        staff.post(url)  # a second click tells nobody twice
    (nachricht,) = mail.outbox
    assert "bewilligt" in nachricht.subject
    entschieden.refresh_from_db()
    assert entschieden.freigegeben_am is not None
    client.force_login(municipality_a)
    page = client.get(entschieden.get_absolute_url())
    assert "Stand: Bewilligt" in page.text
    assert "Ein gutes Vorhaben." in page.text


def test_bulk_release_applies_to_exactly_the_selected(
    client_for, entschieden, make_antrag, make_kommune, foerderreferat
):
    andere = make_antrag(
        ausschreibung=entschieden.ausschreibung,
        organisation=make_kommune("Stadt Ulm")[0],
        eingereicht=True,
    )
    andere.uebergang(S.IN_PRUEFUNG, foerderreferat)
    andere.entscheiden(S.ABGELEHNT, foerderreferat, None, "Budget erschöpft.")
    offen = make_antrag(
        ausschreibung=entschieden.ausschreibung,
        organisation=make_kommune("Stadt Aalen")[0],
        eingereicht=True,
    )
    client_for("foerderreferat").post(
        "/admin/foerderung/antrag/",
        {"action": "entscheidungen_mitteilen", ACTION_CHECKBOX_NAME: [entschieden.pk, offen.pk]},
    )
    freigegeben = set(Antrag.objects.freigegeben().values_list("pk", flat=True))
    assert freigegeben == {entschieden.pk}
    assert set(Antrag.objects.freizugeben().values_list("pk", flat=True)) == {andere.pk}


def test_public_and_the_daily_job_see_released_grants_only(client, entschieden, foerderreferat):
    programm = entschieden.ausschreibung.programm
    assert "Bisher gefördert" not in client.get(programm.get_absolute_url()).text
    entschieden.ende = entschieden.beginn
    entschieden.save()
    spaeter = timezone.now() + datetime.timedelta(days=400)
    assert nachweis_fristen.call(jetzt=spaeter)["faellig"] == 0
    entschieden.freigeben(foerderreferat)
    assert "2.500 €" in client.get(programm.get_absolute_url()).text
    assert nachweis_fristen.call(jetzt=spaeter)["faellig"] == 1
    assert entschieden.bewilligt_betrag == Decimal("2500")

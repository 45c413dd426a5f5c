"""`manage.py seed_bulk`: fictitious bulk data for the benchmark and the load test, run here
at a small scale."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from buendnisse.models import Buendnis
from ehrenamt.models import Ehrenamtliche, Einwilligung
from foerderung.models import (
    Antrag,
    Ausschreibung,
    Einreichung,
    Format,
    Gutachten,
    Kostenposition,
    Thema,
)
from kontakte.models import Mitgliedschaft, Organisation, Person
from portal import bulk, search
from portal.models import FAQ, Meldung, Nummernkreis, Rundschreiben, Seite, Veranstaltung

# The marker (not only the db fixture) makes tests/conftest.py restore the Kreise after a
# transactional test elsewhere has flushed them.
pytestmark = pytest.mark.django_db

SCALE = 0.005
PASSWORT = "bulk-passwort-2026"
# What the programme's volume asks for at --scale 1.
VOLLE_MENGE = {
    Meldung: 10_000,
    Rundschreiben: 500,
    Buendnis: 2000,
    Person: 5000,
    Antrag: 10_000,
    Ehrenamtliche: 50_000,
}


def seed(scale: float = SCALE) -> str:
    out = StringIO()
    call_command("seed_bulk", scale=scale, force=True, stdout=out)
    return out.getvalue()


def anzahlen() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def test_refuses_to_run_with_debug_off_unless_forced(db):
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("seed_bulk", scale=SCALE, stdout=StringIO())
    assert not Meldung.objects.exists()


def test_counts_follow_the_scale(db):
    output = seed()

    for model, volle_menge in VOLLE_MENGE.items():
        assert model.objects.count() == max(1, round(volle_menge * SCALE)), model
    kommunen = Organisation.objects.filter(art=Organisation.Art.KOMMUNE)
    assert kommunen.count() == round(1101 * SCALE)
    # One login per municipality, approved as its member.
    assert Mitgliedschaft.objects.bestaetigt().filter(organisation__in=kommunen).count() == (
        kommunen.count()
    )
    assert Einwilligung.objects.count() >= Ehrenamtliche.objects.count()
    # About 100,000 searchable documents at scale 1.
    durchsuchbar = sum(source.queryset().count() for source in search._sources)
    assert abs(durchsuchbar - 100_000 * SCALE) <= 100_000 * SCALE * 0.02
    assert f"{durchsuchbar} searchable documents" in output


def test_everything_is_marked_as_test_data(db):
    seed()

    for model, feld in [
        (Meldung, "titel"),
        (Rundschreiben, "betreff"),
        (Veranstaltung, "titel"),
        (Seite, "titel"),
        (FAQ, "frage"),
        (Buendnis, "name"),
    ]:
        werte = model.objects.values_list(feld, flat=True)
        assert werte and all(wert.startswith("Testdaten: ") for wert in werte), model
    for model in [Meldung, Veranstaltung, Buendnis, Organisation, Person]:
        assert all(s.startswith("testdaten-") for s in model.objects.values_list("slug", flat=True))
    for queryset in [
        Organisation.objects.values_list("email", flat=True),
        Person.objects.values_list("email", flat=True),
        Ehrenamtliche.objects.values_list("email", flat=True),
        User.objects.values_list("email", flat=True),
        Antrag.objects.values_list("kontakt_email", flat=True),
    ]:
        assert all(email.endswith(".example") for email in queryset)
    assert all(
        nachname.startswith(tuple(bulk.NAMENSSTAEMME))
        for nachname in Person.objects.values_list("nachname", flat=True)
    )
    assert all(
        nummer > bulk.RUNDSCHREIBEN_AB
        for nummer in Rundschreiben.objects.values_list("nummer", flat=True)
    )


def test_a_second_run_and_a_smaller_scale_change_nothing(db):
    seed()
    vorher = anzahlen()
    erste = Meldung.objects.get(slug="testdaten-meldung-00001")

    seed()
    assert anzahlen() == vorher
    seed(SCALE / 2)
    assert anzahlen() == vorher

    seed(SCALE * 2)  # a larger scale adds what is missing and leaves the rest
    assert Meldung.objects.count() == round(10_000 * SCALE * 2)
    assert Meldung.objects.get(slug="testdaten-meldung-00001") == erste


def test_applications_in_every_state_with_a_history_the_workflow_allows(db):
    seed(0.01)

    assert set(Antrag.objects.values_list("status", flat=True)) == set(Antrag.Status.values)
    # Spread over the municipalities, each at most once per call (withdrawn ones aside).
    assert not Organisation.objects.filter(art=Organisation.Art.KOMMUNE, antraege=None).exists()
    aktiv = Antrag.objects.aktiv().values_list("ausschreibung", "organisation")
    assert len(set(aktiv)) == len(aktiv)
    for antrag in Antrag.objects.prefetch_related("verlauf", "einreichungen", "gutachten"):
        verlauf = list(antrag.verlauf.all())
        for wechsel in verlauf:
            assert (wechsel.von, wechsel.nach) in Antrag.UEBERGAENGE
        assert (verlauf[-1].nach if verlauf else Antrag.Status.ENTWURF) == antrag.status
        assert [w.am for w in verlauf] == sorted(w.am for w in verlauf)
        if antrag.eingereicht_am:
            assert antrag.aktenzeichen and antrag.einreichungen.all()
        if antrag.status in Antrag.BEWILLIGT_STATUS:
            assert 0 < antrag.bewilligt_betrag <= antrag.beantragt
            assert not antrag.fehlende_angaben()
    # Decided applications were reviewed: a score for every criterion of the call.
    entschieden = Antrag.objects.filter(status__in=Antrag.ENTSCHEIDUNGEN)
    for gutachten in Gutachten.objects.filter(antrag__in=entschieden):
        assert gutachten.gewichtet is not None and gutachten.empfehlung
    assert Einreichung.objects.count() >= Antrag.objects.exclude(eingereicht_am=None).count()


def test_public_pages_list_the_bulk_rows(db):
    seed()
    client = Client()

    for url in ["portal:meldung-list", "buendnisse:liste", "kontakte:verzeichnis"]:
        response = client.get(reverse(url))
        assert response.status_code == 200
        zeilen = list(response.context["page_obj"])
        assert zeilen and all(zeile.slug.startswith("testdaten-") for zeile in zeilen)
    # Found by the site search (the stored search vectors were rebuilt after the bulk load).
    response = client.get(reverse("portal:suche"), {"q": "Sprachkurs"})
    assert response.status_code == 200 and response.context["page_obj"].paginator.count
    # Every test circular offers the one small letter rendered for all of them.
    for rundschreiben in Rundschreiben.objects.all():
        response = client.get(rundschreiben.get_download_url())
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_circular_released_afterwards_gets_a_free_number(db):
    seed()
    jahr, nummer = Rundschreiben.objects.values_list("jahr", "nummer").latest("nummer")

    assert Nummernkreis.naechste(jahr) == nummer + 1


def test_a_test_municipality_signs_in_and_sees_only_its_applications(db):
    seed()
    client = Client()
    gemeinde = Organisation.objects.get(slug="testdaten-testgemeinde-0001")

    assert client.login(username=bulk.konto_email(1), password=PASSWORT)
    response = client.get(reverse("foerderung:antrag-liste"))

    assert response.status_code == 200
    eigene = set(Antrag.objects.filter(organisation=gemeinde))
    assert eigene and set(response.context["antraege"]) == eigene
    # The load test's call is open and has no application yet: every municipality may apply.
    lasttest = Ausschreibung.objects.get(slug=bulk.LASTTEST)
    assert lasttest in response.context["offene"] and not lasttest.antraege.exists()
    fremd = Antrag.objects.exclude(organisation=gemeinde).first()
    assert client.get(fremd.get_absolute_url()).status_code == 404


def test_a_test_municipality_can_submit_to_the_load_tests_open_call(db):
    seed()
    client = Client()
    assert client.login(username=bulk.konto_email(2), password=PASSWORT)
    gemeinde = Organisation.objects.get(slug="testdaten-testgemeinde-0002")
    lasttest = Ausschreibung.objects.get(slug=bulk.LASTTEST)

    response = client.post(
        reverse("foerderung:antrag-starten", args=[lasttest.pk]), {"organisation": gemeinde.pk}
    )
    assert response.status_code == 302
    antrag = Antrag.objects.get(ausschreibung=lasttest, organisation=gemeinde)
    # What the steps' forms would store; the call asks for nothing beyond the common form.
    tag = lasttest.durchfuehrung_von + datetime.timedelta(days=30)
    texte = [
        "kontakt_name", "kontakt_funktion", "kontakt_telefon", "titel", "ziele", "beschreibung",
        "ort", "beteiligung_gefluechtete", "beteiligung_ehrenamtliche",
        "beteiligung_verwaltung", "beteiligung_buergerschaft",
    ]  # fmt: skip
    Antrag.objects.filter(pk=antrag.pk).update(
        **dict.fromkeys(texte, "Testdaten"),
        format=Format.DIALOG,
        themen=[Thema.WOHNRAUM],
        beginn=tag,
        ende=tag,
        teilnehmende=40,
        beantragt=Decimal(1000),
    )
    Kostenposition.objects.create(
        antrag=antrag, art=Kostenposition.Art.RAUM, beschreibung="Saal", betrag=Decimal(1000)
    )

    response = client.post(
        reverse("foerderung:antrag-einreichen", args=[antrag.pk]), {"bestaetigung": "on"}
    )

    assert response.status_code == 302
    antrag.refresh_from_db()
    assert antrag.status == Antrag.Status.EINGEREICHT
    # Numbered after the test applications of the programme and year, never one of theirs.
    assert antrag.aktenzeichen.startswith(f"TDFD-{antrag.az_jahr}-")
    assert Antrag.objects.filter(aktenzeichen=antrag.aktenzeichen).count() == 1

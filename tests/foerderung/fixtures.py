"""Builders of funding programmes and calls for tests of every app."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.db import models
from django.utils import timezone

from foerderung.models import (
    Antrag,
    Ausschreibung,
    Format,
    Frage,
    Kostenposition,
    Programm,
    Thema,
    Verwendungsnachweis,
)
from kontakte.models import Mitgliedschaft
from tests.conftest import PASSWORD, _with_totp

_numbers = itertools.count(1)


@pytest.fixture
def make_programm(db):
    def make(**fields) -> Programm:
        number = next(_numbers)
        defaults = {
            "name": f"Förderprogramm {number}",
            "slug": f"programm-{number}",
            "kuerzel": f"P{number}",
            "kurzbeschreibung": "Zuschüsse für Dialoge über das Zusammenleben mit Geflüchteten.",
            "antragsberechtigt": "Landkreise, Städte und Gemeinden in Baden-Württemberg.",
            "status": Programm.Status.VEROEFFENTLICHT,
            "veroeffentlichen_ab": timezone.now() - datetime.timedelta(days=1),
        }
        return Programm.objects.create(**{**defaults, **fields})

    return make


@pytest.fixture
def make_ausschreibung(db, make_programm):
    """offen=True: open since ten days for another twenty; False: closed five days ago;
    "kommend": opens in ten days. Explicit offen_ab/offen_bis win."""

    def make(programm=None, offen=True, **fields) -> Ausschreibung:
        number = next(_numbers)
        jetzt = timezone.now()
        tag = datetime.timedelta(days=1)
        if offen == "kommend":
            offen_ab, offen_bis = jetzt + 10 * tag, jetzt + 40 * tag
        elif offen:
            offen_ab, offen_bis = jetzt - 10 * tag, jetzt + 20 * tag
        else:
            offen_ab, offen_bis = jetzt - 40 * tag, jetzt - 5 * tag
        heute = timezone.localdate()
        defaults = {
            "titel": f"Ausschreibung {number}",
            "status": Ausschreibung.Status.VEROEFFENTLICHT,
            "veroeffentlichen_ab": jetzt - 60 * tag,
            "slug": f"ausschreibung-{number}",
            "offen_ab": offen_ab,
            "offen_bis": offen_bis,
            "hoechstbetrag": Decimal("3000"),
            "berechtigte_arten": ["kommune", "landkreis"],
            "durchfuehrung_von": heute + 30 * tag,
            "durchfuehrung_bis": heute + 210 * tag,
        }
        return Ausschreibung.objects.create(
            programm=programm or make_programm(), **{**defaults, **fields}
        )

    return make


@pytest.fixture
def make_kommune(db, make_organisation):
    """A municipality with one user who acts for it (approved membership)."""

    def make(name="Stadt Ludwigsburg", kreis="landkreis-ludwigsburg", email=None, **fields):
        organisation = make_organisation(name=name, kreis=kreis, **fields)
        email = email or f"kommune{next(_numbers)}@example.org"
        user = User.objects.create_user(
            email,
            email,
            PASSWORD,
            first_name="Sabine",
            last_name="Kommunal",
        )
        Mitgliedschaft.objects.create(
            user=user, organisation=organisation, status=Mitgliedschaft.Status.BESTAETIGT
        )
        return organisation, user

    return make


@pytest.fixture
def kommune_a(make_kommune):
    return make_kommune("Stadt Ludwigsburg", "landkreis-ludwigsburg")


@pytest.fixture
def kommune_b(make_kommune):
    return make_kommune("Stadt Heilbronn", "stadtkreis-heilbronn")


@pytest.fixture
def municipality_a(kommune_a) -> User:
    """Acts for Stadt Ludwigsburg (approved membership)."""
    return kommune_a[1]


@pytest.fixture
def municipality_b(kommune_b) -> User:
    """Acts for Stadt Heilbronn (approved membership)."""
    return kommune_b[1]


@pytest.fixture
def foerderreferat(db) -> User:
    """Städtetag staff who review and decide applications (group Förderreferat)."""
    user = User.objects.create_user(
        "foerderreferat", "foerderung@staedtetag.example", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Förderreferat"))
    return _with_totp(user)


def ausfuellen(antrag: Antrag, beantragt=Decimal("2500")) -> Antrag:
    """Fill every step of the application form as a careful applicant would."""
    ausschreibung = antrag.ausschreibung
    antrag.kontakt_name = "Sabine Kommunal"
    antrag.kontakt_funktion = "Integrationsbeauftragte"
    antrag.kontakt_email = "integration@ludwigsburg.example"
    antrag.kontakt_telefon = "07141 910-0"
    antrag.titel = "Ludwigsburg im Gespräch"
    antrag.ziele = "Nachbarschaften und Geflüchtete kommen ins Gespräch."
    antrag.format = Format.DIALOG
    antrag.themen = [Thema.WOHNRAUM, Thema.GEMEINSCHAFT]
    antrag.beschreibung = "Drei Abende im Bürgersaal mit Moderation."
    antrag.beginn = ausschreibung.durchfuehrung_von
    antrag.ende = ausschreibung.durchfuehrung_von + datetime.timedelta(days=14)
    antrag.ort = "Bürgersaal im Rathaus"
    antrag.teilnehmende = 80
    antrag.beteiligung_gefluechtete = "Bewohnerinnen der Unterkünfte laden mit ein."
    antrag.beteiligung_ehrenamtliche = "Der Freundeskreis Asyl moderiert Tischgruppen."
    antrag.beteiligung_verwaltung = "Bürgermeisterin und Sozialamt sind dabei."
    antrag.beteiligung_buergerschaft = "Offene Einladung über das Amtsblatt."
    antrag.antworten = {
        str(frage.pk): "ja" if frage.typ == Frage.Typ.JA_NEIN else "Antwort"
        for frage in ausschreibung.fragen.all()
    }
    antrag.eigenanteil = Decimal("700")
    antrag.drittmittel = Decimal("0")
    antrag.beantragt = beantragt
    antrag.save()
    antrag.kostenpositionen.all().delete()
    antrag.kostenpositionen.create(
        art=Kostenposition.Art.HONORARE, beschreibung="Moderation", betrag=Decimal("1800")
    )
    antrag.kostenpositionen.create(
        art=Kostenposition.Art.VERPFLEGUNG,
        beschreibung="Getränke",
        betrag=beantragt + Decimal("700") - Decimal("1800"),
    )
    return antrag


@pytest.fixture
def make_antrag(db, make_ausschreibung, kommune_a):
    """An application of Stadt Ludwigsburg (or `organisation`), filled in completely; with
    eingereicht=True submitted by a member of that organisation."""

    def make(ausschreibung=None, organisation=None, eingereicht=False, **fields) -> Antrag:
        organisation = organisation or kommune_a[0]
        antrag = Antrag.objects.create(
            ausschreibung=ausschreibung or make_ausschreibung(),
            organisation=organisation,
            **fields,
        )
        ausfuellen(antrag)
        if eingereicht:
            mitglied = organisation.mitgliedschaften.bestaetigt().first().user
            antrag.einreichen(by=mitglied)
        return antrag

    return make


@pytest.fixture
def antrag_a(make_antrag):
    """Stadt Ludwigsburg's submitted application."""
    return make_antrag(eingereicht=True)


@pytest.fixture
def antrag_b(make_antrag, kommune_b):
    """Stadt Heilbronn's submitted application."""
    return make_antrag(organisation=kommune_b[0], eingereicht=True)


def nachweis_einreichen(antrag: Antrag, user) -> None:
    """Report what took place, at the planned costs, and submit the final report."""
    antrag.kostenpositionen.update(ist_betrag=models.F("betrag"))
    nachweis = Verwendungsnachweis.objects.create(
        antrag=antrag, bericht="Drei Abende mit 90 Menschen.", teilnehmende=90
    )
    nachweis.einreichen(user)
    antrag.refresh_from_db()

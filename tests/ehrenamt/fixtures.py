"""Builders of working groups, donation points, volunteers, needs and trainings, and the
volunteering personas, for tests of every app."""

import datetime
import itertools

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.utils import timezone

from ehrenamt.models import (
    Angebotsart,
    Arbeitskreis,
    Ehrenamtliche,
    Einwilligung,
    Gesuch,
    Koordination,
    Sachspendenstelle,
    Schulung,
    Schulungstermin,
)
from kontakte.models import Kreis

_numbers = itertools.count(1)


@pytest.fixture
def make_angebotsart(db):
    def make(name="Deutschkurs") -> Angebotsart:
        slug = name.lower().replace(" ", "-")
        return Angebotsart.objects.get_or_create(slug=slug, defaults={"name": name})[0]

    return make


@pytest.fixture
def make_arbeitskreis(db, make_angebotsart):
    def make(name=None, kreis="landkreis-ludwigsburg", hilfen=("Deutschkurs",), **fields):
        number = next(_numbers)
        arbeitskreis = Arbeitskreis.objects.create(
            name=name or f"Arbeitskreis Asyl {number}",
            slug=f"arbeitskreis-{number}",
            kreis=Kreis.objects.get(slug=kreis),
            gemeinde=fields.pop("gemeinde", "Ludwigsburg-Oßweil"),
            **fields,
        )
        arbeitskreis.angebotsarten.set([make_angebotsart(h) for h in hilfen])
        return arbeitskreis

    return make


@pytest.fixture
def make_sachspendenstelle(db):
    def make(name=None, kreis="landkreis-ludwigsburg", **fields) -> Sachspendenstelle:
        number = next(_numbers)
        defaults = {
            "strasse": "Solitudestraße 20",
            "plz": "71638",
            "ort": "Ludwigsburg",
            "oeffnungszeiten": "Di 9–12 Uhr",
            "nimmt": "Kleidung",
        }
        return Sachspendenstelle.objects.create(
            name=name or f"Kleiderkammer {number}",
            slug=f"stelle-{number}",
            kreis=Kreis.objects.get(slug=kreis),
            **{**defaults, **fields},
        )

    return make


@pytest.fixture
def make_ehrenamtliche(db, make_angebotsart):
    """A confirmed volunteer with the consents given (by default only to be contacted)."""

    def make(
        vorname="Erika",
        nachname=None,
        kreis="landkreis-ludwigsburg",
        einwilligungen=(Einwilligung.Zweck.KONTAKT,),
        hilfen=("Deutschkurs",),
        stand=Ehrenamtliche.Stand.AKTIV,
        **fields,
    ) -> Ehrenamtliche:
        number = next(_numbers)
        person = Ehrenamtliche.objects.create(
            vorname=vorname,
            nachname=nachname or f"Mustermann{number}",
            email=fields.pop("email", f"ehrenamt{number}@example.org"),
            plz=fields.pop("plz", "71638"),
            kreis=Kreis.objects.get(slug=kreis),
            stand=stand,
            bestaetigt_am=None if stand == Ehrenamtliche.Stand.UNBESTAETIGT else timezone.now(),
            **fields,
        )
        person.angebotsarten.set([make_angebotsart(h) for h in hilfen])
        for zweck in einwilligungen:
            person.einwilligen(zweck, Einwilligung.Weg.FORMULAR)
        return person

    return make


def _koordination(username: str, kreis: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", "x")
    Koordination.objects.create(user=user, kreis=Kreis.objects.get(slug=kreis))
    return user


@pytest.fixture
def volunteer_coordinator(db) -> User:
    """The Ehrenamtskoordination of the Landkreis Ludwigsburg (district A)."""
    return _koordination("koordination-lb", "landkreis-ludwigsburg")


@pytest.fixture
def volunteer_coordinator_b(db) -> User:
    """The Ehrenamtskoordination of the Stadtkreis Heilbronn (district B)."""
    return _koordination("koordination-hn", "stadtkreis-heilbronn")


@pytest.fixture
def volunteer(db, make_ehrenamtliche) -> User:
    """A confirmed volunteer in Ludwigsburg with an account (verified address)."""
    user = User.objects.create_user("ehrenamtliche", "helga@example.org", "x")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    make_ehrenamtliche(
        vorname="Helga",
        nachname="Hilfreich",
        email=user.email,
        user=user,
        einwilligungen=list(Einwilligung.Zweck.values),
    )
    return user


@pytest.fixture
def make_gesuch(db, make_angebotsart, volunteer_coordinator):
    def make(
        titel="Patin oder Pate für eine Familie in Oßweil",
        kreis="landkreis-ludwigsburg",
        hilfe="Patenschaft",
        **fields,
    ) -> Gesuch:
        return Gesuch.objects.create(
            titel=titel,
            beschreibung=fields.pop("beschreibung", "Eine Familie mit zwei Kindern."),
            angebotsart=make_angebotsart(hilfe),
            kreis=Kreis.objects.get(slug=kreis),
            ort=fields.pop("ort", "Ludwigsburg-Oßweil"),
            zeit=fields.pop("zeit", "wöchentlich, nachmittags"),
            erstellt_von=volunteer_coordinator,
            **fields,
        )

    return make


@pytest.fixture
def make_schulung(db):
    """A training with one date (by default in two weeks, 18–21 Uhr)."""

    def make(
        titel=None, kreis="landkreis-ludwigsburg", kapazitaet=20, beginn=None, **fields
    ) -> Schulung:
        number = next(_numbers)
        schulung = Schulung.objects.create(
            titel=titel or f"Interkulturelle Kompetenz {number}",
            slug=f"schulung-{number}",
            beschreibung=fields.pop("beschreibung", "Grundlagen für die Arbeit mit Geflüchteten."),
            veranstalter=fields.pop(
                "veranstalter", "Landeszentrale für politische Bildung Baden-Württemberg"
            ),
            kreis=Kreis.objects.get(slug=kreis) if kreis else None,
            ort=fields.pop("ort", "Ludwigsburg, Forum am Schlosspark"),
            kapazitaet=kapazitaet,
            **fields,
        )
        beginn = beginn or (timezone.now() + datetime.timedelta(days=14)).replace(
            hour=17, minute=0, second=0, microsecond=0
        )
        Schulungstermin.objects.create(
            schulung=schulung, beginn=beginn, ende=beginn + datetime.timedelta(hours=3)
        )
        return schulung

    return make

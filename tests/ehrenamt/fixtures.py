"""Builders of working groups and donation points for tests of every app."""

import itertools

import pytest

from ehrenamt.models import Angebotsart, Arbeitskreis, Sachspendenstelle
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

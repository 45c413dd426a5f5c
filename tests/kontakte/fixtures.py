"""Builders of contact objects for tests of every app."""

import itertools

import pytest

from kontakte.models import Kreis, Organisation, Person, Thema

_numbers = itertools.count(1)


@pytest.fixture
def make_organisation(db):
    def make(name=None, kreis="stadtkreis-stuttgart", **fields) -> Organisation:
        number = next(_numbers)
        name = name or f"Organisation {number}"
        defaults = {
            "slug": f"organisation-{number}",
            "art": Organisation.Art.KOMMUNE,
            "strasse": "Königstraße 2",
            "plz": "70173",
            "ort": "Stuttgart",
            "telefon": "0711 22921-0",
            "email": f"post@organisation-{number}.example",
        }
        return Organisation.objects.create(
            name=name, kreis=Kreis.objects.get(slug=kreis), **{**defaults, **fields}
        )

    return make


@pytest.fixture
def make_person(db, make_organisation):
    def make(organisation=None, nachname=None, themen=(), **fields) -> Person:
        number = next(_numbers)
        nachname = nachname or f"Person{number}"
        defaults = {
            "anrede": Person.Anrede.FRAU,
            "vorname": "Anja",
            "slug": f"person-{number}",
            "funktion": "Koordination Ehrenamt",
            "telefon": "07141 910-3124",
            "email": f"person{number}@ludwigsburg.example",
        }
        person = Person.objects.create(
            organisation=organisation or make_organisation(),
            nachname=nachname,
            **{**defaults, **fields},
        )
        for slug in themen:
            person.themen.add(Thema.objects.get_or_create(slug=slug, defaults={"name": slug})[0])
        return person

    return make

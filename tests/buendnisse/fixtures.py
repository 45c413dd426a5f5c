"""Builders of alliances for tests of every app, and the alliance coordinator persona."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from buendnisse.models import Buendnis, Foerderrunde, Partner, Themenfeld
from kontakte.models import Kreis, Mitgliedschaft

_numbers = itertools.count(1)


@pytest.fixture
def make_foerderrunde(db):
    def make(runde=2, tranche=None, jahr=2016, **fields) -> Foerderrunde:
        slug = f"giv-{runde}-{tranche or 0}-{jahr}"
        return Foerderrunde.objects.get_or_create(
            slug=slug, defaults={"runde": runde, "tranche": tranche, "jahr": jahr, **fields}
        )[0]

    return make


@pytest.fixture
def make_themenfeld(db):
    def make(name="Sprache") -> Themenfeld:
        slug = name.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
        return Themenfeld.objects.get_or_create(slug=slug, defaults={"name": name})[0]

    return make


@pytest.fixture
def make_buendnis(db, make_organisation, make_foerderrunde):
    def make(
        name=None,
        kreis="landkreis-ludwigsburg",
        traeger=None,
        foerderrunde=None,
        themen=(),
        partner=(),
        **fields,
    ) -> Buendnis:
        number = next(_numbers)
        kreis = Kreis.objects.get(slug=kreis)
        defaults = {
            "slug": f"buendnis-{number}",
            "gemeinden": kreis.name,
            "betrag": Decimal("15000"),
            "beginn": datetime.date(2016, 11, 15),
            "ende": datetime.date(2017, 12, 15),
            "beschreibung": "Kommune, Vereine und Geflüchtete gestalten das Zusammenleben.",
        }
        buendnis = Buendnis.objects.create(
            name=name or f"Lokales Bündnis {number}",
            kreis=kreis,
            traeger=traeger or make_organisation(kreis=kreis.slug),
            foerderrunde=foerderrunde or make_foerderrunde(),
            **{**defaults, **fields},
        )
        buendnis.themen.set(themen)
        for position, (partner_name, rolle) in enumerate(partner):
            Partner.objects.create(
                buendnis=buendnis, name=partner_name, rolle=rolle, reihenfolge=position
            )
        return buendnis

    return make


@pytest.fixture
def buendnis_a(make_buendnis):
    """The alliance the alliance coordinator keeps."""
    return make_buendnis("Bündnis Willkommen in Ludwigsburg")


@pytest.fixture
def buendnis_b(make_buendnis):
    """Somebody else's alliance."""
    return make_buendnis("Netzwerk Asyl Esslingen", kreis="landkreis-esslingen")


@pytest.fixture
def alliance_coordinator(db, buendnis_a) -> User:
    """Keeps the profile of alliance A: an approved member of its Träger."""
    user = User.objects.create_user(
        "koordination",
        "koordination@buendnis-a.example",
        "correct horse battery staple",
        first_name="Kim",
        last_name="Koordination",
    )
    Mitgliedschaft.objects.create(
        user=user, organisation=buendnis_a.traeger, status=Mitgliedschaft.Status.BESTAETIGT
    )
    return user

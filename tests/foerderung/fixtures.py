"""Builders of funding programmes and calls for tests of every app."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from foerderung.models import Ausschreibung, Programm

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

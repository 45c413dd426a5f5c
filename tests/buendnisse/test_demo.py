import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Count

from buendnisse.models import Buendnis, Foerderrunde, Partner, Teilnahme, Themenfeld
from kontakte.models import Kreis, Organisation

pytestmark = pytest.mark.django_db

LUDWIGSBURG = "ludwigsburg-gemeinsam-in-vielfalt-ii"


def _counts():
    return [
        model.objects.count()
        for model in (Buendnis, Partner, Teilnahme, Themenfeld, Foerderrunde, Organisation)
    ]


def test_seed_demo_has_the_133_funded_alliances_and_can_run_twice(capsys):
    call_command("seed_demo", force=True)
    first = _counts()
    call_command("seed_demo", force=True)
    assert _counts() == first
    assert "buendnisse: 133 öffentliche Bündnisse, 3 Förderrunden" in capsys.readouterr().out

    oeffentlich = Buendnis.objects.oeffentlich()
    assert oeffentlich.count() == 133
    assert Buendnis.objects.filter(oeffentlich=False).exists()
    assert not Kreis.objects.annotate(n=Count("buendnisse")).filter(n=0).exists()
    assert set(oeffentlich.values_list("foerderrunde__runde", flat=True)) == {1, 2}
    assert oeffentlich.filter(status=Buendnis.Status.LAUFEND).exists()

    gesamttreffen = Teilnahme.objects.filter(veranstaltung__slug="zweites-gesamttreffen-2016")
    assert gesamttreffen.count() == 25
    assert not gesamttreffen.exclude(buendnis__foerderrunde__runde=2).exists()

    ludwigsburg = Buendnis.objects.get(slug=LUDWIGSBURG)
    assert ludwigsburg.traeger.slug == "stadt-ludwigsburg"
    assert ludwigsburg.kreis.slug == "landkreis-ludwigsburg"
    assert (ludwigsburg.beginn, ludwigsburg.ende) == (
        datetime.date(2016, 11, 15),
        datetime.date(2017, 12, 15),
    )
    assert ludwigsburg.betrag == Decimal("15000")
    assert (ludwigsburg.foerderrunde.runde, ludwigsburg.foerderrunde.tranche) == (2, 2)
    assert "Ehrenamtliche Netzwerke in der Flüchtlingsarbeit in Ludwigsburg" in (
        ludwigsburg.aktivitaeten
    )
    assert {p.nachname for p in ludwigsburg.ansprechpersonen.all()} == {"Widmann", "Schiffner"}
    assert ludwigsburg.meldungen.exists()


def test_demo_municipality_login_keeps_only_the_ludwigsburg_profile():
    call_command("seed_demo", force=True)
    user = User.objects.get(email="kommune@ludwigsburg.de")
    assert user.check_password("demo-kommune")

    bearbeitbar = Buendnis.objects.bearbeitbar_von(user)
    assert bearbeitbar.filter(slug=LUDWIGSBURG).exists()
    other = Buendnis.objects.exclude(traeger__slug="stadt-ludwigsburg").first()
    assert not bearbeitbar.filter(pk=other.pk).exists()

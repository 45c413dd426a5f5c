import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from foerderung.models import Ausschreibung, Frage, Programm, Unterlage
from portal.models import Seite

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def _counts():
    return [model.objects.count() for model in (Programm, Ausschreibung, Frage, Unterlage)]


def test_seed_demo_has_the_programmes_and_calls_and_can_run_twice(capsys):
    call_command("seed_demo", force=True)
    first = _counts()
    call_command("seed_demo", force=True)
    assert _counts() == first
    assert "foerderung: 3 Programme, 5 Ausschreibungen, davon 1 offen" in capsys.readouterr().out

    assert set(Programm.objects.values_list("slug", flat=True)) == {
        "kommunaler-fluechtlingsdialog",
        "gemeinsam-in-vielfalt",
        "gesellschaftliche-teilhabe",
    }
    dialog = Programm.objects.get(slug="kommunaler-fluechtlingsdialog")
    assert dialog.kuerzel == "FD"
    assert dialog.faq_thema.titel == "Kommunale Flüchtlingsdialoge"
    assert not Programm.objects.get(slug="gesellschaftliche-teilhabe").ausschreibungen.exists()

    offen = Ausschreibung.objects.offen().get()
    assert offen.programm == dialog
    assert offen.gesamtbudget == 150000
    assert Ausschreibung.objects.kommend().get().programm.slug == "gemeinsam-in-vielfalt"
    assert Ausschreibung.objects.geschlossen().count() == 3

    zweite = dialog.ausschreibungen.get(slug="2016-2-frist")
    assert zweite.frist_text == "31.12.2016, 23:59 Uhr"
    assert zweite.durchfuehrung_bis == datetime.date(2017, 6, 30)
    assert zweite.berechtigte_arten == ["kommune", "landkreis"]
    assert dialog.ausschreibungen.get(slug="2016-1-frist").offen_bis == datetime.datetime(
        2016, 10, 31, 23, 59, tzinfo=BERLIN
    )
    assert {frage.typ for frage in zweite.fragen.all()} >= {"zahl", "auswahl", "ja_nein"}
    assert zweite.unterlagen.filter(pflicht=False).exists()


def test_every_demo_call_passes_the_admin_checks():
    call_command("seed_demo", force=True)
    for ausschreibung in Ausschreibung.objects.all():
        ausschreibung.full_clean()
        assert 2 <= ausschreibung.fragen.count() <= 4
        assert 2 <= ausschreibung.unterlagen.count() <= 3
    for frage in Frage.objects.all():
        frage.full_clean()
    for programm in Programm.objects.all():
        programm.full_clean()


def test_the_funding_section_is_no_longer_a_content_page():
    call_command("seed_demo", force=True)
    assert not Seite.objects.filter(eltern=None, slug="foerderung").exists()

import datetime
import io
import itertools
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import User
from django.core.management import call_command
from pypdf import PdfReader

from foerderung.models import (
    Anhang,
    Antrag,
    Ausschreibung,
    Einreichung,
    Frage,
    Fristverlaengerung,
    Kostenposition,
    Programm,
    Rueckfrage,
    Statuswechsel,
    Unterlage,
    Verwendungsnachweis,
)
from kontakte.models import Mitgliedschaft, Organisation
from portal.models import Seite

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
S = Antrag.Status
MODELLE = (
    Programm,
    Ausschreibung,
    Frage,
    Unterlage,
    Antrag,
    Statuswechsel,
    Einreichung,
    Kostenposition,
    Anhang,
    Rueckfrage,
    Verwendungsnachweis,
    Fristverlaengerung,
    Organisation,
    Mitgliedschaft,
    User,
)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELLE}


def test_seed_demo_has_the_programmes_and_calls_and_can_run_twice(capsys):
    call_command("seed_demo", force=True)
    first = _counts()
    call_command("seed_demo", force=True)
    assert _counts() == first
    assert first["Antrag"] == 7
    out = capsys.readouterr().out
    assert "foerderung: 3 Programme, 5 Ausschreibungen, davon 1 offen; 7 Anträge" in out

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
    assert {frage.typ for frage in zweite.fragen.all()} == {"ja_nein", "text", "langtext"}
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


def _stand(organisation: str) -> dict[str, Antrag]:
    return {
        antrag.status: antrag
        for antrag in Antrag.objects.filter(organisation__name=organisation).select_related(
            "ausschreibung"
        )
    }


def test_two_cities_have_applications_in_every_state_with_real_histories(capsys):
    call_command("seed_demo", force=True)
    referat = User.objects.get(email="foerderung@staedtetag-demo.de")

    ludwigsburg = _stand("Stadt Ludwigsburg")
    assert set(ludwigsburg) == {S.ENTWURF, S.RUECKFRAGE, S.NACHWEIS_FAELLIG, S.ABGESCHLOSSEN}
    entwurf = ludwigsburg[S.ENTWURF]
    assert entwurf.ausschreibung == Ausschreibung.objects.offen().get()
    assert entwurf.aktenzeichen is None and entwurf.fehlende_angaben()
    offen = ludwigsburg[S.RUECKFRAGE].rueckfragen.get()
    assert offen.beantwortet_am is None and offen.gestellt_von == referat
    faellig = ludwigsburg[S.NACHWEIS_FAELLIG]
    assert faellig.bewilligt_betrag < faellig.beantragt
    assert faellig.nachweis_faellig_am == faellig.nachweis_frist()
    abgeschlossen = ludwigsburg[S.ABGESCHLOSSEN]
    assert abgeschlossen.verwendungsnachweis.eingereicht_am is not None
    assert [e.nach for e in abgeschlossen.verlauf.all()] == [
        S.EINGEREICHT,
        S.IN_PRUEFUNG,
        S.BEWILLIGT,
        S.NACHWEIS_FAELLIG,
        S.NACHWEIS_EINGEREICHT,
        S.ABGESCHLOSSEN,
    ]

    heilbronn = _stand("Stadt Heilbronn")
    assert set(heilbronn) == {S.EINGEREICHT, S.IN_PRUEFUNG, S.ABGELEHNT}
    assert heilbronn[S.ABGELEHNT].verlauf.last().notiz

    for antrag in Antrag.objects.exclude(status=S.ENTWURF):
        # Submitted through the model: complete, with a file number and a snapshot, inside
        # the call's period, and the history told in order.
        assert antrag.fehlende_angaben() == []
        assert antrag.aktenzeichen
        einreichung = antrag.einreichungen.get()
        ausschreibung = antrag.ausschreibung
        assert ausschreibung.offen_ab <= einreichung.eingereicht_am < ausschreibung.offen_bis
        verlauf = list(antrag.verlauf.all())
        assert verlauf[0].von == S.ENTWURF
        assert verlauf[0].am == einreichung.eingereicht_am
        assert all(a.nach == b.von for a, b in itertools.pairwise(verlauf))
        assert {e.user for e in verlauf if e.user} <= {referat, einreichung.eingereicht_von}

    # The demo documents are real PDFs.
    plan = Anhang.objects.filter(unterlage__bezeichnung="Kosten- und Finanzierungsplan").first()
    with plan.datei.open("rb") as datei:
        assert "Kosten- und Finanzierungsplan" in PdfReader(datei).pages[0].extract_text()


def test_the_demo_logins_for_the_staff_and_the_second_city_work(client):
    call_command("seed_demo", force=True)
    referat = User.objects.get(email="foerderung@staedtetag-demo.de")
    assert referat.is_staff and not referat.is_superuser
    assert referat.has_perm("foerderung.pruefen_antrag")
    assert Authenticator.objects.filter(user=referat, type=Authenticator.Type.TOTP).exists()
    assert referat.check_password("demo-foerderreferat")

    heilbronn = User.objects.get(email="kommune@heilbronn.de")
    assert heilbronn.check_password("demo-kommune")
    assert EmailAddress.objects.get(user=heilbronn).verified
    assert list(Organisation.objects.vertreten_von(heilbronn)) == [
        Organisation.objects.get(name="Stadt Heilbronn")
    ]

    client.force_login(referat)
    assert client.get("/admin/foerderung/antrag/").status_code == 200
    for antrag in Antrag.objects.all():
        assert client.get(f"/admin/foerderung/antrag/{antrag.pk}/change/").status_code == 200


def test_demo_jury_has_criteria_and_reviews():
    from foerderung.models import Gutachten, Kriterium

    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert Kriterium.objects.exists()
    juror = User.objects.get(email="jury@staedtetag-demo.de")
    assert juror.has_perm("foerderung.begutachten")
    assert Gutachten.objects.filter(gutachter=juror, eingereicht_am__isnull=False).exists()
    assert Gutachten.objects.filter(gutachter=juror, eingereicht_am__isnull=True).exists()


def test_demo_has_a_rendered_decision_letter():
    from foerderung.models import Bescheid

    call_command("seed_demo", force=True, stdout=io.StringIO())
    call_command("seed_demo", force=True, stdout=io.StringIO())
    (bescheid,) = Bescheid.objects.filter(antrag__organisation__slug="stadt-ludwigsburg")
    assert bescheid.stand == Bescheid.Stand.ERSTELLT
    assert len(bescheid.sha256) == 64

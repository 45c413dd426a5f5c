"""Staff keep programmes and calls in the admin: deadline, amount, who may apply, and the
questions and documents a call asks for."""

import datetime
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from foerderung.models import Ausschreibung

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
CHANGELIST = "/admin/foerderung/ausschreibung/"
ADD = "/admin/foerderung/ausschreibung/add/"
PROGRAMME = "/admin/foerderung/programm/"


def _rows(response) -> str:
    """The text of the change list's result table."""
    html = response.content.decode()
    if 'id="result_list"' not in html:
        return ""
    table = html.split('id="result_list"', 1)[1].split("</table>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table))


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _formular(programm, fragen=(), **changes) -> dict:
    """The add form as the browser posts it, with the Frage rows given as dicts."""
    data = {
        "programm": programm.pk,
        "titel": "Kommunaler Flüchtlingsdialog 2016, 2. Frist",
        "slug": "2016-2-frist",
        "text": "Gefördert werden Dialoge über das Zusammenleben.",
        "offen_ab_0": "01.11.2016",
        "offen_ab_1": "00:00",
        "offen_bis_0": "31.12.2016",
        "offen_bis_1": "23:59",
        "hoechstbetrag": "3000",
        "gesamtbudget": "",
        "berechtigte_arten": ["landkreis", "kommune"],
        "durchfuehrung_von": "01.01.2017",
        "durchfuehrung_bis": "30.06.2017",
        "nachweis_wochen": "8",
        "status": "veroeffentlicht",
        "veroeffentlichen_ab_0": "01.10.2016",
        "veroeffentlichen_ab_1": "08:00",
        "fragen-TOTAL_FORMS": str(len(fragen)),
        "fragen-INITIAL_FORMS": "0",
        "unterlagen-TOTAL_FORMS": "0",
        "unterlagen-INITIAL_FORMS": "0",
        "kriterien-TOTAL_FORMS": "0",
        "kriterien-INITIAL_FORMS": "0",
    }
    for index, frage in enumerate(fragen):
        felder = {"hinweis": "", "optionen": "", "pflicht": "on", "reihenfolge": "0", **frage}
        data |= {f"fragen-{index}-{name}": wert for name, wert in felder.items()}
    return data | changes


def _fehler(response) -> str:
    assert response.status_code == 200, "the form was accepted"
    return " ".join(
        [*response.context["adminform"].form.errors.as_text().splitlines()]
        + [
            line
            for formset in response.context["inline_admin_formsets"]
            for form in formset.formset.forms
            for line in form.errors.as_text().splitlines()
        ]
    )


def test_staff_see_the_calls_with_deadline_amount_and_state(
    client_for, make_programm, make_ausschreibung
):
    programm = make_programm(name="Kommunaler Flüchtlingsdialog")
    make_ausschreibung(
        programm,
        offen=False,
        titel="Flüchtlingsdialog 2016",
        offen_ab=datetime.datetime(2016, 11, 1, tzinfo=BERLIN),
        offen_bis=datetime.datetime(2016, 12, 31, 23, 59, tzinfo=BERLIN),
        hoechstbetrag=Decimal("3000"),
    )
    make_ausschreibung(programm, offen=True, titel="Flüchtlingsdialog offen")
    make_ausschreibung(programm, offen="kommend", titel="Flüchtlingsdialog kommend")
    response = client_for("foerderreferat").get(CHANGELIST)
    assert response.status_code == 200
    rows = _rows(response)
    assert "Flüchtlingsdialog 2016 Kommunaler Flüchtlingsdialog 01.11.2016, 00:00 Uhr" in rows
    assert "31.12.2016, 23:59 Uhr 3.000 € geschlossen" in rows
    assert re.search(r"Flüchtlingsdialog offen .* offen", rows)
    assert re.search(r"Flüchtlingsdialog kommend .* kommend", rows)


@pytest.mark.parametrize(
    ("stand", "titel"),
    [("offen", "Jetzt"), ("kommend", "Bald"), ("geschlossen", "Vorbei")],
)
def test_the_list_filters_by_state(client_for, make_ausschreibung, stand, titel):
    make_ausschreibung(offen=True, titel="Jetzt")
    make_ausschreibung(offen="kommend", titel="Bald")
    make_ausschreibung(offen=False, titel="Vorbei")
    rows = _rows(client_for("foerderreferat").get(f"{CHANGELIST}?stand={stand}"))
    shown = {name for name in ["Jetzt", "Bald", "Vorbei"] if name in rows}
    assert shown == {titel}


def test_programme_list_counts_and_links_the_calls(client_for, make_programm, make_ausschreibung):
    programm = make_programm(name="Gemeinsam in Vielfalt", kuerzel="GiV")
    make_ausschreibung(programm, offen=False)
    make_ausschreibung(programm, offen="kommend")
    response = client_for("foerderreferat").get(PROGRAMME)
    assert response.status_code == 200
    assert f'href="{CHANGELIST}?programm__id__exact={programm.pk}">2</a>' in response.text
    assert "GiV" in _rows(response)


def test_add_form_offers_the_kinds_of_organisation_as_checkboxes(client_for, make_programm):
    make_programm()
    html = client_for("foerderreferat").get(ADD).text
    assert 'type="checkbox" name="berechtigte_arten" value="kommune"' in html
    assert 'type="checkbox" name="berechtigte_arten" value="wohlfahrtsverband"' in html
    for legend in [
        "Frist",
        "Förderung",
        "Durchführung und Nachweis",
        "Unterlagen zum Herunterladen",
    ]:
        assert legend in html
    assert 'name="fragen-TOTAL_FORMS"' in html
    assert 'name="unterlagen-TOTAL_FORMS"' in html


def test_staff_add_a_call_with_its_questions(client_for, make_programm):
    programm = make_programm()
    frage = {
        "text": "Welches Format ist geplant?",
        "typ": "auswahl",
        "optionen": "Bürgerdialog\nWorkshop\nZukunftswerkstatt\nSonstiges",
    }
    response = client_for("foerderreferat").post(ADD, _formular(programm, fragen=[frage]))
    assert response.status_code == 302, _fehler(response)
    ausschreibung = Ausschreibung.objects.get(programm=programm, slug="2016-2-frist")
    # In the order of the choices, whatever order the browser sent them in.
    assert ausschreibung.berechtigte_arten == ["kommune", "landkreis"]
    assert ausschreibung.frist_text == "31.12.2016, 23:59 Uhr"
    assert ausschreibung.offen_bis == datetime.datetime(2016, 12, 31, 23, 59, tzinfo=BERLIN)
    gespeichert = ausschreibung.fragen.get()
    assert gespeichert.optionen_liste == [
        "Bürgerdialog",
        "Workshop",
        "Zukunftswerkstatt",
        "Sonstiges",
    ]


def test_the_change_form_shows_the_stored_kinds_as_checked(client_for, make_ausschreibung):
    ausschreibung = make_ausschreibung(berechtigte_arten=["kommune", "verein"])
    html = client_for("foerderreferat").get(f"{CHANGELIST}{ausschreibung.pk}/change/").text
    checked = set(re.findall(r'name="berechtigte_arten" value="(\w+)"[^>]*checked', html))
    assert checked == {"kommune", "verein"}


def test_a_deadline_before_the_start_is_refused(client_for, make_programm):
    programm = make_programm()
    response = client_for("foerderreferat").post(ADD, _formular(programm, offen_bis_0="31.10.2016"))
    assert "Die Antragsfrist muss nach ihrem Beginn enden." in _fehler(response)
    assert not Ausschreibung.objects.exists()


def test_a_call_nobody_may_apply_to_is_refused(client_for, make_programm):
    programm = make_programm()
    data = _formular(programm)
    del data["berechtigte_arten"]  # no box ticked: the browser sends nothing
    response = client_for("foerderreferat").post(ADD, data)
    fehler = _fehler(response)
    assert "Bitte wählen Sie mindestens eine Art von Organisation." in fehler
    assert fehler.count("Bitte wählen Sie") == 1
    assert not Ausschreibung.objects.exists()


def test_a_choice_question_with_one_option_is_refused(client_for, make_programm):
    programm = make_programm()
    frage = {"text": "Welches Format ist geplant?", "typ": "auswahl", "optionen": "Workshop"}
    response = client_for("foerderreferat").post(ADD, _formular(programm, fragen=[frage]))
    assert "Eine Auswahl braucht mindestens zwei Möglichkeiten, eine je Zeile." in _fehler(response)
    assert not Ausschreibung.objects.exists()


def test_the_list_needs_the_same_queries_for_one_and_five_calls(
    client_for, make_programm, make_ausschreibung
):
    staff = client_for("foerderreferat")
    make_ausschreibung(make_programm(), offen=True)
    one = _queries(staff, CHANGELIST)
    for offen in [False, "kommend", True, False]:
        make_ausschreibung(make_programm(), offen=offen)
    assert _queries(staff, CHANGELIST) == one


def test_the_programme_list_needs_the_same_queries_for_one_and_five_programmes(
    client_for, make_programm, make_ausschreibung
):
    staff = client_for("foerderreferat")
    make_ausschreibung(make_programm())
    one = _queries(staff, PROGRAMME)
    for _ in range(4):
        make_ausschreibung(make_programm())
    assert _queries(staff, PROGRAMME) == one


def test_a_second_call_with_the_same_address_in_a_programme_is_refused(
    client_for, make_programm, make_ausschreibung
):
    programm = make_programm()
    make_ausschreibung(programm, slug="2016-2-frist")
    response = client_for("foerderreferat").post(ADD, _formular(programm))
    assert "existiert bereits" in _fehler(response)
    assert programm.ausschreibungen.count() == 1

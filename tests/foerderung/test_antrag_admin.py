"""The programme staff review applications in the admin: everything read-only, the next steps
as small forms that go through the model's transitions, deadline extensions with who granted
them, and a history nobody can change."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from foerderung.models import (
    Anhang,
    Antrag,
    Fristverlaengerung,
    Kostenposition,
    Rueckfrage,
    Statuswechsel,
)
from tests.foerderung.fixtures import nachweis_einreichen

pytestmark = pytest.mark.django_db

S = Antrag.Status
CHANGELIST = "/admin/foerderung/antrag/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _change(antrag) -> str:
    return f"{CHANGELIST}{antrag.pk}/change/"


def _schritt(antrag) -> str:
    return reverse("admin:foerderung_antrag_schritt", args=[antrag.pk])


def _rueckfrage(antrag) -> str:
    return reverse("admin:foerderung_antrag_rueckfrage", args=[antrag.pk])


def _meldungen(response) -> list[str]:
    return [str(meldung) for meldung in get_messages(response.wsgi_request)]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _angeboten(html: str) -> list[str]:
    """The steps the "Nächster Schritt" form offers, in order."""
    return re.findall(r'name="nach" value="([a-z_]+)"', html)


def _mitglied(antrag):
    return antrag.organisation.mitgliedschaften.bestaetigt().first().user


def _bis(antrag: Antrag, status: str, pruefer) -> Antrag:
    """Move a submitted application along the usual path up to `status`, as the model does."""
    wege = {
        S.IN_PRUEFUNG: [S.IN_PRUEFUNG],
        S.BEWILLIGT: [S.IN_PRUEFUNG, S.BEWILLIGT],
        S.NACHWEIS_EINGEREICHT: [
            S.IN_PRUEFUNG,
            S.BEWILLIGT,
            S.NACHWEIS_FAELLIG,
            S.NACHWEIS_EINGEREICHT,
        ],
    }
    for nach in wege[status]:
        if nach == S.BEWILLIGT:
            antrag.entscheiden(nach, pruefer, antrag.beantragt, "")
        elif nach == S.NACHWEIS_EINGEREICHT:
            nachweis_einreichen(antrag, _mitglied(antrag))
        else:
            antrag.uebergang(nach, pruefer, "")
    antrag.refresh_from_db()
    assert antrag.status == status
    return antrag


@pytest.fixture
def staff(client, foerderreferat):
    client.force_login(foerderreferat)
    return client


# --- Who gets in -----------------------------------------------------------------------------


def test_programme_staff_see_the_list_with_the_applications_facts(staff, antrag_a, antrag_b):
    response = staff.get(CHANGELIST)
    assert response.status_code == 200
    rows = _text(response.text.split('id="result_list"', 1)[1].split("</table>", 1)[0])
    assert antrag_a.aktenzeichen in rows
    assert "Stadt Heilbronn" in rows
    assert "Landkreis Ludwigsburg" in rows
    assert antrag_a.ausschreibung.titel in rows
    assert "Eingereicht" in rows
    assert "2.500 €" in rows
    assert timezone.localdate().strftime("%d.%m.%Y") in rows
    assert "Antrag hinzufügen" not in response.text


def test_the_list_filters_by_state_and_finds_a_file_number(
    staff, antrag_a, antrag_b, foerderreferat
):
    antrag_b.uebergang(S.IN_PRUEFUNG, foerderreferat)
    geprueft = _text(staff.get(f"{CHANGELIST}?status__exact=in_pruefung").text)
    assert antrag_b.aktenzeichen in geprueft
    assert antrag_a.aktenzeichen not in geprueft
    gesucht = staff.get(f"{CHANGELIST}?q={antrag_a.aktenzeichen}")
    assert list(gesucht.context["cl"].result_list) == [antrag_a]


def test_editorial_staff_are_refused_the_applications(client_for, antrag_a):
    redaktion = client_for("programme_staff")
    assert redaktion.get(CHANGELIST).status_code == 403
    assert redaktion.get(_change(antrag_a)).status_code == 403
    assert redaktion.get("/admin/foerderung/statuswechsel/").status_code == 403
    response = redaktion.post(_schritt(antrag_a), {"nach": S.IN_PRUEFUNG})
    assert response.status_code == 403
    assert redaktion.post(_rueckfrage(antrag_a), {"frage": "Warum?"}).status_code == 403
    antrag_a.refresh_from_db()
    assert antrag_a.status == S.EINGEREICHT


def test_an_applicant_cannot_take_staff_steps(client, municipality_a, antrag_a):
    client.force_login(municipality_a)
    response = client.post(_schritt(antrag_a), {"nach": S.IN_PRUEFUNG})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    antrag_a.refresh_from_db()
    assert antrag_a.status == S.EINGEREICHT


def test_the_step_views_take_only_post(staff, antrag_a):
    assert staff.get(_schritt(antrag_a)).status_code == 405
    assert staff.get(_rueckfrage(antrag_a)).status_code == 405


def test_an_unknown_application_is_404(staff):
    assert staff.post("/admin/foerderung/antrag/999999/schritt/", {"nach": "x"}).status_code == 404


# --- Read-only ---------------------------------------------------------------------------------


def test_the_change_page_shows_the_application_read_only_with_its_parts(
    staff, antrag_a, foerderreferat
):
    anhang = Anhang.speichern(
        antrag_a,
        ContentFile(PDF, name="kostenplan.pdf"),
        _mitglied(antrag_a),
        Anhang.Zweck.ANTRAG,
        bezeichnung="Kosten- und Finanzierungsplan",
    )
    response = staff.get(_change(antrag_a))
    assert response.status_code == 200
    html = response.text
    text = _text(html)
    assert "Ludwigsburg im Gespräch" in text
    assert "Wohnraum, Gemeinschaft und Zusammenleben" in text
    assert "Moderation" in text and "1.800 €" in text
    assert "Gesamtkosten" in text and "3.200 €" in text
    # The file through the view that checks who asks, never the storage path.
    assert f'href="{reverse("foerderung:anhang", args=[antrag_a.pk, anhang.pk])}"' in html
    assert anhang.datei.name not in html
    assert "Eingereichte Fassungen" in text
    assert "Eingereicht. " in text  # the history's note
    # Nothing of the applicant's data is a form field, nothing can be saved or deleted.
    assert 'name="titel"' not in html
    assert 'name="_save"' not in html
    assert "/delete/" not in html
    assert "-DELETE" not in html
    # Staff do not land on the applicant's page, which is not theirs to see.
    assert "viewsitelink" not in html


def test_staff_can_neither_add_change_nor_delete_an_application(staff, antrag_a):
    assert staff.get(f"{CHANGELIST}add/").status_code == 403
    assert staff.post(_change(antrag_a), {"titel": "Geändert"}).status_code == 403
    assert staff.post(f"{CHANGELIST}{antrag_a.pk}/delete/", {"post": "yes"}).status_code == 403
    antrag_a.refresh_from_db()
    assert antrag_a.titel == "Ludwigsburg im Gespräch"


def test_the_history_cannot_be_changed_or_deleted_in_the_admin(staff, antrag_a):
    eintrag = antrag_a.verlauf.get()
    url = f"/admin/foerderung/statuswechsel/{eintrag.pk}/"
    liste = staff.get("/admin/foerderung/statuswechsel/")
    assert liste.status_code == 200
    assert "delete_selected" not in liste.text
    ansicht = staff.get(f"{url}change/")
    assert ansicht.status_code == 200
    assert 'name="_save"' not in ansicht.text
    assert staff.post(f"{url}change/", {"notiz": "Geändert"}).status_code == 403
    assert staff.get(f"{url}delete/").status_code == 403
    assert staff.post(f"{url}delete/", {"post": "yes"}).status_code == 403
    assert staff.get("/admin/foerderung/statuswechsel/add/").status_code == 403
    aktion = staff.post(
        "/admin/foerderung/statuswechsel/",
        {"action": "delete_selected", "_selected_action": [eintrag.pk], "post": "yes"},
    )
    assert aktion.status_code in (200, 302)
    eintrag.refresh_from_db()
    assert eintrag.notiz == "Eingereicht."
    assert antrag_a.verlauf.count() == 1


# --- Query counts ------------------------------------------------------------------------------


def test_the_list_needs_the_same_queries_for_one_and_five_applications(
    staff, make_antrag, make_ausschreibung, django_assert_num_queries
):
    make_antrag(eingereicht=True)
    staff.get(CHANGELIST)  # warm the session and content types
    with CaptureQueriesContext(connection) as eine:
        assert staff.get(CHANGELIST).status_code == 200
    for _ in range(4):
        make_antrag(ausschreibung=make_ausschreibung(), eingereicht=True)
    with django_assert_num_queries(len(eine)):
        response = staff.get(CHANGELIST)
    assert response.context["cl"].result_count == 5


@pytest.mark.parametrize("liste", ["statuswechsel", "fristverlaengerung"])
def test_history_and_extension_lists_need_the_same_queries_for_one_and_five_rows(
    staff,
    foerderreferat,
    make_antrag,
    make_ausschreibung,
    kommune_a,
    django_assert_num_queries,
    liste,
):
    url = f"/admin/foerderung/{liste}/"

    def zeile():
        antrag = make_antrag(ausschreibung=make_ausschreibung(), eingereicht=True)
        Fristverlaengerung.objects.create(
            ausschreibung=antrag.ausschreibung,
            organisation=kommune_a[0],
            bis=antrag.ausschreibung.offen_bis + datetime.timedelta(days=3),
            begruendung="Gemeinderat",
            gewaehrt_von=foerderreferat,
        )

    zeile()
    staff.get(url)
    with CaptureQueriesContext(connection) as eine:
        assert staff.get(url).status_code == 200
    for _ in range(4):
        zeile()
    with django_assert_num_queries(len(eine)):
        response = staff.get(url)
    assert response.context["cl"].result_count == 5


def _mehr_zeilen(antrag: Antrag, anzahl: int) -> None:
    """More rows in every part of the change page."""
    mitglied = _mitglied(antrag)
    for nummer in range(anzahl):
        Kostenposition.objects.create(
            antrag=antrag, art="sachkosten", beschreibung=f"Material {nummer}", betrag=10
        )
        Anhang.speichern(
            antrag, ContentFile(PDF, name=f"anlage-{nummer}.pdf"), mitglied, Anhang.Zweck.ANTRAG
        )
        Rueckfrage.objects.create(
            antrag=antrag,
            frage=f"Frage {nummer}",
            gestellt_von=mitglied,
            antwort="Antwort",
            beantwortet_von=mitglied,
            beantwortet_am=timezone.now(),
        )
        Statuswechsel.objects.create(
            antrag=antrag,
            von=S.EINGEREICHT,
            nach=S.EINGEREICHT,
            user=mitglied,
            rolle=Antrag.ANTRAGSTELLER,
        )
        antrag.einreichungen.create(
            nummer=antrag.einreichungen.count() + 1,
            eingereicht_am=timezone.now(),
            eingereicht_von=mitglied,
            daten=antrag.als_daten(),
        )


def test_the_change_page_needs_the_same_queries_for_one_and_five_rows(
    staff, make_antrag, make_ausschreibung, django_assert_num_queries
):
    wenig = make_antrag(eingereicht=True)
    _mehr_zeilen(wenig, 1)
    viel = make_antrag(ausschreibung=make_ausschreibung(), eingereicht=True)
    _mehr_zeilen(viel, 5)
    staff.get(_change(wenig))
    with CaptureQueriesContext(connection) as eine:
        assert staff.get(_change(wenig)).status_code == 200
    with django_assert_num_queries(len(eine)):
        response = staff.get(_change(viel))
    assert response.text.count("anlage-") >= 5


# --- Steps -------------------------------------------------------------------------------------


def test_the_form_offers_exactly_the_steps_open_to_the_staff(staff, antrag_a, foerderreferat):
    html = staff.get(_change(antrag_a)).text
    assert _angeboten(html) == [S.IN_PRUEFUNG, S.ZURUECKGEZOGEN]
    assert "Rückfrage stellen" in html
    assert 'name="betrag"' not in html
    _bis(antrag_a, S.IN_PRUEFUNG, foerderreferat)
    html = staff.get(_change(antrag_a)).text
    assert _angeboten(html) == [
        S.BEWILLIGT,
        S.TEILWEISE_BEWILLIGT,
        S.ABGELEHNT,
        S.ZURUECKGEZOGEN,
    ]
    assert 'name="betrag"' in html


def test_a_draft_offers_the_staff_no_step(staff, make_antrag):
    html = staff.get(_change(make_antrag())).text
    assert _angeboten(html) == []
    assert 'id="bearbeitung-1"' not in html


@pytest.mark.parametrize(
    ("von", "daten", "nach"),
    [
        (S.EINGEREICHT, {"nach": S.IN_PRUEFUNG}, S.IN_PRUEFUNG),
        (
            S.EINGEREICHT,
            {"nach": S.ZURUECKGEZOGEN, "notiz": "Auf Wunsch der Stadt per E-Mail."},
            S.ZURUECKGEZOGEN,
        ),
        (S.IN_PRUEFUNG, {"nach": S.BEWILLIGT, "notiz": "Gute Beteiligung."}, S.BEWILLIGT),
        (
            S.IN_PRUEFUNG,
            {"nach": S.TEILWEISE_BEWILLIGT, "betrag": "1.500", "notiz": "Ohne Verpflegung."},
            S.TEILWEISE_BEWILLIGT,
        ),
        (
            S.IN_PRUEFUNG,
            {"nach": S.ABGELEHNT, "notiz": "Der Dialog liegt außerhalb des Zeitraums."},
            S.ABGELEHNT,
        ),
        (S.BEWILLIGT, {"nach": S.NACHWEIS_FAELLIG}, S.NACHWEIS_FAELLIG),
        (
            S.NACHWEIS_EINGEREICHT,
            {"nach": S.NACHWEIS_FAELLIG, "notiz": "Es fehlen die Belege."},
            S.NACHWEIS_FAELLIG,
        ),
        (S.NACHWEIS_EINGEREICHT, {"nach": S.ABGESCHLOSSEN}, S.ABGESCHLOSSEN),
    ],
)
def test_each_step_moves_the_application_and_writes_the_history(
    staff, antrag_a, foerderreferat, von, daten, nach
):
    if von != S.EINGEREICHT:
        _bis(antrag_a, von, foerderreferat)
    assert nach in _angeboten(staff.get(_change(antrag_a)).text)
    vorher = antrag_a.verlauf.count()
    response = staff.post(_schritt(antrag_a), daten)
    assert response.status_code == 302
    assert response["Location"] == _change(antrag_a)
    assert _meldungen(response) == [
        f"Der Antrag {antrag_a.aktenzeichen} ist jetzt „{S(nach).label}“."
    ]
    antrag_a.refresh_from_db()
    assert antrag_a.status == nach
    assert antrag_a.verlauf.count() == vorher + 1
    eintrag = antrag_a.verlauf.last()
    assert (eintrag.von, eintrag.nach, eintrag.user) == (von, nach, foerderreferat)
    assert eintrag.notiz == daten.get("notiz", "")


def test_a_grant_records_the_amount_and_the_reports_due_date(staff, antrag_a, foerderreferat):
    _bis(antrag_a, S.IN_PRUEFUNG, foerderreferat)
    staff.post(_schritt(antrag_a), {"nach": S.BEWILLIGT, "betrag": ""})
    antrag_a.refresh_from_db()
    assert antrag_a.bewilligt_betrag == Decimal("2500")
    assert antrag_a.nachweis_faellig_am == antrag_a.nachweis_frist()


def test_a_partial_grant_reads_the_amount_the_german_way(staff, antrag_a, foerderreferat):
    _bis(antrag_a, S.IN_PRUEFUNG, foerderreferat)
    staff.post(_schritt(antrag_a), {"nach": S.TEILWEISE_BEWILLIGT, "betrag": "2.000,50 €"})
    antrag_a.refresh_from_db()
    assert antrag_a.status == S.TEILWEISE_BEWILLIGT
    assert antrag_a.bewilligt_betrag == Decimal("2000.50")


@pytest.mark.parametrize(
    ("daten", "fehler"),
    [
        ({"nach": S.TEILWEISE_BEWILLIGT, "betrag": ""}, "Bitte geben Sie den bewilligten Betrag"),
        (
            {"nach": S.TEILWEISE_BEWILLIGT, "betrag": "2.500"},
            "Teilweise bewilligt wird ein Betrag über 0 € und unter dem beantragten (2.500 €).",
        ),
        (
            {"nach": S.TEILWEISE_BEWILLIGT, "betrag": "zwei"},
            "Bitte geben Sie einen Betrag an, zum Beispiel 1.250,50.",
        ),
        ({"nach": S.TEILWEISE_BEWILLIGT, "betrag": "0"}, "Betrag über 0 €"),
        ({"nach": S.BEWILLIGT, "betrag": "1.000"}, "„Teilweise bewilligt“"),
        ({"nach": S.ABGELEHNT, "notiz": "  "}, "Bitte begründen Sie die Ablehnung"),
        ({"nach": S.ABGELEHNT, "notiz": "x" * 5001}, "höchstens 5.000 Zeichen"),
        ({}, "Bitte wählen Sie den nächsten Schritt."),
    ],
)
def test_bad_input_is_refused_on_the_form_and_changes_nothing(
    staff, antrag_a, foerderreferat, daten, fehler
):
    _bis(antrag_a, S.IN_PRUEFUNG, foerderreferat)
    vorher = antrag_a.verlauf.count()
    response = staff.post(_schritt(antrag_a), daten)
    assert response.status_code == 302
    assert _meldungen(response) == [
        "Der Schritt wurde nicht ausgeführt. Bitte prüfen Sie die markierten Angaben."
    ]
    antrag_a.refresh_from_db()
    assert antrag_a.status == S.IN_PRUEFUNG
    assert antrag_a.bewilligt_betrag is None
    assert antrag_a.verlauf.count() == vorher
    # The form comes back with the message at the field and what was typed.
    seite = staff.get(response["Location"])
    assert seite.status_code == 200
    assert fehler in _text(seite.text)
    assert 'class="errorlist' in seite.text
    # Once: reloading shows the empty form again.
    assert 'class="errorlist' not in staff.get(_change(antrag_a)).text


def test_a_step_that_is_not_open_now_is_refused_with_a_message(staff, antrag_a):
    for nach in [S.BEWILLIGT, S.ABGESCHLOSSEN, S.RUECKFRAGE, S.EINGEREICHT, "gibt_es_nicht"]:
        response = staff.post(_schritt(antrag_a), {"nach": nach, "betrag": "2500"})
        assert response.status_code == 302
        assert _meldungen(response)
        seite = staff.get(response["Location"]).text
        assert "Dieser Schritt ist beim jetzigen Stand des Antrags nicht möglich." in seite
    antrag_a.refresh_from_db()
    assert antrag_a.status == S.EINGEREICHT
    assert antrag_a.bewilligt_betrag is None
    assert antrag_a.verlauf.count() == 1


def test_a_refusal_of_the_model_is_shown_as_its_message(staff, antrag_a, foerderreferat):
    _bis(antrag_a, S.BEWILLIGT, foerderreferat)
    response = staff.post(_rueckfrage(antrag_a), {"frage": "Wer moderiert?"})
    assert _meldungen(response) == [
        "Ein Antrag im Stand „Bewilligt“ kann nicht in den Stand „Rückfrage“ wechseln."
    ]
    assert not antrag_a.rueckfragen.exists()
    antrag_a.refresh_from_db()
    assert antrag_a.status == S.BEWILLIGT


def test_the_query_form_asks_and_reopens_the_application(staff, antrag_a, foerderreferat):
    frage = "Wer moderiert die Abende? <script>alert(1)</script>"
    response = staff.post(_rueckfrage(antrag_a), {"frage": frage})
    assert response.status_code == 302
    assert _meldungen(response) == [f"Der Antrag {antrag_a.aktenzeichen} ist jetzt „Rückfrage“."]
    antrag_a.refresh_from_db()
    assert antrag_a.status == S.RUECKFRAGE
    rueckfrage = antrag_a.rueckfragen.get()
    assert (rueckfrage.frage, rueckfrage.gestellt_von) == (frage, foerderreferat)
    eintrag = antrag_a.verlauf.last()
    assert (eintrag.von, eintrag.nach, eintrag.user) == (
        S.EINGEREICHT,
        S.RUECKFRAGE,
        foerderreferat,
    )
    seite = staff.get(_change(antrag_a)).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in seite
    assert "<script>alert(1)" not in seite
    # In state "Rückfrage" the staff wait for the applicant (or withdraw on request).
    assert _angeboten(seite) == [S.ZURUECKGEZOGEN]
    assert "Ihre Rückfrage" not in seite


@pytest.mark.parametrize(
    ("frage", "fehler"),
    [("", "Bitte schreiben Sie Ihre Rückfrage."), ("x" * 5001, "höchstens 5.000 Zeichen")],
)
def test_an_empty_or_too_long_query_is_refused(staff, antrag_a, frage, fehler):
    response = staff.post(_rueckfrage(antrag_a), {"frage": frage})
    assert response.status_code == 302
    assert fehler in staff.get(response["Location"]).text
    antrag_a.refresh_from_db()
    assert antrag_a.status == S.EINGEREICHT
    assert not antrag_a.rueckfragen.exists()


# --- Deadline extensions -----------------------------------------------------------------------


def _verlaengerung(ausschreibung, organisation, bis: datetime.datetime, **changes) -> dict:
    lokal = timezone.localtime(bis)
    return {
        "ausschreibung": ausschreibung.pk,
        "organisation": organisation.pk,
        "bis_0": lokal.strftime("%d.%m.%Y"),
        "bis_1": lokal.strftime("%H:%M"),
        "begruendung": "Der Gemeinderat tagt erst nach der Frist.",
        **changes,
    }


def test_an_extension_records_who_granted_it(staff, foerderreferat, make_ausschreibung, kommune_a):
    ausschreibung = make_ausschreibung(offen=False)
    bis = timezone.now() + datetime.timedelta(days=7)
    response = staff.post(
        "/admin/foerderung/fristverlaengerung/add/",
        _verlaengerung(ausschreibung, kommune_a[0], bis, gewaehrt_von=999),
    )
    assert response.status_code == 302
    verlaengerung = Fristverlaengerung.objects.get()
    assert verlaengerung.gewaehrt_von == foerderreferat
    assert verlaengerung.organisation == kommune_a[0]
    assert verlaengerung.gewaehrt_am > timezone.now() - datetime.timedelta(minutes=1)
    liste = _text(staff.get("/admin/foerderung/fristverlaengerung/").text)
    assert "foerderung@staedtetag.example" in liste


def test_an_extension_must_end_after_the_calls_deadline(staff, make_ausschreibung, kommune_a):
    ausschreibung = make_ausschreibung(offen=False)
    response = staff.post(
        "/admin/foerderung/fristverlaengerung/add/",
        _verlaengerung(ausschreibung, kommune_a[0], ausschreibung.offen_bis),
    )
    assert response.status_code == 200
    assert "Die verlängerte Frist muss nach der Antragsfrist" in response.text
    assert not Fristverlaengerung.objects.exists()


def test_an_extension_granted_on_the_calls_page_records_who(
    staff, foerderreferat, make_ausschreibung, kommune_a
):
    ausschreibung = make_ausschreibung(offen=False)
    url = f"/admin/foerderung/ausschreibung/{ausschreibung.pk}/change/"
    seite = staff.get(url)
    assert seite.status_code == 200
    assert "fristverlaengerungen-TOTAL_FORMS" in seite.text
    form = seite.context["adminform"].form
    daten = {
        name: wert
        for name, wert in form.initial.items()
        if name not in {"offen_ab", "offen_bis", "veroeffentlichen_ab", "dokumente"}
    }
    for name in ["offen_ab", "offen_bis", "veroeffentlichen_ab"]:
        lokal = timezone.localtime(getattr(ausschreibung, name))
        daten |= {f"{name}_0": lokal.strftime("%d.%m.%Y"), f"{name}_1": lokal.strftime("%H:%M")}
    daten |= {
        "programm": ausschreibung.programm_id,
        "durchfuehrung_von": ausschreibung.durchfuehrung_von.strftime("%d.%m.%Y"),
        "durchfuehrung_bis": ausschreibung.durchfuehrung_bis.strftime("%d.%m.%Y"),
        "gesamtbudget": "",
        "foerderrunde": "",
        "fragen-TOTAL_FORMS": "0",
        "fragen-INITIAL_FORMS": "0",
        "unterlagen-TOTAL_FORMS": "0",
        "unterlagen-INITIAL_FORMS": "0",
        "kriterien-TOTAL_FORMS": "0",
        "kriterien-INITIAL_FORMS": "0",
        "fristverlaengerungen-TOTAL_FORMS": "1",
        "fristverlaengerungen-INITIAL_FORMS": "0",
        "fristverlaengerungen-0-organisation": kommune_a[0].pk,
        "fristverlaengerungen-0-bis_0": (
            timezone.localdate() + datetime.timedelta(days=3)
        ).strftime("%d.%m.%Y"),
        "fristverlaengerungen-0-bis_1": "23:59",
        "fristverlaengerungen-0-begruendung": "Hochwasser im Rathaus.",
    }
    response = staff.post(url, daten)
    assert response.status_code == 302, response.context["errors"]
    verlaengerung = ausschreibung.fristverlaengerungen.get()
    assert verlaengerung.gewaehrt_von == foerderreferat
    assert verlaengerung.begruendung == "Hochwasser im Rathaus."


def test_resubmission_after_a_query_shows_what_changed(client_for, antrag_a, foerderreferat):
    rueckfrage = antrag_a.rueckfrage_stellen(foerderreferat, "Wo genau?")
    mitglied = antrag_a.organisation.mitgliedschaften.get().user
    rueckfrage.beantworten(mitglied, "Im Rathaus.")
    antrag_a.ort = "Großer Saal im Rathaus"
    antrag_a.save()
    antrag_a.einreichen(by=mitglied)
    seite = client_for("foerderreferat").get(_change(antrag_a))
    assert "<del>Bürgersaal im Rathaus</del>" in seite.text
    assert "<ins>Großer Saal im Rathaus</ins>" in seite.text
    assert "Fassung 1" in seite.text and "Fassung 2" in seite.text

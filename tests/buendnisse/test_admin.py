"""Staff manage the alliances in the admin: filter the list and export what they filtered, link
alliances to meetings and news from either side, and read and undo changes to the profiles."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buendnisse.models import Aenderung, Buendnis, Partner, Teilnahme
from tests.conftest import _with_totp

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/buendnisse/buendnis/"
CSV_URL = "/admin/buendnisse/buendnis/csv/"
AENDERUNGEN = "/admin/buendnisse/aenderung/"
HEADER = [
    "Name",
    "Träger",
    "Kreis",
    "Regierungsbezirk",
    "Gemeinden",
    "Förderrunde",
    "Jahr",
    "Betrag",
    "Förderzeitraum von",
    "Förderzeitraum bis",
    "Status",
    "Themen",
    "Partner",
    "Website",
    "Adresse im Portal",
]


def _rows(response) -> str:
    """The text of the change list's result table."""
    html = response.content.decode()
    if 'id="result_list"' not in html:
        return ""  # no rows, no table
    table = html.split('id="result_list"', 1)[1].split("</table>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table))


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _messages(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def drei_buendnisse(make_buendnis, make_foerderrunde, make_themenfeld):
    """One alliance each in the Regierungsbezirke Stuttgart, Tübingen and Freiburg."""
    return {
        "ludwigsburg": make_buendnis(
            "Willkommen in Ludwigsburg",
            foerderrunde=make_foerderrunde(runde=2, tranche=1, jahr=2016),
            themen=[make_themenfeld("Sprache"), make_themenfeld("Arbeit")],
            partner=[("Stadt Ludwigsburg", "kommune"), ("Freundeskreis Asyl", "initiative")],
            gemeinden="Ludwigsburg, Kornwestheim",
            website="https://willkommen-lb.example",
        ),
        "tuebingen": make_buendnis(
            "Netzwerk Tübingen",
            kreis="landkreis-tuebingen",
            foerderrunde=make_foerderrunde(runde=3, jahr=2018),
            status=Buendnis.Status.ABGESCHLOSSEN,
            betrag=Decimal("7500.50"),
        ),
        "freiburg": make_buendnis(
            "Bündnis Freiburg",
            kreis="stadtkreis-freiburg-im-breisgau",
            foerderrunde=make_foerderrunde(runde=3, jahr=2018),
            oeffentlich=False,
        ),
    }


# --- The list ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", {"ludwigsburg", "tuebingen", "freiburg"}),
        ("?kreis__regierungsbezirk__exact=Stuttgart", {"ludwigsburg"}),
        ("?kreis__id__exact={tuebingen_kreis}", {"tuebingen"}),
        ("?foerderrunde__id__exact={runde_3}", {"tuebingen", "freiburg"}),
        ("?status__exact=abgeschlossen", {"tuebingen"}),
        ("?oeffentlich__exact=0", {"freiburg"}),
        ("?q=Kornwestheim", {"ludwigsburg"}),
    ],
)
def test_changelist_filters_show_the_right_alliances(client_for, drei_buendnisse, query, expected):
    query = query.format(
        tuebingen_kreis=drei_buendnisse["tuebingen"].kreis_id,
        runde_3=drei_buendnisse["tuebingen"].foerderrunde_id,
    )
    response = client_for("programme_staff").get(CHANGELIST + query)
    assert response.status_code == 200
    rows = _rows(response)
    for key, buendnis in drei_buendnisse.items():
        assert (buendnis.name in rows) == (key in expected), key


def test_changelist_shows_amounts_the_german_way(client_for, drei_buendnisse):
    rows = _rows(client_for("programme_staff").get(CHANGELIST))
    assert "15.000 €" in rows
    assert "7.500,50 €" in rows
    assert "Landkreis Tübingen" in rows


def test_changelist_offers_the_csv_export_of_exactly_what_is_filtered(client_for, drei_buendnisse):
    response = client_for("programme_staff").get(f"{CHANGELIST}?status__exact=laufend&q=Freiburg")
    assert (
        f'<a href="{CSV_URL}?q=Freiburg&amp;status__exact=laufend">Gefilterte Liste als CSV</a>'
        in response.content.decode()
    )


@pytest.mark.parametrize(
    "url", [CHANGELIST, CSV_URL, "/admin/buendnisse/foerderrunde/", "/admin/buendnisse/themenfeld/"]
)
def test_lists_need_the_same_queries_for_one_and_five_alliances(
    client_for, make_buendnis, make_themenfeld, url
):
    staff = client_for("programme_staff")
    themen = [make_themenfeld("Sprache"), make_themenfeld("Wohnen")]

    def add():
        make_buendnis(themen=themen, partner=[("Stadt", "kommune"), ("Verein", "verein")])

    add()
    one = _queries(staff, url)
    for _ in range(4):
        add()
    assert _queries(staff, url) == one


def test_change_log_list_needs_the_same_queries_for_one_and_five_entries(
    client_for, buendnis_a, alliance_coordinator
):
    staff = client_for("programme_staff")

    def add(number):
        _aendern(buendnis_a, alliance_coordinator, beschreibung=f"Fassung {number}")

    add(0)
    one = _queries(staff, AENDERUNGEN)
    for number in range(1, 5):
        add(number)
    assert _queries(staff, AENDERUNGEN) == one


def test_round_list_counts_the_alliances_of_each_round(client_for, drei_buendnisse):
    response = client_for("programme_staff").get("/admin/buendnisse/foerderrunde/")
    runde_3 = drei_buendnisse["tuebingen"].foerderrunde_id
    html = response.content.decode()
    assert f'<a href="{CHANGELIST}?foerderrunde__id__exact={runde_3}">2</a>' in html
    assert "Gemeinsam in Vielfalt II, 1. Tranche" in html
    assert "22.500,50 €" in html  # 15.000 € + 7.500,50 € in round III


def test_citizen_cannot_open_the_list(client_for, drei_buendnisse):
    response = client_for("citizen").get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# --- CSV export -------------------------------------------------------------------------------


def test_csv_export_has_german_columns_numbers_and_dates(client_for, drei_buendnisse):
    response = client_for("programme_staff").get(f"{CSV_URL}?q=Ludwigsburg")
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="buendnisse-{today:%Y-%m-%d}.csv"'
    )
    ludwigsburg = drei_buendnisse["ludwigsburg"]
    assert _csv(response) == [
        HEADER,
        [
            "Willkommen in Ludwigsburg",
            ludwigsburg.traeger.name,
            "Landkreis Ludwigsburg",
            "Stuttgart",
            "Ludwigsburg, Kornwestheim",
            "Gemeinsam in Vielfalt II, 1. Tranche",
            "2016",
            "15000,00",
            "15.11.2016",
            "15.12.2017",
            "Laufend",
            "Arbeit, Sprache",
            "Stadt Ludwigsburg (Kommune); Freundeskreis Asyl (Initiative / Freundeskreis)",
            "https://willkommen-lb.example",
            f"http://testserver/buendnisse/{ludwigsburg.slug}/",
        ],
    ]


def test_csv_export_keeps_the_filters_and_the_search(client_for, drei_buendnisse):
    staff = client_for("programme_staff")
    namen = lambda url: [row[0] for row in _csv(staff.get(url))[1:]]  # noqa: E731
    assert namen(CSV_URL) == ["Bündnis Freiburg", "Netzwerk Tübingen", "Willkommen in Ludwigsburg"]
    assert namen(f"{CSV_URL}?kreis__regierungsbezirk__exact=Stuttgart") == [
        "Willkommen in Ludwigsburg"
    ]
    assert namen(f"{CSV_URL}?foerderrunde__id__exact=0") == []
    assert namen(f"{CSV_URL}?q=Netzwerk&status__exact=abgeschlossen") == ["Netzwerk Tübingen"]
    assert namen(f"{CSV_URL}?q=Netzwerk&status__exact=laufend") == []


def test_csv_export_leaves_out_the_address_of_alliances_not_on_the_portal(
    client_for, drei_buendnisse
):
    rows = _csv(client_for("programme_staff").get(f"{CSV_URL}?oeffentlich__exact=0"))
    assert rows[1][0] == "Bündnis Freiburg"
    assert rows[1][-1] == ""
    assert rows[1][7] == "15000,00"


def test_csv_export_neutralises_formulas(client_for, make_buendnis):
    make_buendnis(
        '=HYPERLINK("http://evil.example";"Klick")',
        gemeinden="+49 Anrufen",
        partner=[("@SUMME(A1)", "sonstige")],
        website="",
    )
    row = _csv(client_for("programme_staff").get(CSV_URL))[1]
    assert row[0] == '\'=HYPERLINK("http://evil.example";"Klick")'
    assert row[4] == "'+49 Anrufen"
    assert row[12] == "'@SUMME(A1) (Sonstige)"


def test_csv_export_with_bad_filter_goes_back_to_the_list(client_for, drei_buendnisse):
    response = client_for("programme_staff").get(f"{CSV_URL}?betrag__gt=viel")
    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST}?e=1"


def test_csv_export_is_for_staff_with_view_permission_only(client_for, drei_buendnisse):
    assert client_for("anonymous").get(CSV_URL)["Location"].startswith("/admin/login/")
    assert client_for("citizen").get(CSV_URL)["Location"].startswith("/admin/login/")
    ohne_recht = _with_totp(User.objects.create_user("praktikum", is_staff=True))
    client = client_for("anonymous")
    client.force_login(ohne_recht)
    assert client.get(CSV_URL).status_code == 403
    assert client_for("superuser").get(CSV_URL).status_code == 200


def test_csv_export_refuses_post(client_for):
    assert client_for("programme_staff").post(CSV_URL).status_code == 405


# --- Editing an alliance ----------------------------------------------------------------------


def _buendnis_form(buendnis: Buendnis, **changes) -> dict:
    data = {
        "name": buendnis.name,
        "slug": buendnis.slug,
        "traeger": buendnis.traeger_id,
        "kreis": buendnis.kreis_id,
        "gemeinden": buendnis.gemeinden,
        "status": buendnis.status,
        "oeffentlich": "on",
        "foerderrunde": buendnis.foerderrunde_id,
        "betrag": "15000",
        "beginn": "15.11.2016",
        "ende": "15.12.2017",
        "beschreibung": buendnis.beschreibung,
        "themen": [thema.pk for thema in buendnis.themen.all()],
        "website": buendnis.website,
        "bild_alt": "",
        "bild_nachweis": "",
    }
    for prefix in ["partner", "teilnahmen", "aenderungen"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def test_change_page_shows_partners_meetings_and_the_change_log(
    client_for, buendnis_a, alliance_coordinator, make_veranstaltung, make_themenfeld
):
    make_themenfeld("Wohnen")
    Partner.objects.create(
        buendnis=buendnis_a, name="Caritas Ludwigsburg", rolle="wohlfahrtsverband"
    )
    Teilnahme.objects.create(
        buendnis=buendnis_a, veranstaltung=make_veranstaltung(titel="Gesamttreffen 2017")
    )
    aenderung = _aendern(buendnis_a, alliance_coordinator, beschreibung="Neu")
    html = client_for("programme_staff").get(f"{CHANGELIST}{buendnis_a.pk}/change/").content
    html = html.decode()
    assert "Caritas Ludwigsburg" in html
    assert "Gesamttreffen 2017" in html
    assert "Änderungen am Profil" in html
    assert "Kim Koordination" in html
    assert f'href="{AENDERUNGEN}{aenderung.pk}/change/"' in html
    assert 'type="checkbox" name="themen"' in html


def test_staff_edit_of_the_profile_is_logged_and_can_be_undone(
    client_for, programme_staff, buendnis_a, make_themenfeld
):
    sprache = make_themenfeld("Sprache")
    staff = client_for("programme_staff")
    response = staff.post(
        f"{CHANGELIST}{buendnis_a.pk}/change/",
        _buendnis_form(buendnis_a, beschreibung="Von der Redaktion gekürzt.", themen=[sprache.pk]),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    buendnis_a.refresh_from_db()
    assert buendnis_a.beschreibung == "Von der Redaktion gekürzt."
    aenderung = Aenderung.objects.get()
    assert aenderung.user == programme_staff
    assert set(aenderung.felder) == {"beschreibung", "themen"}

    staff.post(f"{AENDERUNGEN}{aenderung.pk}/rueckgaengig/")
    buendnis_a.refresh_from_db()
    assert buendnis_a.beschreibung.startswith("Kommune, Vereine")
    assert not buendnis_a.themen.exists()


def test_staff_edit_of_programme_data_only_is_not_a_profile_change(client_for, buendnis_a):
    response = client_for("programme_staff").post(
        f"{CHANGELIST}{buendnis_a.pk}/change/",
        _buendnis_form(buendnis_a, status="abgeschlossen"),
    )
    assert response.status_code == 302
    buendnis_a.refresh_from_db()
    assert buendnis_a.status == "abgeschlossen"
    assert not Aenderung.objects.exists()


def test_staff_delete_an_alliance_together_with_its_change_log(
    client_for, buendnis_a, alliance_coordinator
):
    _aendern(buendnis_a, alliance_coordinator, beschreibung="Neu")
    response = client_for("programme_staff").post(
        f"{CHANGELIST}{buendnis_a.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Buendnis.objects.filter(pk=buendnis_a.pk).exists()
    assert not Aenderung.objects.exists()


def test_alliances_are_found_by_the_autocomplete_of_other_forms(client_for, drei_buendnisse):
    response = client_for("programme_staff").get(
        "/admin/autocomplete/",
        {
            "app_label": "buendnisse",
            "model_name": "teilnahme",
            "field_name": "buendnis",
            "term": "Netzwerk",
        },
    )
    assert [result["text"] for result in response.json()["results"]] == ["Netzwerk Tübingen"]


# --- Meetings and news ------------------------------------------------------------------------


def test_meeting_page_lists_the_alliances_that_took_part(
    client_for, buendnis_a, make_veranstaltung
):
    veranstaltung = make_veranstaltung()
    Teilnahme.objects.create(buendnis=buendnis_a, veranstaltung=veranstaltung)
    html = client_for("programme_staff").get(
        f"/admin/portal/veranstaltung/{veranstaltung.pk}/change/"
    )
    html = html.content.decode()
    assert "Teilnehmende Bündnisse" in html
    assert buendnis_a.name in html
    assert 'name="thementische-TOTAL_FORMS"' in html  # portal's own inline is still there


def test_staff_add_an_alliance_to_a_meeting_from_the_meeting_page(
    client_for, buendnis_a, make_veranstaltung
):
    veranstaltung = make_veranstaltung(veranstalter="Städtetag")
    beginn = timezone.localtime(veranstaltung.beginn)
    data = {
        "titel": veranstaltung.titel,
        "slug": veranstaltung.slug,
        "art": veranstaltung.art,
        "veranstalter": "Städtetag",
        "beginn_0": f"{beginn:%d.%m.%Y}",
        "beginn_1": f"{beginn:%H:%M:%S}",
        "ort": veranstaltung.ort,
        "text": "Programm folgt.",
        "status": veranstaltung.status,
        "veroeffentlichen_ab_0": "01.01.2016",
        "veroeffentlichen_ab_1": "08:00:00",
        "thementische-TOTAL_FORMS": "0",
        "thementische-INITIAL_FORMS": "0",
        "teilnahmen-TOTAL_FORMS": "1",
        "teilnahmen-INITIAL_FORMS": "0",
        "teilnahmen-0-buendnis": buendnis_a.pk,
    }
    response = client_for("programme_staff").post(
        f"/admin/portal/veranstaltung/{veranstaltung.pk}/change/", data
    )
    assert response.status_code == 302, response.context["errors"]
    assert list(buendnis_a.treffen.all()) == [veranstaltung]


def test_news_page_lists_the_alliances_it_is_about(client_for, buendnis_a, make_meldung):
    meldung = make_meldung()
    buendnis_a.meldungen.add(meldung)
    html = client_for("programme_staff").get(f"/admin/portal/meldung/{meldung.pk}/change/")
    html = html.content.decode()
    assert "Bündnisse, um die es geht" in html
    assert buendnis_a.name in html


# --- The change log ---------------------------------------------------------------------------


def _aendern(buendnis: Buendnis, user, beschreibung: str, themen=None) -> Aenderung:
    """A member saves the profile, the way the profile form does."""
    buendnis = Buendnis.objects.get(pk=buendnis.pk)

    def speichern():
        buendnis.beschreibung = beschreibung
        buendnis.save()
        if themen is not None:
            buendnis.themen.set(themen)

    return buendnis.profil_aendern(speichern, by=user)


@pytest.fixture
def aenderung(buendnis_a, alliance_coordinator, make_themenfeld) -> Aenderung:
    """The coordinator rewrote the description and swapped "Sprache" for "Arbeit"."""
    buendnis_a.themen.set([make_themenfeld("Sprache")])
    return _aendern(
        buendnis_a,
        alliance_coordinator,
        beschreibung="Wir sind jetzt <script>alert(1)</script> ganz anders.",
        themen=[make_themenfeld("Arbeit")],
    )


def test_member_change_appears_with_who_and_what(client_for, aenderung):
    staff = client_for("programme_staff")
    rows = _rows(staff.get(f"{AENDERUNGEN}?rueckgaengig=nein"))
    assert "Bündnis Willkommen in Ludwigsburg" in rows
    assert "Kim Koordination" in rows
    assert "Kurzbeschreibung, Themen" in rows
    assert "Bündnis Willkommen" not in _rows(staff.get(f"{AENDERUNGEN}?rueckgaengig=ja"))
    assert "Kim Koordination" in _rows(staff.get(f"{AENDERUNGEN}?q=Koordination"))
    assert "Kim Koordination" not in _rows(staff.get(f"{AENDERUNGEN}?q=Esslingen"))

    html = staff.get(f"{AENDERUNGEN}{aenderung.pk}/change/").content.decode()
    assert (
        '<tr><th scope="row">Kurzbeschreibung</th>'
        "<td>Kommune, Vereine und Geflüchtete gestalten das Zusammenleben.</td>"
        "<td>Wir sind jetzt &lt;script&gt;alert(1)&lt;/script&gt; ganz anders.</td></tr>"
    ) in html
    assert '<tr><th scope="row">Themen</th><td>Sprache</td><td>Arbeit</td></tr>' in html
    assert "<script>alert(1)" not in html
    assert "Diese Änderung rückgängig machen" in html


def test_undo_with_the_button_restores_the_profile_and_is_logged(
    client_for, programme_staff, aenderung, buendnis_a
):
    response = client_for("programme_staff").post(
        f"{AENDERUNGEN}{aenderung.pk}/rueckgaengig/", follow=True
    )
    assert response.redirect_chain == [(f"{AENDERUNGEN}{aenderung.pk}/change/", 302)]
    assert "am Bündnis „Bündnis Willkommen in Ludwigsburg“ ist rückgängig gemacht" in _messages(
        response
    )
    buendnis_a.refresh_from_db()
    assert (
        buendnis_a.beschreibung == "Kommune, Vereine und Geflüchtete gestalten das Zusammenleben."
    )
    assert [thema.name for thema in buendnis_a.themen.all()] == ["Sprache"]

    aenderung.refresh_from_db()
    assert aenderung.rueckgaengig_gemacht_von == programme_staff
    assert aenderung.rueckgaengig_gemacht_am is not None
    neu = Aenderung.objects.exclude(pk=aenderung.pk).get()
    assert neu.user == programme_staff
    assert set(neu.felder) == {"beschreibung", "themen"}
    assert neu.felder["themen"]["nachher"]["text"] == "Sprache"
    assert "Diese Änderung rückgängig machen" not in response.content.decode()


def test_undo_is_refused_while_a_later_change_to_the_same_field_is_in_force(
    client_for, aenderung, buendnis_a, alliance_coordinator
):
    spaeter = _aendern(buendnis_a, alliance_coordinator, beschreibung="Noch einmal neu.")
    staff = client_for("programme_staff")
    page = staff.get(f"{AENDERUNGEN}{aenderung.pk}/change/").content.decode()
    assert "Diese Änderung rückgängig machen" not in page
    assert f'href="{AENDERUNGEN}{spaeter.pk}/change/"' in page

    response = staff.post(f"{AENDERUNGEN}{aenderung.pk}/rueckgaengig/", follow=True)
    assert response.status_code == 200
    assert "wurde nicht rückgängig gemacht. Die Felder wurden danach noch einmal geändert" in (
        _messages(response)
    )
    assert "von Kim Koordination" in _messages(response)
    buendnis_a.refresh_from_db()
    assert buendnis_a.beschreibung == "Noch einmal neu."
    assert [thema.name for thema in buendnis_a.themen.all()] == ["Arbeit"]
    aenderung.refresh_from_db()
    assert aenderung.rueckgaengig_gemacht_am is None
    assert Aenderung.objects.count() == 2


def test_undoing_twice_is_refused_with_a_message(client_for, aenderung):
    staff = client_for("programme_staff")
    staff.post(f"{AENDERUNGEN}{aenderung.pk}/rueckgaengig/")
    response = staff.post(f"{AENDERUNGEN}{aenderung.pk}/rueckgaengig/", follow=True)
    assert "Diese Änderung wurde bereits rückgängig gemacht." in _messages(response)
    assert Aenderung.objects.count() == 2


def test_undo_with_the_action(client_for, aenderung, buendnis_a, make_buendnis, superuser):
    andere = _aendern(make_buendnis("Netzwerk Asyl"), superuser, beschreibung="Anders.")
    response = client_for("programme_staff").post(
        AENDERUNGEN,
        {"action": "rueckgaengig_machen", ACTION_CHECKBOX_NAME: [aenderung.pk, andere.pk]},
        follow=True,
    )
    assert (
        "2 Änderungen rückgängig gemacht (Bündnisse: „Bündnis Willkommen in Ludwigsburg“, "
        "„Netzwerk Asyl“)."
    ) in _messages(response)
    assert Aenderung.objects.filter(rueckgaengig_gemacht_am__isnull=False).count() == 2
    buendnis_a.refresh_from_db()
    assert buendnis_a.beschreibung.startswith("Kommune")


def test_undo_url_refuses_get(client_for, aenderung):
    response = client_for("programme_staff").get(f"{AENDERUNGEN}{aenderung.pk}/rueckgaengig/")
    assert response.status_code == 405
    aenderung.refresh_from_db()
    assert aenderung.rueckgaengig_gemacht_am is None


@pytest.mark.parametrize("persona", ["anonymous", "citizen", "alliance_coordinator"])
def test_non_staff_cannot_reach_the_undo_url(client_for, aenderung, buendnis_a, persona):
    response = client_for(persona).post(f"{AENDERUNGEN}{aenderung.pk}/rueckgaengig/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    aenderung.refresh_from_db()
    assert aenderung.rueckgaengig_gemacht_am is None
    buendnis_a.refresh_from_db()
    assert "ganz anders" in buendnis_a.beschreibung


def test_staff_who_may_only_look_cannot_undo(client_for, aenderung):
    """Someone with view rights on the log but not the right to change alliances."""
    leser = _with_totp(User.objects.create_user("leser", is_staff=True))
    leser.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="buendnisse", codename__in=["view_aenderung", "view_buendnis"]
        )
    )
    client = client_for("anonymous")
    client.force_login(leser)
    page = client.get(f"{AENDERUNGEN}{aenderung.pk}/change/").content.decode()
    assert "Diese Änderung rückgängig machen" not in page
    assert client.post(f"{AENDERUNGEN}{aenderung.pk}/rueckgaengig/").status_code == 403
    response = client.post(
        AENDERUNGEN, {"action": "rueckgaengig_machen", ACTION_CHECKBOX_NAME: [aenderung.pk]}
    )
    assert response.status_code == 200
    assert 'value="rueckgaengig_machen"' not in response.content.decode()
    aenderung.refresh_from_db()
    assert aenderung.rueckgaengig_gemacht_am is None


def test_the_log_cannot_be_added_changed_or_deleted_by_staff(client_for, aenderung):
    staff = client_for("programme_staff")
    assert staff.get(f"{AENDERUNGEN}add/").status_code == 403
    assert staff.get(f"{AENDERUNGEN}{aenderung.pk}/delete/").status_code == 403
    assert staff.post(f"{AENDERUNGEN}{aenderung.pk}/delete/", {"post": "yes"}).status_code == 403
    response = staff.post(f"{AENDERUNGEN}{aenderung.pk}/change/", {"user_name": "Niemand"})
    assert response.status_code == 403
    aenderung.refresh_from_db()
    assert aenderung.user_name == "Kim Koordination"
    assert 'value="delete_selected"' not in staff.get(AENDERUNGEN).content.decode()


def test_superusers_may_delete_an_entry(client_for, aenderung):
    response = client_for("superuser").post(f"{AENDERUNGEN}{aenderung.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Aenderung.objects.exists()


def test_the_log_is_read_only_even_for_superusers(client_for, aenderung):
    superuser = client_for("superuser")
    assert superuser.get(f"{AENDERUNGEN}add/").status_code == 403
    response = superuser.post(f"{AENDERUNGEN}{aenderung.pk}/change/", {"user_name": "Niemand"})
    assert response.status_code == 403


def test_date_hierarchy_of_the_log(client_for, aenderung):
    heute = timezone.localdate()
    staff = client_for("programme_staff")
    url = f"{AENDERUNGEN}?zeitpunkt__year={heute.year}&zeitpunkt__month={heute.month}"
    assert "Kim Koordination" in _rows(staff.get(url))
    vorjahr = heute - datetime.timedelta(days=400)
    assert "Kim Koordination" not in _rows(
        staff.get(f"{AENDERUNGEN}?zeitpunkt__year={vorjahr.year}")
    )


def test_kreis_is_chosen_with_the_autocomplete(client_for, buendnis_a):
    page = client_for("programme_staff").get(f"{CHANGELIST}{buendnis_a.pk}/change/")
    assert 'data-field-name="kreis"' in page.content.decode()


def test_redaktion_manages_alliances_and_keeps_its_other_rights(programme_staff):
    perms = programme_staff.get_all_permissions()
    for model in ["themenfeld", "foerderrunde", "buendnis", "partner", "teilnahme"]:
        for action in ["add", "change", "delete", "view"]:
            assert f"buendnisse.{action}_{model}" in perms
    assert "portal.change_meldung" in perms
    assert "kontakte.delete_person" in perms


def test_xlsx_export_has_numbers_and_dates_as_such(client_for, drei_buendnisse):
    from openpyxl import load_workbook

    response = client_for("programme_staff").get("/admin/buendnisse/buendnis/xlsx/?q=Ludwigsburg")
    assert response["Content-Disposition"].endswith('.xlsx"')
    zeilen = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert zeilen[0][:3] == ("Name", "Träger", "Kreis")
    assert [zeile[0] for zeile in zeilen[1:]] == ["Willkommen in Ludwigsburg"]
    betrag, beginn = zeilen[1][7], zeilen[1][8]
    assert isinstance(betrag, int | float) and betrag > 0
    assert isinstance(beginn, datetime.datetime)

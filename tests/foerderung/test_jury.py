"""The jury: staff assign jurors (not those of the applicant organisation), jurors see and
score only their own reviews, staff see mean, weighted score and spread."""

from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foerderung.models import Gutachten, Kriterium, UebergangVerweigert
from kontakte.models import Mitgliedschaft
from tests.conftest import PASSWORD, _with_totp

pytestmark = pytest.mark.django_db

KRITERIEN = [
    ("Beteiligung", 2),
    ("Nachhaltigkeit", 1),
    ("Einbindung von Geflüchteten", 2),
    ("Plausibilität der Kosten", 1),
]


def _juror(name: str) -> User:
    user = User.objects.create_user(
        name, f"{name}@jury.example", PASSWORD, is_staff=True, last_name=name.capitalize()
    )
    user.groups.add(Group.objects.get(name="Jury"))
    return _with_totp(user)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def antrag(antrag_a):
    for reihenfolge, (name, gewicht) in enumerate(KRITERIEN):
        Kriterium.objects.create(
            ausschreibung=antrag_a.ausschreibung,
            name=name,
            gewicht=gewicht,
            reihenfolge=reihenfolge,
        )
    return antrag_a


def _punkte(gutachten: Gutachten, werte: list[int], abschliessen=True) -> dict:
    daten = {
        f"kriterium_{k.pk}": str(wert)
        for k, wert in zip(gutachten.antrag.ausschreibung.kriterien.all(), werte, strict=True)
    }
    daten |= {"empfehlung": "bewilligen", "kommentar": "Überzeugend."}
    if abschliessen:
        daten["_abschliessen"] = "1"
    return daten


def test_staff_assign_a_juror_on_the_application_page(client_for, antrag):
    meier = _juror("meier")
    url = reverse("admin:foerderung_antrag_zuweisen", args=[antrag.pk])
    client_for("foerderreferat").post(url, {"gutachter": meier.pk})
    assert Gutachten.objects.get().gutachter == meier


def test_member_of_the_applicant_cannot_be_assigned(client_for, antrag, foerderreferat):
    befangen = _juror("befangen")
    Mitgliedschaft.objects.create(
        user=befangen, organisation=antrag.organisation, status=Mitgliedschaft.Status.BESTAETIGT
    )
    with pytest.raises(UebergangVerweigert, match="Befangenheit"):
        antrag.gutachter_zuweisen(befangen, foerderreferat)
    url = reverse("admin:foerderung_antrag_zuweisen", args=[antrag.pk])
    seite = client_for("foerderreferat").post(url, {"gutachter": befangen.pk}, follow=True)
    assert "Befangenheit" in seite.text
    assert not Gutachten.objects.exists()


def test_bulk_assignment_to_the_selected_applications(
    client_for, antrag, make_antrag, make_kommune, make_ausschreibung
):
    meier = _juror("meier")
    zweiter = make_antrag(
        ausschreibung=antrag.ausschreibung,
        organisation=make_kommune("Stadt Ulm")[0],
        eingereicht=True,
    )
    nicht = make_antrag(
        ausschreibung=make_ausschreibung(),
        organisation=make_kommune("Stadt Aalen")[0],
        eingereicht=True,
    )
    staff = client_for("foerderreferat")
    auswahl = {"action": "gutachter_zuweisen", ACTION_CHECKBOX_NAME: [antrag.pk, zweiter.pk]}
    frage = staff.post("/admin/foerderung/antrag/", auswahl)
    assert "Gutachterin oder Gutachter zuweisen" in frage.text
    assert not Gutachten.objects.exists()
    staff.post("/admin/foerderung/antrag/", {**auswahl, "gutachter": meier.pk})
    assert set(Gutachten.objects.values_list("antrag", flat=True)) == {antrag.pk, zweiter.pk}
    assert not nicht.gutachten.exists()


def test_juror_sees_only_assigned_reviews(antrag, foerderreferat, make_antrag, make_kommune):
    meier, schulz = _juror("meier"), _juror("schulz")
    eigenes = antrag.gutachter_zuweisen(meier, foerderreferat)
    anderer_antrag = make_antrag(
        ausschreibung=antrag.ausschreibung,
        organisation=make_kommune("Stadt Ulm")[0],
        eingereicht=True,
    )
    fremdes = anderer_antrag.gutachter_zuweisen(schulz, foerderreferat)
    client = _client(meier)
    liste = client.get("/admin/foerderung/gutachten/")
    assert liste.status_code == 200
    assert antrag.aktenzeichen in liste.text
    assert anderer_antrag.aktenzeichen not in liste.text
    assert client.get(f"/admin/foerderung/gutachten/{eigenes.pk}/change/").status_code == 200
    for url in [
        f"/admin/foerderung/gutachten/{fremdes.pk}/change/",
        f"/admin/foerderung/antrag/{anderer_antrag.pk}/change/",
        f"/admin/foerderung/antrag/{antrag.pk}/change/",
        "/admin/foerderung/antrag/",
        "/admin/foerderung/antrag/csv/",
    ]:
        response = client.get(url, follow=True)
        assert anderer_antrag.aktenzeichen not in response.text, url
        assert response.status_code in (403, 404) or response.redirect_chain, url


def test_juror_scores_as_a_draft_then_submits(antrag, foerderreferat):
    meier = _juror("meier")
    gutachten = antrag.gutachter_zuweisen(meier, foerderreferat)
    url = f"/admin/foerderung/gutachten/{gutachten.pk}/change/"
    client = _client(meier)
    seite = client.get(url)
    assert "Ludwigsburg im Gespräch" in seite.text  # the application, read-only
    assert "Gutachten abschließen" in seite.text

    daten = _punkte(gutachten, [4, 3, 5, 2], abschliessen=False)
    del daten[f"kriterium_{antrag.ausschreibung.kriterien.last().pk}"]
    client.post(url, {**daten, "_continue": "1"})
    gutachten.refresh_from_db()
    assert gutachten.offen
    assert gutachten.bewertungen.count() == 3

    fehler = client.post(url, {**daten, "_abschliessen": "1"})
    assert "Bitte vergeben Sie Punkte." in fehler.text
    gutachten.refresh_from_db()
    assert gutachten.offen

    client.post(url, _punkte(gutachten, [4, 3, 5, 2]))
    gutachten.refresh_from_db()
    assert not gutachten.offen
    # (4·2 + 3·1 + 5·2 + 2·1) / 6 = 23/6
    assert gutachten.gewichtet == Decimal("3.83")
    assert client.post(url, _punkte(gutachten, [0, 0, 0, 0])).status_code == 403
    assert gutachten.bewertungen.get(kriterium__name="Beteiligung").punkte == 4


def test_staff_see_mean_weighted_score_and_spread(client_for, antrag, foerderreferat):
    for name, werte in [("meier", [4, 3, 5, 2]), ("schulz", [2, 2, 3, 1])]:
        gutachten = antrag.gutachter_zuweisen(_juror(name), foerderreferat)
        kriterien = antrag.ausschreibung.kriterien.all()
        gutachten.bewerten(
            dict(zip([k.pk for k in kriterien], werte, strict=True)), "bewilligen", ""
        )
        gutachten.einreichen()
    jury = antrag.jury()
    # weighted 3.83 and (2·2+2+3·2+1)/6 = 13/6 = 2.17; means 3.50 and 2.00
    assert jury["gewichtet"] == Decimal("3.00")
    assert jury["spanne"] == Decimal("1.66")
    assert jury["durchschnitt"] == Decimal("2.75")
    liste = client_for("foerderreferat").get("/admin/foerderung/antrag/")
    assert "3.00 (Spanne 1.66, 2 Gutachten)" in liste.text
    assert "Meier ✓" in liste.text


def test_reviewer_opens_the_attachments_of_assigned_applications_only(
    antrag, foerderreferat, antrag_b
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from foerderung.models import Anhang

    meier = _juror("meier")
    antrag.gutachter_zuweisen(meier, foerderreferat)
    eigenes, fremdes = (
        Anhang.speichern(a, SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n"), None, "antrag")
        for a in (antrag, antrag_b)
    )
    client = _client(meier)
    assert client.get(eigenes.get_absolute_url()).status_code == 200
    assert client.get(fremdes.get_absolute_url()).status_code == 404


def test_application_list_queries_stay_flat_with_reviews(
    client_for, antrag, foerderreferat, make_antrag, make_kommune
):
    meier, schulz = _juror("meier"), _juror("schulz")
    staff = client_for("foerderreferat")

    def zeile(a):
        for juror in (meier, schulz):
            antrag_gutachten = a.gutachter_zuweisen(juror, foerderreferat)
            antrag_gutachten.bewerten(
                {k.pk: 3 for k in a.ausschreibung.kriterien.all()}, "bewilligen", ""
            )
            antrag_gutachten.einreichen()

    zeile(antrag)
    staff.get("/admin/foerderung/antrag/")
    with CaptureQueriesContext(connection) as eine:
        staff.get("/admin/foerderung/antrag/")
    for nummer in range(4):
        zeile(
            make_antrag(
                ausschreibung=antrag.ausschreibung,
                organisation=make_kommune(f"Gemeinde {nummer}")[0],
                eingereicht=True,
            )
        )
    with CaptureQueriesContext(connection) as fuenf:
        staff.get("/admin/foerderung/antrag/")
    assert len(fuenf) == len(eine)


def test_export_has_the_scores(client_for, antrag, foerderreferat):
    import csv
    import io

    gutachten = antrag.gutachter_zuweisen(_juror("meier"), foerderreferat)
    kriterien = antrag.ausschreibung.kriterien.all()
    gutachten.bewerten({k.pk: 4 for k in kriterien}, "bewilligen", "")
    gutachten.einreichen()
    response = client_for("foerderreferat").get("/admin/foerderung/antrag/csv/")
    kopf, zeile = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    werte = dict(zip(kopf, zeile, strict=True))
    assert werte["Gutachten abgeschlossen"] == "1"
    assert werte["Punkte (gewichtet)"] == "4,00"


def test_jurors_list_queries_stay_flat(antrag, foerderreferat, make_antrag, make_kommune):
    meier = _juror("meier")
    client = _client(meier)

    def zeile(a):
        gutachten = a.gutachter_zuweisen(meier, foerderreferat)
        gutachten.bewerten({k.pk: 3 for k in a.ausschreibung.kriterien.all()}, "bewilligen", "")

    zeile(antrag)
    client.get("/admin/foerderung/gutachten/")
    with CaptureQueriesContext(connection) as eine:
        client.get("/admin/foerderung/gutachten/")
    for nummer in range(4):
        zeile(
            make_antrag(
                ausschreibung=antrag.ausschreibung,
                organisation=make_kommune(f"Gemeinde {nummer}")[0],
                eingereicht=True,
            )
        )
    with CaptureQueriesContext(connection) as fuenf:
        assert client.get("/admin/foerderung/gutachten/").status_code == 200
    assert len(fuenf) == len(eine)

"""The municipality's online application: start, steps, drafts, submission, deadline."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from foerderung.models import (
    Anhang,
    Antrag,
    Einreichung,
    Fristverlaengerung,
    Statuswechsel,
    UebergangVerweigert,
)
from kontakte.models import Organisation

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _schritt(antrag, slug):
    return reverse("foerderung:antrag-schritt", args=[antrag.pk, slug])


def test_municipality_starts_a_draft_from_an_open_call(client, municipality_a, make_ausschreibung):
    ausschreibung = make_ausschreibung()
    client.force_login(municipality_a)
    url = reverse("foerderung:antrag-starten", args=[ausschreibung.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Sie stellen den Antrag für <strong>Stadt Ludwigsburg</strong>" in page.text

    organisation = Organisation.objects.get(name="Stadt Ludwigsburg")
    response = client.post(url, {"organisation": organisation.pk})
    antrag = Antrag.objects.get()
    assert response.url == _schritt(antrag, "antragsteller")
    assert antrag.status == Antrag.Status.ENTWURF
    assert antrag.kontakt_email == municipality_a.email
    # A second click opens the same draft.
    client.post(url, {"organisation": organisation.pk})
    assert Antrag.objects.count() == 1


def test_organisation_of_another_kind_cannot_apply(client, make_kommune, make_ausschreibung):
    verein, user = make_kommune("Freundeskreis Asyl", art=Organisation.Art.VEREIN)
    ausschreibung = make_ausschreibung(berechtigte_arten=["kommune", "landkreis"])
    client.force_login(user)
    url = reverse("foerderung:antrag-starten", args=[ausschreibung.pk])
    page = client.get(url)
    assert page.status_code == 403
    assert "Antragsberechtigt sind: Kommune, Landkreis" in page.text
    assert client.post(url, {"organisation": verein.pk}).status_code == 403
    assert not Antrag.objects.exists()


def test_citizen_without_membership_cannot_apply(client, citizen, make_ausschreibung):
    client.force_login(citizen)
    url = reverse("foerderung:antrag-starten", args=[make_ausschreibung().pk])
    assert client.get(url).status_code == 403
    liste = client.get(reverse("foerderung:antrag-liste"))
    assert "Mitgliedschaft beantragen" in liste.text


def test_steps_save_a_draft_that_can_be_left_and_resumed(client, municipality_a, make_antrag):
    antrag = make_antrag()
    Antrag.objects.filter(pk=antrag.pk).update(titel="", ziele="")
    client.force_login(municipality_a)
    response = client.post(
        _schritt(antrag, "antragsteller"),
        {
            "kontakt_name": "Sabine Kommunal",
            "kontakt_funktion": "Integrationsbeauftragte",
            "kontakt_email": "integration@ludwigsburg.example",
            "kontakt_telefon": "07141 910-0",
            "aktion": "weiter",
        },
    )
    assert response.url == _schritt(antrag, "vorhaben")
    response = client.post(
        _schritt(antrag, "vorhaben"),
        {
            "titel": "Gemeinsam wohnen in Oßweil",
            "ziele": "Nachbarschaft stärken.",
            "format": "werkstatt",
            "themen": ["wohnraum", "sicherheit"],
            "beschreibung": "Zwei Abende.",
            "aktion": "spaeter",
        },
    )
    assert response.url == antrag.get_absolute_url()
    detail = client.get(response.url)
    assert "Ihr Entwurf ist gespeichert" in detail.text
    assert "Gemeinsam wohnen in Oßweil" in detail.text
    antrag.refresh_from_db()
    assert antrag.themen == ["wohnraum", "sicherheit"]
    assert antrag.status == Antrag.Status.ENTWURF
    # Back on step 2, the saved answers are there.
    assert 'value="Gemeinsam wohnen in Oßweil"' in client.get(_schritt(antrag, "vorhaben")).text


def test_step_shows_progress_indicator(client, municipality_a, make_antrag):
    antrag = make_antrag()
    client.force_login(municipality_a)
    page = client.get(_schritt(antrag, "vorhaben"))
    assert "Schritt 2 von 6" in page.text
    assert '<span aria-current="step">Vorhaben</span>' in page.text


def test_missing_required_field_gets_german_message_and_saves_nothing(
    client, municipality_a, make_antrag
):
    antrag = make_antrag()
    client.force_login(municipality_a)
    page = client.post(
        _schritt(antrag, "vorhaben"),
        {"titel": "<script>alert(1)</script>", "ziele": "", "format": "unbekannt"},
    )
    assert page.status_code == 200
    assert "Bitte füllen Sie „Ziele“ aus." in page.text
    assert "Bitte wählen Sie „Themen“." in page.text
    assert "<script>alert(1)</script>" not in page.text
    antrag.refresh_from_db()
    assert antrag.titel == "Ludwigsburg im Gespräch"


def test_dates_outside_the_calls_period_are_refused(client, municipality_a, make_antrag):
    antrag = make_antrag()
    client.force_login(municipality_a)
    zu_spaet = antrag.ausschreibung.durchfuehrung_bis + datetime.timedelta(days=1)
    page = client.post(
        _schritt(antrag, "durchfuehrung"),
        {"beginn": "15.03.2000", "ende": zu_spaet.isoformat(), "ort": "Rathaus"},
    )
    assert "Gefördert wird, was zwischen dem" in page.text
    antrag.refresh_from_db()
    assert antrag.ort == "Bürgersaal im Rathaus"


def _finanzierung(beantragt="3500,00", betrag="4200,00", eigenanteil="700,00"):
    return {
        "kosten-TOTAL_FORMS": "1",
        "kosten-INITIAL_FORMS": "0",
        "kosten-MIN_NUM_FORMS": "0",
        "kosten-MAX_NUM_FORMS": "50",
        "kosten-0-art": "honorare",
        "kosten-0-beschreibung": "Moderation",
        "kosten-0-betrag": betrag,
        "eigenanteil": eigenanteil,
        "drittmittel": "",
        "beantragt": beantragt,
    }


def test_requested_sum_above_the_cap_is_refused(client, municipality_a, make_antrag):
    antrag = make_antrag()
    client.force_login(municipality_a)
    page = client.post(_schritt(antrag, "finanzierung"), _finanzierung())
    assert page.status_code == 200
    assert (
        "Sie beantragen 3.500 €. Diese Ausschreibung fördert höchstens 3.000 € je Antrag."
        in page.text
    )
    antrag.refresh_from_db()
    assert antrag.beantragt == Decimal("2500")
    assert antrag.kostenpositionen.count() == 2


def test_plan_must_cover_the_costs(client, municipality_a, make_antrag):
    antrag = make_antrag()
    client.force_login(municipality_a)
    page = client.post(
        _schritt(antrag, "finanzierung"), _finanzierung(beantragt="2000", betrag="4200")
    )
    assert "Die Finanzierung muss die Kosten genau decken" in page.text
    assert "4.200 €" in page.text


def test_financing_step_saves_cost_lines(client, municipality_a, make_antrag):
    antrag = make_antrag()
    antrag.kostenpositionen.all().delete()
    client.force_login(municipality_a)
    response = client.post(
        _schritt(antrag, "finanzierung"), _finanzierung(beantragt="2.800,50", betrag="3.500,50")
    )
    assert response.status_code == 302
    antrag.refresh_from_db()
    assert antrag.beantragt == Decimal("2800.50")
    assert antrag.gesamtkosten == Decimal("3500.50")


def test_renamed_exe_is_refused(client, municipality_a, make_antrag, make_ausschreibung):
    ausschreibung = make_ausschreibung()
    unterlage = ausschreibung.unterlagen.create(bezeichnung="Kosten- und Finanzierungsplan")
    antrag = make_antrag(ausschreibung=ausschreibung)
    client.force_login(municipality_a)
    exe = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    page = client.post(_schritt(antrag, "unterlagen"), {f"unterlage_{unterlage.pk}": exe})
    assert page.status_code == 200
    assert "Bitte laden Sie eine Datei in einem dieser Formate hoch" in page.text
    assert not Anhang.objects.exists()


def test_attachment_is_stored_outside_public_media_and_served_to_members(
    client, municipality_a, municipality_b, make_antrag, make_ausschreibung
):
    ausschreibung = make_ausschreibung()
    unterlage = ausschreibung.unterlagen.create(bezeichnung="Kosten- und Finanzierungsplan")
    antrag = make_antrag(ausschreibung=ausschreibung)
    client.force_login(municipality_a)
    response = client.post(
        _schritt(antrag, "unterlagen"),
        {f"unterlage_{unterlage.pk}": SimpleUploadedFile("Plan 2017.pdf", PDF), "aktion": "weiter"},
    )
    assert response.url == reverse("foerderung:antrag-einreichen", args=[antrag.pk])
    anhang = Anhang.objects.get()
    assert anhang.dateiart == "PDF"
    assert anhang.datei.name.startswith(f"antraege/{antrag.pk}/")
    assert "Plan" not in anhang.datei.name
    download = client.get(anhang.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    client.force_login(municipality_b)
    assert client.get(anhang.get_absolute_url()).status_code == 404


def test_summary_lists_what_is_missing(client, municipality_a, make_antrag):
    antrag = make_antrag()
    Antrag.objects.filter(pk=antrag.pk).update(ort="")
    client.force_login(municipality_a)
    page = client.get(reverse("foerderung:antrag-einreichen", args=[antrag.pk]))
    assert "Im Schritt „Termine, Ort und Beteiligung“ fehlt: Ort." in page.text
    response = client.post(
        reverse("foerderung:antrag-einreichen", args=[antrag.pk]), {"bestaetigung": "on"}
    )
    assert response.status_code == 200
    antrag.refresh_from_db()
    assert antrag.status == Antrag.Status.ENTWURF
    assert antrag.aktenzeichen is None


def test_submission_assigns_file_number_and_history(
    client, municipality_a, make_antrag, mailoutbox, django_capture_on_commit_callbacks
):
    antrag = make_antrag()
    client.force_login(municipality_a)
    url = reverse("foerderung:antrag-einreichen", args=[antrag.pk])
    page = client.get(url)
    assert "Verbindlich einreichen" in page.text
    assert "Ludwigsburg im Gespräch" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"bestaetigung": "on"})
    antrag.refresh_from_db()
    jahr = timezone.localdate().year
    kuerzel = antrag.ausschreibung.programm.kuerzel
    assert antrag.aktenzeichen == f"{kuerzel}-{jahr}-0001"
    assert antrag.status == Antrag.Status.EINGEREICHT
    assert response.url == reverse("foerderung:antrag-eingereicht", args=[antrag.pk])
    bestaetigung = client.get(response.url)
    assert antrag.aktenzeichen in bestaetigung.text
    assert "Eingangsbestätigung herunterladen" in bestaetigung.text
    eintrag = Statuswechsel.objects.get(antrag=antrag)
    assert (eintrag.von, eintrag.nach, eintrag.user) == ("entwurf", "eingereicht", municipality_a)
    assert any(antrag.aktenzeichen in m.subject + m.body for m in mailoutbox)


def test_double_submit_makes_one_submission(client, municipality_a, make_antrag):
    antrag = make_antrag()
    client.force_login(municipality_a)
    url = reverse("foerderung:antrag-einreichen", args=[antrag.pk])
    first = client.post(url, {"bestaetigung": "on"})
    second = client.post(url, {"bestaetigung": "on"})
    assert first.url == second.url
    assert Einreichung.objects.filter(antrag=antrag).count() == 1
    assert Statuswechsel.objects.filter(antrag=antrag).count() == 1
    assert antrag.einreichen(by=municipality_a) is False


def test_file_numbers_count_per_programme_and_year(make_antrag, make_kommune, make_ausschreibung):
    ausschreibung = make_ausschreibung()
    erster = make_antrag(ausschreibung=ausschreibung, eingereicht=True)
    zweiter = make_antrag(
        ausschreibung=ausschreibung, organisation=make_kommune("Stadt Ulm")[0], eingereicht=True
    )
    assert erster.aktenzeichen.endswith("-0001")
    assert zweiter.aktenzeichen.endswith("-0002")


def test_submission_one_second_after_deadline_is_refused(make_antrag, municipality_a):
    antrag = make_antrag()
    frist = antrag.ausschreibung.offen_bis
    with pytest.raises(UebergangVerweigert, match=r"Die Antragsfrist ist am .* abgelaufen"):
        antrag.einreichen(by=municipality_a, jetzt=frist + datetime.timedelta(seconds=1))
    antrag.refresh_from_db()
    assert antrag.status == Antrag.Status.ENTWURF
    assert antrag.einreichen(by=municipality_a, jetzt=frist - datetime.timedelta(seconds=1))


def test_submission_after_deadline_with_extension_is_accepted(
    make_antrag, municipality_a, foerderreferat
):
    antrag = make_antrag()
    frist = antrag.ausschreibung.offen_bis
    Fristverlaengerung.objects.create(
        ausschreibung=antrag.ausschreibung,
        organisation=antrag.organisation,
        bis=frist + datetime.timedelta(days=3),
        begruendung="Gemeinderatsbeschluss erst am Montag.",
        gewaehrt_von=foerderreferat,
    )
    assert antrag.einreichen(by=municipality_a, jetzt=frist + datetime.timedelta(seconds=1))
    assert antrag.status == Antrag.Status.EINGEREICHT


def test_closed_call_refuses_submission_in_the_browser(
    client, municipality_a, make_antrag, make_ausschreibung
):
    ausschreibung = make_ausschreibung()
    antrag = make_antrag(ausschreibung=ausschreibung)
    ausschreibung.offen_bis = timezone.now() - datetime.timedelta(seconds=1)
    ausschreibung.save()
    client.force_login(municipality_a)
    page = client.post(
        reverse("foerderung:antrag-einreichen", args=[antrag.pk]), {"bestaetigung": "on"}
    )
    assert page.status_code == 200
    assert "Die Antragsfrist ist am" in page.text
    assert "Der Antrag wurde nicht eingereicht" in page.text
    antrag.refresh_from_db()
    assert antrag.status == Antrag.Status.ENTWURF


def test_every_state_change_writes_history(antrag_a, municipality_a, foerderreferat):
    antrag_a.uebergang(Antrag.Status.IN_PRUEFUNG, foerderreferat, "Vorprüfung")
    rueckfrage = antrag_a.rueckfrage_stellen(foerderreferat, "Wer moderiert?")
    rueckfrage.beantworten(municipality_a, "Frau Dr. Maier.")
    antrag_a.einreichen(by=municipality_a)
    antrag_a.uebergang(Antrag.Status.IN_PRUEFUNG, foerderreferat)
    antrag_a.entscheiden(Antrag.Status.BEWILLIGT, foerderreferat, Decimal("2500"), "Passt.")
    antrag_a.uebergang(Antrag.Status.NACHWEIS_FAELLIG, None)
    verlauf = list(antrag_a.verlauf.values_list("von", "nach"))
    assert verlauf == [
        ("entwurf", "eingereicht"),
        ("eingereicht", "in_pruefung"),
        ("in_pruefung", "rueckfrage"),
        ("rueckfrage", "eingereicht"),
        ("eingereicht", "in_pruefung"),
        ("in_pruefung", "bewilligt"),
        ("bewilligt", "nachweis_faellig"),
    ]
    assert antrag_a.einreichungen.count() == 2


def test_applicant_cannot_make_staff_transitions(antrag_a, municipality_a, municipality_b):
    with pytest.raises(UebergangVerweigert):
        antrag_a.uebergang(Antrag.Status.BEWILLIGT, municipality_a)
    with pytest.raises(UebergangVerweigert):
        antrag_a.zurueckziehen(municipality_b)
    antrag_a.refresh_from_db()
    assert antrag_a.status == Antrag.Status.EINGEREICHT
    assert antrag_a.verlauf.count() == 1


def test_history_cannot_be_changed(antrag_a):
    eintrag = antrag_a.verlauf.get()
    eintrag.notiz = "anders"
    with pytest.raises(ValueError):
        eintrag.save()
    with pytest.raises(ValueError):
        eintrag.delete()


def test_withdrawing_frees_the_call_for_a_new_application(
    client, municipality_a, antrag_a, make_antrag
):
    client.force_login(municipality_a)
    url = reverse("foerderung:antrag-zurueckziehen", args=[antrag_a.pk])
    assert "Antrag zurückziehen" in client.get(url).text
    client.post(url, {"grund": "Termin entfällt."})
    antrag_a.refresh_from_db()
    assert antrag_a.status == Antrag.Status.ZURUECKGEZOGEN
    assert antrag_a.verlauf.last().notiz == "Termin entfällt."
    neu = make_antrag(ausschreibung=antrag_a.ausschreibung)
    assert neu.pk != antrag_a.pk


def test_submitted_application_cannot_be_edited(client, municipality_a, antrag_a):
    client.force_login(municipality_a)
    response = client.post(_schritt(antrag_a, "vorhaben"), {"titel": "Anders"})
    assert response.status_code == 302
    antrag_a.refresh_from_db()
    assert antrag_a.titel == "Ludwigsburg im Gespräch"


def test_everyone_of_the_organisation_sees_its_applications(
    client, antrag_a, kommune_a, django_user_model
):
    from kontakte.models import Mitgliedschaft

    kollegin = django_user_model.objects.create_user("kollegin", "kollegin@example.org", "x")
    Mitgliedschaft.objects.create(
        user=kollegin, organisation=kommune_a[0], status=Mitgliedschaft.Status.BESTAETIGT
    )
    client.force_login(kollegin)
    assert antrag_a.aktenzeichen in client.get(reverse("foerderung:antrag-liste")).text
    assert client.get(antrag_a.get_absolute_url()).status_code == 200


def test_pending_membership_sees_nothing(client, antrag_a, kommune_a, django_user_model):
    from kontakte.models import Mitgliedschaft

    neu = django_user_model.objects.create_user("neu", "neu@example.org", "x")
    Mitgliedschaft.objects.create(user=neu, organisation=kommune_a[0])
    client.force_login(neu)
    assert client.get(antrag_a.get_absolute_url()).status_code == 404


def test_query_is_answered_and_application_resubmitted(
    client, municipality_a, antrag_a, foerderreferat
):
    rueckfrage = antrag_a.rueckfrage_stellen(foerderreferat, "Bitte ergänzen Sie den Ort.")
    client.force_login(municipality_a)
    detail = client.get(antrag_a.get_absolute_url())
    assert "Bitte ergänzen Sie den Ort." in detail.text
    url = reverse("foerderung:rueckfrage-beantworten", args=[antrag_a.pk, rueckfrage.pk])
    client.post(
        url,
        {"antwort": "Rathaus, großer Saal.", "datei": SimpleUploadedFile("lageplan.pdf", PDF)},
    )
    rueckfrage.refresh_from_db()
    assert rueckfrage.antwort == "Rathaus, großer Saal."
    assert rueckfrage.anhaenge.get().zweck == Anhang.Zweck.RUECKFRAGE
    # Still open for changes, then resubmitted.
    client.post(
        _schritt(antrag_a, "vorhaben"),
        {
            "titel": "Ludwigsburg im Gespräch 2",
            "ziele": "Z",
            "format": "dialog",
            "themen": ["arbeit"],
            "beschreibung": "B",
        },
    )
    client.post(reverse("foerderung:antrag-einreichen", args=[antrag_a.pk]), {"bestaetigung": "on"})
    antrag_a.refresh_from_db()
    assert antrag_a.status == Antrag.Status.EINGEREICHT
    assert antrag_a.titel == "Ludwigsburg im Gespräch 2"
    assert antrag_a.einreichungen.count() == 2


def test_final_report_with_actual_costs(client, municipality_a, antrag_a, foerderreferat):
    antrag_a.uebergang(Antrag.Status.IN_PRUEFUNG, foerderreferat)
    antrag_a.entscheiden(Antrag.Status.BEWILLIGT, foerderreferat, Decimal("2500"), "Bewilligt.")
    antrag_a.uebergang(Antrag.Status.NACHWEIS_FAELLIG, None)
    client.force_login(municipality_a)
    url = reverse("foerderung:verwendungsnachweis", args=[antrag_a.pk])
    page = client.get(url)
    assert page.status_code == 200
    positionen = list(antrag_a.kostenpositionen.all())
    daten = {
        "durchgefuehrt_am": "14.03.2017",
        "bericht": "Drei Abende mit 90 Menschen.",
        "teilnehmende": "90",
        "davon_gefluechtete": "30",
        "aktion": "einreichen",
        "datei": SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50),
    }
    daten.update({f"ist_{p.pk}": "1.000,00" for p in positionen})
    response = client.post(url, daten)
    assert response.status_code == 302
    antrag_a.refresh_from_db()
    assert antrag_a.status == Antrag.Status.NACHWEIS_EINGEREICHT
    assert antrag_a.verwendungsnachweis.teilnehmende == 90
    assert antrag_a.ist_kosten == Decimal("2000")
    assert antrag_a.anhaenge.filter(zweck=Anhang.Zweck.NACHWEIS).count() == 1


def test_decisions_check_the_amount(antrag_a, foerderreferat):
    antrag_a.uebergang(Antrag.Status.IN_PRUEFUNG, foerderreferat)
    with pytest.raises(UebergangVerweigert, match="Teilweise bewilligt wird ein Betrag"):
        antrag_a.entscheiden(
            Antrag.Status.TEILWEISE_BEWILLIGT, foerderreferat, Decimal("2500"), "Zu viel."
        )
    with pytest.raises(
        UebergangVerweigert, match="Bei voller Bewilligung wird der beantragte Betrag"
    ):
        antrag_a.entscheiden(Antrag.Status.BEWILLIGT, foerderreferat, Decimal("2000"), "")
    antrag_a.refresh_from_db()
    assert antrag_a.bewilligt_betrag is None
    antrag_a.entscheiden(
        Antrag.Status.TEILWEISE_BEWILLIGT, foerderreferat, Decimal("2000"), "Ohne Catering."
    )
    assert antrag_a.bewilligt_betrag == Decimal("2000")
    assert antrag_a.nachweis_faellig_am == antrag_a.ende + datetime.timedelta(weeks=8)


def test_query_of_a_withdrawn_application_cannot_be_answered(
    antrag_a, municipality_a, foerderreferat
):
    rueckfrage = antrag_a.rueckfrage_stellen(foerderreferat, "Wer moderiert?")
    antrag_a.zurueckziehen(municipality_a)
    with pytest.raises(UebergangVerweigert):
        rueckfrage.beantworten(municipality_a, "Zu spät.")


@pytest.mark.parametrize(
    ("eingabe", "betrag"),
    [
        ("4.000", Decimal("4000")),
        ("4.000,50", Decimal("4000.50")),
        ("1.250.000", Decimal("1250000")),
        ("4000,5", Decimal("4000.5")),
        ("4000.50", Decimal("4000.50")),
        ("3 000 €", Decimal("3000")),
    ],
)
def test_amounts_are_read_the_german_way(eingabe, betrag):
    from foerderung.forms import EuroFeld

    assert EuroFeld(max_digits=12).clean(eingabe) == betrag


def test_submitting_goes_only_through_its_checks(make_antrag, municipality_a):
    """Not even the applicant can move a draft to "eingereicht" past the checks."""
    antrag = make_antrag()
    Antrag.objects.filter(pk=antrag.pk).update(ort="")
    with pytest.raises(UebergangVerweigert):
        antrag.uebergang(Antrag.Status.EINGEREICHT, municipality_a)
    assert Antrag.Status.EINGEREICHT not in antrag.moegliche_uebergaenge(municipality_a)
    antrag.refresh_from_db()
    assert antrag.status == Antrag.Status.ENTWURF


@pytest.mark.parametrize(
    ("eingabe", "meldung"),
    [
        ("0", "Bitte geben Sie mindestens eine teilnehmende Person an."),
        ("100001", "Bitte geben Sie höchstens 100.000 Teilnehmende an."),
        ("viele", "Bitte geben Sie eine ganze Zahl an, zum Beispiel 80."),
    ],
)
def test_participants_must_be_a_sensible_number(
    client, municipality_a, make_antrag, eingabe, meldung
):
    antrag = make_antrag()
    client.force_login(municipality_a)
    page = client.post(_schritt(antrag, "durchfuehrung"), {"teilnehmende": eingabe})
    assert meldung in page.text
    antrag.refresh_from_db()
    assert antrag.teilnehmende == 80


def test_draft_resumes_at_its_first_incomplete_step(client, municipality_a, make_antrag):
    antrag = make_antrag()
    Antrag.objects.filter(pk=antrag.pk).update(ort="", teilnehmende=None)
    client.force_login(municipality_a)
    page = client.get(antrag.get_absolute_url())
    assert f'href="{_schritt(antrag, "durchfuehrung")}">Weiter bearbeiten</a>' in page.text


def test_final_report_draft_may_be_incomplete_but_not_its_submission(
    client, municipality_a, antrag_a, foerderreferat
):
    antrag_a.uebergang(Antrag.Status.IN_PRUEFUNG, foerderreferat)
    antrag_a.entscheiden(Antrag.Status.BEWILLIGT, foerderreferat, None, "Bewilligt.")
    antrag_a.uebergang(Antrag.Status.NACHWEIS_FAELLIG, None)
    client.force_login(municipality_a)
    url = reverse("foerderung:verwendungsnachweis", args=[antrag_a.pk])
    assert (
        client.post(url, {"durchgefuehrt_am": "März 2017", "aktion": "speichern"}).status_code
        == 302
    )
    page = client.post(url, {"durchgefuehrt_am": "März 2017", "aktion": "einreichen"})
    assert "Bitte füllen Sie „Was hat stattgefunden?“ aus." in page.text
    antrag_a.refresh_from_db()
    assert antrag_a.status == Antrag.Status.NACHWEIS_FAELLIG
    assert antrag_a.verwendungsnachweis.durchgefuehrt_am == "März 2017"


def test_bad_answers_to_a_query_change_nothing(client, municipality_a, antrag_a, foerderreferat):
    rueckfrage = antrag_a.rueckfrage_stellen(foerderreferat, "Wer moderiert?")
    client.force_login(municipality_a)
    url = reverse("foerderung:rueckfrage-beantworten", args=[antrag_a.pk, rueckfrage.pk])
    leer = client.post(url, {"antwort": ""})
    assert "Bitte füllen Sie „Ihre Antwort“ aus." in leer.text
    lang = client.post(url, {"antwort": "x" * 5001})
    assert lang.status_code == 200
    assert "höchstens 5000 Zeichen" in lang.text
    exe = client.post(
        url, {"antwort": "Anbei", "datei": SimpleUploadedFile("a.pdf", b"MZ\x90" + b"\0" * 99)}
    )
    assert "Bitte laden Sie eine Datei in einem dieser Formate hoch" in exe.text
    rueckfrage.refresh_from_db()
    assert rueckfrage.beantwortet_am is None
    assert not Anhang.objects.exists()


def test_withdrawal_reason_too_long_changes_nothing(client, municipality_a, antrag_a):
    client.force_login(municipality_a)
    url = reverse("foerderung:antrag-zurueckziehen", args=[antrag_a.pk])
    page = client.post(url, {"grund": "x" * 1001})
    assert "höchstens 1000 Zeichen" in page.text
    antrag_a.refresh_from_db()
    assert antrag_a.status == Antrag.Status.EINGEREICHT


def test_starting_for_another_organisation_is_refused(
    client, municipality_a, make_ausschreibung, kommune_b
):
    client.force_login(municipality_a)
    url = reverse("foerderung:antrag-starten", args=[make_ausschreibung().pk])
    page = client.post(url, {"organisation": kommune_b[0].pk})
    assert page.status_code == 200
    assert "Für diese Organisation können Sie hier keinen Antrag stellen." in page.text
    assert not Antrag.objects.exists()

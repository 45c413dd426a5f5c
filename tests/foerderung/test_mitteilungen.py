"""The mail of the funding process: the applicant hears of each change of state, the staff of
each step the applicant takes, and the daily job asks for the final reports and reminds."""

import datetime
import smtplib
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from foerderung.models import Antrag, Erinnerung
from foerderung.tasks import ERINNERUNG_TAGE, nachweis_fristen
from tests.foerderung.fixtures import nachweis_einreichen

pytestmark = pytest.mark.django_db

S = Antrag.Status
REFERAT = "programm@staedtetag.example"
SITE = "https://portal.example"
TAG = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _mail_settings(settings):
    settings.MANAGERS = [("Programmteam", REFERAT)]
    settings.SITE_URL = SITE


class RefusingBackend(EmailBackend):
    """A mail server that refuses the addresses in REFUSED and delivers the rest."""

    REFUSED: set[str] = set()

    def send_messages(self, messages):
        for message in messages:
            refused = set(message.recipients()) & self.REFUSED
            if refused:
                raise smtplib.SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"No such user")))
        return super().send_messages(messages)


def _am(tag: datetime.date) -> datetime.datetime:
    """7 o'clock German time on that day: when the daily job runs."""
    return timezone.make_aware(datetime.datetime.combine(tag, datetime.time(7)))


def _bewilligt(antrag: Antrag, foerderreferat, betrag=Decimal("2500")) -> Antrag:
    antrag.uebergang(S.IN_PRUEFUNG, foerderreferat)
    antrag.entscheiden(S.BEWILLIGT, foerderreferat, betrag, "Ein überzeugendes Vorhaben.")
    antrag.freigeben(foerderreferat)
    return antrag


def _nachweis_faellig(antrag: Antrag, foerderreferat) -> Antrag:
    _bewilligt(antrag, foerderreferat)
    antrag.uebergang(S.NACHWEIS_FAELLIG, foerderreferat)
    return antrag


def _an(adresse: str) -> list:
    return [m for m in mail.outbox if adresse in m.to]


# --- Changes of state -------------------------------------------------------------------------


def test_submission_confirms_receipt_to_everyone_of_the_applicant_and_tells_staff(
    make_antrag, municipality_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        antrag = make_antrag(eingereicht=True)

    assert len(mail.outbox) == 2
    bestaetigung, meldung = mail.outbox
    assert set(bestaetigung.to) == {"integration@ludwigsburg.example", municipality_a.email}
    assert bestaetigung.reply_to == [REFERAT]
    assert antrag.aktenzeichen in bestaetigung.subject
    assert "Eingangsbestätigung" in bestaetigung.subject
    for text in [
        antrag.aktenzeichen,
        "Ludwigsburg im Gespräch",
        "Stadt Ludwigsburg",
        antrag.ausschreibung.titel,
        "(Fassung 1)",
        "Wie es weitergeht",
        SITE + reverse("foerderung:antrag-quittung", args=[antrag.pk]),
        SITE + reverse("foerderung:antrag-detail", args=[antrag.pk]),
    ]:
        assert text in bestaetigung.body
    assert meldung.to == [REFERAT]
    assert antrag.aktenzeichen in meldung.subject
    assert "Entwurf → Eingereicht" in meldung.body
    assert SITE + reverse("admin:foerderung_antrag_change", args=[antrag.pk]) in meldung.body


def test_submission_without_managers_mails_only_the_applicant(
    make_antrag, settings, django_capture_on_commit_callbacks
):
    settings.MANAGERS = []
    with django_capture_on_commit_callbacks(execute=True):
        make_antrag(eingereicht=True)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].reply_to == []
    assert "integration@ludwigsburg.example" in mail.outbox[0].to


def test_query_mails_the_question_and_where_to_answer_it(
    antrag_a, foerderreferat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rueckfrage = antrag_a.rueckfrage_stellen(
            foerderreferat, "Bitte nennen Sie die Räume & Zeiten der drei Abende."
        )

    (nachricht,) = mail.outbox  # staff asked: they need no mail about it
    assert nachricht.subject.endswith(f"Rückfrage zu Ihrem Antrag {antrag_a.aktenzeichen}")
    assert "Bitte nennen Sie die Räume & Zeiten der drei Abende." in nachricht.body
    assert (
        SITE + reverse("foerderung:rueckfrage-beantworten", args=[antrag_a.pk, rueckfrage.pk])
        in nachricht.body
    )


def test_answer_tells_the_staff_member_who_asked(
    antrag_a, foerderreferat, municipality_a, django_capture_on_commit_callbacks
):
    rueckfrage = antrag_a.rueckfrage_stellen(foerderreferat, "Welcher Raum?")
    with django_capture_on_commit_callbacks(execute=True):
        rueckfrage.beantworten(municipality_a, "Der Bürgersaal im Rathaus.")

    (nachricht,) = mail.outbox
    assert nachricht.to == [foerderreferat.email]
    assert antrag_a.aktenzeichen in nachricht.subject
    assert "Welcher Raum?" in nachricht.body
    assert "Der Bürgersaal im Rathaus." in nachricht.body
    assert "Antwort von Sabine Kommunal" in nachricht.body
    assert SITE + reverse("admin:foerderung_antrag_change", args=[antrag_a.pk]) in nachricht.body


def test_answer_to_a_query_of_a_deleted_staff_member_goes_to_managers(
    antrag_a, foerderreferat, municipality_a, django_capture_on_commit_callbacks
):
    rueckfrage = antrag_a.rueckfrage_stellen(foerderreferat, "Welcher Raum?")
    rueckfrage.gestellt_von = None
    rueckfrage.save()
    with django_capture_on_commit_callbacks(execute=True):
        rueckfrage.beantworten(municipality_a, "Der Bürgersaal.")

    assert [m.to for m in mail.outbox] == [[REFERAT]]


def test_resubmission_after_a_query_confirms_the_second_version(
    antrag_a, foerderreferat, municipality_a, django_capture_on_commit_callbacks
):
    rueckfrage = antrag_a.rueckfrage_stellen(foerderreferat, "Welcher Raum?")
    rueckfrage.beantworten(municipality_a, "Der Bürgersaal.")
    with django_capture_on_commit_callbacks(execute=True):
        antrag_a.einreichen(by=municipality_a)

    bestaetigung, meldung = mail.outbox
    assert "Ergänzter Antrag eingegangen" in bestaetigung.subject
    assert "(Fassung 2)" in bestaetigung.body
    assert "Rückfrage → Eingereicht" in meldung.body


def test_partial_grant_mails_state_reason_amount_and_report_due_date(
    antrag_a, foerderreferat, django_capture_on_commit_callbacks
):
    antrag_a.uebergang(S.IN_PRUEFUNG, foerderreferat)
    with django_capture_on_commit_callbacks(execute=True):
        antrag_a.entscheiden(
            S.TEILWEISE_BEWILLIGT,
            foerderreferat,
            Decimal("2000"),
            "Die Verpflegung trägt die Stadt.",
        )
    assert mail.outbox == []  # told only when released
    with django_capture_on_commit_callbacks(execute=True):
        antrag_a.freigeben(foerderreferat)

    (nachricht,) = mail.outbox
    assert "teilweise bewilligt" in nachricht.subject
    assert "entschieden: Teilweise bewilligt." in nachricht.body
    assert "Bewilligter Betrag: 2.000 € (beantragt waren 2.500 €)" in nachricht.body
    assert "Die Verpflegung trägt die Stadt." in nachricht.body
    assert antrag_a.nachweis_faellig_am.strftime("%d.%m.%Y") in nachricht.body


def test_refusal_mails_the_reasons_without_an_amount(
    antrag_a, foerderreferat, django_capture_on_commit_callbacks
):
    antrag_a.uebergang(S.IN_PRUEFUNG, foerderreferat)
    with django_capture_on_commit_callbacks(execute=True):
        antrag_a.entscheiden(S.ABGELEHNT, foerderreferat, None, "Das Budget ist ausgeschöpft.")
        antrag_a.freigeben(foerderreferat)

    (nachricht,) = mail.outbox
    assert "wurde abgelehnt" in nachricht.subject
    assert "Das Budget ist ausgeschöpft." in nachricht.body
    assert "Bewilligter Betrag" not in nachricht.body
    assert "Verwendungsnachweis" not in nachricht.body


def test_other_changes_get_the_general_mail(
    antrag_a, foerderreferat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        antrag_a.uebergang(S.IN_PRUEFUNG, foerderreferat, "Wir prüfen jetzt.")

    (nachricht,) = mail.outbox
    assert nachricht.subject.endswith(f"Ihr Antrag {antrag_a.aktenzeichen}: In Prüfung")
    assert Antrag.ERKLAERUNG[S.IN_PRUEFUNG] in nachricht.body
    assert "Vermerk (Förderreferat): Wir prüfen jetzt." in nachricht.body


def test_withdrawn_draft_sends_no_mail(
    make_antrag, municipality_a, django_capture_on_commit_callbacks
):
    antrag = make_antrag()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        antrag.zurueckziehen(municipality_a)

    assert len(callbacks) == 1  # the task ran and chose to stay silent
    assert mail.outbox == []


def test_withdrawal_of_a_submitted_application_tells_applicant_and_staff(
    antrag_a, municipality_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        antrag_a.zurueckziehen(municipality_a, "Der Saal ist nicht frei.")

    assert len(_an("integration@ludwigsburg.example")) == 1
    (meldung,) = _an(REFERAT)
    assert "Eingereicht → Zurückgezogen" in meldung.body
    assert "Der Saal ist nicht frei." in meldung.body


# --- The daily job ----------------------------------------------------------------------------


def test_ended_grant_becomes_due_with_a_history_entry_by_nobody(
    antrag_a, foerderreferat, django_capture_on_commit_callbacks
):
    _bewilligt(antrag_a, foerderreferat)
    tag_danach = _am(antrag_a.ende + TAG)

    with django_capture_on_commit_callbacks(execute=True):
        zahlen = nachweis_fristen.call(jetzt=tag_danach)

    antrag_a.refresh_from_db()
    assert antrag_a.status == S.NACHWEIS_FAELLIG
    eintrag = antrag_a.verlauf.last()
    assert (eintrag.von, eintrag.nach, eintrag.user) == (S.BEWILLIGT, S.NACHWEIS_FAELLIG, None)
    assert eintrag.durch == "Portal (automatisch)"
    assert zahlen == {"faellig": 1, "erinnert": 0, "ueberfaellig": 0, "fehlgeschlagen": 0}
    (nachricht,) = mail.outbox
    assert nachricht.subject.endswith(f"Verwendungsnachweis fällig: {antrag_a.aktenzeichen}")
    assert f"Fällig am: {antrag_a.nachweis_faellig_am:%d.%m.%Y}" in nachricht.body
    assert SITE + reverse("foerderung:verwendungsnachweis", args=[antrag_a.pk]) in nachricht.body

    eintraege = antrag_a.verlauf.count()
    assert nachweis_fristen.call(jetzt=tag_danach)["faellig"] == 0
    assert antrag_a.verlauf.count() == eintraege


def test_grant_stays_until_the_last_day_of_the_activity_has_passed(antrag_a, foerderreferat):
    _bewilligt(antrag_a, foerderreferat)

    assert nachweis_fristen.call(jetzt=_am(antrag_a.ende))["faellig"] == 0

    antrag_a.refresh_from_db()
    assert antrag_a.status == S.BEWILLIGT


def test_reminder_before_the_due_date_goes_out_once(antrag_a, foerderreferat):
    _nachweis_faellig(antrag_a, foerderreferat)
    faellig = antrag_a.nachweis_faellig_am
    vorlauf = datetime.timedelta(days=ERINNERUNG_TAGE)

    assert nachweis_fristen.call(jetzt=_am(faellig - vorlauf - TAG))["erinnert"] == 0
    assert nachweis_fristen.call(jetzt=_am(faellig - vorlauf))["erinnert"] == 1
    assert nachweis_fristen.call(jetzt=_am(faellig - vorlauf))["erinnert"] == 0
    assert nachweis_fristen.call(jetzt=_am(faellig))["erinnert"] == 0

    (nachricht,) = mail.outbox
    assert f"fällig am {faellig:%d.%m.%Y}" in nachricht.subject
    assert SITE + reverse("foerderung:verwendungsnachweis", args=[antrag_a.pk]) in nachricht.body
    assert list(antrag_a.erinnerungen.values_list("art", flat=True)) == [Erinnerung.Art.VORHER]


def test_overdue_reminder_repeats_after_fourteen_days_only(antrag_a, foerderreferat):
    _nachweis_faellig(antrag_a, foerderreferat)
    faellig = antrag_a.nachweis_faellig_am

    assert nachweis_fristen.call(jetzt=_am(faellig))["ueberfaellig"] == 0
    assert nachweis_fristen.call(jetzt=_am(faellig + TAG))["ueberfaellig"] == 1
    assert nachweis_fristen.call(jetzt=_am(faellig + TAG))["ueberfaellig"] == 0
    assert nachweis_fristen.call(jetzt=_am(faellig + 14 * TAG))["ueberfaellig"] == 0
    assert nachweis_fristen.call(jetzt=_am(faellig + 15 * TAG))["ueberfaellig"] == 1

    vorher, *ueberfaellig = mail.outbox  # on the due date itself: the reminder before
    assert "Erinnerung" in vorher.subject
    assert len(ueberfaellig) == 2
    assert "Verwendungsnachweis überfällig" in ueberfaellig[0].subject
    assert f"war am {faellig:%d.%m.%Y} fällig" in ueberfaellig[0].body
    assert antrag_a.erinnerungen.filter(art=Erinnerung.Art.UEBERFAELLIG).count() == 2


def test_submitted_report_gets_no_reminder(antrag_a, foerderreferat, municipality_a):
    _nachweis_faellig(antrag_a, foerderreferat)
    nachweis_einreichen(antrag_a, municipality_a)

    zahlen = nachweis_fristen.call(jetzt=_am(antrag_a.nachweis_faellig_am + TAG))

    assert zahlen == {"faellig": 0, "erinnert": 0, "ueberfaellig": 0, "fehlgeschlagen": 0}
    assert mail.outbox == []


def test_failing_address_does_not_stop_the_other_reminders(
    antrag_a, antrag_b, foerderreferat, municipality_a, municipality_b, settings, monkeypatch
):
    for antrag in [antrag_a, antrag_b]:
        _nachweis_faellig(antrag, foerderreferat)
    settings.EMAIL_BACKEND = "tests.foerderung.test_mitteilungen.RefusingBackend"
    monkeypatch.setattr(RefusingBackend, "REFUSED", {municipality_a.email})
    jetzt = _am(max(antrag_a.nachweis_faellig_am, antrag_b.nachweis_faellig_am) + TAG)

    zahlen = nachweis_fristen.call(jetzt=jetzt)

    assert (zahlen["ueberfaellig"], zahlen["fehlgeschlagen"]) == (1, 1)
    assert [municipality_b.email in m.to for m in mail.outbox] == [True]
    assert not antrag_a.erinnerungen.exists()  # so the next run tries again

    monkeypatch.setattr(RefusingBackend, "REFUSED", set())
    assert nachweis_fristen.call(jetzt=jetzt)["ueberfaellig"] == 1
    assert municipality_a.email in mail.outbox[-1].to


def test_command_reports_what_it_did(antrag_a, foerderreferat):
    _bewilligt(antrag_a, foerderreferat)
    Antrag.objects.filter(pk=antrag_a.pk).update(ende=timezone.localdate() - TAG)
    out = StringIO()

    call_command("foerderung_fristen", stdout=out)

    assert "Final reports now due: 1." in out.getvalue()
    assert "Failed: 0." in out.getvalue()
    antrag_a.refresh_from_db()
    assert antrag_a.status == S.NACHWEIS_FAELLIG


def test_report_sent_back_asks_to_complete_it_with_the_staff_note(
    antrag_a, foerderreferat, municipality_a, django_capture_on_commit_callbacks
):
    _nachweis_faellig(antrag_a, foerderreferat)
    nachweis_einreichen(antrag_a, municipality_a)
    with django_capture_on_commit_callbacks(execute=True):
        antrag_a.uebergang(S.NACHWEIS_FAELLIG, foerderreferat, "Bitte ergänzen Sie die Belege.")

    (nachricht,) = mail.outbox
    assert nachricht.subject.endswith(
        f"Verwendungsnachweis bitte ergänzen: {antrag_a.aktenzeichen}"
    )
    assert "Vermerk des Förderreferats:\nBitte ergänzen Sie die Belege." in nachricht.body

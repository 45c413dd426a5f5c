"""Mail about applications, sent after the change is committed, and the daily job that asks for
the final reports."""

import datetime
import logging

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django_tasks import task

from foerderung import emails
from foerderung.models import (
    Antrag,
    Bescheid,
    Erinnerung,
    Rueckfrage,
    Statuswechsel,
    UebergangVerweigert,
)

logger = logging.getLogger(__name__)

S = Antrag.Status

# The states with a message of their own; every other state gets the general one.
MITTEILUNGEN = {
    S.EINGEREICHT: emails.eingang_bestaetigen,
    S.RUECKFRAGE: emails.rueckfrage_stellen,
    S.NACHWEIS_FAELLIG: emails.nachweis_anfordern,
}
# The applicant's steps the programme staff must hear of.
FUER_REFERAT = {S.EINGEREICHT, S.NACHWEIS_EINGEREICHT, S.ZURUECKGEZOGEN}


@task()
def statuswechsel_mitteilen(pk: int) -> None:
    """Tell the applicant of a change of state and, for the applicant's own steps, the staff."""
    eintrag = Statuswechsel.objects.select_related(
        "antrag__organisation", "antrag__ausschreibung__programm", "user"
    ).get(pk=pk)
    # A draft the applicant drops has no file number and never reached the staff; the person
    # who dropped it sees the result on the page, so a mail would tell nobody anything new.
    if eintrag.von == S.ENTWURF and eintrag.nach == S.ZURUECKGEZOGEN:
        return
    # A decision is told when the staff release it (entscheidung_mitteilen).
    if eintrag.nach in Antrag.ENTSCHEIDUNGEN:
        return
    MITTEILUNGEN.get(eintrag.nach, emails.statuswechsel)(eintrag)
    if eintrag.nach in FUER_REFERAT and eintrag.rolle != Antrag.FOERDERREFERAT:
        emails.referat_informieren(eintrag)


@task()
def entscheidung_mitteilen(pk: int) -> None:
    """Tell the applicant the decision (history entry `pk`) the staff have released, with the
    newest decision letter if there is one."""
    eintrag = Statuswechsel.objects.select_related(
        "antrag__organisation", "antrag__ausschreibung__programm", "user"
    ).get(pk=pk)
    bescheid = eintrag.antrag.bescheide.filter(stand=Bescheid.Stand.ERSTELLT).last()
    emails.entscheidung(eintrag, bescheid)
    if bescheid is not None:
        Bescheid.objects.filter(pk=bescheid.pk).update(versandt_am=timezone.now())


@task()
def bescheid_erstellen(pk: int) -> None:
    """Render a decision letter; once the decision is told, send it, too."""
    bescheid = Bescheid.objects.select_related(
        "antrag__organisation", "antrag__ausschreibung__programm", "angefordert_von"
    ).get(pk=pk)
    bescheid.erstellen()
    if bescheid.antrag.freigegeben_am is not None and bescheid.versandt_am is None:
        emails.bescheid_senden(bescheid)
        Bescheid.objects.filter(pk=bescheid.pk).update(versandt_am=timezone.now())


@task()
def rueckfrage_beantwortet(pk: int) -> None:
    """Tell the staff member who asked that the answer is there."""
    rueckfrage = Rueckfrage.objects.select_related(
        "antrag__organisation", "gestellt_von", "beantwortet_von"
    ).get(pk=pk)
    emails.rueckfrage_beantwortet(rueckfrage)


# A reminder goes out this many days before the final report is due; after the due date one
# goes out again every this many days until the report is in.
ERINNERUNG_TAGE = 14


@task()
def nachweis_fristen(jetzt: datetime.datetime | None = None) -> dict[str, int]:
    """The daily job of the final reports; running it again the same day changes nothing.

    1. Grants whose activity has ended (German date) now wait for the final report.
    2. One reminder ERINNERUNG_TAGE days before the due date.
    3. After the due date a reminder, again every ERINNERUNG_TAGE days.

    A reminder is recorded (Erinnerung) only after its mail went out, so a failed one is tried
    again at the next run. `jetzt` lets tests run the job on another day (through `.call()`:
    a datetime cannot be enqueued)."""
    jetzt = jetzt or timezone.now()
    heute = timezone.localdate(jetzt)
    tage = datetime.timedelta(days=ERINNERUNG_TAGE)
    zahlen = {"faellig": 0, "erinnert": 0, "ueberfaellig": 0, "fehlgeschlagen": 0}

    # The model's rule (Antrag.nachweis_frist): the activity ends at the latest with the
    # call's period.
    beendet = Antrag.objects.filter(
        Q(ende__lt=heute) | Q(ausschreibung__durchfuehrung_bis__lt=heute),
        status__in=[S.BEWILLIGT, S.TEILWEISE_BEWILLIGT],
        freigegeben_am__isnull=False,
    )
    neu_faellig = []
    for antrag in beendet:
        try:
            antrag.uebergang(
                S.NACHWEIS_FAELLIG,
                None,
                "Die geförderte Maßnahme ist beendet. Bitte reichen Sie den "
                "Verwendungsnachweis ein.",
            )
        except UebergangVerweigert:  # staff moved it on since the query
            continue
        neu_faellig.append(antrag.pk)
        zahlen["faellig"] += 1

    # The mail about the new state of step 1 says all a reminder would say.
    offen = (
        Antrag.objects.filter(status=S.NACHWEIS_FAELLIG, nachweis_faellig_am__isnull=False)
        .exclude(pk__in=neu_faellig)
        .select_related("organisation", "ausschreibung__programm")
    )
    erinnerungen = Erinnerung.objects.filter(antrag=OuterRef("pk"))
    vorher = offen.filter(nachweis_faellig_am__range=(heute, heute + tage)).exclude(
        Exists(erinnerungen.filter(art=Erinnerung.Art.VORHER))
    )
    ueberfaellig = offen.filter(nachweis_faellig_am__lt=heute).exclude(
        Exists(
            erinnerungen.filter(art=Erinnerung.Art.UEBERFAELLIG, gesendet_am__date__gt=heute - tage)
        )
    )
    for art, antraege, zahl in [
        (Erinnerung.Art.VORHER, vorher, "erinnert"),
        (Erinnerung.Art.UEBERFAELLIG, ueberfaellig, "ueberfaellig"),
    ]:
        for antrag in antraege:
            try:
                gesendet = emails.nachweis_erinnern(
                    antrag, ueberfaellig=art == Erinnerung.Art.UEBERFAELLIG
                )
            except Exception:  # one applicant's failing address must not stop the others' mail
                logger.exception("Reminder (%s) for application %s not sent", art, antrag.pk)
                zahlen["fehlgeschlagen"] += 1
                continue
            # Also without anyone to write to: trying again each day would not change that.
            Erinnerung.objects.create(antrag=antrag, art=art, gesendet_am=jetzt)
            zahlen[zahl] += gesendet
    return zahlen

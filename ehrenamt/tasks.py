"""Mail of the volunteering part, sent outside the request."""

import datetime
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from ehrenamt.models import (
    Datenschutzhinweis,
    Ehrenamtliche,
    Einwilligung,
    Interesse,
    Koordination,
    Newsletter,
    NewsletterVersand,
    Schulungstermin,
    Teilnahme,
)
from portal import mail

logger = logging.getLogger(__name__)


def _an(
    person: Ehrenamtliche,
    name: str,
    reply_to: list[str] | None = None,
    list_unsubscribe: bool = False,
    **kontext,
) -> None:
    """A mail to a volunteer; every one carries the link to their consents. Mail sent because
    of a consent (the newsletter) names that link in a List-Unsubscribe header as well, so
    mail programs offer to unsubscribe there."""
    einwilligungen = reverse("ehrenamt:einwilligungen", args=[person.einwilligungen_token()])
    headers = (
        {"List-Unsubscribe": f"<{settings.SITE_URL}{einwilligungen}>"} if list_unsubscribe else None
    )
    mail.send(
        name,
        {"person": person, "einwilligungen": einwilligungen, **kontext},
        to=[person.email],
        reply_to=reply_to,
        headers=headers,
    )


@task()
def bestaetigung_senden(pk: int) -> None:
    """The double opt-in: a link that confirms the address."""
    person = Ehrenamtliche.objects.get(pk=pk)
    if person.stand != Ehrenamtliche.Stand.UNBESTAETIGT:
        return
    _an(
        person,
        "ehrenamt/bestaetigen",
        link=reverse("ehrenamt:bestaetigen", args=[person.bestaetigungs_token()]),
        tage=Ehrenamtliche.BESTAETIGEN_TAGE,
    )


@task()
def koordination_benachrichtigen(pk: int) -> None:
    """Tell the coordination of the volunteer's Kreis about a confirmed sign-up."""
    person = Ehrenamtliche.objects.select_related("kreis").get(pk=pk)
    if empfaenger := Koordination.objects.adressen(person.kreis):
        mail.send(
            "ehrenamt/neu",
            {
                "person": person,
                "angebotsarten": person.angebotsarten.all(),
                "gesuche": [i.gesuch for i in person.interessen.select_related("gesuch")],
            },
            to=empfaenger,
        )


@task()
def zugang_senden(pk: int, weiter: str = "") -> None:
    """A sign-in link for a volunteer without an account."""
    person = Ehrenamtliche.objects.erreichbar().filter(pk=pk).first()
    if person is None:
        return
    link = reverse("ehrenamt:zugang-link", args=[person.zugangs_token()])
    _an(
        person,
        "ehrenamt/zugang",
        link=f"{link}?{urlencode({'next': weiter})}" if weiter else link,
        tage=Ehrenamtliche.ZUGANG_TAGE,
    )


@task()
def anonymisieren(pk: int) -> None:
    """Art. 17 DSGVO, on the volunteer's or the coordination's request."""
    person = Ehrenamtliche.objects.filter(pk=pk).first()
    if person is not None:
        person.anonymisieren()


@task()
def aufbewahrung_ankuendigen(pk: int) -> None:
    """Tell a volunteer that their data will be erased after a long time without activity,
    unless they sign in once."""
    person = Ehrenamtliche.objects.erreichbar().filter(pk=pk).first()
    if person is None:
        return
    _an(
        person,
        "ehrenamt/aufbewahrung",
        link=reverse("ehrenamt:zugang-link", args=[person.zugangs_token()]),
        tage=Ehrenamtliche.ZUGANG_TAGE,
        frist=settings.EHRENAMT_LOESCHHINWEIS_TAGE,
    )


# --- Trainings (Schulungen) ---

# The reminder goes out this many days before a training's first date.
ERINNERUNG_TAGE = 2


def _an_teilnehmende(name: str, teilnahme: Teilnahme) -> None:
    """A mail about a training to one participant: the dates, the calendar file, how to
    cancel, and the link to their consents."""
    schulung = teilnahme.schulung
    _an(
        teilnahme.ehrenamtliche,
        name,
        schulung=schulung,
        termine=schulung.termine.all(),
        link=schulung.get_absolute_url(),
        kalender=reverse("ehrenamt:schulung-ics", args=[schulung.slug]),
    )


@task()
def nachgerueckt_benachrichtigen(pk: int) -> None:
    """Tell a volunteer that a place became free and is now theirs."""
    teilnahme = Teilnahme.objects.select_related("schulung", "ehrenamtliche").get(pk=pk)
    if teilnahme.stand == Teilnahme.Stand.ANGEMELDET:
        _an_teilnehmende("ehrenamt/nachgerueckt", teilnahme)


@task()
def schulungen_erinnern(jetzt: datetime.datetime | None = None) -> dict[str, int]:
    """Remind everyone with a place ERINNERUNG_TAGE days before the training's first date,
    once: `erinnert_am` is set only after the mail went out, so a failed one is tried again
    at the next run. `jetzt` lets tests run the job at another time (through `.call()`)."""
    jetzt = jetzt or timezone.now()
    faellig = (
        Teilnahme.objects.filter(
            stand=Teilnahme.Stand.ANGEMELDET,
            erinnert_am__isnull=True,
            schulung__veroeffentlicht=True,
        )
        .annotate(erster_beginn=Schulungstermin.erster_beginn("schulung"))
        .filter(
            erster_beginn__gt=jetzt,
            erster_beginn__lte=jetzt + datetime.timedelta(days=ERINNERUNG_TAGE),
        )
        .select_related("schulung", "ehrenamtliche")
    )
    zahlen = {"erinnert": 0, "fehlgeschlagen": 0}
    for teilnahme in faellig:
        try:
            _an_teilnehmende("ehrenamt/schulung_erinnerung", teilnahme)
        except Exception:  # one failing address must not stop the others' mail
            logger.exception("Erinnerung an Teilnahme %s nicht gesendet", teilnahme.pk)
            zahlen["fehlgeschlagen"] += 1
            continue
        Teilnahme.objects.filter(pk=teilnahme.pk).update(erinnert_am=timezone.now())
        zahlen["erinnert"] += 1
    return zahlen


# --- Needs (Gesuche) ---


@task()
def interesse_gemeldet(pk: int) -> None:
    """Tell the coordination of the need's Kreis that a volunteer offers to help, or that an
    accepted volunteer withdrew. Only for volunteers of that Kreis: their consent covers the
    coordination of their own Kreis."""
    interesse = Interesse.objects.select_related("gesuch__kreis", "ehrenamtliche").get(pk=pk)
    gesuch, person = interesse.gesuch, interesse.ehrenamtliche
    if person.kreis_id != gesuch.kreis_id or interesse.stand not in (
        Interesse.Stand.OFFEN,
        Interesse.Stand.ZURUECKGEZOGEN,
    ):
        return
    if empfaenger := Koordination.objects.adressen(gesuch.kreis):
        mail.send(
            "ehrenamt/interesse_gemeldet",
            {
                "interesse": interesse,
                "gesuch": gesuch,
                "person": person,
                "link": reverse("ehrenamt:koordination-gesuch", args=[gesuch.pk]),
            },
            to=empfaenger,
        )


@task()
def interesse_beantwortet(pk: int) -> None:
    """Tell the volunteer the coordination's answer; a reply reaches the coordinator."""
    interesse = Interesse.objects.select_related(
        "gesuch__kreis", "ehrenamtliche", "entschieden_von"
    ).get(pk=pk)
    person = interesse.ehrenamtliche
    if person.stand == Ehrenamtliche.Stand.ANONYMISIERT or interesse.stand not in (
        Interesse.Stand.ANGENOMMEN,
        Interesse.Stand.ABGELEHNT,
    ):
        return
    antwort_an = getattr(interesse.entschieden_von, "email", "")
    _an(
        person,
        "ehrenamt/interesse_beantwortet",
        reply_to=[antwort_an] if antwort_an else None,
        interesse=interesse,
        gesuch=interesse.gesuch,
        angenommen=interesse.stand == Interesse.Stand.ANGENOMMEN,
    )


@task()
def hinweis_geaendert(pk: int) -> None:
    """Ask every volunteer to confirm a new version of the privacy notice, by a sign-in link
    to their page (which shows the new version and the button)."""
    hinweis = Datenschutzhinweis.objects.get(pk=pk)
    personen = Ehrenamtliche.objects.erreichbar().filter(
        Exists(Einwilligung.objects.gueltig().filter(ehrenamtliche=OuterRef("pk")))
    )
    for person in personen.iterator():
        _an(
            person,
            "ehrenamt/hinweis",
            hinweis=hinweis,
            link=reverse("ehrenamt:zugang-link", args=[person.zugangs_token()]),
            tage=Ehrenamtliche.ZUGANG_TAGE,
        )


# --- Newsletter ---


@task()
def newsletter_versenden(pk: int) -> dict[str, int]:
    """Mail a released newsletter whose PDF is stored to every subscriber who has not got it
    yet, each with their own link to withdraw the consent (which unsubscribes them). Running
    again mails nobody twice: a person's NewsletterVersand row is taken before their mail goes
    out; a failed mail gives it back, so the next run tries that person again."""
    newsletter = (
        Newsletter.objects.filter(pk=pk, stand=Newsletter.Stand.FREIGEGEBEN)
        .exclude(datei="")
        .first()
    )
    zahlen = {"gesendet": 0, "fehlgeschlagen": 0}
    if newsletter is None:
        return zahlen
    kontext = {
        "newsletter": newsletter,
        "editorial": newsletter.editorial_html(),
        "editorial_text": newsletter.editorial_text(),
        "beitraege": list(newsletter.beitraege_geordnet()),
    }
    for person in newsletter.empfaenger_offen().iterator():
        versand = NewsletterVersand.beanspruchen(newsletter, person)
        if versand is None:
            continue  # another run has taken this person
        try:
            _an(person, "ehrenamt/newsletter", list_unsubscribe=True, **kontext)
        except Exception:  # one failing address must not stop the others' mail
            logger.exception("Newsletter %s an Ehrenamtliche %s nicht gesendet", pk, person.pk)
            versand.delete()
            zahlen["fehlgeschlagen"] += 1
            continue
        NewsletterVersand.objects.filter(pk=versand.pk).update(gesendet_am=timezone.now())
        zahlen["gesendet"] += 1
    if not zahlen["fehlgeschlagen"]:
        Newsletter.objects.filter(pk=pk, versendet_am__isnull=True).update(
            versendet_am=timezone.now()
        )
    return zahlen

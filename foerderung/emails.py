"""The e-mails of the funding process, one function per message.

The applicant's mails go to everyone who acts for the organisation (`Antrag.empfaenger`); a
reply reaches the programme staff (MANAGERS). Each function returns False when there was
nobody to write to."""

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format

from foerderung.models import Antrag, Rueckfrage, Statuswechsel
from portal import mail
from portal.formats import euro, zeitpunkt


def _referat() -> list[str]:
    return [address for _, address in settings.MANAGERS]


def _an_antragsteller(name: str, antrag: Antrag, context: dict, bescheid=None) -> bool:
    """Send to the applicant; with a decision letter (Bescheid) attached when given."""
    empfaenger = antrag.empfaenger()
    if not empfaenger:
        return False
    nachricht = mail.render(
        f"foerderung/{name}",
        {
            "antrag": antrag,
            "antrag_url": reverse("foerderung:antrag-detail", args=[antrag.pk]),
            "bescheid": bescheid,
            **context,
        },
        to=empfaenger,
        reply_to=_referat() or None,
    )
    if bescheid is not None:
        with bescheid.datei.open("rb") as datei:
            nachricht.attach(bescheid.dateiname, datei.read(), "application/pdf")
    nachricht.send()
    return True


def _datum(tag) -> str:
    return date_format(tag, "d.m.Y") if tag else ""


def eingang_bestaetigen(eintrag: Statuswechsel) -> bool:
    """The receipt of a (re)submission, with the file number and the receipt PDF."""
    antrag = eintrag.antrag
    einreichung = antrag.einreichungen.last()  # Antrag.einreichen writes it before the change
    return _an_antragsteller(
        "eingang",
        antrag,
        {
            "erneut": eintrag.von == Antrag.Status.RUECKFRAGE,
            "fassung": einreichung.nummer,
            "eingereicht_am": zeitpunkt(einreichung.eingereicht_am),
            "quittung_url": reverse("foerderung:antrag-quittung", args=[antrag.pk]),
        },
    )


def rueckfrage_stellen(eintrag: Statuswechsel) -> bool:
    """Staff's question, in full, and where to answer it."""
    antrag = eintrag.antrag
    rueckfrage = antrag.rueckfragen.last()
    if rueckfrage is None:  # cannot happen through Antrag.rueckfrage_stellen
        return statuswechsel(eintrag)
    return _an_antragsteller(
        "rueckfrage",
        antrag,
        {
            "rueckfrage": rueckfrage,
            "antworten_url": reverse(
                "foerderung:rueckfrage-beantworten", args=[antrag.pk, rueckfrage.pk]
            ),
        },
    )


def entscheidung(eintrag: Statuswechsel, bescheid=None) -> bool:
    """Granted in full, in part or refused, with the reasons and the amount, and the decision
    letter when there is one."""
    antrag = eintrag.antrag
    return _an_antragsteller(
        "entscheidung",
        antrag,
        {
            "eintrag": eintrag,
            "abgelehnt": eintrag.nach == Antrag.Status.ABGELEHNT,
            "teilweise": eintrag.nach == Antrag.Status.TEILWEISE_BEWILLIGT,
            "bewilligt_betrag": euro(antrag.bewilligt_betrag) if antrag.bewilligt_betrag else "",
            "beantragt": euro(antrag.beantragt) if antrag.beantragt else "",
            "nachweis_faellig_am": _datum(antrag.nachweis_faellig_am),
        },
        bescheid,
    )


def bescheid_senden(bescheid) -> bool:
    """A (new version of the) decision letter after the decision was told."""
    return _an_antragsteller("bescheid", bescheid.antrag, {}, bescheid)


def nachweis_anfordern(eintrag: Statuswechsel) -> bool:
    """The final report is due: after the activity, or again when staff sent it back."""
    antrag = eintrag.antrag
    return _an_antragsteller(
        "nachweis_faellig",
        antrag,
        {
            "eintrag": eintrag,
            "zurueck": eintrag.von == Antrag.Status.NACHWEIS_EINGEREICHT,
            "nachweis_faellig_am": _datum(antrag.nachweis_faellig_am),
            "nachweis_url": reverse("foerderung:verwendungsnachweis", args=[antrag.pk]),
        },
    )


def statuswechsel(eintrag: Statuswechsel) -> bool:
    """Any other change of state: the new state and what it means."""
    return _an_antragsteller(
        "statuswechsel",
        eintrag.antrag,
        {"eintrag": eintrag, "erklaerung": Antrag.ERKLAERUNG[eintrag.nach]},
    )


def nachweis_erinnern(antrag: Antrag, ueberfaellig: bool) -> bool:
    """A reminder of the final report, before the due date or after it."""
    return _an_antragsteller(
        "nachweis_erinnerung",
        antrag,
        {
            "ueberfaellig": ueberfaellig,
            "nachweis_faellig_am": _datum(antrag.nachweis_faellig_am),
            "nachweis_url": reverse("foerderung:verwendungsnachweis", args=[antrag.pk]),
        },
    )


def referat_informieren(eintrag: Statuswechsel) -> bool:
    """Tell the programme staff of an applicant's step that waits for them."""
    if not settings.MANAGERS:
        return False
    antrag = eintrag.antrag
    mail.send(
        "foerderung/referat_schritt",
        {
            "antrag": antrag,
            "eintrag": eintrag,
            "am": zeitpunkt(eintrag.am),
            "admin_url": reverse("admin:foerderung_antrag_change", args=[antrag.pk]),
        },
        to=_referat(),
    )
    return True


def rueckfrage_beantwortet(rueckfrage: Rueckfrage) -> bool:
    """Tell the staff member who asked (or, when unknown, the programme staff) the answer."""
    gestellt_von = rueckfrage.gestellt_von
    to = [gestellt_von.email] if gestellt_von and gestellt_von.email else _referat()
    if not to:
        return False
    beantwortet_von = rueckfrage.beantwortet_von
    mail.send(
        "foerderung/rueckfrage_beantwortet",
        {
            "antrag": rueckfrage.antrag,
            "rueckfrage": rueckfrage,
            "gestellt_am": zeitpunkt(rueckfrage.gestellt_am),
            "beantwortet_am": zeitpunkt(rueckfrage.beantwortet_am),
            "beantwortet_von": (
                beantwortet_von.get_full_name() or beantwortet_von.email if beantwortet_von else "–"
            ),
            "admin_url": reverse("admin:foerderung_antrag_change", args=[rueckfrage.antrag_id]),
        },
        to=to,
    )
    return True

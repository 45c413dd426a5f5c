"""The e-mails of the contacts app, one function per message."""

import logging

from django.conf import settings
from django.urls import reverse

from portal import mail

logger = logging.getLogger(__name__)


def nachricht_zustellen(nachricht) -> None:
    """Send a contact message to its recipient (raises when the mail system fails), then the
    sender's copy, whose failure must not make the recipient's message go out twice."""
    context = {"nachricht": nachricht}
    mail.send(
        "kontakte/nachricht",
        context,
        to=[nachricht.empfaenger],
        reply_to=[f"{nachricht.absender_name} <{nachricht.absender_email}>"],
    )
    if nachricht.kopie:
        try:
            mail.send("kontakte/nachricht_kopie", context, to=[nachricht.absender_email])
        except Exception:
            logger.exception("Copy of contact message %s not sent", nachricht.pk)


def anfrage_melden(anfrage) -> None:
    if not settings.MANAGERS:
        return
    opts = anfrage._meta
    message = mail.render(
        "kontakte/anfrage",
        {
            "anfrage": anfrage,
            "art": opts.verbose_name,
            "admin_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[anfrage.pk]
            ),
        },
        to=[address for _, address in settings.MANAGERS],
    )
    message.send()


def mitgliedschaft_entschieden(mitgliedschaft) -> None:
    mail.send(
        "kontakte/mitgliedschaft_entschieden",
        {"mitgliedschaft": mitgliedschaft, "konto_url": reverse("kontakte:konto")},
        to=[mitgliedschaft.user.email],
    )


def plattform_zugang_entschieden(zugang) -> None:
    """The decision on a request; a reply reaches the staff member who decided."""
    entschieden_von = zugang.entschieden_von
    mail.send(
        "kontakte/plattform_zugang_entschieden",
        {"zugang": zugang, "plattform_url": reverse("kontakte:plattform")},
        to=[zugang.user.email],
        reply_to=[entschieden_von.email] if entschieden_von and entschieden_von.email else None,
    )


def plattform_zusammenfassung(zugang, bis) -> bool:
    """The posts written since the member's last summary, by others; False when there are none."""
    from kontakte.models import Beitrag

    seit = zugang.digest_bis or zugang.entschieden_am or zugang.beantragt_am
    beitraege = list(
        Beitrag.objects.filter(erstellt_am__gt=seit, erstellt_am__lte=bis)
        .exclude(autor=zugang.user)
        .select_related("diskussion", "autor")
        # Grouped by topic in the mail: topics of the same title must not interleave.
        .order_by("diskussion__titel", "diskussion_id", "erstellt_am")
    )
    if not beitraege:
        return False
    mail.send(
        "kontakte/plattform_zusammenfassung",
        {
            "zugang": zugang,
            "beitraege": beitraege,
            "einstellungen_url": reverse("kontakte:plattform-einstellungen"),
        },
        to=[zugang.user.email],
    )
    return True

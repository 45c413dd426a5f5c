"""Receivers of allauth's signals; connected in `KontakteConfig.ready`."""

from django.db import transaction

from kontakte.models import Mitgliedschaft


def mitgliedschaften_per_domain_bestaetigen(sender, request, email_address, **kwargs) -> None:
    """A newly verified address at an organisation's official domain confirms the user's
    pending member requests for that organisation, as if they had asked with it."""
    for mitgliedschaft in Mitgliedschaft.objects.offen().filter(
        user_id=email_address.user_id, rolle=Mitgliedschaft.Rolle.MITGLIED
    ):
        mitgliedschaft.per_domain_bestaetigen()


def anhang_datei_loeschen(sender, instance, **kwargs) -> None:
    """A deleted attachment (or its post or topic) takes its file along, once the deletion is
    committed, so no member's file stays on the disk unreachable."""
    datei = instance.datei
    if datei:
        transaction.on_commit(lambda: datei.storage.delete(datei.name))

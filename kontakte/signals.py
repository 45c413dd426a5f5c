"""Receivers of allauth's signals; connected in `KontakteConfig.ready`."""

from kontakte.models import Mitgliedschaft


def mitgliedschaften_per_domain_bestaetigen(sender, request, email_address, **kwargs) -> None:
    """A newly verified address at an organisation's official domain confirms the user's
    pending member requests for that organisation, as if they had asked with it."""
    for mitgliedschaft in Mitgliedschaft.objects.offen().filter(
        user_id=email_address.user_id, rolle=Mitgliedschaft.Rolle.MITGLIED
    ):
        mitgliedschaft.per_domain_bestaetigen()

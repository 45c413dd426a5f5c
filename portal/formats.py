"""Numbers and times the German way, as every page, e-mail and export shows them."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format


def euro(betrag: Decimal | int) -> str:
    """ "3.000 €", "2.500,50 €": whole euros without cents."""
    decimals = 0 if betrag == int(betrag) else 2
    return f"{number_format(betrag, decimals, force_grouping=True)} €"


def zeitpunkt(wert: datetime.datetime) -> str:
    """ "31.12.2016, 23:59 Uhr" in German time (Europe/Berlin)."""
    return f"{date_format(timezone.localtime(wert), 'd.m.Y, H:i')} Uhr"

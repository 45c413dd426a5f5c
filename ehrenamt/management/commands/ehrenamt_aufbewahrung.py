"""The daily retention job for volunteers' data (DSGVO Art. 5 Abs. 1 lit. e)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from ehrenamt import tasks
from ehrenamt.models import Ehrenamtliche


class Command(BaseCommand):
    help = (
        "Deletes sign-ups not confirmed within 30 days; tells volunteers inactive for "
        "EHRENAMT_INAKTIV_MONATE months, and anonymises them EHRENAMT_LOESCHHINWEIS_TAGE days "
        "later unless they signed in. Run daily; running twice changes nothing."
    )

    def handle(self, *args, **options):
        jetzt = timezone.now()
        unbestaetigt = Ehrenamtliche.objects.filter(
            stand=Ehrenamtliche.Stand.UNBESTAETIGT,
            angemeldet_am__lt=jetzt - datetime.timedelta(days=Ehrenamtliche.BESTAETIGEN_TAGE),
        )
        geloescht = unbestaetigt.count()
        unbestaetigt.delete()

        inaktiv_seit = jetzt - datetime.timedelta(
            days=round(settings.EHRENAMT_INAKTIV_MONATE * 30.44)
        )
        zu_informieren = Ehrenamtliche.objects.erreichbar().filter(
            letzte_aktivitaet__lt=inaktiv_seit, aufbewahrung_informiert_am__isnull=True
        )
        informiert = 0
        for pk in zu_informieren.values_list("pk", flat=True):
            Ehrenamtliche.objects.filter(pk=pk).update(aufbewahrung_informiert_am=jetzt)
            tasks.aufbewahrung_ankuendigen.enqueue(pk)
            informiert += 1

        frist = jetzt - datetime.timedelta(days=settings.EHRENAMT_LOESCHHINWEIS_TAGE)
        faellig = Ehrenamtliche.objects.erreichbar().filter(
            letzte_aktivitaet__lt=inaktiv_seit, aufbewahrung_informiert_am__lt=frist
        )
        anonymisiert = 0
        for person in faellig:
            person.anonymisieren()
            anonymisiert += 1

        self.stdout.write(
            f"{geloescht} unbestätigte Anmeldungen gelöscht, {informiert} Ehrenamtliche über "
            f"die anstehende Löschung informiert, {anonymisiert} anonymisiert."
        )

from django.core.management.base import BaseCommand

from portal.models import Export


class Command(BaseCommand):
    help = (
        f"Deletes PDF exports older than {Export.AUFBEWAHREN_TAGE} days with their files, and "
        "marks exports as failed that a stopped worker left half done. Safe to run as often as "
        "you like."
    )

    def handle(self, *args, **options):
        geloescht, abgebrochen = Export.aufraeumen()
        self.stdout.write(
            f"Exports deleted: {geloescht}. Stopped ones marked failed: {abgebrochen}."
        )

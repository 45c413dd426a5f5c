from django.core.management.base import BaseCommand

from foerderung.tasks import ERINNERUNG_TAGE, nachweis_fristen


class Command(BaseCommand):
    help = (
        "The daily job of the final reports (Verwendungsnachweise): grants whose activity has "
        "ended now wait for the report, and applicants get a reminder "
        f"{ERINNERUNG_TAGE} days before the due date and, once it has passed, every "
        f"{ERINNERUNG_TAGE} days. Safe to run as often as you like (the compose scheduler runs "
        "it every few minutes; cron once a day will do): nothing happens twice."
    )

    def handle(self, *args, **options):
        # Run here rather than enqueued: the operator (or the scheduler's log) sees the result.
        zahlen = nachweis_fristen.call()
        self.stdout.write(
            f"Final reports now due: {zahlen['faellig']}. "
            f"Reminders before the due date: {zahlen['erinnert']}. "
            f"Reminders of overdue reports: {zahlen['ueberfaellig']}. "
            f"Failed: {zahlen['fehlgeschlagen']}."
        )

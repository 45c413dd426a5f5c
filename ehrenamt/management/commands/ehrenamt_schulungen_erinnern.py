from django.core.management.base import BaseCommand

from ehrenamt.tasks import ERINNERUNG_TAGE, schulungen_erinnern


class Command(BaseCommand):
    help = (
        "The daily job of the trainings (Schulungen): everyone with a place gets one reminder "
        f"by mail {ERINNERUNG_TAGE} days before the training's first date, with the calendar "
        "file and how to cancel. Safe to run as often as you like (daily from cron, or every "
        "few minutes from a scheduler): nobody is reminded twice."
    )

    def handle(self, *args, **options):
        # Run here rather than enqueued: the operator (or the scheduler's log) sees the result.
        zahlen = schulungen_erinnern.call()
        self.stdout.write(
            f"Training reminders sent: {zahlen['erinnert']}. Failed: {zahlen['fehlgeschlagen']}."
        )

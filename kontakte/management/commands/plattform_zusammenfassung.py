from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from kontakte.tasks import plattform_zusammenfassungen


class Command(BaseCommand):
    help = (
        "Sends each platform member who asked for it the daily summary of new posts, at the "
        "first run after 6:00. Safe to run as often as you like (the compose scheduler runs it "
        "every few minutes; cron once a day after 6:00 will do): no member gets more than one "
        "summary a day or a post twice."
    )

    def handle(self, *args, **options):
        result = plattform_zusammenfassungen.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            self.stdout.write(f"Platform summaries sent: {result.return_value}.")
        elif result.status == TaskResultStatus.FAILED:
            errors = "; ".join(error.exception_class_path for error in result.errors)
            raise CommandError(f"Platform summaries failed: {errors}")
        else:
            self.stdout.write(f"Platform summaries queued for the worker (task {result.id}).")

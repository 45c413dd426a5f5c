import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from kontakte.models import Nachricht


class Command(BaseCommand):
    help = (
        "Delivers contact messages whose delivery failed and whose next attempt is due, and "
        "deletes messages older than CONTACT_RETENTION_DAYS. Run it every few minutes from cron "
        "(the database task worker also retries on its own)."
    )

    def handle(self, *args, **options):
        due = Nachricht.objects.zuzustellen().select_related("person", "organisation")
        delivered = failed = 0
        for nachricht in due:
            if nachricht.zustellen():
                delivered += 1
            else:
                failed += 1
        cutoff = timezone.now() - datetime.timedelta(days=settings.CONTACT_RETENTION_DAYS)
        deleted, _ = Nachricht.objects.filter(erstellt_am__lt=cutoff).delete()
        self.stdout.write(
            f"{delivered} zugestellt, {failed} fehlgeschlagen, {deleted} nach "
            f"{settings.CONTACT_RETENTION_DAYS} Tagen gelöscht."
        )

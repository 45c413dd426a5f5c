"""Mail that leaves the request: contact messages, decisions on memberships and platform access."""

from django.utils import timezone
from django_tasks import default_task_backend, task

from kontakte import emails
from kontakte.models import Mitgliedschaft, Nachricht, PlattformZugang


@task()
def nachricht_zustellen(pk: int) -> None:
    """Deliver a contact message; after a failure try again later where the worker can wait."""
    nachricht = Nachricht.objects.select_related("person", "organisation").get(pk=pk)
    if nachricht.status == Nachricht.Status.ZUGESTELLT:
        return
    # Without a worker that can wait (immediate backend), `manage.py nachrichten_zustellen`
    # from cron or the admin action retries it.
    if (
        not nachricht.zustellen()
        and nachricht.status == Nachricht.Status.FEHLGESCHLAGEN
        and default_task_backend.supports_defer
    ):
        nachricht_zustellen.using(run_after=nachricht.naechster_versuch_am).enqueue(pk)


@task()
def mitgliedschaft_mitteilen(pk: int) -> None:
    emails.mitgliedschaft_entschieden(
        Mitgliedschaft.objects.select_related("user", "organisation").get(pk=pk)
    )


@task()
def plattform_zugang_mitteilen(pk: int) -> None:
    emails.plattform_zugang_entschieden(PlattformZugang.objects.select_related("user").get(pk=pk))


@task()
def plattform_zusammenfassungen() -> int:
    """Send each member who asked for it the posts since their last summary."""
    sent = 0
    now = timezone.now()
    for zugang in PlattformZugang.objects.bestaetigt().filter(digest=True).select_related("user"):
        if emails.plattform_zusammenfassung(zugang, bis=now):
            sent += 1
        zugang.digest_bis = now
        zugang.save(update_fields=["digest_bis"])
    return sent

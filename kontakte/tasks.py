"""Mail that leaves the request: contact messages, decisions on memberships and platform access."""

import datetime
import logging

from django.db.models import Q
from django.utils import timezone
from django_tasks import default_task_backend, task

from kontakte import emails
from kontakte.models import Mitgliedschaft, Nachricht, PlattformZugang

logger = logging.getLogger(__name__)


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


ANFRAGEN = {"mitgliedschaft": Mitgliedschaft, "plattformzugang": PlattformZugang}


@task()
def anfrage_melden(model: str, pk: int) -> None:
    """Tell programme staff (MANAGERS) that a request waits for them in the admin."""
    emails.anfrage_melden(ANFRAGEN[model].objects.select_related("user").get(pk=pk))


@task()
def entscheidung_mitteilen(model: str, pk: int) -> None:
    """Tell the user how their request was decided."""
    anfrage = ANFRAGEN[model].objects.select_related("user", "entschieden_von").get(pk=pk)
    if model == "mitgliedschaft":
        emails.mitgliedschaft_entschieden(anfrage)
    else:
        emails.plattform_zugang_entschieden(anfrage)


# The daily summary goes out at the first run after this hour (local time), however often the
# scheduler runs the job.
ZUSAMMENFASSUNG_UM = 6


def _stichzeit(now: datetime.datetime) -> datetime.datetime:
    """The latest ZUSAMMENFASSUNG_UM o'clock not after now: a summary older than that is due."""
    local = timezone.localtime(now)
    stichzeit = local.replace(hour=ZUSAMMENFASSUNG_UM, minute=0, second=0, microsecond=0)
    return stichzeit if stichzeit <= local else stichzeit - datetime.timedelta(days=1)


@task()
def plattform_zusammenfassungen() -> int:
    """Send each member who asked for it, once a day, the posts since their last summary. Each
    member's mark moves only after their mail went out, so another run the same day sends
    nothing and a member whose mail failed gets the same posts at the next run."""
    sent = 0
    now = timezone.now()
    faellig = PlattformZugang.objects.bestaetigt().filter(
        Q(digest_bis__isnull=True) | Q(digest_bis__lt=_stichzeit(now)), digest=True
    )
    for zugang in faellig.select_related("user"):
        try:
            if emails.plattform_zusammenfassung(zugang, bis=now):
                sent += 1
        except Exception:  # one member's failing address must not stop the others' mail
            logger.exception("Platform summary for user %s not sent", zugang.user_id)
            continue
        zugang.digest_bis = now
        zugang.save(update_fields=["digest_bis"])
    return sent

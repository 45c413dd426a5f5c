"""Background tasks every app may use."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_prepared_mail(
    subject: str, body: str, to: list[str], from_email: str, html: str | None = None
) -> None:
    """Send a message rendered in the request (allauth's account mails), outside of it."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


@task()
def export_erstellen(pk: str) -> None:
    """Render a queued PDF export (portal.models.Export)."""
    from portal.models import Export

    if export := Export.objects.filter(pk=pk).first():
        export.erstellen()

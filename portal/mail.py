"""E-mails rendered from templates: `templates/emails/<name>_subject.txt` and `<name>.txt`."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string


def render(name: str, context: dict, to: list[str], reply_to: list[str] | None = None):
    """An EmailMessage in German plain text, ready to send."""
    context = {"portal_name": settings.PORTAL_NAME, "site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
    body = render_to_string(f"emails/{name}.txt", context)
    return EmailMessage(
        subject=f"[{settings.PORTAL_NAME}] {subject}", body=body, to=to, reply_to=reply_to
    )


def send(name: str, context: dict, to: list[str], reply_to: list[str] | None = None) -> None:
    render(name, context, to, reply_to).send()

"""E-mails rendered from templates: `templates/emails/<name>_subject.txt` and `<name>.txt`, and
where it exists `<name>.html`, sent as the HTML alternative of the plain text."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string


def render(
    name: str,
    context: dict,
    to: list[str],
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """An e-mail in German plain text (with its HTML version, if the template has one), ready
    to send."""
    context = {"portal_name": settings.PORTAL_NAME, "site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
    body = render_to_string(f"emails/{name}.txt", context)
    message = EmailMultiAlternatives(
        subject=f"[{settings.PORTAL_NAME}] {subject}",
        body=body,
        to=to,
        reply_to=reply_to,
        headers=headers,
    )
    try:
        html = get_template(f"emails/{name}.html")
    except TemplateDoesNotExist:
        return message
    message.attach_alternative(html.render(context), "text/html")
    return message


def send(
    name: str,
    context: dict,
    to: list[str],
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    render(name, context, to, reply_to, headers).send()

"""PDF documents from templates under templates/pdf/, rendered with WeasyPrint.

Output is PDF/A-3a: tagged (screen readers follow the structure) and archivable. Fonts come
from static/fonts/, never from the machine, so every server renders the same document.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

PDF_VARIANT = "pdf/a-3a"


class FontMissing(RuntimeError):
    """A font named in @font-face could not be loaded; WeasyPrint would silently fall back."""


class _FontProblems(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.problems: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if "Font-face" in message:  # "Font-face '…' cannot be loaded"
            self.problems.append(message)


@contextmanager
def _watch_fonts():
    handler = _FontProblems()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def render_pdf(template_name: str, context: dict) -> bytes:
    html = render_to_string(template_name, context)
    fonts = FontConfiguration()
    with _watch_fonts() as watcher:
        document = HTML(string=html, base_url=str(settings.BASE_DIR / "static") + "/")
        pdf = document.write_pdf(font_config=fonts, pdf_variant=PDF_VARIANT, pdf_tags=True)
    if watcher.problems:
        raise FontMissing("; ".join(watcher.problems))
    return pdf


def als_download(pdf: bytes, dateiname: str) -> HttpResponse:
    """A rendered PDF as a download named `dateiname` (without „.pdf“)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{dateiname}.pdf"'
    return response

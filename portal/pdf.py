"""PDF documents from templates under templates/pdf/, rendered with WeasyPrint.

Output is PDF/A-3a (tagged, so screen readers follow the structure, and archivable) that also
claims PDF/UA-1 in its XMP metadata, with the extension schema PDF/A asks for. Fonts come
from static/fonts/, never from the machine, so every server renders the same document.

Attachments (other PDFs) can be appended; their pages are not ours to vouch for, so such a
document keeps its tags and bookmarks but drops both claims.

Kinds of documents made in the background (portal.models.Export) are registered here by the
apps that own their data, like search sources: `register("buendnisliste", render)`.
"""

import io
import logging
from collections.abc import Callable, Sequence
from contextlib import contextmanager

import pikepdf
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

PDF_VARIANT = "pdf/a-3a"

# The PDF/UA identification, and its description that PDF/A requires for a schema it does not
# predefine (ISO 19005-3, 6.6.2.3).
PDF_UA_XMP = """<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 pdfuaid:part="1"/>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 the document conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""

# Export kind → function(source object, **parameters) → PDF bytes.
RENDERERS: dict[str, Callable[..., bytes]] = {}


def register(kind: str, render: Callable[..., bytes]) -> None:
    RENDERERS[kind] = render


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


def render_pdf(
    template_name: str, context: dict, attachments: Sequence[tuple[str, bytes]] = ()
) -> bytes:
    """The template as a tagged PDF; `attachments` ((title, PDF bytes) …) are appended, each
    with a bookmark."""
    html = render_to_string(template_name, context)
    fonts = FontConfiguration()
    with _watch_fonts() as watcher:
        document = HTML(string=html, base_url=str(settings.BASE_DIR / "static") + "/")
        pdf = document.write_pdf(font_config=fonts, pdf_variant=PDF_VARIANT, pdf_tags=True)
    if watcher.problems:
        raise FontMissing("; ".join(watcher.problems))
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        if attachments:
            _append(doc, attachments)
        else:
            _claim_pdf_ua(doc)
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()


def _claim_pdf_ua(doc: pikepdf.Pdf) -> None:
    xmp = doc.Root.Metadata.read_bytes().decode()
    doc.Root.Metadata.write(xmp.replace("</rdf:RDF>", PDF_UA_XMP + "</rdf:RDF>", 1).encode())


def _append(doc: pikepdf.Pdf, attachments: Sequence[tuple[str, bytes]]) -> None:
    """Append the attachments' pages with a bookmark each, and withdraw the PDF/A claim."""
    with doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        for key in ("pdfaid:part", "pdfaid:conformance"):
            if key in meta:
                del meta[key]
    with doc.open_outline() as outline:
        for title, content in attachments:
            first = len(doc.pages)
            with pikepdf.open(io.BytesIO(content)) as other:
                doc.pages.extend(other.pages)
            outline.root.append(pikepdf.OutlineItem(title, first))


def page_count(pdf: bytes) -> int:
    """Pages of a PDF; raises pikepdf.PdfError for anything that is not one."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


def als_download(pdf: bytes, dateiname: str) -> HttpResponse:
    """A rendered PDF as a download named `dateiname` (without „.pdf“)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{dateiname}.pdf"'
    return response

"""The receipt (Eingangsbestätigung) and the decision letter (Bescheid) as PDFs."""

from foerderung.models import Antrag
from portal.formats import zeitpunkt
from portal.pdf import render_pdf


def quittung(antrag: Antrag) -> bytes:
    """The latest submitted version of the application, as it was submitted (the snapshot in
    Einreichung.daten, not today's fields). Raises Einreichung.DoesNotExist for a draft."""
    einreichung = antrag.einreichungen.latest("nummer")
    von = einreichung.eingereicht_von
    return render_pdf(
        "pdf/antrag_quittung.html",
        {
            "antrag": antrag,
            "einreichung": einreichung,
            "daten": einreichung.daten,
            "eingereicht_am": zeitpunkt(einreichung.eingereicht_am),
            "eingereicht_von": (von.get_full_name() or von.email) if von else "–",
        },
    )


def bescheid(kontext: dict) -> bytes:
    """The decision letter, rendered from templates/pdf/bescheid.html."""
    return render_pdf("pdf/bescheid.html", kontext)

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from foerderung.models import Ausschreibung, Programm
from portal.models import FAQ, Dokument

# Closed calls shown on the overview; each programme's page lists all of its own.
LETZTE_GESCHLOSSENE = 10


def _ausschreibungen():
    return Ausschreibung.objects.veroeffentlicht().select_related("programm")


@require_safe
def uebersicht(request):
    return render(
        request,
        "foerderung/uebersicht.html",
        {
            "programme": Programm.objects.veroeffentlicht(),
            "offene": _ausschreibungen().offen(),
            "kommende": _ausschreibungen().kommend(),
            "geschlossene": _ausschreibungen().geschlossen()[:LETZTE_GESCHLOSSENE],
        },
    )


@require_safe
def programm(request, programm):
    programm = get_object_or_404(
        Programm.objects.sichtbar_fuer(request.user)
        .select_related("faq_thema")
        .prefetch_related(Prefetch("dokumente", queryset=Dokument.objects.veroeffentlicht())),
        slug=programm,
    )
    ausschreibungen = _ausschreibungen().filter(programm=programm)
    return render(
        request,
        "foerderung/programm.html",
        {
            "programm": programm,
            "offene": ausschreibungen.offen(),
            "kommende": ausschreibungen.kommend(),
            "geschlossene": ausschreibungen.geschlossen(),
            "fragen": FAQ.objects.veroeffentlicht().filter(thema=programm.faq_thema_id)
            if programm.faq_thema_id
            else FAQ.objects.none(),
        },
    )


@require_safe
def ausschreibung(request, programm, ausschreibung):
    ausschreibung = get_object_or_404(
        Ausschreibung.objects.sichtbar_fuer(request.user)
        .select_related("programm")
        .prefetch_related(
            "fragen",
            "unterlagen",
            Prefetch("dokumente", queryset=Dokument.objects.veroeffentlicht()),
        ),
        programm__slug=programm,
        slug=ausschreibung,
    )
    return render(
        request,
        "foerderung/ausschreibung.html",
        {"ausschreibung": ausschreibung},
    )

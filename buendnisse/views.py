from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from buendnisse import karte
from buendnisse.filters import BuendnisFilter
from buendnisse.forms import BuendnisProfilForm, PartnerFormSet
from buendnisse.models import Buendnis, Foerderrunde
from kontakte.models import Kreis, Person
from portal import pagecache
from portal.models import Meldung, Veranstaltung
from portal.pdf import render_pdf

# Parameters the map leaves out: it shows every Kreis, and each tile chooses one.
ORTSFILTER = ("kreis", "regierungsbezirk", "page")


def _buendnisse():
    return Buendnis.objects.oeffentlich().select_related("kreis", "foerderrunde", "traeger")


def _karte(request, filterset) -> dict:
    """The tile map for the current choices except the place, and the choices it keeps."""
    auswahl = {k: v for k, v in request.GET.items() if k not in ORTSFILTER}
    ohne_ort = BuendnisFilter(auswahl, queryset=Buendnis.objects.oeffentlich())
    buendnisse = ohne_ort.qs if ohne_ort.is_valid() else Buendnis.objects.none()
    return {
        "buendnisse": buendnisse,
        "kacheln": karte.kacheln(buendnisse, auswahl),
        "masse": karte.abmessungen(),
        "stufen": karte.STUFEN,
        "quelle": Kreis.QUELLE,
        "gewaehlt": filterset.form.cleaned_data.get("kreis") if filterset.is_valid() else None,
    }


@require_safe
@pagecache.public
def liste(request):
    filterset = BuendnisFilter(request.GET, queryset=_buendnisse().prefetch_related("themen"))
    buendnisse = filterset.qs if filterset.is_valid() else Buendnis.objects.none()
    page_obj = Paginator(buendnisse, settings.BUENDNISSE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "buendnisse/liste.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "auswahl": filterset.auswahl(),  # what the PDF export takes along
            **_karte(request, filterset),
        },
    )


@require_POST
@login_required
def liste_pdf(request):
    """The list as its filter shows it, as a PDF made in the background. Only for one Kreis,
    like the coordinators use it; the whole state is the map's table."""
    return BuendnisFilter(request.POST, queryset=_buendnisse()).pdf_je_kreis(
        request,
        "buendnisliste",
        reverse("buendnisse:liste"),
        name="Die Liste der Bündnisse",
        was="die Bündnisse",
        titel="Lokale Bündnisse im {kreis}",
        dateiname="buendnisse-{slug}",
    )


def buendnisliste_pdf(kreis: Kreis, mit_email: bool = False, **auswahl: str) -> bytes:
    """The export „buendnisliste“: the public alliances of a Kreis, narrowed and sorted as in
    the list, each with its Träger, municipalities, funding round and contact people."""
    filterset = BuendnisFilter(
        {**auswahl, "kreis": kreis.slug},
        queryset=_buendnisse().prefetch_related(
            Prefetch(
                "ansprechpersonen",
                queryset=Person.objects.oeffentlich().select_related("organisation"),
            )
        ),
    )
    if not filterset.is_valid():  # a round or topic deleted since it was asked for
        raise ValueError("Die Auswahl gilt nicht mehr. Bitte fordern Sie die Liste neu an.")
    return render_pdf(
        "pdf/buendnisliste.html",
        {
            "mit_email": mit_email,
            "titel": f"Lokale Bündnisse im {kreis}",
            "kreis": kreis,
            # The other choices, named as the list names them.
            "auswahl": BuendnisFilter(auswahl).aktive_filter(),
            "buendnisse": list(filterset.qs),
            "stand": timezone.localdate(),
        },
    )


@require_safe
@pagecache.public
def karte_view(request):
    filterset = BuendnisFilter(request.GET, queryset=_buendnisse())
    kontext = _karte(request, filterset)
    return render(
        request,
        "buendnisse/karte.html",
        {
            "filter": filterset,
            "gesamt": sum(kachel.anzahl for kachel in kontext["kacheln"]),
            "runden": Foerderrunde.objects.mit_zahlen(kontext["buendnisse"]),
            **kontext,
        },
    )


@require_safe
@pagecache.public
def detail(request, slug):
    buendnis = get_object_or_404(
        _buendnisse().prefetch_related(
            "themen",
            "partner__organisation",
            Prefetch(
                "ansprechpersonen",
                queryset=Person.objects.oeffentlich().select_related("organisation", "abteilung"),
            ),
            Prefetch(
                "treffen",
                queryset=Veranstaltung.objects.veroeffentlicht().order_by("-beginn"),
            ),
            Prefetch("meldungen", queryset=Meldung.objects.veroeffentlicht().order_by("-datum")),
        ),
        slug=slug,
    )
    treffen = list(buendnis.treffen.all())
    kommende = set(Veranstaltung.objects.kommende().filter(pk__in=[t.pk for t in treffen]))
    return render(
        request,
        "buendnisse/detail.html",
        {
            "buendnis": buendnis,
            "kommende_treffen": [t for t in reversed(treffen) if t in kommende],
            "vergangene_treffen": [t for t in treffen if t not in kommende],
            "kann_bearbeiten": buendnis.kann_bearbeiten(request.user),
        },
    )


def _get_buendnis_zum_bearbeiten(request, slug) -> Buendnis:
    """The alliance, if the user keeps it: 404 for what does not exist publicly, 403 for a
    public alliance of somebody else."""
    buendnis = get_object_or_404(Buendnis.objects.oeffentlich(), slug=slug)
    if not buendnis.kann_bearbeiten(request.user):
        raise PermissionDenied("Sie können nur die Profile Ihrer eigenen Bündnisse bearbeiten.")
    return buendnis


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def bearbeiten(request, slug):
    buendnis = _get_buendnis_zum_bearbeiten(request, slug)
    daten = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = BuendnisProfilForm(*daten, instance=buendnis)
    partner = PartnerFormSet(*daten, instance=buendnis, prefix="partner")
    if request.method == "POST" and form.is_valid() and partner.is_valid():

        def speichern():
            form.save()
            partner.save()

        if buendnis.profil_aendern(speichern, by=request.user):
            messages.success(request, "Ihre Änderungen sind gespeichert und sofort sichtbar.")
        else:
            messages.info(request, "Sie haben nichts geändert.")
        return redirect(buendnis)
    return render(
        request,
        "buendnisse/bearbeiten.html",
        {"buendnis": buendnis, "form": form, "partner": partner},
    )

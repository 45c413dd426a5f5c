from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.dates import MONTHS
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from buendnisse.models import Buendnis
from portal import calendar, pagecache, search
from portal.forms import SuchForm
from portal.models import (
    FAQ,
    Dokument,
    Export,
    FAQThema,
    Link,
    Meldung,
    Rundschreiben,
    Seite,
    Veranstaltung,
    Video,
)


def _meldungen(queryset=None):
    """Public news with what their entries show, in one query plus one for the attachments."""
    return (
        (queryset if queryset is not None else Meldung.objects.veroeffentlicht())
        .select_related("rundschreiben")
        .prefetch_related(Prefetch("dokumente", queryset=Dokument.objects.veroeffentlicht()))
    )


def _preview(response, obj):
    """An editor's preview of an unpublished item must never land in a shared cache."""
    if not obj.ist_oeffentlich:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _page(request, queryset, per_page=None):
    return Paginator(queryset, per_page or settings.NEWS_PER_PAGE).get_page(request.GET.get("page"))


@require_safe
@pagecache.public
def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "saeulen": Seite.objects.veroeffentlicht()
            .filter(saeule__isnull=False)
            .order_by("saeule"),
            "meldungen": _meldungen()[:4],
            "veranstaltungen": Veranstaltung.objects.kommende()[:3],
            "video": Video.objects.veroeffentlicht().prefetch_related("fassungen").first(),
            "links": Link.objects.all(),
            "zahlen": {
                "meldungen": Meldung.objects.veroeffentlicht().count(),
                "rundschreiben": Rundschreiben.objects.veroeffentlicht().count(),
                "veranstaltungen": Veranstaltung.objects.veroeffentlicht().count(),
                "buendnisse": Buendnis.objects.oeffentlich().count(),
            },
        },
    )


@require_safe
@pagecache.public
def meldung_list(request):
    return render(
        request,
        "portal/meldung_list.html",
        {
            "page_obj": _page(request, _meldungen()),
            "archiv_jahre": Meldung.objects.veroeffentlicht().dates("datum", "year", order="DESC"),
        },
    )


@require_safe
@pagecache.public
def meldung_detail(request, jahr: int, slug: str):
    queryset = _meldungen(Meldung.objects.sichtbar_fuer(request.user))
    meldung = get_object_or_404(queryset, slug=slug, datum__year=jahr)
    context = {"meldung": meldung, "vorschau": meldung}
    return _preview(render(request, "portal/meldung_detail.html", context), meldung)


@require_safe
@pagecache.public
def archiv(request):
    jahre: dict[int, dict] = {}
    for row in Meldung.objects.archiv_monate():
        jahr = jahre.setdefault(row["jahr"], {"jahr": row["jahr"], "anzahl": 0, "monate": []})
        jahr["anzahl"] += row["anzahl"]
        jahr["monate"].append(
            {"monat": row["monat"], "name": MONTHS[row["monat"]], "anzahl": row["anzahl"]}
        )
    return render(request, "portal/archiv.html", {"jahre": list(jahre.values())})


@require_safe
@pagecache.public
def archiv_zeitraum(request, jahr: int, monat: int | None = None):
    meldungen = _meldungen().filter(datum__year=jahr)
    if monat is not None:
        meldungen = meldungen.filter(datum__month=monat)
    page_obj = _page(request, meldungen)
    if not page_obj.paginator.count:
        raise Http404("In diesem Zeitraum gibt es keine Meldungen.")
    titel = f"{MONTHS[monat]} {jahr}" if monat else str(jahr)
    return render(
        request,
        "portal/archiv_zeitraum.html",
        {"page_obj": page_obj, "jahr": jahr, "monat": monat, "titel": titel},
    )


@require_safe
@pagecache.public
def rundschreiben_list(request):
    return render(
        request,
        "portal/rundschreiben_list.html",
        {"page_obj": _page(request, Rundschreiben.objects.veroeffentlicht(), 20)},
    )


def _get_rundschreiben(request, jahr: int, nummer: int) -> Rundschreiben:
    return get_object_or_404(
        Rundschreiben.objects.sichtbar_fuer(request.user), jahr=jahr, nummer=nummer
    )


@require_safe
@pagecache.public
def rundschreiben_detail(request, jahr: int, nummer: int):
    rundschreiben = _get_rundschreiben(request, jahr, nummer)
    context = {
        "rundschreiben": rundschreiben,
        "meldungen": rundschreiben.meldungen.veroeffentlicht(),
        "anlagen": rundschreiben.anlagen.all(),
        "berichtigungen": rundschreiben.berichtigungen.sichtbar_fuer(request.user),
        "vorschau": rundschreiben,
    }
    return _preview(render(request, "portal/rundschreiben_detail.html", context), rundschreiben)


def _download(obj) -> FileResponse:
    try:
        handle = obj.datei.open("rb")  # ValueError: no file (yet)
    except (FileNotFoundError, ValueError):
        raise Http404("Die Datei ist nicht mehr vorhanden.") from None
    return FileResponse(handle, filename=obj.download_name)


@require_safe
def rundschreiben_download(request, jahr: int, nummer: int):
    return _download(_get_rundschreiben(request, jahr, nummer))


@require_safe
def rundschreiben_anlage(request, jahr: int, nummer: int, pk: int):
    rundschreiben = _get_rundschreiben(request, jahr, nummer)
    return _download(get_object_or_404(rundschreiben.anlagen, pk=pk))


@require_safe
@pagecache.public
def dokument_list(request):
    return render(
        request,
        "portal/dokument_list.html",
        {"page_obj": _page(request, Dokument.objects.veroeffentlicht(), 20)},
    )


@require_safe
def dokument_download(request, pk: int):
    return _download(get_object_or_404(Dokument.objects.sichtbar_fuer(request.user), pk=pk))


@require_safe
@pagecache.public
def veranstaltung_list(request):
    return render(
        request,
        "portal/veranstaltung_list.html",
        {
            "kommende": Veranstaltung.objects.kommende(),
            "page_obj": _page(request, Veranstaltung.objects.vergangene()),
        },
    )


def _get_veranstaltung(request, jahr: int, slug: str) -> Veranstaltung:
    veranstaltung = get_object_or_404(Veranstaltung.objects.sichtbar_fuer(request.user), slug=slug)
    if veranstaltung.get_absolute_url() != reverse(
        "portal:veranstaltung-detail", args=[jahr, slug]
    ):
        raise Http404("Diese Veranstaltung gibt es in diesem Jahr nicht.")
    return veranstaltung


@require_safe
@pagecache.public
def veranstaltung_detail(request, jahr: int, slug: str):
    veranstaltung = _get_veranstaltung(request, jahr, slug)
    context = {
        "veranstaltung": veranstaltung,
        "thementische": veranstaltung.thementische.all(),
        "buendnisse": veranstaltung.buendnisse.oeffentlich().select_related("kreis"),
        "vorschau": veranstaltung,
    }
    return _preview(render(request, "portal/veranstaltung_detail.html", context), veranstaltung)


@require_safe
def veranstaltung_ics(request, jahr: int, slug: str):
    veranstaltung = _get_veranstaltung(request, jahr, slug)
    return calendar.response([veranstaltung], f"{veranstaltung.slug}.ics", request)


@require_safe
def kalender_ics(request):
    return calendar.response(
        Veranstaltung.objects.veroeffentlicht(), "veranstaltungen.ics", request
    )


@require_safe
@pagecache.public
def faq(request):
    fragen = FAQ.objects.veroeffentlicht()
    themen = (
        FAQThema.objects.prefetch_related(Prefetch("fragen", queryset=fragen))
        .filter(fragen__in=fragen)
        .distinct()
    )
    return render(request, "portal/faq.html", {"themen": themen})


@require_safe
@pagecache.public
def seite(request, pfad: str):
    seite = get_object_or_404(
        Seite.objects.sichtbar_fuer(request.user).select_related("eltern"), pfad=pfad
    )
    context = {
        "seite": seite,
        "unterseiten": seite.unterseiten.veroeffentlicht().order_by("reihenfolge", "titel"),
        "dokumente": seite.dokumente.veroeffentlicht(),
        "meldungen": _meldungen().filter(saeule=seite.saeule)[:3] if seite.saeule else [],
        "vorschau": seite,
    }
    return _preview(render(request, "portal/seite.html", context), seite)


@require_safe
def video_detail(request, slug: str):
    video = get_object_or_404(Video.objects.sichtbar_fuer(request.user), slug=slug)
    fassungen = list(video.fassungen.all())
    # Two-click solution: an external player is only embedded for the version the visitor
    # asked for by following the "load" link; nothing is requested from the other host before.
    laden = request.GET.get("laden", "")
    geladen = next((f for f in fassungen if str(f.pk) == laden and f.embed_url), None)
    context = {"video": video, "fassungen": fassungen, "geladen": geladen, "vorschau": video}
    return _preview(render(request, "portal/video_detail.html", context), video)


@require_safe
@pagecache.public
def suche(request):
    form = SuchForm(request.GET or None)
    treffer, begriff = [], ""
    if form.is_valid():
        begriff = form.cleaned_data["q"]
        treffer = search.search(begriff)
    page_obj = _page(request, treffer, 20) if begriff else None
    return render(
        request,
        "portal/suche.html",
        {"form": form, "begriff": begriff, "page_obj": page_obj},
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    # The admin is named only at its well-known default address, which robots know anyway:
    # robots.txt is public, and listing a moved admin there would give its address away.
    admin = [f"Disallow: {reverse('admin:index')}"] if settings.ADMIN_PATH == "admin/" else []
    lines = [
        "User-agent: *",
        *admin,
        "Disallow: /konto/",
        "Disallow: /suche/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers; the load balancer takes the instance out otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def bench_floor(request) -> HttpResponse:
    """The benchmark's floor: the least a page can cost through the same middleware and
    server. A 404 unless BENCH_FLOOR_VIEW is on, so production never serves it."""
    if not settings.BENCH_FLOOR_VIEW:
        raise Http404
    return HttpResponse("ok")


@require_safe
@login_required
@never_cache
def export_list(request):
    """The person's own PDF exports of the last days."""
    exporte = Export.objects.von(request.user)
    return render(request, "portal/export_list.html", {"page_obj": _page(request, exporte, 20)})


@require_safe
@login_required
@never_cache
def export(request, pk):
    """A PDF export's state; with ?teil=stand only the part that scripts reload."""
    export = get_object_or_404(Export.objects.von(request.user), pk=pk)
    if request.GET.get("teil") == "stand":
        return render(request, "portal/includes/export_stand.html", {"export": export})
    return render(request, "portal/export.html", {"export": export})


@require_safe
@login_required
def export_download(request, pk):
    export = get_object_or_404(
        Export.objects.von(request.user).filter(stand=Export.Stand.FERTIG), pk=pk
    )
    try:
        handle = export.datei.open("rb")
    except FileNotFoundError:
        raise Http404("Die Datei ist nicht mehr vorhanden.") from None
    response = FileResponse(handle, filename=f"{export.dateiname}.pdf", as_attachment=True)
    patch_cache_control(response, private=True, no_store=True)
    return response

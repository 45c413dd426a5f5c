from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ehrenamt.filters import ArbeitskreisFilter, SachspendenFilter
from ehrenamt.models import Arbeitskreis, Sachspendenstelle
from kontakte.models import Person

PRO_SEITE = 20


@require_safe
def arbeitskreise(request):
    filterset = ArbeitskreisFilter(
        request.GET,
        queryset=Arbeitskreis.objects.oeffentlich()
        .select_related("kreis")
        .prefetch_related("angebotsarten"),
    )
    treffer = filterset.qs.distinct() if filterset.is_valid() else Arbeitskreis.objects.none()
    return render(
        request,
        "ehrenamt/arbeitskreise.html",
        {
            "filter": filterset,
            "page_obj": Paginator(treffer, PRO_SEITE).get_page(request.GET.get("page")),
        },
    )


@require_safe
def arbeitskreis(request, slug: str):
    arbeitskreis = get_object_or_404(
        Arbeitskreis.objects.oeffentlich()
        .select_related("kreis", "traeger")
        .prefetch_related(
            "angebotsarten",
            Prefetch(
                "ansprechpersonen",
                queryset=Person.objects.oeffentlich().select_related("organisation", "abteilung"),
            ),
        ),
        slug=slug,
    )
    return render(request, "ehrenamt/arbeitskreis.html", {"arbeitskreis": arbeitskreis})


@require_safe
def sachspenden(request):
    filterset = SachspendenFilter(
        request.GET, queryset=Sachspendenstelle.objects.oeffentlich().select_related("kreis")
    )
    treffer = filterset.qs if filterset.is_valid() else Sachspendenstelle.objects.none()
    return render(
        request,
        "ehrenamt/sachspenden.html",
        {
            "filter": filterset,
            "page_obj": Paginator(treffer, PRO_SEITE).get_page(request.GET.get("page")),
        },
    )

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from ehrenamt import tasks
from ehrenamt.filters import ArbeitskreisFilter, SachspendenFilter
from ehrenamt.forms import MitmachenForm
from ehrenamt.models import (
    Arbeitskreis,
    Datenschutzhinweis,
    Ehrenamtliche,
    Einwilligung,
    Koordination,
    Sachspendenstelle,
)
from kontakte.models import Person

PRO_SEITE = 20


def koordination_erforderlich(view):
    """For the Ehrenamtskoordination only: sign in first, then 403 for anyone who coordinates
    no Kreis. Each view still loads its objects through `fuer_koordination(user)`, so what
    belongs to another Kreis is a 404."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not Koordination.objects.filter(user=request.user).exists():
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def ehrenamtliche_erforderlich(view):
    """For a volunteer's own pages: the view gets the volunteer as second argument; anyone
    not known as one is sent to ask for a sign-in link (or to sign up)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        person = Ehrenamtliche.aus_anfrage(request)
        if person is None:
            return redirect_to_login(request.get_full_path(), reverse("ehrenamt:zugang"))
        return view(request, person, *args, **kwargs)

    return wrapped


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


@require_http_methods(["GET", "HEAD", "POST"])
def mitmachen(request):
    form = MitmachenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            person = form.save()
            transaction.on_commit(lambda: tasks.bestaetigung_senden.enqueue(person.pk))
        return redirect("ehrenamt:mitmachen-danke")
    return render(
        request,
        "ehrenamt/mitmachen.html",
        {"form": form, "hinweis": Datenschutzhinweis.aktuell()},
    )


@require_safe
def mitmachen_danke(request):
    return render(request, "ehrenamt/mitmachen_danke.html")


@require_http_methods(["GET", "HEAD", "POST"])
def bestaetigen(request, token: str):
    """The link from the mail shows a button: mail scanners that open links confirm nothing."""
    if request.method != "POST":
        return render(request, "ehrenamt/bestaetigen.html", {"token": token})
    person = Ehrenamtliche.bestaetigen(token)
    if person is None:
        return render(request, "ehrenamt/bestaetigen_ungueltig.html", status=404)
    person.anmelden_in(request)
    return render(request, "ehrenamt/bestaetigt.html", {"person": person})


@require_http_methods(["GET", "HEAD", "POST"])
def einwilligungen(request, token: str):
    """A volunteer's consents, from the link in every mail; each withdrawn with one click."""
    person = Ehrenamtliche.aus_einwilligungen_token(token)
    if person is None:
        return render(request, "ehrenamt/bestaetigen_ungueltig.html", status=404)
    if request.method == "POST":
        zweck = request.POST.get("zweck", "")
        if zweck in Einwilligung.Zweck.values and person.widerrufen(zweck):
            messages.success(
                request,
                f"Widerrufen: {Einwilligung.Zweck(zweck).label}. Das gilt ab sofort.",
            )
        return redirect("ehrenamt:einwilligungen", token)
    return render(
        request,
        "ehrenamt/einwilligungen.html",
        {"person": person, "einwilligungen": person.einwilligungen.select_related("hinweis")},
    )

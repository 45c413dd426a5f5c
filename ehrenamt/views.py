from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ehrenamt import calendar, dsgvo, tasks
from ehrenamt.filters import (
    ArbeitskreisFilter,
    EhrenamtlicheFilter,
    GesuchFilter,
    SachspendenFilter,
    SchulungFilter,
)
from ehrenamt.forms import (
    AnwesenheitForm,
    EigeneAngabenForm,
    EntscheidungForm,
    GesuchForm,
    InteresseForm,
    KoordinationAngabenForm,
    MitmachenForm,
    NotizForm,
    SchulungForm,
    ZugangForm,
    ZuordnungForm,
)
from ehrenamt.models import (
    Angebotsart,
    Arbeitskreis,
    Datenschutzhinweis,
    Ehrenamtliche,
    Einwilligung,
    Gesuch,
    Interesse,
    Koordination,
    Listenexport,
    Sachspendenstelle,
    Schulung,
    Teilnahme,
)
from kontakte.models import Person
from portal import pagecache
from portal.exports import csv_antwort
from portal.models import Export
from portal.pdf import als_download, render_pdf
from portal.ratelimit import limit_posts

PRO_SEITE = 20


def _liste(request, template: str, filterset, **kontext):
    """A filterable list, paginated; a filter with a wrong value shows its German message
    and no rows."""
    treffer = filterset.qs.distinct() if filterset.is_valid() else filterset.queryset.none()
    seite = Paginator(treffer, PRO_SEITE).get_page(request.GET.get("page"))
    return render(request, template, {"filter": filterset, "page_obj": seite, **kontext})


def _zahl(wert: str | None) -> int | None:
    return int(wert) if wert and wert.isdigit() and len(wert) < 10 else None


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
def start(request):
    """Why volunteer, the kinds of help, and what is open now: needs, trainings, working
    groups, donation points, and whom to ask."""
    return render(
        request,
        "ehrenamt/start.html",
        {
            "angebotsarten": Angebotsart.objects.all(),
            "gesuche": Gesuch.objects.offen()
            .select_related("angebotsart", "kreis")
            .order_by("-erstellt_am")[:4],
            "schulungen": Schulung.objects.veroeffentlicht()
            .kommend()
            .mit_belegung()
            .select_related("kreis")
            .order_by("erster_beginn")[:4],
            "koordiniert": request.user.is_authenticated
            and Koordination.objects.filter(user=request.user).exists(),
            "arbeitskreise": Arbeitskreis.objects.oeffentlich().count(),
            "sachspendenstellen": Sachspendenstelle.objects.oeffentlich().count(),
            "personen": Person.objects.oeffentlich()
            .filter(themen__slug="ehrenamt")
            .select_related("organisation", "abteilung")
            .prefetch_related("themen")
            .order_by("organisation__kreis__name", "organisation__name", "nachname")[:8],
        },
    )


@require_safe
@pagecache.public
def arbeitskreise(request):
    filterset = ArbeitskreisFilter(
        request.GET,
        queryset=Arbeitskreis.objects.oeffentlich()
        .select_related("kreis")
        .prefetch_related("angebotsarten"),
    )
    return _liste(request, "ehrenamt/arbeitskreise.html", filterset)


@require_safe
@pagecache.public
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
@pagecache.public
def sachspenden(request):
    filterset = SachspendenFilter(
        request.GET, queryset=Sachspendenstelle.objects.oeffentlich().select_related("kreis")
    )
    return _liste(request, "ehrenamt/sachspenden.html", filterset)


@require_http_methods(["GET", "HEAD", "POST"])
@limit_posts("ehrenamt-mitmachen")
def mitmachen(request):
    gesuch = Gesuch.objects.offen().filter(pk=_zahl(request.GET.get("gesuch"))).first()
    form = MitmachenForm(request.POST or None, user=request.user, gesuch=gesuch)
    if request.method == "POST" and form.einmal_speichern():
        return redirect("ehrenamt:mitmachen-danke")
    return render(
        request,
        "ehrenamt/mitmachen.html",
        {"form": form, "hinweis": Datenschutzhinweis.aktuell(), "gesuch": gesuch},
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


# --- The volunteer's own pages ---------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@limit_posts("ehrenamt-zugang")
def zugang(request):
    """A volunteer without an account asks for a sign-in link; the answer never says whether
    the address is known."""
    form = ZugangForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for person in Ehrenamtliche.objects.erreichbar().filter(
            email__iexact=form.cleaned_data["email"]
        ):
            tasks.zugang_senden.enqueue(person.pk, _weiter(request) or "")
        return render(
            request, "ehrenamt/zugang_gesendet.html", {"email": form.cleaned_data["email"]}
        )
    return render(request, "ehrenamt/zugang.html", {"form": form, "weiter": _weiter(request)})


def _weiter(request) -> str | None:
    """Where to go after signing in: a page of this site only."""
    weiter = request.POST.get("next") or request.GET.get("next")
    if weiter and url_has_allowed_host_and_scheme(weiter, {request.get_host()}):
        return weiter
    return None


@require_http_methods(["GET", "HEAD", "POST"])
def zugang_link(request, token: str):
    """The sign-in link from the mail shows a button, like the confirmation link."""
    person = Ehrenamtliche.aus_zugangs_token(token)
    if person is None:
        return render(request, "ehrenamt/bestaetigen_ungueltig.html", status=404)
    if request.method != "POST":
        return render(request, "ehrenamt/zugang_link.html", {"weiter": _weiter(request)})
    person.anmelden_in(request)
    person.aktiv_gewesen()
    return redirect(_weiter(request) or "ehrenamt:mein-engagement")


@require_safe
@ehrenamtliche_erforderlich
def mein_engagement(request, person):
    return render(
        request,
        "ehrenamt/mein_engagement.html",
        {
            "person": person,
            "einwilligungen": person.einwilligungen.gueltig().select_related("hinweis"),
            "offene_zwecke": [
                zweck
                for zweck in Einwilligung.Zweck
                if not person.hat_eingewilligt(zweck) and zweck != Einwilligung.Zweck.KONTAKT
            ],
            "arbeitskreise": person.arbeitskreise.all(),
            "hinweis": Datenschutzhinweis.aktuell(),
            "mit_konto": person.user_id is not None and person.user_id == request.user.pk,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@ehrenamtliche_erforderlich
def angaben_bearbeiten(request, person):
    """Art. 16 DSGVO: the volunteer corrects their own data."""
    form = EigeneAngabenForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Ihre Angaben sind gespeichert.")
        return redirect("ehrenamt:mein-engagement")
    return render(request, "ehrenamt/angaben_bearbeiten.html", {"form": form, "person": person})


@require_POST
@ehrenamtliche_erforderlich
def einwilligung_aendern(request, person):
    """One click in the volunteer's page: withdraw a consent, give one, or confirm a new
    version of the privacy notice."""
    aktion, zweck = request.POST.get("aktion", ""), request.POST.get("zweck", "")
    if aktion == "hinweis":
        person.hinweis_bestaetigen(Einwilligung.Weg.KONTO)
        messages.success(request, "Danke, Sie haben den geänderten Datenschutzhinweis bestätigt.")
    elif zweck in Einwilligung.Zweck.values:
        name = Einwilligung.Zweck(zweck).label
        if aktion == "widerrufen" and person.widerrufen(zweck):
            messages.success(request, f"Widerrufen: {name}. Das gilt ab sofort.")
        elif aktion == "erteilen" and not person.hat_eingewilligt(zweck):
            person.einwilligen(zweck, Einwilligung.Weg.KONTO)
            messages.success(request, f"Eingewilligt: {name}.")
    return redirect("ehrenamt:mein-engagement")


def auskunft_json(person: Ehrenamtliche) -> JsonResponse:
    response = JsonResponse(
        dsgvo.auskunft(person), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="auskunft-art-15.json"'
    return response


def auskunft_pdf(person: Ehrenamtliche) -> HttpResponse:
    pdf = render_pdf("pdf/auskunft.html", {"person": person, "auskunft": dsgvo.auskunft(person)})
    return als_download(pdf, "auskunft-art-15")


@require_safe
@ehrenamtliche_erforderlich
def meine_daten_json(request, person):
    """Art. 15 DSGVO: everything held about the volunteer, machine-readable."""
    return auskunft_json(person)


@require_safe
@ehrenamtliche_erforderlich
def meine_daten_pdf(request, person):
    """Art. 15 DSGVO: the same as a readable document."""
    return auskunft_pdf(person)


@require_http_methods(["GET", "HEAD", "POST"])
@ehrenamtliche_erforderlich
def loeschen(request, person):
    """Art. 17 DSGVO: the volunteer asks to be erased; the job anonymises them."""
    if request.method == "POST":
        if request.POST.get("bestaetigt") != "ja":
            messages.error(request, "Bitte bestätigen Sie, dass Ihre Daten gelöscht werden sollen.")
            return redirect("ehrenamt:loeschen")
        tasks.anonymisieren.enqueue(person.pk)
        request.session.pop(Ehrenamtliche.SITZUNG, None)
        return render(request, "ehrenamt/geloescht.html")
    return render(request, "ehrenamt/loeschen.html", {"person": person})


@require_POST
def sitzung_beenden(request):
    """Forget the volunteer in this browser (those without an account)."""
    request.session.pop(Ehrenamtliche.SITZUNG, None)
    messages.success(request, "Sie sind abgemeldet.")
    return redirect("ehrenamt:start")


# --- The coordination's back office: volunteers ----------------------------------------------


def _ehrenamtliche_fuer(request, pk: int) -> Ehrenamtliche:
    """A volunteer of the coordinator's Kreis; anyone else's is a 404."""
    return get_object_or_404(Ehrenamtliche.objects.fuer_koordination(request.user), pk=pk)


def _ehrenamtliche_filter(request) -> EhrenamtlicheFilter:
    return EhrenamtlicheFilter(
        request.GET,
        queryset=Ehrenamtliche.objects.fuer_koordination(request.user)
        .select_related("kreis")
        .prefetch_related("angebotsarten", "arbeitskreise"),
        kreise=Koordination.objects.kreise_von(request.user),
    )


@require_safe
@koordination_erforderlich
def koordination(request):
    filterset = _ehrenamtliche_filter(request)
    return _liste(
        request,
        "ehrenamt/koordination.html",
        filterset,
        kreise=Koordination.objects.kreise_von(request.user),
    )


@require_safe
@koordination_erforderlich
def koordination_export(request):
    """The filtered list as CSV; the log keeps who exported whom, not the file."""
    filterset = _ehrenamtliche_filter(request)
    if not filterset.is_valid():
        messages.error(request, "Bitte prüfen Sie die Filter.")
        return redirect("ehrenamt:koordination")
    personen = list(filterset.qs.distinct())
    Listenexport.protokollieren(request.user, request.GET.urlencode(), personen)
    return csv_antwort(
        f"ehrenamtliche-{timezone.localdate():%Y-%m-%d}",
        EXPORT_SPALTEN,
        (person.export_zeile() for person in personen),
    )


EXPORT_SPALTEN = [
    "Vorname",
    "Nachname",
    "E-Mail",
    "Telefon",
    "Postleitzahl",
    "Kreis",
    "Arten der Hilfe",
    "Sprachen",
    "Zeit",
    "Arbeitskreise",
    "Stand",
    "Bestätigt am",
]


@require_http_methods(["GET", "HEAD", "POST"])
@koordination_erforderlich
def koordination_person(request, pk: int):
    """One volunteer: data, consents, notes, working groups, needs, trainings, exports."""
    person = _ehrenamtliche_fuer(request, pk)
    notiz_form = NotizForm(request.POST if "notiz" in request.POST else None)
    zuordnung_form = ZuordnungForm(
        request.POST if "zuordnen" in request.POST else None, person=person
    )
    if notiz_form.is_bound and notiz_form.is_valid():
        notiz_form.instance.ehrenamtliche, notiz_form.instance.verfasst_von = person, request.user
        notiz_form.save()
        messages.success(request, "Die Notiz ist gespeichert.")
        return redirect("ehrenamt:koordination-person", pk)
    if zuordnung_form.is_bound and zuordnung_form.is_valid():
        person.zuordnen(zuordnung_form.cleaned_data["arbeitskreis"], request.user)
        messages.success(request, f"{person} steht jetzt auf der Liste des Arbeitskreises.")
        return redirect("ehrenamt:koordination-person", pk)
    if "entfernen" in request.POST:
        person.zuordnungen.filter(arbeitskreis_id=_zahl(request.POST["entfernen"])).delete()
        return redirect("ehrenamt:koordination-person", pk)
    return render(
        request,
        "ehrenamt/koordination_person.html",
        {
            "person": person,
            "notiz_form": notiz_form,
            "zuordnung_form": zuordnung_form,
            "darf_zuordnen": person.hat_eingewilligt(Einwilligung.Zweck.ARBEITSKREIS),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@koordination_erforderlich
def koordination_person_bearbeiten(request, pk: int):
    """Art. 16 DSGVO on the volunteer's request by phone or letter."""
    person = _ehrenamtliche_fuer(request, pk)
    form = KoordinationAngabenForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Die Angaben sind gespeichert.")
        return redirect("ehrenamt:koordination-person", pk)
    return render(
        request,
        "ehrenamt/angaben_bearbeiten.html",
        {
            "form": form,
            "person": person,
            "zurueck": reverse("ehrenamt:koordination-person", args=[pk]),
        },
    )


@require_safe
@koordination_erforderlich
def koordination_auskunft_json(request, pk: int):
    """Art. 15 DSGVO for a request by post: the coordination prints or sends the file."""
    return auskunft_json(_ehrenamtliche_fuer(request, pk))


@require_safe
@koordination_erforderlich
def koordination_auskunft_pdf(request, pk: int):
    return auskunft_pdf(_ehrenamtliche_fuer(request, pk))


@require_http_methods(["GET", "HEAD", "POST"])
@koordination_erforderlich
def koordination_loeschen(request, pk: int):
    """Art. 17 DSGVO on the volunteer's request to the coordination."""
    person = _ehrenamtliche_fuer(request, pk)
    if request.method == "POST" and request.POST.get("bestaetigt") == "ja":
        tasks.anonymisieren.enqueue(person.pk)
        messages.success(request, "Die Daten werden gelöscht.")
        return redirect("ehrenamt:koordination")
    if request.method == "POST":
        messages.error(request, "Bitte bestätigen Sie die Löschung.")
    return render(request, "ehrenamt/koordination_loeschen.html", {"person": person})


@require_safe
@koordination_erforderlich
def koordination_arbeitskreis(request, pk: int):
    """A working group's list: only volunteers who agreed to their details being passed on."""
    arbeitskreis = get_object_or_404(
        Arbeitskreis.objects.filter(kreis__in=Koordination.objects.kreise_von(request.user)),
        pk=pk,
    )
    personen = (
        Ehrenamtliche.objects.fuer_koordination(request.user)
        .mit_einwilligung(Einwilligung.Zweck.ARBEITSKREIS)
        .filter(zuordnungen__arbeitskreis=arbeitskreis)
        .prefetch_related("angebotsarten")
    )
    return render(
        request,
        "ehrenamt/koordination_arbeitskreis.html",
        {"arbeitskreis": arbeitskreis, "personen": personen},
    )


# --- Needs (Gesuche) ---


def _mit_frei(gesuche):
    """Open needs with `frei`, the places still to fill."""
    return (
        gesuche.select_related("kreis", "angebotsart")
        .annotate(frei=F("anzahl") - F("angenommen"))
        .order_by("-erstellt_am", "-pk")
    )


@require_safe
@pagecache.public
def gesuche(request):
    filterset = GesuchFilter(request.GET, queryset=_mit_frei(Gesuch.objects.offen()))
    return _liste(request, "ehrenamt/gesuche.html", filterset)


@require_http_methods(["GET", "HEAD", "POST"])
def gesuch(request, pk: int):
    """An open need; a volunteer known to the portal offers to help with one click, anyone
    else is sent to the sign-up (which remembers the need) or to ask for a sign-in link."""
    gesuch = get_object_or_404(_mit_frei(Gesuch.objects.offen()), pk=pk)
    person = Ehrenamtliche.aus_anfrage(request)
    if person is None:
        if request.method == "POST":
            return redirect(f"{reverse('ehrenamt:mitmachen')}?gesuch={gesuch.pk}")
        return render(request, "ehrenamt/gesuch.html", {"gesuch": gesuch})
    interesse = (
        person.interessen.filter(gesuch=gesuch)
        .exclude(stand=Interesse.Stand.ZURUECKGEZOGEN)
        .first()
    )
    form = InteresseForm(
        request.POST if request.method == "POST" else None, person=person, gesuch=gesuch
    )
    if request.method == "POST" and form.is_valid():
        form.speichern()
        messages.success(
            request,
            f"Danke! Die Ehrenamtskoordination im {gesuch.kreis} hat Ihre Rückmeldung erhalten "
            "und meldet sich bei Ihnen.",
        )
        return redirect(gesuch)
    return render(
        request,
        "ehrenamt/gesuch.html",
        {"gesuch": gesuch, "person": person, "interesse": interesse, "form": form},
    )


@require_POST
@ehrenamtliche_erforderlich
def interesse_zurueckziehen(request, person, pk: int):
    interesse = get_object_or_404(person.interessen.select_related("gesuch"), pk=pk)
    if interesse.zurueckziehen():
        messages.success(request, f"Sie haben Ihr Interesse an „{interesse.gesuch}“ zurückgezogen.")
    return redirect(_weiter(request) or "ehrenamt:mein-engagement")


def _gesuch_fuer_koordination(request, pk: int) -> Gesuch:
    """A need of a Kreis the user coordinates; another Kreis's is a 404."""
    return get_object_or_404(
        Gesuch.objects.fuer_koordination(request.user).select_related("kreis", "angebotsart"),
        pk=pk,
    )


@require_safe
@koordination_erforderlich
def koordination_gesuche(request):
    sichtbar = Ehrenamtliche.objects.fuer_koordination(request.user)
    gesuche = (
        Gesuch.objects.fuer_koordination(request.user)
        .select_related("kreis", "angebotsart")
        .annotate(
            offene=Count(
                "interessen",
                filter=Q(
                    interessen__stand=Interesse.Stand.OFFEN,
                    interessen__ehrenamtliche__in=sichtbar,
                ),
            ),
            angenommene=Count("interessen", filter=Q(interessen__stand=Interesse.Stand.ANGENOMMEN)),
        )
        .order_by("-erstellt_am", "-pk")
    )
    return render(
        request,
        "ehrenamt/koordination_gesuche.html",
        {
            "page_obj": Paginator(gesuche, PRO_SEITE).get_page(request.GET.get("page")),
            "heute": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@koordination_erforderlich
def koordination_gesuch_bearbeiten(request, pk: int | None = None):
    """Write a new need (without `pk`) or change one."""
    gesuch = _gesuch_fuer_koordination(request, pk) if pk else Gesuch(erstellt_von=request.user)
    form = GesuchForm(
        request.POST if request.method == "POST" else None, instance=gesuch, user=request.user
    )
    if form.is_valid():
        gesuch = form.save()
        messages.success(request, f"Das Gesuch „{gesuch}“ ist gespeichert.")
        return redirect("ehrenamt:koordination-gesuch", gesuch.pk)
    return render(
        request,
        "ehrenamt/koordination_gesuch_form.html",
        {"form": form, "gesuch": gesuch if pk else None},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@koordination_erforderlich
def koordination_gesuch(request, pk: int):
    """A need with the interests of the volunteers the user may see; each open one is
    accepted or declined with a button."""
    gesuch = _gesuch_fuer_koordination(request, pk)
    interessen = gesuch.interessen.filter(
        ehrenamtliche__in=Ehrenamtliche.objects.fuer_koordination(request.user)
    ).select_related("ehrenamtliche")
    if request.method == "POST":
        form = EntscheidungForm(request.POST, interessen=interessen)
        if not form.is_valid():
            messages.error(request, "Diese Rückmeldung ist nicht mehr offen.")
            return redirect("ehrenamt:koordination-gesuch", gesuch.pk)
        try:
            interesse = form.entscheiden(request.user)
        except ValidationError as fehler:
            messages.error(request, " ".join(fehler.messages))
        else:
            messages.success(
                request,
                f"{interesse.ehrenamtliche}: {interesse.get_stand_display()}. "
                "Sie oder er erhält dazu eine E-Mail.",
            )
        return redirect("ehrenamt:koordination-gesuch", gesuch.pk)
    return render(
        request,
        "ehrenamt/koordination_gesuch.html",
        {
            "gesuch": gesuch,
            "interessen": interessen,
            "frei": gesuch.plaetze_frei(),
            "oeffentlich": Gesuch.objects.offen().filter(pk=gesuch.pk).exists(),
        },
    )


# --- Trainings (Schulungen) ---


@require_safe
def schulungen(request):
    """Published trainings still to come, the next first; statewide ones with every Kreis."""
    filterset = SchulungFilter(
        request.GET,
        queryset=Schulung.objects.veroeffentlicht()
        .kommend()
        .mit_belegung()
        .select_related("kreis")
        .prefetch_related("termine")
        .order_by("erster_beginn", "titel"),
    )
    return _liste(request, "ehrenamt/schulungen.html", filterset)


@require_http_methods(["GET", "HEAD", "POST"])
def schulung(request, slug: str):
    """A training; a volunteer known to the portal registers with one button (a place or the
    waiting list), anyone else is sent to sign up or to ask for a sign-in link."""
    schulung = get_object_or_404(
        Schulung.objects.veroeffentlicht()
        .mit_belegung()
        .select_related("kreis")
        .prefetch_related("termine"),
        slug=slug,
    )
    person = Ehrenamtliche.aus_anfrage(request)
    if request.method == "POST":
        if person is None:
            return redirect_to_login(request.get_full_path(), reverse("ehrenamt:zugang"))
        _anmelden(request, schulung, person)
        return redirect(schulung)
    return render(
        request,
        "ehrenamt/schulung.html",
        {
            "schulung": schulung,
            "person": person,
            "teilnahme": schulung.teilnahme_von(person),
            "geschlossen": schulung.anmeldung_geschlossen(),
        },
    )


def _anmelden(request, schulung: Schulung, person: Ehrenamtliche) -> None:
    """Register and say how it went; nothing is stored once registration has closed."""
    if geschlossen := schulung.anmeldung_geschlossen():
        messages.error(request, geschlossen)
        return
    if bisher := schulung.teilnahme_von(person):
        messages.info(request, f"Sie sind schon eingetragen: {bisher.get_stand_display()}.")
        return
    teilnahme = schulung.anmelden(person)
    if teilnahme.stand == Teilnahme.Stand.ANGEMELDET:
        messages.success(
            request,
            f"Sie sind für „{schulung}“ verbindlich angemeldet. Zwei Tage vorher erinnern wir "
            "Sie per E-Mail.",
        )
    else:
        messages.success(
            request,
            f"Alle Plätze sind vergeben. Sie stehen auf Platz {teilnahme.wartelistenplatz()} "
            "der Warteliste. Wird ein Platz frei, rücken Sie automatisch nach und erhalten eine "
            "E-Mail.",
        )


@require_safe
def schulung_ics(request, slug: str):
    schulung = get_object_or_404(
        Schulung.objects.veroeffentlicht().prefetch_related("termine"), slug=slug
    )
    return calendar.response(schulung, request)


@require_POST
@ehrenamtliche_erforderlich
def teilnahme_abmelden(request, person, pk: int):
    """The volunteer cancels; the first on the waiting list moves up and is told by mail."""
    teilnahme = get_object_or_404(person.teilnahmen.select_related("schulung"), pk=pk)
    if teilnahme.stand == Teilnahme.Stand.ABGEMELDET:
        messages.info(request, f"Sie sind von „{teilnahme.schulung}“ schon abgemeldet.")
    elif not teilnahme.kann_abmelden:
        messages.error(
            request, "Die Schulung hat bereits begonnen; eine Abmeldung ist nicht mehr möglich."
        )
    else:
        teilnahme.abmelden()
        messages.success(
            request,
            f"Sie sind von „{teilnahme.schulung}“ abgemeldet. Danke, dass Sie Bescheid gegeben "
            "haben.",
        )
    return redirect(_weiter(request) or "ehrenamt:mein-engagement")


@require_safe
@ehrenamtliche_erforderlich
def teilnahmebescheinigung(request, person, pk: int):
    """The certificate of attendance, once the coordination recorded the attendance."""
    teilnahme = get_object_or_404(
        person.teilnahmen.select_related("schulung__kreis").filter(teilgenommen=True), pk=pk
    )
    schulung = teilnahme.schulung
    pdf = render_pdf(
        "pdf/teilnahmebescheinigung.html",
        {
            "person": person,
            "schulung": schulung,
            "termine": schulung.termine.all(),
            "ausgestellt_am": timezone.localdate(),
        },
    )
    return als_download(pdf, f"teilnahmebescheinigung-{schulung.slug}")


def teilnahmeliste_pdf(schulung: Schulung, schulungen: list[int] | None = None) -> bytes:
    """The export „teilnahmeliste“: attendance lists for signing on site, one after the other
    – of `schulung`, or of the trainings `schulungen` (pks, in this order) when several were
    chosen. Those with a place only, by name."""
    pks = schulungen or [schulung.pk]
    geladen = Schulung.objects.select_related("kreis").prefetch_related("termine").in_bulk(pks)
    listen = [
        (
            geladen[pk],
            geladen[pk]
            .teilnahmen.filter(stand=Teilnahme.Stand.ANGEMELDET)
            .select_related("ehrenamtliche")
            .order_by("ehrenamtliche__nachname", "ehrenamtliche__vorname"),
        )
        for pk in pks
        if pk in geladen  # a training deleted since drops out
    ]
    return render_pdf("pdf/teilnahmeliste.html", {"listen": listen, "leer": range(5)})


def teilnahmelisten_anfordern(
    request: HttpRequest, schulungen: list[Schulung], zurueck: str
) -> HttpResponse:
    """Queue the attendance lists of the trainings (already checked for this user) as one PDF
    and show its state; the first training is the export's source. Too many exports waiting:
    back to `zurueck` with the reason."""
    erste = schulungen[0]
    if len(schulungen) == 1:
        titel, dateiname, parameter = (
            f"Teilnahmeliste: {erste.titel}",
            f"teilnahmeliste-{erste.slug}",
            {},
        )
    else:
        titel = f"Teilnahmelisten von {len(schulungen)} Schulungen"
        dateiname, parameter = "teilnahmelisten", {"schulungen": [s.pk for s in schulungen]}
    try:
        export = Export.anfordern(
            erste,
            "teilnahmeliste",
            request.user,
            titel,
            dateiname,
            parameter=parameter,
            zurueck=zurueck,
        )
    except ValidationError as fehler:
        messages.error(request, " ".join(fehler.messages))
        return redirect(zurueck)
    return redirect(export)


def _schulung_fuer_koordination(request, pk: int) -> Schulung:
    """A training of a Kreis the user coordinates; another Kreis's (or a statewide one) is a
    404."""
    return get_object_or_404(
        Schulung.objects.fuer_koordination(request.user)
        .select_related("kreis")
        .prefetch_related("termine"),
        pk=pk,
    )


@require_safe
@koordination_erforderlich
def koordination_schulungen(request):
    schulungen = (
        Schulung.objects.fuer_koordination(request.user)
        .mit_belegung()
        .select_related("kreis")
        .order_by(F("erster_beginn").desc(nulls_first=True), "titel")
    )
    return render(
        request,
        "ehrenamt/koordination_schulungen.html",
        {"page_obj": Paginator(schulungen, PRO_SEITE).get_page(request.GET.get("page"))},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@koordination_erforderlich
def koordination_schulung_bearbeiten(request, pk: int | None = None):
    """Write a new training (without `pk`) or change one, with its dates."""
    schulung = _schulung_fuer_koordination(request, pk) if pk else Schulung()
    form = SchulungForm(
        request.POST if request.method == "POST" else None, instance=schulung, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        schulung = form.save(user=request.user)
        messages.success(request, f"Die Schulung „{schulung}“ ist gespeichert.")
        return redirect("ehrenamt:koordination-schulung", schulung.pk)
    return render(
        request,
        "ehrenamt/koordination_schulung_form.html",
        {"form": form, "schulung": schulung if pk else None},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@koordination_erforderlich
def koordination_schulung(request, pk: int):
    """Registrations and waiting list in order; once the training began, who attended."""
    schulung = _schulung_fuer_koordination(request, pk)
    form = None
    if schulung.hat_begonnen:
        form = AnwesenheitForm(
            request.POST if request.method == "POST" else None, schulung=schulung
        )
    if request.method == "POST":
        if form is None:
            messages.error(
                request, "Die Teilnahme lässt sich erst erfassen, wenn die Schulung begonnen hat."
            )
            return redirect("ehrenamt:koordination-schulung", schulung.pk)
        if form.is_valid():
            form.save()
            messages.success(request, "Die Teilnahme ist gespeichert.")
            return redirect("ehrenamt:koordination-schulung", schulung.pk)
    teilnahmen = list(
        schulung.teilnahmen.exclude(stand=Teilnahme.Stand.ABGEMELDET)
        .select_related("ehrenamtliche")
        .order_by("angemeldet_am", "pk")
    )
    return render(
        request,
        "ehrenamt/koordination_schulung.html",
        {
            "schulung": schulung,
            "form": form,
            "angemeldet": [t for t in teilnahmen if t.stand == Teilnahme.Stand.ANGEMELDET],
            "warteliste": [t for t in teilnahmen if t.stand == Teilnahme.Stand.WARTELISTE],
        },
    )


@require_POST
@koordination_erforderlich
def koordination_teilnahmeliste(request, pk: int):
    """The attendance list for signing on site, made in the background."""
    schulung = _schulung_fuer_koordination(request, pk)
    zurueck = reverse("ehrenamt:koordination-schulung", args=[schulung.pk])
    return teilnahmelisten_anfordern(request, [schulung], zurueck)

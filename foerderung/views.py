from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Prefetch, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from foerderung import pdf
from foerderung.forms import (
    EinreichenForm,
    NachweisForm,
    RueckfrageAntwortForm,
    StartForm,
    ZurueckziehenForm,
    schritte_fuer,
)
from foerderung.models import (
    Anhang,
    Antrag,
    Ausschreibung,
    Bescheid,
    Fristverlaengerung,
    Programm,
    UebergangVerweigert,
    Verwendungsnachweis,
)
from kontakte.models import Mitgliedschaft, Organisation
from portal import pagecache
from portal.models import FAQ, Dokument
from portal.pdf import als_download

# Closed calls shown on the overview; each programme's page lists all of its own.
LETZTE_GESCHLOSSENE = 10
# Funded projects listed on a programme's page, the latest calls first.
GEFOERDERT_ZEIGEN = 100


def _ausschreibungen():
    return Ausschreibung.objects.veroeffentlicht().select_related("programm")


@require_safe
@pagecache.public
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
    gefoerdert = Antrag.objects.bewilligt().freigegeben().filter(ausschreibung__programm=programm)
    return render(
        request,
        "foerderung/programm.html",
        {
            "programm": programm,
            "offene": ausschreibungen.offen(),
            "kommende": ausschreibungen.kommend(),
            "geschlossene": ausschreibungen.geschlossen(),
            "gefoerdert": gefoerdert.select_related(
                "organisation__kreis", "ausschreibung"
            ).order_by("-ausschreibung__offen_bis", "organisation__name")[:GEFOERDERT_ZEIGEN],
            "gefoerdert_summe": gefoerdert.aggregate(
                anzahl=Count("pk"), summe=Sum("bewilligt_betrag")
            ),
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


# --- The applicants' area ---------------------------------------------------------------------


def _antraege(request):
    """The applications of the organisations the user acts for; everything else is a 404."""
    return Antrag.objects.sichtbar_fuer(request.user).select_related(
        "ausschreibung__programm", "organisation__kreis"
    )


def _get_antrag(request, pk: int) -> Antrag:
    # What every step asks when it checks whether it is complete (fehlt), loaded once.
    return get_object_or_404(
        _antraege(request).prefetch_related(
            "ausschreibung__fragen", "ausschreibung__unterlagen", "kostenpositionen", "anhaenge"
        ),
        pk=pk,
    )


@require_safe
@login_required
def antrag_liste(request):
    organisationen = list(Organisation.objects.vertreten_von(request.user))
    offene = [
        ausschreibung
        for ausschreibung in _ausschreibungen().offen()
        if any(ausschreibung.ist_berechtigt(o) for o in organisationen)
    ]
    return render(
        request,
        "foerderung/antrag_liste.html",
        {
            "antraege": _antraege(request).order_by("-geaendert_am"),
            "organisationen": organisationen,
            "offene": offene,
            "wartend": Mitgliedschaft.objects.offen()
            .filter(user=request.user)
            .select_related("organisation"),
        },
    )


def _darf_beginnen(ausschreibung: Ausschreibung, organisation: Organisation) -> bool:
    """The call is open for this organisation, counting an extension staff granted."""
    if ausschreibung.stand() == "offen":
        return True
    return (
        ausschreibung.stand() == "geschlossen"
        and Fristverlaengerung.objects.filter(
            ausschreibung=ausschreibung, organisation=organisation, bis__gt=timezone.now()
        ).exists()
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def antrag_starten(request, ausschreibung: int):
    ausschreibung = get_object_or_404(
        Ausschreibung.objects.veroeffentlicht()
        .select_related("programm")
        .prefetch_related("unterlagen"),
        pk=ausschreibung,
    )
    berechtigt = Organisation.objects.vertreten_von(request.user).filter(
        art__in=ausschreibung.berechtigte_arten
    )
    organisationen = [o for o in berechtigt if _darf_beginnen(ausschreibung, o)]
    if not organisationen:
        grund = "frist" if berechtigt else "berechtigung"
        return render(
            request,
            "foerderung/antrag_nicht_moeglich.html",
            {"ausschreibung": ausschreibung, "grund": grund},
            status=403,
        )
    vorhanden = {
        antrag.organisation_id: antrag
        for antrag in Antrag.objects.aktiv().filter(
            ausschreibung=ausschreibung, organisation__in=organisationen
        )
    }
    moeglich = [o for o in organisationen if o.pk not in vorhanden]
    form = StartForm(
        request.POST or None,
        organisationen=Organisation.objects.filter(pk__in=[o.pk for o in moeglich]),
        initial={"organisation": moeglich[0] if len(moeglich) == 1 else None},
    )
    if request.method == "POST" and form.is_valid():
        antrag = _beginnen(request.user, ausschreibung, form.cleaned_data["organisation"])
        return redirect("foerderung:antrag-schritt", antrag.pk, schritte_fuer(antrag)[0].slug)
    return render(
        request,
        "foerderung/antrag_starten.html",
        {
            "ausschreibung": ausschreibung,
            "form": form,
            "vorhanden": list(vorhanden.values()),
            "moeglich": moeglich,
        },
    )


def _beginnen(user, ausschreibung: Ausschreibung, organisation: Organisation) -> Antrag:
    """The organisation's application for the call: the existing one, or a new draft. The
    organisation's row is locked so a double click starts one draft, not two."""
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        antrag = (
            Antrag.objects.aktiv()
            .filter(ausschreibung=ausschreibung, organisation=organisation)
            .first()
        )
        if antrag is None:
            antrag = Antrag.objects.create(
                ausschreibung=ausschreibung,
                organisation=organisation,
                erstellt_von=user,
                kontakt_name=user.get_full_name(),
                kontakt_email=user.email,
            )
    return antrag


def _schritt_status(antrag: Antrag) -> list[dict]:
    """The progress indicator: every step with whether it is complete."""
    return [
        {"slug": s.slug, "titel": s.titel, "fertig": not s.fehlt(antrag)}
        for s in schritte_fuer(antrag)
    ]


def _verlauf(antrag: Antrag):
    """The history as the applicant may see it: without a decision not yet released."""
    verlauf = antrag.verlauf.select_related("user")
    if antrag.unmitgeteilt:
        verlauf = verlauf.exclude(nach__in=Antrag.ENTSCHEIDUNGEN)
    return verlauf


@require_safe
@login_required
def antrag_detail(request, pk: int):
    antrag = _get_antrag(request, pk)
    schritte = _schritt_status(antrag) if antrag.bearbeitbar else []
    return render(
        request,
        "foerderung/antrag_detail.html",
        {
            "antrag": antrag,
            "daten": antrag.als_daten(),
            "kosten": antrag.kostenpositionen.all(),
            "verlauf": _verlauf(antrag),
            "rueckfragen": antrag.rueckfragen.prefetch_related("anhaenge"),
            "anhaenge": antrag.anhaenge.select_related("unterlage"),
            "bescheide": antrag.bescheide.filter(stand=Bescheid.Stand.ERSTELLT)
            if antrag.freigegeben_am
            else Bescheid.objects.none(),
            "schritte": schritte,
            # Where a draft goes on: its first step that is not complete yet.
            "weiter": next((s["slug"] for s in schritte if not s["fertig"]), None),
            "darf_zurueckziehen": Antrag.Status.ZURUECKGEZOGEN
            in antrag.moegliche_uebergaenge(request.user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def antrag_schritt(request, pk: int, schritt: str):
    antrag = _get_antrag(request, pk)
    if not antrag.bearbeitbar:
        messages.info(request, "Der Antrag ist eingereicht und kann nicht mehr geändert werden.")
        return redirect(antrag)
    schritte = schritte_fuer(antrag)
    nummer = next((i for i, s in enumerate(schritte) if s.slug == schritt), None)
    if nummer is None:
        raise Http404("Diesen Schritt gibt es nicht.")
    form = schritte[nummer](
        request.POST or None, request.FILES or None, instance=antrag, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        aktion = request.POST.get("aktion")
        if aktion == "spaeter":
            messages.success(
                request,
                "Ihr Entwurf ist gespeichert. Sie können jederzeit über „Meine Anträge“ "
                "weitermachen.",
            )
            return redirect(antrag)
        if aktion == "bleiben":
            messages.success(request, "Gespeichert.")
            return redirect("foerderung:antrag-schritt", antrag.pk, schritt)
        if nummer + 1 < len(schritte):
            return redirect("foerderung:antrag-schritt", antrag.pk, schritte[nummer + 1].slug)
        return redirect("foerderung:antrag-einreichen", antrag.pk)
    return render(
        request,
        form.vorlage,
        {
            "antrag": antrag,
            "form": form,
            # Strings, not the form class: templates would call a class (and a form's fields
            # share the names).
            "schritt_titel": schritte[nummer].titel,
            "schritt_slug": schritte[nummer].slug,
            "nummer": nummer + 1,
            "schritte": _schritt_status(antrag),
            "anzahl": len(schritte) + 1,
            "zurueck": schritte[nummer - 1].slug if nummer else None,
            "anhaenge": antrag.anhaenge.filter(zweck=Anhang.Zweck.ANTRAG).select_related(
                "unterlage"
            ),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def antrag_einreichen(request, pk: int):
    antrag = _get_antrag(request, pk)
    if not antrag.bearbeitbar:
        # Also the answer to a second click on "Verbindlich einreichen": the same result page.
        return redirect("foerderung:antrag-eingereicht", antrag.pk)
    form = EinreichenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            antrag.einreichen(by=request.user)
        except UebergangVerweigert as fehler:
            form.add_error(None, str(fehler))
        else:
            return redirect("foerderung:antrag-eingereicht", antrag.pk)
    schritte = _schritt_status(antrag)
    return render(
        request,
        "foerderung/antrag_einreichen.html",
        {
            "antrag": antrag,
            "form": form,
            "daten": antrag.als_daten(),
            "kosten": antrag.kostenpositionen.all(),
            "fehlend": antrag.fehlende_angaben(),
            "schritte": schritte,
            "nummer": len(schritte) + 1,
            "anzahl": len(schritte) + 1,
            "frist": antrag.frist(),
        },
    )


@require_safe
@login_required
def antrag_eingereicht(request, pk: int):
    antrag = _get_antrag(request, pk)
    if not antrag.aktenzeichen:
        return redirect("foerderung:antrag-einreichen", antrag.pk)
    return render(request, "foerderung/antrag_eingereicht.html", {"antrag": antrag})


@require_safe
@login_required
def antrag_quittung(request, pk: int):
    antrag = _get_antrag(request, pk)
    if not antrag.einreichungen.exists():
        raise Http404("Der Antrag ist noch nicht eingereicht.")
    return als_download(pdf.quittung(antrag), f"eingangsbestaetigung-{antrag.aktenzeichen}")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def antrag_zurueckziehen(request, pk: int):
    antrag = _get_antrag(request, pk)
    if Antrag.Status.ZURUECKGEZOGEN not in antrag.moegliche_uebergaenge(request.user):
        messages.info(request, "Dieser Antrag kann nicht mehr zurückgezogen werden.")
        return redirect(antrag)
    form = ZurueckziehenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            antrag.zurueckziehen(request.user, form.cleaned_data["grund"])
        except UebergangVerweigert as fehler:
            messages.error(request, str(fehler))
        else:
            messages.success(request, "Der Antrag ist zurückgezogen.")
        return redirect(antrag)
    return render(request, "foerderung/antrag_zurueckziehen.html", {"antrag": antrag, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def rueckfrage_beantworten(request, pk: int, rueckfrage: int):
    antrag = _get_antrag(request, pk)
    rueckfrage = get_object_or_404(antrag.rueckfragen, pk=rueckfrage)
    if rueckfrage.beantwortet_am:
        messages.info(request, "Diese Rückfrage ist bereits beantwortet.")
        return redirect(antrag)
    form = RueckfrageAntwortForm(request.POST or None, request.FILES or None, instance=rueckfrage)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if form.cleaned_data["datei"]:
                Anhang.speichern(
                    antrag,
                    form.cleaned_data["datei"],
                    request.user,
                    Anhang.Zweck.RUECKFRAGE,
                    rueckfrage=rueckfrage,
                )
            try:
                rueckfrage.beantworten(request.user, form.cleaned_data["antwort"])
            except UebergangVerweigert as fehler:
                messages.info(request, str(fehler))
                transaction.set_rollback(True)
                return redirect(antrag)
        messages.success(
            request,
            "Ihre Antwort ist gespeichert und das Förderreferat benachrichtigt. Ergänzen Sie den "
            "Antrag, wenn nötig, und reichen Sie ihn dann erneut ein.",
        )
        return redirect(antrag)
    return render(
        request,
        "foerderung/rueckfrage_beantworten.html",
        {"antrag": antrag, "rueckfrage": rueckfrage, "form": form},
    )


NACHWEIS_BEARBEITBAR = {
    Antrag.Status.BEWILLIGT,
    Antrag.Status.TEILWEISE_BEWILLIGT,
    Antrag.Status.NACHWEIS_FAELLIG,
}


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def verwendungsnachweis(request, pk: int):
    antrag = _get_antrag(request, pk)
    if not antrag.ist_bewilligt:
        messages.info(request, "Einen Verwendungsnachweis gibt es erst nach einer Bewilligung.")
        return redirect(antrag)
    nachweis = Verwendungsnachweis.objects.filter(antrag=antrag).first()
    bearbeitbar = antrag.status in NACHWEIS_BEARBEITBAR
    form = NachweisForm(
        request.POST if bearbeitbar and request.method == "POST" else None,
        request.FILES or None,
        instance=nachweis,
        antrag=antrag,
        user=request.user,
        entwurf=request.method == "POST" and request.POST.get("aktion") != "einreichen",
    )
    if request.method == "POST" and bearbeitbar and form.is_valid():
        with transaction.atomic():
            nachweis = form.save()
        if request.POST.get("aktion") != "einreichen":
            messages.success(request, "Der Verwendungsnachweis ist gespeichert.")
            return redirect("foerderung:verwendungsnachweis", antrag.pk)
        try:
            nachweis.einreichen(request.user)
        except UebergangVerweigert as fehler:
            form.add_error(None, str(fehler))
        else:
            messages.success(request, "Vielen Dank! Der Verwendungsnachweis ist eingereicht.")
            return redirect(antrag)
    return render(
        request,
        "foerderung/verwendungsnachweis.html",
        {
            "antrag": antrag,
            "form": form,
            "nachweis": nachweis,
            "bearbeitbar": bearbeitbar,
            "einreichbar": antrag.status == Antrag.Status.NACHWEIS_FAELLIG,
            "anhaenge": antrag.anhaenge.filter(zweck=Anhang.Zweck.NACHWEIS),
        },
    )


@require_safe
@login_required
def anhang(request, pk: int, anhang: int):
    """An attachment, to the applicant organisation's members, programme staff and the jurors
    of the application only."""
    if request.user.has_perm("foerderung.pruefen_antrag"):
        antraege = Antrag.objects.all()
    else:  # the organisation's members, and jurors the application is assigned to
        antraege = Antrag.objects.sichtbar_fuer(request.user) | Antrag.objects.filter(
            gutachten__gutachter=request.user.pk
        )
    anhang = get_object_or_404(Anhang.objects.filter(antrag__in=antraege), antrag=pk, pk=anhang)
    try:
        handle = anhang.datei.open("rb")
    except FileNotFoundError:
        raise Http404("Die Datei ist nicht mehr vorhanden.") from None
    return FileResponse(handle, as_attachment=True, filename=anhang.dateiname)


@require_safe
@login_required
def bescheid(request, pk: int, bescheid: int):
    """A decision letter: to the applicant once the decision is told, and to the staff."""
    if request.user.has_perm("foerderung.pruefen_antrag"):
        bescheide = Bescheid.objects.all()
    else:
        bescheide = Bescheid.objects.filter(
            antrag__in=Antrag.objects.sichtbar_fuer(request.user).freigegeben()
        )
    bescheid = get_object_or_404(
        bescheide.filter(stand=Bescheid.Stand.ERSTELLT).select_related("antrag"),
        antrag=pk,
        pk=bescheid,
    )
    return FileResponse(bescheid.datei.open("rb"), as_attachment=True, filename=bescheid.dateiname)


@require_POST
@login_required
def anhang_entfernen(request, pk: int, anhang: int):
    antrag = _get_antrag(request, pk)
    anhang = get_object_or_404(antrag.anhaenge, pk=anhang)
    if anhang.zweck == Anhang.Zweck.ANTRAG and antrag.bearbeitbar:
        ziel = reverse("foerderung:antrag-schritt", args=[antrag.pk, "unterlagen"])
    elif anhang.zweck == Anhang.Zweck.NACHWEIS and antrag.status in NACHWEIS_BEARBEITBAR:
        ziel = reverse("foerderung:verwendungsnachweis", args=[antrag.pk])
    else:
        messages.info(request, "Diese Datei gehört zu Eingereichtem und bleibt in der Akte.")
        return redirect(antrag)
    with transaction.atomic():
        anhang.entfernen()
    messages.success(request, f"„{anhang.dateiname}“ ist entfernt.")
    return redirect(ziel)

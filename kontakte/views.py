from pathlib import PurePosixPath

from allauth.account.models import EmailAddress
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kontakte.filters import PersonFilter
from kontakte.forms import (
    BeitragForm,
    DiskussionForm,
    MitgliedschaftForm,
    NachrichtForm,
    PlattformEinstellungenForm,
    PlattformZugangForm,
)
from kontakte.models import (
    Anhang,
    Diskussion,
    Kreis,
    Mitgliedschaft,
    Nachricht,
    Organisation,
    Person,
    PlattformZugang,
)
from portal import pagecache
from portal.pdf import render_pdf
from portal.ratelimit import client_hash, limit_posts

# --- Public directory and contact form --------------------------------------------------------


def _personen():
    return (
        Person.objects.oeffentlich()
        .select_related("organisation__kreis", "abteilung")
        .prefetch_related("themen")
    )


def _get_person(organisation: str, person: str) -> Person:
    return get_object_or_404(_personen(), organisation__slug=organisation, slug=person)


@require_safe
@pagecache.public
def verzeichnis(request):
    filterset = PersonFilter(request.GET, queryset=_personen())
    personen = filterset.qs if filterset.is_valid() else _personen().none()
    page_obj = Paginator(personen, settings.CONTACTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "kontakte/verzeichnis.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "quelle": Kreis.QUELLE,
            # The PDF export takes the current choices; it is made for one Kreis.
            "auswahl": filterset.auswahl(),
            "pdf_kreis": filterset.form.cleaned_data["kreis"] if filterset.is_valid() else None,
        },
    )


@require_POST
@login_required
def verzeichnis_pdf(request):
    """The directory as its filter shows it, as a PDF made in the background. Only for one
    Kreis: the whole state would be a book that nobody prints."""
    return PersonFilter(request.POST, queryset=_personen()).pdf_je_kreis(
        request,
        "kontaktliste",
        reverse("kontakte:verzeichnis"),
        name="Die Kontaktliste",
        was="die Kontakte",
        titel="Kontaktliste {kreis}",
        dateiname="kontaktliste-{slug}",
    )


def kontaktliste_pdf(kreis: Kreis, mit_email: bool = False, **auswahl: str) -> bytes:
    """The export „kontaktliste“: the public contact people of a Kreis, narrowed as in the
    directory (search, kind of organisation, topic), grouped by organisation."""
    filterset = PersonFilter(
        {**auswahl, "kreis": kreis.slug},
        queryset=Person.objects.oeffentlich().select_related("organisation", "abteilung"),
    )
    if not filterset.is_valid():  # a topic deleted since it was asked for
        raise ValueError("Die Auswahl gilt nicht mehr. Bitte fordern Sie die Liste neu an.")
    personen = list(
        filterset.qs.order_by(
            "organisation__name", "organisation_id", "reihenfolge", "nachname", "vorname"
        )
    )
    return render_pdf(
        "pdf/kontaktliste.html",
        {
            "mit_email": mit_email,
            "titel": f"Kontaktliste {kreis}",
            "kreis": kreis,
            # The other choices, named as the directory names them.
            "auswahl": PersonFilter(auswahl).aktive_filter(),
            "personen": personen,
            "organisationen": len({person.organisation_id for person in personen}),
            "stand": timezone.localdate(),
        },
    )


@require_safe
@pagecache.public
def organisation_detail(request, organisation):
    organisation = get_object_or_404(
        Organisation.objects.select_related("kreis").prefetch_related(
            Prefetch("personen", queryset=_personen())
        ),
        slug=organisation,
    )
    return render(request, "kontakte/organisation_detail.html", {"organisation": organisation})


@require_safe
def person_detail(request, organisation, person):
    return render(
        request, "kontakte/person_detail.html", {"person": _get_person(organisation, person)}
    )


@require_safe
def person_vcard(request, organisation, person):
    person = _get_person(organisation, person)
    card = render_to_string("kontakte/person.vcf", {"person": person, "request": request})
    response = HttpResponse(_fold(card), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{person.slug}.vcf"'
    response["X-Robots-Tag"] = "noindex"
    return response


def _fold(card: str) -> str:
    """vCard lines end in CRLF and are folded at 75 octets (RFC 6350, 3.2)."""
    lines = []
    for line in card.strip().splitlines():
        encoded = line.encode()
        while len(encoded) > 75:
            cut = 75
            while cut and (encoded[cut] & 0xC0) == 0x80:  # not inside a UTF-8 character
                cut -= 1
            lines.append(encoded[:cut].decode())
            encoded = b" " + encoded[cut:]
        lines.append(encoded.decode())
    return "\r\n".join(lines) + "\r\n"


@require_http_methods(["GET", "HEAD", "POST"])
def nachricht_schreiben(request, organisation, person=None):
    if person:
        empfaenger = _get_person(organisation, person)
        organisation = empfaenger.organisation
    else:
        empfaenger = organisation = get_object_or_404(Organisation, slug=organisation)
    if not (empfaenger.email or organisation.email):
        raise Http404("Für diesen Kontakt ist keine Adresse hinterlegt.")
    form = NachrichtForm(
        request.POST or None,
        organisation=organisation,
        person=empfaenger if person else None,
        ip_hash=client_hash(request),
    )
    if request.method == "POST":
        nachricht = form.einmal_speichern()
        if nachricht is not None:
            request.session["nachricht_gesendet"] = nachricht.pk
            return redirect("kontakte:nachricht-gesendet")
        status = 429 if form.has_error("__all__", "rate_limit") else 200
    else:
        status = 200
    return render(
        request,
        "kontakte/nachricht_form.html",
        {
            "form": form,
            "empfaenger": empfaenger,
            "organisation": organisation,
            "aufbewahrung_tage": settings.CONTACT_RETENTION_DAYS,
        },
        status=status,
    )


@require_safe
def nachricht_gesendet(request):
    """The confirmation; it names what was sent only to the browser that sent it."""
    nachricht = (
        Nachricht.objects.select_related("person", "organisation")
        .filter(pk=request.session.get("nachricht_gesendet"))
        .first()
    )
    if nachricht is None:
        messages.info(request, "Es liegt keine gesendete Nachricht in dieser Sitzung vor.")
        return redirect("kontakte:verzeichnis")
    return render(request, "kontakte/nachricht_gesendet.html", {"nachricht": nachricht})


# --- Communication platform -------------------------------------------------------------------
# Only members (an approved PlattformZugang) see topics, posts and attachments. Everyone else
# gets the explanation at /plattform/; every other address of the platform is a 404 for them,
# so not even the existence of a topic or file shows.

THEMEN_JE_SEITE = 20


def _get_zugang(request) -> PlattformZugang:
    """The member's access, or 404 for anyone who is not a member."""
    return get_object_or_404(PlattformZugang.objects.bestaetigt(), user=request.user)


def _get_diskussion(request, pk: int) -> Diskussion:
    _get_zugang(request)
    return get_object_or_404(Diskussion, pk=pk)


def _daten(request) -> tuple:
    """A POST binds the form even when empty (an unticked checkbox sends nothing)."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _plattform_vorstellung(request, zugang, form):
    return render(request, "kontakte/plattform/vorstellung.html", {"zugang": zugang, "form": form})


@require_safe
@cache_control(private=True)
def plattform(request):
    zugang = (
        PlattformZugang.objects.filter(user=request.user).first()
        if request.user.is_authenticated
        else None
    )
    if zugang is None or zugang.status != PlattformZugang.Status.BESTAETIGT:
        form = PlattformZugangForm(instance=zugang) if request.user.is_authenticated else None
        return _plattform_vorstellung(request, zugang, form)
    themen = (
        Diskussion.objects.select_related("erstellt_von")
        .annotate(anzahl_beitraege=Count("beitraege"))
        .order_by("-letzter_beitrag_am", "-pk")  # GROUP BY drops the model's ordering
    )
    page_obj = Paginator(themen, THEMEN_JE_SEITE).get_page(request.GET.get("page"))
    return render(
        request, "kontakte/plattform/diskussion_list.html", {"page_obj": page_obj, "zugang": zugang}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@limit_posts("plattform-zugang")
def plattform_zugang(request):
    """The request for access; the form itself is shown on /plattform/."""
    zugang = PlattformZugang.objects.filter(user=request.user).first()
    if request.method != "POST" or (zugang and zugang.status != PlattformZugang.Status.ABGELEHNT):
        return redirect("kontakte:plattform")
    form = PlattformZugangForm(request.POST, instance=zugang or PlattformZugang(user=request.user))
    if not form.is_valid():
        return _plattform_vorstellung(request, zugang, form)
    try:
        with transaction.atomic():
            form.save()
    except IntegrityError:
        pass  # sent twice at once: the first request is recorded
    messages.success(
        request,
        "Vielen Dank, Ihr Antrag ist eingegangen. Sie erhalten eine E-Mail, sobald über ihn "
        "entschieden ist.",
    )
    return redirect("kontakte:plattform")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@cache_control(private=True)
def diskussion_neu(request):
    _get_zugang(request)
    form = DiskussionForm(*_daten(request), autor=request.user)
    if form.is_valid():
        diskussion = form.save()
        messages.success(request, "Ihr Thema ist eröffnet.")
        return redirect(diskussion)
    return render(request, "kontakte/plattform/diskussion_form.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@cache_control(private=True)
def diskussion_detail(request, pk: int):
    diskussion = _get_diskussion(request, pk)
    status = 200
    form = BeitragForm(*_daten(request), diskussion=diskussion, autor=request.user)
    if request.method == "POST" and diskussion.geschlossen:
        messages.error(request, "Dieses Thema ist geschlossen. Neue Beiträge sind nicht möglich.")
        status = 403
    elif form.is_valid():
        beitrag = form.save()
        messages.success(request, "Ihr Beitrag ist veröffentlicht.")
        return redirect(f"{diskussion.get_absolute_url()}#beitrag-{beitrag.pk}")
    beitraege = diskussion.beitraege.select_related("autor").prefetch_related("anhaenge")
    return render(
        request,
        "kontakte/plattform/diskussion_detail.html",
        {"diskussion": diskussion, "beitraege": beitraege, "form": form},
        status=status,
    )


@require_safe
@login_required
def anhang_download(request, pk: int):
    _get_zugang(request)
    anhang = get_object_or_404(Anhang, pk=pk)
    try:
        handle = anhang.datei.open("rb")
    except FileNotFoundError:
        raise Http404("Die Datei ist nicht mehr vorhanden.") from None
    stem = slugify(PurePosixPath(anhang.datei.name).stem)[:80] or "anhang"
    response = FileResponse(
        handle, as_attachment=True, filename=f"{stem}.{anhang.dateiart.lower()}"
    )
    patch_cache_control(response, private=True)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@cache_control(private=True)
def plattform_einstellungen(request):
    data, _ = _daten(request)
    form = PlattformEinstellungenForm(data, instance=_get_zugang(request))
    if form.is_valid():
        form.save()
        messages.success(request, "Ihre Einstellungen sind gespeichert.")
        return redirect("kontakte:plattform")
    return render(request, "kontakte/plattform/einstellungen.html", {"form": form})


# --- Account and memberships ------------------------------------------------------------------


def _mitgliedschaften(user):
    return (
        Mitgliedschaft.objects.filter(user=user)
        .select_related("organisation", "entschieden_von")
        .order_by("organisation__name")
    )


@require_safe
@login_required
def konto(request):
    """The overview: addresses, two-factor state, memberships and where to change them."""
    return render(
        request,
        "kontakte/konto.html",
        {
            "emailadressen": EmailAddress.objects.filter(user=request.user).order_by(
                "-primary", "email"
            ),
            "zwei_faktor": is_mfa_enabled(request.user),
            "mitgliedschaften": _mitgliedschaften(request.user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@limit_posts("mitgliedschaften")
def mitgliedschaften(request):
    form = MitgliedschaftForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        mitgliedschaft = form.save()
        name = mitgliedschaft.organisation.name
        if mitgliedschaft.status == Mitgliedschaft.Status.BESTAETIGT:
            messages.success(
                request,
                f"Sie sind jetzt Mitglied von „{name}“: Ihre bestätigte E-Mail-Adresse gehört "
                "zu dieser Organisation.",
            )
        else:
            messages.success(
                request,
                f"Ihre Anfrage für „{name}“ ist eingegangen. Der Städtetag prüft sie und "
                "schreibt Ihnen per E-Mail, sobald entschieden ist.",
            )
        return redirect("kontakte:mitgliedschaften")
    return render(
        request,
        "kontakte/mitgliedschaften.html",
        {"form": form, "mitgliedschaften": _mitgliedschaften(request.user)},
    )

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_safe

from kontakte.filters import PersonFilter
from kontakte.forms import NachrichtForm
from kontakte.models import Kreis, Nachricht, Organisation, Person

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
def verzeichnis(request):
    filterset = PersonFilter(request.GET or None, queryset=_personen())
    personen = filterset.qs if filterset.is_valid() else _personen().none()
    page_obj = Paginator(personen, settings.CONTACTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "kontakte/verzeichnis.html",
        {"filter": filterset, "page_obj": page_obj, "quelle": Kreis.QUELLE},
    )


@require_safe
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
        ip=request.META.get("REMOTE_ADDR", ""),
    )
    if request.method == "POST":
        if form.is_valid():
            nachricht = form.save()
            request.session["nachricht_gesendet"] = nachricht.pk
            return redirect("kontakte:nachricht-gesendet")
        status = 429 if form.has_error("__all__", "rate_limit") else 200
    else:
        status = 200
    return render(
        request,
        "kontakte/nachricht_form.html",
        {"form": form, "empfaenger": empfaenger, "organisation": organisation},
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

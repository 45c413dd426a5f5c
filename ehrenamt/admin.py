from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_http_methods

from ehrenamt import tasks
from ehrenamt.dsgvo import DATENINVENTAR
from ehrenamt.models import (
    Angebotsart,
    Arbeitskreis,
    Datenschutzhinweis,
    Ehrenamtliche,
    Einwilligung,
    Gesuch,
    Koordination,
    Newsletter,
    NewsletterBeitrag,
    Sachspendenstelle,
    Schulung,
    Schulungstermin,
    Teilnahme,
)
from ehrenamt.views import teilnahmelisten_anfordern
from kontakte.models import Kreis
from portal.admin import SchrittMixin
from portal.formats import zeitpunkt
from portal.models import Export
from portal.pdf import als_download


@admin.register(Angebotsart)
class AngebotsartAdmin(admin.ModelAdmin):
    list_display = ["name", "beschreibung", "reihenfolge"]
    list_editable = ["reihenfolge"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_urls(self):
        return [
            path(
                "zahlen/",
                self.admin_site.admin_view(self.zahlen_view),
                name="ehrenamt_angebotsart_zahlen",
            ),
            *super().get_urls(),
        ]

    def zahlen_view(self, request):
        """The programme's staff see how many volunteers each Kreis has, never who."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        Stand = Ehrenamtliche.Stand
        zaehlen = {
            stand: Count("ehrenamtliche", filter=Q(ehrenamtliche__stand=stand))
            for stand in [Stand.AKTIV, Stand.PAUSIERT, Stand.UNBESTAETIGT, Stand.ANONYMISIERT]
        }
        kreise = (
            Kreis.objects.annotate(**zaehlen)
            .filter(Q(aktiv__gt=0) | Q(pausiert__gt=0) | Q(unbestaetigt__gt=0))
            .order_by("name")
        )
        arten = Angebotsart.objects.annotate(
            anzahl=Count("ehrenamtliche", filter=Q(ehrenamtliche__stand=Stand.AKTIV))
        )
        return TemplateResponse(
            request,
            "admin/ehrenamt/zahlen.html",
            {
                **self.admin_site.each_context(request),
                "title": "Ehrenamt in Zahlen",
                "opts": self.opts,
                "kreise": kreise,
                "arten": arten,
            },
        )


@admin.register(Arbeitskreis)
class ArbeitskreisAdmin(admin.ModelAdmin):
    list_display = ["name", "gemeinde", "kreis", "oeffentlich", "geaendert_am"]
    list_filter = ["oeffentlich", "kreis__regierungsbezirk", "angebotsarten"]
    list_select_related = ["kreis"]
    search_fields = ["name", "gemeinde", "beschreibung"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["kreis", "traeger", "ansprechpersonen"]
    filter_horizontal = ["angebotsarten"]


@admin.register(Sachspendenstelle)
class SachspendenstelleAdmin(admin.ModelAdmin):
    list_display = ["name", "ort", "kreis", "oeffentlich"]
    list_filter = ["oeffentlich", "kreis__regierungsbezirk"]
    list_select_related = ["kreis"]
    search_fields = ["name", "ort", "nimmt"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["kreis"]


@admin.register(Datenschutzhinweis)
class DatenschutzhinweisAdmin(admin.ModelAdmin):
    """A new version applies from its date; volunteers are asked to confirm it again."""

    list_display = ["version", "gueltig_ab"]

    def get_urls(self):
        return [
            path(
                "inventar/",
                self.admin_site.admin_view(self.inventar_view),
                name="ehrenamt_datenschutzhinweis_inventar",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            # Everyone who agreed to an older version is asked to confirm the new one.
            transaction.on_commit(lambda: tasks.hinweis_geaendert.enqueue(obj.pk))

    def inventar_view(self, request):
        """What personal data of volunteers the portal holds, per model, and what erasing
        does to it: the same list the access report (Art. 15) is built from."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/ehrenamt/inventar.html",
            {
                **self.admin_site.each_context(request),
                "title": "Dateninventar: personenbezogene Daten von Ehrenamtlichen",
                "opts": self.opts,
                "inventar": DATENINVENTAR,
            },
        )

    def has_change_permission(self, request, obj=None):
        # A version that people agreed to stays as it was: the proof of what they agreed to.
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or not Einwilligung.objects.filter(hinweis=obj).exists()


@admin.register(Koordination)
class KoordinationAdmin(admin.ModelAdmin):
    list_display = ["user", "kreis", "organisation"]
    list_filter = ["kreis__regierungsbezirk"]
    list_select_related = ["user", "kreis", "organisation"]
    autocomplete_fields = ["user", "kreis", "organisation"]


@admin.register(Gesuch)
class GesuchAdmin(admin.ModelAdmin):
    """The coordination writes needs in its back office; staff can look and help out here."""

    list_display = [
        "titel",
        "kreis",
        "angebotsart",
        "anzahl",
        "bis",
        "veroeffentlicht",
        "abgeschlossen",
    ]
    list_filter = ["veroeffentlicht", "abgeschlossen", "kreis__regierungsbezirk", "angebotsart"]
    list_select_related = ["kreis", "angebotsart"]
    search_fields = ["titel", "ort", "beschreibung"]
    autocomplete_fields = ["kreis"]
    readonly_fields = ["erstellt_von", "erstellt_am"]
    date_hierarchy = "erstellt_am"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.erstellt_von = request.user
        super().save_model(request, obj, form, change)


# --- Trainings (Schulungen) ---


class SchulungsterminInline(admin.TabularInline):
    model = Schulungstermin
    extra = 1
    min_num = 1


class TeilnahmeInline(admin.TabularInline):
    """Who registered, in order; staff record attendance, registering is the volunteers'."""

    model = Teilnahme
    extra = 0
    can_delete = False
    fields = ["ehrenamtliche", "stand", "angemeldet_am", "nachgerueckt_am", "teilgenommen"]
    readonly_fields = ["ehrenamtliche", "stand", "angemeldet_am", "nachgerueckt_am"]
    ordering = ["stand", "angemeldet_am"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Schulung)
class SchulungAdmin(admin.ModelAdmin):
    """All trainings; the statewide ones (without Kreis) are kept here only."""

    list_display = ["titel", "kreis", "erster_termin", "online", "kapazitaet", "veroeffentlicht"]
    list_filter = ["veroeffentlicht", "online", ("kreis", admin.EmptyFieldListFilter), "kreis"]
    list_select_related = ["kreis"]
    search_fields = ["titel", "veranstalter", "ort"]
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["kreis"]
    exclude = ["erstellt_von"]
    inlines = [SchulungsterminInline, TeilnahmeInline]
    actions = ["teilnahmeliste"]

    def get_queryset(self, request):
        return super().get_queryset(request).mit_beginn()

    @admin.display(description="Erster Termin", ordering="erster_beginn")
    def erster_termin(self, obj):
        return obj.beginn and zeitpunkt(obj.beginn)

    @admin.action(description="Teilnahmeliste als PDF")
    def teilnahmeliste(self, request, queryset):
        schulungen = list(queryset.order_by("erster_beginn", "pk"))
        return teilnahmelisten_anfordern(request, schulungen, request.get_full_path())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.erstellt_von = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        """A larger capacity fills places from the waiting list at once."""
        super().save_related(request, form, formsets, change)
        with transaction.atomic():
            Schulung.objects.select_for_update().get(pk=form.instance.pk).nachruecken()


# --- Newsletter ---


class NewsletterBeitragInline(admin.TabularInline):
    """The items in their order; a released newsletter's items stay as they were sent."""

    model = NewsletterBeitrag
    fields = ["reihenfolge", "meldung", "veranstaltung", "anmerkung"]
    autocomplete_fields = ["meldung", "veranstaltung"]
    extra = 3

    def has_add_permission(self, request, obj=None):
        return not (obj and obj.freigegeben) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.freigegeben) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and obj.freigegeben) and super().has_delete_permission(request, obj)


@admin.register(Newsletter)
class NewsletterAdmin(SchrittMixin, admin.ModelAdmin):
    """The newsletter composer: pick and order news items and events, write the editorial,
    look at the PDF marked „Entwurf“, release. Releasing makes the PDF in the background and
    then mails it to the subscribers; a released newsletter is read-only."""

    inlines = [NewsletterBeitragInline]
    list_display = ["titel", "datum", "stand", "pdf_stand", "versendet"]
    list_filter = ["stand"]
    search_fields = ["titel", "text"]
    date_hierarchy = "datum"
    fieldsets = [
        (None, {"fields": ("titel", "datum", "herausgeber")}),
        ("Editorial", {"fields": ("text",)}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).mit_versand()

    def has_change_permission(self, request, obj=None):
        """A released newsletter stays as it was sent."""
        if obj is not None and obj.freigegeben:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.freigegeben:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description="PDF")
    def pdf_stand(self, obj):
        if obj.datei:
            return obj.format_label
        return "–" if not obj.freigegeben else "wird erstellt oder fehlgeschlagen"

    @admin.display(description="E-Mails versendet", ordering="anzahl_gesendet")
    def versendet(self, obj):
        return obj.anzahl_gesendet if obj.freigegeben else "–"

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "abonnenten": Newsletter.abonnenten().count()}
        return super().changelist_view(request, extra_context)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            context["abonnenten"] = Newsletter.abonnenten().count()
            context["darf_freigeben"] = request.user.has_perm("ehrenamt.freigeben_newsletter")
            if obj.freigegeben:
                context["export"] = Export.objects.letztes(obj, "newsletter")
                context["gesendet"] = obj.gesendet()
                context["offen"] = obj.empfaenger_offen().count() if obj.datei else 0
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def get_urls(self):
        def ansicht(view, name, methoden=("GET", "HEAD", "POST")):
            return path(
                f"<int:pk>/{name}/",
                self.admin_site.admin_view(require_http_methods(list(methoden))(view)),
                name=f"ehrenamt_newsletter_{name}",
            )

        return [
            ansicht(self.vorschau_view, "vorschau", ("GET", "HEAD")),
            ansicht(self.pdf_view, "pdf", ("GET", "HEAD")),
            ansicht(self.freigeben_view, "freigeben"),
            ansicht(self.pdf_neu_view, "pdf-neu"),
            ansicht(self.versenden_view, "versenden"),
            *super().get_urls(),
        ]

    def _newsletter(self, request, pk, freigegeben: bool) -> Newsletter:
        """The draft (for those who may change it) or the released newsletter (for those who
        may see it); 404 for the other kind."""
        stand = Newsletter.Stand.FREIGEGEBEN if freigegeben else Newsletter.Stand.ENTWURF
        newsletter = get_object_or_404(Newsletter, pk=pk, stand=stand)
        erlaubt = (
            self.has_view_permission(request, newsletter)
            if freigegeben
            else self.has_change_permission(request, newsletter)
        )
        if not erlaubt:
            raise PermissionDenied
        return newsletter

    def _darf_freigeben(self, request) -> None:
        if not request.user.has_perm("ehrenamt.freigeben_newsletter"):
            raise PermissionDenied

    def vorschau_view(self, request, pk):
        """The draft as a PDF marked „Entwurf“, while the editor waits (a second or two)."""
        newsletter = self._newsletter(request, pk, freigegeben=False)
        return als_download(newsletter.pdf(entwurf=True), f"{newsletter.dateiname}-entwurf")

    def pdf_view(self, request, pk):
        """The released newsletter's PDF as it was sent."""
        newsletter = self._newsletter(request, pk, freigegeben=True)
        if not newsletter.datei:
            raise Http404("Das PDF dieses Newsletters ist noch nicht fertig.")
        try:
            handle = newsletter.datei.open("rb")
        except FileNotFoundError:
            raise Http404("Die Datei ist nicht mehr vorhanden.") from None
        return FileResponse(handle, filename=f"{newsletter.dateiname}.pdf", as_attachment=True)

    def freigeben_view(self, request, pk):
        self._darf_freigeben(request)
        newsletter = self._newsletter(request, pk, freigegeben=False)
        if request.method != "POST":
            anzahl = Newsletter.abonnenten().count()
            versand = (
                f"geht der Newsletter per E-Mail an {_personen(anzahl, 'abonniert')}."
                if anzahl
                else "würde der Newsletter versendet, doch derzeit hat ihn niemand abonniert."
            )
            return self._bestaetigen(
                request,
                newsletter,
                f"Newsletter freigeben: {newsletter.titel}",
                "Nach der Freigabe kann der Newsletter nicht mehr geändert werden. Das PDF wird "
                f"im Hintergrund erstellt; sobald es fertig ist, {versand}",
                "Jetzt freigeben und versenden",
            )
        try:
            export = newsletter.freigeben(request.user)
        except ValidationError as fehler:
            return self._fehler(request, newsletter, fehler)
        self.log_change(request, newsletter, "Freigegeben")
        self.message_user(request, f"„{newsletter.titel}“ ist freigegeben.")
        return redirect(export)

    def pdf_neu_view(self, request, pk):
        """After a failed rendering: make the PDF again (the mail follows it)."""
        self._darf_freigeben(request)
        newsletter = self._newsletter(request, pk, freigegeben=True)
        export = Export.objects.letztes(newsletter, "newsletter")
        if newsletter.datei or (export is not None and not export.abgeschlossen):
            return self._fehler(
                request,
                newsletter,
                ValidationError("Das PDF ist bereits fertig oder wird gerade erstellt."),
            )
        if request.method != "POST":
            return self._bestaetigen(
                request,
                newsletter,
                f"PDF von „{newsletter.titel}“ neu erstellen",
                "Das PDF wird mit demselben Inhalt erneut erstellt; danach geht der Newsletter "
                "an die Abonnentinnen und Abonnenten.",
                "PDF erstellen",
            )
        try:
            export = newsletter.pdf_anfordern(request.user)
        except ValidationError as fehler:
            return self._fehler(request, newsletter, fehler)
        return redirect(export)

    def versenden_view(self, request, pk):
        """Send to the subscribers who have not got it yet, e.g. after the mail server was
        down; nobody gets it twice."""
        self._darf_freigeben(request)
        newsletter = self._newsletter(request, pk, freigegeben=True)
        if request.method != "POST":
            anzahl = newsletter.empfaenger_offen().count()
            return self._bestaetigen(
                request,
                newsletter,
                f"Versand von „{newsletter.titel}“ fortsetzen",
                f"Der Newsletter geht an {_personen(anzahl, 'abonniert und noch nicht erhalten')}"
                ". Wer ihn schon bekommen hat, bekommt ihn nicht noch einmal.",
                "Versenden",
            )
        try:
            newsletter.versand_fortsetzen()
        except ValidationError as fehler:
            return self._fehler(request, newsletter, fehler)
        self.log_change(request, newsletter, "Versand fortgesetzt")
        self.message_user(request, "Der Versand läuft im Hintergrund.")
        return redirect("admin:ehrenamt_newsletter_change", newsletter.pk)


def _personen(anzahl: int, was: str) -> str:
    """ "eine Person, die ihn abonniert hat", "3 Personen, die ihn abonniert haben" """
    if anzahl == 1:
        return f"eine Person, die ihn {was} hat"
    return f"{anzahl} Personen, die ihn {was} haben"

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods

from kontakte.models import Organisation
from portal.models import (
    FAQ,
    Dokument,
    Export,
    FAQThema,
    Link,
    Meldung,
    Rundschreiben,
    RundschreibenAnlage,
    Seite,
    Thementisch,
    Veranstaltung,
    Video,
    Videofassung,
)
from portal.pdf import als_download

admin.site.site_header = "Flüchtlingshilfe Kommunal – Verwaltung"
admin.site.site_title = "Flüchtlingshilfe Kommunal"
admin.site.index_title = "Inhalte und Verfahren"

PUBLISHING = ("Veröffentlichung", {"fields": ("status", "veroeffentlichen_ab")})


class PublishingAdmin(admin.ModelAdmin):
    list_filter = ["status"]
    actions = ["veroeffentlichen", "zurueckziehen"]

    @admin.action(description="Ausgewählte veröffentlichen")
    def veroeffentlichen(self, request, queryset):
        count = queryset.status_setzen(Meldung.Status.VEROEFFENTLICHT)
        self.message_user(request, f"{count} Einträge veröffentlicht.")

    @admin.action(description="Ausgewählte zurückziehen (wieder Entwurf)")
    def zurueckziehen(self, request, queryset):
        count = queryset.status_setzen(Meldung.Status.ENTWURF)
        self.message_user(request, f"{count} Einträge zurückgezogen.")

    @admin.display(description="Öffentlich sichtbar", boolean=True)
    def oeffentlich(self, obj) -> bool:
        return obj.ist_oeffentlich

    @admin.display(description="Datei")
    def format_label(self, obj) -> str:
        return obj.format_label


@admin.register(Meldung)
class MeldungAdmin(PublishingAdmin):
    list_display = ["titel", "datum", "saeule", "status", "oeffentlich"]
    list_filter = ["status", "saeule", "datum"]
    search_fields = ["titel", "teaser", "text"]
    date_hierarchy = "datum"
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["rundschreiben", "dokumente"]
    fieldsets = [
        (None, {"fields": ("titel", "slug", "datum", "saeule", "teaser", "text")}),
        ("Bild", {"fields": ("bild", "bild_alt", "bild_nachweis"), "classes": ["collapse"]}),
        ("Anhänge", {"fields": ("rundschreiben", "dokumente")}),
        PUBLISHING,
    ]


class SchrittMixin:
    """Admin steps that change an object for good (release, correction): a page that says what
    happens and asks to confirm, and the way back with the reason when it cannot happen."""

    def _bestaetigen(self, request, obj, titel: str, text: str, knopf: str):
        return TemplateResponse(
            request,
            "admin/bestaetigen.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": obj,
                "title": titel,
                "text": text,
                "knopf": knopf,
            },
        )

    def _fehler(self, request, obj, fehler: ValidationError):
        self.message_user(request, " ".join(fehler.messages), messages.ERROR)
        return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", obj.pk)


class RundschreibenForm(forms.ModelForm):
    adressaten_arten = forms.TypedMultipleChoiceField(
        label="An alle Organisationen der Art",
        choices=Organisation.Art.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Zum Beispiel Kommune für „An die Mitgliedsstädte und -gemeinden“.",
    )

    class Meta:
        model = Rundschreiben
        fields = [
            "betreff",
            "datum",
            "zusammenfassung",
            "adressaten_arten",
            "adressaten",
            "anschrift",
            "bezug",
            "ansprechperson",
            "text",
        ]


class AnlageInline(admin.TabularInline):
    model = RundschreibenAnlage
    fields = ["reihenfolge", "titel", "datei"]
    extra = 1


@admin.register(Rundschreiben)
class RundschreibenAdmin(SchrittMixin, PublishingAdmin):
    """The circular composer. A draft is edited here, previewed as a PDF marked „Entwurf“ and
    released; released circulars are read-only and corrected by a new circular."""

    form = RundschreibenForm
    inlines = [AnlageInline]
    list_display = ["aktenzeichen", "betreff", "datum", "pdf_stand", "status"]
    list_filter = ["status", "jahr"]
    search_fields = ["betreff", "zusammenfassung", "=nummer"]
    date_hierarchy = "datum"
    autocomplete_fields = ["adressaten", "ansprechperson"]
    fieldsets = [
        (None, {"fields": ("betreff", "datum", "zusammenfassung")}),
        ("Adressaten", {"fields": ("adressaten_arten", "adressaten", "anschrift")}),
        ("Schreiben", {"fields": ("bezug", "ansprechperson", "text")}),
    ]
    readonly_fields = ["freigabe"]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.fieldsets
        return [*self.fieldsets, ("Freigabe", {"fields": ("freigabe",)})]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("ersetzt")

    def has_change_permission(self, request, obj=None):
        """A released circular stays as it was sent."""
        if obj is not None and obj.freigegeben:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        """Numbers have no gaps: a released circular is never deleted, only corrected."""
        if obj is not None and obj.freigegeben:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description="Aktenzeichen", ordering="nummer")
    def aktenzeichen(self, obj):
        return obj.aktenzeichen if obj.freigegeben else "Entwurf"

    @admin.display(description="PDF")
    def pdf_stand(self, obj):
        if obj.datei:
            return obj.format_label
        return "–" if not obj.freigegeben else "wird erstellt oder fehlgeschlagen"

    @admin.display(description="Stand")
    def freigabe(self, obj):
        if not obj.freigegeben:
            return "Entwurf, noch ohne Nummer."
        text = (
            format_html("{} am {:%d.%m.%Y, %H:%M} Uhr", obj.aktenzeichen, obj.freigegeben_am)
            if obj.freigegeben_am
            else obj.aktenzeichen
        )
        if obj.ersetzt_id:
            text = format_html("{}; berichtigt {}", text, obj.ersetzt.aktenzeichen)
        return text

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            context["export"] = (
                Export.objects.letztes(obj, "rundschreiben") if obj.freigegeben else None
            )
            context["berichtigungen"] = obj.berichtigungen.all()
            context["darf_freigeben"] = request.user.has_perm("portal.freigeben_rundschreiben")
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def get_urls(self):
        def ansicht(view, name):
            return path(
                f"<int:pk>/{name}/",
                self.admin_site.admin_view(require_http_methods(["GET", "POST"])(view)),
                name=f"portal_rundschreiben_{name}",
            )

        return [
            ansicht(self.vorschau_view, "vorschau"),
            ansicht(self.freigeben_view, "freigeben"),
            ansicht(self.pdf_neu_view, "pdf-neu"),
            ansicht(self.berichtigen_view, "berichtigen"),
            *super().get_urls(),
        ]

    def _rundschreiben(self, request, pk, freigegeben: bool) -> Rundschreiben:
        rundschreiben = get_object_or_404(Rundschreiben, pk=pk, nummer__isnull=not freigegeben)
        if freigegeben and not self.has_view_permission(request, rundschreiben):
            raise PermissionDenied
        if not freigegeben and not self.has_change_permission(request, rundschreiben):
            raise PermissionDenied
        return rundschreiben

    def vorschau_view(self, request, pk):
        """A short draft's preview renders while the editor waits; a long one is queued."""
        rundschreiben = self._rundschreiben(request, pk, freigegeben=False)
        if rundschreiben.vorschau_sofort:
            return als_download(rundschreiben.pdf(entwurf=True), "rundschreiben-entwurf")
        if request.method == "GET":
            return self._bestaetigen(
                request,
                rundschreiben,
                "Vorschau als PDF",
                "Das Rundschreiben ist lang oder hat PDF-Anlagen. Die Vorschau wird im "
                "Hintergrund erstellt; Sie sehen ihren Stand auf der nächsten Seite.",
                "Vorschau erstellen",
            )
        try:
            export = rundschreiben.pdf_anfordern(request.user, entwurf=True)
        except ValidationError as fehler:
            return self._fehler(request, rundschreiben, fehler)
        return redirect(export)

    def freigeben_view(self, request, pk):
        if not request.user.has_perm("portal.freigeben_rundschreiben"):
            raise PermissionDenied
        rundschreiben = self._rundschreiben(request, pk, freigegeben=False)
        if request.method == "GET":
            return self._bestaetigen(
                request,
                rundschreiben,
                f"Rundschreiben freigeben: {rundschreiben.betreff}",
                f"Das Rundschreiben erhält die nächste Nummer des Jahres "
                f"{rundschreiben.datum.year} und kann danach nicht mehr geändert werden, nur "
                "durch eine Berichtigung mit neuer Nummer ersetzt. Das PDF wird im Hintergrund "
                "erstellt; sobald es fertig ist, erscheint das Rundschreiben unter "
                "/rundschreiben/.",
                "Jetzt freigeben",
            )
        try:
            export = rundschreiben.freigeben(request.user)
        except ValidationError as fehler:
            return self._fehler(request, rundschreiben, fehler)
        self.log_change(request, rundschreiben, f"Freigegeben als {rundschreiben.aktenzeichen}")
        self.message_user(request, f"Freigegeben als {rundschreiben.aktenzeichen}.")
        return redirect(export)

    def pdf_neu_view(self, request, pk):
        """After a failed rendering: try again (same number, same content)."""
        rundschreiben = self._rundschreiben(request, pk, freigegeben=True)
        if not request.user.has_perm("portal.freigeben_rundschreiben") or rundschreiben.datei:
            raise PermissionDenied
        if request.method == "GET":
            return self._bestaetigen(
                request,
                rundschreiben,
                f"PDF von {rundschreiben} neu erstellen",
                "Das PDF wird mit derselben Nummer und demselben Inhalt erneut erstellt.",
                "PDF erstellen",
            )
        try:
            export = rundschreiben.pdf_anfordern(request.user)
        except ValidationError as fehler:
            return self._fehler(request, rundschreiben, fehler)
        return redirect(export)

    def berichtigen_view(self, request, pk):
        rundschreiben = self._rundschreiben(request, pk, freigegeben=True)
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "GET":
            return self._bestaetigen(
                request,
                rundschreiben,
                f"{rundschreiben} berichtigen",
                "Es entsteht ein neuer Entwurf mit demselben Inhalt. Nach Ihrer Korrektur wird "
                "er mit einer neuen Nummer freigegeben; das bisherige Rundschreiben verweist "
                "dann auf die Berichtigung.",
                "Berichtigung anlegen",
            )
        neu = rundschreiben.berichtigen(request.user)
        self.log_addition(request, neu, f"Berichtigung von {rundschreiben.aktenzeichen}")
        return redirect("admin:portal_rundschreiben_change", neu.pk)


@admin.register(Dokument)
class DokumentAdmin(PublishingAdmin):
    list_display = ["titel", "datum", "format_label", "status"]
    list_filter = ["status", "dateiart"]
    search_fields = ["titel", "beschreibung"]
    date_hierarchy = "datum"
    fieldsets = [(None, {"fields": ("titel", "datum", "beschreibung", "datei")}), PUBLISHING]


@admin.register(Seite)
class SeiteAdmin(PublishingAdmin):
    list_display = ["titel", "adresse", "saeule", "reihenfolge", "status"]
    list_filter = ["status", "saeule", "eltern"]
    search_fields = ["titel", "teaser", "text"]
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["dokumente"]
    fieldsets = [
        (None, {"fields": ("titel", "slug", "eltern", "reihenfolge", "saeule", "teaser", "text")}),
        ("Dokumente", {"fields": ("dokumente",)}),
        PUBLISHING,
    ]

    @admin.display(description="Adresse", ordering="pfad")
    def adresse(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())


@admin.register(FAQThema)
class FAQThemaAdmin(admin.ModelAdmin):
    list_display = ["titel", "reihenfolge"]
    list_editable = ["reihenfolge"]
    search_fields = ["titel"]


@admin.register(FAQ)
class FAQAdmin(PublishingAdmin):
    list_display = ["frage", "thema", "reihenfolge", "status"]
    list_filter = ["status", "thema"]
    list_select_related = ["thema"]
    search_fields = ["frage", "text"]
    fieldsets = [(None, {"fields": ("thema", "frage", "text", "reihenfolge")}), PUBLISHING]


class ThementischInline(admin.TabularInline):
    model = Thementisch
    extra = 1


@admin.register(Veranstaltung)
class VeranstaltungAdmin(PublishingAdmin):
    list_display = ["titel", "art", "beginn", "ort", "status"]
    list_filter = ["status", "art", "saeule"]
    search_fields = ["titel", "teaser", "text", "ort"]
    date_hierarchy = "beginn"
    prepopulated_fields = {"slug": ["titel"]}
    inlines = [ThementischInline]
    fieldsets = [
        (None, {"fields": ("titel", "slug", "art", "saeule", "veranstalter")}),
        ("Wann und wo", {"fields": ("beginn", "ende", "ort", "adresse")}),
        ("Beschreibung", {"fields": ("teaser", "text")}),
        PUBLISHING,
    ]


class VideofassungInline(admin.StackedInline):
    model = Videofassung
    extra = 1


@admin.register(Video)
class VideoAdmin(PublishingAdmin):
    list_display = ["titel", "reihenfolge", "status"]
    search_fields = ["titel", "text"]
    prepopulated_fields = {"slug": ["titel"]}
    inlines = [VideofassungInline]
    fieldsets = [(None, {"fields": ("titel", "slug", "text", "reihenfolge")}), PUBLISHING]


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    list_display = ["titel", "url", "reihenfolge"]
    list_editable = ["reihenfolge"]
    search_fields = ["titel", "url"]

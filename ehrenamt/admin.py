from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import path

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
    Sachspendenstelle,
    Schulung,
    Schulungstermin,
    Teilnahme,
)
from ehrenamt.views import teilnahmeliste_pdf
from kontakte.models import Kreis
from portal.formats import zeitpunkt


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
        return teilnahmeliste_pdf(queryset.prefetch_related("termine").order_by("erster_beginn"))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.erstellt_von = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        """A larger capacity fills places from the waiting list at once."""
        super().save_related(request, form, formsets, change)
        with transaction.atomic():
            Schulung.objects.select_for_update().get(pk=form.instance.pk).nachruecken()

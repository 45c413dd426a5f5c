from django.contrib import admin

from ehrenamt.models import (
    Angebotsart,
    Arbeitskreis,
    Datenschutzhinweis,
    Einwilligung,
    Koordination,
    Sachspendenstelle,
)


@admin.register(Angebotsart)
class AngebotsartAdmin(admin.ModelAdmin):
    list_display = ["name", "beschreibung", "reihenfolge"]
    list_editable = ["reihenfolge"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


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

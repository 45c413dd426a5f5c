from django.contrib import admin

from ehrenamt.models import Angebotsart, Arbeitskreis, Sachspendenstelle


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

from django.contrib import admin
from django.utils.html import format_html

from portal.models import (
    FAQ,
    Dokument,
    FAQThema,
    Link,
    Meldung,
    Rundschreiben,
    Seite,
    Thementisch,
    Veranstaltung,
    Video,
    Videofassung,
)

admin.site.site_header = "Flüchtlingshilfe Kommunal – Verwaltung"
admin.site.site_title = "Flüchtlingshilfe Kommunal"
admin.site.index_title = "Inhalte und Verfahren"

PUBLISHING = ("Veröffentlichung", {"fields": ("status", "veroeffentlichen_ab")})


class PublishingAdmin(admin.ModelAdmin):
    list_filter = ["status"]
    actions = ["veroeffentlichen", "zurueckziehen"]

    @admin.action(description="Ausgewählte veröffentlichen")
    def veroeffentlichen(self, request, queryset):
        count = queryset.update(status=Meldung.Status.VEROEFFENTLICHT)
        self.message_user(request, f"{count} Einträge veröffentlicht.")

    @admin.action(description="Ausgewählte zurückziehen (wieder Entwurf)")
    def zurueckziehen(self, request, queryset):
        count = queryset.update(status=Meldung.Status.ENTWURF)
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


@admin.register(Rundschreiben)
class RundschreibenAdmin(PublishingAdmin):
    list_display = ["aktenzeichen", "betreff", "datum", "format_label", "status"]
    list_filter = ["status", "jahr"]
    search_fields = ["betreff", "zusammenfassung", "=nummer"]
    date_hierarchy = "datum"
    fieldsets = [
        (None, {"fields": ("nummer", "jahr", "datum", "betreff", "zusammenfassung", "datei")}),
        PUBLISHING,
    ]

    @admin.display(description="Aktenzeichen", ordering="nummer")
    def aktenzeichen(self, obj):
        return obj.aktenzeichen


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

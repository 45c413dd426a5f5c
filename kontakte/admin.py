from django.contrib import admin, messages

from kontakte.models import Abteilung, Kreis, Nachricht, Organisation, Person, Thema


@admin.register(Kreis)
class KreisAdmin(admin.ModelAdmin):
    """Official data: staff look it up, only superusers may correct it."""

    list_display = ["name", "art", "schluessel", "regierungsbezirk", "einwohner", "flaeche_km2"]
    list_filter = ["art", "regierungsbezirk"]
    search_fields = ["name", "=schluessel"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff

    def has_module_permission(self, request):
        return request.user.is_staff


# --- Directory --------------------------------------------------------------------------------


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class AbteilungInline(admin.TabularInline):
    model = Abteilung
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "art", "kreis", "ort", "email_domains"]
    list_filter = ["art", "kreis__regierungsbezirk", "kreis"]
    list_select_related = ["kreis"]
    search_fields = ["name", "ort", "email_domains"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["kreis"]
    inlines = [AbteilungInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "art", "kreis", "beschreibung"]}),
        (
            "Anschrift und Erreichbarkeit",
            {"fields": ["strasse", "plz", "ort", "telefon", "fax", "email", "website"]},
        ),
        ("Mitgliedschaften", {"fields": ["email_domains"]}),
    ]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["nachname", "vorname", "funktion", "organisation", "oeffentlich", "reihenfolge"]
    list_display_links = ["nachname", "vorname"]
    list_editable = ["oeffentlich", "reihenfolge"]
    list_filter = ["oeffentlich", "themen", "organisation__art", "organisation__kreis"]
    list_select_related = ["organisation"]
    search_fields = ["nachname", "vorname", "funktion", "email", "organisation__name"]
    prepopulated_fields = {"slug": ["vorname", "nachname"]}
    autocomplete_fields = ["organisation", "abteilung"]
    filter_horizontal = ["themen"]
    fieldsets = [
        (None, {"fields": ["organisation", "anrede", "titel", "vorname", "nachname", "slug"]}),
        ("Aufgabe", {"fields": ["funktion", "abteilung", "themen"]}),
        ("Erreichbarkeit", {"fields": ["telefon", "mobil", "fax", "email"]}),
        ("Anzeige", {"fields": ["oeffentlich", "reihenfolge"]}),
    ]


@admin.register(Abteilung)
class AbteilungAdmin(admin.ModelAdmin):
    """Only for the search behind the person form's department field."""

    search_fields = ["name", "organisation__name"]

    def has_module_permission(self, request):
        return False


# --- Contact messages -------------------------------------------------------------------------


@admin.register(Nachricht)
class NachrichtAdmin(admin.ModelAdmin):
    """Read-only: a message is what the sender wrote. Staff see whether it arrived and can
    start another delivery attempt."""

    list_display = [
        "erstellt_am",
        "betreff",
        "empfaenger_anzeige",
        "status",
        "versuche",
        "zugestellt_am",
    ]
    list_filter = ["status", "organisation__art"]
    list_select_related = ["organisation", "person"]
    search_fields = [
        "betreff",
        "absender_name",
        "absender_email",
        "organisation__name",
        "person__nachname",
    ]
    date_hierarchy = "erstellt_am"
    actions = ["erneut_zustellen"]
    readonly_fields = [
        "organisation",
        "person",
        "absender_name",
        "absender_email",
        "betreff",
        "text",
        "kopie",
        "datenschutz_bestaetigt_am",
        "erstellt_am",
        "status",
        "versuche",
        "naechster_versuch_am",
        "zugestellt_am",
        "fehler",
    ]

    @admin.display(description="An")
    def empfaenger_anzeige(self, nachricht):
        return nachricht.empfaenger_name

    @admin.action(description="Ausgewählte Nachrichten jetzt erneut zustellen")
    def erneut_zustellen(self, request, queryset):
        offen = queryset.exclude(status=Nachricht.Status.ZUGESTELLT)
        zugestellt = sum(
            nachricht.zustellen() for nachricht in offen.select_related("person", "organisation")
        )
        self.message_user(
            request,
            f"{zugestellt} von {offen.count()} Nachrichten zugestellt.",
            messages.SUCCESS if zugestellt == offen.count() else messages.WARNING,
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The action needs the right; the form stays read-only through readonly_fields.
        return super().has_change_permission(request, obj)


# --- Memberships and accounts -----------------------------------------------------------------


# --- Communication platform -------------------------------------------------------------------

"""Programmes and calls in the admin. Staff write what a programme funds, open a call with its
deadline, amount and the organisations that may apply, and add the questions and documents the
call asks of applicants."""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from foerderung.models import Ausschreibung, Frage, Programm, Unterlage
from kontakte.models import Organisation
from portal.admin import PUBLISHING, PublishingAdmin


@admin.register(Programm)
class ProgrammAdmin(PublishingAdmin):
    list_display = [
        "name",
        "kuerzel",
        "saeule",
        "anzahl_ausschreibungen",
        "reihenfolge",
        "status",
        "oeffentlich",
    ]
    list_editable = ["reihenfolge"]
    list_filter = ["status", "saeule"]
    search_fields = ["name", "kuerzel", "kurzbeschreibung"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["faq_thema", "dokumente"]
    fieldsets = [
        ("Programm", {"fields": ["name", "slug", "kuerzel", "saeule", "reihenfolge"]}),
        ("Beschreibung", {"fields": ["kurzbeschreibung", "antragsberechtigt", "text"]}),
        ("Häufige Fragen und Richtlinien", {"fields": ["faq_thema", "dokumente"]}),
        PUBLISHING,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(anzahl=Count("ausschreibungen"))

    @admin.display(description="Ausschreibungen", ordering="anzahl")
    def anzahl_ausschreibungen(self, programm):
        url = reverse("admin:foerderung_ausschreibung_changelist")
        query = urlencode({"programm__id__exact": programm.pk})
        return format_html('<a href="{}?{}">{}</a>', url, query, programm.anzahl)


class AusschreibungForm(forms.ModelForm):
    # The JSON field as checkboxes: a handful of kinds, all in view.
    berechtigte_arten = forms.MultipleChoiceField(
        label="Antragsberechtigt",
        choices=Organisation.Art.choices,
        widget=forms.CheckboxSelectMultiple,
        # Not required here: the model refuses an empty choice with its own message, and a
        # second message from the form would only repeat it.
        required=False,
        help_text="Die Arten von Organisationen, die Anträge stellen dürfen.",
    )

    class Meta:
        model = Ausschreibung
        fields = [
            "programm",
            "titel",
            "slug",
            "text",
            "offen_ab",
            "offen_bis",
            "hoechstbetrag",
            "gesamtbudget",
            "berechtigte_arten",
            "durchfuehrung_von",
            "durchfuehrung_bis",
            "nachweis_wochen",
            "dokumente",
        ]

    def clean_berechtigte_arten(self) -> list[str]:
        gewaehlt = set(self.cleaned_data["berechtigte_arten"])
        # Stored in the order of the choices, whatever order the browser sent.
        return [art for art in Organisation.Art.values if art in gewaehlt]


class FrageInline(admin.StackedInline):
    model = Frage
    extra = 0
    fields = [("text", "typ"), "hinweis", "optionen", ("pflicht", "reihenfolge")]


class UnterlageInline(admin.TabularInline):
    model = Unterlage
    extra = 0
    fields = ["bezeichnung", "hinweis", "pflicht", "reihenfolge"]


class StandFilter(admin.SimpleListFilter):
    title = "Stand"
    parameter_name = "stand"

    def lookups(self, request, model_admin):
        return [("offen", "offen"), ("kommend", "kommend"), ("geschlossen", "geschlossen")]

    def queryset(self, request, queryset):
        if self.value() in {"offen", "kommend", "geschlossen"}:
            return getattr(queryset, self.value())()
        return queryset


@admin.register(Ausschreibung)
class AusschreibungAdmin(PublishingAdmin):
    form = AusschreibungForm
    list_display = [
        "titel",
        "programm",
        "beginn_anzeige",
        "frist_anzeige",
        "hoechstbetrag_anzeige",
        "stand",
        "oeffentlich",
    ]
    list_filter = ["status", "programm", StandFilter]
    list_select_related = ["programm"]
    date_hierarchy = "offen_bis"
    search_fields = ["titel"]
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["dokumente"]
    inlines = [FrageInline, UnterlageInline]
    fieldsets = [
        ("Ausschreibung", {"fields": ["programm", "titel", "slug", "text"]}),
        ("Frist", {"fields": ["offen_ab", "offen_bis"]}),
        ("Förderung", {"fields": ["hoechstbetrag", "gesamtbudget", "berechtigte_arten"]}),
        (
            "Durchführung und Nachweis",
            {"fields": [("durchfuehrung_von", "durchfuehrung_bis"), "nachweis_wochen"]},
        ),
        ("Unterlagen zum Herunterladen", {"fields": ["dokumente"]}),
        PUBLISHING,
    ]

    @admin.display(description="Anträge ab", ordering="offen_ab")
    def beginn_anzeige(self, ausschreibung):
        return ausschreibung.beginn_text

    @admin.display(description="Antragsfrist", ordering="offen_bis")
    def frist_anzeige(self, ausschreibung):
        return ausschreibung.frist_text

    @admin.display(description="Höchstbetrag", ordering="hoechstbetrag")
    def hoechstbetrag_anzeige(self, ausschreibung):
        return ausschreibung.hoechstbetrag_text

    @admin.display(description="Stand")
    def stand(self, ausschreibung):
        return ausschreibung.stand()

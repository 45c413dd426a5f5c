"""The alliances in the admin. Staff keep the programme's data (round, amount, period), link
alliances to meetings and news from either side, export the list they filtered, and read, and
if need be undo, what was changed in the public profiles."""

from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Sum
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from buendnisse.models import Aenderung, Buendnis, Foerderrunde, Partner, Teilnahme, Themenfeld
from kontakte.models import anzeigename
from portal import formats
from portal.admin import MeldungAdmin, VeranstaltungAdmin
from portal.exports import TabellenExport
from portal.models import Meldung, Veranstaltung


def _buendnisse_link(anzahl: int, **lookup) -> str:
    """The number of alliances, linking to the list that shows them."""
    url = reverse("admin:buendnisse_buendnis_changelist")
    return format_html('<a href="{}?{}">{}</a>', url, urlencode(lookup), anzahl)


@admin.register(Themenfeld)
class ThemenfeldAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "reihenfolge", "anzahl_buendnisse"]
    list_editable = ["reihenfolge"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(anzahl=Count("buendnisse"))

    @admin.display(description="Bündnisse", ordering="anzahl")
    def anzahl_buendnisse(self, themenfeld):
        return _buendnisse_link(themenfeld.anzahl, themen__id__exact=themenfeld.pk)


@admin.register(Foerderrunde)
class FoerderrundeAdmin(admin.ModelAdmin):
    list_display = ["bezeichnung_anzeige", "jahr", "anzahl_buendnisse", "summe_anzeige"]
    list_filter = ["programm", "jahr"]
    search_fields = ["programm"]
    prepopulated_fields = {"slug": ["programm", "runde", "tranche", "jahr"]}
    fields = ["programm", "runde", "tranche", "jahr", "slug"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(anzahl=Count("buendnisse"), summe=Sum("buendnisse__betrag"))
        )

    @admin.display(description="Förderrunde", ordering="runde")
    def bezeichnung_anzeige(self, runde):
        return runde.bezeichnung

    @admin.display(description="Bündnisse", ordering="anzahl")
    def anzahl_buendnisse(self, runde):
        return _buendnisse_link(runde.anzahl, foerderrunde__id__exact=runde.pk)

    @admin.display(description="Bewilligt insgesamt", ordering="summe")
    def summe_anzeige(self, runde):
        return formats.euro(runde.summe or Decimal(0))


# --- Alliances --------------------------------------------------------------------------------


class PartnerInline(admin.TabularInline):
    model = Partner
    fields = ["name", "rolle", "organisation", "reihenfolge"]
    autocomplete_fields = ["organisation"]
    extra = 0


class TeilnahmeInline(admin.TabularInline):
    """The programme meetings the alliance took part in."""

    model = Teilnahme
    autocomplete_fields = ["veranstaltung"]
    extra = 0
    verbose_name = "Teilnahme an einem Treffen"
    verbose_name_plural = "Teilnahme an Treffen des Programms"


class AenderungInline(admin.TabularInline):
    """The change log, newest first, to read; each entry links to its page with the undo."""

    model = Aenderung
    fields = ["zeitpunkt", "geaendert_von", "geaenderte_felder", "rueckgaengig_gemacht_am"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    verbose_name_plural = "Änderungen am Profil"

    @admin.display(description="Geändert von")
    def geaendert_von(self, aenderung):
        return aenderung.user_name

    @admin.display(description="Geänderte Felder")
    def geaenderte_felder(self, aenderung):
        return ", ".join(aenderung.feldnamen)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Columns of the spreadsheet export (portal.exports: CSV and XLSX of the filtered list).
EXPORT_SPALTEN = [
    "Name",
    "Träger",
    "Kreis",
    "Regierungsbezirk",
    "Gemeinden",
    "Förderrunde",
    "Jahr",
    "Betrag",
    "Förderzeitraum von",
    "Förderzeitraum bis",
    "Status",
    "Themen",
    "Partner",
    "Website",
    "Adresse im Portal",
]


@admin.register(Buendnis)
class BuendnisAdmin(TabellenExport, admin.ModelAdmin):
    export_spalten = EXPORT_SPALTEN
    export_name = "buendnisse"

    list_display = [
        "name",
        "kreis",
        "foerderrunde",
        "betrag_anzeige",
        "status",
        "oeffentlich",
        "traeger",
    ]
    list_filter = [
        "foerderrunde",
        "kreis__regierungsbezirk",
        ("kreis", admin.RelatedOnlyFieldListFilter),
        "status",
        "oeffentlich",
        "themen",
    ]
    list_select_related = ["kreis", "foerderrunde", "traeger"]
    search_fields = ["name", "traeger__name", "gemeinden"]
    search_help_text = "Name des Bündnisses, Träger oder Gemeinde"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["traeger", "kreis", "ansprechpersonen", "meldungen"]
    readonly_fields = ["geaendert_am"]
    inlines = [PartnerInline, TeilnahmeInline, AenderungInline]
    fieldsets = [
        (
            "Bündnis",
            {
                "fields": [
                    "name",
                    "slug",
                    "traeger",
                    "kreis",
                    "gemeinden",
                    "status",
                    "oeffentlich",
                    "geaendert_am",
                ]
            },
        ),
        ("Förderung", {"fields": ["foerderrunde", "betrag", ("beginn", "ende")]}),
        (
            "Profil",
            {
                "fields": ["beschreibung", "ziele", "aktivitaeten", "themen", "meldungen"],
                "description": "Das Profil (auch Logo, Kontakt und Partner) pflegen die "
                "Mitglieder des Trägers auf der Website. Jede Änderung, auch Ihre hier, wird "
                "unten unter „Änderungen am Profil“ festgehalten und kann rückgängig gemacht "
                "werden.",
            },
        ),
        ("Logo", {"fields": ["bild", "bild_alt", "bild_nachweis"], "classes": ["collapse"]}),
        ("Kontakt", {"fields": ["website", "ansprechpersonen"]}),
    ]

    @admin.display(description="Förderung", ordering="betrag")
    def betrag_anzeige(self, buendnis):
        return buendnis.betrag_text

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "themen":  # a handful: all in view beats a selection widget
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
        # An existing alliance is saved in save_related, together with its themes, contacts
        # and partners, so that a change to the profile is logged like the members' changes.

    def save_related(self, request, form, formsets, change):
        if not change:
            super().save_related(request, form, formsets, change)
            return

        def speichern():
            super(BuendnisAdmin, self).save_model(request, form.instance, form, change)
            super(BuendnisAdmin, self).save_related(request, form, formsets, change)

        form.instance.profil_aendern(speichern, by=request.user)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        # The change log belongs to its alliance and goes with it; on their own, entries are
        # deleted only by superusers.
        perms_needed.discard(Aenderung._meta.verbose_name)
        return deleted, model_count, perms_needed, protected

    # --- Spreadsheet export of the filtered list ---

    def export_zeilen(self, request, queryset):
        buendnisse = queryset.select_related("kreis", "foerderrunde", "traeger").prefetch_related(
            "themen", "partner"
        )
        return (self._export_zeile(request, buendnis) for buendnis in buendnisse)

    def _export_zeile(self, request, buendnis: Buendnis) -> list:
        return [
            buendnis.name,
            buendnis.traeger.name,
            buendnis.kreis,
            buendnis.kreis.get_regierungsbezirk_display(),
            buendnis.gemeinden,
            buendnis.foerderrunde.bezeichnung,
            buendnis.foerderrunde.jahr,
            buendnis.betrag,
            buendnis.beginn,
            buendnis.ende,
            buendnis.get_status_display(),
            ", ".join(thema.name for thema in buendnis.themen.all()),
            "; ".join(
                f"{partner.name} ({partner.get_rolle_display()})"
                for partner in buendnis.partner.all()
            ),
            buendnis.website,
            # Alliances that are not public have no page on the portal.
            request.build_absolute_uri(buendnis.get_absolute_url()) if buendnis.oeffentlich else "",
        ]


# --- The change log ---------------------------------------------------------------------------


class RueckgaengigFilter(admin.SimpleListFilter):
    title = "Rückgängig gemacht"
    parameter_name = "rueckgaengig"

    def lookups(self, request, model_admin):
        return [("ja", "Ja"), ("nein", "Nein")]

    def queryset(self, request, queryset):
        if self.value() in {"ja", "nein"}:
            return queryset.filter(rueckgaengig_gemacht_am__isnull=self.value() == "nein")
        return queryset


def _stand(werte: dict) -> str:
    text = werte.get("text") or ""
    return linebreaksbr(text, autoescape=True) if text else "(leer)"


@admin.register(Aenderung)
class AenderungAdmin(admin.ModelAdmin):
    """Read-only: an entry is what happened. Staff who may change alliances can undo one, which
    the model refuses while a later change to the same fields is in force."""

    list_display = [
        "buendnis",
        "zeitpunkt",
        "geaendert_von",
        "geaenderte_felder",
        "rueckgaengig_gemacht_am",
    ]
    list_filter = [RueckgaengigFilter]
    list_select_related = ["buendnis"]
    search_fields = ["buendnis__name", "user_name"]
    search_help_text = "Name des Bündnisses oder der Person, die geändert hat"
    date_hierarchy = "zeitpunkt"
    actions = ["rueckgaengig_machen"]
    fields = [
        "buendnis",
        "zeitpunkt",
        "geaendert_von",
        "aenderungen",
        "rueckgaengig_gemacht_am",
        "rueckgaengig_gemacht_durch",
    ]
    readonly_fields = fields

    @admin.display(description="Geändert von", ordering="user_name")
    def geaendert_von(self, aenderung):
        return aenderung.user_name

    @admin.display(description="Geänderte Felder")
    def geaenderte_felder(self, aenderung):
        return ", ".join(aenderung.feldnamen)

    @admin.display(description="Rückgängig gemacht von")
    def rueckgaengig_gemacht_durch(self, aenderung):
        person = aenderung.rueckgaengig_gemacht_von
        return anzeigename(person) if person else None

    @admin.display(description="Änderungen")
    def aenderungen(self, aenderung):
        zeilen = format_html_join(
            "\n",
            '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
            (
                (label, _stand(werte["vorher"]), _stand(werte["nachher"]))
                for label, werte in aenderung.felder_geordnet()
            ),
        )
        return format_html(
            '<table><thead><tr><th scope="col">Feld</th><th scope="col">vorher</th>'
            '<th scope="col">nachher</th></tr></thead><tbody>{}</tbody></table>',
            zeilen,
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_rueckgaengig_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("buendnisse.change_buendnis")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_rueckgaengig_permission(request):
            context["rueckgaengig_url"] = reverse(
                "admin:buendnisse_aenderung_rueckgaengig", args=[obj.pk]
            )
            if not obj.rueckgaengig_gemacht_am and not obj.ist_in_kraft():
                context["blockiert"] = True
                context["spaetere_aenderung"] = obj.spaetere_aenderungen().first()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        rueckgaengig = self.admin_site.admin_view(require_POST(self.rueckgaengig_view))
        return [
            path(
                "<path:object_id>/rueckgaengig/",
                rueckgaengig,
                name="buendnisse_aenderung_rueckgaengig",
            ),
            *super().get_urls(),
        ]

    def rueckgaengig_view(self, request, object_id):
        """The button on an entry's page."""
        if not self.has_rueckgaengig_permission(request):
            raise PermissionDenied
        aenderung = self.get_object(request, unquote(object_id))
        if aenderung is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if self._rueckgaengig(request, aenderung):
            self.message_user(
                request,
                f"Die Änderung {aenderung.benennung} ist rückgängig gemacht; das Profil zeigt "
                "wieder den Stand davor.",
                messages.SUCCESS,
            )
        return redirect("admin:buendnisse_aenderung_change", aenderung.pk)

    @admin.action(
        description="Ausgewählte Änderungen rückgängig machen", permissions=["rueckgaengig"]
    )
    def rueckgaengig_machen(self, request, queryset):
        # Newest first: an older change can only be undone once the later ones are.
        auswahl = queryset.select_related("buendnis").order_by("-zeitpunkt", "-pk")
        erledigt = [aenderung for aenderung in auswahl if self._rueckgaengig(request, aenderung)]
        if erledigt:
            namen = ", ".join(sorted({f"„{aenderung.buendnis}“" for aenderung in erledigt}))
            self.message_user(
                request,
                f"{len(erledigt)} Änderungen rückgängig gemacht (Bündnisse: {namen}).",
                messages.SUCCESS,
            )

    def _rueckgaengig(self, request, aenderung: Aenderung) -> bool:
        """Undo one entry; a refusal becomes an error message naming it."""
        try:
            aenderung.rueckgaengig_machen(by=request.user)
        except ValidationError as error:
            self.message_user(
                request,
                f"Die Änderung {aenderung.benennung} wurde nicht rückgängig gemacht. "
                f"{' '.join(error.messages)}",
                messages.ERROR,
            )
            return False
        return True


# --- Meetings and news, with the alliances they concern ------------------------------------------


class TeilnehmendeBuendnisseInline(admin.TabularInline):
    model = Teilnahme
    autocomplete_fields = ["buendnis"]
    extra = 0
    verbose_name = "Teilnehmendes Bündnis"
    verbose_name_plural = "Teilnehmende Bündnisse"


class MeldungBuendnisseInline(admin.TabularInline):
    model = Buendnis.meldungen.through
    autocomplete_fields = ["buendnis"]
    extra = 0
    verbose_name = "Bündnis"
    verbose_name_plural = "Bündnisse, um die es geht"


# portal registers these two; its admin does not know about alliances, so they are replaced
# here by versions with the alliances added.
admin.site.unregister(Veranstaltung)
admin.site.unregister(Meldung)


@admin.register(Veranstaltung)
class VeranstaltungMitBuendnissenAdmin(VeranstaltungAdmin):
    inlines = [*VeranstaltungAdmin.inlines, TeilnehmendeBuendnisseInline]


@admin.register(Meldung)
class MeldungMitBuendnissenAdmin(MeldungAdmin):
    inlines = [*MeldungAdmin.inlines, MeldungBuendnisseInline]

from allauth.account.models import EmailAddress
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.db.models import Count
from django.template.response import TemplateResponse

from kontakte.forms import AnfrageAblehnenForm
from kontakte.models import (
    Abteilung,
    Beitrag,
    Diskussion,
    Kreis,
    Mitgliedschaft,
    Nachricht,
    Organisation,
    Person,
    PlattformZugang,
    Thema,
)


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
        offen = list(
            queryset.exclude(status=Nachricht.Status.ZUGESTELLT).select_related(
                "person", "organisation"
            )
        )
        zugestellt = sum(nachricht.zustellen() for nachricht in offen)
        self.message_user(
            request,
            f"{zugestellt} von {len(offen)} Nachrichten zugestellt.",
            messages.SUCCESS if zugestellt == len(offen) else messages.WARNING,
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The action needs the right; the form stays read-only through readonly_fields.
        return super().has_change_permission(request, obj)


# --- Memberships and accounts -----------------------------------------------------------------


class AnfrageAdmin(admin.ModelAdmin):
    """Requests users make and staff decide (memberships, platform access): every decision goes
    through the model's bestaetigen/ablehnen, so who and when are recorded and the user is told.
    Declining asks for one reason for all selected requests on an intermediate page first."""

    @admin.display(description="E-Mail", ordering="user__email")
    def email(self, anfrage):
        return anfrage.user.email

    def _entscheiden(self, request, offen, queryset, methode: str, was: str, **kwargs) -> None:
        entschieden = 0
        with transaction.atomic():
            for anfrage in offen.select_for_update(of=("self",)).select_related("user"):
                getattr(anfrage, methode)(by=request.user, **kwargs)
                entschieden += 1
        uebrig = len(queryset) - entschieden
        self.message_user(
            request,
            f"{entschieden} {self.model._meta.verbose_name_plural} {was}; die Antragstellenden "
            "erhalten eine E-Mail."
            + (
                f" {uebrig} ausgewählte waren schon entschieden und blieben, wie sie waren."
                if uebrig
                else ""
            ),
            messages.SUCCESS if entschieden else messages.WARNING,
        )

    def _ablehnen(self, request, queryset, offen):
        max_length = self.model._meta.get_field("vermerk").max_length
        form = AnfrageAblehnenForm(
            request.POST if "ablehnen_bestaetigt" in request.POST else None, max_length=max_length
        )
        if form.is_valid():
            vermerk = form.cleaned_data["vermerk"]
            self._entscheiden(request, offen, queryset, "ablehnen", "abgelehnt", vermerk=vermerk)
            return None
        return TemplateResponse(
            request,
            "admin/kontakte/anfrage_ablehnen.html",
            {
                **self.admin_site.each_context(request),
                "title": f"{self.model._meta.verbose_name_plural} ablehnen",
                "opts": self.model._meta,
                "antraege": offen.select_related("user"),
                "queryset": queryset,
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Mitgliedschaft)
class MitgliedschaftAdmin(AnfrageAdmin):
    """Membership requests. Staff decide with the two actions, which record who decided and
    when and tell the user by e-mail; the decision fields are never typed in by hand."""

    list_display = [
        "user",
        "email",
        "organisation",
        "rolle",
        "status",
        "beantragt_am",
        "entschieden_am",
        "entschieden_von",
    ]
    list_filter = ["status", "rolle", "organisation__art", "organisation__kreis"]
    list_select_related = ["user", "organisation", "entschieden_von"]
    search_fields = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "organisation__name",
        "begruendung",
    ]
    date_hierarchy = "beantragt_am"
    actions = ["bestaetigen", "ablehnen"]
    fields = [
        "user",
        "email",
        "adressen",
        "organisation",
        "domains",
        "rolle",
        "begruendung",
        "status",
        "beantragt_am",
        "entschieden_am",
        "entschieden_von",
        "vermerk",
    ]

    def get_readonly_fields(self, request, obj=None):
        # While the request is open staff may change the role asked for; nothing else.
        if obj is not None and obj.status == Mitgliedschaft.Status.BEANTRAGT:
            return [name for name in self.fields if name != "rolle"]
        return self.fields

    @admin.display(description="Adressen des Benutzers")
    def adressen(self, mitgliedschaft):
        return ", ".join(
            f"{address.email} ({'bestätigt' if address.verified else 'nicht bestätigt'})"
            for address in EmailAddress.objects.filter(user=mitgliedschaft.user_id)
        )

    @admin.display(description="Dienstliche Domains der Organisation")
    def domains(self, mitgliedschaft):
        return mitgliedschaft.organisation.email_domains or "keine"

    @admin.action(description="Ausgewählte bestätigen", permissions=["change"])
    def bestaetigen(self, request, queryset):
        self._entscheiden(request, queryset.offen(), queryset, "bestaetigen", "bestätigt")

    @admin.action(description="Ausgewählte ablehnen", permissions=["change"])
    def ablehnen(self, request, queryset):
        return self._ablehnen(request, queryset, queryset.offen().select_related("organisation"))

    def has_add_permission(self, request):
        return False  # users ask on /konto/organisationen/


# --- Communication platform -------------------------------------------------------------------


@admin.register(PlattformZugang)
class PlattformZugangAdmin(AnfrageAdmin):
    """Requests for access. Staff decide with the two actions, which record who decided and
    when and tell the requester by e-mail; the decision fields are never typed in by hand."""

    list_display = [
        "user",
        "email",
        "funktion",
        "status",
        "beantragt_am",
        "entschieden_am",
        "entschieden_von",
    ]
    list_filter = ["status", "digest", "beantragt_am", "entschieden_am"]
    list_select_related = ["user", "entschieden_von"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "funktion"]
    date_hierarchy = "beantragt_am"
    actions = ["freischalten", "ablehnen"]
    fields = [
        "user",
        "email",
        "funktion",
        "begruendung",
        "status",
        "beantragt_am",
        "entschieden_am",
        "entschieden_von",
        "vermerk",
        "digest",
        "digest_bis",
    ]
    readonly_fields = [
        "user",
        "email",
        "status",
        "beantragt_am",
        "entschieden_am",
        "entschieden_von",
        "vermerk",
        "digest_bis",
    ]

    @admin.action(description="Zugang freischalten", permissions=["change"])
    def freischalten(self, request, queryset):
        offen = queryset.exclude(status=PlattformZugang.Status.BESTAETIGT)
        self._entscheiden(request, offen, queryset, "bestaetigen", "freigeschaltet")

    @admin.action(description="Antrag ablehnen", permissions=["change"])
    def ablehnen(self, request, queryset):
        return self._ablehnen(request, queryset, queryset.offen())

    def has_add_permission(self, request):
        return False  # members ask for access on /plattform/


class BeitragInline(admin.StackedInline):
    """Staff read posts and delete abusive ones; they do not write or edit in members' names."""

    model = Beitrag
    extra = 0
    fields = ["autor", "erstellt_am", "text", "anhaenge_anzeige"]
    readonly_fields = fields
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("autor").prefetch_related("anhaenge")

    @admin.display(description="Anhänge")
    def anhaenge_anzeige(self, beitrag):
        # Names only: attachments are served to platform members, on the platform.
        return ", ".join(f"{anhang} ({anhang.format_label})" for anhang in beitrag.anhaenge.all())

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Diskussion)
class DiskussionAdmin(admin.ModelAdmin):
    list_display = [
        "titel",
        "erstellt_von",
        "erstellt_am",
        "letzter_beitrag_am",
        "anzahl",
        "geschlossen",
    ]
    list_filter = ["geschlossen", "letzter_beitrag_am"]
    list_select_related = ["erstellt_von"]
    search_fields = ["titel", "beitraege__text"]
    date_hierarchy = "letzter_beitrag_am"
    fields = ["titel", "erstellt_von", "erstellt_am", "letzter_beitrag_am", "geschlossen"]
    readonly_fields = ["erstellt_von", "erstellt_am", "letzter_beitrag_am"]
    inlines = [BeitragInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(anzahl_beitraege=Count("beitraege", distinct=True))
        )

    @admin.display(description="Beiträge", ordering="anzahl_beitraege")
    def anzahl(self, diskussion):
        return diskussion.anzahl_beitraege

    def has_add_permission(self, request):
        return False  # members start topics on the platform

"""Programmes, calls and applications in the admin.

Staff write what a programme funds, open a call with its deadline, amount and the organisations
that may apply, and add the questions and documents the call asks of applicants. The programme
staff (permission `pruefen_antrag`) read the applications and move them on, one step at a time,
through `Antrag.uebergang`; they never edit what the applicant wrote."""

from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST, require_safe

from foerderung.dossier import dossier
from foerderung.forms import EuroFeld
from foerderung.models import (
    Anhang,
    Antrag,
    Ausschreibung,
    Auszahlung,
    Bescheid,
    BescheidVorlage,
    Einreichung,
    Frage,
    Fristverlaengerung,
    Gutachten,
    Kostenposition,
    Kriterium,
    Programm,
    Rueckfrage,
    Statuswechsel,
    UebergangVerweigert,
    Unterlage,
    Verwendungsnachweis,
    Vorpruefung,
)
from kontakte.models import Organisation, anzeigename
from portal.admin import PUBLISHING, PublishingAdmin
from portal.exports import TabellenExport
from portal.formats import euro, zeitpunkt


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
            "foerderrunde",
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


class KriteriumInline(admin.TabularInline):
    model = Kriterium
    extra = 0
    fields = ["name", "beschreibung", "gewicht", "reihenfolge"]


class StandFilter(admin.SimpleListFilter):
    title = "Stand"
    parameter_name = "stand"

    def lookups(self, request, model_admin):
        return [("offen", "offen"), ("kommend", "kommend"), ("geschlossen", "geschlossen")]

    def queryset(self, request, queryset):
        if self.value() in {"offen", "kommend", "geschlossen"}:
            return getattr(queryset, self.value())()
        return queryset


def _gewaehrt(verlaengerung: Fristverlaengerung, request) -> None:
    """Whoever saves an extension grants it: the record is the log of who allowed how long."""
    verlaengerung.gewaehrt_von = request.user
    verlaengerung.gewaehrt_am = timezone.now()


class FristverlaengerungInline(admin.TabularInline):
    model = Fristverlaengerung
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "bis", "begruendung", "gewaehrt_durch", "gewaehrt_am_anzeige"]
    readonly_fields = ["gewaehrt_durch", "gewaehrt_am_anzeige"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "gewaehrt_von")

    @admin.display(description="Gewährt von")
    def gewaehrt_durch(self, verlaengerung):
        return anzeigename(verlaengerung.gewaehrt_von) if verlaengerung.gewaehrt_von_id else ""

    @admin.display(description="Gewährt am")
    def gewaehrt_am_anzeige(self, verlaengerung):
        return zeitpunkt(verlaengerung.gewaehrt_am) if verlaengerung.pk else ""


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
        "beantragt_anzeige",
        "bewilligt_anzeige",
        "ausgezahlt_anzeige",
        "budget_anzeige",
        "oeffentlich",
    ]
    list_filter = ["status", "programm", StandFilter]
    list_select_related = ["programm"]
    date_hierarchy = "offen_bis"
    search_fields = ["titel"]
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["dokumente"]
    inlines = [FrageInline, UnterlageInline, KriteriumInline]
    fieldsets = [
        ("Ausschreibung", {"fields": ["programm", "titel", "slug", "text"]}),
        ("Frist", {"fields": ["offen_ab", "offen_bis"]}),
        (
            "Förderung",
            {"fields": ["hoechstbetrag", "gesamtbudget", "berechtigte_arten", "foerderrunde"]},
        ),
        (
            "Durchführung und Nachweis",
            {"fields": [("durchfuehrung_von", "durchfuehrung_bis"), "nachweis_wochen"]},
        ),
        ("Unterlagen zum Herunterladen", {"fields": ["dokumente"]}),
        PUBLISHING,
    ]

    def get_inlines(self, request, obj):
        # An extension lengthens a deadline that is stored: only on a saved call.
        verlaengerung = [FristverlaengerungInline] if obj else []
        return [FrageInline, UnterlageInline, KriteriumInline, *verlaengerung]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Fristverlaengerung:
            super().save_formset(request, form, formset, change)
            return
        for verlaengerung in formset.save(commit=False):
            _gewaehrt(verlaengerung, request)
            verlaengerung.save()
        for verlaengerung in formset.deleted_objects:
            verlaengerung.delete()

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

    # --- Budget control: what was asked for, granted and is left of the total budget.

    def get_queryset(self, request):
        return super().get_queryset(request).mit_budget()

    @admin.display(description="Beantragt", ordering="beantragt_summe")
    def beantragt_anzeige(self, ausschreibung):
        return euro(ausschreibung.beantragt_summe)

    @admin.display(description="Bewilligt", ordering="bewilligt_summe")
    def bewilligt_anzeige(self, ausschreibung):
        return euro(ausschreibung.bewilligt_summe)

    @admin.display(description="Ausgezahlt", ordering="ausgezahlt_summe")
    def ausgezahlt_anzeige(self, ausschreibung):
        return euro(ausschreibung.ausgezahlt_summe)

    @admin.display(description="Budget")
    def budget_anzeige(self, ausschreibung):
        budget = ausschreibung.gesamtbudget
        if not budget:
            return "kein Gesamtbudget"
        anteil = ausschreibung.bewilligt_summe / budget
        frei = budget - ausschreibung.bewilligt_summe
        text = (
            f"{(anteil * 100).quantize(Decimal(1), ROUND_HALF_UP)} % von {euro(budget)} "
            f"vergeben, {euro(frei)} frei"
            if frei >= 0
            else f"um {euro(-frei)} überschritten"
        )
        # The bar is a picture of the text next to it, which says it all for screen readers.
        return format_html(
            '<meter min="0" max="1" low="0.8" high="0.95" optimum="0" value="{}" '
            'aria-hidden="true"></meter> {}',
            f"{min(anteil, 1):.3f}",
            text,
        )


@admin.register(Fristverlaengerung)
class FristverlaengerungAdmin(admin.ModelAdmin):
    list_display = [
        "organisation",
        "ausschreibung",
        "bis_anzeige",
        "begruendung",
        "gewaehrt_durch",
        "gewaehrt_am_anzeige",
    ]
    list_filter = ["ausschreibung__programm", "ausschreibung"]
    list_select_related = ["organisation", "ausschreibung", "gewaehrt_von"]
    search_fields = ["organisation__name", "ausschreibung__titel", "begruendung"]
    autocomplete_fields = ["ausschreibung", "organisation"]
    fields = [
        "ausschreibung",
        "organisation",
        "bis",
        "begruendung",
        "gewaehrt_durch",
        "gewaehrt_am_anzeige",
    ]
    readonly_fields = ["gewaehrt_durch", "gewaehrt_am_anzeige"]

    def save_model(self, request, obj, form, change):
        if not change or form.has_changed():
            _gewaehrt(obj, request)
        super().save_model(request, obj, form, change)

    @admin.display(description="Verlängert bis", ordering="bis")
    def bis_anzeige(self, verlaengerung):
        return zeitpunkt(verlaengerung.bis)

    @admin.display(description="Gewährt von", ordering="gewaehrt_von__last_name")
    def gewaehrt_durch(self, verlaengerung):
        return anzeigename(verlaengerung.gewaehrt_von) if verlaengerung.gewaehrt_von_id else ""

    @admin.display(description="Gewährt am", ordering="gewaehrt_am")
    def gewaehrt_am_anzeige(self, verlaengerung):
        return zeitpunkt(verlaengerung.gewaehrt_am) if verlaengerung.pk else ""


# --- Applications ----------------------------------------------------------------------------

S = Antrag.Status
# Decisions go through Antrag.entscheiden, which also records the amount and the report's due
# date; the query and the submission have forms (or a page) of their own.
NICHT_IM_SCHRITT = {S.RUECKFRAGE, S.EINGEREICHT}
VORPRUEFUNG_MOEGLICH = {S.EINGEREICHT, S.IN_PRUEFUNG}
JURY_MOEGLICH = {S.EINGEREICHT, S.IN_PRUEFUNG, S.RUECKFRAGE}
# The steps as the form offers them, in this order.
SCHRITTE = {
    S.IN_PRUEFUNG: "In Prüfung nehmen",
    S.BEWILLIGT: "Bewilligen (beantragter Betrag)",
    S.TEILWEISE_BEWILLIGT: "Teilweise bewilligen (geringerer Betrag)",
    S.ABGELEHNT: "Ablehnen",
    S.NACHWEIS_FAELLIG: "Verwendungsnachweis anfordern",
    S.ABGESCHLOSSEN: "Verwendungsnachweis annehmen und Verfahren abschließen",
    S.ZURUECKGEZOGEN: "Zurückziehen (auf Wunsch der Antragstellenden)",
}
# The applicant reads the note in the history; for these steps it is the reason they need.
VERMERK_NOETIG = {
    S.ABGELEHNT: "Bitte begründen Sie die Ablehnung im Vermerk.",
    S.ZURUECKGEZOGEN: "Bitte vermerken Sie, wer den Rückzug wünscht und warum.",
}


def _pruefer(request) -> bool:
    return request.user.has_perm("foerderung.pruefen_antrag")


def _schritt_text(antrag: Antrag, nach: str) -> str:
    if antrag.status == S.NACHWEIS_EINGEREICHT and nach == S.NACHWEIS_FAELLIG:
        return "Verwendungsnachweis zur Ergänzung zurückgeben"
    return SCHRITTE.get(nach, S(nach).label)


class SchrittForm(forms.Form):
    """The staff's next step with an application, out of those open to them now."""

    nach = forms.ChoiceField(
        label="Nächster Schritt",
        widget=forms.RadioSelect(attrs={"class": "radiolist"}),
        error_messages={
            "required": "Bitte wählen Sie den nächsten Schritt.",
            "invalid_choice": "Dieser Schritt ist beim jetzigen Stand des Antrags nicht "
            "möglich. Bitte laden Sie die Seite neu.",
        },
    )
    betrag = EuroFeld(label="Bewilligter Betrag in Euro", required=False)
    ueber_budget = forms.BooleanField(
        label="Trotzdem bewilligen, auch wenn das Budget der Ausschreibung damit überschritten "
        "wird",
        required=False,
    )
    auflagen = forms.CharField(
        label="Nebenbestimmungen",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Nur beim Bewilligen: Auflagen, die im Bescheid stehen (Markdown).",
    )
    notiz = forms.CharField(
        label="Vermerk",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Steht im Verlauf und in der E-Mail; die Antragstellenden lesen ihn.",
        error_messages={"max_length": "Bitte fassen Sie den Vermerk in höchstens 5.000 Zeichen."},
    )

    def __init__(self, *args, antrag: Antrag, user, **kwargs):
        super().__init__(*args, auto_id="schritt_%s", **kwargs)
        self.antrag = antrag
        moeglich = set(antrag.moegliche_uebergaenge(user)) - NICHT_IM_SCHRITT
        self.fields["nach"].choices = [
            (nach, _schritt_text(antrag, nach))
            for nach in [*SCHRITTE, *sorted(moeglich - set(SCHRITTE))]
            if nach in moeglich
        ]
        budget = antrag.ausschreibung.gesamtbudget
        if {S.BEWILLIGT, S.TEILWEISE_BEWILLIGT}.isdisjoint(self.moeglich):
            del self.fields["betrag"]
        else:
            self.fields["betrag"].help_text = (
                f"Nur beim Bewilligen. Beantragt sind {euro(antrag.beantragt or 0)}; ohne "
                "Angabe wird bei voller Bewilligung dieser Betrag bewilligt."
            )
            if budget is not None:
                frei = budget - antrag.ausschreibung.vergeben(ohne=antrag)
                self.fields[
                    "betrag"
                ].help_text += (
                    f" Vom Budget der Ausschreibung ({euro(budget)}) sind noch {euro(frei)} frei."
                )
        if "betrag" not in self.fields or budget is None:
            del self.fields["ueber_budget"]
        if "betrag" not in self.fields:
            del self.fields["auflagen"]

    @property
    def moeglich(self) -> set[str]:
        return {nach for nach, _ in self.fields["nach"].choices}

    def clean(self):
        cleaned = super().clean()
        nach = cleaned.get("nach")
        if nach in Antrag.ENTSCHEIDUNGEN and "betrag" not in self.errors:
            try:
                cleaned["betrag"] = self.antrag.bewilligter_betrag(nach, cleaned.get("betrag"))
            except UebergangVerweigert as fehler:
                self.add_error("betrag", str(fehler))
            else:
                ueber = self.antrag.budget_ueberschreitung(cleaned["betrag"])
                if ueber and not cleaned.get("ueber_budget"):
                    self.add_error(
                        "ueber_budget",
                        f"Mit dieser Bewilligung wäre das Budget der Ausschreibung "
                        f"({euro(self.antrag.ausschreibung.gesamtbudget)}) um {euro(ueber)} "
                        "überschritten. Kreuzen Sie „Trotzdem bewilligen“ an, wenn Sie dennoch "
                        "bewilligen wollen.",
                    )
        if nach in VERMERK_NOETIG and not cleaned.get("notiz", "").strip():
            self.add_error("notiz", VERMERK_NOETIG[nach])
        return cleaned

    def ausfuehren(self, by) -> Statuswechsel:
        nach, notiz = self.cleaned_data["nach"], self.cleaned_data["notiz"]
        if nach in Antrag.ENTSCHEIDUNGEN:
            return self.antrag.entscheiden(
                nach,
                by,
                self.cleaned_data.get("betrag"),
                notiz,
                self.cleaned_data.get("auflagen", ""),
            )
        return self.antrag.uebergang(nach, by, notiz)


class VorpruefungForm(forms.ModelForm):
    """The formal check: the staff decide each point; the portal's finding stands beside it."""

    class Meta:
        model = Vorpruefung
        fields = [*Vorpruefung.PUNKTE, "bemerkung"]
        widgets = {"bemerkung": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, antrag: Antrag, **kwargs):
        super().__init__(*args, auto_id="vorpruefung_%s", **kwargs)
        self.antrag = antrag
        for punkt, (ok, grund) in antrag.befund().items():
            self.fields[punkt].help_text = f"Das Portal findet: {'ja' if ok else 'nein'} – {grund}"
        self.fields[
            "bemerkung"
        ].help_text = "Intern. Sind alle vier Punkte erfüllt, geht ein neuer Antrag in die Prüfung."

    def ausfuehren(self, by) -> Vorpruefung:
        daten = self.cleaned_data
        return self.antrag.vorpruefen(
            by, daten["bemerkung"], **{punkt: daten[punkt] for punkt in Vorpruefung.PUNKTE}
        )


def jury():
    """Everyone who may review (group Jury), by name."""
    return (
        get_user_model()
        .objects.with_perm(
            "foerderung.begutachten",
            include_superusers=False,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(is_active=True)
        .order_by("last_name", "first_name", "email")
    )


class GutachterFeld(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return anzeigename(user)


class ZuweisenForm(forms.Form):
    gutachter = GutachterFeld(
        label="Gutachterin oder Gutachter",
        queryset=get_user_model().objects.none(),
        error_messages={"required": "Bitte wählen Sie, wer begutachten soll."},
    )

    def __init__(self, *args, antrag: Antrag | None = None, **kwargs):
        super().__init__(*args, auto_id="zuweisen_%s", **kwargs)
        self.antrag = antrag
        personen = jury()
        if antrag is not None:
            personen = personen.exclude(gutachten__antrag=antrag)
        self.fields["gutachter"].queryset = personen

    def ausfuehren(self, by) -> Gutachten:
        return self.antrag.gutachter_zuweisen(self.cleaned_data["gutachter"], by)


class AuszahlungForm(forms.ModelForm):
    class Meta:
        model = Auszahlung
        fields = ["betrag", "am", "vermerk"]
        field_classes = {"betrag": EuroFeld}

    def __init__(self, *args, antrag: Antrag, **kwargs):
        super().__init__(*args, auto_id="auszahlung_%s", **kwargs)
        self.antrag = antrag
        offen = (antrag.bewilligt_betrag or 0) - antrag.ausgezahlt
        self.fields["betrag"].help_text = (
            f"Bewilligt {euro(antrag.bewilligt_betrag or 0)}, ausgezahlt "
            f"{euro(antrag.ausgezahlt)}, offen {euro(offen)}."
        )
        self.fields["am"].initial = timezone.localdate()

    def ausfuehren(self, by) -> Auszahlung:
        daten = self.cleaned_data
        return self.antrag.auszahlen(by, daten["betrag"], daten["am"], daten["vermerk"])


class SammelentscheidungForm(forms.Form):
    """One decision for a selection: grant each the requested sum, or refuse them all."""

    entscheidung = forms.ChoiceField(
        label="Entscheidung",
        choices=[
            (S.BEWILLIGT, "Bewilligen (je den beantragten Betrag)"),
            (S.ABGELEHNT, "Ablehnen"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Bitte wählen Sie die Entscheidung."},
    )
    notiz = forms.CharField(
        label="Begründung",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Steht im Verlauf jedes Antrags und im Bescheid.",
        error_messages={"required": "Bitte begründen Sie die Entscheidung."},
    )
    ueber_budget = forms.BooleanField(
        label="Trotzdem bewilligen, auch wenn ein Budget damit überschritten wird",
        required=False,
    )


def _vorschau(antraege, entscheidung: str, user) -> tuple[list[dict], dict]:
    """Per application what the decision would do, and per call the budget after it."""
    zeilen, budgets = [], {}
    for antrag in antraege:
        moeglich = entscheidung in antrag.moegliche_uebergaenge(user)
        betrag = antrag.beantragt if moeglich and entscheidung == S.BEWILLIGT else None
        zeilen.append({"antrag": antrag, "moeglich": moeglich, "betrag": betrag})
        ausschreibung = antrag.ausschreibung
        budget = budgets.setdefault(
            ausschreibung.pk,
            {"ausschreibung": ausschreibung, "vergeben": ausschreibung.vergeben(), "neu": 0},
        )
        budget["neu"] += betrag or 0
    for budget in budgets.values():
        gesamt = budget["ausschreibung"].gesamtbudget
        budget["danach"] = budget["vergeben"] + budget["neu"]
        budget["ueber"] = gesamt is not None and budget["danach"] > gesamt
    return zeilen, budgets


class BescheidForm(forms.Form):
    """Render (a new version of) the decision letter in the background."""

    def __init__(self, *args, antrag: Antrag, **kwargs):
        super().__init__(*args, **kwargs)
        self.antrag = antrag

    def ausfuehren(self, by) -> Bescheid:
        return Bescheid.anfordern(self.antrag, by)


class FreigabeForm(forms.Form):
    """Tell the applicant the decision that was taken."""

    def __init__(self, *args, antrag: Antrag, **kwargs):
        super().__init__(*args, **kwargs)
        self.antrag = antrag

    def ausfuehren(self, by) -> bool:
        return self.antrag.freigeben(by)


class RueckfrageForm(forms.Form):
    frage = forms.CharField(
        label="Ihre Rückfrage",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Die Antragstellenden erhalten sie per E-Mail. Bis sie antworten und den "
        "Antrag erneut einreichen, können sie ihn wieder bearbeiten.",
        error_messages={
            "required": "Bitte schreiben Sie Ihre Rückfrage.",
            "max_length": "Bitte fassen Sie die Rückfrage in höchstens 5.000 Zeichen.",
        },
    )

    def __init__(self, *args, antrag: Antrag, **kwargs):
        super().__init__(*args, auto_id="rueckfrage_%s", **kwargs)
        self.antrag = antrag

    def ausfuehren(self, by) -> Rueckfrage:
        return self.antrag.rueckfrage_stellen(by, self.cleaned_data["frage"])


class NurLesenInline:
    """Part of the file as the applicant and the process wrote it: shown, never changed here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class KostenpositionInline(NurLesenInline, admin.TabularInline):
    model = Kostenposition
    fields = readonly_fields = ["art", "beschreibung", "betrag_anzeige", "ist_betrag_anzeige"]

    @admin.display(description="Betrag")
    def betrag_anzeige(self, position):
        return euro(position.betrag)

    @admin.display(description="Tatsächliche Kosten")
    def ist_betrag_anzeige(self, position):
        return euro(position.ist_betrag) if position.ist_betrag is not None else "–"


class AnhangInline(NurLesenInline, admin.TabularInline):
    model = Anhang
    view_on_site = False  # the link in the row goes to the same file
    fields = readonly_fields = ["datei_link", "bezeichnung_lang", "zweck", "format_label", "am"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unterlage")

    @admin.display(description="Datei")
    def datei_link(self, anhang):
        # Never the storage URL: the files are served by the view that checks who asks.
        return format_html('<a href="{}">{}</a>', anhang.get_absolute_url(), anhang.dateiname)

    @admin.display(description="Unterlage")
    def bezeichnung_lang(self, anhang):
        return anhang.bezeichnung_lang

    @admin.display(description="Dateiart und Größe")
    def format_label(self, anhang):
        return anhang.format_label

    @admin.display(description="Hochgeladen am")
    def am(self, anhang):
        return zeitpunkt(anhang.hochgeladen_am)


class EinreichungInline(NurLesenInline, admin.TabularInline):
    model = Einreichung
    fields = readonly_fields = ["nummer", "am", "durch"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("eingereicht_von")

    @admin.display(description="Eingereicht am")
    def am(self, einreichung):
        return zeitpunkt(einreichung.eingereicht_am)

    @admin.display(description="Eingereicht von")
    def durch(self, einreichung):
        return anzeigename(einreichung.eingereicht_von) if einreichung.eingereicht_von else "–"


class RueckfrageInline(NurLesenInline, admin.StackedInline):
    model = Rueckfrage
    fields = readonly_fields = ["frage", "gestellt", "antwort", "beantwortet"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("gestellt_von", "beantwortet_von")

    @admin.display(description="Gestellt")
    def gestellt(self, rueckfrage):
        von = anzeigename(rueckfrage.gestellt_von) if rueckfrage.gestellt_von else "–"
        return f"{zeitpunkt(rueckfrage.gestellt_am)} von {von}"

    @admin.display(description="Beantwortet")
    def beantwortet(self, rueckfrage):
        if rueckfrage.beantwortet_am is None:
            return "noch nicht"
        von = anzeigename(rueckfrage.beantwortet_von) if rueckfrage.beantwortet_von else "–"
        return f"{zeitpunkt(rueckfrage.beantwortet_am)} von {von}"


class VerwendungsnachweisInline(NurLesenInline, admin.StackedInline):
    model = Verwendungsnachweis
    verbose_name_plural = "Verwendungsnachweis"
    fields = readonly_fields = [
        "durchgefuehrt_am",
        "bericht",
        "ergebnisse",
        "teilnehmende",
        "davon_gefluechtete",
        "eingereicht",
    ]

    @admin.display(description="Eingereicht am")
    def eingereicht(self, nachweis):
        return zeitpunkt(nachweis.eingereicht_am) if nachweis.eingereicht_am else "noch nicht"


class VorpruefungInline(NurLesenInline, admin.TabularInline):
    model = Vorpruefung
    fields = [*Vorpruefung.PUNKTE, "bemerkung", "geprueft_von", "geprueft_am"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("geprueft_von")


class GutachtenInline(NurLesenInline, admin.TabularInline):
    model = Gutachten
    fields = ["gutachter", "empfehlung", "durchschnitt", "gewichtet", "kommentar", "abgeschlossen"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("gutachter", "antrag__ausschreibung")
            .prefetch_related("bewertungen", "antrag__ausschreibung__kriterien")
        )

    @admin.display(description="Ø Punkte")
    def durchschnitt(self, gutachten):
        return gutachten.durchschnitt if gutachten.durchschnitt is not None else "–"

    @admin.display(description="Gewichtet")
    def gewichtet(self, gutachten):
        return gutachten.gewichtet if gutachten.gewichtet is not None else "–"

    @admin.display(description="Abgeschlossen")
    def abgeschlossen(self, gutachten):
        return zeitpunkt(gutachten.eingereicht_am) if gutachten.eingereicht_am else "Entwurf"


class BescheidInline(NurLesenInline, admin.TabularInline):
    model = Bescheid
    fields = ["version", "entscheidung", "stand", "datei_link", "sha256", "versandt_am", "fehler"]
    readonly_fields = fields
    extra = 0

    @admin.display(description="Datei")
    def datei_link(self, bescheid):
        if bescheid.stand != Bescheid.Stand.ERSTELLT:
            return "–"
        return format_html(
            '<a href="{}">{}</a> ({})',
            bescheid.get_absolute_url(),
            bescheid.dateiname,
            bescheid.format_label,
        )


class AuszahlungInline(NurLesenInline, admin.TabularInline):
    model = Auszahlung
    fields = readonly_fields = ["betrag", "am", "vermerk", "gebucht_von", "gebucht_am"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("gebucht_von")


class VerlaufInline(NurLesenInline, admin.TabularInline):
    model = Statuswechsel
    fields = readonly_fields = ["am_anzeige", "von", "nach", "durch", "rolle", "notiz"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    @admin.display(description="Am")
    def am_anzeige(self, eintrag):
        return zeitpunkt(eintrag.am)

    @admin.display(description="Durch")
    def durch(self, eintrag):
        return anzeigename(eintrag.user) if eintrag.user else "Portal (automatisch)"


def _angaben(antrag: Antrag, mit_dateien: bool = False) -> str:
    """The application as it was last submitted (a draft as it stands): the same sections and
    values the applicant checked on the summary page; for jurors, who see no inlines, with
    the files."""
    fassung = antrag.einreichungen.order_by("-nummer").first()
    return render_to_string(
        "admin/foerderung/antrag_angaben.html",
        {
            "antrag": antrag,
            "fassung": fassung,
            "daten": fassung.daten if fassung else antrag.als_daten(),
            "anhaenge": antrag.anhaenge.select_related("unterlage") if mit_dateien else (),
        },
    )


def _gemerkt(antrag: Antrag, name: str) -> str:
    """Session key of a form the staff sent with errors, shown again on the change page."""
    return f"foerderung-antrag-{antrag.pk}-{name}"


def _schalter(titel: str, parameter: str, wert: str, label: str, methode: str):
    """A list filter with one choice that applies a queryset method of the same meaning."""

    class Filter(admin.SimpleListFilter):
        title, parameter_name = titel, parameter

        def lookups(self, request, model_admin):
            return [(wert, label)]

        def queryset(self, request, queryset):
            return getattr(queryset, methode)() if self.value() == wert else queryset

    return Filter


@admin.register(Antrag)
class AntragAdmin(TabellenExport, admin.ModelAdmin):
    """The programme staff's view of an application: all of it, read-only, with the steps they
    may take next. Applications are made on the portal, never here."""

    list_display = [
        "aktenzeichen_anzeige",
        "organisation",
        "kreis",
        "ausschreibung",
        "status",
        "beantragt_anzeige",
        "bewilligt_anzeige",
        "eingereicht_anzeige",
        "wartet",
        "gutachter_anzeige",
        "punkte_anzeige",
    ]
    list_filter = [
        "ausschreibung__programm",
        "ausschreibung",
        "status",
        "organisation__kreis",  # all 44; "only those with applications" costs a scan
        "organisation__kreis__regierungsbezirk",
        "organisation__art",
        _schalter("Rückfrage", "rueckfrage", "offen", "Rückfrage offen", "mit_offener_rueckfrage"),
        _schalter(
            "Verwendungsnachweis", "nachweis", "ueberfaellig", "überfällig", "nachweis_ueberfaellig"
        ),
        _schalter(
            "Entscheidung", "entscheidung", "unmitgeteilt", "noch nicht mitgeteilt", "freizugeben"
        ),
    ]
    actions = [
        "sammelentscheidung",
        "entscheidungen_mitteilen",
        "gutachter_zuweisen",
        "bescheide_erstellen",
        "als_buendnis",
    ]
    list_select_related = ["organisation__kreis", "ausschreibung"]
    # 10,000 applications on deadline day: a page of 50 renders in a third of the time of 100,
    # and the unfiltered total is not counted again beside the filtered one.
    list_per_page = 50
    show_full_result_count = False
    search_fields = ["aktenzeichen", "organisation__name", "titel", "ziele", "beschreibung"]
    search_help_text = "Aktenzeichen, Organisation, Titel oder Text des Vorhabens"
    date_hierarchy = "eingereicht_am"
    export_name = "antraege"
    export_spalten = [
        "Aktenzeichen",
        "Organisation",
        "Art",
        "Kreis",
        "Regierungsbezirk",
        "Programm",
        "Ausschreibung",
        "Titel",
        "Status",
        "Beantragt",
        "Bewilligt",
        "Ausgezahlt",
        "Gesamtkosten",
        "Eingereicht am",
        "Verwendungsnachweis fällig am",
        "Gutachten abgeschlossen",
        "Punkte (Durchschnitt)",
        "Punkte (gewichtet)",
        "Spanne",
    ]
    view_on_site = False  # the portal's page of an application is the applicant's
    fieldsets = [
        (
            "Antrag",
            {
                "fields": [
                    "aktenzeichen_anzeige",
                    "status",
                    "ausschreibung",
                    "organisation",
                    "kreis",
                    "eingereicht_anzeige",
                    "erstellt",
                ]
            },
        ),
        ("Angaben im Antrag", {"fields": ["angaben"]}),
        ("Änderungen bei der letzten Einreichung", {"fields": ["aenderungen"]}),
        ("Jury", {"fields": ["jury_anzeige"]}),
        (
            "Entscheidung",
            {"fields": ["bewilligt_anzeige", "mitgeteilt", "nachweis_faellig_anzeige"]},
        ),
    ]
    readonly_fields = [name for _, optionen in fieldsets for name in optionen["fields"]]

    def get_inlines(self, request, obj):
        # The final report belongs to a granted application only.
        nachweis = (
            [VerwendungsnachweisInline] if obj and obj.status in Antrag.BEWILLIGT_STATUS else []
        )
        return [
            VorpruefungInline,
            GutachtenInline,
            BescheidInline,
            AuszahlungInline,
            KostenpositionInline,
            AnhangInline,
            RueckfrageInline,
            EinreichungInline,
            *nachweis,
            VerlaufInline,
        ]

    # --- Who may do what: the programme staff look and take steps; nobody edits or deletes.

    def has_view_permission(self, request, obj=None):
        return _pruefer(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # --- Columns and fields ------------------------------------------------------------------

    def export_zeilen(self, request, queryset):
        antraege = queryset.select_related(
            "organisation__kreis", "ausschreibung__programm"
        ).prefetch_related("kostenpositionen", "auszahlungen")  # reviews: see get_queryset
        for antrag in antraege:
            kreis = antrag.organisation.kreis
            jury = antrag.jury()
            yield [
                antrag.aktenzeichen or "Entwurf",
                antrag.organisation.name,
                antrag.organisation.get_art_display(),
                kreis.name,
                kreis.get_regierungsbezirk_display(),
                antrag.ausschreibung.programm.name,
                antrag.ausschreibung.titel,
                antrag.titel,
                antrag.get_status_display(),
                antrag.beantragt,
                antrag.bewilligt_betrag,
                antrag.ausgezahlt,
                antrag.gesamtkosten,
                antrag.eingereicht_am,
                antrag.nachweis_faellig_am,
                jury["anzahl"],
                jury["durchschnitt"],
                jury["gewichtet"],
                jury["spanne"],
            ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "gutachten",
                    queryset=Gutachten.objects.select_related("gutachter").prefetch_related(
                        "bewertungen"
                    ),
                ),
                "ausschreibung__kriterien",
            )
        )

    @admin.display(description="Gutachten")
    def gutachter_anzeige(self, antrag):
        return (
            ", ".join(
                f"{anzeigename(g.gutachter)}{'' if g.offen else ' ✓'}"
                for g in antrag.gutachten.all()
            )
            or "–"
        )

    @admin.display(description="Punkte (gewichtet)")
    def punkte_anzeige(self, antrag):
        jury = antrag.jury()
        if jury["gewichtet"] is None:
            return "–"
        return f"{jury['gewichtet']} (Spanne {jury['spanne']}, {jury['anzahl']} Gutachten)"

    @admin.action(description="Gutachterin oder Gutachter zuweisen", permissions=["pruefen"])
    def gutachter_zuweisen(self, request, queryset):
        """Assign one juror to the selected applications; asks whom first."""
        form = ZuweisenForm(request.POST if "gutachter" in request.POST else None)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "admin/foerderung/antrag/zuweisen.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "Gutachterin oder Gutachter zuweisen",
                    "form": form,
                    "antraege": queryset,
                    "opts": self.model._meta,
                },
            )
        gutachter, zugewiesen, befangen = form.cleaned_data["gutachter"], 0, []
        for antrag in queryset.select_related("organisation"):
            try:
                antrag.gutachter_zuweisen(gutachter, request.user)
                zugewiesen += 1
            except UebergangVerweigert:
                befangen.append(str(antrag))
        messages.success(request, f"{anzeigename(gutachter)}: {zugewiesen} Anträge zugewiesen.")
        if befangen:
            messages.warning(
                request,
                f"Nicht zugewiesen wegen Befangenheit: {', '.join(befangen)}.",
            )
        return None

    @admin.display(description="Gegenüber der vorigen Fassung")
    def aenderungen(self, antrag):
        fassungen = list(antrag.einreichungen.order_by("-nummer")[:2])
        if len(fassungen) < 2:
            return "Nur eine Fassung eingereicht."
        neu, alt = fassungen
        unterschiede = neu.unterschiede(alt)
        if not unterschiede:
            return f"Fassung {neu.nummer} gleicht Fassung {alt.nummer}."
        return format_html(
            "<table><thead><tr><th scope='col'>Abschnitt</th><th scope='col'>Angabe</th>"
            "<th scope='col'>Fassung {}</th><th scope='col'>Fassung {}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            alt.nummer,
            neu.nummer,
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td><del>{}</del></td><td><ins>{}</ins></td></tr>",
                unterschiede,
            ),
        )

    @admin.display(description="Gutachten")
    def jury_anzeige(self, antrag):
        jury = antrag.jury()
        if not jury["zugewiesen"]:
            return "Noch niemand zugewiesen."
        if not jury["anzahl"]:
            return f"{jury['zugewiesen']} zugewiesen, noch keins abgeschlossen."
        return (
            f"{jury['anzahl']} von {jury['zugewiesen']} abgeschlossen · Ø {jury['durchschnitt']} "
            f"Punkte · gewichtet {jury['gewichtet']} · Spanne {jury['spanne']}"
        )

    @admin.display(description="Mitgeteilt")
    def mitgeteilt(self, antrag):
        if antrag.freigegeben_am is None:
            return "noch nicht" if antrag.unmitgeteilt else "–"
        von = anzeigename(antrag.freigegeben_von) if antrag.freigegeben_von else "–"
        return f"{zeitpunkt(antrag.freigegeben_am)} von {von}"

    @admin.display(description="Wartet seit")
    def wartet(self, antrag):
        tage = antrag.wartet_tage
        if tage is None:
            return "–"
        return "heute" if tage == 0 else ("1 Tag" if tage == 1 else f"{tage} Tagen")

    @admin.display(description="Aktenzeichen", ordering="aktenzeichen")
    def aktenzeichen_anzeige(self, antrag):
        return antrag.aktenzeichen or "Entwurf"

    @admin.display(description="Kreis", ordering="organisation__kreis__name")
    def kreis(self, antrag):
        return antrag.organisation.kreis

    @admin.display(description="Beantragt", ordering="beantragt")
    def beantragt_anzeige(self, antrag):
        return euro(antrag.beantragt) if antrag.beantragt is not None else "–"

    @admin.display(description="Eingereicht am", ordering="eingereicht_am")
    def eingereicht_anzeige(self, antrag):
        if antrag.eingereicht_am is None:
            return "–"
        return date_format(timezone.localtime(antrag.eingereicht_am), "d.m.Y")

    @admin.display(description="Angelegt")
    def erstellt(self, antrag):
        von = anzeigename(antrag.erstellt_von) if antrag.erstellt_von else "–"
        return f"{zeitpunkt(antrag.erstellt_am)} von {von}"

    @admin.display(description="Wie eingereicht")
    def angaben(self, antrag):
        return _angaben(antrag)

    @admin.display(description="Bewilligt", ordering="bewilligt_betrag")
    def bewilligt_anzeige(self, antrag):
        return euro(antrag.bewilligt_betrag) if antrag.bewilligt_betrag is not None else "–"

    @admin.display(description="Verwendungsnachweis fällig am")
    def nachweis_faellig_anzeige(self, antrag):
        if antrag.nachweis_faellig_am is None:
            return "–"
        return date_format(antrag.nachweis_faellig_am, "d.m.Y")

    # --- The staff's steps: forms on the change page, sent to POST-only views -----------------

    def get_urls(self):
        def nur_post(view):
            return self.admin_site.admin_view(require_POST(view))

        return [
            path(
                "<path:object_id>/schritt/",
                nur_post(self.schritt_view),
                name="foerderung_antrag_schritt",
            ),
            path(
                "<path:object_id>/rueckfrage/",
                nur_post(self.rueckfrage_view),
                name="foerderung_antrag_rueckfrage",
            ),
            path(
                "<path:object_id>/dossier/",
                self.admin_site.admin_view(require_safe(self.dossier_view)),
                name="foerderung_antrag_dossier",
            ),
            path(
                "bescheide/",
                self.admin_site.admin_view(require_safe(self.bescheide_fortschritt)),
                name="foerderung_antrag_bescheide",
            ),
            path(
                "<path:object_id>/auszahlung/",
                nur_post(self.auszahlung_view),
                name="foerderung_antrag_auszahlung",
            ),
            path(
                "<path:object_id>/bescheid/",
                nur_post(self.bescheid_view),
                name="foerderung_antrag_bescheid",
            ),
            path(
                "<path:object_id>/zuweisen/",
                nur_post(self.zuweisen_view),
                name="foerderung_antrag_zuweisen",
            ),
            path(
                "<path:object_id>/freigabe/",
                nur_post(self.freigabe_view),
                name="foerderung_antrag_freigabe",
            ),
            path(
                "<path:object_id>/vorpruefung/",
                nur_post(self.vorpruefung_view),
                name="foerderung_antrag_vorpruefung",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and _pruefer(request):
            context["bearbeitung"] = self._bearbeitung(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _bearbeitung(self, request, antrag: Antrag) -> list[dict]:
        """The forms the staff may use now; one sent with errors comes back with them."""
        session = request.session
        schritt = SchrittForm(
            session.pop(_gemerkt(antrag, "schritt"), None), antrag=antrag, user=request.user
        )
        rueckfrage = RueckfrageForm(
            session.pop(_gemerkt(antrag, "rueckfrage"), None), antrag=antrag
        )
        formulare = []
        if antrag.status in VORPRUEFUNG_MOEGLICH:
            formulare.append(
                {
                    "titel": "Vorprüfung",
                    "form": VorpruefungForm(
                        session.pop(_gemerkt(antrag, "vorpruefung"), None), antrag=antrag
                    ),
                    "url": reverse("admin:foerderung_antrag_vorpruefung", args=[antrag.pk]),
                    "knopf": "Vorprüfung festhalten",
                }
            )
        if antrag.status in JURY_MOEGLICH:
            formulare.append(
                {
                    "titel": "Gutachten zuweisen",
                    "form": ZuweisenForm(
                        session.pop(_gemerkt(antrag, "zuweisen"), None), antrag=antrag
                    ),
                    "url": reverse("admin:foerderung_antrag_zuweisen", args=[antrag.pk]),
                    "knopf": "Zuweisen",
                }
            )
        if antrag.status in Antrag.ENTSCHEIDUNGEN | Antrag.BEWILLIGT_STATUS:
            formulare.append(
                {
                    "titel": "Bescheid",
                    "form": BescheidForm(antrag=antrag),
                    "url": reverse("admin:foerderung_antrag_bescheid", args=[antrag.pk]),
                    "knopf": "Bescheid erstellen"
                    if not antrag.bescheide.exists()
                    else "Neue Fassung des Bescheids erstellen",
                    "hinweis": "Der Bescheid wird im Hintergrund erstellt und einmal "
                    "gespeichert. Ist die Entscheidung mitgeteilt, geht er per E-Mail an die "
                    "Antragstellenden, sonst mit der Mitteilung.",
                }
            )
        if antrag.ist_bewilligt:
            formulare.append(
                {
                    "titel": "Auszahlung buchen",
                    "form": AuszahlungForm(
                        session.pop(_gemerkt(antrag, "auszahlung"), None), antrag=antrag
                    ),
                    "url": reverse("admin:foerderung_antrag_auszahlung", args=[antrag.pk]),
                    "knopf": "Auszahlung buchen",
                }
            )
        if antrag.unmitgeteilt:
            formulare.append(
                {
                    "titel": "Entscheidung mitteilen",
                    "form": FreigabeForm(antrag=antrag),
                    "url": reverse("admin:foerderung_antrag_freigabe", args=[antrag.pk]),
                    "knopf": f"„{antrag.get_status_display()}“ jetzt mitteilen",
                    "hinweis": "Die Antragstellenden sehen bis dahin „In Prüfung“. Mit der "
                    "Mitteilung erhalten sie die Entscheidung per E-Mail.",
                }
            )
        if schritt.moeglich:
            formulare.append(
                {
                    "titel": "Nächster Schritt",
                    "form": schritt,
                    "url": reverse("admin:foerderung_antrag_schritt", args=[antrag.pk]),
                    "knopf": "Schritt ausführen",
                }
            )
        if S.RUECKFRAGE in antrag.moegliche_uebergaenge(request.user):
            formulare.append(
                {
                    "titel": "Rückfrage stellen",
                    "form": rueckfrage,
                    "url": reverse("admin:foerderung_antrag_rueckfrage", args=[antrag.pk]),
                    "knopf": "Rückfrage stellen",
                }
            )
        return formulare

    def _antrag(self, request, object_id) -> Antrag:
        if not _pruefer(request):
            raise PermissionDenied
        antrag = self.get_object(request, unquote(object_id))
        if antrag is None:
            raise Http404("Diesen Antrag gibt es nicht.")
        return antrag

    def schritt_view(self, request, object_id):
        antrag = self._antrag(request, object_id)
        form = SchrittForm(request.POST, antrag=antrag, user=request.user)
        return self._ausfuehren(request, antrag, "schritt", form)

    def rueckfrage_view(self, request, object_id):
        antrag = self._antrag(request, object_id)
        return self._ausfuehren(
            request, antrag, "rueckfrage", RueckfrageForm(request.POST, antrag=antrag)
        )

    def dossier_view(self, request, object_id):
        """The whole file as a ZIP: receipt, versions, attachments, letters, history, queries."""
        antrag = self._antrag(request, object_id)
        response = HttpResponse(dossier(antrag), content_type="application/zip")
        name = antrag.aktenzeichen or f"entwurf-{antrag.pk}"
        response["Content-Disposition"] = f'attachment; filename="akte-{name}.zip"'
        return response

    def auszahlung_view(self, request, object_id):
        antrag = self._antrag(request, object_id)
        return self._ausfuehren(
            request, antrag, "auszahlung", AuszahlungForm(request.POST, antrag=antrag)
        )

    def bescheid_view(self, request, object_id):
        antrag = self._antrag(request, object_id)
        return self._ausfuehren(request, antrag, "bescheid", BescheidForm({}, antrag=antrag))

    @admin.action(description="Sammelentscheidung (mit Vorschau)", permissions=["pruefen"])
    def sammelentscheidung(self, request, queryset):
        """Decide a selection at once: first a preview of what happens to each application
        and each call's budget, then, on „Anwenden“, one decision (and history entry) each."""
        antraege = list(queryset.select_related("organisation", "ausschreibung"))
        form = SammelentscheidungForm(request.POST if "entscheidung" in request.POST else None)
        zeilen, budgets = [], {}
        if form.is_valid():
            entscheidung = form.cleaned_data["entscheidung"]
            zeilen, budgets = _vorschau(antraege, entscheidung, request.user)
            ueber = any(b["ueber"] for b in budgets.values())
            if ueber and "anwenden" in request.POST and not form.cleaned_data["ueber_budget"]:
                form.add_error("ueber_budget", "Ein Budget würde überschritten; bitte bestätigen.")
            elif "anwenden" in request.POST:
                entschieden = 0
                for zeile in zeilen:
                    if zeile["moeglich"]:
                        zeile["antrag"].entscheiden(
                            entscheidung, request.user, None, form.cleaned_data["notiz"]
                        )
                        entschieden += 1
                messages.success(
                    request,
                    f"{entschieden} Anträge entschieden ({S(entscheidung).label}); "
                    f"{len(zeilen) - entschieden} waren nicht in einem Stand, der das erlaubt. "
                    "Die Entscheidungen sind noch nicht mitgeteilt.",
                )
                return None
        return TemplateResponse(
            request,
            "admin/foerderung/antrag/sammelentscheidung.html",
            {
                **self.admin_site.each_context(request),
                "title": "Sammelentscheidung",
                "opts": self.model._meta,
                "form": form,
                "antraege": antraege,
                "zeilen": zeilen,
                "budgets": budgets.values(),
                "vorschau": (form.is_bound and not form.errors) or bool(zeilen),
            },
        )

    @admin.action(description="Als Lokales Bündnis übernehmen", permissions=["pruefen"])
    def als_buendnis(self, request, queryset):
        for antrag in queryset.select_related("organisation__kreis", "ausschreibung"):
            try:
                buendnis = antrag.als_buendnis(request.user)
            except UebergangVerweigert as grund:
                messages.warning(request, str(grund))
                continue
            messages.success(
                request,
                format_html(
                    '{}: Bündnis <a href="{}">{}</a> angelegt, noch nicht öffentlich.',
                    antrag,
                    reverse("admin:buendnisse_buendnis_change", args=[buendnis.pk]),
                    buendnis.name,
                ),
            )

    @admin.action(description="Bescheide erstellen", permissions=["pruefen"])
    def bescheide_erstellen(self, request, queryset):
        """A letter for each selected decided application, rendered in the background; the
        progress page follows them."""
        bescheide = [
            Bescheid.anfordern(antrag, request.user)
            for antrag in queryset.filter(
                status__in=Antrag.ENTSCHEIDUNGEN | Antrag.BEWILLIGT_STATUS
            )
        ]
        if not bescheide:
            messages.warning(request, "Unter den ausgewählten Anträgen ist keiner entschieden.")
            return None
        ids = ",".join(str(b.pk) for b in bescheide)
        return redirect(f"{reverse('admin:foerderung_antrag_bescheide')}?ids={ids}")

    def bescheide_fortschritt(self, request):
        """How far the background rendering of a batch of letters has got."""
        if not _pruefer(request):
            raise PermissionDenied
        ids = [int(i) for i in request.GET.get("ids", "").split(",") if i.isdigit()][:500]
        bescheide = list(Bescheid.objects.filter(pk__in=ids).select_related("antrag"))
        stand = dict.fromkeys(Bescheid.Stand.values, 0)
        for bescheid in bescheide:
            stand[bescheid.stand] += 1
        return TemplateResponse(
            request,
            "admin/foerderung/antrag/bescheide.html",
            {
                **self.admin_site.each_context(request),
                "title": "Bescheide werden erstellt",
                "opts": self.model._meta,
                "bescheide": bescheide,
                "stand": stand,
                "fertig": len(bescheide) - stand[Bescheid.Stand.WARTET],
            },
        )

    def zuweisen_view(self, request, object_id):
        antrag = self._antrag(request, object_id)
        return self._ausfuehren(
            request, antrag, "zuweisen", ZuweisenForm(request.POST, antrag=antrag)
        )

    def freigabe_view(self, request, object_id):
        antrag = self._antrag(request, object_id)
        return self._ausfuehren(request, antrag, "freigabe", FreigabeForm({}, antrag=antrag))

    @admin.action(description="Entscheidungen mitteilen", permissions=["pruefen"])
    def entscheidungen_mitteilen(self, request, queryset):
        mitgeteilt = sum(antrag.freigeben(request.user) for antrag in queryset.freizugeben())
        messages.success(
            request,
            f"{mitgeteilt} Entscheidung{'' if mitgeteilt == 1 else 'en'} mitgeteilt; "
            f"{queryset.count() - mitgeteilt} der ausgewählten Anträge hatten keine neue.",
        )

    def has_pruefen_permission(self, request):
        return _pruefer(request)

    def vorpruefung_view(self, request, object_id):
        antrag = self._antrag(request, object_id)
        return self._ausfuehren(
            request, antrag, "vorpruefung", VorpruefungForm(request.POST, antrag=antrag)
        )

    def _ausfuehren(self, request, antrag: Antrag, name: str, form):
        if not form.is_valid():
            request.session[_gemerkt(antrag, name)] = {
                feld: wert for feld, wert in form.data.items() if feld != "csrfmiddlewaretoken"
            }
            messages.error(
                request,
                "Der Schritt wurde nicht ausgeführt. Bitte prüfen Sie die markierten Angaben.",
            )
        else:
            try:
                form.ausfuehren(request.user)
            except UebergangVerweigert as verweigert:
                messages.error(request, str(verweigert))
            else:
                messages.success(
                    request, f"Der Antrag {antrag} ist jetzt „{antrag.get_status_display()}“."
                )
        return redirect("admin:foerderung_antrag_change", antrag.pk)


def _auswahlfilter(titel: str) -> type[admin.ChoicesFieldListFilter]:
    """A filter by a field's choices under a title of its own ("Nach neuem Stand")."""

    class Filter(admin.ChoicesFieldListFilter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = titel

    return Filter


@admin.register(Statuswechsel)
class StatuswechselAdmin(admin.ModelAdmin):
    """Every application's history in one list: what happened lately, and by whom. It is a
    record: nobody adds, changes or deletes entries here."""

    list_display = ["am_anzeige", "antrag_link", "von", "nach", "durch", "rolle"]
    list_filter = [
        ("nach", _auswahlfilter("neuem Stand")),
        ("rolle", _auswahlfilter("Rolle")),
        "antrag__ausschreibung__programm",
    ]
    ordering = ["-am", "-pk"]
    list_select_related = ["antrag__ausschreibung", "user"]
    search_fields = ["antrag__aktenzeichen", "antrag__organisation__name"]
    search_help_text = "Aktenzeichen oder Name der Organisation"
    date_hierarchy = "am"
    fields = readonly_fields = ["antrag", "am_anzeige", "von", "nach", "durch", "rolle", "notiz"]

    def has_view_permission(self, request, obj=None):
        return _pruefer(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Am", ordering="am")
    def am_anzeige(self, eintrag):
        return zeitpunkt(eintrag.am)

    @admin.display(description="Antrag", ordering="antrag__aktenzeichen")
    def antrag_link(self, eintrag):
        url = reverse("admin:foerderung_antrag_change", args=[eintrag.antrag_id])
        return format_html('<a href="{}">{}</a>', url, eintrag.antrag)

    @admin.display(description="Durch")
    def durch(self, eintrag):
        return anzeigename(eintrag.user) if eintrag.user else "Portal (automatisch)"


@admin.register(BescheidVorlage)
class BescheidVorlageAdmin(admin.ModelAdmin):
    """The letters' texts. Placeholders: $organisation, $titel, $aktenzeichen, $betrag,
    $beantragt, $ausschreibung, $programm, $nachweis_frist."""

    list_display = ["__str__", "geaendert_am"]
    fieldsets = [
        (None, {"fields": ["programm", "betreff"]}),
        (
            "Texte",
            {
                "fields": ["text_bewilligt", "text_teilweise", "text_abgelehnt", "rechtsbehelf"],
                "description": "Platzhalter: "
                + ", ".join(f"${name}" for name in BescheidVorlage.PLATZHALTER)
                + ". Die Texte dürfen Markdown verwenden (**fett**, Listen).",
            },
        ),
        ("Unterschrift", {"fields": ["unterschrift_name", "unterschrift_funktion"]}),
    ]

    def has_module_permission(self, request):
        return _pruefer(request)


# --- The jury: each juror sees and scores the applications assigned to them, nothing else ------


PUNKTE_AUSWAHL = [
    ("", "Bitte wählen"),
    (0, "0 – nicht erfüllt"),
    (1, "1"),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, "5 – voll erfüllt"),
]


class GutachtenForm(forms.ModelForm):
    """Points per criterion (0–5), recommendation and comment. Saving keeps a draft; the
    button „Gutachten abschließen“ asks for everything."""

    class Meta:
        model = Gutachten
        fields = ["empfehlung", "kommentar"]
        widgets = {"kommentar": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kriterien = list(self.instance.antrag.ausschreibung.kriterien.all())
        punkte = self.instance.punkte_je_kriterium()
        for kriterium in self.kriterien:
            # A select rather than radio buttons: the admin labels it (label for=…).
            self.fields[f"kriterium_{kriterium.pk}"] = forms.TypedChoiceField(
                label=kriterium.name,
                choices=PUNKTE_AUSWAHL,
                coerce=int,
                empty_value=None,
                required=False,
                initial=punkte.get(kriterium.pk),
                help_text=" ".join(
                    filter(None, [kriterium.beschreibung, f"Gewicht {kriterium.gewicht}."])
                ),
            )
        self.fields["empfehlung"].choices = [("", "Bitte wählen"), *Gutachten.Empfehlung.choices]
        self.fields["empfehlung"].required = False

    def clean(self):
        cleaned = super().clean()
        if "_abschliessen" in self.data:
            for kriterium in self.kriterien:
                if cleaned.get(f"kriterium_{kriterium.pk}") is None:
                    self.add_error(f"kriterium_{kriterium.pk}", "Bitte vergeben Sie Punkte.")
            if not cleaned.get("empfehlung"):
                self.add_error("empfehlung", "Bitte geben Sie eine Empfehlung.")
        return cleaned

    def speichern(self) -> None:
        self.instance.bewerten(
            {k.pk: self.cleaned_data[f"kriterium_{k.pk}"] for k in self.kriterien},
            self.cleaned_data["empfehlung"],
            self.cleaned_data["kommentar"],
        )
        if "_abschliessen" in self.data:
            self.instance.einreichen()


class GutachtenStandFilter(admin.SimpleListFilter):
    title = "Stand"
    parameter_name = "stand"

    def lookups(self, request, model_admin):
        return [("offen", "offen"), ("abgeschlossen", "abgeschlossen")]

    def queryset(self, request, queryset):
        if self.value() == "offen":
            return queryset.filter(eingereicht_am__isnull=True)
        if self.value() == "abgeschlossen":
            return queryset.eingereicht()
        return queryset


@admin.register(Gutachten)
class GutachtenAdmin(admin.ModelAdmin):
    """The jurors' list. Each juror sees the reviews assigned to them; the Förderreferat sees
    all of them, read-only."""

    form = GutachtenForm
    change_form_template = "admin/foerderung/gutachten/change_form.html"
    list_display = ["antrag", "organisation", "ausschreibung", "gutachter_name", "stand", "punkte"]
    list_filter = [GutachtenStandFilter, "antrag__ausschreibung"]
    list_select_related = [
        "antrag__organisation",
        "antrag__ausschreibung",
        "gutachter",
    ]
    search_fields = ["antrag__aktenzeichen", "antrag__organisation__name", "antrag__titel"]
    readonly_fields = ["antrag_anzeige", "bewertung_anzeige"]

    def get_queryset(self, request):
        gutachten = (
            super()
            .get_queryset(request)
            .prefetch_related("bewertungen", "antrag__ausschreibung__kriterien")
        )
        if _pruefer(request):
            return gutachten
        return gutachten.filter(gutachter=request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if not request.user.has_perm("foerderung.begutachten"):
            return False
        return obj is None or (obj.gutachter_id == request.user.pk and obj.offen)

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The criteria are the form's own fields, not the model's.
        return super().get_form(request, obj, change, fields=["empfehlung", "kommentar"])

    def get_fieldsets(self, request, obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            bewertung = [f"kriterium_{k.pk}" for k in obj.antrag.ausschreibung.kriterien.all()]
        else:
            bewertung = ["bewertung_anzeige"]
        return [
            ("Antrag", {"fields": ["antrag_anzeige"]}),
            ("Bewertung", {"fields": [*bewertung, "empfehlung", "kommentar"]}),
        ]

    def save_model(self, request, obj, form, change):
        form.speichern()

    @admin.display(description="Organisation")
    def organisation(self, gutachten):
        return gutachten.antrag.organisation

    @admin.display(description="Ausschreibung")
    def ausschreibung(self, gutachten):
        return gutachten.antrag.ausschreibung

    @admin.display(description="Gutachter")
    def gutachter_name(self, gutachten):
        return anzeigename(gutachten.gutachter)

    @admin.display(description="Stand")
    def stand(self, gutachten):
        return (
            "Entwurf" if gutachten.offen else f"abgeschlossen {zeitpunkt(gutachten.eingereicht_am)}"
        )

    @admin.display(description="Punkte (gewichtet)")
    def punkte(self, gutachten):
        return gutachten.gewichtet if gutachten.gewichtet is not None else "–"

    @admin.display(description="Antrag")
    def antrag_anzeige(self, gutachten):
        return _angaben(gutachten.antrag, mit_dateien=True)

    @admin.display(description="Punkte")
    def bewertung_anzeige(self, gutachten):
        punkte = gutachten.punkte_je_kriterium()
        return format_html(
            "<dl>{}</dl>",
            format_html_join(
                "",
                "<dt>{} (Gewicht {})</dt><dd>{}</dd>",
                (
                    (k.name, k.gewicht, punkte.get(k.pk, "–"))
                    for k in gutachten.antrag.ausschreibung.kriterien.all()
                ),
            ),
        )

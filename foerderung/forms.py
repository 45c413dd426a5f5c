"""The online application in steps, and the forms around it (start, submit, query, report).

Each step is a form class that also knows, from the saved application alone, what of it is
still missing (`fehlt`) and how it reads in the summary and the receipt (`felder`). SCHRITTE
lists them in order; the progress indicator, the summary page and the submission check all
follow that list.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.formats import date_format, number_format

from foerderung.models import (
    Anhang,
    Antrag,
    Format,
    Kostenposition,
    Rueckfrage,
    Thema,
    Verwendungsnachweis,
)
from kontakte.models import Organisation
from portal.formats import euro
from portal.forms import AccessibleErrorsMixin

# A plain text field: typed the German way, it works the same with every browser, keyboard and
# screen reader; the hint shows the format.
DATUM = forms.DateInput(format="%d.%m.%Y", attrs={"autocomplete": "off"})
DATUM_FORMATE = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATUM_FEHLER = "Bitte geben Sie ein gültiges Datum an, zum Beispiel 15.03.2017."


TAUSENDER = re.compile(r"\d{1,3}(\.\d{3})+")


class EuroFeld(forms.DecimalField):
    """An amount in euros as people type it: "2.800,50", "2800.50", "2 800 €"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 9)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal(0))
        super().__init__(**kwargs)
        self.error_messages["min_value"] = "Ein Betrag kann nicht negativ sein."
        self.error_messages["invalid"] = "Bitte geben Sie einen Betrag an, zum Beispiel 1.250,50."

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
            if "," in value or TAUSENDER.fullmatch(value):
                # German: dots group thousands ("4.000"), the comma marks the cents.
                value = value.replace(".", "").replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return number_format(value, 2, use_l10n=True, force_grouping=True)
        return value

    def widget_attrs(self, widget):
        return {}  # no browser-side step/min: the server's German messages decide


def _leer(wert) -> bool:
    return wert is None or wert == "" or wert == [] or wert == {}


def _anzeige(antrag: Antrag, name: str) -> str:
    """A field's value as the summary shows it: choices by their label, dates and euros the
    German way, "–" for nothing."""
    wert = getattr(antrag, name)
    if _leer(wert):
        return "–"
    if name == "themen":
        return ", ".join(antrag.themen_namen)
    field = antrag._meta.get_field(name)
    if field.choices:
        return str(getattr(antrag, f"get_{name}_display")())
    if isinstance(wert, Decimal):
        return euro(wert)
    if hasattr(wert, "strftime"):
        return date_format(wert, "d.m.Y")
    return str(wert)


def _deutsche_meldungen(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.MultipleChoiceField | forms.ChoiceField):
            field.error_messages["required"] = f"Bitte wählen Sie „{field.label}“."
        elif isinstance(field, forms.FileField):
            field.error_messages["required"] = f"Bitte laden Sie „{field.label}“ hoch."
        else:
            field.error_messages["required"] = f"Bitte füllen Sie „{field.label}“ aus."
        if isinstance(field, forms.DateField):
            field.input_formats = DATUM_FORMATE
            field.error_messages["invalid"] = DATUM_FEHLER
        if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField):
            # A text field: a number field would keep "viele" from reaching our German message.
            field.widget = forms.TextInput(attrs={"inputmode": "numeric"})
            field.error_messages["invalid"] = "Bitte geben Sie eine ganze Zahl an, zum Beispiel 80."


def _teilnehmende(field: forms.IntegerField, mindestens: int) -> None:
    """A head count between `mindestens` and 100.000 (validators, as the model field has none)."""
    field.validators += [
        MinValueValidator(
            mindestens,
            f"Bitte geben Sie eine Zahl ab {mindestens} an."
            if mindestens == 0
            else "Bitte geben Sie mindestens eine teilnehmende Person an.",
        ),
        MaxValueValidator(100_000, "Bitte geben Sie höchstens 100.000 Teilnehmende an."),
    ]


class Schritt(AccessibleErrorsMixin, forms.ModelForm):
    """A step that edits fields of the application itself; `pflicht` names those it needs."""

    slug = ""
    titel = ""
    vorlage = "foerderung/schritt.html"
    pflicht: tuple[str, ...] = ()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name, field in self.fields.items():
            field.required = name in self.pflicht
        _deutsche_meldungen(self)

    @classmethod
    def noetig(cls, antrag: Antrag) -> bool:
        return True

    @classmethod
    def fehlt(cls, antrag: Antrag) -> list[str]:
        leer = [
            str(antrag._meta.get_field(name).verbose_name)
            for name in cls.pflicht
            if _leer(getattr(antrag, name))
        ]
        if not leer:
            return []
        return [f"Im Schritt „{cls.titel}“ fehlt: {', '.join(leer)}."]

    @classmethod
    def felder(cls, antrag: Antrag) -> list[list[str]]:
        return [
            [str(antrag._meta.get_field(name).verbose_name), _anzeige(antrag, name)]
            for name in cls._meta.fields
        ]


class AntragstellerForm(Schritt):
    slug = "antragsteller"
    titel = "Antragsteller und Ansprechperson"
    pflicht = ("kontakt_name", "kontakt_funktion", "kontakt_email", "kontakt_telefon")

    class Meta:
        model = Antrag
        fields = ["kontakt_name", "kontakt_funktion", "kontakt_email", "kontakt_telefon"]
        help_texts = {
            "kontakt_name": "Die Person, mit der das Förderreferat Fragen zum Antrag klärt.",
            "kontakt_funktion": "Zum Beispiel „Integrationsbeauftragte, Amt für Soziales“.",
        }
        widgets = {"kontakt_telefon": forms.TextInput(attrs={"type": "tel"})}

    @classmethod
    def felder(cls, antrag: Antrag) -> list[list[str]]:
        organisation = antrag.organisation
        return [
            ["Antragsteller", ", ".join(organisation.anschrift)],
            ["Kreis", str(organisation.kreis)],
            *super().felder(antrag),
        ]


class VorhabenForm(Schritt):
    slug = "vorhaben"
    titel = "Vorhaben"
    pflicht = ("titel", "ziele", "format", "themen", "beschreibung")

    themen = forms.MultipleChoiceField(
        label="Themen",
        choices=Thema.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Alle Themen, um die es gehen soll.",
    )

    class Meta:
        model = Antrag
        fields = ["titel", "ziele", "format", "themen", "beschreibung"]
        widgets = {
            "format": forms.RadioSelect,
            "ziele": forms.Textarea(attrs={"rows": 5}),
            "beschreibung": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "titel": "Zum Beispiel „Ludwigsburg im Gespräch: Wohnen und Arbeiten“.",
            "ziele": "Was soll sich durch das Vorhaben vor Ort verändern?",
            "beschreibung": "Wie läuft es ab, wer moderiert, wie wird eingeladen?",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = Format.choices  # without the empty choice


class DurchfuehrungForm(Schritt):
    slug = "durchfuehrung"
    titel = "Termine, Ort und Beteiligung"
    pflicht = (
        "beginn",
        "ende",
        "ort",
        "teilnehmende",
        "beteiligung_gefluechtete",
        "beteiligung_ehrenamtliche",
        "beteiligung_verwaltung",
        "beteiligung_buergerschaft",
    )

    class Meta:
        model = Antrag
        fields = [
            "beginn",
            "ende",
            "ort",
            "teilnehmende",
            "beteiligung_gefluechtete",
            "beteiligung_ehrenamtliche",
            "beteiligung_verwaltung",
            "beteiligung_buergerschaft",
            "partner",
        ]
        widgets = {
            "beginn": DATUM,
            "ende": DATUM,
            "beteiligung_gefluechtete": forms.Textarea(attrs={"rows": 3}),
            "beteiligung_ehrenamtliche": forms.Textarea(attrs={"rows": 3}),
            "beteiligung_verwaltung": forms.Textarea(attrs={"rows": 3}),
            "beteiligung_buergerschaft": forms.Textarea(attrs={"rows": 3}),
            "partner": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "beginn": "Der erste Termin, zum Beispiel 15.03.2017. Bei einer einzelnen "
            "Veranstaltung ist Beginn gleich Ende.",
            "ende": "Der letzte Termin, zum Beispiel 30.06.2017.",
            "ort": "Zum Beispiel „Bürgersaal im Rathaus, Wilhelmstraße 11, Ludwigsburg“.",
            "teilnehmende": "Wie viele Menschen erwarten Sie insgesamt?",
            "partner": "Vereine, Kirchen, Arbeitskreise, die mitwirken, mit ihrer Rolle.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _teilnehmende(self.fields["teilnehmende"], mindestens=1)

    def clean(self):
        cleaned = super().clean()
        beginn, ende = cleaned.get("beginn"), cleaned.get("ende")
        ausschreibung = self.instance.ausschreibung
        if beginn and ende and ende < beginn:
            self.add_error("ende", "Das Ende liegt vor dem Beginn.")
        for name in ["beginn", "ende"]:
            tag = cleaned.get(name)
            if tag and not (
                ausschreibung.durchfuehrung_von <= tag <= ausschreibung.durchfuehrung_bis
            ):
                self.add_error(
                    name,
                    ValidationError(
                        "Gefördert wird, was zwischen dem %(von)s stattfindet. Bitte wählen Sie "
                        "einen Tag in diesem Zeitraum.",
                        code="ausserhalb_zeitraum",
                        params={
                            "von": ausschreibung.durchfuehrung_text.replace(" bis ", " und dem ")
                        },
                    ),
                )
        return cleaned


def _frage_feld(frage) -> forms.Field:
    art = frage.Typ
    optionen = {
        "label": frage.text,
        "help_text": frage.hinweis,
        "required": frage.pflicht,
    }
    if frage.typ == art.TEXT:
        return forms.CharField(max_length=300, **optionen)
    if frage.typ == art.LANGTEXT:
        return forms.CharField(
            max_length=5000, widget=forms.Textarea(attrs={"rows": 5}), **optionen
        )
    if frage.typ == art.ZAHL:
        return forms.IntegerField(min_value=0, max_value=10**9, **optionen)
    if frage.typ == art.DATUM:
        optionen["help_text"] = " ".join(filter(None, [frage.hinweis, "Zum Beispiel 15.03.2017."]))
        return forms.DateField(widget=DATUM, **optionen)
    if frage.typ == art.JA_NEIN:
        return forms.ChoiceField(
            choices=[("ja", "Ja"), ("nein", "Nein")], widget=forms.RadioSelect, **optionen
        )
    return forms.ChoiceField(
        choices=[(o, o) for o in frage.optionen_liste], widget=forms.RadioSelect, **optionen
    )


class FragenForm(AccessibleErrorsMixin, forms.Form):
    """The call's own questions; answers are kept as text in `Antrag.antworten`."""

    slug = "fragen"
    titel = "Fragen der Ausschreibung"
    vorlage = "foerderung/schritt.html"

    def __init__(self, data=None, files=None, *, instance: Antrag, user=None):
        super().__init__(data, files)
        self.instance = instance
        for frage in instance.ausschreibung.fragen.all():
            name = f"frage_{frage.pk}"
            self.fields[name] = _frage_feld(frage)
            self.initial[name] = instance.antworten.get(str(frage.pk), "")
        _deutsche_meldungen(self)

    def save(self) -> Antrag:
        self.instance.antworten = {
            name.removeprefix("frage_"): "" if wert is None else str(wert)
            for name, wert in self.cleaned_data.items()
        }
        self.instance.save(update_fields=["antworten", "geaendert_am"])
        return self.instance

    @classmethod
    def noetig(cls, antrag: Antrag) -> bool:
        return bool(antrag.ausschreibung.fragen.all())

    @classmethod
    def fehlt(cls, antrag: Antrag) -> list[str]:
        offen = [
            frage.text
            for frage in antrag.ausschreibung.fragen.all()
            if frage.pflicht and not antrag.antworten.get(str(frage.pk))
        ]
        if not offen:
            return []
        return [f"Im Schritt „{cls.titel}“ ist unbeantwortet: {'; '.join(offen)}."]

    @classmethod
    def felder(cls, antrag: Antrag) -> list[list[str]]:
        zeilen = []
        for frage in antrag.ausschreibung.fragen.all():
            antwort = antrag.antworten.get(str(frage.pk)) or "–"
            if frage.typ == frage.Typ.JA_NEIN and antwort in ("ja", "nein"):
                antwort = antwort.capitalize()
            elif frage.typ == frage.Typ.DATUM and antwort != "–":
                antwort = ".".join(reversed(antwort.split("-")))
            zeilen.append([frage.text, antwort])
        return zeilen


class KostenForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = Kostenposition
        fields = ["art", "beschreibung", "betrag"]
        field_classes = {"betrag": EuroFeld}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["art"].choices = [("", "Bitte wählen"), *Kostenposition.Art.choices]
        _deutsche_meldungen(self)


KostenFormSet = forms.inlineformset_factory(
    Antrag, Kostenposition, form=KostenForm, extra=3, can_delete=True, max_num=50
)


FINANZIERUNG = ("eigenanteil", "drittmittel", "beantragt")


class FinanzierungForm(Schritt):
    """Own contribution, third-party money and the requested sum, with the cost lines as a
    formset: the plan must cover the costs and the request stay within the call's cap."""

    slug = "finanzierung"
    titel = "Kosten und Finanzierung"
    vorlage = "foerderung/schritt_finanzierung.html"
    pflicht = ("beantragt",)

    class Meta:
        model = Antrag
        fields = ["eigenanteil", "drittmittel", "beantragt"]
        field_classes = dict.fromkeys(fields, EuroFeld)
        help_texts = {
            "eigenanteil": "Was Ihre Organisation selbst trägt, auch Personal- und Sachleistungen.",
            "drittmittel": "Zum Beispiel Spenden oder Zuschüsse anderer Stellen.",
        }

    def __init__(self, data=None, files=None, *, instance: Antrag, user=None):
        super().__init__(data, files, instance=instance, user=user)
        self.fields[
            "beantragt"
        ].help_text = f"Höchstens {instance.ausschreibung.hoechstbetrag_text} je Antrag."
        self.kosten = KostenFormSet(data, instance=instance, prefix="kosten")

    def is_valid(self) -> bool:
        return super().is_valid() and self.kosten.is_valid() and not self._plan_fehler()

    def _plan_fehler(self) -> bool:
        """The plan as a whole, once every field is valid by itself."""
        if self.errors or not self.kosten.is_valid():
            return False
        kosten = sum(
            (
                f.cleaned_data["betrag"]
                for f in self.kosten.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ),
            Decimal(0),
        )
        if not kosten:
            self.add_error(None, "Bitte geben Sie mindestens eine Kostenposition an.")
            return True
        finanzierung = sum(
            (self.cleaned_data.get(n) or Decimal(0) for n in FINANZIERUNG), Decimal(0)
        )
        if finanzierung != kosten:
            self.add_error(
                None,
                ValidationError(
                    "Die Finanzierung muss die Kosten genau decken: Die Gesamtkosten betragen "
                    "%(kosten)s, Eigenanteil, Mittel Dritter und beantragte Förderung "
                    "zusammen %(finanzierung)s.",
                    code="plan_unausgeglichen",
                    params={"kosten": euro(kosten), "finanzierung": euro(finanzierung)},
                ),
            )
            return True
        return False

    def clean_beantragt(self):
        beantragt = self.cleaned_data["beantragt"]
        cap = self.instance.ausschreibung.hoechstbetrag
        if beantragt is not None and beantragt > cap:
            raise ValidationError(
                "Sie beantragen %(beantragt)s. Diese Ausschreibung fördert höchstens %(cap)s je "
                "Antrag.",
                code="ueber_hoechstbetrag",
                params={"beantragt": euro(beantragt), "cap": euro(cap)},
            )
        if beantragt is not None and beantragt <= 0:
            raise ValidationError("Bitte beantragen Sie einen Betrag über 0 €.", code="null")
        return beantragt

    def save(self, commit=True) -> Antrag:
        antrag = super().save()
        self.kosten.save()
        return antrag

    @classmethod
    def fehlt(cls, antrag: Antrag) -> list[str]:
        fehlend = super().fehlt(antrag)
        if not antrag.kostenpositionen.all():
            fehlend.append(f"Im Schritt „{cls.titel}“ fehlen die Kosten.")
        elif antrag.finanzierung != antrag.gesamtkosten:
            fehlend.append(f"Im Schritt „{cls.titel}“ deckt die Finanzierung die Kosten nicht.")
        if antrag.beantragt and antrag.beantragt > antrag.ausschreibung.hoechstbetrag:
            fehlend.append(
                f"Die beantragte Förderung übersteigt den Höchstbetrag von "
                f"{antrag.ausschreibung.hoechstbetrag_text}."
            )
        return fehlend

    @classmethod
    def felder(cls, antrag: Antrag) -> list[list[str]]:
        return [
            ["Gesamtkosten", euro(antrag.gesamtkosten)],
            ["Eigenanteil", euro(antrag.eigenanteil or 0)],
            ["Mittel Dritter", euro(antrag.drittmittel or 0)],
            ["Beantragte Förderung", euro(antrag.beantragt or 0)],
        ]


DATEI_HINWEIS = "PDF, JPEG, PNG, DOCX, XLSX oder ODT, höchstens 20 MB."


class DateiFeld(forms.FileField):
    """An attachment: kind judged from the content (PDF, JPEG, PNG, DOCX, XLSX, ODT)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "PDF, JPEG, PNG, DOCX, XLSX oder ODT, höchstens 20 MB.")
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.odt"

    def clean(self, data, initial=None):
        datei = super().clean(data, initial)
        if datei:
            Anhang.pruefen(datei)
        return datei


class UnterlagenForm(AccessibleErrorsMixin, forms.Form):
    """One upload per document the call requires (a new one replaces the old), and any number
    of further documents, one per save."""

    slug = "unterlagen"
    titel = "Unterlagen"
    vorlage = "foerderung/schritt_unterlagen.html"

    def __init__(self, data=None, files=None, *, instance: Antrag, user=None):
        super().__init__(data, files)
        self.instance, self.user = instance, user
        self.vorhanden = {
            anhang.unterlage_id: anhang
            for anhang in instance.anhaenge.filter(
                zweck=Anhang.Zweck.ANTRAG, unterlage__isnull=False
            )
        }
        self.unterlagen = list(instance.ausschreibung.unterlagen.all())
        for unterlage in self.unterlagen:
            vorhanden = self.vorhanden.get(unterlage.pk)
            hinweis = [unterlage.hinweis] if unterlage.hinweis else []
            if vorhanden:
                hinweis.append(f"Hochgeladen: {vorhanden.dateiname}. Eine neue Datei ersetzt sie.")
            hinweis.append(DATEI_HINWEIS)
            self.fields[f"unterlage_{unterlage.pk}"] = DateiFeld(
                label=unterlage.bezeichnung,
                required=unterlage.pflicht and not vorhanden,
                help_text=" ".join(hinweis),
            )
        self.fields["weitere"] = DateiFeld(label="Weitere Unterlage", required=False)
        self.fields["weitere_bezeichnung"] = forms.CharField(
            label="Bezeichnung der weiteren Unterlage",
            max_length=200,
            required=False,
            help_text="Zum Beispiel „Einladungsentwurf“ oder „Beschluss des Gemeinderats“.",
        )
        _deutsche_meldungen(self)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("weitere_bezeichnung") and not cleaned.get("weitere"):
            self.add_error("weitere", "Bitte wählen Sie die Datei zu dieser Bezeichnung.")
        return cleaned

    def save(self) -> Antrag:
        for unterlage in self.unterlagen:
            datei = self.cleaned_data.get(f"unterlage_{unterlage.pk}")
            if not datei:
                continue
            alt = self.vorhanden.get(unterlage.pk)
            Anhang.speichern(
                self.instance, datei, self.user, Anhang.Zweck.ANTRAG, unterlage=unterlage
            )
            if alt:
                alt.entfernen()
        if self.cleaned_data.get("weitere"):
            Anhang.speichern(
                self.instance,
                self.cleaned_data["weitere"],
                self.user,
                Anhang.Zweck.ANTRAG,
                bezeichnung=self.cleaned_data["weitere_bezeichnung"],
            )
        self.instance.save(update_fields=["geaendert_am"])
        return self.instance

    @classmethod
    def noetig(cls, antrag: Antrag) -> bool:
        return True

    @classmethod
    def fehlt(cls, antrag: Antrag) -> list[str]:
        hochgeladen = {
            a.unterlage_id for a in antrag.anhaenge.all() if a.zweck == Anhang.Zweck.ANTRAG
        }
        offen = [
            u.bezeichnung
            for u in antrag.ausschreibung.unterlagen.all()
            if u.pflicht and u.pk not in hochgeladen
        ]
        if not offen:
            return []
        return [f"Im Schritt „{cls.titel}“ fehlt: {', '.join(offen)}."]

    @classmethod
    def felder(cls, antrag: Antrag) -> list[list[str]]:
        return [
            [a.bezeichnung_lang, f"{a.dateiname} ({a.format_label})"]
            for a in antrag.anhaenge.all()
            if a.zweck == Anhang.Zweck.ANTRAG
        ]


SCHRITTE = [
    AntragstellerForm,
    VorhabenForm,
    DurchfuehrungForm,
    FragenForm,
    FinanzierungForm,
    UnterlagenForm,
]


def schritte_fuer(antrag: Antrag) -> list:
    return [schritt for schritt in SCHRITTE if schritt.noetig(antrag)]


# --- Around the steps -------------------------------------------------------------------------


class StartForm(forms.Form):
    """Which of the user's organisations applies (only eligible ones are offered)."""

    organisation = forms.ModelChoiceField(
        label="Für welche Organisation stellen Sie den Antrag?",
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Bitte wählen Sie die Organisation, für die Sie den Antrag stellen.",
            "invalid_choice": "Für diese Organisation können Sie hier keinen Antrag stellen.",
        },
    )

    def __init__(self, *args, organisationen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisationen


class EinreichenForm(forms.Form):
    bestaetigung = forms.BooleanField(
        label="Ich versichere, dass die Angaben richtig und vollständig sind und dass ich "
        "berechtigt bin, diesen Antrag für die Organisation zu stellen.",
        error_messages={"required": "Bitte bestätigen Sie, dass die Angaben richtig sind."},
    )


class ZurueckziehenForm(AccessibleErrorsMixin, forms.Form):
    grund = forms.CharField(
        label="Warum ziehen Sie den Antrag zurück?",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Freiwillig. Das hilft dem Förderreferat bei der Planung.",
    )


class RueckfrageAntwortForm(AccessibleErrorsMixin, forms.ModelForm):
    datei = DateiFeld(label="Datei zur Antwort", required=False)

    class Meta:
        model = Rueckfrage
        fields = ["antwort"]
        widgets = {"antwort": forms.Textarea(attrs={"rows": 6})}
        labels = {"antwort": "Ihre Antwort"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["antwort"].required = True
        _deutsche_meldungen(self)


class NachweisForm(AccessibleErrorsMixin, forms.ModelForm):
    """The final report with the actual cost of each budget line and its documentation."""

    datei = DateiFeld(
        label="Dokumentation oder Foto",
        required=False,
        help_text="Zum Beispiel Einladung, Presseartikel, Fotos, Teilnahmeliste. PDF, JPEG, "
        "PNG, DOCX, XLSX oder ODT, höchstens 20 MB; eine Datei je Speichern.",
    )

    class Meta:
        model = Verwendungsnachweis
        fields = ["durchgefuehrt_am", "bericht", "ergebnisse", "teilnehmende", "davon_gefluechtete"]
        widgets = {
            "bericht": forms.Textarea(attrs={"rows": 8}),
            "ergebnisse": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, antrag: Antrag, user=None, entwurf=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.antrag, self.user = antrag, user
        self.positionen = list(antrag.kostenpositionen.all())
        for position in self.positionen:
            self.fields[f"ist_{position.pk}"] = EuroFeld(
                label=f"{position.get_art_display()}: {position.beschreibung} "
                f"(geplant {euro(position.betrag)})",
                required=False,
                initial=position.ist_betrag,
            )
        # What a submitted report needs; a saved draft may still lack it.
        for name in ["bericht", "teilnehmende", *(f"ist_{p.pk}" for p in self.positionen)]:
            self.fields[name].required = not entwurf
        _deutsche_meldungen(self)
        for name in ["teilnehmende", "davon_gefluechtete"]:
            _teilnehmende(self.fields[name], mindestens=0)

    @property
    def ist_felder(self):
        return [self[f"ist_{p.pk}"] for p in self.positionen]

    def clean(self):
        cleaned = super().clean()
        gesamt, gefluechtete = cleaned.get("teilnehmende"), cleaned.get("davon_gefluechtete")
        if gesamt is not None and gefluechtete is not None and gefluechtete > gesamt:
            self.add_error("davon_gefluechtete", "Das sind mehr als Teilnehmende insgesamt.")
        return cleaned

    def save(self, commit=True) -> Verwendungsnachweis:
        nachweis = super().save(commit=False)
        nachweis.antrag = self.antrag
        nachweis.save()
        for position in self.positionen:
            position.ist_betrag = self.cleaned_data[f"ist_{position.pk}"]
            position.save(update_fields=["ist_betrag"])
        if self.cleaned_data.get("datei"):
            Anhang.speichern(
                self.antrag, self.cleaned_data["datei"], self.user, Anhang.Zweck.NACHWEIS
            )
        return nachweis

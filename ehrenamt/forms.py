from django import forms
from django.db import transaction
from django.utils import timezone

from ehrenamt import tasks
from ehrenamt.models import (
    Angebotsart,
    Arbeitskreis,
    Datenschutzhinweis,
    Ehrenamtliche,
    Einwilligung,
    Gesuch,
    Interesse,
    Koordination,
    Notiz,
    Schulung,
    Schulungstermin,
    Teilnahme,
)
from kontakte.models import Kreis
from portal.forms import AccessibleErrorsMixin, EinmalSendenMixin, ohne_markup

Zweck = Einwilligung.Zweck


class AngabenForm(AccessibleErrorsMixin, forms.ModelForm):
    """A volunteer's own data: asked at the sign-up, corrected later (Art. 16 DSGVO) by them
    or, on their request, by the coordination."""

    angebotsarten = forms.ModelMultipleChoiceField(
        label="Wobei möchten Sie helfen?",
        queryset=Angebotsart.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Bitte wählen Sie mindestens eine Art der Hilfe."},
    )
    verfuegbarkeit = forms.MultipleChoiceField(
        label="Wann haben Sie Zeit?",
        choices=Ehrenamtliche.Verfuegbarkeit.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Ehrenamtliche
        fields = [
            "vorname",
            "nachname",
            "email",
            "telefon",
            "plz",
            "kreis",
            "angebotsarten",
            "sprachen",
            "verfuegbarkeit",
            "freitext",
        ]
        widgets = {
            "vorname": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "nachname": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "telefon": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "plz": forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
            "freitext": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"telefon": "Nur wenn die Koordination Sie auch anrufen darf."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kreis"].queryset = Kreis.objects.all()
        self.fields["kreis"].empty_label = "Bitte wählen"
        for name in ["vorname", "nachname", "email", "plz", "kreis"]:
            self.fields[name].error_messages["required"] = (
                f"Bitte geben Sie „{self.fields[name].label}“ an."
            )


class EigeneAngabenForm(AngabenForm):
    """What the volunteer corrects themselves, including a break."""

    pause = forms.BooleanField(
        label="Ich mache gerade eine Pause",
        required=False,
        help_text="Die Koordination sieht das und fragt Sie in dieser Zeit nicht an.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pause"].initial = self.instance.stand == Ehrenamtliche.Stand.PAUSIERT

    def save(self, commit=True) -> Ehrenamtliche:
        Stand = Ehrenamtliche.Stand
        self.instance.stand = Stand.PAUSIERT if self.cleaned_data["pause"] else Stand.AKTIV
        person = super().save()
        person.aktiv_gewesen()
        return person


class KoordinationAngabenForm(AngabenForm):
    """The coordination corrects a volunteer's data on their request (by phone or letter)."""

    class Meta(AngabenForm.Meta):
        fields = [*AngabenForm.Meta.fields, "stand", "fuehrungszeugnis_eingesehen_am"]
        widgets = {
            **AngabenForm.Meta.widgets,
            "fuehrungszeugnis_eingesehen_am": forms.DateInput(
                format="%d.%m.%Y", attrs={"placeholder": "TT.MM.JJJJ"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        Stand = Ehrenamtliche.Stand
        self.fields["stand"].choices = [(s.value, s.label) for s in (Stand.AKTIV, Stand.PAUSIERT)]


class MitmachenForm(EinmalSendenMixin, AngabenForm):
    """The sign-up: little data, and one consent per purpose, none of them ticked in advance;
    only being contacted by the coordination is needed to take part."""

    einwilligung_kontakt = forms.BooleanField(
        label=f"{Zweck.KONTAKT.label} (erforderlich)",
        error_messages={
            "required": "Ohne diese Einwilligung kann die Koordination Sie nicht erreichen. "
            "Bitte stimmen Sie zu, wenn Sie mitmachen möchten."
        },
    )
    einwilligung_arbeitskreis = forms.BooleanField(label=Zweck.ARBEITSKREIS.label, required=False)
    einwilligung_newsletter = forms.BooleanField(label=Zweck.NEWSLETTER.label, required=False)
    einwilligung_fotos = forms.BooleanField(label=Zweck.FOTOS.label, required=False)

    ZWECKE = {
        "einwilligung_kontakt": Zweck.KONTAKT,
        "einwilligung_arbeitskreis": Zweck.ARBEITSKREIS,
        "einwilligung_newsletter": Zweck.NEWSLETTER,
        "einwilligung_fotos": Zweck.FOTOS,
    }

    def __init__(self, *args, user=None, gesuch: Gesuch | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.gesuch = user, gesuch
        if user is not None and user.is_authenticated and not self.is_bound:
            self.initial.update(vorname=user.first_name, nachname=user.last_name, email=user.email)

    def clean(self):
        cleaned = super().clean()
        kreis = cleaned.get("kreis")
        if self.gesuch is not None and kreis is not None and kreis != self.gesuch.kreis:
            self.add_error(
                "kreis",
                forms.ValidationError(
                    f"Das Gesuch „{self.gesuch.titel}“ ist im {self.gesuch.kreis}; die "
                    "Koordination dort erfährt nur von Anmeldungen aus ihrem Kreis. Bitte "
                    f"wählen Sie den {self.gesuch.kreis} oder melden Sie sich ohne Gesuch an.",
                    code="anderer_kreis",
                ),
            )
        return cleaned

    def save(self, commit=True) -> Ehrenamtliche:
        """Store the volunteer and the consents given, with the notice they were given to;
        signed in, the account is theirs; from a need, their interest in it (the coordination
        sees both only after the address is confirmed). The mail asking to confirm the address
        leaves after the commit."""
        hinweis = Datenschutzhinweis.aktuell()
        with transaction.atomic():
            angemeldet = self.user is not None and self.user.is_authenticated
            if angemeldet and not Ehrenamtliche.objects.filter(user=self.user).exists():
                self.instance.user = self.user
            person = super().save()
            if self.gesuch is not None:
                Interesse.objects.get_or_create(gesuch=self.gesuch, ehrenamtliche=person)
            Einwilligung.objects.bulk_create(
                Einwilligung(ehrenamtliche=person, zweck=zweck, hinweis=hinweis)
                for feld, zweck in self.ZWECKE.items()
                if self.cleaned_data.get(feld)
            )
            transaction.on_commit(lambda: tasks.bestaetigung_senden.enqueue(person.pk))
        return person


class ZugangForm(AccessibleErrorsMixin, forms.Form):
    email = forms.EmailField(
        label="Ihre E-Mail-Adresse",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Bitte geben Sie Ihre E-Mail-Adresse an.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse an, etwa name@example.org.",
        },
    )


class NotizForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = Notiz
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": "Bitte schreiben Sie eine Notiz."}}


class ZuordnungForm(AccessibleErrorsMixin, forms.Form):
    arbeitskreis = forms.ModelChoiceField(
        label="Arbeitskreis",
        queryset=Arbeitskreis.objects.none(),
        empty_label="Bitte wählen",
        error_messages={"required": "Bitte wählen Sie einen Arbeitskreis."},
    )

    def __init__(self, *args, person: Ehrenamtliche, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["arbeitskreis"].queryset = Arbeitskreis.objects.filter(kreis=person.kreis)

    def clean_arbeitskreis(self):
        arbeitskreis = self.cleaned_data["arbeitskreis"]
        self.person.zuordnen_pruefen(arbeitskreis)
        return arbeitskreis


# --- Needs (Gesuche) ---


class InteresseForm(AccessibleErrorsMixin, forms.Form):
    """„Ich möchte helfen“: one click, a message if the volunteer wants to add one."""

    nachricht = forms.CharField(
        label="Nachricht an die Koordination",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Zum Beispiel, wann Sie Zeit haben. Höchstens 1.000 Zeichen.",
        error_messages={
            "max_length": "Bitte kürzen Sie Ihre Nachricht auf höchstens 1.000 Zeichen "
            "(jetzt %(show_value)d)."
        },
    )

    def __init__(self, *args, person: Ehrenamtliche, gesuch: Gesuch, **kwargs):
        super().__init__(*args, **kwargs)
        self.person, self.gesuch = person, gesuch

    def clean_nachricht(self):
        return ohne_markup(self.cleaned_data["nachricht"])

    def clean(self):
        # The volunteer agreed to be contacted by the coordination of their own Kreis only.
        if self.person.kreis_id != self.gesuch.kreis_id:
            raise forms.ValidationError(
                f"Dieses Gesuch ist aus dem {self.gesuch.kreis}. Sie sind für den "
                f"{self.person.kreis} angemeldet; bitte wenden Sie sich an die "
                "Ehrenamtskoordination dort.",
                code="anderer_kreis",
            )
        gemeldet = self.person.interessen.filter(gesuch=self.gesuch).exclude(
            stand=Interesse.Stand.ZURUECKGEZOGEN
        )
        if gemeldet.exists():
            raise forms.ValidationError(
                "Sie haben Ihr Interesse an diesem Gesuch schon gemeldet.", code="schon_gemeldet"
            )
        return self.cleaned_data

    def speichern(self) -> Interesse:
        """Offer to help; the coordination hears of it after the commit."""
        from ehrenamt import tasks

        with transaction.atomic():
            interesse = self.gesuch.interesse_bekunden(self.person, self.cleaned_data["nachricht"])
            transaction.on_commit(lambda: tasks.interesse_gemeldet.enqueue(interesse.pk))
        return interesse


class GesuchForm(AccessibleErrorsMixin, forms.ModelForm):
    """A need as the coordination writes it, in one of the Kreise it coordinates."""

    class Meta:
        model = Gesuch
        fields = [
            "titel",
            "beschreibung",
            "angebotsart",
            "kreis",
            "ort",
            "zeit",
            "bis",
            "anzahl",
            "veroeffentlicht",
            "abgeschlossen",
        ]
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 6}),
            "bis": forms.DateInput(format="%d.%m.%Y", attrs={"autocomplete": "off"}),
            "anzahl": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {
            "titel": "Zum Beispiel „Patin/Pate für eine Familie in Oßweil“. Ohne Namen.",
            "beschreibung": "Wird öffentlich angezeigt. Bitte keine Namen, Adressen, "
            "Nationalitäten einzelner Personen oder andere Angaben, die Geflüchtete erkennbar "
            "machen. Höchstens 2.000 Zeichen.",
            "bis": "Zum Beispiel 15.03.2027. Danach wird das Gesuch nicht mehr angezeigt. "
            "Leer lassen, wenn es kein Ende gibt.",
            "anzahl": "Wie viele Ehrenamtliche Sie suchen, 1 bis 50.",
            "veroeffentlicht": "Nur veröffentlichte Gesuche stehen auf der öffentlichen Liste.",
            "abgeschlossen": "Ein abgeschlossenes Gesuch verschwindet von der öffentlichen Liste.",
        }
        error_messages = {
            "titel": {"max_length": "Bitte kürzen Sie den Titel auf höchstens 200 Zeichen."},
            "beschreibung": {
                "max_length": "Bitte kürzen Sie die Beschreibung auf höchstens 2.000 Zeichen "
                "(jetzt %(show_value)d)."
            },
            "ort": {"max_length": "Bitte kürzen Sie den Ort auf höchstens 200 Zeichen."},
            "zeit": {"max_length": "Bitte kürzen Sie die Angabe auf höchstens 200 Zeichen."},
            "anzahl": {
                "invalid": "Bitte geben Sie eine ganze Zahl an, zum Beispiel 2.",
                "min_value": "Bitte suchen Sie mindestens eine Person.",
                "max_value": "Bitte suchen Sie höchstens 50 Personen in einem Gesuch.",
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        kreise = Kreis.objects.filter(koordinationen__user=user)
        self.fields["kreis"].queryset = kreise
        if not self.instance.pk and len(kreise) == 1:
            self.fields["kreis"].initial = kreise[0]
        for name in ["angebotsart", "kreis"]:
            self.fields[name].empty_label = "Bitte wählen"
            self.fields[name].error_messages["required"] = (
                f"Bitte wählen Sie „{self.fields[name].label}“."
            )
            self.fields[name].error_messages["invalid_choice"] = (
                f"Bitte wählen Sie „{self.fields[name].label}“ aus der Liste."
            )
        for name in ["titel", "beschreibung", "ort", "zeit", "anzahl"]:
            self.fields[name].error_messages["required"] = (
                f"Bitte füllen Sie „{self.fields[name].label}“ aus."
            )
        self.fields["bis"].input_formats = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
        self.fields["bis"].error_messages["invalid"] = (
            "Bitte geben Sie ein gültiges Datum an, zum Beispiel 15.03.2027."
        )

    def clean_titel(self):
        return ohne_markup(self.cleaned_data["titel"])

    def clean_beschreibung(self):
        return ohne_markup(self.cleaned_data["beschreibung"])

    def clean_ort(self):
        return ohne_markup(self.cleaned_data["ort"])

    def clean_zeit(self):
        return ohne_markup(self.cleaned_data["zeit"])

    def clean_bis(self):
        bis = self.cleaned_data["bis"]
        if bis and "bis" in self.changed_data and bis < timezone.localdate():
            raise forms.ValidationError(
                "Das Datum liegt in der Vergangenheit; so würde das Gesuch nie angezeigt.",
                code="vergangen",
            )
        return bis


class EntscheidungForm(forms.Form):
    """The coordination's answer to one open interest (the buttons next to it)."""

    interesse = forms.ModelChoiceField(queryset=Interesse.objects.none())
    aktion = forms.ChoiceField(choices=[("annehmen", "Annehmen"), ("ablehnen", "Ablehnen")])

    def __init__(self, *args, interessen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interesse"].queryset = interessen.filter(stand=Interesse.Stand.OFFEN)

    def entscheiden(self, by) -> Interesse:
        """Accept or decline; a ValidationError (all places taken) goes to the caller."""
        interesse = self.cleaned_data["interesse"]
        if self.cleaned_data["aktion"] == "annehmen":
            interesse.annehmen(by)
        else:
            interesse.ablehnen(by)
        return interesse


# --- Trainings (Schulungen) ---

ZEITPUNKT_FORMATE = [
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y, %H:%M",
    "%d.%m.%Y %H:%M Uhr",
    "%d.%m.%Y, %H:%M Uhr",
]
ZEITPUNKT_FEHLER = "Bitte geben Sie Datum und Uhrzeit so an: 15.12.2026 18:00."


def _zeitpunkt(label: str, **kwargs) -> forms.DateTimeField:
    """A date and time typed the German way, „15.12.2026 18:00“."""
    return forms.DateTimeField(
        label=label,
        input_formats=ZEITPUNKT_FORMATE,
        widget=forms.DateTimeInput(format="%d.%m.%Y %H:%M", attrs={"autocomplete": "off"}),
        error_messages={"invalid": ZEITPUNKT_FEHLER, "required": f"Bitte geben Sie „{label}“ an."},
        **kwargs,
    )


class TerminForm(AccessibleErrorsMixin, forms.ModelForm):
    beginn = _zeitpunkt("Beginn", help_text="Zum Beispiel 15.12.2026 18:00.")
    ende = _zeitpunkt("Ende", help_text="Zum Beispiel 15.12.2026 21:00.")

    class Meta:
        model = Schulungstermin
        fields = ["beginn", "ende"]

    def clean(self):
        cleaned = super().clean()
        beginn, ende = cleaned.get("beginn"), cleaned.get("ende")
        if beginn and ende and ende <= beginn:
            self.add_error(
                "ende",
                forms.ValidationError(
                    "Das Ende muss nach dem Beginn liegen.", code="ende_vor_beginn"
                ),
            )
        return cleaned

    def _post_clean(self):
        # The model's constraint says the same as clean(); one message is enough.
        if not self.has_error("ende"):
            super()._post_clean()


class BaseTerminFormSet(forms.BaseInlineFormSet):
    default_error_messages = {
        "too_few_forms": "Bitte geben Sie mindestens einen Termin an.",
        "too_many_forms": "Bitte geben Sie höchstens %(num)d Termine an.",
    }

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Diesen Termin löschen"


TerminFormSet = forms.inlineformset_factory(
    Schulung,
    Schulungstermin,
    form=TerminForm,
    formset=BaseTerminFormSet,
    extra=2,
    min_num=1,
    validate_min=True,
    max_num=20,
    validate_max=True,
    can_delete=True,
)


class SchulungForm(AccessibleErrorsMixin, forms.ModelForm):
    """A training as the coordination writes it, in one of its Kreise, with its dates as a
    formset (`self.termine`)."""

    anmeldeschluss = _zeitpunkt(
        "Anmeldeschluss",
        required=False,
        help_text="Zum Beispiel 08.12.2026 12:00. Leer lassen: Anmeldung bis zum Beginn.",
    )

    class Meta:
        model = Schulung
        fields = [
            "titel",
            "beschreibung",
            "veranstalter",
            "kreis",
            "ort",
            "online",
            "kapazitaet",
            "anmeldeschluss",
            "veroeffentlicht",
        ]
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 8}),
            "kapazitaet": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {
            "titel": "Zum Beispiel „Asyl- und Aufenthaltsrecht für Ehrenamtliche“.",
            "beschreibung": "Inhalt, Zielgruppe, was mitzubringen ist. Höchstens 5.000 Zeichen.",
            "ort": "Nötig bei Schulungen vor Ort: Adresse und Raum. Bei Online-Schulungen leer "
            "lassen oder die Plattform nennen (den Zugangslink schicken Sie den Angemeldeten "
            "selbst).",
            "kapazitaet": "Wer danach kommt, steht auf der Warteliste und rückt nach, wenn ein "
            "Platz frei wird. 1 bis 500.",
            "veroeffentlicht": "Nur veröffentlichte Schulungen stehen auf der öffentlichen "
            "Liste; nur dort kann man sich anmelden.",
        }
        error_messages = {
            "titel": {"max_length": "Bitte kürzen Sie den Titel auf höchstens 200 Zeichen."},
            "beschreibung": {
                "max_length": "Bitte kürzen Sie die Beschreibung auf höchstens 5.000 Zeichen "
                "(jetzt %(show_value)d)."
            },
            "veranstalter": {
                "max_length": "Bitte kürzen Sie den Veranstalter auf höchstens 200 Zeichen."
            },
            "ort": {"max_length": "Bitte kürzen Sie den Ort auf höchstens 300 Zeichen."},
            "kapazitaet": {
                "invalid": "Bitte geben Sie eine ganze Zahl an, zum Beispiel 20.",
                "min_value": "Bitte bieten Sie mindestens einen Platz an.",
                "max_value": "Bitte geben Sie höchstens 500 Plätze an.",
            },
        }

    def __init__(self, data=None, *, instance: Schulung, user):
        super().__init__(data, instance=instance)
        kreise = Koordination.objects.kreise_von(user)
        kreis = self.fields["kreis"]
        kreis.queryset, kreis.required, kreis.empty_label = kreise, True, "Bitte wählen"
        kreis.help_text = "Landesweite Schulungen trägt der Städtetag ein."
        if not instance.pk and len(kreise) == 1:
            kreis.initial = kreise[0]
        kreis.error_messages["required"] = "Bitte wählen Sie den Kreis."
        kreis.error_messages["invalid_choice"] = "Bitte wählen Sie einen Kreis aus der Liste."
        for name in ["titel", "beschreibung", "veranstalter", "kapazitaet"]:
            self.fields[name].error_messages["required"] = (
                f"Bitte füllen Sie „{self.fields[name].label}“ aus."
            )
        self.termine = TerminFormSet(data, instance=instance, prefix="termine")

    def is_valid(self) -> bool:
        gueltig = super().is_valid()
        return self.termine.is_valid() and gueltig

    def clean_titel(self):
        return ohne_markup(self.cleaned_data["titel"])

    def clean_beschreibung(self):
        return ohne_markup(self.cleaned_data["beschreibung"])

    def clean_veranstalter(self):
        return ohne_markup(self.cleaned_data["veranstalter"])

    def clean_ort(self):
        return ohne_markup(self.cleaned_data["ort"])

    def clean_kapazitaet(self):
        kapazitaet = self.cleaned_data["kapazitaet"]
        belegt = (
            self.instance.pk
            and self.instance.teilnahmen.filter(stand=Teilnahme.Stand.ANGEMELDET).count()
        )
        if belegt and kapazitaet is not None and kapazitaet < belegt:
            raise forms.ValidationError(
                "Es sind schon %(belegt)d Personen angemeldet; bitte geben Sie mindestens "
                "%(belegt)d Plätze an.",
                code="unter_belegung",
                params={"belegt": belegt},
            )
        return kapazitaet

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("online") and not cleaned.get("ort") and "ort" not in self.errors:
            self.add_error(
                "ort",
                "Bitte geben Sie den Ort an, oder kreuzen Sie „Online“ an, wenn die "
                "Schulung online stattfindet.",
            )
        return cleaned

    def save(self, user=None) -> Schulung:
        """Store the training and its dates; places freed by a larger capacity go to the
        waiting list at once (under the lock `anmelden` takes, too)."""
        with transaction.atomic():
            schulung = self.instance
            if schulung.pk:
                Schulung.objects.select_for_update().get(pk=schulung.pk)
            else:
                schulung.slug = Schulung.freier_slug(schulung.titel)
                schulung.erstellt_von = user
            schulung = super().save()
            self.termine.instance = schulung
            self.termine.save()
            schulung.nachruecken()
        return schulung


class TeilnehmendeFeld(forms.ModelMultipleChoiceField):
    def label_from_instance(self, teilnahme):
        return str(teilnahme.ehrenamtliche)


class AnwesenheitForm(forms.Form):
    """After the training began: who of those with a place attended."""

    anwesend = TeilnehmendeFeld(
        label="Wer hat teilgenommen?",
        queryset=Teilnahme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Wer angekreuzt ist, kann sich eine Teilnahmebescheinigung herunterladen.",
        error_messages={"invalid_choice": "Bitte wählen Sie nur Personen aus der Liste."},
    )

    def __init__(self, data=None, *, schulung: Schulung):
        super().__init__(data)
        self.schulung = schulung
        angemeldet = schulung.teilnahmen.filter(stand=Teilnahme.Stand.ANGEMELDET).select_related(
            "ehrenamtliche"
        )
        self.fields["anwesend"].queryset = angemeldet
        self.fields["anwesend"].initial = [t.pk for t in angemeldet if t.teilgenommen]

    def save(self) -> None:
        self.schulung.teilnahme_erfassen(self.cleaned_data["anwesend"])

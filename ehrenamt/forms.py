from django import forms
from django.db import transaction

from ehrenamt.models import Angebotsart, Datenschutzhinweis, Ehrenamtliche, Einwilligung
from kontakte.models import Kreis
from portal.forms import AccessibleErrorsMixin

Zweck = Einwilligung.Zweck


class MitmachenForm(AccessibleErrorsMixin, forms.ModelForm):
    """The sign-up: little data, and one consent per purpose, none of them ticked in advance;
    only being contacted by the coordination is needed to take part."""

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

    def save(self, commit=True) -> Ehrenamtliche:
        """Store the volunteer and the consents given, with the notice they were given to."""
        hinweis = Datenschutzhinweis.aktuell()
        with transaction.atomic():
            person = super().save()
            Einwilligung.objects.bulk_create(
                Einwilligung(ehrenamtliche=person, zweck=zweck, hinweis=hinweis)
                for feld, zweck in self.ZWECKE.items()
                if self.cleaned_data.get(feld)
            )
        return person

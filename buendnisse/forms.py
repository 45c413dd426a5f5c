from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory

from buendnisse.models import Buendnis, Partner
from portal.forms import AccessibleErrorsMixin


class AnsprechpersonenField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        return f"{person.name} ({person.organisation.name})"


class BuendnisProfilForm(AccessibleErrorsMixin, forms.ModelForm):
    """What the alliance's members keep current themselves. Funding facts (round, amount,
    period, Träger) stay with the programme staff."""

    ansprechpersonen = AnsprechpersonenField(
        label="Ansprechpersonen",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Zur Auswahl stehen die öffentlichen Ansprechpersonen Ihrer Organisation und "
        "der Partner, die im Kontaktverzeichnis stehen. Besucher erreichen sie über das "
        "Kontaktformular.",
    )
    website = forms.URLField(
        label="Website",
        required=False,
        max_length=200,
        assume_scheme="https",
        # A text input: a wrong address typed in is shown again as typed (type="url" would
        # make that value invalid HTML); the keyboard is still the one for addresses.
        widget=forms.TextInput(
            attrs={"inputmode": "url", "autocomplete": "url", "spellcheck": "false"}
        ),
        help_text="Zum Beispiel https://www.willkommen-kornwestheim.de",
    )
    logo_entfernen = forms.BooleanField(label="Bisheriges Logo entfernen", required=False)

    class Meta:
        model = Buendnis
        fields = [
            "beschreibung",
            "ziele",
            "aktivitaeten",
            "themen",
            "website",
            "ansprechpersonen",
            "bild",
            "bild_alt",
        ]
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 4}),
            "ziele": forms.Textarea(attrs={"rows": 6}),
            "aktivitaeten": forms.Textarea(attrs={"rows": 8}),
            "themen": forms.CheckboxSelectMultiple,
            "bild": forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        labels = {"bild": "Neues Logo hochladen", "bild_alt": "Alternativtext zum Logo"}
        help_texts = {
            "bild_alt": "Was auf dem Logo steht oder zu sehen ist, z. B. „Logo: Bündnis "
            "Willkommen in Kornwestheim“.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ansprechpersonen"].queryset = self.instance.personen_zur_auswahl()
        if not self.instance.bild:
            del self.fields["logo_entfernen"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("logo_entfernen") and self.files.get("bild"):
            raise ValidationError(
                "Bitte laden Sie entweder ein neues Logo hoch oder entfernen Sie das bisherige "
                "– nicht beides.",
                code="logo_widerspruch",
            )
        if cleaned.get("logo_entfernen"):
            cleaned["bild"] = cleaned["bild_alt"] = ""
        return cleaned


class BasePartnerFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["rolle"].choices = [("", "Bitte wählen"), *Partner.Rolle.choices]
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Diesen Partner entfernen"

    def save_new(self, form, commit=True):
        """New partners go to the end of the list."""
        form.instance.reihenfolge = len(self.initial_forms) + self.extra_forms.index(form) + 1
        return super().save_new(form, commit)


PartnerFormSet = inlineformset_factory(
    Buendnis,
    Partner,
    formset=BasePartnerFormSet,
    fields=["name", "rolle"],
    extra=2,
    max_num=30,
    validate_max=True,
    can_delete=True,
    labels={"name": "Name des Partners"},
)

import datetime
import hashlib
import hmac
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from kontakte.models import Nachricht
from portal.forms import AccessibleErrorsMixin

# --- Contact form ----------------------------------------------------------------------------

_STARTED_SALT = "kontakte.nachricht.gestartet"


class NachrichtForm(AccessibleErrorsMixin, forms.ModelForm):
    """A message to a person or organisation. Machines are kept out by a field people leave
    empty, a minimum time to fill it in and a rate limit per address and IP address; each
    rejection is a sentence on the form, never a silent drop."""

    datenschutz = forms.BooleanField(
        label="Ich habe den Datenschutzhinweis gelesen und bin einverstanden, dass meine Angaben "
        "zur Bearbeitung meiner Nachricht gespeichert und weitergegeben werden.",
        error_messages={
            "required": "Bitte bestätigen Sie den Datenschutzhinweis; ohne ihn können wir Ihre "
            "Nachricht nicht weitergeben."
        },
    )
    # Honeypot: hidden from sight by CSS, labelled for anyone who meets it anyway.
    website = forms.CharField(label="Dieses Feld bitte leer lassen", required=False, max_length=200)
    gestartet = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Nachricht
        fields = ["absender_name", "absender_email", "betreff", "text", "kopie"]
        labels = {
            "absender_name": "Ihr Name",
            "absender_email": "Ihre E-Mail-Adresse",
            "text": "Ihre Nachricht",
            "kopie": "Schicken Sie mir eine Kopie meiner Nachricht.",
        }
        help_texts = {
            "absender_email": "An diese Adresse geht die Antwort.",
            "text": "Höchstens 5.000 Zeichen.",
        }
        error_messages = {
            "absender_name": {
                "required": "Bitte geben Sie Ihren Namen an.",
                "max_length": "Bitte kürzen Sie Ihren Namen auf höchstens 100 Zeichen.",
            },
            "absender_email": {
                "required": "Bitte geben Sie Ihre E-Mail-Adresse an, damit wir antworten können.",
                "invalid": "Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de an.",
            },
            "betreff": {
                "required": "Bitte geben Sie einen Betreff an.",
                "max_length": "Bitte kürzen Sie den Betreff auf höchstens 150 Zeichen.",
            },
            "text": {
                "required": "Bitte schreiben Sie Ihre Nachricht.",
                "max_length": "Bitte kürzen Sie Ihre Nachricht auf höchstens 5.000 Zeichen.",
            },
        }
        widgets = {
            "absender_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "absender_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "text": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, organisation, person=None, ip: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.instance.person = person
        self.ip_hash = hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256)
        self.ip_hash = self.ip_hash.hexdigest()
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def zeitstempel(self) -> str:
        """The signed start time the form carries: kept while valid, so correcting a mistake
        does not restart the clock; new when missing or tampered with."""
        if self.is_bound:
            try:
                signing.loads(self.data.get("gestartet", ""), salt=_STARTED_SALT, max_age=86400)
                return self.data["gestartet"]
            except signing.BadSignature:
                pass
        return signing.dumps(int(time.time()), salt=_STARTED_SALT)

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(
                "Bitte lassen Sie dieses Feld leer; es dient dazu, automatische Einsendungen "
                "zu erkennen.",
                code="honeypot",
            )
        return ""

    def clean_gestartet(self):
        try:
            started = signing.loads(
                self.cleaned_data["gestartet"], salt=_STARTED_SALT, max_age=86400
            )
        except signing.SignatureExpired:
            raise forms.ValidationError(
                "Das Formular war länger als einen Tag geöffnet. Bitte senden Sie es noch "
                "einmal ab.",
                code="expired",
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                "Das Formular war unvollständig. Bitte senden Sie es noch einmal ab.",
                code="tampered",
            ) from None
        if time.time() - started < settings.CONTACT_MIN_SECONDS:
            raise forms.ValidationError(
                "Das ging sehr schnell. Bitte prüfen Sie Ihre Angaben und senden Sie das "
                "Formular noch einmal ab.",
                code="too_fast",
            )
        return started

    def clean(self):
        cleaned = super().clean()
        for name in ["gestartet", "website"]:
            # Errors of the hidden fields belong to the whole form (there is nothing to link to).
            if name in self.errors:
                for error in self.errors.pop(name).as_data():
                    self.add_error(None, error)
        email = cleaned.get("absender_email")
        if (
            email
            and Nachricht.objects.juengst_von(
                email, self.ip_hash, datetime.timedelta(hours=1)
            ).count()
            >= settings.CONTACT_RATE_LIMIT
        ):
            self.add_error(
                None,
                forms.ValidationError(
                    "Von Ihnen sind in der letzten Stunde schon mehrere Nachrichten "
                    "eingegangen. Bitte versuchen Sie es später noch einmal oder rufen Sie an.",
                    code="rate_limit",
                ),
            )
        return cleaned

    def save(self, commit=True):
        nachricht = super().save(commit=False)
        nachricht.ip_hash = self.ip_hash
        nachricht.datenschutz_bestaetigt_am = timezone.now()
        with transaction.atomic():
            nachricht.save()
            nachricht.zustellung_anstossen()
        return nachricht

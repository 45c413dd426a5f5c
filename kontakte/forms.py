import datetime
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils import timezone

from kontakte.models import (
    Anhang,
    Beitrag,
    Diskussion,
    Mitgliedschaft,
    Nachricht,
    Organisation,
    PlattformZugang,
)
from portal import uploads
from portal.forms import AccessibleErrorsMixin, EinmalSendenMixin, ohne_markup
from portal.markup import render_markdown

# --- Contact form ----------------------------------------------------------------------------

_STARTED_SALT = "kontakte.nachricht.gestartet"


class NachrichtForm(AccessibleErrorsMixin, EinmalSendenMixin, forms.ModelForm):
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

    def __init__(self, *args, organisation, person=None, ip_hash: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.instance.person = person
        self.ip_hash = ip_hash  # portal.ratelimit.client_hash: never the address itself
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


# --- Communication platform -------------------------------------------------------------------

MAX_ANHAENGE = 5


class MehrereDateienInput(forms.FileInput):
    allow_multiple_selected = True


class MehrereDateienField(forms.FileField):
    """Several files in one input, as Django's docs ("Uploading multiple files") show it; each
    file is checked on its own and its error names it."""

    widget = MehrereDateienInput

    def clean(self, data, initial=None):
        dateien = [datei for datei in (data if isinstance(data, list | tuple) else [data]) if datei]
        if not dateien:
            super().clean(None, initial)  # says "required" where the field is required
            return []
        if len(dateien) > MAX_ANHAENGE:
            raise forms.ValidationError(
                "Bitte hängen Sie höchstens %(max)s Dateien an; Sie haben %(anzahl)s gewählt.",
                code="too_many_files",
                params={"max": MAX_ANHAENGE, "anzahl": len(dateien)},
            )
        errors = []
        for datei in dateien:
            try:
                super().clean(datei, initial)
                uploads.validate_office_document(datei)
            except forms.ValidationError as error:
                errors.extend(
                    forms.ValidationError(f"„{datei.name}“: {message}", code="file_invalid")
                    for message in error.messages
                )
        if errors:
            raise forms.ValidationError(errors)
        return dateien


class AnhaengeMixin(forms.Form):
    dateien = MehrereDateienField(
        label="Anhänge",
        required=False,
        help_text=f"Bis zu {MAX_ANHAENGE} Dateien als PDF, Word, Excel, PowerPoint oder "
        "OpenDocument, jede höchstens 25 MB.",
        error_messages={
            "empty": "Die Datei ist leer.",
            "invalid": "Die Datei wurde nicht vollständig übertragen. Bitte wählen Sie sie "
            "noch einmal aus.",
            "missing": "Die Datei wurde nicht übertragen. Bitte wählen Sie sie noch einmal aus.",
        },
    )

    def _anhaenge_speichern(self, beitrag: Beitrag) -> None:
        for datei in self.cleaned_data["dateien"]:
            Anhang(beitrag=beitrag, datei=datei).save()


def _text_field() -> forms.CharField:
    return forms.CharField(
        label="Ihr Beitrag",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Höchstens 10.000 Zeichen. Absätze trennen Sie durch eine Leerzeile; "
        "**fett**, Listen mit „- “ und Links sind möglich.",
        error_messages={
            "required": "Bitte schreiben Sie Ihren Beitrag.",
            "max_length": "Bitte kürzen Sie Ihren Beitrag auf höchstens 10.000 Zeichen.",
        },
    )


def _clean_text(text: str) -> str:
    # Script or markup alone is removed on saving; a post must keep something to read.
    if not render_markdown(text).strip():
        raise forms.ValidationError(
            "Ihr Beitrag enthält keinen lesbaren Text. Bitte schreiben Sie ihn als Text; "
            "HTML-Code und Skripte werden entfernt.",
            code="empty_after_sanitising",
        )
    return text


class PlattformZugangForm(AccessibleErrorsMixin, forms.ModelForm):
    """The request for access. A declined request is asked again on the same record."""

    class Meta:
        model = PlattformZugang
        fields = ["funktion", "begruendung"]
        widgets = {"begruendung": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"begruendung": "Zwei, drei Sätze genügen. Höchstens 1.000 Zeichen."}
        error_messages = {
            "funktion": {
                "required": "Bitte nennen Sie Ihre Organisation und Ihre Funktion.",
                "max_length": "Bitte kürzen Sie die Angabe auf höchstens 200 Zeichen.",
            },
            "begruendung": {
                "required": "Bitte schreiben Sie kurz, wofür Sie die Plattform nutzen möchten.",
                "max_length": "Bitte kürzen Sie Ihre Begründung auf höchstens 1.000 Zeichen.",
            },
        }

    def save(self, commit=True):
        zugang = super().save(commit=False)
        zugang.neu_beantragen()
        if commit:
            zugang.save()
            zugang.staff_benachrichtigen()
        return zugang


class DiskussionForm(AccessibleErrorsMixin, AnhaengeMixin, forms.ModelForm):
    """A new topic: its title and the first post, with attachments."""

    text = _text_field()

    class Meta:
        model = Diskussion
        fields = ["titel"]
        labels = {"titel": "Titel des Themas"}
        help_texts = {"titel": "Worum geht es? Höchstens 200 Zeichen."}
        error_messages = {
            "titel": {
                "required": "Bitte geben Sie dem Thema einen Titel.",
                "max_length": "Bitte kürzen Sie den Titel auf höchstens 200 Zeichen.",
            }
        }

    field_order = ["titel", "text", "dateien"]

    def __init__(self, *args, autor, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.erstellt_von = autor

    def clean_text(self):
        return _clean_text(self.cleaned_data["text"])

    @transaction.atomic
    def save(self, commit=True):
        self.instance.letzter_beitrag_am = self.instance.erstellt_am
        diskussion = super().save()
        beitrag = Beitrag.objects.create(
            diskussion=diskussion,
            autor=diskussion.erstellt_von,
            text=self.cleaned_data["text"],
            erstellt_am=diskussion.erstellt_am,
        )
        self._anhaenge_speichern(beitrag)
        return diskussion


class BeitragForm(AccessibleErrorsMixin, AnhaengeMixin, forms.ModelForm):
    """A reply in a topic, with attachments."""

    text = _text_field()

    class Meta:
        model = Beitrag
        fields = ["text"]

    def __init__(self, *args, diskussion, autor, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.diskussion = diskussion
        self.instance.autor = autor
        self.fields["text"].label = "Ihre Antwort"

    def clean_text(self):
        return _clean_text(self.cleaned_data["text"])

    @transaction.atomic
    def save(self, commit=True):
        beitrag = super().save()
        self._anhaenge_speichern(beitrag)
        return beitrag


class PlattformEinstellungenForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = PlattformZugang
        fields = ["digest"]
        labels = {"digest": "Schicken Sie mir einmal am Tag eine Zusammenfassung per E-Mail."}
        help_texts = {
            "digest": "Die E-Mail nennt die neuen Beiträge der anderen Mitglieder seit der "
            "letzten Zusammenfassung. An Tagen ohne neue Beiträge kommt keine."
        }

    def save(self, commit=True):
        zugang = super().save(commit=False)
        if "digest" in self.changed_data and zugang.digest:
            # The first summary starts now, not with everything since access was granted.
            zugang.digest_bis = timezone.now()
        zugang.save(update_fields=["digest", "digest_bis"])
        return zugang


# --- Memberships ------------------------------------------------------------------------------


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, organisation):
        # The district tells apart organisations of the same name.
        return f"{organisation.name} ({organisation.kreis.name})"


class MitgliedschaftForm(AccessibleErrorsMixin, forms.Form):
    """A user asks to act for an organisation; `Mitgliedschaft.beantragen` decides whether the
    official domain confirms it at once."""

    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.select_related("kreis").order_by("name", "kreis__name"),
        label="Organisation",
        empty_label="Bitte wählen",
        help_text="Alphabetisch sortiert; in Klammern steht der Kreis.",
        error_messages={
            "required": "Bitte wählen Sie die Organisation aus, für die Sie tätig sind.",
            "invalid_choice": "Bitte wählen Sie eine Organisation aus der Liste.",
        },
    )
    rolle = forms.ChoiceField(
        label="Ihre Rolle",
        choices=Mitgliedschaft.Rolle.choices,
        initial=Mitgliedschaft.Rolle.MITGLIED,
        widget=forms.RadioSelect,
        help_text="„Verwaltet die Organisation“ ist für die Person, die im Portal für die "
        "Organisation verantwortlich ist. Diese Rolle prüft der Städtetag immer selbst.",
        error_messages={
            "required": "Bitte wählen Sie Ihre Rolle.",
            "invalid_choice": "Bitte wählen Sie eine der beiden Rollen.",
        },
    )
    begruendung = forms.CharField(
        label="Ihre Aufgabe in der Organisation",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Zum Beispiel „Sachbearbeitung Integration im Sozialamt“. Damit prüft der "
        "Städtetag Ihre Anfrage. Höchstens 1.000 Zeichen.",
        error_messages={
            "required": "Bitte beschreiben Sie kurz Ihre Aufgabe in der Organisation.",
            "max_length": "Bitte kürzen Sie die Beschreibung auf höchstens 1.000 Zeichen "
            "(jetzt %(show_value)d).",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_begruendung(self):
        return ohne_markup(self.cleaned_data["begruendung"])

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        bisher = (
            Mitgliedschaft.objects.filter(user=self.user, organisation=organisation)
            .exclude(status=Mitgliedschaft.Status.ABGELEHNT)
            .first()
        )
        if bisher is None:
            return organisation
        if bisher.status == Mitgliedschaft.Status.BESTAETIGT:
            raise forms.ValidationError(
                "Sie gehören „%(name)s“ bereits an. Soll sich Ihre Rolle ändern, schreiben Sie "
                "bitte dem Städtetag.",
                code="schon_mitglied",
                params={"name": organisation.name},
            )
        raise forms.ValidationError(
            "Ihre Anfrage für „%(name)s“ liegt dem Städtetag schon vor. Sie erhalten eine "
            "E-Mail, sobald entschieden ist.",
            code="schon_beantragt",
            params={"name": organisation.name},
        )

    def save(self) -> Mitgliedschaft:
        return Mitgliedschaft.beantragen(
            self.user,
            self.cleaned_data["organisation"],
            rolle=self.cleaned_data["rolle"],
            begruendung=self.cleaned_data["begruendung"],
        )


class AnfrageAblehnenForm(forms.Form):
    """The admin's intermediate page when declining: one reason for all selected requests."""

    vermerk = forms.CharField(
        label="Begründung für die Antragstellenden",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["vermerk"]
        field.max_length = max_length
        field.validators.append(MaxLengthValidator(max_length))
        field.help_text = (
            f"Steht in der E-Mail an die Antragstellenden. Höchstens {max_length} Zeichen."
        )

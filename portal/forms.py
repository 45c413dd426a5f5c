import re
import uuid

from django import forms
from django.db import IntegrityError, models, transaction

# Plain text only: a tag (or the start of one) in a text field is a mistake or an attack.
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]")


def ohne_markup(text: str) -> str:
    """Refuse text with HTML in it, with a German message, instead of storing it silently."""
    if _MARKUP.search(text):
        raise forms.ValidationError(
            "Bitte schreiben Sie einfachen Text ohne spitze Klammern (< >); HTML-Code wird hier "
            "nicht angenommen.",
            code="markup",
        )
    return text


class AccessibleErrorsMixin:
    """Link each field's error message to its input (`aria-describedby`), as the field include
    renders it, so a screen reader reads the error with the field."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}_error"]
            if bound.help_text:
                ids.insert(0, f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class SuchForm(forms.Form):
    q = forms.CharField(
        label="Suchbegriff",
        max_length=200,
        required=False,
        error_messages={"max_length": "Bitte geben Sie höchstens 200 Zeichen ein."},
    )


class EinmalSendenMixin(forms.Form):
    """A form whose sending creates a record (a contact message, a volunteer's sign-up) and
    that is stored once, however often it arrives: the browser sends again what it got no
    answer for (the database was away, the connection dropped), people click twice.

    The form carries a random key, issued when it is shown, and the record keeps it in a
    unique column `einsendung`. A sending whose key is already stored gets the first one's
    record — and so the same confirmation — without the checks (a rate limit would count the
    first one against it). Two sendings at the same moment cannot both insert: the unique index
    lets one through and the other finds its record. Nothing else (no lock, no cache) has to
    survive a restart of the database in between. Templates render the key with
    `<input type="hidden" name="einsendung" value="{{ form.einsendung_wert }}">`."""

    einsendung = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Das Formular war unvollständig. Bitte senden Sie es noch einmal ab.",
            "invalid": "Das Formular war unvollständig. Bitte senden Sie es noch einmal ab.",
        },
    )

    @property
    def einsendung_wert(self) -> str:
        """The key sent, while it is one (after a mistake the form comes back with it; nothing
        was stored), else a new one."""
        try:
            return str(uuid.UUID(self.data.get("einsendung", "")))
        except (ValueError, TypeError):
            return str(uuid.uuid4())

    def clean(self):
        cleaned = super().clean()
        # The key's field is hidden: its error belongs to the whole form.
        if "einsendung" in self.errors:
            for error in self.errors.pop("einsendung").as_data():
                self.add_error(None, error)
        return cleaned

    def frueher_gespeichert(self) -> models.Model | None:
        """The record a sending with this form's key stored, or None."""
        try:
            key = uuid.UUID(self.data.get("einsendung", ""))
        except (ValueError, TypeError):
            return None
        return self._meta.model.objects.filter(einsendung=key).first()

    def einmal_speichern(self) -> models.Model | None:
        """The record of this sending — stored now when the form is valid, or the one an
        earlier sending of the same form stored; None when the form has errors to show."""
        frueher = self.frueher_gespeichert()
        if frueher is not None or not self.is_valid():
            return frueher
        self.instance.einsendung = self.cleaned_data["einsendung"]
        try:
            with transaction.atomic():
                return self.save()
        except IntegrityError:
            frueher = self.frueher_gespeichert()  # the other sending of the same moment
            if frueher is None:
                raise
            return frueher

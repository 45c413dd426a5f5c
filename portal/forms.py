import re

from django import forms

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

from django import forms


class SuchForm(forms.Form):
    q = forms.CharField(
        label="Suchbegriff",
        max_length=200,
        required=False,
        error_messages={"max_length": "Bitte geben Sie höchstens 200 Zeichen ein."},
    )

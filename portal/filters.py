"""What every filterable list shares: active filters that can be removed one by one."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import urlencode

from portal.models import Export


class PortalFilterSet(django_filters.FilterSet):
    nicht_als_filter: set[str] = set()  # parameters such as the sort order

    def auswahl(self) -> dict[str, str]:
        """The filter's values as sent, without the empty ones (what a PDF export takes along,
        and the list's address to return to). Cut short, so that a wrong value makes no
        endless address."""
        return {
            name: str(self.data[name])[:200] for name in self.form.fields if self.data.get(name)
        }

    def pdf_je_kreis(self, request, art: str, liste: str, **texte: str):
        """Queue the list as filtered, for the one Kreis chosen, as PDF export `art` and go to
        the export's page; else back to the list (`liste`, its address) with a German message.
        `texte`: name ("Die Kontaktliste"), was ("die Kontakte"), and the formats titel and
        dateiname with {kreis} and {slug}. Staff lists carry e-mail addresses, which the site
        never shows as text."""
        auswahl = self.auswahl()
        zurueck = liste + (f"?{urlencode(auswahl)}" if auswahl else "")
        if not self.is_valid():
            messages.error(
                request, f"{texte['name']} wurde nicht erstellt: Bitte prüfen Sie Ihre Auswahl."
            )
        elif (kreis := self.form.cleaned_data["kreis"]) is None:
            messages.error(
                request,
                f"Bitte wählen Sie einen Kreis: Als PDF gibt es {texte['was']} eines Kreises.",
            )
        else:
            try:
                export = Export.anfordern(
                    kreis,
                    art,
                    request.user,
                    texte["titel"].format(kreis=kreis),
                    texte["dateiname"].format(slug=kreis.slug),
                    parameter={
                        **{name: wert for name, wert in auswahl.items() if name != "kreis"},
                        "mit_email": request.user.is_staff,
                    },
                    zurueck=zurueck,
                )
            except ValidationError as fehler:
                messages.error(request, " ".join(fehler.messages))
            else:
                return redirect(export)
        return redirect(zurueck)

    def aktive_filter(self) -> list[dict]:
        """[{"label": "Kreis", "wert": "Stuttgart", "url": "?art=kommune"}, …] for the filters in
        use, each with the address of the same list without it."""
        if not self.is_bound or not self.form.is_valid():
            return []
        active = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", []) or not self.data.get(name) or name in self.nicht_als_filter:
                continue
            field = self.form[name]
            shown = value
            if isinstance(field.field, forms.TypedChoiceField | forms.ChoiceField) and not (
                isinstance(field.field, forms.ModelChoiceField)
            ):
                shown = dict(field.field.choices).get(value, value)
            rest = {k: v for k, v in self.data.items() if k not in {name, "page"} and v}
            active.append(
                {
                    "label": field.label,
                    "wert": str(shown),
                    "url": f"?{urlencode(sorted(rest.items()))}" if rest else "?",
                }
            )
        return active

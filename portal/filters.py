"""What every filterable list shares: active filters that can be removed one by one."""

import django_filters
from django import forms
from django.utils.http import urlencode


class PortalFilterSet(django_filters.FilterSet):
    nicht_als_filter: set[str] = set()  # parameters such as the sort order

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

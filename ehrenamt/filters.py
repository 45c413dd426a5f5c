import django_filters
from django.db.models import Q

from ehrenamt.models import Angebotsart, Arbeitskreis, Sachspendenstelle
from kontakte.models import Kreis
from portal.filters import PortalFilterSet


def _kreis_filter():
    return django_filters.ModelChoiceFilter(
        label="Kreis",
        field_name="kreis",
        queryset=Kreis.objects.all(),
        to_field_name="slug",
        empty_label="Alle Kreise",
    )


class ArbeitskreisFilter(PortalFilterSet):
    q = django_filters.CharFilter(
        label="Ort oder Stichwort",
        method="suche",
        max_length=100,
        help_text="Zum Beispiel „Oßweil“ oder „Sprachcafé“.",
    )
    kreis = _kreis_filter()
    hilfe = django_filters.ModelChoiceFilter(
        label="Art der Hilfe",
        field_name="angebotsarten",
        queryset=Angebotsart.objects.all(),
        to_field_name="slug",
        empty_label="Alle Arten der Hilfe",
    )

    class Meta:
        model = Arbeitskreis
        fields = ["q", "kreis", "hilfe"]

    def suche(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(gemeinde__icontains=value)
            | Q(beschreibung__icontains=value)
        )


class SachspendenFilter(PortalFilterSet):
    kreis = _kreis_filter()

    class Meta:
        model = Sachspendenstelle
        fields = ["kreis"]

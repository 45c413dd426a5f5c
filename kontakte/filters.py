import django_filters
from django.db.models import Q

from kontakte.models import Kreis, Organisation, Person, Thema
from portal.filters import PortalFilterSet


class PersonFilter(PortalFilterSet):
    q = django_filters.CharFilter(
        label="Name, Funktion oder Organisation",
        method="suche",
        max_length=100,
        help_text="Zum Beispiel „Müller“, „Koordination Ehrenamt“ oder „Ludwigsburg“.",
    )
    kreis = django_filters.ModelChoiceFilter(
        label="Kreis",
        field_name="organisation__kreis",
        queryset=Kreis.objects.all(),
        to_field_name="slug",
        empty_label="Alle Kreise",
    )
    art = django_filters.ChoiceFilter(
        label="Art der Organisation",
        field_name="organisation__art",
        choices=Organisation.Art.choices,
        empty_label="Alle Arten",
    )
    thema = django_filters.ModelChoiceFilter(
        label="Thema",
        field_name="themen",
        queryset=Thema.objects.all(),
        to_field_name="slug",
        empty_label="Alle Themen",
    )

    class Meta:
        model = Person
        fields = ["q", "kreis", "art", "thema"]

    def suche(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(vorname__icontains=word)
                | Q(nachname__icontains=word)
                | Q(funktion__icontains=word)
                | Q(abteilung__name__icontains=word)
                | Q(organisation__name__icontains=word)
                | Q(organisation__ort__icontains=word)
            )
        return queryset

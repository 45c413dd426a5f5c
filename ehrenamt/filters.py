import django_filters
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from ehrenamt.models import (
    Angebotsart,
    Arbeitskreis,
    Ehrenamtliche,
    Gesuch,
    Sachspendenstelle,
    Schulung,
)
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


def _hilfe_filter(field_name: str):
    return django_filters.ModelChoiceFilter(
        label="Art der Hilfe",
        field_name=field_name,
        queryset=Angebotsart.objects.all(),
        to_field_name="slug",
        empty_label="Alle Arten der Hilfe",
    )


class ArbeitskreisFilter(PortalFilterSet):
    q = django_filters.CharFilter(
        label="Ort oder Stichwort",
        method="suche",
        max_length=100,
        help_text="Zum Beispiel „Oßweil“ oder „Sprachcafé“.",
    )
    kreis = _kreis_filter()
    hilfe = _hilfe_filter("angebotsarten")

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


class EhrenamtlicheFilter(PortalFilterSet):
    """The coordination's list of its volunteers."""

    q = django_filters.CharFilter(label="Name oder E-Mail", method="suche", max_length=100)
    hilfe = _hilfe_filter("angebotsarten")
    sprache = django_filters.CharFilter(
        label="Sprache", field_name="sprachen", lookup_expr="icontains", max_length=50
    )
    zeit = django_filters.ChoiceFilter(
        label="Zeit",
        choices=Ehrenamtliche.Verfuegbarkeit.choices,
        method="nach_zeit",
        empty_label="Alle Zeiten",
    )
    arbeitskreis = django_filters.ModelChoiceFilter(
        label="Arbeitskreis",
        field_name="zuordnungen__arbeitskreis",
        queryset=Arbeitskreis.objects.none(),
        empty_label="Alle",
    )
    stand = django_filters.ChoiceFilter(
        label="Stand",
        choices=[
            (Ehrenamtliche.Stand.AKTIV, Ehrenamtliche.Stand.AKTIV.label),
            (Ehrenamtliche.Stand.PAUSIERT, Ehrenamtliche.Stand.PAUSIERT.label),
        ],
        empty_label="Alle",
    )

    class Meta:
        model = Ehrenamtliche
        fields = ["q", "hilfe", "sprache", "zeit", "arbeitskreis", "stand"]

    def __init__(self, *args, kreise=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["arbeitskreis"].queryset = Arbeitskreis.objects.filter(kreis__in=kreise)

    def suche(self, queryset, name, value):
        return queryset.filter(
            Q(vorname__icontains=value) | Q(nachname__icontains=value) | Q(email__icontains=value)
        )

    def nach_zeit(self, queryset, name, value):
        # A text match on the JSON list works on PostgreSQL and SQLite alike.
        return queryset.alias(zeiten=Cast("verfuegbarkeit", TextField())).filter(
            zeiten__contains=f'"{value}"'
        )


class GesuchFilter(PortalFilterSet):
    kreis = _kreis_filter()
    hilfe = _hilfe_filter("angebotsart")

    class Meta:
        model = Gesuch
        fields = ["kreis", "hilfe"]


class SchulungFilter(PortalFilterSet):
    kreis = django_filters.ModelChoiceFilter(
        label="Kreis",
        queryset=Kreis.objects.all(),
        to_field_name="slug",
        empty_label="Alle Kreise",
        method="im_kreis",
        help_text="Landesweite Schulungen stehen bei jedem Kreis.",
    )
    art = django_filters.ChoiceFilter(
        label="Online oder vor Ort",
        choices=[("online", "Online"), ("praesenz", "Vor Ort (Präsenz)")],
        empty_label="Online und vor Ort",
        method="nach_form",
    )

    class Meta:
        model = Schulung
        fields = ["kreis", "art"]

    def im_kreis(self, queryset, name, value):
        return queryset.fuer_kreis(value)

    def nach_form(self, queryset, name, value):
        return queryset.filter(online=value == "online")

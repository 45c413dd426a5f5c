import django_filters
from django.db.models import Q

from buendnisse.models import Buendnis, Foerderrunde, Partner, Themenfeld
from kontakte.models import Kreis
from portal.filters import PortalFilterSet


def _jahre():
    return [
        (jahr, str(jahr))
        for jahr in Foerderrunde.objects.order_by("-jahr").distinct().values_list("jahr", flat=True)
    ]


class BuendnisFilter(PortalFilterSet):
    q = django_filters.CharFilter(
        label="Name, Ort oder Stichwort",
        method="suche",
        max_length=100,
        help_text="Zum Beispiel „Ludwigsburg“, „Sprachcafé“ oder „Caritas“.",
    )
    regierungsbezirk = django_filters.ChoiceFilter(
        label="Regierungsbezirk",
        field_name="kreis__regierungsbezirk",
        choices=Kreis.Regierungsbezirk.choices,
        empty_label="Alle Regierungsbezirke",
    )
    kreis = django_filters.ModelChoiceFilter(
        label="Kreis",
        field_name="kreis",
        queryset=Kreis.objects.all(),
        to_field_name="slug",
        empty_label="Alle Kreise",
    )
    runde = django_filters.ModelChoiceFilter(
        label="Förderrunde",
        field_name="foerderrunde",
        queryset=Foerderrunde.objects.all(),
        to_field_name="slug",
        empty_label="Alle Förderrunden",
    )
    jahr = django_filters.ChoiceFilter(
        label="Jahr der Bewilligung",
        field_name="foerderrunde__jahr",
        choices=_jahre,
        empty_label="Alle Jahre",
    )
    thema = django_filters.ModelChoiceFilter(
        label="Thema",
        field_name="themen",
        queryset=Themenfeld.objects.all(),
        to_field_name="slug",
        empty_label="Alle Themen",
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=Buendnis.Status.choices, empty_label="Laufend und abgeschlossen"
    )
    sortierung = django_filters.OrderingFilter(
        label="Sortieren nach",
        fields={"name": "name", "kreis__name": "kreis", "beginn": "beginn", "betrag": "betrag"},
        choices=[
            ("name", "Name (A–Z)"),
            ("-name", "Name (Z–A)"),
            ("kreis", "Kreis (A–Z)"),
            ("-beginn", "Förderbeginn (neueste zuerst)"),
            ("-betrag", "Fördersumme (höchste zuerst)"),
        ],
        empty_label=None,
    )

    class Meta:
        model = Buendnis
        fields = ["q", "regierungsbezirk", "kreis", "runde", "jahr", "thema", "status"]

    # The order of the list is not a filter: it is not shown among the removable filters.
    nicht_als_filter = {"sortierung"}

    def filter_queryset(self, queryset):
        """Equal names, Kreise or sums keep one order, so no alliance moves between pages."""
        queryset = super().filter_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "name", "pk")

    def suche(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(gemeinden__icontains=word)
                | Q(traeger__name__icontains=word)
                | Q(kreis__name__icontains=word)
                | Q(beschreibung__icontains=word)
                | Q(aktivitaeten__icontains=word)
                | Q(pk__in=Partner.objects.filter(name__icontains=word).values("buendnis"))
            )
        return queryset

from django import template

from ehrenamt.models import Ehrenamtliche, Gesuch, Interesse

register = template.Library()


@register.simple_tag
def interessen_von(person: Ehrenamtliche) -> list[Interesse]:
    """A volunteer's interests, newest first, each with `gesuch_offen` (whether the need is
    still on the public list); two queries however many there are."""
    interessen = list(person.interessen.select_related("gesuch").order_by("-erstellt_am"))
    offen = set(
        Gesuch.objects.offen()
        .filter(pk__in=[i.gesuch_id for i in interessen])
        .values_list("pk", flat=True)
    )
    for interesse in interessen:
        interesse.gesuch_offen = interesse.gesuch_id in offen
    return interessen

"""Mail of the volunteering part, sent outside the request."""

from django.urls import reverse
from django_tasks import task

from ehrenamt.models import Ehrenamtliche, Koordination
from portal import mail


@task()
def bestaetigung_senden(pk: int) -> None:
    """The double opt-in: a link that confirms the address."""
    person = Ehrenamtliche.objects.get(pk=pk)
    if person.stand != Ehrenamtliche.Stand.UNBESTAETIGT:
        return
    mail.send(
        "ehrenamt/bestaetigen",
        {
            "person": person,
            "link": reverse("ehrenamt:bestaetigen", args=[person.bestaetigungs_token()]),
            "einwilligungen": reverse(
                "ehrenamt:einwilligungen", args=[person.einwilligungen_token()]
            ),
            "tage": Ehrenamtliche.BESTAETIGEN_TAGE,
        },
        to=[person.email],
    )


@task()
def koordination_benachrichtigen(pk: int) -> None:
    """Tell the coordination of the volunteer's Kreis about a confirmed sign-up."""
    person = Ehrenamtliche.objects.select_related("kreis").get(pk=pk)
    empfaenger = list(
        Koordination.objects.filter(kreis=person.kreis)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if empfaenger:
        mail.send(
            "ehrenamt/neu",
            {"person": person, "angebotsarten": person.angebotsarten.all()},
            to=empfaenger,
        )

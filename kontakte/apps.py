from django.apps import AppConfig


class KontakteConfig(AppConfig):
    name = "kontakte"
    verbose_name = "Kontakte"

    def ready(self):
        from kontakte.models import Organisation, Person
        from portal import search

        search.register(
            search.Source(
                "Ansprechpersonen",
                lambda: Person.objects.oeffentlich().select_related("organisation"),
                {"nachname": "A", "vorname": "A", "funktion": "B", "organisation__name": "C"},
                ("funktion",),
            )
        )
        search.register(
            search.Source(
                "Organisationen",
                lambda: Organisation.objects.all(),
                {"name": "A", "ort": "B", "beschreibung": "C"},
                ("ort", "beschreibung"),
            )
        )

        # Memberships: verifying an address at an organisation's domain confirms requests.
        from allauth.account.signals import email_confirmed

        from kontakte import signals

        email_confirmed.connect(
            signals.mitgliedschaften_per_domain_bestaetigen,
            dispatch_uid="kontakte.mitgliedschaften",
        )

from django.apps import AppConfig


class KontakteConfig(AppConfig):
    name = "kontakte"
    verbose_name = "Kontakte"

    def ready(self):
        from django.db.models.signals import post_delete

        from kontakte.models import Anhang, Organisation, Person
        from kontakte.views import kontaktliste_pdf
        from portal import pagecache, pdf, search

        pdf.register("kontaktliste", kontaktliste_pdf)
        pagecache.private(
            "kontakte.Anfrage",
            "kontakte.Mitgliedschaft",
            "kontakte.Nachricht",
            "kontakte.PlattformZugang",
            "kontakte.Diskussion",
            "kontakte.Beitrag",
            "kontakte.Anhang",
        )

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
        post_delete.connect(
            signals.anhang_datei_loeschen, sender=Anhang, dispatch_uid="kontakte.anhang"
        )

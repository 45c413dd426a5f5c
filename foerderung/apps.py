from django.apps import AppConfig


class FoerderungConfig(AppConfig):
    name = "foerderung"
    verbose_name = "Förderung"

    def ready(self):
        from portal import pagecache

        # Applications and their review stay inside the portal; the one public page that
        # lists funded applications (a programme's page) is not cached.
        pagecache.private(
            "foerderung.Antrag",
            "foerderung.Vorpruefung",
            "foerderung.Gutachten",
            "foerderung.Bewertung",
            "foerderung.Auszahlung",
            "foerderung.Bescheid",
            "foerderung.Statuswechsel",
            "foerderung.Einreichung",
            "foerderung.Kostenposition",
            "foerderung.Rueckfrage",
            "foerderung.Verwendungsnachweis",
            "foerderung.Anhang",
            "foerderung.Erinnerung",
            "foerderung.Fristverlaengerung",
        )

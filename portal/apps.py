from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Inhalte des Portals"

    def ready(self):
        from portal import pagecache, pdf, search
        from portal.models import FAQ, Meldung, Rundschreiben, Seite, Veranstaltung
        from portal.permissions import ensure_groups

        post_migrate.connect(ensure_groups, sender=self)
        pagecache.connect()
        pagecache.private("portal.Nummernkreis", "portal.Export")
        pdf.register("rundschreiben", Rundschreiben.pdf)
        pdf.register("rundschreiben-vorschau", lambda rundschreiben: rundschreiben.pdf(True))

        search.register(
            search.Source(
                "Aktuelles",
                Meldung.objects.veroeffentlicht,
                {"titel": "A", "teaser": "B", "text": "C"},
                ("teaser", "text_html"),
                "datum",
            )
        )
        search.register(
            search.Source(
                "Rundschreiben",
                Rundschreiben.objects.veroeffentlicht,
                {"betreff": "A", "nummer": "A", "zusammenfassung": "B"},
                ("zusammenfassung",),
                "datum",
            )
        )
        search.register(
            search.Source(
                "Seiten",
                Seite.objects.veroeffentlicht,
                {"titel": "A", "teaser": "B", "text": "C"},
                ("teaser", "text_html"),
            )
        )
        search.register(
            search.Source(
                "Veranstaltungen",
                Veranstaltung.objects.veroeffentlicht,
                {"titel": "A", "teaser": "B", "ort": "B", "text": "C"},
                ("teaser", "text_html"),
                "beginn",
            )
        )
        search.register(
            search.Source(
                "Häufige Fragen",
                lambda: FAQ.objects.veroeffentlicht().select_related("thema"),
                {"frage": "A", "text": "B"},
                ("text_html",),
            )
        )

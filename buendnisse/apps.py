from django.apps import AppConfig


class BuendnisseConfig(AppConfig):
    name = "buendnisse"
    verbose_name = "Lokale Bündnisse"

    def ready(self):
        from buendnisse.models import Buendnis
        from buendnisse.views import buendnisliste_pdf
        from portal import pagecache, pdf, search

        pdf.register("buendnisliste", buendnisliste_pdf)
        pagecache.private("buendnisse.Aenderung")

        search.register(
            search.Source(
                "Lokale Bündnisse",
                lambda: Buendnis.objects.oeffentlich().select_related("kreis"),
                {
                    "name": "A",
                    "gemeinden": "B",
                    "kreis__name": "B",
                    "beschreibung": "B",
                    "ziele": "C",
                    "aktivitaeten": "C",
                },
                ("beschreibung", "aktivitaeten"),
            )
        )

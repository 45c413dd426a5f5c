from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from buendnisse.models import Buendnis
from portal.models import Meldung, Rundschreiben, Seite, Veranstaltung


class ContentSitemap(Sitemap):
    """Public objects of one model; drafts and scheduled items are never listed."""

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.veroeffentlicht().order_by("pk")

    def lastmod(self, item):
        return item.geaendert_am


class BuendnisSitemap(Sitemap):
    def items(self):
        return Buendnis.objects.oeffentlich().order_by("pk")

    def lastmod(self, item):
        return item.geaendert_am


class SectionSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "portal:home",
            "portal:meldung-list",
            "portal:archiv",
            "portal:rundschreiben-list",
            "portal:veranstaltung-list",
            "portal:faq",
            "portal:dokument-list",
            "kontakte:verzeichnis",
            "buendnisse:liste",
            "buendnisse:karte",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "bereiche": SectionSitemap(),
    "aktuelles": ContentSitemap(Meldung),
    "rundschreiben": ContentSitemap(Rundschreiben),
    "seiten": ContentSitemap(Seite),
    "veranstaltungen": ContentSitemap(Veranstaltung),
    "buendnisse": BuendnisSitemap(),
}

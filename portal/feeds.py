import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from portal.models import Meldung


class MeldungenFeed(Feed):
    feed_type = Atom1Feed
    title = f"{settings.PORTAL_NAME}: Aktuelles"
    subtitle = settings.PORTAL_TITLE
    link = "/aktuelles/"
    language = "de"

    def items(self):
        return Meldung.objects.veroeffentlicht()[:20]

    def item_title(self, item: Meldung) -> str:
        return item.titel

    def item_description(self, item: Meldung) -> str:
        return item.teaser

    def item_pubdate(self, item: Meldung) -> datetime.datetime:
        return max(
            item.veroeffentlichen_ab,
            timezone.make_aware(datetime.datetime.combine(item.datum, datetime.time(8))),
        )

    def item_updateddate(self, item: Meldung) -> datetime.datetime:
        return item.geaendert_am

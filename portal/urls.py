from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path, register_converter
from django.views.decorators.http import require_safe
from django.views.static import serve

from portal import views
from portal.feeds import MeldungenFeed
from portal.sitemaps import SITEMAPS


class YearConverter:
    """Four digits: a year the database can store (an int converter lets 0 or 10**20 through)."""

    regex = "[12][0-9]{3}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


class MonthConverter(YearConverter):
    regex = "0?[1-9]|1[0-2]"

    def to_url(self, value: int) -> str:
        return str(value)


class IdConverter(MonthConverter):
    regex = "[1-9][0-9]{0,8}"  # fits the database's integer columns


register_converter(YearConverter, "jahr")
register_converter(MonthConverter, "monat")
register_converter(IdConverter, "id")

portal_patterns = [
    path("", views.home, name="home"),
    path("aktuelles/", views.meldung_list, name="meldung-list"),
    path("aktuelles/feed/", require_safe(MeldungenFeed()), name="meldung-feed"),
    path("aktuelles/archiv/", views.archiv, name="archiv"),
    path("aktuelles/archiv/<jahr:jahr>/", views.archiv_zeitraum, name="archiv-jahr"),
    path("aktuelles/archiv/<jahr:jahr>/<monat:monat>/", views.archiv_zeitraum, name="archiv-monat"),
    path("aktuelles/<jahr:jahr>/<slug:slug>/", views.meldung_detail, name="meldung-detail"),
    path("rundschreiben/", views.rundschreiben_list, name="rundschreiben-list"),
    path(
        "rundschreiben/<jahr:jahr>/<id:nummer>/",
        views.rundschreiben_detail,
        name="rundschreiben-detail",
    ),
    path(
        "rundschreiben/<jahr:jahr>/<id:nummer>/pdf/",
        views.rundschreiben_download,
        name="rundschreiben-download",
    ),
    path(
        "rundschreiben/<jahr:jahr>/<id:nummer>/anlagen/<id:pk>/",
        views.rundschreiben_anlage,
        name="rundschreiben-anlage",
    ),
    path("dokumente/", views.dokument_list, name="dokument-list"),
    path("dokumente/<id:pk>/", views.dokument_download, name="dokument-download"),
    path("veranstaltungen/", views.veranstaltung_list, name="veranstaltung-list"),
    path("veranstaltungen/kalender.ics", views.kalender_ics, name="kalender-ics"),
    path(
        "veranstaltungen/<jahr:jahr>/<slug:slug>/",
        views.veranstaltung_detail,
        name="veranstaltung-detail",
    ),
    path(
        "veranstaltungen/<jahr:jahr>/<slug:slug>/termin.ics",
        views.veranstaltung_ics,
        name="veranstaltung-ics",
    ),
    path("videos/<slug:slug>/", views.video_detail, name="video-detail"),
    path("faq/", views.faq, name="faq"),
    path("exporte/", views.export_list, name="export-list"),
    path("exporte/<uuid:pk>/", views.export, name="export"),
    path("exporte/<uuid:pk>/pdf/", views.export_download, name="export-download"),
    path("suche/", views.suche, name="suche"),
    # Content pages (the programme, its pillars, Impressum …) come last: any address that
    # nothing above claims may be a page.
    re_path(r"^(?P<pfad>[a-z0-9-]+(?:/[a-z0-9-]+)*)/$", views.seite, name="seite"),
]

# Staff sign in through the portal's login, which asks for the second factor.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    # ADMIN_PATH (default admin/); the staff MFA check follows it through reverse("admin:index").
    path(settings.ADMIN_PATH, admin.site.urls),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("bench/floor", views.bench_floor, name="bench-floor"),
]

if settings.SERVE_MEDIA:
    # Only public pictures; documents and circulars go through their download views.
    urlpatterns.append(
        re_path(r"^medien/(?P<path>bilder/.+)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# A database outage met outside a view (saving the session) gets the outage page as well.
handler500 = "portal.middleware.server_error"

# The apps' sections go here, before the portal's patterns, whose last one is the catch-all
# for content pages.
urlpatterns += [
    path("", include("kontakte.urls")),
    path("", include("buendnisse.urls")),
    path("", include("foerderung.urls")),
    path("", include("ehrenamt.urls")),
    path("konto/", include("allauth.urls")),
    path("", include((portal_patterns, "portal"))),
]

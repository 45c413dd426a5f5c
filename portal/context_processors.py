from django.conf import settings

# The main sections, their stable addresses (see ARCHITECTURE.md) and what else belongs to them.
NAVIGATION = [
    (
        "Aktuelles",
        "/aktuelles/",
        ("/rundschreiben/", "/veranstaltungen/", "/dokumente/", "/videos/"),
    ),
    ("Programm", "/programm/", ("/faq/",)),
    ("Bündnisse", "/buendnisse/", ()),
    ("Förderung", "/foerderung/", ()),
    ("Ehrenamt", "/ehrenamt/", ()),
    ("Kontakte", "/kontakte/", ()),
]


def navigation(request):
    path = request.path
    return {
        "portal_name": settings.PORTAL_NAME,
        "portal_title": settings.PORTAL_TITLE,
        "navigation": [
            {"label": label, "url": url, "current": path.startswith((url, *also))}
            for label, url, also in NAVIGATION
        ],
    }

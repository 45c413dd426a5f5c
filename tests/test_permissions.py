"""Who may open what: every URL name the project defines, for every persona.

A new URL without a row here fails `test_matrix_covers_every_url_name`.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

PUBLIC = dict.fromkeys(PERSONAS, 200)
STAFF_ONLY = {"anonymous": 302, "citizen": 302, "programme_staff": 200, "superuser": 200}

# URL name → (arguments from the fixture objects, expected status per persona)
MATRIX = {
    "portal:home": (lambda o: [], PUBLIC),
    "portal:meldung-list": (lambda o: [], PUBLIC),
    "portal:meldung-feed": (lambda o: [], PUBLIC),
    "portal:archiv": (lambda o: [], PUBLIC),
    "portal:archiv-jahr": (lambda o: [2016], PUBLIC),
    "portal:archiv-monat": (lambda o: [2016, 12], PUBLIC),
    "portal:meldung-detail": (lambda o: [2016, o["meldung"].slug], PUBLIC),
    "portal:rundschreiben-list": (lambda o: [], PUBLIC),
    "portal:rundschreiben-detail": (lambda o: [2016, o["rundschreiben"].nummer], PUBLIC),
    "portal:rundschreiben-download": (lambda o: [2016, o["rundschreiben"].nummer], PUBLIC),
    "portal:dokument-list": (lambda o: [], PUBLIC),
    "portal:dokument-download": (lambda o: [o["dokument"].pk], PUBLIC),
    "portal:veranstaltung-list": (lambda o: [], PUBLIC),
    "portal:kalender-ics": (lambda o: [], PUBLIC),
    "portal:veranstaltung-detail": (lambda o: [2016, o["veranstaltung"].slug], PUBLIC),
    "portal:veranstaltung-ics": (lambda o: [2016, o["veranstaltung"].slug], PUBLIC),
    "portal:video-detail": (lambda o: [o["video"].slug], PUBLIC),
    "portal:faq": (lambda o: [], PUBLIC),
    "portal:suche": (lambda o: [], PUBLIC),
    "portal:seite": (lambda o: [o["seite"].pfad], PUBLIC),
    "sitemap": (lambda o: [], PUBLIC),
    "robots": (lambda o: [], PUBLIC),
    "healthz": (lambda o: [], PUBLIC),
}

# The same objects as drafts: the public gets 404; editors get a preview.
DRAFT_STATUS = {"anonymous": 404, "citizen": 404, "programme_staff": 200, "superuser": 200}
DRAFTS = {
    "portal:meldung-detail": lambda o: [2016, o["meldung"].slug],
    "portal:rundschreiben-detail": lambda o: [2016, o["rundschreiben"].nummer],
    "portal:rundschreiben-download": lambda o: [2016, o["rundschreiben"].nummer],
    "portal:dokument-download": lambda o: [o["dokument"].pk],
    "portal:veranstaltung-detail": lambda o: [2016, o["veranstaltung"].slug],
    "portal:veranstaltung-ics": lambda o: [2016, o["veranstaltung"].slug],
    "portal:video-detail": lambda o: [o["video"].slug],
    "portal:seite": lambda o: [o["seite"].pfad],
}

ADMIN_PAGES = {
    "/admin/": STAFF_ONLY,
    "/admin/portal/meldung/": STAFF_ONLY,
    "/admin/portal/meldung/add/": STAFF_ONLY,
    "/admin/portal/rundschreiben/": STAFF_ONLY,
    "/admin/kontakte/kreis/": STAFF_ONLY,
    "/admin/auth/user/": {
        "anonymous": 302,
        "citizen": 302,
        "programme_staff": 403,
        "superuser": 200,
    },
}


def _url_names(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the Django admin is covered by ADMIN_PAGES
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


@pytest.fixture
def objects(
    make_meldung, make_rundschreiben, make_dokument, make_veranstaltung, make_video, make_seite
):
    from zoneinfo import ZoneInfo

    return {
        "meldung": make_meldung(datum=datetime.date(2016, 12, 15)),
        "rundschreiben": make_rundschreiben(),
        "dokument": make_dokument(),
        "veranstaltung": make_veranstaltung(
            beginn=datetime.datetime(2016, 9, 28, 10, tzinfo=ZoneInfo("Europe/Berlin"))
        ),
        "video": make_video(),
        "seite": make_seite("impressum"),
    }


def test_matrix_covers_every_url_name():
    assert _url_names() - {"static"} == set(MATRIX)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_status_for_persona(client_for, objects, name, persona):
    args, expected = MATRIX[name]
    response = client_for(persona).get(reverse(name, args=args(objects)))
    assert response.status_code == expected[persona]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_drafts_are_404_for_the_public_and_a_preview_for_editors(
    client_for, objects, name, persona
):
    for obj in objects.values():
        type(obj).objects.filter(pk=obj.pk).update(status="entwurf")
    response = client_for(persona).get(reverse(name, args=DRAFTS[name](objects)))
    assert response.status_code == DRAFT_STATUS[persona]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url", sorted(ADMIN_PAGES))
def test_admin_is_for_staff_only(client_for, url, persona):
    assert client_for(persona).get(url).status_code == ADMIN_PAGES[url][persona]


@pytest.mark.parametrize("name", sorted(n for n in MATRIX if n not in {"healthz"}))
def test_public_pages_refuse_post(client, objects, name):
    args, _ = MATRIX[name]
    assert client.post(reverse(name, args=args(objects))).status_code == 405

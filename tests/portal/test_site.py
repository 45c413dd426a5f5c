import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_while_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_is_503_when_the_database_is_gone(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    assert client.get("/healthz").status_code == 503


def test_robots_names_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_sitemap_lists_sections_and_public_content(client, make_meldung, make_seite):
    make_meldung(slug="oeffentlich")
    make_seite("impressum")
    xml = client.get("/sitemap.xml").content.decode()
    assert "/aktuelles/2016/oeffentlich/" in xml
    assert "/impressum/" in xml
    assert "/aktuelles/archiv/" in xml


def test_unknown_address_gets_the_german_404_page(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html
    assert 'lang="de"' in html


def test_500_page_is_german_and_standalone(client):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Entschuldigung" in html


def test_every_page_sends_security_headers_and_a_strict_csp(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "default-src 'self'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_layout_has_skip_link_navigation_and_footer(client):
    html = client.get("/aktuelles/").content.decode()
    assert '<a href="#inhalt">Zum Inhalt springen</a>' in html
    assert '<a href="/aktuelles/" aria-current="page">Aktuelles</a>' in html
    for label in [
        "Programm",
        "Bündnisse",
        "Förderung",
        "Ehrenamt",
        "Kontakte",
        "Impressum",
        "Datenschutz",
        "Barrierefreiheit",
        "Kommunikationsplattform",
        "Anmelden",
    ]:
        assert f">{label}</a>" in html
    assert 'aria-label="Brotkrumennavigation"' in html


def test_no_page_refers_to_another_host_for_assets(client, make_meldung):
    make_meldung()
    html = client.get("/").content.decode()
    for tag in ('<script src="http', '<link rel="stylesheet" href="http', '<img src="http'):
        assert tag not in html

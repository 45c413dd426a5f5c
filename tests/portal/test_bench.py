"""The benchmark's load generator and its floor view (figures are printed by `make bench`,
never asserted here)."""

from urllib.parse import urlparse

import pytest

from portal.loadgen import Lastgenerator


@pytest.fixture
def last(live_server):
    adresse = urlparse(live_server.url)
    with Lastgenerator(adresse.hostname, adresse.port, max_clients=2) as generator:
        yield generator


def test_load_generator_reports_requests_and_ordered_percentiles(last, settings):
    settings.BENCH_FLOOR_VIEW = True

    ergebnis = last.run("/bench/floor", clients=2, seconds=0.5)

    assert ergebnis.requests > 0
    assert ergebnis.rate > 0
    assert 0 < ergebnis.percentile(50) <= ergebnis.percentile(95) <= ergebnis.percentile(99)
    assert ergebnis.errors == 0


def test_load_generator_counts_every_404_as_an_error(last):
    ergebnis = last.run("/bench/floor", clients=1, seconds=0.3)

    assert ergebnis.requests > 0
    assert ergebnis.errors == ergebnis.requests


def test_load_generator_sends_the_given_headers(last, settings, client, citizen):
    """A signed-in page: with the session cookie the clients get the page, not the login."""
    client.force_login(citizen)
    cookie = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={client.session.session_key}"}

    mit = last.run("/konto/", clients=1, seconds=0.3, headers=cookie)
    ohne = last.run("/konto/", clients=1, seconds=0.3)

    assert mit.requests > 0 and mit.errors == 0
    assert ohne.requests > 0 and ohne.errors == ohne.requests  # redirected to the login


@pytest.mark.django_db
def test_floor_view_is_a_404_unless_switched_on(client, settings):
    assert client.get("/bench/floor").status_code == 404

    settings.BENCH_FLOOR_VIEW = True
    response = client.get("/bench/floor")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert client.post("/bench/floor").status_code == 405

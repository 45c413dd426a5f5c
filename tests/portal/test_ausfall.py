"""The database goes away (a restart, a failover): visitors get a German 503 page, never a stack
trace; the portal is back by itself once the database is; a form sent twice at the same moment
is stored once.

The outages are real: the connection is closed and the next one goes to a port where nothing
listens, so the driver fails as it does while PostgreSQL restarts; or the server ends the
connection, as a restart does."""

import json
import logging
import socket
import subprocess
import threading
import time
import uuid
from io import BytesIO

import psycopg
import pytest
from django.conf import settings
from django.core import signing
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, transaction
from django.urls import get_resolver, reverse
from django.utils import timezone

from kontakte.models import Nachricht
from portal.middleware import server_error

# The tests take connections away, which the transaction around an ordinary test would not
# survive.
pytestmark = pytest.mark.django_db(transaction=True)

VNU_JAR = settings.BASE_DIR / "var/node/node_modules/vnu-jar/build/dist/vnu.jar"


class Datenbank:
    def __init__(self) -> None:
        self.port = connection.settings_dict["PORT"]

    def weg(self) -> None:
        """From now on the server cannot be reached."""
        connection.close()
        with socket.socket() as probe:  # a port nothing listens on
            probe.bind(("127.0.0.1", 0))
            connection.settings_dict["PORT"] = probe.getsockname()[1]

    def zurueck(self) -> None:
        connection.close()
        connection.settings_dict["PORT"] = self.port


@pytest.fixture
def datenbank():
    datenbank = Datenbank()
    yield datenbank
    datenbank.zurueck()


def _assert_outage_page(response) -> str:
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    assert '<html lang="de">' in page
    assert "Das Portal ist kurz nicht erreichbar" in page
    assert "senden Sie es in einer Minute noch einmal ab" in page
    assert "Traceback" not in page and "Error" not in page
    return page


def _warnings(caplog) -> list[str]:
    return [
        f"{r.levelname} {r.name}: {r.getMessage()}"
        for r in caplog.records
        if r.levelno >= logging.WARNING
    ]


def test_anonymous_visitor_gets_the_german_outage_page(client, datenbank, caplog):
    datenbank.weg()
    with caplog.at_level(logging.INFO):
        response = client.get("/")
    _assert_outage_page(response)
    # Once, as a warning, naming the error only: no path, nothing the visitor sent.
    assert _warnings(caplog) == [
        "WARNING portal.middleware: Database unavailable (OperationalError), answered 503"
    ]


def test_signed_in_user_gets_it_although_the_session_is_read_before_any_view(
    client, citizen, datenbank
):
    client.force_login(citizen)
    datenbank.weg()
    _assert_outage_page(client.get("/aktuelles/"))


def test_outage_met_outside_a_view_gets_the_outage_page_too(rf, datenbank, caplog):
    """Saving the session after the view is Django's to handle: its 500 handler answers."""
    assert get_resolver().resolve_error_handler(500) is server_error
    datenbank.weg()
    try:
        connection.ensure_connection()
    except Exception:  # what Django hands to its 500 handler
        with caplog.at_level(logging.INFO):
            response = server_error(rf.get("/"))
    _assert_outage_page(response)
    assert len(_warnings(caplog)) == 1


def test_any_other_error_keeps_the_500_page(rf):
    try:
        raise ValueError("kaputt")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Entschuldigung, hier ist etwas schiefgegangen" in response.content.decode()


def test_outage_page_is_valid_html(client, datenbank, tmp_path):
    datenbank.weg()
    (tmp_path / "503.html").write_bytes(client.get("/").content)
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", tmp_path / "503.html"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert json.loads(result.stderr or '{"messages": []}')["messages"] == []


def _nachricht_url(person) -> str:
    return reverse("kontakte:person-nachricht", args=[person.organisation.slug, person.slug])


def _nachricht(**changes) -> dict:
    return {
        "absender_name": "Erika Mustermann",
        "absender_email": "erika@example.org",
        "betreff": "Frage zur Frist",
        "text": "Wann ist die nächste Frist?",
        "datenschutz": "on",
        "gestartet": signing.dumps(int(time.time()) - 60, salt="kontakte.nachricht.gestartet"),
        "einsendung": str(uuid.uuid4()),
        **changes,
    }


def test_a_message_sent_during_the_outage_is_sent_again_and_stored_once(
    client, make_person, datenbank
):
    person = make_person(email="mueller@staedtetag.example")
    data = _nachricht()
    datenbank.weg()
    _assert_outage_page(client.post(_nachricht_url(person), data))
    datenbank.zurueck()
    assert not Nachricht.objects.exists()
    for _ in range(2):  # once more, as the page asks; and a double click
        response = client.post(_nachricht_url(person), data)
        assert response.url == reverse("kontakte:nachricht-gesendet")
    assert Nachricht.objects.get().einsendung == uuid.UUID(data["einsendung"])


def _wsgi_get(path: str) -> tuple[str, bytes]:
    """A request as gunicorn makes it: Django's WSGI handler, with the signals around the
    request that keep, check and drop persistent connections."""
    status = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
    }
    response = WSGIHandler()(environ, lambda s, headers: status.append(s))
    try:
        return status[0], b"".join(response)
    finally:
        response.close()


def test_a_connection_the_database_ended_is_replaced_without_an_error():
    """A restart ends every connection. The persistent connection (DB_CONN_MAX_AGE) is
    checked before a request uses it, so the first request after the restart succeeds."""
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]
    assert _wsgi_get("/healthz") == ("200 OK", b"ok\n")
    pid = connection.connection.info.backend_pid
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    assert _wsgi_get("/healthz") == ("200 OK", b"ok\n")
    assert connection.connection.info.backend_pid != pid


def test_the_same_message_sent_twice_at_the_same_moment_is_stored_once(client, make_person):
    """The first sending is still being stored when the second one arrives: the second waits
    at the unique key, then finds the first's record and answers as for it."""
    person = make_person(email="mueller@staedtetag.example")
    data = _nachricht()
    gespeichert, weiter = threading.Event(), threading.Event()

    def erste_sendung() -> None:
        try:
            with transaction.atomic():
                Nachricht.objects.create(
                    organisation=person.organisation,
                    person=person,
                    absender_name="Erika Mustermann",
                    absender_email="erika@example.org",
                    betreff="Frage zur Frist",
                    text="Wann ist die nächste Frist?",
                    datenschutz_bestaetigt_am=timezone.now(),
                    einsendung=data["einsendung"],
                )
                gespeichert.set()
                weiter.wait(timeout=30)
        finally:
            connection.close()

    antworten = []

    def zweite_sendung() -> None:
        try:
            antworten.append(client.post(_nachricht_url(person), data))
        finally:
            connection.close()

    erste = threading.Thread(target=erste_sendung)
    erste.start()
    gespeichert.wait(timeout=30)
    zweite = threading.Thread(target=zweite_sendung)
    zweite.start()
    # Once the second sending waits for the first one's row at the unique key, commit the first.
    with connection.cursor() as cursor:
        for _ in range(3000):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if wartet := cursor.fetchone()[0]:
                break
            time.sleep(0.01)
    weiter.set()
    erste.join()
    zweite.join()
    assert wartet
    (antwort,) = antworten
    assert antwort.status_code == 302
    assert antwort.url == reverse("kontakte:nachricht-gesendet")
    assert Nachricht.objects.count() == 1

"""Log lines an operator can search: a request id in every line and on the response, one JSON
object per line with LOG_FORMAT=json, and no personal data (DSGVO): no IP or e-mail
addresses, query strings, form data or paths that carry tokens."""

import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from portal.logs import JsonFormatter, RequestIdFilter

ROOT = Path(__file__).resolve().parent.parent
NEW_ID = re.compile(r"[0-9a-f]{32}")
EMAIL = "max.mustermann@example.org"


def kaputt(request, token):
    raise RuntimeError(f"Zustellung an {EMAIL} über 192.168.17.4 gescheitert")


def abgelehnt(request, token):
    return HttpResponse("nein", status=400)


# Used by the tests marked with @pytest.mark.urls(__name__).
urlpatterns = [
    path("kaputt/<slug:token>/", kaputt),
    path("abgelehnt/<slug:token>/", abgelehnt),
]


@pytest.fixture
def json_log():
    """The portal's JSON lines as the console handler writes them, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    lines.text = stream.getvalue
    try:
        yield lines
    finally:
        root.removeHandler(handler)


def request_line(lines: list[dict], request_id: str) -> dict:
    found = [x for x in lines if x["logger"] == "portal.request" and x["request_id"] == request_id]
    assert len(found) == 1, lines
    return found[0]


def test_every_response_carries_its_own_new_request_id(client):
    first = client.get("/robots.txt")["X-Request-ID"]
    second = client.get("/robots.txt")["X-Request-ID"]
    assert NEW_ID.fullmatch(first)
    assert NEW_ID.fullmatch(second)
    assert first != second


@pytest.mark.parametrize("given", ["abc-123", "Root-1-67a.b_c", "x" * 64])
def test_the_proxys_request_id_is_kept(client, given):
    assert client.get("/robots.txt", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given


@pytest.mark.parametrize(
    "given", ["", "zwei worte", "x" * 65, "<script>", "id\r\nSet-Cookie: a=b", EMAIL]
)
def test_an_odd_request_id_is_replaced(client, given):
    assert NEW_ID.fullmatch(client.get("/robots.txt", HTTP_X_REQUEST_ID=given)["X-Request-ID"])


@pytest.mark.django_db
def test_the_request_line_names_the_route_not_the_query_or_the_client(client, json_log):
    response = client.get(
        f"/suche/?q={EMAIL}", HTTP_X_REQUEST_ID="suche-1", REMOTE_ADDR="192.168.17.4"
    )
    assert response.status_code == 200

    line = request_line(json_log(), "suche-1")
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["route"] == "/suche/"
    assert line["view"] == "portal:suche"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert {"time", "message"} <= line.keys()
    for personal in ("mustermann", "q=", "192.168.17.4"):
        assert personal not in json_log.text()


@pytest.mark.django_db
def test_tokens_in_the_path_are_not_logged(client, json_log):
    client.get("/konto/password/reset/key/1-geheimer-schluessel/", HTTP_X_REQUEST_ID="reset-1")
    client.get("/gibt-es-nicht/geheimer-schluessel/", HTTP_X_REQUEST_ID="fehlt-1")

    assert request_line(json_log(), "reset-1")["route"].startswith("/konto/password/reset/key/")
    not_found = [x for x in json_log() if x["request_id"] == "fehlt-1"]
    assert [x["status"] for x in not_found if x["logger"] == "portal.request"] == [404]
    assert "geheimer-schluessel" not in json_log.text()


@pytest.mark.django_db
def test_form_data_is_not_logged(client, json_log):
    client.post(
        "/konto/login/",
        {"login": EMAIL, "password": "Geheimes Passwort 42"},
        HTTP_X_REQUEST_ID="login-1",
    )
    assert request_line(json_log(), "login-1")["method"] == "POST"
    assert "mustermann" not in json_log.text()
    assert "Geheimes Passwort" not in json_log.text()


@pytest.mark.urls(__name__)
def test_an_unhandled_error_is_one_json_line_with_the_request_id(json_log):
    client = Client(raise_request_exception=False)
    response = client.post(
        "/kaputt/geheimer-schluessel/", {"email": EMAIL}, HTTP_X_REQUEST_ID="fehler-1"
    )
    assert response.status_code == 500
    assert response["X-Request-ID"] == "fehler-1"

    errors = [x for x in json_log() if x["level"] == "ERROR"]
    assert len(errors) == 1
    error = errors[0]
    assert error["logger"] == "django.request"
    assert error["request_id"] == "fehler-1"
    assert error["exc_type"] == "RuntimeError"
    assert "in kaputt" in error["traceback"]
    assert error["message"] == "Internal Server Error: /kaputt/<slug:token>/"
    assert "[E-Mail]" in error["traceback"]
    # Neither the form data Django keeps on the record nor anything personal in the message.
    for personal in ("mustermann", "192.168.17.4", "geheimer-schluessel"):
        assert personal not in json_log.text()
    assert request_line(json_log(), "fehler-1")["status"] == 500


@pytest.mark.urls(__name__)
def test_a_4xx_logged_after_the_middleware_still_has_the_request_id(client, json_log):
    # Django logs a view's own 400 response once the middleware chain has returned.
    client.get("/abgelehnt/geheimer-schluessel/", HTTP_X_REQUEST_ID="abgelehnt-1")
    warnings = [x for x in json_log() if x["level"] == "WARNING"]
    assert [(x["logger"], x["request_id"]) for x in warnings] == [("django.request", "abgelehnt-1")]
    assert "geheimer-schluessel" not in json_log.text()


def _python_with_env(code: str, **env: str) -> subprocess.CompletedProcess:
    inherited = {k: v for k, v in os.environ.items() if k != "LOG_FORMAT"}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**inherited, "DJANGO_SETTINGS_MODULE": "portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_log_format_json_makes_every_line_a_json_object():
    result = _python_with_env(
        "import django, logging; django.setup(); "
        "logging.getLogger('portal.test').warning('Antrag %s eingereicht', 42)",
        LOG_FORMAT="json",
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "Antrag 42 eingereicht"
    assert line["level"] == "WARNING"
    assert line["logger"] == "portal.test"
    assert line["request_id"] is None  # outside a request


def test_plain_log_lines_are_the_default_and_carry_the_request_id_slot():
    result = _python_with_env(
        "import django, logging; django.setup(); "
        f"logging.getLogger('portal.test').warning('an {EMAIL}')"
    )
    assert result.returncode == 0, result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert line.endswith("WARNING portal.test [None] an [E-Mail]")


def test_an_unknown_log_format_is_refused():
    result = _python_with_env("import django; django.setup()", LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "LOG_FORMAT must be plain or json" in result.stderr

"""Two gunicorn instances against one database and one media directory behave as one portal:
a login made on one is valid on the other, a file uploaded on one downloads from the other.

This is what running several web containers behind a load balancer relies on. The instances
run as in production (DEBUG off, collected static files), over plain HTTP on loopback.
"""

import contextlib
import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import global_settings, settings

from portal import loadgen
from tests.conftest import PASSWORD
from tests.portal.fixtures import PDF_BYTES

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db(transaction=True)


def _database_url() -> str:
    """The test database (test_…) that pytest-django created, as a DATABASE_URL."""
    db = settings.DATABASES["default"]
    user = urllib.parse.quote(db["USER"] or "", safe="")
    password = ":" + urllib.parse.quote(db["PASSWORD"], safe="") if db["PASSWORD"] else ""
    credentials = f"{user}{password}@" if user else ""
    return f"postgres://{credentials}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def production_env(django_db_setup, tmp_path_factory) -> dict[str, str]:
    """Environment of both instances: production settings, the test database, one media
    directory, static files collected once."""
    shared = tmp_path_factory.mktemp("scaleout")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_DEBUG": "false",
        "SECRET_KEY": "scaleout-test-" + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "MEDIA_ROOT": str(shared / "media"),
        "STATIC_ROOT": str(shared / "static"),
        # As in production: tasks wait in the database for a worker (none runs here).
        "TASKS_BACKEND": "database",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_FORMAT": "json",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return env


@pytest.fixture(scope="module")
def instances(production_env, tmp_path_factory):
    """Two instances, each answering /healthz; their base URLs."""
    logs = tmp_path_factory.mktemp("logs")
    with contextlib.ExitStack() as stack:
        ports = [
            stack.enter_context(loadgen.gunicorn(2, logs / f"gunicorn-{name}.log", production_env))[
                1
            ]
            for name in ("a", "b")
        ]
        yield [f"http://127.0.0.1:{port}" for port in ports]


class Browser:
    """urllib with one cookie jar: cookies belong to the host, not the port, as they do for
    one site name in front of several instances."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url: str) -> tuple[int, bytes]:
        with self.opener.open(url, timeout=30) as response:
            return response.status, response.read()

    def post(self, url: str, body: bytes, content_type: str) -> tuple[int, bytes]:
        request = urllib.request.Request(  # noqa: S310 (http on loopback, URLs we build)
            url, data=body, headers={"Content-Type": content_type}, method="POST"
        )
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.read()

    def csrf_token(self, url: str) -> str:
        _, html = self.get(url)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert match, f"no CSRF token on {url}"
        return match.group(1).decode()

    def post_form(self, url: str, fields: dict[str, str]) -> tuple[int, bytes]:
        fields = {"csrfmiddlewaretoken": self.csrf_token(url), **fields}
        body = urllib.parse.urlencode(fields).encode()
        return self.post(url, body, "application/x-www-form-urlencoded")

    def post_multipart(
        self, url: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]]
    ) -> tuple[int, bytes]:
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in {"csrfmiddlewaretoken": self.csrf_token(url), **fields}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.post(url, body, f"multipart/form-data; boundary={boundary}")


@pytest.fixture
def kommune_user(make_kommune, settings):
    organisation, user = make_kommune()
    # The instances know only the production hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    # allauth lets only verified addresses sign in.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return organisation, user


def _sign_in(browser: Browser, base: str, email: str) -> None:
    status, html = browser.post_form(base + "/konto/login/", {"login": email, "password": PASSWORD})
    assert status == 200
    assert f"Angemeldet als {email}".encode() in html


def test_a_login_on_one_instance_is_valid_on_the_other(instances, kommune_user):
    a, b = instances
    _, user = kommune_user
    browser = Browser()

    _, html = browser.get(b + "/konto/")
    assert b"Angemeldet als" not in html  # B sends the anonymous visitor to the login page

    _sign_in(browser, a, user.email)

    status, html = browser.get(b + "/konto/")
    assert status == 200
    assert f"Angemeldet als {user.email}".encode() in html


def test_a_file_uploaded_on_one_instance_downloads_from_the_other(
    instances, kommune_user, make_antrag
):
    a, b = instances
    organisation, user = kommune_user
    antrag = make_antrag(organisation=organisation)
    browser = Browser()
    _sign_in(browser, a, user.email)
    content = PDF_BYTES + uuid.uuid4().hex.encode()  # bytes no other test uploads

    step = f"/foerderung/antraege/{antrag.pk}/schritt/unterlagen/"
    status, _ = browser.post_multipart(
        a + step,
        {"weitere_bezeichnung": "Einladungsentwurf", "aktion": "bleiben"},
        {"weitere": ("einladung.pdf", content)},
    )
    assert status == 200

    # B lists the upload (same database) and serves its bytes (same media directory).
    _, html = browser.get(b + step)
    links = re.findall(rf'href="(/foerderung/antraege/{antrag.pk}/anhaenge/\d+/)"'.encode(), html)
    assert len(links) == 1
    status, downloaded = browser.get(b + links[0].decode())
    assert status == 200
    assert downloaded == content

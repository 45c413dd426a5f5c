"""The security pass: response headers and cookies, the admin at a configurable address with
two factors for staff, rate limits on the login and the public forms, the locked dependencies."""

import importlib.util
import re
import runpy
import sys
import tomllib
import uuid
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.models import User
from django.core import mail
from django.core.cache import cache
from django.urls import converters, reverse
from packaging.requirements import Requirement

from ehrenamt.models import Ehrenamtliche
from kontakte.models import Mitgliedschaft, PlattformZugang
from tests.conftest import PASSWORD
from tests.kontakte.test_nachricht import _data as nachricht_daten
from tests.kontakte.test_nachricht import _url as nachricht_url

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- Headers and cookies ----------------------------------------------------------------------


@pytest.fixture
def staff_without_totp(db) -> User:
    return User.objects.create_user("neu", "neu@staedtetag.example", PASSWORD, is_staff=True)


def _responses(client, staff_without_totp) -> dict:
    """One response of each kind a visitor meets: page, error, redirects, refusals, text."""
    responses = {
        "page": client.get("/", secure=True),
        "not found": client.get("/gibt-es-nicht/", secure=True),
        "login required": client.get(reverse("kontakte:konto"), secure=True),
        "wrong method": client.put("/", secure=True),
        "robots.txt": client.get("/robots.txt", secure=True),
        "health check": client.get("/healthz", secure=True),
    }
    client.force_login(staff_without_totp)
    responses["two factors required"] = client.get(reverse("admin:index"), secure=True)
    return responses


def test_every_kind_of_response_carries_the_security_headers(client, staff_without_totp):
    for kind, response in _responses(client, staff_without_totp).items():
        csp = response.get("Content-Security-Policy", "")
        assert "default-src 'self'" in csp, kind
        assert "script-src 'self'" in csp, kind
        assert "frame-ancestors 'none'" in csp, kind
        assert "unsafe-inline" not in csp, kind
        assert "unsafe-eval" not in csp, kind
        assert response.get("Strict-Transport-Security") == (
            "max-age=31536000; includeSubDomains; preload"
        ), kind
        assert response.get("X-Content-Type-Options") == "nosniff", kind
        assert response.get("Referrer-Policy") == "same-origin", kind
        assert response.get("X-Frame-Options") == "DENY", kind
        assert response.get("Cross-Origin-Opener-Policy") == "same-origin", kind
        assert "camera=()" in response.get("Permissions-Policy", ""), kind


def test_hsts_is_sent_only_over_https(client):
    """Browsers ignore it over plain HTTP; the HTTPS redirect (on in production) comes first."""
    assert "Strict-Transport-Security" not in client.get("/")


def test_permissions_policy_switches_off_what_the_portal_never_uses(client):
    policy = dict(item.split("=", 1) for item in client.get("/")["Permissions-Policy"].split(", "))
    for feature in ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]:
        assert policy[feature] == "()", feature
    # Fullscreen stays for the portal's pages and the two video players it embeds.
    assert policy["fullscreen"] == (
        '(self "https://www.youtube-nocookie.com" "https://player.vimeo.com")'
    )


def test_cookies_are_secure_http_only_and_same_site_with_the_production_defaults(
    client, settings, citizen
):
    # The tests run over plain HTTP and switch Secure off (pyproject.toml); the production
    # defaults are checked in test_production_defaults_are_the_secure_ones.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    client.get(reverse("account_login"), secure=True)
    response = client.post(
        reverse("account_login"), {"login": citizen.email, "password": PASSWORD}, secure=True
    )
    for name in [settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME]:
        morsel = response.cookies.get(name) or client.cookies[name]
        assert morsel["secure"] is True, name
        assert morsel["httponly"] is True, name
        assert morsel["samesite"] == "Lax", name


def _settings_from(monkeypatch, **environment: str) -> dict:
    """Reads portal/settings.py afresh under the given environment (the running settings stay
    as they are)."""
    for name in [
        "DJANGO_DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "ADMIN_PATH",
        "FORM_RATE_LIMIT",
        "BEHIND_TLS_PROXY",
    ]:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "portal" / "settings.py"))


def test_production_defaults_are_the_secure_ones(monkeypatch):
    production = _settings_from(monkeypatch, DJANGO_DEBUG="false")
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] == 31_536_000
    assert production["ADMIN_PATH"] == "admin/"
    assert production["FORM_RATE_LIMIT"] == 10
    assert production["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0


def test_behind_the_tls_proxy_its_forwarded_address_counts(monkeypatch):
    behind = _settings_from(monkeypatch, DJANGO_DEBUG="false", BEHIND_TLS_PROXY="true")
    assert behind["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert behind["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1


@pytest.mark.parametrize(
    "value", ["/admin/", "admin", "verwaltung//", "../admin/", "ver waltung/", "<str:x>/", "/"]
)
def test_a_bad_admin_path_stops_the_start(monkeypatch, value):
    with pytest.raises(Exception, match="ADMIN_PATH must be a path such as admin/") as error:
        _settings_from(monkeypatch, DJANGO_DEBUG="true", ADMIN_PATH=value)
    assert type(error.value).__name__ == "ImproperlyConfigured"


@pytest.mark.parametrize("value", ["-1", "zehn"])
def test_a_bad_form_rate_limit_stops_the_start(monkeypatch, value):
    with pytest.raises(Exception, match="FORM_RATE_LIMIT must be") as error:
        _settings_from(monkeypatch, DJANGO_DEBUG="true", FORM_RATE_LIMIT=value)
    assert type(error.value).__name__ == "ImproperlyConfigured"


# --- The admin at its configured address, two factors for staff -------------------------------

MOVED = "verwaltung-7k2q/"


@pytest.fixture
def moved_admin(settings, monkeypatch):
    """The portal's real urls.py, read again with ADMIN_PATH set as an operator would."""
    settings.ADMIN_PATH = MOVED
    monkeypatch.setattr(admin.site, "login", admin.site.login)  # urls.py wraps it on import
    # urls.py registers its path converters on import; a second registration is refused.
    registered = dict(converters.REGISTERED_CONVERTERS)
    for name, converter in registered.items():
        if type(converter).__module__ == "portal.urls":
            del converters.REGISTERED_CONVERTERS[name]
    spec = importlib.util.spec_from_file_location("moved_admin_urls", ROOT / "portal" / "urls.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setitem(sys.modules, "moved_admin_urls", module)
    settings.ROOT_URLCONF = "moved_admin_urls"
    yield f"/{MOVED}"
    converters.REGISTERED_CONVERTERS.clear()
    converters.REGISTERED_CONVERTERS.update(registered)
    converters.get_converters.cache_clear()


def _admin_urls(user: User) -> list[str]:
    """Every kind of admin page: the index, each app, each model's list and form, one object's
    change, history and delete pages, the password change."""
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    for model in admin.site._registry:
        opts = model._meta
        urls.append(reverse("admin:app_list", args=[opts.app_label]))
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    for page in ["change", "history", "delete"]:
        urls.append(reverse(f"admin:auth_user_{page}", args=[user.pk]))
    return sorted(set(urls))


def test_the_admin_answers_at_the_configured_path_only(client_for, moved_admin):
    staff = client_for("programme_staff")
    assert reverse("admin:index") == moved_admin
    assert staff.get(moved_admin).status_code == 200
    assert staff.get("/admin/").status_code == 404


def test_staff_without_two_factors_reach_no_admin_page_at_the_configured_path(
    client, staff_without_totp, moved_admin
):
    client.force_login(staff_without_totp)
    urls = _admin_urls(staff_without_totp)
    assert len(urls) > 50
    for url in urls:
        assert url.startswith(moved_admin)
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('mfa_activate_totp')}?next={url}"


def test_staff_without_two_factors_reach_no_admin_page_at_the_default_path(
    client, staff_without_totp
):
    client.force_login(staff_without_totp)
    for url in _admin_urls(staff_without_totp):
        assert url.startswith("/admin/")
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_anonymous_visitors_are_sent_to_the_portal_login_from_the_configured_path(
    client, moved_admin
):
    response = client.get(moved_admin)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    response = client.get(response["Location"])
    assert response["Location"].startswith(reverse("account_login"))


def test_robots_txt_never_names_a_moved_admin(client, moved_admin):
    text = client.get("/robots.txt").content.decode()
    assert MOVED.strip("/") not in text
    assert "admin" not in text
    assert "Disallow: /konto/" in text


def test_robots_txt_keeps_robots_out_of_the_default_admin(client):
    assert f"Disallow: {reverse('admin:index')}" in client.get("/robots.txt").content.decode()


# --- Login rate limit -------------------------------------------------------------------------


def _verified_user(email: str) -> User:
    user = User.objects.create_user(email, email, PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def test_the_sixth_login_for_one_address_within_five_minutes_is_refused_in_german(client):
    target = _verified_user("ziel@example.org")
    other = _verified_user("andere@example.org")
    for _attempt in range(5):
        response = client.post(reverse("account_login"), {"login": target.email, "password": "x"})
        assert "Zu viele" not in _text(response)
    response = client.post(reverse("account_login"), {"login": target.email, "password": PASSWORD})
    assert response.status_code == 200
    assert (
        "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es später noch einmal."
        in _text(response)
    )
    assert "_auth_user_id" not in client.session
    # The lock is on the address under attack, not on everyone using the same connection.
    response = client.post(reverse("account_login"), {"login": other.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_behind_the_proxy_each_visitor_has_their_own_login_limit(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}

    def login(forwarded_for: str):
        return client.post(
            reverse("account_login"),
            {"login": "a@example.org", "password": "x"},
            REMOTE_ADDR="10.0.0.2",  # the proxy, the same for everyone
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    # A client that writes a fresh address in front each time is still one client.
    assert [login(f"198.51.100.{n}, 203.0.113.5").status_code for n in range(3)] == [
        200,
        200,
        429,
    ]
    assert login("203.0.113.6").status_code == 200


# --- Rate limit of the public forms -----------------------------------------------------------

MITMACHEN = "/ehrenamt/mitmachen/"


@pytest.fixture
def anmeldung(make_angebotsart) -> dict:
    """A complete volunteer sign-up."""
    from kontakte.models import Kreis

    return {
        "vorname": "Erika",
        "nachname": "Muster",
        "email": "erika@example.org",
        "plz": "71638",
        "kreis": Kreis.objects.get(slug="landkreis-ludwigsburg").pk,
        "angebotsarten": [make_angebotsart("Deutschkurs").pk],
        "verfuegbarkeit": ["abends"],
        "einwilligung_kontakt": "on",
        "einsendung": str(uuid.uuid4()),
    }


def _assert_refused(response) -> None:
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    text = _text(response)
    assert "Zu viele Anfragen" in text
    assert "Ihre Angaben wurden diesmal nicht gespeichert." in text
    assert "Bitte versuchen Sie es in einer Minute erneut." in text


def test_the_post_over_the_limit_is_refused_and_stores_nothing(client, settings, anmeldung):
    settings.FORM_RATE_LIMIT = 3
    for _attempt in range(3):
        assert client.post(MITMACHEN, {"vorname": "x"}).status_code == 200  # errors shown
    _assert_refused(client.post(MITMACHEN, anmeldung))
    assert not Ehrenamtliche.objects.exists()
    assert mail.outbox == []
    # Reading is never limited, and another client is not affected.
    assert client.get(MITMACHEN).status_code == 200
    response = client.post(MITMACHEN, anmeldung, REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 302
    assert Ehrenamtliche.objects.count() == 1


def test_the_default_limit_lets_ten_posts_a_minute_through(client, anmeldung):
    for _attempt in range(10):
        assert client.post(MITMACHEN, {"vorname": "x"}).status_code == 200
    assert client.post(MITMACHEN, anmeldung).status_code == 429


def test_a_limit_of_zero_switches_it_off(client, settings, anmeldung):
    settings.FORM_RATE_LIMIT = 0
    for _attempt in range(12):
        assert client.post(MITMACHEN, {"vorname": "x"}).status_code == 200
    assert client.post(MITMACHEN, anmeldung).status_code == 302
    assert Ehrenamtliche.objects.count() == 1


def test_get_is_never_limited(client, settings):
    settings.FORM_RATE_LIMIT = 1
    for _attempt in range(5):
        assert client.get(MITMACHEN).status_code == 200


def test_each_form_counts_for_itself(client, settings):
    settings.FORM_RATE_LIMIT = 1
    client.post(MITMACHEN, {})
    assert client.post(MITMACHEN, {}).status_code == 429
    assert client.post("/ehrenamt/zugang/", {"email": "erika@example.org"}).status_code == 200


def test_sign_in_link_requests_are_limited_and_send_nothing(
    client, settings, make_ehrenamtliche, django_capture_on_commit_callbacks
):
    person = make_ehrenamtliche(email="helga@example.org")
    settings.FORM_RATE_LIMIT = 2
    for _attempt in range(2):
        client.post("/ehrenamt/zugang/", {"email": "nicht-bekannt@example.org"})
    with django_capture_on_commit_callbacks(execute=True):
        _assert_refused(client.post("/ehrenamt/zugang/", {"email": person.email}))
    assert mail.outbox == []
    # Below the limit the same request sends the link (so the refusal above is the limit).
    settings.FORM_RATE_LIMIT = 0
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/ehrenamt/zugang/", {"email": person.email}).status_code == 200
    assert [message.to for message in mail.outbox] == [[person.email]]


def test_platform_access_requests_are_limited(client_for, settings, citizen):
    settings.FORM_RATE_LIMIT = 2
    client = client_for("citizen")
    for _attempt in range(2):
        client.post("/plattform/zugang/", {"funktion": ""})
    _assert_refused(
        client.post("/plattform/zugang/", {"funktion": "Gemeinde", "begruendung": "Austausch"})
    )
    assert not PlattformZugang.objects.exists()


def test_membership_requests_are_limited(client_for, settings, make_organisation):
    settings.FORM_RATE_LIMIT = 2
    client = client_for("citizen")
    organisation = make_organisation("Stadt Ludwigsburg")
    for _attempt in range(2):
        client.post(reverse("kontakte:mitgliedschaften"), {})
    data = {"organisation": organisation.pk, "rolle": Mitgliedschaft.Rolle.MITGLIED}
    _assert_refused(client.post(reverse("kontakte:mitgliedschaften"), data))
    assert not Mitgliedschaft.objects.exists()


def test_behind_the_proxy_each_visitor_has_their_own_form_limit(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.FORM_RATE_LIMIT = 1

    def post(forwarded_for: str) -> int:
        return client.post(
            MITMACHEN, {}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for
        ).status_code

    assert [post("198.51.100.1, 203.0.113.5"), post("198.51.100.2, 203.0.113.5")] == [200, 429]
    assert post("203.0.113.6") == 200


def test_behind_the_proxy_the_contact_form_counts_each_visitor(
    client, settings, make_person, django_capture_on_commit_callbacks
):
    """The contact form's own limit (per sender address or client address) must not put
    everyone behind the proxy into one count."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.CONTACT_RATE_LIMIT = 1
    person = make_person(email="mueller@staedtetag.example")

    def send(sender: str, forwarded_for: str) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                nachricht_url(person),
                nachricht_daten(absender_email=sender),
                REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR=forwarded_for,
            ).status_code

    assert send("erika@example.org", "203.0.113.5") == 302
    assert send("max@example.org", "203.0.113.6") == 302
    assert send("noch-eine@example.org", "198.51.100.9, 203.0.113.6") == 429


def test_an_ipv6_client_is_counted_by_its_network(client, settings):
    settings.FORM_RATE_LIMIT = 1
    assert client.post(MITMACHEN, {}, REMOTE_ADDR="2001:db8:1:2::1").status_code == 200
    assert client.post(MITMACHEN, {}, REMOTE_ADDR="2001:db8:1:2::ffff").status_code == 429
    assert client.post(MITMACHEN, {}, REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


def test_the_cache_holds_no_ip_address(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "security-test",
        }
    }
    settings.FORM_RATE_LIMIT = 1
    client.post(MITMACHEN, {}, REMOTE_ADDR="203.0.113.77")
    assert client.post(MITMACHEN, {}, REMOTE_ADDR="203.0.113.77").status_code == 429
    keys = [key for key in cache._cache if "ratelimit" in key]
    assert keys
    stored = " ".join(keys) + " ".join(str(value) for value in cache._cache.values())
    assert "203.0.113.77" not in stored
    assert "203-0-113-77" not in stored


# --- Locked dependencies ----------------------------------------------------------------------


def _locked(path: Path) -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9._-]+)==([^\s\\]+)", path.read_text(), flags=re.MULTILINE)
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in pins}


def test_the_lock_files_pin_every_dependency_within_pyproject():
    """A dependency added to pyproject.toml without `make lock` would be missing in
    production (the Dockerfile installs requirements.lock) and in CI."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = _locked(ROOT / "requirements.lock")
    everything = _locked(ROOT / "requirements-dev.lock")
    for lock, requirements in [
        (runtime, project["dependencies"]),
        (everything, project["dependencies"] + project["optional-dependencies"]["dev"]),
    ]:
        for line in requirements:
            requirement = Requirement(line)
            name = re.sub(r"[-_.]+", "-", requirement.name).lower()
            assert name in lock, f"{name} is not in the lock file: run `make lock`"
            assert requirement.specifier.contains(lock[name], prereleases=True), name
    # The two files agree: production runs the versions the tests ran with.
    assert {name: everything[name] for name in runtime} == runtime
    # Every pin carries its hashes, so pip installs exactly the files that were locked.
    for path in [ROOT / "requirements.lock", ROOT / "requirements-dev.lock"]:
        text = path.read_text()
        assert text.count("==") == len(re.findall(r"==\S+ \\\n\s+--hash=sha256:", text))

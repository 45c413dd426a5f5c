"""Shared fixtures: the named personas every permission test speaks of, and test settings.

The environment (production settings on PostgreSQL) is set in pyproject.toml.
"""

import shutil

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import Client

# Each app's builders of test objects (make_meldung …), available to every test.
pytest_plugins = [
    "tests.portal.fixtures",
    "tests.kontakte.fixtures",
    "tests.buendnisse.fixtures",
    "tests.foerderung.fixtures",
    "tests.ehrenamt.fixtures",
]

PASSWORD = "correct horse battery staple"
# The staff personas' authenticator app (base32), for tests that sign in with a code.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Production hashing takes a third of a second per password; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test starts with an empty cache: pages, rate limits and the content generation
    # must not leak from one test's (rolled back) data into the next.
    cache.clear()


def _with_totp(user: User) -> User:
    """Staff reach the admin only with two-factor authentication set up (kontakte.middleware
    asks allauth's `is_mfa_enabled`, i.e. whether an authenticator exists), so the staff
    personas have one; a `force_login` session then counts as fully signed in."""
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(TOTP_SECRET)}
    )
    return user


@pytest.fixture(autouse=True)
def _kreise(request):
    """The Kreise are shipped by a data migration; the flush after a transactional test removes
    them, so every test that uses the database gets them back (one query when present)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    from kontakte import kreise
    from kontakte.models import Kreis

    kreise.laden(Kreis)


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def citizen(db) -> User:
    """A registered member of the public with no role."""
    return User.objects.create_user("buergerin", "buergerin@example.org", PASSWORD)


@pytest.fixture
def programme_staff(db) -> User:
    """Städtetag staff: edits content in the admin (group Redaktion)."""
    user = User.objects.create_user(
        "redakteur", "redaktion@staedtetag.example", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Redaktion"))
    return _with_totp(user)


@pytest.fixture
def superuser(db) -> User:
    return _with_totp(User.objects.create_superuser("admin", "admin@staedtetag.example", PASSWORD))


PERSONAS = [
    "anonymous",
    "citizen",
    "municipality_a",
    "municipality_b",
    "alliance_coordinator",
    "volunteer",
    "volunteer_coordinator",
    "programme_staff",
    "foerderreferat",
    "superuser",
]


@pytest.fixture
def client_for(request, db):
    """client_for("citizen") → a test client logged in as that persona."""

    def make(persona: str) -> Client:
        if persona == "anonymous":
            return Client()
        return _login(request.getfixturevalue(persona))

    return make


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """Debian's Chromium, never a downloaded browser; no background traffic to Google."""
    return {
        "executable_path": shutil.which("chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }

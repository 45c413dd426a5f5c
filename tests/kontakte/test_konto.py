"""Accounts at /konto/ (django-allauth): sign-up with a verified address, login by e-mail, a
password reset that does not tell who has an account, rate limits, and two-factor
authentication, which staff need for the admin."""

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import User
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from kontakte.models import Mitgliedschaft
from tests.conftest import PASSWORD, TOTP_SECRET

pytestmark = pytest.mark.django_db

# allauth's German catalogue says "du"; the portal says "Sie" (kontakte/locale overrides it).
DUZEN = re.compile(r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner)\b", re.IGNORECASE)


def _totp(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app shows now (RFC 6238: SHA-1, 30 seconds, 6 digits)."""
    key = base64.b32decode(secret)
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def _user(email="anna.berger@ludwigsburg.de", verified=True, **fields) -> User:
    user = User.objects.create_user(email.split("@")[0], email, PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def _text(response) -> str:
    main = response.content.decode().split('<main id="inhalt"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


# --- Sign-up and login ------------------------------------------------------------------------


def test_signup_sends_a_verification_mail_and_login_waits_for_it(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {"email": "neu@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.org"]
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in mail.outbox[0].subject
    link = re.search(r"https?://[^/\s]+(/konto/confirm-email/[^\s]+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    page = client.get(response["Location"])
    assert "Bestätigen Sie Ihre E-Mail-Adresse" in _text(page)
    assert not DUZEN.search(_text(page))

    # Not before the address is verified …
    other = client.__class__()
    response = other.post(
        reverse("account_login"), {"login": "neu@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in other.session

    # … then yes.
    assert client.post(link.group(1)).status_code == 302
    assert EmailAddress.objects.get(email="neu@example.org").verified
    response = other.post(
        reverse("account_login"), {"login": "neu@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("kontakte:konto")
    assert other.session["_auth_user_id"]


def test_signup_errors_are_german_and_listed_on_top(client):
    response = client.post(
        reverse("account_signup"), {"email": "kein-at", "password1": "123", "password2": "456"}
    )
    assert response.status_code == 200
    text = _text(response)
    assert "Bitte prüfen Sie Ihre Angaben" in text
    assert "Gültige E-Mail-Adresse" in text or "gültige E-Mail-Adresse" in text
    assert "zu kurz" in text
    assert '<a href="#id_email">' in response.content.decode()
    assert "<title>Fehler: Registrieren" in response.content.decode()
    assert not User.objects.exists()


def test_login_is_by_email_address(client):
    user = _user()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("kontakte:konto")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_with_a_wrong_password_says_so_in_german(client):
    user = _user()
    response = client.post(reverse("account_login"), {"login": user.email, "password": "falsch"})
    assert response.status_code == 200
    assert "E-Mail-Adresse und/oder das Passwort sind leider falsch" in _text(response)
    assert "_auth_user_id" not in client.session


def test_login_page_is_german_and_accessible(client):
    response = client.get(reverse("account_login"))
    html = response.content.decode()
    text = _text(response)
    assert "<title>Anmelden – " in html
    assert '<li aria-current="page">Anmelden</li>' in html
    assert '<label for="id_login">E-Mail-Adresse</label>' in html
    assert '<label for="id_password">Passwort</label>' in html
    assert "Passwort vergessen?" in text
    assert "registrieren Sie sich" in text
    assert not DUZEN.search(text)
    assert "<script" not in html
    assert " style=" not in html


# --- Password reset ---------------------------------------------------------------------------


def test_password_reset_does_not_tell_whether_an_account_exists(
    client, django_capture_on_commit_callbacks
):
    _user(email="bekannt@example.org")
    responses = {}
    for email in ["bekannt@example.org", "unbekannt@example.org"]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("account_reset_password"), {"email": email})
        responses[email] = (response.status_code, response["Location"])
        cache.clear()
    assert responses["bekannt@example.org"] == responses["unbekannt@example.org"]
    assert responses["bekannt@example.org"] == (302, reverse("account_reset_password_done"))

    done = _text(client.get(reverse("account_reset_password_done")))
    assert "Wir haben Ihnen eine E-Mail geschickt" in done
    assert "bekannt@example.org" not in done

    # Whatever is sent goes to the address itself; only the account's owner gets a link.
    mails = {message.to[0]: message for message in mail.outbox}
    assert set(mails) <= {"bekannt@example.org", "unbekannt@example.org"}
    assert "/konto/password/reset/key/" in mails["bekannt@example.org"].body
    if "unbekannt@example.org" in mails:
        assert "/konto/password/reset/key/" not in mails["unbekannt@example.org"].body


def test_password_reset_link_sets_a_new_password(client, django_capture_on_commit_callbacks):
    user = _user(email="vergesslich@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    path = re.search(r"https?://[^/\s]+(/konto/password/reset/key/\S+)", mail.outbox[0].body)
    response = client.get(path.group(1), follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    new = "ein ganz neues Passwort 2016"
    response = client.post(form_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


# --- Rate limits ------------------------------------------------------------------------------


def test_repeated_failed_logins_are_stopped_with_a_german_message(client):
    user = _user()
    for _attempt in range(5):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "x"})
        assert response.status_code == 200
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in _text(response)
    assert "_auth_user_id" not in client.session


def test_too_many_requests_get_a_german_page_not_an_error(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    for _attempt in range(2):
        client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    response = client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    assert response.status_code == 429
    assert "Zu viele Anfragen" in _text(response)


# --- Two-factor authentication ----------------------------------------------------------------


def test_staff_without_two_factor_are_sent_from_the_admin_to_set_it_up(client):
    staff = _user(email="neu@staedtetag.example", is_staff=True)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('mfa_activate_totp')}?next=/admin/"


def test_staff_with_two_factor_reach_the_admin(client_for):
    assert client_for("programme_staff").get("/admin/").status_code == 200


def test_people_who_are_not_staff_are_not_sent_to_two_factor_setup(client):
    client.force_login(_user())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert reverse("mfa_activate_totp") not in response["Location"]


def test_admin_login_goes_through_the_portal_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"


def test_staff_sign_in_with_password_and_code_then_reach_the_admin(client, programme_staff):
    EmailAddress.objects.create(
        user=programme_staff, email=programme_staff.email, verified=True, primary=True
    )
    response = client.post(
        reverse("account_login"),
        {"login": programme_staff.email, "password": PASSWORD, "next": "/admin/"},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    page = client.get(reverse("mfa_authenticate"))
    assert "Zwei-Faktor-Anmeldung" in _text(page)

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "Der Code stimmt nicht" in _text(wrong)

    response = client.post(reverse("mfa_authenticate"), {"code": _totp()})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_two_factor_setup_shows_the_qr_code_and_the_secret_as_text(client):
    user = _user()
    client.force_login(user)
    # allauth asks for the password again before security settings change.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.get(reverse("mfa_activate_totp"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<img class="totp-qr" src="data:image/svg+xml;base64,' in html
    assert 'alt="QR-Code zum Einrichten der Authenticator-App"' in html
    secret = re.search(r'<code class="totp-secret">([A-Z2-7]+)</code>', html).group(1)
    assert '<li><a href="/konto/">Mein Konto</a></li>' in html
    assert '<li><a href="/konto/2fa/">Zwei-Faktor-Anmeldung</a></li>' in html
    assert "<script" not in html
    assert " style=" not in html

    response = client.post(reverse("mfa_activate_totp"), {"code": "123"})
    assert response.status_code == 200
    assert "Der Code stimmt nicht" in _text(response)
    assert 'aria-invalid="true"' in response.content.decode()

    response = client.post(reverse("mfa_activate_totp"), {"code": _totp(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    codes = client.get(response["Location"])
    assert codes.status_code == 200
    assert "Wiederherstellungscodes" in _text(codes)
    assert "<script" not in codes.content.decode()


# --- The overview -----------------------------------------------------------------------------


def test_konto_needs_a_login(client):
    response = client.get(reverse("kontakte:konto"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/konto/"


def test_konto_shows_addresses_two_factor_memberships_and_where_to_change_them(
    client, make_organisation, superuser
):
    user = _user(email="anna.berger@ludwigsburg.de")
    EmailAddress.objects.create(user=user, email="anna@example.org", verified=False)
    ludwigsburg = make_organisation("Stadt Ludwigsburg", email_domains="ludwigsburg.de")
    Mitgliedschaft.beantragen(user, ludwigsburg)
    kornwestheim = make_organisation("Stadt Kornwestheim")
    Mitgliedschaft.beantragen(user, kornwestheim, begruendung="Integrationsmanagement")
    bietigheim = make_organisation("Stadt Bietigheim-Bissingen")
    Mitgliedschaft.beantragen(user, bietigheim).ablehnen(by=superuser, vermerk="Unbekannt.")
    client.force_login(user)

    response = client.get(reverse("kontakte:konto"))
    html = response.content.decode()
    text = _text(response)
    assert response.status_code == 200
    assert "anna.berger@ludwigsburg.de (Hauptadresse): bestätigt " in text
    assert "anna@example.org: noch nicht bestätigt" in text
    assert "Zwei-Faktor-Anmeldung ist nicht eingerichtet" in text
    assert f'href="{reverse("mfa_activate_totp")}"' in html
    assert "Stadt Ludwigsburg" in text
    assert "Automatisch: bestätigte Adresse anna.berger@ludwigsburg.de" in text
    assert "Stadt Kornwestheim Mitglied Beantragt am" in text
    assert "Abgelehnt am" in text and "Begründung: Unbekannt." in text
    for url in [
        reverse("account_change_password"),
        reverse("account_email"),
        reverse("kontakte:mitgliedschaften"),
        "/plattform/",
        reverse("account_logout"),
    ]:
        assert f'"{url}"' in html, url
    assert '<li aria-current="page">Mein Konto</li>' in html


def test_konto_says_when_two_factor_is_set_up(client_for):
    response = client_for("programme_staff").get(reverse("kontakte:konto"))
    assert "Zwei-Faktor-Anmeldung ist eingerichtet" in _text(response)
    assert f'href="{reverse("mfa_index")}"' in response.content.decode()


def test_konto_refuses_post(client):
    client.force_login(_user())
    assert client.post(reverse("kontakte:konto")).status_code == 405


# --- allauth's pages in the portal's layout ---------------------------------------------------

ALLAUTH_PAGES = {
    # URL name: (logged in?, last breadcrumb)
    "account_login": (False, "Anmelden"),
    "account_signup": (False, "Registrieren"),
    "account_reset_password": (False, "Passwort zurücksetzen"),
    "account_reset_password_done": (False, "Passwort zurücksetzen"),
    "account_email_verification_sent": (False, "Bestätigen Sie Ihre E-Mail-Adresse"),
    "account_logout": (True, "Abmelden"),
    "account_email": (True, "E-Mail-Adressen"),
    "account_change_password": (True, "Passwort ändern"),
    "account_reauthenticate": (True, "Zugriff bestätigen"),
    "mfa_index": (True, "Zwei-Faktor-Anmeldung"),
}


@pytest.mark.parametrize("name", sorted(ALLAUTH_PAGES))
def test_allauth_pages_are_german_with_breadcrumbs_and_no_inline_code(client, name):
    logged_in, crumb = ALLAUTH_PAGES[name]
    if logged_in:
        client.force_login(_user())
    response = client.get(reverse(name))
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(rf'<li aria-current="page">\s*{re.escape(crumb)}\s*</li>', html), html
    assert ('<li><a href="/konto/">Mein Konto</a></li>' in html) == logged_in
    assert html.count("<h1>") == 1
    assert not DUZEN.search(_text(response)), _text(response)
    assert "<script" not in html
    assert " style=" not in html

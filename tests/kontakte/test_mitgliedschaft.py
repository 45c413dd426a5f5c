"""Memberships: a user asks to act for an organisation; a verified address at one of its
official domains confirms a member at once, everything else waits for programme staff, who
decide in the admin. Every decision records who and when."""

import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kontakte.models import Mitgliedschaft, Organisation
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

URL = "/konto/organisationen/"
CHANGELIST = "/admin/kontakte/mitgliedschaft/"


@pytest.fixture
def ludwigsburg(make_organisation) -> Organisation:
    return make_organisation(
        "Stadt Ludwigsburg", kreis="landkreis-ludwigsburg", email_domains="ludwigsburg.de"
    )


@pytest.fixture
def make_user(db):
    def make(*addresses: tuple[str, bool]) -> User:
        """A user with the given (address, verified) pairs; the first is the primary one."""
        email = addresses[0][0]
        user = User.objects.create_user(email, email, PASSWORD)
        for number, (address, verified) in enumerate(addresses):
            EmailAddress.objects.create(
                user=user, email=address, verified=verified, primary=number == 0
            )
        return user

    return make


def _text(response) -> str:
    main = response.content.decode().split('<main id="inhalt"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _beantragen(client, organisation_, **changes):
    data = {
        "organisation": organisation_.pk,
        "rolle": "mitglied",
        "begruendung": "Sachbearbeitung Integration im Sozialamt",
        **changes,
    }
    return client.post(URL, data, follow=True)


# --- Asking -----------------------------------------------------------------------------------


def test_member_with_a_verified_address_at_the_domain_is_confirmed_at_once(
    client, make_user, ludwigsburg, django_capture_on_commit_callbacks
):
    user = make_user(("anna.berger@ludwigsburg.de", True))
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _beantragen(client, ludwigsburg)
    assert response.redirect_chain == [(URL, 302)]
    assert "Sie sind jetzt Mitglied von „Stadt Ludwigsburg“" in _text(response)
    mitgliedschaft = Mitgliedschaft.objects.get(user=user)
    assert mitgliedschaft.status == Mitgliedschaft.Status.BESTAETIGT
    assert mitgliedschaft.vermerk == "Automatisch: bestätigte Adresse anna.berger@ludwigsburg.de"
    assert mitgliedschaft.entschieden_von is None
    assert mitgliedschaft.entschieden_am is not None
    assert mitgliedschaft.begruendung == "Sachbearbeitung Integration im Sozialamt"
    assert list(Organisation.objects.vertreten_von(user)) == [ludwigsburg]
    assert mail.outbox == []  # it happened in front of them


def test_request_from_another_domain_waits_and_staff_confirm_it_in_the_admin(
    client, client_for, programme_staff, make_user, ludwigsburg, django_capture_on_commit_callbacks
):
    user = make_user(("anna.berger@gmx.de", True))
    client.force_login(user)
    response = _beantragen(client, ludwigsburg)
    assert "Der Städtetag prüft sie und schreibt Ihnen per E-Mail" in _text(response)
    mitgliedschaft = Mitgliedschaft.objects.get(user=user)
    assert mitgliedschaft.status == Mitgliedschaft.Status.BEANTRAGT
    assert mitgliedschaft.entschieden_am is None
    assert not Organisation.objects.vertreten_von(user).exists()

    staff = client_for("programme_staff")
    assert "anna.berger@gmx.de" in staff.get(f"{CHANGELIST}?status=beantragt").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            CHANGELIST,
            {"action": "bestaetigen", ACTION_CHECKBOX_NAME: [mitgliedschaft.pk]},
            follow=True,
        )
    assert "1 Mitgliedschaften bestätigt" in response.content.decode()
    mitgliedschaft.refresh_from_db()
    assert mitgliedschaft.status == Mitgliedschaft.Status.BESTAETIGT
    assert mitgliedschaft.entschieden_von == programme_staff
    assert mitgliedschaft.entschieden_am is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna.berger@gmx.de"]
    assert "Mitgliedschaft bestätigt: Stadt Ludwigsburg" in mail.outbox[0].subject

    konto = client.get(reverse("kontakte:konto"))
    assert f"von {programme_staff.email} (Städtetag)" in _text(konto)


def test_staff_reject_with_a_reason_the_user_reads(
    client, client_for, programme_staff, make_user, ludwigsburg, django_capture_on_commit_callbacks
):
    user = make_user(("anna.berger@gmx.de", True))
    mitgliedschaft = Mitgliedschaft.beantragen(user, ludwigsburg)
    staff = client_for("programme_staff")
    data = {"action": "ablehnen", ACTION_CHECKBOX_NAME: [mitgliedschaft.pk]}
    page = staff.post(CHANGELIST, data)
    assert page.status_code == 200
    assert "anna.berger@gmx.de – Stadt Ludwigsburg" in page.content.decode()
    mitgliedschaft.refresh_from_db()
    assert mitgliedschaft.status == Mitgliedschaft.Status.BEANTRAGT  # nothing before "Ja"

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            CHANGELIST,
            {**data, "ablehnen_bestaetigt": "ja", "vermerk": "Bitte mit dienstlicher Adresse."},
        )
    assert response.status_code == 302
    mitgliedschaft.refresh_from_db()
    assert mitgliedschaft.status == Mitgliedschaft.Status.ABGELEHNT
    assert mitgliedschaft.entschieden_von == programme_staff
    assert mitgliedschaft.vermerk == "Bitte mit dienstlicher Adresse."
    assert "Begründung: Bitte mit dienstlicher Adresse." in mail.outbox[0].body

    client.force_login(user)
    assert "Begründung: Bitte mit dienstlicher Adresse." in _text(client.get(URL))
    # … and may ask again.
    response = _beantragen(client, ludwigsburg)
    mitgliedschaft.refresh_from_db()
    assert mitgliedschaft.status == Mitgliedschaft.Status.BEANTRAGT
    assert mitgliedschaft.entschieden_von is None


def test_admin_actions_leave_decided_memberships_alone(
    client_for, superuser, make_user, ludwigsburg, make_organisation
):
    user = make_user(("anna.berger@ludwigsburg.de", True))
    automatisch = Mitgliedschaft.beantragen(user, ludwigsburg)
    abgelehnt = Mitgliedschaft.beantragen(user, make_organisation())
    abgelehnt.ablehnen(by=superuser, vermerk="Nein.")
    response = client_for("programme_staff").post(
        CHANGELIST,
        {"action": "bestaetigen", ACTION_CHECKBOX_NAME: [automatisch.pk, abgelehnt.pk]},
        follow=True,
    )
    assert "0 Mitgliedschaften bestätigt" in response.content.decode()
    assert "2 ausgewählte waren schon entschieden" in response.content.decode()
    abgelehnt.refresh_from_db()
    automatisch.refresh_from_db()
    assert (abgelehnt.status, abgelehnt.entschieden_von) == ("abgelehnt", superuser)
    assert (automatisch.status, automatisch.entschieden_von) == ("bestaetigt", None)


def test_an_unverified_address_never_confirms(client, make_user, ludwigsburg):
    user = make_user(("anna.berger@ludwigsburg.de", False))
    client.force_login(user)
    _beantragen(client, ludwigsburg)
    assert Mitgliedschaft.objects.get(user=user).status == Mitgliedschaft.Status.BEANTRAGT


def test_an_unverified_address_never_confirms_the_admin_role_either(client, make_user, ludwigsburg):
    user = make_user(("anna.berger@ludwigsburg.de", False))
    client.force_login(user)
    _beantragen(client, ludwigsburg, rolle="admin")
    mitgliedschaft = Mitgliedschaft.objects.get(user=user)
    assert (mitgliedschaft.rolle, mitgliedschaft.status) == ("admin", "beantragt")


def test_the_admin_role_waits_for_staff_even_with_a_verified_domain_address(
    client, make_user, ludwigsburg
):
    user = make_user(("anna.berger@ludwigsburg.de", True))
    client.force_login(user)
    response = _beantragen(client, ludwigsburg, rolle="admin")
    assert "Der Städtetag prüft sie" in _text(response)
    assert Mitgliedschaft.objects.get(user=user).status == Mitgliedschaft.Status.BEANTRAGT


def test_a_second_address_that_is_verified_counts(client, make_user, ludwigsburg):
    user = make_user(("anna@gmx.de", True), ("anna.berger@ludwigsburg.de", True))
    client.force_login(user)
    _beantragen(client, ludwigsburg)
    mitgliedschaft = Mitgliedschaft.objects.get(user=user)
    assert mitgliedschaft.status == Mitgliedschaft.Status.BESTAETIGT
    assert mitgliedschaft.vermerk.endswith("anna.berger@ludwigsburg.de")


def test_a_similar_domain_is_not_the_official_one(client, make_user, ludwigsburg):
    user = make_user(("anna@ludwigsburg.de.example.org", True))
    client.force_login(user)
    _beantragen(client, ludwigsburg)
    assert Mitgliedschaft.objects.get(user=user).status == Mitgliedschaft.Status.BEANTRAGT


def test_verifying_the_address_later_confirms_pending_member_requests(
    client, make_user, ludwigsburg, make_organisation
):
    user = make_user(("anna@gmx.de", True))
    address = EmailAddress.objects.create(user=user, email="anna.berger@ludwigsburg.de")
    als_mitglied = Mitgliedschaft.beantragen(user, ludwigsburg)
    kreis = make_organisation(
        "Landratsamt Ludwigsburg", art="landkreis", email_domains="landkreis-ludwigsburg.de"
    )
    anderswo = Mitgliedschaft.beantragen(user, kreis)
    assert als_mitglied.status == anderswo.status == Mitgliedschaft.Status.BEANTRAGT

    # The link from allauth's confirmation mail, followed in the user's browser.
    client.force_login(user)
    key = EmailConfirmationHMAC(address).key
    response = client.post(reverse("account_confirm_email", args=[key]))
    assert response.status_code == 302

    als_mitglied.refresh_from_db()
    anderswo.refresh_from_db()
    assert als_mitglied.status == Mitgliedschaft.Status.BESTAETIGT
    assert als_mitglied.vermerk == "Automatisch: bestätigte Adresse anna.berger@ludwigsburg.de"
    assert als_mitglied.entschieden_von is None
    assert anderswo.status == Mitgliedschaft.Status.BEANTRAGT


def test_verifying_an_address_leaves_admin_requests_to_staff(client, make_user, ludwigsburg):
    user = make_user(("anna@gmx.de", True))
    address = EmailAddress.objects.create(user=user, email="anna.berger@ludwigsburg.de")
    mitgliedschaft = Mitgliedschaft.beantragen(user, ludwigsburg, rolle="admin")
    client.force_login(user)
    client.post(reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key]))
    mitgliedschaft.refresh_from_db()
    assert mitgliedschaft.status == Mitgliedschaft.Status.BEANTRAGT


# --- Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("beantragt", "Ihre Anfrage für „Stadt Ludwigsburg“ liegt dem Städtetag schon vor."),
        ("bestaetigt", "Sie gehören „Stadt Ludwigsburg“ bereits an."),
    ],
)
def test_asking_twice_gets_a_german_error(client, make_user, ludwigsburg, status, message):
    user = make_user(("anna@gmx.de", True))
    Mitgliedschaft.objects.create(user=user, organisation=ludwigsburg, status=status)
    client.force_login(user)
    response = _beantragen(client, ludwigsburg, rolle="admin")
    assert response.status_code == 200
    assert message in _text(response)
    assert '<a href="#id_organisation">Organisation:' in response.content.decode()
    mitgliedschaft = Mitgliedschaft.objects.get()
    assert (mitgliedschaft.status, mitgliedschaft.rolle) == (status, "mitglied")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"organisation": ""}, "organisation", "Bitte wählen Sie die Organisation aus"),
        ({"organisation": "999999999"}, "organisation", "aus der Liste"),
        ({"organisation": "Ludwigsburg"}, "organisation", "aus der Liste"),
        ({"rolle": "chef"}, "rolle", "Bitte wählen Sie eine der beiden Rollen."),
        ({"rolle": ""}, "rolle", "Bitte wählen Sie Ihre Rolle."),
        ({"begruendung": ""}, "begruendung", "Bitte beschreiben Sie kurz Ihre Aufgabe"),
        ({"begruendung": "x" * 1001}, "begruendung", "höchstens 1.000 Zeichen (jetzt 1001)"),
        (
            {"begruendung": "<script>alert(1)</script>"},
            "begruendung",
            "ohne spitze Klammern",
        ),
        ({"begruendung": '<a href="https://x.example">'}, "begruendung", "HTML-Code"),
    ],
)
def test_bad_input_gets_a_german_error_and_saves_nothing(
    client, make_user, ludwigsburg, changes, field, message
):
    client.force_login(make_user(("anna@gmx.de", True)))
    response = _beantragen(client, ludwigsburg, **changes)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in _text(response)
    assert "Bitte prüfen Sie Ihre Angaben" in html
    assert f'aria-describedby="id_{field}' in html or field == "rolle"
    assert "<script>alert" not in html
    assert not Mitgliedschaft.objects.exists()


def test_plain_text_with_comparison_signs_is_fine(client, make_user, ludwigsburg):
    client.force_login(make_user(("anna@gmx.de", True)))
    _beantragen(client, ludwigsburg, begruendung="Zuständig für Gemeinden < 5.000 Einwohner")
    assert Mitgliedschaft.objects.get().begruendung.endswith("< 5.000 Einwohner")


# --- Access -----------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client, ludwigsburg):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"
    response = client.post(URL, {"organisation": ludwigsburg.pk})
    assert response.status_code == 302
    assert not Mitgliedschaft.objects.exists()


def test_other_methods_are_refused(client, make_user):
    client.force_login(make_user(("anna@gmx.de", True)))
    assert client.delete(URL).status_code == 405
    assert client.put(URL).status_code == 405


def test_users_see_only_their_own_memberships(client, make_user, ludwigsburg, make_organisation):
    anna = make_user(("anna@gmx.de", True))
    bernd = make_user(("bernd@web.de", True))
    Mitgliedschaft.beantragen(anna, ludwigsburg, begruendung="Annas Aufgabe")
    Mitgliedschaft.beantragen(bernd, make_organisation("Gemeinde Freiberg am Neckar"))
    client.force_login(anna)
    for url in [URL, reverse("kontakte:konto")]:
        table = client.get(url).content.decode().split('<table class="mitgliedschaften">')[1]
        table = table.split("</table>")[0]
        assert "Stadt Ludwigsburg" in table
        assert "Freiberg" not in table


@pytest.mark.parametrize("url", [URL, "/konto/"])
def test_query_count_does_not_grow_with_memberships(
    client, make_user, make_organisation, superuser, url
):
    user = make_user(("anna@gmx.de", True))
    client.force_login(user)

    def count(rows: int) -> int:
        Mitgliedschaft.objects.all().delete()
        for number in range(rows):
            mitgliedschaft = Mitgliedschaft.beantragen(user, make_organisation())
            if number % 2:
                mitgliedschaft.bestaetigen(by=superuser)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count(1) == count(5)


# --- Admin ------------------------------------------------------------------------------------


def test_decisions_cannot_be_edited_by_hand(client_for, make_user, ludwigsburg, superuser):
    user = make_user(("anna@gmx.de", True))
    mitgliedschaft = Mitgliedschaft.beantragen(user, ludwigsburg, rolle="admin")
    staff = client_for("programme_staff")
    url = f"{CHANGELIST}{mitgliedschaft.pk}/change/"
    page = staff.get(url).content.decode()
    for name in ["status", "entschieden_am", "entschieden_von", "vermerk", "user", "organisation"]:
        assert f'name="{name}"' not in page, name
    assert 'name="rolle"' in page  # the role asked for may be changed while it is open
    assert "anna@gmx.de (bestätigt)" in page
    assert "ludwigsburg.de" in page

    staff.post(url, {"rolle": "mitglied", "status": "bestaetigt", "vermerk": "von Hand"})
    mitgliedschaft.refresh_from_db()
    assert (mitgliedschaft.rolle, mitgliedschaft.status, mitgliedschaft.vermerk) == (
        "mitglied",
        "beantragt",
        "",
    )

    mitgliedschaft.bestaetigen(by=superuser)
    assert 'name="rolle"' not in staff.get(url).content.decode()


def test_staff_cannot_add_memberships_in_the_admin(client_for):
    assert client_for("programme_staff").get(f"{CHANGELIST}add/").status_code == 403


def test_changelist_filters_and_search(client_for, make_user, ludwigsburg):
    Mitgliedschaft.beantragen(make_user(("anna@gmx.de", True)), ludwigsburg)
    staff = client_for("programme_staff")
    for query in [
        "?status__exact=beantragt",
        "?rolle__exact=mitglied",
        "?organisation__art__exact=kommune",
        f"?organisation__kreis__id__exact={ludwigsburg.kreis_id}",
        "?q=gmx",
        "?q=Ludwigsburg",
    ]:
        response = staff.get(CHANGELIST + query)
        assert response.status_code == 200, query
        assert "anna@gmx.de" in response.content.decode(), query


def test_redaktion_may_work_on_the_contacts_models(programme_staff):
    for model in ["mitgliedschaft", "organisation", "person", "plattformzugang", "beitrag"]:
        assert programme_staff.has_perm(f"kontakte.change_{model}"), model
    assert not programme_staff.has_perm("kontakte.change_kreis")


def test_changelist_query_count_does_not_grow(client_for, make_user, make_organisation, superuser):
    staff = client_for("programme_staff")

    def count(rows: int) -> int:
        Mitgliedschaft.objects.all().delete()
        for number in range(rows):
            user = make_user((f"person{rows}-{number}@gmx.de", True))
            Mitgliedschaft.beantragen(user, make_organisation()).bestaetigen(by=superuser)
        with CaptureQueriesContext(connection) as queries:
            assert staff.get(CHANGELIST).status_code == 200
        return len(queries)

    assert count(1) == count(5)


# --- Staff are told -----------------------------------------------------------------------------


def test_staff_are_told_of_a_request_that_waits_for_them(
    make_user, ludwigsburg, settings, django_capture_on_commit_callbacks
):
    settings.MANAGERS = [("Programmteam", "foerderung@staedtetag.example")]
    wartet = make_user(("erika@gmx.example", True))
    sofort = make_user(("kommune@ludwigsburg.de", True))
    with django_capture_on_commit_callbacks(execute=True):
        Mitgliedschaft.beantragen(wartet, ludwigsburg)
        Mitgliedschaft.beantragen(sofort, ludwigsburg)
    (message,) = mail.outbox  # the one confirmed by its domain needs nobody
    assert message.to == ["foerderung@staedtetag.example"]
    assert "Neue Anfrage: Mitgliedschaft" in message.subject
    pk = Mitgliedschaft.objects.get(user=wartet).pk
    assert f"/admin/kontakte/mitgliedschaft/{pk}/change/" in message.body

"""Self-service: members of an alliance's Träger keep its public profile; every save is logged."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from buendnisse.models import Aenderung, Partner
from kontakte.models import Mitgliedschaft

pytestmark = pytest.mark.django_db


@pytest.fixture
def koordination(alliance_coordinator) -> Client:
    client = Client()
    client.force_login(alliance_coordinator)
    return client


def _form(buendnis, **changes) -> dict:
    """The edit form as the browser sends it, unchanged unless told otherwise."""
    partner = list(buendnis.partner.all())
    data = {
        "beschreibung": buendnis.beschreibung,
        "ziele": buendnis.ziele,
        "aktivitaeten": buendnis.aktivitaeten,
        "website": buendnis.website,
        "themen": [t.pk for t in buendnis.themen.all()],
        "ansprechpersonen": [p.pk for p in buendnis.ansprechpersonen.all()],
        "bild_alt": buendnis.bild_alt,
        "partner-TOTAL_FORMS": len(partner) + 2,
        "partner-INITIAL_FORMS": len(partner),
        "partner-MIN_NUM_FORMS": 0,
        "partner-MAX_NUM_FORMS": 30,
    }
    for index, p in enumerate(partner):
        data |= {
            f"partner-{index}-id": p.pk,
            f"partner-{index}-buendnis": buendnis.pk,
            f"partner-{index}-name": p.name,
            f"partner-{index}-rolle": p.rolle,
        }
    return {**data, **changes}


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "#005ea5").save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_a_member_edits_the_profile_and_the_public_page_shows_it_at_once(
    koordination, client, buendnis_a, make_themenfeld, make_person
):
    sprache = make_themenfeld("Sprache")
    person = make_person(organisation=buendnis_a.traeger, nachname="Schiffner")
    response = koordination.post(
        f"/buendnisse/{buendnis_a.slug}/bearbeiten/",
        _form(
            buendnis_a,
            beschreibung="Wir treffen uns jeden Donnerstag im Sprachcafé.",
            themen=[sprache.pk],
            ansprechpersonen=[person.pk],
            website="www.willkommen-ludwigsburg.example",
            **{
                "partner-0-name": "Syrischer Kulturverein",
                "partner-0-rolle": "migrantenorganisation",
            },
        ),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == buendnis_a.get_absolute_url()
    assert "Ihre Änderungen sind gespeichert" in response.text
    text = client.get(buendnis_a.get_absolute_url()).text
    for expected in [
        "Wir treffen uns jeden Donnerstag im Sprachcafé.",
        "Sprache",
        "Syrischer Kulturverein",
        "Migrantenorganisation",
        "Anja Schiffner",
        "https://www.willkommen-ludwigsburg.example",
    ]:
        assert expected in text, expected


def test_an_edit_is_logged_with_who_when_and_what(koordination, buendnis_a, alliance_coordinator):
    koordination.post(
        f"/buendnisse/{buendnis_a.slug}/bearbeiten/",
        _form(buendnis_a, ziele="Ehrenamtliche Netzwerke stärken."),
    )
    aenderung = Aenderung.objects.get()
    assert aenderung.buendnis == buendnis_a
    assert aenderung.user == alliance_coordinator
    assert aenderung.user_name == "Kim Koordination"
    assert list(aenderung.felder) == ["ziele"]
    assert aenderung.felder["ziele"]["vorher"]["text"] == ""
    assert aenderung.felder["ziele"]["nachher"]["text"] == "Ehrenamtliche Netzwerke stärken."


def test_saving_without_changes_logs_nothing(koordination, buendnis_a):
    response = koordination.post(
        f"/buendnisse/{buendnis_a.slug}/bearbeiten/", _form(buendnis_a), follow=True
    )
    assert "Sie haben nichts geändert." in response.text
    assert not Aenderung.objects.exists()


def test_partners_are_added_and_removed(
    koordination, make_buendnis, alliance_coordinator, buendnis_a
):
    buendnis_a.partner.create(name="Alter Partner", rolle=Partner.Rolle.VEREIN)
    data = _form(
        buendnis_a,
        **{
            "partner-0-DELETE": "on",
            "partner-1-name": "Mehrgenerationenhaus Ludwigsburg",
            "partner-1-rolle": "mehrgenerationenhaus",
        },
    )
    koordination.post(f"/buendnisse/{buendnis_a.slug}/bearbeiten/", data)
    assert list(buendnis_a.partner.values_list("name", flat=True)) == [
        "Mehrgenerationenhaus Ludwigsburg"
    ]
    felder = Aenderung.objects.get().felder
    assert felder["partner"]["vorher"]["text"] == "Alter Partner (Verein)"


def test_a_logo_is_uploaded_reencoded_and_needs_an_alternative_text(koordination, buendnis_a):
    url = f"/buendnisse/{buendnis_a.slug}/bearbeiten/"
    response = koordination.post(url, _form(buendnis_a, bild=_png()))
    assert response.status_code == 200
    assert "Alternativtext" in response.text and "Bitte beschreiben Sie das Bild" in response.text
    koordination.post(url, _form(buendnis_a, bild=_png(), bild_alt="Logo des Bündnisses"))
    buendnis_a.refresh_from_db()
    assert buendnis_a.bild.name.endswith(".jpg") and buendnis_a.bild_klein
    assert list(Aenderung.objects.get().felder) == ["logo"]


def test_a_text_file_posing_as_a_logo_is_refused(koordination, buendnis_a):
    fake = SimpleUploadedFile("logo.png", b"<?php echo 1; ?>", content_type="image/png")
    response = koordination.post(
        f"/buendnisse/{buendnis_a.slug}/bearbeiten/",
        _form(buendnis_a, bild=fake, bild_alt="Logo"),
    )
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in response.text
    buendnis_a.refresh_from_db()
    assert not buendnis_a.bild


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"beschreibung": "x" * 1501}, "höchstens 1500 Zeichen"),
        ({"website": "javascript:alert(1)"}, "gültige Adresse"),
        ({"themen": ["999999"]}, "keine gültige Auswahl"),
        ({"ansprechpersonen": ["abc"]}, "kein gültiger Wert"),
        ({"partner-0-name": "Ohne Rolle"}, "Dieses Feld ist zwingend erforderlich"),
        ({"partner-TOTAL_FORMS": "40"}, "höchstens 30"),
    ],
)
def test_bad_input_gets_a_german_message_and_changes_nothing(
    koordination, buendnis_a, changes, message
):
    before = buendnis_a.profil_stand()
    response = koordination.post(
        f"/buendnisse/{buendnis_a.slug}/bearbeiten/", _form(buendnis_a, **changes)
    )
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in response.text
    assert message in response.text
    buendnis_a.refresh_from_db()
    assert buendnis_a.profil_stand() == before
    assert not Aenderung.objects.exists()


def test_html_in_the_profile_is_shown_as_text(koordination, client, buendnis_a):
    koordination.post(
        f"/buendnisse/{buendnis_a.slug}/bearbeiten/",
        _form(buendnis_a, aktivitaeten='<script>alert("x")</script> Sprachcafé'),
    )
    text = client.get(buendnis_a.get_absolute_url()).text
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert" in text


def test_only_people_of_the_traeger_and_partners_can_be_named(
    koordination, buendnis_a, make_person
):
    fremd = make_person(nachname="Fremd")
    response = koordination.post(
        f"/buendnisse/{buendnis_a.slug}/bearbeiten/", _form(buendnis_a, ansprechpersonen=[fremd.pk])
    )
    assert "keine gültige Auswahl" in response.text
    assert not buendnis_a.ansprechpersonen.exists()


def test_a_member_of_alliance_a_cannot_edit_alliance_b(koordination, buendnis_b):
    url = f"/buendnisse/{buendnis_b.slug}/bearbeiten/"
    assert koordination.get(url).status_code == 403
    assert koordination.post(url, _form(buendnis_b, beschreibung="Übernommen")).status_code == 403
    buendnis_b.refresh_from_db()
    assert buendnis_b.beschreibung != "Übernommen"


def test_a_hidden_alliance_is_a_404_even_for_its_members(koordination, make_buendnis, buendnis_a):
    hidden = make_buendnis(traeger=buendnis_a.traeger, oeffentlich=False)
    assert koordination.get(f"/buendnisse/{hidden.slug}/bearbeiten/").status_code == 404
    assert koordination.get("/buendnisse/gibt-es-nicht/bearbeiten/").status_code == 404


def test_a_requested_but_unconfirmed_membership_does_not_allow_editing(buendnis_a):
    user = User.objects.create_user("wartend", "wartend@example.org", "pw-pw-pw-pw")
    Mitgliedschaft.objects.create(user=user, organisation=buendnis_a.traeger)
    client = Client()
    client.force_login(user)
    assert client.get(f"/buendnisse/{buendnis_a.slug}/bearbeiten/").status_code == 403


def test_visitors_are_sent_to_the_login(client, buendnis_a):
    response = client.get(f"/buendnisse/{buendnis_a.slug}/bearbeiten/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_members_see_the_edit_link_others_the_way_to_become_one(
    koordination, client, buendnis_a, buendnis_b
):
    assert "Profil bearbeiten" in koordination.get(buendnis_a.get_absolute_url()).text
    other = koordination.get(buendnis_b.get_absolute_url()).text
    assert "Profil bearbeiten" not in other and "Meine Organisationen" in other
    assert "Melden Sie sich an" in client.get(buendnis_a.get_absolute_url()).text

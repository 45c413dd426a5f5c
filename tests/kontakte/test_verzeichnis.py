"""The public directory: filters, organisation and person pages, vCards."""

import pytest
import vobject
from django.urls import reverse

from kontakte.models import Organisation

pytestmark = pytest.mark.django_db


def test_directory_groups_people_by_organisation(client, make_organisation, make_person):
    staedtetag = make_organisation("Städtetag Baden-Württemberg")
    make_person(staedtetag, nachname="Müller", vorname="Martin", anrede="Herr")
    make_person(staedtetag, nachname="Gromer", vorname="Rosemarie")
    page = client.get("/kontakte/").content.decode()
    assert page.count("Städtetag Baden-Württemberg</a></h2>") == 1
    assert "Herr Martin Müller" in page
    assert "Frau Anja Gromer" not in page and "Frau Rosemarie Gromer" in page
    assert "2 Ansprechpersonen" in page


def test_filter_by_kreis_shows_only_its_people(client, make_organisation, make_person):
    make_person(make_organisation(kreis="stadtkreis-stuttgart"), nachname="Müller")
    make_person(make_organisation(kreis="landkreis-ludwigsburg"), nachname="Widmann")
    page = client.get("/kontakte/?kreis=stadtkreis-stuttgart").content.decode()
    assert "Müller" in page and "Widmann" not in page
    assert "1 Ansprechperson für Ihre Auswahl" in page
    # The active filter is shown and can be removed on its own.
    assert "Kreis: Stadtkreis Stuttgart" in page
    assert 'href="?"' in page


def test_filters_combine_kind_topic_and_text(client, make_organisation, make_person):
    verband = make_organisation(art=Organisation.Art.VERBAND)
    make_person(verband, nachname="Müller", funktion="Fachberatung", themen=["ehrenamt"])
    make_person(verband, nachname="Gromer", themen=["foerderung"])
    make_person(make_organisation(), nachname="Widmann", themen=["ehrenamt"])
    page = client.get("/kontakte/?art=verband&thema=ehrenamt&q=fachberatung").content.decode()
    assert "Müller" in page and "Gromer" not in page and "Widmann" not in page
    removed_text = client.get("/kontakte/?art=verband&thema=ehrenamt").content.decode()
    assert "Müller" in removed_text and "Gromer" not in removed_text


@pytest.mark.parametrize(
    "query", ["kreis=atlantis", "art=raumstation", "thema=nichts", "q=" + "x" * 500, "page=abc"]
)
def test_bad_filter_values_give_a_german_message_not_a_500(client, make_person, query):
    make_person(nachname="Müller")
    response = client.get(f"/kontakte/?{query}")
    assert response.status_code == 200
    if not query.startswith("page"):
        assert "Bitte prüfen Sie Ihre Angaben" in response.content.decode()


def test_internal_people_are_not_public(client, make_person):
    internal = make_person(nachname="Intern", oeffentlich=False)
    assert "Intern" not in client.get("/kontakte/").content.decode()
    slugs = [internal.organisation.slug, internal.slug]
    for name in ["person-detail", "person-vcard", "person-nachricht"]:
        assert client.get(reverse(f"kontakte:{name}", args=slugs)).status_code == 404
    assert "Intern" not in client.get(internal.organisation.get_absolute_url()).content.decode()


def test_email_addresses_are_not_printed(client, make_person):
    person = make_person(email="a.widmann@ludwigsburg.de")
    for url in ["/kontakte/", person.get_absolute_url(), person.organisation.get_absolute_url()]:
        page = client.get(url).content.decode()
        assert "a.widmann@ludwigsburg.de" not in page
        assert "ludwigsburg.de" not in page.replace("ludwigsburg.example", "")
        assert "E-Mail schreiben" in page


def test_person_page_shows_what_the_seed_shows(client, make_organisation, make_person):
    from kontakte.models import Abteilung

    staedtetag = make_organisation("Städtetag Baden-Württemberg", fax="0711 22 921-42")
    dezernat = Abteilung.objects.create(organisation=staedtetag, name="Dezernat III")
    person = make_person(
        staedtetag,
        anrede="Herr",
        vorname="Martin",
        nachname="Müller",
        funktion="Fachberatung Bürgerschaftliches Engagement",
        abteilung=dezernat,
        telefon="0711 22 921-34",
        fax="0711 22 921-42",
    )
    page = client.get(person.get_absolute_url()).content.decode()
    for text in [
        "Herr Martin Müller",
        "Dezernat III",
        "Fachberatung Bürgerschaftliches Engagement",
        "Königstraße 2",
        "70173 Stuttgart",
        'href="tel:+497112292134"',
        "0711 22 921-42",
    ]:
        assert text in page


def test_vcard_parses_with_name_organisation_phone_and_email(
    client, make_organisation, make_person
):
    person = make_person(
        make_organisation("Städtetag Baden-Württemberg; Dezernat III, Stuttgart"),
        anrede="Herr",
        titel="Dr.",
        vorname="Martin",
        nachname="Müller",
        telefon="0711 22 921-34",
        mobil="0151 70901047",
        email="martin.mueller@staedtetag.example",
        funktion="Fachberatung Bürgerschaftliches Engagement, Dezernat III " * 3,
    )
    response = client.get(
        reverse("kontakte:person-vcard", args=[person.organisation.slug, person.slug])
    )
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert f'filename="{person.slug}.vcf"' in response["Content-Disposition"]
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == "Dr. Martin Müller"
    assert card.n.value.family == "Müller" and card.n.value.given == "Martin"
    assert card.org.value == ["Städtetag Baden-Württemberg; Dezernat III, Stuttgart"]
    assert {tel.value for tel in card.contents["tel"]} == {"0711 22 921-34", "0151 70901047"}
    assert card.email.value == "martin.mueller@staedtetag.example"
    assert card.title.value.startswith("Fachberatung Bürgerschaftliches Engagement, Dezernat III")
    # Folded at 75 octets with CRLF line ends, as RFC 6350 asks.
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))


def test_organisation_page_lists_its_public_people_and_departments(
    client, make_organisation, make_person
):
    from kontakte.models import Abteilung

    organisation = make_organisation("Stadt Ludwigsburg", kreis="landkreis-ludwigsburg")
    Abteilung.objects.create(
        organisation=organisation, name="Fachbereich Bürgerschaftliches Engagement und Soziales"
    )
    make_person(organisation, nachname="Widmann")
    make_person(organisation, nachname="Schiffner")
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "Widmann" in page and "Schiffner" in page
    assert "Fachbereich Bürgerschaftliches Engagement und Soziales" in page
    assert "Landkreis Ludwigsburg" in page and "Regierungsbezirk Stuttgart" in page


def test_unknown_organisation_and_person_are_404(client, make_person):
    person = make_person()
    assert client.get("/kontakte/gibt-es-nicht/").status_code == 404
    assert client.get(f"/kontakte/{person.organisation.slug}/gibt-es-nicht/").status_code == 404
    other = make_person()
    # A person under another organisation's address does not exist there.
    assert client.get(f"/kontakte/{person.organisation.slug}/{other.slug}/").status_code == 404


def test_search_finds_people_and_organisations(client, make_organisation, make_person):
    make_person(
        make_organisation("Caritas Ludwigsburg-Waiblingen-Enz"),
        nachname="Albinger",
        funktion="Ökumenische Fachstelle Asyl",
    )
    page = client.get("/suche/?q=Albinger").content.decode()
    assert "Ansprechpersonen" in page and "Albinger" in page
    page = client.get("/suche/?q=Caritas").content.decode()
    assert "Organisationen" in page

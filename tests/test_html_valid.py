"""Every kind of public page is valid HTML, checked by the Nu Html Checker (vnu.jar)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from ehrenamt.models import Datenschutzhinweis, Ehrenamtliche, Schulung
from foerderung.models import Antrag
from tests.conftest import PASSWORD
from tests.kontakte.plattform_fixtures import client_for_mitglied, make_diskussion

pytestmark = pytest.mark.django_db

VNU_JAR = Path(
    os.environ.get(
        "VNU_JAR", settings.BASE_DIR / "var/node/node_modules/vnu-jar/build/dist/vnu.jar"
    )
)
PAGES = [
    "/",
    "/aktuelles/",
    "/aktuelles/archiv/",
    "/aktuelles/archiv/2016/",
    "/aktuelles/archiv/2016/11/",
    "/aktuelles/2017/wie-wollen-wir-kuenftig-zusammen-leben/",
    "/aktuelles/2016/newsletter-lpb-november-2016/",
    "/rundschreiben/",
    "/rundschreiben/2016/27970/",
    "/dokumente/",
    "/veranstaltungen/",
    "/veranstaltungen/2016/zweites-gesamttreffen-2016/",
    "/faq/",
    "/programm/",
    "/programm/qualifizierung/regionalkonferenzen/",
    "/impressum/",
    "/videos/kurzfilm-fluechtlingshilfe-kommunal/",
    "/suche/?q=B%C3%BCndnis",
    "/suche/?q=" + "x" * 300,
    "/gibt-es-nicht/",
    "/kontakte/",
    "/kontakte/?kreis=stadtkreis-stuttgart&art=verband&q=M%C3%BCller",
    "/kontakte/?kreis=atlantis",
    "/kontakte/staedtetag-baden-wuerttemberg/",
    "/kontakte/staedtetag-baden-wuerttemberg/martin-mueller/",
    "/kontakte/staedtetag-baden-wuerttemberg/martin-mueller/nachricht/",
    "/plattform/",
    "/buendnisse/",
    "/buendnisse/?regierungsbezirk=Stuttgart&thema=sprache&sortierung=-betrag",
    "/buendnisse/?kreis=atlantis",
    "/buendnisse/karte/",
    "/buendnisse/ludwigsburg-gemeinsam-in-vielfalt-ii/",
    "/foerderung/",
    "/foerderung/kommunaler-fluechtlingsdialog/",
    "/foerderung/gemeinsam-in-vielfalt/",
    "/foerderung/kommunaler-fluechtlingsdialog/2016-2-frist/",
    "/foerderung/gemeinsam-in-vielfalt/iii/",
    "/foerderung/gemeinsam-in-vielfalt/ii-2-tranche/",
    "/ehrenamt/arbeitskreise/",
    "/ehrenamt/arbeitskreise/?kreis=landkreis-ludwigsburg&hilfe=deutschkurs",
    "/ehrenamt/arbeitskreise/?kreis=atlantis",
    "/ehrenamt/arbeitskreise/arbeitskreis-asyl-ossweil-beispiel/",
    "/ehrenamt/sachspenden/",
    "/ehrenamt/gesuche/",
    "/ehrenamt/gesuche/?kreis=landkreis-ludwigsburg&hilfe=patenschaft",
    "/ehrenamt/gesuche/?kreis=atlantis",
    "/ehrenamt/mitmachen/",
    "/ehrenamt/mitmachen/danke/",
    "/ehrenamt/mitmachen/bestaetigen/abc/",
]


def test_public_pages_are_valid_html(client, client_for, tmp_path, settings):
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: `make test` installs it (npm vnu-jar)"
    assert shutil.which("java"), "the Nu Html Checker needs Java (Debian: default-jre-headless)"
    call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    files = []
    for number, url in enumerate(PAGES):
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(client.get(url).content)
        files.append(str(path))
    video = client.get("/videos/kurzfilm-fluechtlingshilfe-kommunal/").context["fassungen"][0]
    loaded = tmp_path / "video-loaded.html"
    loaded.write_bytes(
        client.get(f"/videos/kurzfilm-fluechtlingshilfe-kommunal/?laden={video.pk}").content
    )
    files.append(str(loaded))
    # The platform for a non-member (request form, with errors) and for a member.
    citizen, member = client_for("citizen"), client_for_mitglied()
    thema = make_diskussion().get_absolute_url()
    for name, response in {
        "plattform-antrag": citizen.get("/plattform/"),
        "plattform-antrag-fehler": citizen.post("/plattform/zugang/", {}),
        "plattform-themen": member.get("/plattform/"),
        "plattform-thema": member.get(thema),
        "plattform-thema-fehler": member.post(thema, {}),
        "plattform-neu": member.get("/plattform/themen/neu/"),
    }.items():
        (tmp_path / f"{name}.html").write_bytes(response.content)
        files.append(str(tmp_path / f"{name}.html"))
    # Accounts: allauth's pages (with errors too) and ours, for someone who has just confirmed
    # the password, so that the two-factor setup opens.
    anna = User.objects.create_user("anna", "anna@ludwigsburg.de", PASSWORD)
    EmailAddress.objects.create(user=anna, email=anna.email, verified=True, primary=True)
    konto = Client()
    konto.force_login(anna)
    konto.post("/konto/reauthenticate/", {"password": PASSWORD})
    for name, response in {
        "konto-login": Client().get("/konto/login/"),
        "konto-login-fehler": Client().post("/konto/login/", {"login": "x", "password": ""}),
        "konto-signup": Client().get("/konto/signup/"),
        "konto-signup-fehler": Client().post("/konto/signup/", {"password1": "1"}),
        "konto-reset": Client().get("/konto/password/reset/"),
        "konto-reset-fertig": Client().get("/konto/password/reset/done/"),
        "konto": konto.get("/konto/"),
        "konto-mitgliedschaften-fehler": konto.post("/konto/organisationen/", {"rolle": "x"}),
        "konto-email": konto.get("/konto/email/"),
        "konto-passwort": konto.get("/konto/password/change/"),
        "konto-2fa": konto.get("/konto/2fa/"),
        "konto-2fa-einrichten": konto.get("/konto/2fa/totp/activate/"),
        "konto-2fa-einrichten-fehler": konto.post("/konto/2fa/totp/activate/", {"code": "1"}),
        "konto-mitgliedschaften": konto.get("/konto/organisationen/"),
    }.items():
        assert response.status_code == 200, name
        (tmp_path / f"{name}.html").write_bytes(response.content)
        files.append(str(tmp_path / f"{name}.html"))
    # An alliance's profile as its member edits it (the demo municipality keeps Ludwigsburg's).
    kommune = Client()
    kommune.force_login(User.objects.get(email="kommune@ludwigsburg.de"))
    profil = "/buendnisse/ludwigsburg-gemeinsam-in-vielfalt-ii/bearbeiten/"
    for name, response in {
        "buendnis-bearbeiten": kommune.get(profil),
        "buendnis-bearbeiten-fehler": kommune.post(
            profil,
            {
                "website": "x",
                "partner-TOTAL_FORMS": "1",
                "partner-INITIAL_FORMS": "0",
                "partner-0-name": "Ohne Rolle",
            },
        ),
    }.items():
        assert response.status_code == 200, name
        (tmp_path / f"{name}.html").write_bytes(response.content)
        files.append(str(tmp_path / f"{name}.html"))

    # The directories for someone signed in: the PDF export of a Kreis, or the hint to choose one.
    for name, response in {
        "kontakte-export": kommune.get("/kontakte/?kreis=landkreis-ludwigsburg&thema=ehrenamt"),
        "kontakte-export-ohne-kreis": kommune.get("/kontakte/"),
        "buendnisse-export": kommune.get(
            "/buendnisse/?kreis=landkreis-ludwigsburg&sortierung=name"
        ),
        "buendnisse-export-ohne-kreis": kommune.get("/buendnisse/?regierungsbezirk=Stuttgart"),
    }.items():
        assert response.status_code == 200, name
        (tmp_path / f"{name}.html").write_bytes(response.content)
        files.append(str(tmp_path / f"{name}.html"))

    # The application pages of Stadt Ludwigsburg's demo applications, with errors, too.
    antraege = {a.status: a for a in Antrag.objects.filter(organisation__slug="stadt-ludwigsburg")}
    entwurf, rueckfrage = antraege["entwurf"], antraege["rueckfrage"]
    faellig, fertig = antraege["nachweis_faellig"], antraege["abgeschlossen"]
    offene_frage = rueckfrage.rueckfragen.get(beantwortet_am__isnull=True)
    schritt = "/foerderung/antraege/{}/schritt/{}/".format
    seiten = {
        "antraege": kommune.get("/foerderung/antraege/"),
        "antrag-starten": kommune.get(f"/foerderung/antraege/neu/{entwurf.ausschreibung_id}/"),
        "antrag-entwurf": kommune.get(entwurf.get_absolute_url()),
        "antrag-rueckfrage": kommune.get(rueckfrage.get_absolute_url()),
        "antrag-faellig": kommune.get(faellig.get_absolute_url()),
        "antrag-abgeschlossen": kommune.get(fertig.get_absolute_url()),
        "antrag-einreichen": kommune.get(f"/foerderung/antraege/{entwurf.pk}/einreichen/"),
        "antrag-einreichen-fehler": kommune.post(
            f"/foerderung/antraege/{entwurf.pk}/einreichen/", {}
        ),
        "antrag-eingereicht": kommune.get(f"/foerderung/antraege/{fertig.pk}/eingereicht/"),
        "antrag-zurueckziehen": kommune.get(f"/foerderung/antraege/{entwurf.pk}/zurueckziehen/"),
        "rueckfrage-antworten": kommune.get(
            f"/foerderung/antraege/{rueckfrage.pk}/rueckfragen/{offene_frage.pk}/"
        ),
        "rueckfrage-antworten-fehler": kommune.post(
            f"/foerderung/antraege/{rueckfrage.pk}/rueckfragen/{offene_frage.pk}/", {}
        ),
        "nachweis": kommune.get(f"/foerderung/antraege/{faellig.pk}/verwendungsnachweis/"),
        "nachweis-fehler": kommune.post(
            f"/foerderung/antraege/{faellig.pk}/verwendungsnachweis/",
            {"teilnehmende": "viele", "aktion": "einreichen"},
        ),
        "nachweis-fertig": kommune.get(f"/foerderung/antraege/{fertig.pk}/verwendungsnachweis/"),
        "schritt-finanzierung-fehler": kommune.post(
            schritt(entwurf.pk, "finanzierung"),
            {"kosten-TOTAL_FORMS": "1", "kosten-INITIAL_FORMS": "0", "kosten-0-betrag": "x"},
        ),
        "schritt-unterlagen-fehler": kommune.post(
            schritt(entwurf.pk, "unterlagen"), {"weitere_bezeichnung": "Ohne Datei"}
        ),
    }
    for slug in ["antragsteller", "vorhaben", "durchfuehrung", "finanzierung", "unterlagen"]:
        seiten[f"schritt-{slug}"] = kommune.get(schritt(entwurf.pk, slug))
        seiten[f"schritt-{slug}-leer"] = kommune.post(schritt(entwurf.pk, slug), {"x": "1"})
    if entwurf.ausschreibung.fragen.exists():
        seiten["schritt-fragen"] = kommune.get(schritt(entwurf.pk, "fragen"))
    seiten["antrag-nicht-moeglich"] = client_for("citizen").get(
        f"/foerderung/antraege/neu/{entwurf.ausschreibung_id}/"
    )
    seiten["mitmachen-fehler"] = Client().post("/ehrenamt/mitmachen/", {"plz": "1"})
    person = Ehrenamtliche.objects.create(
        vorname="Erika",
        nachname="Muster",
        email="erika@example.org",
        plz="71638",
        kreis=entwurf.organisation.kreis,
    )
    person.einwilligungen.create(zweck="kontakt", hinweis=Datenschutzhinweis.aktuell())
    person.einwilligungen.create(
        zweck="fotos", hinweis=Datenschutzhinweis.aktuell(), widerrufen_am=entwurf.erstellt_am
    )
    seiten["einwilligungen"] = Client().get(
        f"/ehrenamt/einwilligungen/{person.einwilligungen_token()}/"
    )
    seiten["bestaetigen-ungueltig"] = Client().post("/ehrenamt/mitmachen/bestaetigen/abc/")
    seiten.update(_gesuche_seiten(entwurf.organisation.kreis))
    seiten.update(_ehrenamt_seiten())
    seiten.update(_export_seiten())
    for name, response in seiten.items():
        assert response.status_code in (200, 403, 404), name
        (tmp_path / f"{name}.html").write_bytes(response.content)
        files.append(str(tmp_path / f"{name}.html"))

    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    by_page = [
        f"{PAGES[int(Path(m['url']).stem.split('-')[1])] if 'page-' in m['url'] else m['url']}: "
        f"{m['message']} ({m.get('extract', '').strip()})"
        for m in messages
    ]
    assert by_page == []


def _ehrenamt_seiten() -> dict:
    """The volunteering start page, a demo volunteer's own pages and the coordination's."""
    helga, koordination = Client(), Client()
    helga.force_login(User.objects.get(username="helga-hilfreich"))
    koordinator = User.objects.get(username="ehrenamt-ludwigsburg")
    koordination.force_login(koordinator)
    person = (
        Ehrenamtliche.objects.fuer_koordination(koordinator)
        .filter(zuordnungen__isnull=False)
        .first()
    )
    arbeitskreis = person.arbeitskreise.first()
    schulung = Schulung.objects.fuer_koordination(koordinator).first()
    seiten = {
        "ehrenamt": Client().get("/ehrenamt/"),
        "zugang": Client().get("/ehrenamt/zugang/"),
        "zugang-fehler": Client().post("/ehrenamt/zugang/", {"email": "x"}),
        "zugang-gesendet": Client().post("/ehrenamt/zugang/", {"email": "x@example.org"}),
        "mein-engagement": helga.get("/ehrenamt/mein-engagement/"),
        "angaben": helga.get("/ehrenamt/mein-engagement/angaben/"),
        "angaben-fehler": helga.post("/ehrenamt/mein-engagement/angaben/", {"plz": "x"}),
        "loeschen": helga.get("/ehrenamt/mein-engagement/loeschen/"),
        "koordination": koordination.get("/ehrenamt/koordination/?zeit=abends"),
        "koordination-person": koordination.get(
            f"/ehrenamt/koordination/ehrenamtliche/{person.pk}/"
        ),
        "koordination-person-fehler": koordination.post(
            f"/ehrenamt/koordination/ehrenamtliche/{person.pk}/", {"notiz": "1"}
        ),
        "koordination-bearbeiten": koordination.get(
            f"/ehrenamt/koordination/ehrenamtliche/{person.pk}/bearbeiten/"
        ),
        "koordination-loeschen": koordination.get(
            f"/ehrenamt/koordination/ehrenamtliche/{person.pk}/loeschen/"
        ),
        "koordination-arbeitskreis": koordination.get(
            f"/ehrenamt/koordination/arbeitskreise/{arbeitskreis.pk}/"
        ),
        "koordination-schulung": koordination.get(
            f"/ehrenamt/koordination/schulungen/{schulung.pk}/"
        ),
    }
    Datenschutzhinweis.objects.create(version="2", text="## Neu\n\nGeändert.")
    seiten["mein-engagement-neuer-hinweis"] = helga.get("/ehrenamt/mein-engagement/")
    return seiten


def _gesuche_seiten(kreis) -> dict:
    """The needs: a need's page for a visitor, for a volunteer (with an error, and after
    offering to help), and the coordination's pages of the demo coordinator."""
    from ehrenamt import demo
    from ehrenamt.models import Gesuch

    demo.gesuche([])
    gesuch = Gesuch.objects.offen().filter(kreis=kreis).first()
    url = gesuch.get_absolute_url()
    person = Ehrenamtliche.objects.create(
        vorname="Hanna",
        nachname="Helferin",
        email="hanna@example.org",
        plz="71638",
        kreis=kreis,
        stand=Ehrenamtliche.Stand.AKTIV,
    )
    person.einwilligungen.create(zweck="kontakt", hinweis=Datenschutzhinweis.aktuell())
    helferin = Client()
    sitzung = helferin.session
    sitzung[Ehrenamtliche.SITZUNG] = person.pk
    sitzung.save()
    koordination = Client()
    koordination.force_login(User.objects.get(username="ehrenamt-ludwigsburg"))
    seiten = {
        "gesuch": Client().get(url),
        "gesuch-helfen": helferin.get(url),
        "gesuch-helfen-fehler": helferin.post(url, {"nachricht": "<b>x</b>" * 200}),
    }
    helferin.post(url, {"nachricht": "Gern dienstags."})
    seiten["gesuch-gemeldet"] = helferin.get(url)
    koordination_url = f"/ehrenamt/koordination/gesuche/{gesuch.pk}/"
    seiten.update(
        {
            "koordination-gesuche": koordination.get("/ehrenamt/koordination/gesuche/"),
            "koordination-gesuch": koordination.get(koordination_url),
            "koordination-gesuch-neu": koordination.get("/ehrenamt/koordination/gesuche/neu/"),
            "koordination-gesuch-neu-fehler": koordination.post(
                "/ehrenamt/koordination/gesuche/neu/", {"bis": "morgen", "anzahl": "0"}
            ),
            "koordination-gesuch-bearbeiten": koordination.get(f"{koordination_url}bearbeiten/"),
        }
    )
    return seiten


def _export_seiten() -> dict:
    """A PDF export's page in each state, the list of one's exports, and a circular that was
    corrected and has an attachment."""
    from django.core.files.base import ContentFile

    from portal.models import Export, Rundschreiben, RundschreibenAnlage

    redaktion = User.objects.get(email="redaktion@staedtetag-demo.de")
    client = Client()
    client.force_login(redaktion)
    alt = Rundschreiben.objects.get(nummer=27970)
    RundschreibenAnlage.objects.create(
        rundschreiben=alt,
        titel="Bestellschein",
        datei=ContentFile(b"%PDF-1.4\n%%EOF\n", name="b.pdf"),
    )
    neu = alt.berichtigen(redaktion)
    neu.nummer, neu.jahr, neu.status = 27971, 2016, "veroeffentlicht"
    neu.save()
    seiten = {}
    for stand in Export.Stand.values:
        export = Export.objects.create(
            art="rundschreiben",
            titel=f"Rundschreiben ({stand})",
            dateiname="rundschreiben",
            quelle=alt,
            angefordert_von=redaktion,
            stand=stand,
            fehler="PdfError: kaputt" if stand == "fehler" else "",
            datei=ContentFile(b"%PDF-1.4\n%%EOF\n", name="r.pdf") if stand == "fertig" else "",
        )
        seiten[f"export-{stand}"] = client.get(export.get_absolute_url())
    seiten["exporte"] = client.get("/exporte/")
    seiten["rundschreiben-berichtigt"] = client.get(alt.get_absolute_url())
    seiten["rundschreiben-berichtigung"] = client.get(neu.get_absolute_url())
    return seiten

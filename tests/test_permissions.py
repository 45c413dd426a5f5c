"""Who may open what: every URL name the project defines, for every persona.

A new URL without a row here fails `test_matrix_covers_every_url_name`. Building the test
objects is the expensive part, so one test per persona opens every URL in turn, each with a
fresh client and its database writes rolled back, and reports all mismatches at once.
"""

import datetime
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from foerderung.models import Anhang, Antrag, Bescheid
from portal.models import Export, RundschreibenAnlage
from tests.conftest import PERSONAS
from tests.kontakte.plattform_fixtures import make_diskussion

pytestmark = pytest.mark.django_db

PUBLIC = dict.fromkeys(PERSONAS, 200)
STAFF_ONLY = {
    **dict.fromkeys(PERSONAS, 302),
    "programme_staff": 200,
    "foerderreferat": 200,
    "superuser": 200,
}
# Pages of the content editors (Redaktion): other staff see "no permission".
REDAKTION_ONLY = {**STAFF_ONLY, "foerderreferat": 403}
# Funding applications: the Förderreferat only.
FOERDERREFERAT_ONLY = {**STAFF_ONLY, "programme_staff": 403}
# The communication platform: no persona here is a member (staff neither), so visitors are
# sent to the login and everyone else gets a 404. Members: tests/kontakte/test_plattform.py.
PLATFORM_MEMBERS = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302}

OWN_APPLICATION = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "municipality_a": 200}
LOGIN_REQUIRED = {**dict.fromkeys(PERSONAS, 200), "anonymous": 302}
# The Ehrenamtskoordination's back office (objects of its own Kreis; another Kreis's are a
# 404, tests/ehrenamt); everyone else who is signed in gets a 403.
COORDINATION_ONLY = {**dict.fromkeys(PERSONAS, 403), "anonymous": 302, "volunteer_coordinator": 200}
# Forms that queue a PDF export (tests/*/test_export.py): a GET is refused.
POST_ONLY = dict.fromkeys(PERSONAS, 405)
PDF = b"%PDF-1.4\n%%EOF\n"
OWN_EXPORT = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "programme_staff": 200}
# A volunteer's own pages: anyone not known as a volunteer is sent to ask for a sign-in link.
OWN_VOLUNTEER = {**dict.fromkeys(PERSONAS, 302), "volunteer": 200}

# URL name → (arguments from the fixture objects, expected status per persona)
MATRIX = {
    "portal:home": (lambda o: [], PUBLIC),
    "portal:meldung-list": (lambda o: [], PUBLIC),
    "portal:meldung-feed": (lambda o: [], PUBLIC),
    "portal:archiv": (lambda o: [], PUBLIC),
    "portal:archiv-jahr": (lambda o: [2016], PUBLIC),
    "portal:archiv-monat": (lambda o: [2016, 12], PUBLIC),
    "portal:meldung-detail": (lambda o: [2016, o["meldung"].slug], PUBLIC),
    "portal:rundschreiben-list": (lambda o: [], PUBLIC),
    "portal:rundschreiben-detail": (lambda o: [2016, o["rundschreiben"].nummer], PUBLIC),
    "portal:rundschreiben-download": (lambda o: [2016, o["rundschreiben"].nummer], PUBLIC),
    "portal:rundschreiben-anlage": (
        lambda o: [2016, o["rundschreiben"].nummer, o["rundschreiben_anlage"].pk],
        PUBLIC,
    ),
    # A PDF export is seen by whoever asked for it (here: the Redaktion) and nobody else.
    "portal:export-list": (lambda o: [], LOGIN_REQUIRED),
    "portal:export": (lambda o: [o["export"].pk], OWN_EXPORT),
    "portal:export-download": (lambda o: [o["export"].pk], OWN_EXPORT),
    "portal:dokument-list": (lambda o: [], PUBLIC),
    "portal:dokument-download": (lambda o: [o["dokument"].pk], PUBLIC),
    "portal:veranstaltung-list": (lambda o: [], PUBLIC),
    "portal:kalender-ics": (lambda o: [], PUBLIC),
    "portal:veranstaltung-detail": (lambda o: [2016, o["veranstaltung"].slug], PUBLIC),
    "portal:veranstaltung-ics": (lambda o: [2016, o["veranstaltung"].slug], PUBLIC),
    "portal:video-detail": (lambda o: [o["video"].slug], PUBLIC),
    "portal:faq": (lambda o: [], PUBLIC),
    "portal:suche": (lambda o: [], PUBLIC),
    "portal:seite": (lambda o: [o["seite"].pfad], PUBLIC),
    "sitemap": (lambda o: [], PUBLIC),
    "robots": (lambda o: [], PUBLIC),
    "healthz": (lambda o: [], PUBLIC),
    "bench-floor": (lambda o: [], dict.fromkeys(PERSONAS, 404)),
    "kontakte:verzeichnis": (lambda o: [], PUBLIC),
    "kontakte:verzeichnis-pdf": (lambda o: [], POST_ONLY),
    "kontakte:organisation-detail": (lambda o: [o["person"].organisation.slug], PUBLIC),
    "kontakte:organisation-nachricht": (lambda o: [o["person"].organisation.slug], PUBLIC),
    "kontakte:person-detail": (lambda o: [o["person"].organisation.slug, o["person"].slug], PUBLIC),
    "kontakte:person-nachricht": (
        lambda o: [o["person"].organisation.slug, o["person"].slug],
        PUBLIC,
    ),
    "kontakte:person-vcard": (lambda o: [o["person"].organisation.slug, o["person"].slug], PUBLIC),
    # Shows the sender's own message only; another browser is sent to the directory.
    "kontakte:nachricht-gesendet": (lambda o: [], dict.fromkeys(PERSONAS, 302)),
    # The explanation (and request form) for all; the request itself is a POST from there.
    "kontakte:plattform": (lambda o: [], PUBLIC),
    "kontakte:plattform-zugang": (lambda o: [], dict.fromkeys(PERSONAS, 302)),
    "kontakte:diskussion-neu": (lambda o: [], PLATFORM_MEMBERS),
    "kontakte:diskussion-detail": (lambda o: [o["anhang"].beitrag.diskussion_id], PLATFORM_MEMBERS),
    "kontakte:anhang-download": (lambda o: [o["anhang"].pk], PLATFORM_MEMBERS),
    "kontakte:plattform-einstellungen": (lambda o: [], PLATFORM_MEMBERS),
    "foerderung:uebersicht": (lambda o: [], PUBLIC),
    "foerderung:programm": (lambda o: [o["ausschreibung"].programm.slug], PUBLIC),
    "foerderung:ausschreibung": (
        lambda o: [o["ausschreibung"].programm.slug, o["ausschreibung"].slug],
        PUBLIC,
    ),
    # The applicants' area: only members of the applicant organisation (municipality_a) see
    # its application; everyone else gets 404. Cross-tenant: tests/foerderung/test_zugriff.py.
    "foerderung:antrag-liste": (lambda o: [], LOGIN_REQUIRED),
    "foerderung:antrag-starten": (
        lambda o: [o["ausschreibung"].pk],
        {
            **dict.fromkeys(PERSONAS, 403),  # no eligible organisation
            "anonymous": 302,
            "municipality_a": 200,  # shows its existing application
            "municipality_b": 200,
            "alliance_coordinator": 200,  # the alliance's Träger is a municipality
        },
    ),
    "foerderung:antrag-detail": (lambda o: [o["antrag"].pk], OWN_APPLICATION),
    "foerderung:antrag-schritt": (lambda o: [o["entwurf"].pk, "vorhaben"], OWN_APPLICATION),
    "foerderung:antrag-einreichen": (lambda o: [o["entwurf"].pk], OWN_APPLICATION),
    "foerderung:antrag-eingereicht": (lambda o: [o["antrag"].pk], OWN_APPLICATION),
    "foerderung:antrag-quittung": (lambda o: [o["antrag"].pk], OWN_APPLICATION),
    "foerderung:antrag-zurueckziehen": (lambda o: [o["antrag"].pk], OWN_APPLICATION),
    "foerderung:rueckfrage-beantworten": (
        lambda o: [o["antrag"].pk, o["rueckfrage"].pk],
        OWN_APPLICATION,
    ),
    # Not granted yet: the members are sent back to the application.
    "foerderung:verwendungsnachweis": (
        lambda o: [o["antrag"].pk],
        {**OWN_APPLICATION, "municipality_a": 302},
    ),
    # Programme staff who review applications may open the files, too.
    "foerderung:anhang": (
        lambda o: [o["antrag"].pk, o["antrag_anhang"].pk],
        {**OWN_APPLICATION, "foerderreferat": 200, "superuser": 200},
    ),
    # Once the decision is told; staff also. Cross-tenant: tests/foerderung/test_bescheid.py.
    "foerderung:bescheid": (
        lambda o: [o["bescheid"].antrag_id, o["bescheid"].pk],
        {**OWN_APPLICATION, "foerderreferat": 200, "superuser": 200},
    ),
    "foerderung:anhang-entfernen": (
        lambda o: [o["entwurf"].pk, o["antrag_anhang"].pk],
        {**dict.fromkeys(PERSONAS, 405)},
    ),
    "ehrenamt:arbeitskreise": (lambda o: [], PUBLIC),
    "ehrenamt:arbeitskreis": (lambda o: [o["arbeitskreis"].slug], PUBLIC),
    "ehrenamt:sachspenden": (lambda o: [], PUBLIC),
    "ehrenamt:mitmachen": (lambda o: [], PUBLIC),
    "ehrenamt:mitmachen-danke": (lambda o: [], PUBLIC),
    # The link's page only shows a button; the POST confirms (tests/ehrenamt/test_mitmachen.py).
    "ehrenamt:bestaetigen": (lambda o: ["ungueltig"], PUBLIC),
    # Only with the signed link from the volunteer's mail (tests/ehrenamt/test_mitmachen.py).
    "ehrenamt:einwilligungen": (lambda o: ["ungueltig"], dict.fromkeys(PERSONAS, 404)),
    # -- needs (Gesuche) --
    "ehrenamt:gesuche": (lambda o: [], PUBLIC),
    # Open and published; the volunteer persona gets the one-click form (tests/ehrenamt).
    "ehrenamt:gesuch": (lambda o: [o["gesuch"].pk], PUBLIC),
    # POST only; a volunteer's own interest (another's is a 404: tests/ehrenamt/test_gesuche.py).
    "ehrenamt:interesse-zurueckziehen": (
        lambda o: [o["gesuch"].interesse_bekunden(o["volunteer"]).pk],
        dict.fromkeys(PERSONAS, 405),
    ),
    "ehrenamt:koordination-gesuche": (lambda o: [], COORDINATION_ONLY),
    "ehrenamt:koordination-gesuch-neu": (lambda o: [], COORDINATION_ONLY),
    "ehrenamt:koordination-gesuch": (lambda o: [o["gesuch"].pk], COORDINATION_ONLY),
    "ehrenamt:koordination-gesuch-bearbeiten": (lambda o: [o["gesuch"].pk], COORDINATION_ONLY),
    # -- trainings (Schulungen) --
    "ehrenamt:schulungen": (lambda o: [], PUBLIC),
    # Published; the volunteer persona is registered (tests/ehrenamt/test_schulungen.py).
    "ehrenamt:schulung": (lambda o: [o["schulung"].slug], PUBLIC),
    "ehrenamt:schulung-ics": (lambda o: [o["schulung"].slug], PUBLIC),
    # POST only; the volunteer's own registration (another's is a 404: tests/ehrenamt).
    "ehrenamt:teilnahme-abmelden": (lambda o: [o["teilnahme"].pk], dict.fromkeys(PERSONAS, 405)),
    "ehrenamt:teilnahmebescheinigung": (lambda o: [o["teilnahme"].pk], OWN_VOLUNTEER),
    # Another Kreis's training is a 404 (tests/ehrenamt/test_schulungen.py).
    "ehrenamt:koordination-schulungen": (lambda o: [], COORDINATION_ONLY),
    "ehrenamt:koordination-schulung-neu": (lambda o: [], COORDINATION_ONLY),
    "ehrenamt:koordination-schulung": (lambda o: [o["schulung"].pk], COORDINATION_ONLY),
    "ehrenamt:koordination-schulung-bearbeiten": (lambda o: [o["schulung"].pk], COORDINATION_ONLY),
    "ehrenamt:koordination-teilnahmeliste": (lambda o: [o["schulung"].pk], POST_ONLY),
    # -- the volunteer's own pages and the coordination's back office --
    "ehrenamt:start": (lambda o: [], PUBLIC),
    "ehrenamt:zugang": (lambda o: [], PUBLIC),
    "ehrenamt:zugang-link": (lambda o: ["ungueltig"], dict.fromkeys(PERSONAS, 404)),
    "ehrenamt:mein-engagement": (lambda o: [], OWN_VOLUNTEER),
    "ehrenamt:angaben-bearbeiten": (lambda o: [], OWN_VOLUNTEER),
    "ehrenamt:einwilligung-aendern": (lambda o: [], dict.fromkeys(PERSONAS, 405)),
    "ehrenamt:meine-daten-json": (lambda o: [], OWN_VOLUNTEER),
    "ehrenamt:meine-daten-pdf": (lambda o: [], OWN_VOLUNTEER),
    "ehrenamt:loeschen": (lambda o: [], OWN_VOLUNTEER),
    "ehrenamt:sitzung-beenden": (lambda o: [], dict.fromkeys(PERSONAS, 405)),
    "ehrenamt:koordination": (lambda o: [], COORDINATION_ONLY),
    "ehrenamt:koordination-export": (lambda o: [], COORDINATION_ONLY),
    "ehrenamt:koordination-person": (lambda o: [o["ehrenamtliche"].pk], COORDINATION_ONLY),
    "ehrenamt:koordination-person-bearbeiten": (
        lambda o: [o["ehrenamtliche"].pk],
        COORDINATION_ONLY,
    ),
    "ehrenamt:koordination-auskunft-json": (lambda o: [o["ehrenamtliche"].pk], COORDINATION_ONLY),
    "ehrenamt:koordination-auskunft-pdf": (lambda o: [o["ehrenamtliche"].pk], COORDINATION_ONLY),
    "ehrenamt:koordination-loeschen": (lambda o: [o["ehrenamtliche"].pk], COORDINATION_ONLY),
    "ehrenamt:koordination-arbeitskreis": (lambda o: [o["arbeitskreis"].pk], COORDINATION_ONLY),
    "buendnisse:liste": (lambda o: [], PUBLIC),
    "buendnisse:liste-pdf": (lambda o: [], POST_ONLY),
    "buendnisse:karte": (lambda o: [], PUBLIC),
    "buendnisse:detail": (lambda o: [o["buendnis"].slug], PUBLIC),
    # Only members of the alliance's Träger; staff edit in the admin. Other alliances of the
    # coordinator's: tests/buendnisse/test_bearbeiten.py.
    "buendnisse:bearbeiten": (
        lambda o: [o["buendnis"].slug],
        {**dict.fromkeys(PERSONAS, 403), "anonymous": 302, "alliance_coordinator": 200},
    ),
}

# Accounts at /konto/: our pages, then allauth's (answers as allauth gives them). Signed-in
# personas are sent on from login and sign-up; steps that have not begun (a login code, the
# second factor) send everyone on; recovery codes exist only once set up (404). Adding a
# second factor needs a verified address, which the personas lack (302 to the overview).
ANONYMOUS_ONLY = {**dict.fromkeys(PERSONAS, 302), "anonymous": 200}
NOT_SET_UP = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302}
STAFF_WITH_2FA = {
    **dict.fromkeys(PERSONAS, 302),
    "programme_staff": 200,
    "foerderreferat": 200,
    "superuser": 200,
}
MATRIX.update(
    {
        "kontakte:konto": (lambda o: [], LOGIN_REQUIRED),
        "kontakte:mitgliedschaften": (lambda o: [], LOGIN_REQUIRED),
        "account_login": (lambda o: [], ANONYMOUS_ONLY),
        "account_signup": (lambda o: [], ANONYMOUS_ONLY),
        "account_logout": (lambda o: [], LOGIN_REQUIRED),
        "account_inactive": (lambda o: [], PUBLIC),
        "account_reauthenticate": (lambda o: [], LOGIN_REQUIRED),
        "account_email": (lambda o: [], LOGIN_REQUIRED),
        "account_email_verification_sent": (lambda o: [], PUBLIC),
        "account_confirm_email": (lambda o: ["ungueltig"], PUBLIC),  # "link expired"
        "account_change_password": (lambda o: [], LOGIN_REQUIRED),
        "account_set_password": (lambda o: [], dict.fromkeys(PERSONAS, 302)),  # they have one
        "account_reset_password": (lambda o: [], PUBLIC),
        "account_reset_password_done": (lambda o: [], PUBLIC),
        "account_reset_password_from_key": (lambda o: ["1", "ungueltig"], PUBLIC),  # "invalid"
        "account_reset_password_from_key_done": (lambda o: [], PUBLIC),
        "account_confirm_login_code": (lambda o: [], dict.fromkeys(PERSONAS, 302)),
        "mfa_index": (lambda o: [], LOGIN_REQUIRED),
        "mfa_authenticate": (lambda o: [], dict.fromkeys(PERSONAS, 302)),
        "mfa_reauthenticate": (lambda o: [], STAFF_WITH_2FA),
        "mfa_activate_totp": (lambda o: [], dict.fromkeys(PERSONAS, 302)),
        "mfa_deactivate_totp": (
            lambda o: [],
            {
                **NOT_SET_UP,
                "programme_staff": 302,
                "foerderreferat": 302,
                "superuser": 302,
            },
        ),
        "mfa_view_recovery_codes": (lambda o: [], NOT_SET_UP),
        "mfa_download_recovery_codes": (lambda o: [], NOT_SET_UP),
        "mfa_generate_recovery_codes": (lambda o: [], dict.fromkeys(PERSONAS, 302)),
    }
)

# The same objects as drafts: the public gets 404; editors get a preview.
DRAFT_STATUS = {**dict.fromkeys(PERSONAS, 404), "programme_staff": 200, "superuser": 200}
# Calls for applications are the Förderreferat's, not the Redaktion's.
CALL_DRAFT_STATUS = {**DRAFT_STATUS, "foerderreferat": 200, "programme_staff": 404}
DRAFTS = {
    "portal:meldung-detail": lambda o: [2016, o["meldung"].slug],
    "portal:rundschreiben-detail": lambda o: [2016, o["rundschreiben"].nummer],
    "portal:rundschreiben-download": lambda o: [2016, o["rundschreiben"].nummer],
    "portal:rundschreiben-anlage": lambda o: [
        2016,
        o["rundschreiben"].nummer,
        o["rundschreiben_anlage"].pk,
    ],
    "portal:dokument-download": lambda o: [o["dokument"].pk],
    "portal:veranstaltung-detail": lambda o: [2016, o["veranstaltung"].slug],
    "portal:veranstaltung-ics": lambda o: [2016, o["veranstaltung"].slug],
    "portal:video-detail": lambda o: [o["video"].slug],
    "portal:seite": lambda o: [o["seite"].pfad],
    "foerderung:ausschreibung": lambda o: [
        o["ausschreibung"].programm.slug,
        o["ausschreibung"].slug,
    ],
}

ADMIN_PAGES = {
    "/admin/": STAFF_ONLY,
    "/admin/portal/meldung/": REDAKTION_ONLY,
    "/admin/portal/meldung/add/": REDAKTION_ONLY,
    "/admin/portal/rundschreiben/": REDAKTION_ONLY,
    "/admin/kontakte/kreis/": STAFF_ONLY,
    "/admin/kontakte/organisation/": STAFF_ONLY,
    "/admin/kontakte/person/": STAFF_ONLY,
    "/admin/kontakte/nachricht/": REDAKTION_ONLY,
    "/admin/kontakte/plattformzugang/": REDAKTION_ONLY,
    "/admin/kontakte/diskussion/": REDAKTION_ONLY,
    "/admin/kontakte/mitgliedschaft/": STAFF_ONLY,
    "/admin/buendnisse/buendnis/": STAFF_ONLY,  # the Förderreferat takes granted applications over
    "/admin/buendnisse/buendnis/add/": STAFF_ONLY,
    "/admin/buendnisse/aenderung/": REDAKTION_ONLY,
    "/admin/ehrenamt/arbeitskreis/": REDAKTION_ONLY,
    "/admin/ehrenamt/sachspendenstelle/": REDAKTION_ONLY,
    "/admin/ehrenamt/datenschutzhinweis/": REDAKTION_ONLY,
    "/admin/ehrenamt/newsletter/": REDAKTION_ONLY,
    "/admin/ehrenamt/newsletter/add/": REDAKTION_ONLY,
    "/admin/portal/rundschreiben/add/": REDAKTION_ONLY,
    "/admin/ehrenamt/datenschutzhinweis/inventar/": REDAKTION_ONLY,
    "/admin/ehrenamt/angebotsart/zahlen/": REDAKTION_ONLY,
    "/admin/ehrenamt/gesuch/": REDAKTION_ONLY,
    "/admin/ehrenamt/schulung/": REDAKTION_ONLY,
    # Who coordinates which Kreis: the administration only.
    "/admin/ehrenamt/koordination/": {
        **STAFF_ONLY,
        "programme_staff": 403,
        "foerderreferat": 403,
    },
    "/admin/foerderung/ausschreibung/": FOERDERREFERAT_ONLY,
    "/admin/foerderung/ausschreibung/add/": FOERDERREFERAT_ONLY,
    "/admin/foerderung/programm/": FOERDERREFERAT_ONLY,
    "/admin/foerderung/antrag/": FOERDERREFERAT_ONLY,
    "/admin/foerderung/antrag/csv/": FOERDERREFERAT_ONLY,
    "/admin/foerderung/antrag/bescheide/": FOERDERREFERAT_ONLY,  # a batch's progress
    # Jurors see their own reviews there (tests/foerderung/test_jury.py); staff all, read-only.
    "/admin/foerderung/gutachten/": FOERDERREFERAT_ONLY,
    "/admin/foerderung/bescheidvorlage/": FOERDERREFERAT_ONLY,
    "/admin/foerderung/antrag/xlsx/": FOERDERREFERAT_ONLY,
    "/admin/foerderung/fristverlaengerung/": FOERDERREFERAT_ONLY,
    "/admin/auth/user/": {
        **STAFF_ONLY,
        "programme_staff": 403,
        "foerderreferat": 403,
    },
}


@pytest.fixture(autouse=True)
def _quiet(caplog):
    """The hundreds of expected 403s and 404s per test would bury a failure in log lines."""
    caplog.set_level(logging.ERROR, logger="django.request")


def _url_names(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the Django admin is covered by ADMIN_PAGES
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


@pytest.fixture
def objects(
    make_meldung,
    make_rundschreiben,
    make_dokument,
    make_veranstaltung,
    make_video,
    make_seite,
    make_person,
    buendnis_a,
    make_ausschreibung,
    make_antrag,
    foerderreferat,
    make_arbeitskreis,
    make_ehrenamtliche,
    make_gesuch,
    make_schulung,
    volunteer,
    programme_staff,
):
    from zoneinfo import ZoneInfo

    ausschreibung = make_ausschreibung(offen=True)
    antrag = make_antrag(ausschreibung=ausschreibung, eingereicht=True)
    rueckfrage = antrag.rueckfrage_stellen(foerderreferat, "Wer moderiert den Abend?")
    antrag_anhang = Anhang.speichern(
        antrag, SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n"), None, Anhang.Zweck.ANTRAG
    )
    rundschreiben = make_rundschreiben()
    return {
        "meldung": make_meldung(datum=datetime.date(2016, 12, 15)),
        "rundschreiben": rundschreiben,
        "rundschreiben_anlage": RundschreibenAnlage.objects.create(
            rundschreiben=rundschreiben, titel="Merkblatt", datei=ContentFile(PDF, name="m.pdf")
        ),
        "export": Export.objects.create(
            art="rundschreiben",
            titel="Rundschreiben",
            dateiname="rundschreiben",
            quelle=rundschreiben,
            angefordert_von=programme_staff,
            stand=Export.Stand.FERTIG,
            datei=ContentFile(PDF, name="r.pdf"),
        ),
        "dokument": make_dokument(),
        "veranstaltung": make_veranstaltung(
            beginn=datetime.datetime(2016, 9, 28, 10, tzinfo=ZoneInfo("Europe/Berlin"))
        ),
        "video": make_video(),
        "seite": make_seite("impressum"),
        "person": make_person(),
        "anhang": make_diskussion().beitraege.get().anhaenge.get(),
        "buendnis": buendnis_a,
        "ausschreibung": ausschreibung,
        "antrag": antrag,
        "rueckfrage": rueckfrage,
        "antrag_anhang": antrag_anhang,
        "entwurf": make_antrag(),
        "bescheid": _bescheid(make_antrag, make_ausschreibung, foerderreferat),
        "arbeitskreis": make_arbeitskreis(),
        # Volunteering: all in district A (Landkreis Ludwigsburg), the `volunteer_coordinator`'s.
        "ehrenamtliche": make_ehrenamtliche(),
        "gesuch": make_gesuch(),
        "schulung": (schulung := make_schulung()),
        "volunteer": volunteer.ehrenamt,
        "teilnahme": _teilgenommen(schulung, volunteer.ehrenamt),
    }


def _teilgenommen(schulung, person):
    """The volunteer registered for the training, and the coordination recorded them there."""
    teilnahme = schulung.anmelden(person)
    schulung.teilnahme_erfassen([teilnahme])
    return teilnahme


def _bescheid(make_antrag, make_ausschreibung, foerderreferat) -> Bescheid:
    """A second application of the same city, granted and told, with its letter (a stored
    file: rendering it for every persona would only cost time; tests/foerderung renders)."""
    antrag = make_antrag(ausschreibung=make_ausschreibung(), eingereicht=True)
    antrag.uebergang(Antrag.Status.IN_PRUEFUNG, foerderreferat)
    antrag.entscheiden(Antrag.Status.BEWILLIGT, foerderreferat, None, "Gut.")
    antrag.freigeben(foerderreferat)
    bescheid = Bescheid(
        antrag=antrag, version=1, entscheidung=antrag.status, stand=Bescheid.Stand.ERSTELLT
    )
    bescheid.datei.save("bescheid.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return bescheid


def test_matrix_covers_every_url_name():
    assert _url_names() - {"static"} == set(MATRIX)


def _assert_statuses(client_for, persona, objects, args, expected, method="get"):
    """Requests every URL name in `expected` as the persona, each as if in a test of its own
    (a fresh client; what the page writes, e.g. an export logged or an interest registered, is
    rolled back), and reports every mismatch at once."""
    mismatches = []
    for name in sorted(expected):
        client = client_for(persona)
        with transaction.atomic():
            try:
                url = reverse(name, args=args[name](objects))
                status = getattr(client, method)(url).status_code
            except Exception as error:
                error.add_note(f"while requesting {name} as {persona}")
                raise
            transaction.set_rollback(True)
        if status != expected[name]:
            mismatches.append(f"{name} as {persona}: expected {expected[name]}, got {status}")
    assert not mismatches, "\n".join(mismatches)


ARGS = {name: args for name, (args, _) in MATRIX.items()}


@pytest.mark.parametrize("persona", PERSONAS)
def test_status_for_persona(client_for, objects, persona):
    expected = {name: statuses[persona] for name, (_, statuses) in MATRIX.items()}
    _assert_statuses(client_for, persona, objects, ARGS, expected)


@pytest.mark.parametrize("persona", PERSONAS)
def test_drafts_are_404_for_the_public_and_a_preview_for_editors(client_for, objects, persona):
    for obj in objects.values():
        if hasattr(obj, "ist_oeffentlich"):  # only what can be a draft
            type(obj).objects.filter(pk=obj.pk).update(status="entwurf")
    expected = {
        name: (CALL_DRAFT_STATUS if name.startswith("foerderung:") else DRAFT_STATUS)[persona]
        for name in DRAFTS
    }
    _assert_statuses(client_for, persona, objects, DRAFTS, expected)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url", sorted(ADMIN_PAGES))
def test_admin_is_for_staff_only(client_for, url, persona):
    assert client_for(persona).get(url).status_code == ADMIN_PAGES[url][persona]


# Forms; every other page answers a POST with 405.
ACCEPTS_POST = {
    "healthz",
    "kontakte:organisation-nachricht",
    "kontakte:person-nachricht",
    "kontakte:plattform-zugang",
    "kontakte:diskussion-neu",
    "kontakte:diskussion-detail",
    "kontakte:plattform-einstellungen",
    "kontakte:mitgliedschaften",
    "buendnisse:bearbeiten",
    "foerderung:antrag-starten",
    "foerderung:antrag-schritt",
    "foerderung:antrag-einreichen",
    "foerderung:antrag-zurueckziehen",
    "foerderung:rueckfrage-beantworten",
    "foerderung:verwendungsnachweis",
    "foerderung:anhang-entfernen",
    "ehrenamt:mitmachen",
    "ehrenamt:bestaetigen",
    "ehrenamt:einwilligungen",
    # -- needs (Gesuche) --
    "ehrenamt:gesuch",
    "ehrenamt:interesse-zurueckziehen",
    "ehrenamt:koordination-gesuch-neu",
    "ehrenamt:koordination-gesuch",
    "ehrenamt:koordination-gesuch-bearbeiten",
    # -- trainings (Schulungen) --
    "ehrenamt:schulung",
    "ehrenamt:teilnahme-abmelden",
    "ehrenamt:koordination-schulung-neu",
    "ehrenamt:koordination-schulung",
    "ehrenamt:koordination-schulung-bearbeiten",
    # -- the volunteer's own pages and the coordination's back office --
    "ehrenamt:zugang",
    "ehrenamt:zugang-link",
    "ehrenamt:angaben-bearbeiten",
    "ehrenamt:einwilligung-aendern",
    "ehrenamt:loeschen",
    "ehrenamt:sitzung-beenden",
    "ehrenamt:koordination-person",
    "ehrenamt:koordination-person-bearbeiten",
    "ehrenamt:koordination-loeschen",
    # -- PDF exports queued from a form --
    "kontakte:verzeichnis-pdf",
    "buendnisse:liste-pdf",
    "ehrenamt:koordination-teilnahmeliste",
}
# allauth's pages take their own forms and answer POSTs as allauth decides.
ACCEPTS_POST |= {name for name in MATRIX if name.startswith(("account_", "mfa_"))}


def test_public_pages_refuse_post(client_for, objects):
    expected = dict.fromkeys(set(MATRIX) - ACCEPTS_POST, 405)
    _assert_statuses(client_for, "anonymous", objects, ARGS, expected, method="post")


def test_groups_come_from_the_data_migration():
    """The migration made the groups; migrate keeps them as the lists in the code say."""
    from django.contrib.auth.models import Group

    redaktion, referat, jury = (
        Group.objects.get(name=name) for name in ["Redaktion", "Förderreferat", "Jury"]
    )
    assert not redaktion.permissions.filter(content_type__app_label="foerderung").exists()
    assert referat.permissions.filter(codename="pruefen_antrag").exists()
    assert not referat.permissions.filter(codename="begutachten").exists()
    assert set(jury.permissions.values_list("codename", flat=True)) == {
        "view_gutachten",
        "change_gutachten",
        "begutachten",
    }

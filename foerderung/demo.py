"""Demo programmes and calls: the two calls of the Kommunaler Flüchtlingsdialog in 2016 and the
second tranche of „Gemeinsam in Vielfalt“ as the seed page describes them, plus one call open
and one coming, both relative to today, so the pages always show every state.

Then applications of two cities in every state the process knows, made through the model's own
steps so their histories are real, and the logins to see them: the programme staff
(Förderreferat) and a second municipality. Used by `manage.py seed_demo`, after the portal demo
(FAQ themes, documents) and the contacts demo (Stadt Ludwigsburg and its login)."""

import calendar
import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from buendnisse.models import Buendnis, Foerderrunde
from foerderung.models import (
    Anhang,
    Antrag,
    Ausschreibung,
    Bescheid,
    Format,
    Frage,
    Kostenposition,
    Kriterium,
    Programm,
    Rueckfrage,
    Statuswechsel,
    Thema,
    Unterlage,
    Verwendungsnachweis,
)
from kontakte.demo import DEMO_TOTP_SECRET
from kontakte.models import Kreis, Mitgliedschaft, Organisation
from portal.models import Dokument, FAQThema, Saeule, Seite

# Released since long before the oldest demo call, so every call is on the public pages.
OEFFENTLICH = {
    "status": Programm.Status.VEROEFFENTLICHT,
    "veroeffentlichen_ab": datetime.datetime(2016, 1, 1, tzinfo=ZoneInfo("Europe/Berlin")),
}

BERLIN = ZoneInfo("Europe/Berlin")
Typ = Frage.Typ

# A guideline document is linked when the portal has one; the demo has no template to print one.
RICHTLINIE_FD = "Förderrichtlinie Kommunaler Flüchtlingsdialog"

FD_TEXT = """\
## Was gefördert wird

Ein Kommunaler Flüchtlingsdialog bringt Verwaltung, Bürgerinnen und Bürger, Ehrenamtliche und
Geflüchtete an einen Tisch. In Dialogveranstaltungen beraten sie gemeinsam, wie das Zusammenleben
vor Ort gelingen kann, zum Beispiel zu diesen Themen:

- Wohnraum
- Arbeit
- Bildung
- Sicherheit
- Gemeinschaft

Gefördert werden die Vorbereitung, die Durchführung und die Dokumentation der Dialoge, etwa
Moderation, Räume, Dolmetschen und Kinderbetreuung. Der Zuschuss beträgt bis zu 3.000 Euro je
Kommune.

## Wie Sie einen Antrag stellen

Anträge stellen Sie zu den Fristen der jeweiligen Ausschreibung. Die Ausschreibung nennt auch den
Zeitraum, in dem der Dialog stattfinden muss, und die Unterlagen, die dem Antrag beiliegen.
"""

GIV_TEXT = """\
## Was gefördert wird

Lokale Bündnisse aus Kommune, Zivilgesellschaft und Geflüchteten verbessern die Lebenssituation
von Geflüchteten durch bürgerschaftliches Engagement und das Zusammenleben in der Kommune durch
Dialoge. Am Anfang steht ein Beteiligungsverfahren, zu dem die Kommune oder der Landkreis lokale
Träger, Initiativen, Mehrgenerationenhäuser, Migrantinnen und Migranten und Geflüchtete einlädt.
Daraus soll ein dauerhaftes Lokales Bündnis entstehen.

## Höhe der Förderung

Ein Lokales Bündnis wird in der Regel mit 15.000 Euro gefördert; große Städte und Landkreise
können bis zu 50.000 Euro erhalten. Über die Förderung entscheidet eine unabhängige Jury.

Die geförderten Bündnisse finden Sie im [Verzeichnis der Lokalen Bündnisse](/buendnisse/).
"""

GTI_TEXT = """\
## Was gefördert wird

Das Programm fördert Vorhaben, die Menschen mit Fluchtgeschichte den Weg in das gesellschaftliche
Leben vor Ort erleichtern: in Vereinen, in der Nachbarschaft und im Ehrenamt. Eine neue
Ausschreibung wird auf dieser Seite veröffentlicht.
"""

# slug → fields
PROGRAMME = {
    "kommunaler-fluechtlingsdialog": {
        "name": "Kommunaler Flüchtlingsdialog",
        "kuerzel": "FD",
        "saeule": Saeule.FLUECHTLINGSDIALOGE,
        "kurzbeschreibung": "Zuschüsse von bis zu 3.000 € für Dialoge, in denen Verwaltung, "
        "Bürgerschaft, Ehrenamtliche und Geflüchtete über das Zusammenleben beraten.",
        "antragsberechtigt": "Landkreise, Städte und Gemeinden in Baden-Württemberg.",
        "text": FD_TEXT,
        "reihenfolge": 1,
    },
    "gemeinsam-in-vielfalt": {
        "name": "Gemeinsam in Vielfalt – Lokale Bündnisse für Flüchtlingshilfe",
        "kuerzel": "GiV",
        "saeule": Saeule.BUENDNISSE,
        "kurzbeschreibung": "Lokale Bündnisse aus Kommune, Zivilgesellschaft und Geflüchteten: "
        "in der Regel 15.000 €, für große Städte und Landkreise bis zu 50.000 €.",
        "antragsberechtigt": "Landkreise, Städte und Gemeinden in Baden-Württemberg sowie "
        "Vereine, Wohlfahrtsverbände, Kirchengemeinden und Initiativen, die ein Lokales Bündnis "
        "tragen.",
        "text": GIV_TEXT,
        "reihenfolge": 2,
    },
    "gesellschaftliche-teilhabe": {
        "name": "Gesellschaftliche Teilhabe und Integration",
        "kuerzel": "GTI",
        "saeule": None,
        "kurzbeschreibung": "Vorhaben, die Geflüchteten die Teilhabe am gesellschaftlichen Leben "
        "vor Ort erleichtern.",
        "antragsberechtigt": "Landkreise, Städte und Gemeinden in Baden-Württemberg sowie "
        "gemeinnützige Vereine und Verbände.",
        "text": GTI_TEXT,
        "reihenfolge": 3,
    },
}

FAQ_THEMEN = {
    "kommunaler-fluechtlingsdialog": "Kommunale Flüchtlingsdialoge",
    "gemeinsam-in-vielfalt": "Gemeinsam in Vielfalt – Lokale Bündnisse",
}

# (text, typ, hinweis, optionen, pflicht)
FD_FRAGEN = [
    ("Gab es bereits einen Flüchtlingsdialog in Ihrer Kommune?", Typ.JA_NEIN, "", "", True),
    (
        "Hat der Gemeinderat oder Kreistag dem Vorhaben zugestimmt?",
        Typ.JA_NEIN,
        "Ein Beschluss ist keine Voraussetzung; er hilft bei der Umsetzung der Ergebnisse.",
        "",
        True,
    ),
    (
        "Wer moderiert den Dialog?",
        Typ.TEXT,
        "Name und Organisation, zum Beispiel eine externe Moderation.",
        "",
        True,
    ),
    (
        "Wie geht es nach dem Dialog weiter?",
        Typ.LANGTEXT,
        "Wie werden die Ergebnisse festgehalten, und wer verfolgt sie weiter?",
        "",
        False,
    ),
]
GIV_FRAGEN = [
    (
        "Welche Partner gehören dem Bündnis an?",
        Typ.LANGTEXT,
        "Bitte nennen Sie Organisationen, Initiativen und Gruppen von Geflüchteten.",
        "",
        True,
    ),
    ("Wie viele Ehrenamtliche wirken voraussichtlich mit?", Typ.ZAHL, "", "", True),
    ("Wann ist die Auftaktveranstaltung geplant?", Typ.DATUM, "", "", False),
]

# (bezeichnung, hinweis, pflicht)
FD_UNTERLAGEN = [
    ("Kosten- und Finanzierungsplan", "", True),
    ("Einladung oder Programmentwurf", "Soweit schon vorhanden.", False),
    ("Beschluss oder Zustimmung der Verwaltungsspitze", "", True),
]
GIV_UNTERLAGEN = [
    ("Kosten- und Finanzierungsplan", "", True),
    ("Absichtserklärungen der Bündnispartner", "", True),
    ("Berichte oder Fotos bisheriger Aktivitäten", "", False),
]

KOMMUNEN = ["kommune", "landkreis"]
BUENDNISTRAEGER = ["kommune", "landkreis", "verein", "wohlfahrtsverband", "kirche", "initiative"]


def _beginn(tag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(tag, datetime.time(0, 0)), BERLIN)


def _ende(tag: datetime.date) -> datetime.datetime:
    """23:59 German time on that day: the deadline as calls state it."""
    return timezone.make_aware(datetime.datetime.combine(tag, datetime.time(23, 59)), BERLIN)


def _monate_danach(tag: datetime.date, monate: int) -> datetime.date:
    """The last day of a period of so many months beginning on `tag`."""
    index = tag.month - 1 + monate
    jahr, monat = tag.year + index // 12, index % 12 + 1
    letzter = calendar.monthrange(jahr, monat)[1]
    return datetime.date(jahr, monat, min(tag.day, letzter)) - datetime.timedelta(days=1)


def _ausschreibungen(heute: datetime.date) -> list[dict]:
    tag = datetime.timedelta(days=1)
    naechstes_jahr = heute.year + 1
    fd_beginn = heute + 50 * tag
    giv_beginn = heute + 180 * tag
    return [
        {
            "programm": "kommunaler-fluechtlingsdialog",
            "slug": "2016-1-frist",
            "titel": "Kommunaler Flüchtlingsdialog 2016, 1. Frist",
            "text": "Gefördert werden Kommunale Flüchtlingsdialoge, die zwischen dem 1. November "
            "2016 und dem 30. Juni 2017 stattfinden.",
            "offen_ab": _beginn(datetime.date(2016, 9, 1)),
            "offen_bis": _ende(datetime.date(2016, 10, 31)),
            "hoechstbetrag": Decimal("3000"),
            "gesamtbudget": None,
            "berechtigte_arten": KOMMUNEN,
            "durchfuehrung_von": datetime.date(2016, 11, 1),
            "durchfuehrung_bis": datetime.date(2017, 6, 30),
            "fragen": FD_FRAGEN,
            "unterlagen": FD_UNTERLAGEN,
        },
        {
            "programm": "kommunaler-fluechtlingsdialog",
            "slug": "2016-2-frist",
            "titel": "Kommunaler Flüchtlingsdialog 2016, 2. Frist",
            "text": "Städte, Gemeinden und Landkreise, die einen Kommunalen Flüchtlingsdialog "
            "durchführen wollen, können wieder Anträge stellen. Die Kommunalen "
            "Flüchtlingsdialoge können bis 30. Juni 2017 stattfinden.",
            "offen_ab": _beginn(datetime.date(2016, 11, 1)),
            "offen_bis": _ende(datetime.date(2016, 12, 31)),
            "hoechstbetrag": Decimal("3000"),
            "gesamtbudget": None,
            "berechtigte_arten": KOMMUNEN,
            "durchfuehrung_von": datetime.date(2017, 1, 1),
            "durchfuehrung_bis": datetime.date(2017, 6, 30),
            "fragen": FD_FRAGEN,
            "unterlagen": FD_UNTERLAGEN,
        },
        {
            "programm": "kommunaler-fluechtlingsdialog",
            "slug": str(naechstes_jahr),
            "titel": f"Kommunaler Flüchtlingsdialog {naechstes_jahr}",
            "text": "Städte, Gemeinden und Landkreise, die einen Kommunalen Flüchtlingsdialog "
            "durchführen wollen, können ab sofort wieder Anträge stellen. Gefördert wird ein "
            "Dialog je Kommune mit bis zu 3.000 Euro.",
            "offen_ab": _beginn(heute - 30 * tag),
            "offen_bis": _ende(heute + 45 * tag),
            "hoechstbetrag": Decimal("3000"),
            "gesamtbudget": Decimal("150000"),
            "berechtigte_arten": KOMMUNEN,
            "durchfuehrung_von": fd_beginn,
            "durchfuehrung_bis": _monate_danach(fd_beginn, 6),
            "fragen": FD_FRAGEN,
            "unterlagen": FD_UNTERLAGEN,
        },
        {
            "programm": "gemeinsam-in-vielfalt",
            "slug": "ii-2-tranche",
            "titel": "Gemeinsam in Vielfalt II, 2. Tranche",
            "text": "Lokale Bündnisse können sich für die zweite Tranche bewerben; den Antrag "
            "stellt die Kommune, der Landkreis oder ein gemeinnütziger Träger des Bündnisses. Die Bündnisse werden in der Regel mit 15.000 Euro "
            "gefördert, große Städte und Landkreise mit bis zu 50.000 Euro. Über die Auswahl "
            "entscheidet eine unabhängige Jury.",
            "offen_ab": _beginn(datetime.date(2016, 6, 2)),
            "offen_bis": _ende(datetime.date(2016, 9, 30)),
            "hoechstbetrag": Decimal("50000"),
            "gesamtbudget": Decimal("2000000"),
            "berechtigte_arten": BUENDNISTRAEGER,
            "durchfuehrung_von": datetime.date(2016, 11, 15),
            "durchfuehrung_bis": datetime.date(2017, 12, 15),
            "fragen": GIV_FRAGEN,
            "unterlagen": GIV_UNTERLAGEN,
        },
        {
            "programm": "gemeinsam-in-vielfalt",
            "slug": "iii",
            "titel": "Gemeinsam in Vielfalt III",
            "text": "Die dritte Runde des Förderprogramms. Eine unabhängige Jury wählt die "
            "Lokalen Bündnisse aus; gefördert wird in der Regel mit 15.000 Euro, große Städte "
            "und Landkreise erhalten bis zu 50.000 Euro.",
            "offen_ab": _beginn(heute + 60 * tag),
            "offen_bis": _ende(heute + 120 * tag),
            "hoechstbetrag": Decimal("50000"),
            "gesamtbudget": None,
            "berechtigte_arten": BUENDNISTRAEGER,
            "durchfuehrung_von": giv_beginn,
            "durchfuehrung_bis": _monate_danach(giv_beginn, 12),
            "fragen": GIV_FRAGEN,
            "unterlagen": GIV_UNTERLAGEN,
        },
    ]


def _seed_programme() -> dict[str, Programm]:
    programme = {}
    for slug, felder in PROGRAMME.items():
        thema = FAQThema.objects.filter(titel=FAQ_THEMEN.get(slug, "")).first()
        programme[slug], _ = Programm.objects.update_or_create(
            slug=slug, defaults={**felder, "faq_thema": thema, **OEFFENTLICH}
        )
    programme["kommunaler-fluechtlingsdialog"].dokumente.add(
        *Dokument.objects.filter(titel=RICHTLINIE_FD)
    )
    return programme


def _seed_ausschreibung(programm: Programm, daten: dict) -> Ausschreibung:
    fragen = daten.pop("fragen")
    unterlagen = daten.pop("unterlagen")
    ausschreibung, _ = Ausschreibung.objects.update_or_create(
        programm=programm, slug=daten.pop("slug"), defaults={**daten, **OEFFENTLICH}
    )
    for position, (text, typ, hinweis, optionen, pflicht) in enumerate(fragen, start=1):
        Frage.objects.update_or_create(
            ausschreibung=ausschreibung,
            reihenfolge=position,
            defaults={
                "text": text,
                "typ": typ,
                "hinweis": hinweis,
                "optionen": optionen,
                "pflicht": pflicht,
            },
        )
    for position, (bezeichnung, hinweis, pflicht) in enumerate(unterlagen, start=1):
        Unterlage.objects.update_or_create(
            ausschreibung=ausschreibung,
            reihenfolge=position,
            defaults={"bezeichnung": bezeichnung, "hinweis": hinweis, "pflicht": pflicht},
        )
    return ausschreibung


# --- Logins -------------------------------------------------------------------------------------

REFERAT_EMAIL, REFERAT_PASSWORT = "foerderung@staedtetag-demo.de", "demo-foerderreferat"
HEILBRONN_EMAIL, KOMMUNE_PASSWORT = "kommune@heilbronn.de", "demo-kommune"
JURY_EMAIL, JURY_PASSWORT = "jury@staedtetag-demo.de", "demo-jury"

# The jury's criteria of every call (name, what the jury looks at, weight).
KRITERIEN = [
    ("Beteiligung", "Wie breit sind Bürgerschaft, Verwaltung und Ehrenamt beteiligt?", 2),
    ("Einbindung von Geflüchteten", "Reden Geflüchtete mit, nicht nur über sie?", 2),
    ("Nachhaltigkeit", "Was bleibt nach dem Vorhaben, wer führt es fort?", 1),
    ("Plausibilität der Kosten", "Passen Kosten und Vorhaben zusammen?", 1),
]


def _login(username: str, email: str, passwort: str, **felder) -> User:
    """A demo login with a confirmed address (login needs one); staff also get the known
    second factor of the contacts demo, since the admin requires one."""
    user, _ = User.objects.update_or_create(username=username, defaults={"email": email, **felder})
    user.set_password(passwort)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if (
        user.is_staff
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


def _seed_referat() -> User:
    user = _login(
        "foerderreferat",
        REFERAT_EMAIL,
        REFERAT_PASSWORT,
        first_name="Förderreferat",
        last_name="(Demo)",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name="Förderreferat"))
    return user


def _seed_heilbronn() -> tuple[Organisation, User]:
    """A second city with its login, approved by its address at the city's domain."""
    heilbronn, _ = Organisation.objects.update_or_create(
        slug="stadt-heilbronn",
        defaults={
            "name": "Stadt Heilbronn",
            "art": Organisation.Art.KOMMUNE,
            "kreis": Kreis.objects.get(slug="stadtkreis-heilbronn"),
            "strasse": "Marktplatz 7",
            "plz": "74072",
            "ort": "Heilbronn",
            "website": "https://www.heilbronn.de",
            "email_domains": "heilbronn.de",
        },
    )
    user = _login(
        "kommune-heilbronn",
        HEILBRONN_EMAIL,
        KOMMUNE_PASSWORT,
        first_name="Hanna",
        last_name="Kommune (Demo)",
    )
    Mitgliedschaft.beantragen(user, heilbronn, begruendung="Stabsstelle Integration")
    return heilbronn, user


# --- Applications ---------------------------------------------------------------------------

S = Antrag.Status
K = Kostenposition.Art


def _at(jahr: int, monat: int, tag: int, stunde: int = 10) -> datetime.datetime:
    return datetime.datetime(jahr, monat, tag, stunde, tzinfo=BERLIN)


def _pdf(titel: str) -> bytes:
    """A one-page PDF with one line of text: enough for a demo attachment, and quick."""
    text = titel.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    inhalt = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("cp1252")
    objekte = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(inhalt), inhalt),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    positionen = []
    for nummer, objekt in enumerate(objekte, start=1):
        positionen.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (nummer, objekt)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objekte) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % position for position in positionen)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objekte) + 1,
        xref,
    )
    return bytes(pdf)


def _datiert(antrag: Antrag, am: datetime.datetime) -> None:
    """Date the newest history entry as the demo's story has it; the model writes the time
    of the seed. (Bypasses Statuswechsel.save on purpose: demo data only.)"""
    Statuswechsel.objects.filter(pk=antrag.verlauf.latest("pk").pk).update(am=am)


def _einreichen(antrag: Antrag, by: User, am: datetime.datetime) -> None:
    antrag.einreichen(by=by, jetzt=am)
    _datiert(antrag, am)


def _schritt(antrag: Antrag, by: User | None, nach: str, am: datetime.datetime, notiz="") -> None:
    antrag.uebergang(nach, by, notiz)
    _datiert(antrag, am)


def _entscheiden(antrag: Antrag, by: User, nach: str, betrag, am, begruendung: str) -> None:
    """Decide and tell the applicant (the demo's decisions are all released)."""
    antrag.entscheiden(nach, by, betrag, begruendung)
    _datiert(antrag, am)
    antrag.freigeben(by)
    Antrag.objects.filter(pk=antrag.pk).update(freigegeben_am=am)


def _rueckfrage(antrag: Antrag, by: User, frage: str, am: datetime.datetime) -> None:
    rueckfrage = antrag.rueckfrage_stellen(by, frage)
    Rueckfrage.objects.filter(pk=rueckfrage.pk).update(gestellt_am=am)
    _datiert(antrag, am)


def _neuer_antrag(
    ausschreibung: Ausschreibung,
    organisation: Organisation,
    mitglied: User,
    angelegt: datetime.datetime,
    daten: dict,
) -> Antrag | None:
    """A demo application as the applicant filled it in, with its documents; None when an
    earlier run made it already (seed_demo runs again without duplicates)."""
    if Antrag.objects.filter(ausschreibung=ausschreibung, organisation=organisation).exists():
        return None
    daten = dict(daten)
    kosten = daten.pop("kosten", [])
    antworten = daten.pop("antworten", [])
    antrag = Antrag.objects.create(
        ausschreibung=ausschreibung,
        organisation=organisation,
        erstellt_von=mitglied,
        erstellt_am=angelegt,
        kontakt_name=mitglied.get_full_name().removesuffix(" (Demo)"),
        kontakt_email=mitglied.email,
        **daten,
    )
    fragen = ausschreibung.fragen.order_by("reihenfolge")
    # A draft may answer fewer questions than the call asks.
    antrag.antworten = dict(zip((str(f.pk) for f in fragen), antworten, strict=False))
    antrag.save(update_fields=["antworten"])
    for art, beschreibung, betrag in kosten:
        antrag.kostenpositionen.create(art=art, beschreibung=beschreibung, betrag=betrag)
    if kosten:  # a draft without costs has no plan to attach either
        for unterlage in ausschreibung.unterlagen.filter(pflicht=True):
            name = f"{unterlage.bezeichnung} – {organisation.name}"
            datei = ContentFile(_pdf(name), name=f"{unterlage.bezeichnung}.pdf")
            Anhang.speichern(antrag, datei, mitglied, Anhang.Zweck.ANTRAG, unterlage=unterlage)
    return antrag


def _nachweis(antrag: Antrag, by: User, am: datetime.datetime, ist: list, **felder) -> None:
    """The final report with the real costs, one per budget line, and a documentation."""
    for position, betrag in zip(antrag.kostenpositionen.order_by("pk"), ist, strict=True):
        position.ist_betrag = betrag
        position.save(update_fields=["ist_betrag"])
    nachweis = Verwendungsnachweis.objects.create(antrag=antrag, **felder)
    datei = ContentFile(_pdf(f"Dokumentation – {antrag.organisation.name}"), name="Doku.pdf")
    Anhang.speichern(antrag, datei, by, Anhang.Zweck.NACHWEIS, bezeichnung="Dokumentation")
    nachweis.einreichen(by=by)
    Verwendungsnachweis.objects.filter(pk=nachweis.pk).update(eingereicht_am=am)
    _datiert(antrag, am)


BETEILIGUNG = {
    "teilnehmende": 120,
    "beteiligung_gefluechtete": "Bewohnerinnen und Bewohner der Unterkünfte laden mit ein; "
    "an jedem Tisch sitzt eine Person, die übersetzt.",
    "beteiligung_ehrenamtliche": "Die Freundeskreise Asyl moderieren die Tischgruppen.",
    "beteiligung_verwaltung": "Oberbürgermeister, Sozialamt und Ausländerbehörde sind dabei.",
    "beteiligung_buergerschaft": "Offene Einladung über das Amtsblatt, die Zeitung und die "
    "Stadtteilausschüsse.",
}

LB_DIALOG_2016 = {
    "kontakt_funktion": "Fachbereich Bürgerschaftliches Engagement und Soziales",
    "kontakt_telefon": "07141 910-3124",
    "titel": "Ludwigsburg im Gespräch: Wohnen und Nachbarschaft",
    "ziele": "Alteingesessene und neue Nachbarinnen und Nachbarn lernen sich kennen und "
    "verabreden, wie das Zusammenleben in den Stadtteilen mit Unterkünften gelingt.",
    "format": Format.REIHE,
    "themen": [Thema.WOHNRAUM, Thema.GEMEINSCHAFT],
    "beschreibung": "Drei Abende im Kulturzentrum mit Moderation und Dolmetschen: Kennenlernen, "
    "Themen sammeln, Vereinbarungen treffen. Die Ergebnisse gehen an den Gemeinderat.",
    "beginn": datetime.date(2016, 11, 19),
    "ende": datetime.date(2017, 1, 28),
    "ort": "Kulturzentrum, Wilhelmstraße 9/1, Ludwigsburg",
    **BETEILIGUNG,
    "partner": "Arbeitskreis Asyl Ludwigsburg, Kreisdiakonieverband, Caritas.",
    "eigenanteil": Decimal("700"),
    "drittmittel": Decimal("0"),
    "beantragt": Decimal("2500"),
    "kosten": [
        (K.HONORARE, "Moderation an drei Abenden", Decimal("1500")),
        (K.DOLMETSCHEN, "Dolmetschen Arabisch und Farsi", Decimal("900")),
        (K.VERPFLEGUNG, "Getränke und Imbiss", Decimal("500")),
        (K.OEFFENTLICHKEIT, "Einladungen in sechs Sprachen", Decimal("300")),
    ],
    "antworten": [
        "nein",
        "ja",
        "Büro für Bürgerbeteiligung, Stuttgart",
        "Die Ergebnisse gehen in den Integrationsplan der Stadt ein.",
    ],
}

LB_BUENDNIS = {
    "kontakt_funktion": "Koordination Ehrenamt",
    "kontakt_telefon": "07141 910-4043",
    "titel": "Lokales Bündnis „Ludwigsburg gemeinsam“",
    "ziele": "Ein dauerhaftes Bündnis aus Stadt, Vereinen, Kirchen und Geflüchteten, das "
    "Patenschaften, Sprachcafés und Begleitung zu Ämtern organisiert.",
    "format": Format.PROJEKT,
    "themen": [Thema.EHRENAMT, Thema.BILDUNG, Thema.GEMEINSCHAFT],
    "beschreibung": "Auftakt mit allen Partnern, dann monatliche Bündnistreffen und eine "
    "hauptamtliche Koordination mit einer halben Stelle auf Honorarbasis.",
    "beginn": datetime.date(2016, 11, 15),
    "ende": datetime.date(2017, 12, 15),
    "ort": "Ludwigsburg, Stadtteile Grünbühl und Eglosheim",
    **BETEILIGUNG,
    "teilnehmende": 300,
    "partner": "Arbeitskreis Asyl, Kreisdiakonieverband, Caritas, Moscheegemeinde, Sportverein.",
    "eigenanteil": Decimal("3000"),
    "drittmittel": Decimal("0"),
    "beantragt": Decimal("20000"),
    "kosten": [
        (K.HONORARE, "Koordination des Bündnisses", Decimal("15000")),
        (K.DOLMETSCHEN, "Dolmetschen bei Treffen", Decimal("3500")),
        (K.RAUM, "Räume für Treffen und Sprachcafés", Decimal("2500")),
        (K.OEFFENTLICHKEIT, "Faltblatt und Website", Decimal("2000")),
    ],
    "antworten": [
        "Stadt Ludwigsburg, Arbeitskreis Asyl, Kreisdiakonieverband, Caritas, "
        "Moscheegemeinde, Sportverein und die Selbstorganisation „Neue Nachbarn“.",
        "60",
        "2016-11-15",
    ],
}

LB_DIALOG_ARBEIT = {
    **LB_DIALOG_2016,
    "titel": "Ludwigsburg im Gespräch: Arbeit und Ausbildung",
    "ziele": "Betriebe, Kammern, Schulen und Geflüchtete verabreden, wie Praktika und "
    "Ausbildungsplätze leichter zusammenfinden.",
    "format": Format.WERKSTATT,
    "themen": [Thema.ARBEIT, Thema.BILDUNG],
    "beschreibung": "Eine Zukunftswerkstatt an einem Samstag mit Arbeitsgruppen zu Praktikum, "
    "Ausbildung und Sprache im Beruf.",
    "beginn": datetime.date(2017, 3, 18),
    "ende": datetime.date(2017, 3, 18),
    "ort": "Forum am Schlosspark, Ludwigsburg",
    "teilnehmende": 80,
    "eigenanteil": Decimal("500"),
    "beantragt": Decimal("2800"),
    "kosten": [
        (K.HONORARE, "Moderation der Zukunftswerkstatt", Decimal("1800")),
        (K.RAUM, "Saalmiete und Technik", Decimal("900")),
        (K.VERPFLEGUNG, "Mittagessen", Decimal("600")),
    ],
    "antworten": ["ja", "nein", "Integrationsbeauftragte der Stadt", ""],
}

HN_DIALOG = {
    "kontakt_funktion": "Stabsstelle Integration",
    "kontakt_telefon": "07131 56-0",
    "titel": "Heilbronn redet mit",
    "ziele": "Bürgerschaft, Ehrenamtliche und Geflüchtete beraten, wie die Anschlussunterbringung "
    "in den Stadtteilen gelingt.",
    "format": Format.DIALOG,
    "themen": [Thema.WOHNRAUM, Thema.SICHERHEIT, Thema.GEMEINSCHAFT],
    "beschreibung": "Ein Bürgerforum im Rathaus mit Thementischen, moderiert von einem "
    "externen Büro; die Ergebnisse stellt die Stadt im Gemeinderat vor.",
    "ort": "Rathaus Heilbronn, Marktplatz 7",
    **BETEILIGUNG,
    "teilnehmende": 150,
    "partner": "Freundeskreise Asyl, Diakonie, Jugendgemeinderat.",
    "eigenanteil": Decimal("1000"),
    "drittmittel": Decimal("500"),
    "beantragt": Decimal("3000"),
    "kosten": [
        (K.HONORARE, "Moderation durch ein externes Büro", Decimal("2400")),
        (K.DOLMETSCHEN, "Dolmetschen", Decimal("800")),
        (K.KINDERBETREUUNG, "Kinderbetreuung", Decimal("400")),
        (K.OEFFENTLICHKEIT, "Plakate und Einladungen", Decimal("900")),
    ],
    "antworten": [
        "ja",
        "ja",
        "Moderation: Katholische Erwachsenenbildung Ludwigsburg",
        "Ein Runder Tisch Arbeit trifft sich danach vierteljährlich.",
    ],
}


def _antraege_ludwigsburg(calls: dict[str, Ausschreibung], referat: User) -> None:
    ludwigsburg = Organisation.objects.get(slug="stadt-ludwigsburg")
    kommune = User.objects.get(email="kommune@ludwigsburg.de")

    # Granted, carried out, reported on, closed.
    antrag = _neuer_antrag(calls["fd-1"], ludwigsburg, kommune, _at(2016, 9, 20), LB_DIALOG_2016)
    if antrag:
        _einreichen(antrag, kommune, _at(2016, 10, 20))
        _schritt(antrag, referat, S.IN_PRUEFUNG, _at(2016, 11, 2))
        _entscheiden(
            antrag,
            referat,
            S.BEWILLIGT,
            antrag.beantragt,
            _at(2016, 11, 15),
            "Bewilligt wie beantragt. Wir freuen uns auf die Dokumentation der drei Abende.",
        )
        _schritt(
            antrag,
            None,
            S.NACHWEIS_FAELLIG,
            _at(2017, 1, 29, 6),
            "Die geförderte Maßnahme ist beendet. Bitte reichen Sie den Verwendungsnachweis ein.",
        )
        _nachweis(
            antrag,
            kommune,
            _at(2017, 3, 10),
            [Decimal("1500"), Decimal("850"), Decimal("520"), Decimal("330")],
            durchgefuehrt_am="19.11.2016, 10.12.2016 und 28.01.2017, je 18 bis 21 Uhr",
            bericht="An drei Abenden kamen zusammen 140 Menschen ins Kulturzentrum. Am "
            "ersten Abend stellten sich die Stadtteile vor, am zweiten sammelten sechs "
            "Tischgruppen Themen, am dritten wurden Vereinbarungen getroffen.",
            ergebnisse="Zwei neue Nachbarschaftstreffs in Grünbühl und Eglosheim; der "
            "Gemeinderat hat die Ergebnisse im Februar 2017 beraten.",
            teilnehmende=140,
            davon_gefluechtete=45,
        )
        _schritt(
            antrag,
            referat,
            S.ABGESCHLOSSEN,
            _at(2017, 3, 24),
            "Verwendungsnachweis geprüft: Die Mittel wurden zweckentsprechend verwendet.",
        )

    # Granted in part by the jury; the final report is due.
    antrag = _neuer_antrag(calls["giv-2"], ludwigsburg, kommune, _at(2016, 8, 10), LB_BUENDNIS)
    if antrag:
        _einreichen(antrag, kommune, _at(2016, 9, 28))
        _schritt(antrag, referat, S.IN_PRUEFUNG, _at(2016, 10, 4))
        _entscheiden(
            antrag,
            referat,
            S.TEILWEISE_BEWILLIGT,
            Decimal("15000"),
            _at(2016, 11, 8),
            "Die Jury fördert das Bündnis mit dem Regelbetrag von 15.000 €.",
        )
        _schritt(
            antrag,
            None,
            S.NACHWEIS_FAELLIG,
            _at(2017, 12, 16, 6),
            "Die geförderte Maßnahme ist beendet. Bitte reichen Sie den Verwendungsnachweis ein.",
        )

    # Submitted, in review, and the staff have a question.
    antrag = _neuer_antrag(calls["fd-2"], ludwigsburg, kommune, _at(2016, 12, 1), LB_DIALOG_ARBEIT)
    if antrag:
        _einreichen(antrag, kommune, _at(2016, 12, 19))
        _schritt(antrag, referat, S.IN_PRUEFUNG, _at(2017, 1, 9))
        _rueckfrage(
            antrag,
            referat,
            "Wie beteiligen Sie Geflüchtete, die noch wenig Deutsch sprechen? Im Kostenplan "
            "finden wir kein Dolmetschen. Bitte ergänzen Sie den Plan oder erläutern Sie, wie "
            "Sie übersetzen.",
            _at(2017, 1, 12),
        )

    # A draft on the open call, half filled in.
    offen = calls["fd-offen"]
    _neuer_antrag(
        offen,
        ludwigsburg,
        kommune,
        timezone.now() - datetime.timedelta(days=3),
        {
            "kontakt_funktion": "Flüchtlingsbeauftragte",
            "kontakt_telefon": "07141 910-3124",
            "titel": "Ludwigsburg im Gespräch: Ankommen im Quartier",
            "ziele": "Neue und alte Nachbarschaften in der Weststadt kommen ins Gespräch.",
            "format": Format.DIALOG,
            "themen": [Thema.GEMEINSCHAFT],
            "beginn": offen.durchfuehrung_von + datetime.timedelta(days=20),
        },
    )


def _antraege_heilbronn(calls: dict[str, Ausschreibung], referat: User) -> None:
    heilbronn, kommune = _seed_heilbronn()

    # Refused.
    antrag = _neuer_antrag(
        calls["fd-1"],
        heilbronn,
        kommune,
        _at(2016, 10, 5),
        {**HN_DIALOG, "beginn": datetime.date(2016, 12, 3), "ende": datetime.date(2016, 12, 3)},
    )
    if antrag:
        _einreichen(antrag, kommune, _at(2016, 10, 30))
        _schritt(antrag, referat, S.IN_PRUEFUNG, _at(2016, 11, 3))
        _entscheiden(
            antrag,
            referat,
            S.ABGELEHNT,
            None,
            _at(2016, 11, 15),
            "Die Moderation und das Dolmetschen sind bereits aus einem anderen Landesprogramm "
            "gefördert; eine Doppelförderung ist nach der Förderrichtlinie ausgeschlossen.",
        )

    # Submitted again to the second deadline, now in review: the staff's decision is due.
    antrag = _neuer_antrag(
        calls["fd-2"],
        heilbronn,
        kommune,
        _at(2016, 12, 5),
        {
            **HN_DIALOG,
            "titel": "Heilbronn redet mit: Nachbarschaft in der Anschlussunterbringung",
            "beginn": datetime.date(2017, 4, 1),
            "ende": datetime.date(2017, 4, 1),
            "eigenanteil": Decimal("1500"),
            "drittmittel": Decimal("0"),
            "beantragt": Decimal("3000"),
        },
    )
    if antrag:
        _einreichen(antrag, kommune, _at(2016, 12, 28))
        _schritt(antrag, referat, S.IN_PRUEFUNG, _at(2017, 1, 10))

    # Just submitted to the open call: waiting for the staff.
    offen = calls["fd-offen"]
    beginn = offen.durchfuehrung_von + datetime.timedelta(days=30)
    antrag = _neuer_antrag(
        offen,
        heilbronn,
        kommune,
        timezone.now() - datetime.timedelta(days=9),
        {**HN_DIALOG, "titel": "Heilbronn redet mit 2", "beginn": beginn, "ende": beginn},
    )
    if antrag:
        _einreichen(antrag, kommune, timezone.now() - datetime.timedelta(days=2))


def _seed_jury(referat: User) -> None:
    """A juror with a finished review of Ludwigsburg's query application and an open one of
    Heilbronn's application in review."""
    juror = _login(
        "jury", JURY_EMAIL, JURY_PASSWORT, first_name="Jana", last_name="Jury (Demo)", is_staff=True
    )
    juror.groups.add(Group.objects.get(name="Jury"))
    for ausschreibung in Ausschreibung.objects.all():
        for position, (name, beschreibung, gewicht) in enumerate(KRITERIEN, start=1):
            Kriterium.objects.update_or_create(
                ausschreibung=ausschreibung,
                reihenfolge=position,
                defaults={"name": name, "beschreibung": beschreibung, "gewicht": gewicht},
            )
    for antrag, punkte, fertig in [
        (
            Antrag.objects.filter(
                organisation__slug="stadt-ludwigsburg", status=Antrag.Status.RUECKFRAGE
            ).first(),
            [4, 3, 3, 5],
            True,
        ),
        (
            Antrag.objects.filter(
                organisation__slug="stadt-heilbronn", status=Antrag.Status.IN_PRUEFUNG
            ).first(),
            [3, 4],
            False,
        ),
    ]:
        if antrag is None:
            continue
        gutachten = antrag.gutachter_zuweisen(juror, referat)
        if gutachten.offen:
            kriterien = list(antrag.ausschreibung.kriterien.all())
            gutachten.bewerten(
                {k.pk: wert for k, wert in zip(kriterien, punkte, strict=False)},
                "bewilligen" if fertig else "",
                "Gut vorbereitet, breite Beteiligung." if fertig else "",
            )
            if fertig:
                gutachten.einreichen()


def _seed_bescheid(referat: User) -> None:
    """The letter of Ludwigsburg's alliance grant, rendered here (the demo queues no tasks)."""
    antrag = Antrag.objects.filter(
        organisation__slug="stadt-ludwigsburg", status=Antrag.Status.NACHWEIS_FAELLIG
    ).first()
    if antrag is None or antrag.bescheide.exists():
        return
    bescheid = Bescheid.anfordern(antrag, referat)
    bescheid.erstellen()
    Bescheid.objects.filter(pk=bescheid.pk).update(versandt_am=antrag.freigegeben_am)


def _seed_antraege(referat: User) -> None:
    fd = "kommunaler-fluechtlingsdialog"
    slugs = {
        "fd-1": (fd, "2016-1-frist"),
        "fd-2": (fd, "2016-2-frist"),
        "fd-offen": (fd, str(timezone.localdate().year + 1)),
        "giv-2": ("gemeinsam-in-vielfalt", "ii-2-tranche"),
    }
    calls = {
        name: Ausschreibung.objects.get(programm__slug=programm, slug=slug)
        for name, (programm, slug) in slugs.items()
    }
    _antraege_ludwigsburg(calls, referat)
    _antraege_heilbronn(calls, referat)


def seed(stdout) -> list[tuple[str, str, str]]:
    programme = _seed_programme()
    for daten in _ausschreibungen(timezone.localdate()):
        _seed_ausschreibung(programme[daten.pop("programm")], daten)
    # The section was a content page until this app took over /foerderung/.
    Seite.objects.filter(eltern=None, slug="foerderung").delete()
    # Granted alliance applications of this call become alliances of that round.
    Ausschreibung.objects.filter(
        programm__slug="gemeinsam-in-vielfalt", slug="ii-2-tranche"
    ).update(
        foerderrunde=Foerderrunde.objects.filter(slug="gemeinsam-in-vielfalt-2-tranche-2").first()
    )
    referat = _seed_referat()
    _seed_antraege(referat)
    # Ludwigsburg's granted alliance application is the demo's Ludwigsburg alliance.
    Antrag.objects.filter(
        organisation__slug="stadt-ludwigsburg",
        ausschreibung__slug="ii-2-tranche",
        buendnis__isnull=True,
    ).update(buendnis=Buendnis.objects.filter(slug="ludwigsburg-gemeinsam-in-vielfalt-ii").first())
    _seed_jury(referat)
    _seed_bescheid(referat)
    stdout.write(
        f"foerderung: {Programm.objects.count()} Programme, "
        f"{Ausschreibung.objects.count()} Ausschreibungen, "
        f"davon {Ausschreibung.objects.offen().count()} offen; "
        f"{Antrag.objects.count()} Anträge"
    )
    admin = reverse("admin:index")
    return [
        (f"Förderreferat (Anträge prüfen, {admin})", REFERAT_EMAIL, REFERAT_PASSWORT),
        ("Kommune (Stadt Heilbronn)", HEILBRONN_EMAIL, KOMMUNE_PASSWORT),
        (f"Jury (eigene Gutachten, {admin})", JURY_EMAIL, JURY_PASSWORT),
    ]

"""Demo programmes and calls: the two calls of the Kommunaler Flüchtlingsdialog in 2016 and the
second tranche of „Gemeinsam in Vielfalt“ as the seed page describes them, plus one call open
and one coming, both relative to today, so the pages always show every state. Used by
`manage.py seed_demo`, after the portal demo (FAQ themes, documents)."""

import calendar
import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from foerderung.models import Ausschreibung, Frage, Programm, Unterlage
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
    ("Wie viele Teilnehmende erwarten Sie?", Typ.ZAHL, "Eine Schätzung genügt.", "", True),
    (
        "Welches Format ist geplant?",
        Typ.AUSWAHL,
        "",
        "Bürgerdialog\nWorkshop\nZukunftswerkstatt\nSonstiges",
        True,
    ),
    ("Gab es bereits einen Flüchtlingsdialog in Ihrer Kommune?", Typ.JA_NEIN, "", "", True),
    (
        "Beschreiben Sie die Beteiligung der Geflüchteten.",
        Typ.LANGTEXT,
        "Wie werden Geflüchtete eingeladen, und wie können sie mitreden?",
        "",
        True,
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


def seed(stdout) -> list[tuple[str, str, str]]:
    programme = _seed_programme()
    for daten in _ausschreibungen(timezone.localdate()):
        _seed_ausschreibung(programme[daten.pop("programm")], daten)
    # The section was a content page until this app took over /foerderung/.
    Seite.objects.filter(eltern=None, slug="foerderung").delete()
    stdout.write(
        f"foerderung: {Programm.objects.count()} Programme, "
        f"{Ausschreibung.objects.count()} Ausschreibungen, "
        f"davon {Ausschreibung.objects.offen().count()} offen"
    )
    return []

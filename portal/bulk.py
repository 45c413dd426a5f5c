"""Bulk test data for the benchmark and the load test (`manage.py seed_bulk`).

Everything is fictitious and marked: slugs, circular numbers and e-mail addresses carry
`testdaten` (they are also the keys by which a second run creates only what is missing),
visible titles begin with „Testdaten:“, every address ends in the reserved `.example`, and the
people's surnames are made-up placeholders (Mustermann, Beispielhuber …). Texts are put
together from the programme's vocabulary, so that a search for „Sprachkurs“ finds some rows,
not all. Each row draws from its own seeded random generator, so row 42 is the same at every
scale and in every run.

Rows go in with `bulk_create`, without save() or signals: what save() would fill (the HTML of
Markdown texts, a circular's file and checksum, the next free circular number) is filled here.
"""

import datetime
import hashlib
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from buendnisse.models import Buendnis, Foerderrunde, Partner, Themenfeld
from ehrenamt.models import Angebotsart, Datenschutzhinweis, Ehrenamtliche, Einwilligung
from foerderung.models import (
    Antrag,
    Ausschreibung,
    Auszahlung,
    Bewertung,
    Einreichung,
    Format,
    Frage,
    Gutachten,
    Kostenposition,
    Kriterium,
    Programm,
    Rueckfrage,
    Statuswechsel,
    Thema,
    Verwendungsnachweis,
    Vorpruefung,
)
from kontakte.models import Kreis, Mitgliedschaft, Organisation, Person
from portal.markup import render_markdown
from portal.models import (
    FAQ,
    FAQThema,
    Meldung,
    Nummernkreis,
    Rundschreiben,
    Saeule,
    Seite,
    Veranstaltung,
)

BATCH = 2000

# Rows at --scale 1. The searchable ones (news, circulars, pages, events, FAQ, the public
# people, organisations incl. municipalities, alliances) add up to 100,000; events fill the gap.
BASIS = {
    "kommunen": 1101,
    "organisationen": 35_000,
    "personen": 5000,
    "rundschreiben": 500,
    "meldungen": 10_000,
    "seiten": 5000,
    "faq": 500,
    "veranstaltungen": 41_403,
    "buendnisse": 2000,
    "antraege": 10_000,
    "ehrenamtliche": 50_000,
}

# The addresses the load test signs in with; the domain marks them as test accounts.
KONTO_DOMAIN = "testgemeinde.example"
STAFF_KONTO = "testdaten-foerderreferat@testdaten.example"
JURY = 12
# Circulars of the test data are numbered from here on, far above the real ones.
RUNDSCHREIBEN_AB = 90_000
RUNDSCHREIBEN_PDF = "rundschreiben/testdaten/testdaten-rundschreiben.pdf"
ERSTES_JAHR = 2015
# The data describe the years up to here; later dates would lie in the future.
STICHTAG = datetime.date(2026, 10, 31)
TEXTE = 400  # distinct bodies (Markdown), each rendered once

HINWEIS = "*Testdaten: Dieser Text ist erfunden und dient nur dem Test des Portals.*"

THEMEN = [
    "Sprachkurs", "Sprachcafé", "Ehrenamt", "Integration", "Wohnraum", "Patenschaft",
    "Hausaufgabenhilfe", "Begegnungscafé", "Ausbildung", "Arbeitsmarkt", "Kinderbetreuung",
    "Gesundheit", "Dolmetschen", "Fahrradwerkstatt", "Kleiderkammer", "Qualifizierung",
    "Frauencafé", "Sport", "Nachbarschaftshilfe", "Behördenbegleitung", "Willkommenskultur",
    "Rechtsberatung", "Mentoring", "Jugendarbeit", "Elternarbeit", "Theaterprojekt",
    "Kochabend", "Stadtführung", "Gartenprojekt", "Computerkurs", "Schwimmkurs",
    "Musikprojekt", "Lesepatenschaft", "Berufsorientierung", "Nähwerkstatt", "Repair-Café",
    "Seniorenbegegnung", "Fußballturnier", "Wohnungssuche", "Mobilität", "Flüchtlingsdialog",
]  # fmt: skip

TITEL = [
    "{t} in {ort} gestartet",
    "Neues Angebot im {kreis}: {t}",
    "{ort}: {t} und {t2} für Geflüchtete",
    "Fachtag „{t}“ im {kreis}",
    "Ehrenamtliche bringen {t} in {ort} voran",
    "Bürgerforum in {ort}: Schwerpunkt {t}",
    "Lokales Bündnis im {kreis} setzt auf {t}",
    "{t}: Bilanz nach einem Jahr in {ort}",
    "Förderung für {t} und {t2} im {kreis}",
    "Regionalkonferenz zu {t} in {ort}",
    "{ort} lädt ein: {t}",
    "Wie {t} in {ort} gelingt",
]

SAETZE = [
    "Im {kreis} engagieren sich inzwischen {zahl} Ehrenamtliche im Bereich {t}.",
    "Das Lokale Bündnis in {ort} lädt Geflüchtete und Nachbarschaft zu {t} und {t2} ein.",
    "Die Gemeinde stellt Räume zur Verfügung, Freiwillige übernehmen die Organisation.",
    "Gefördert wird das Vorhaben aus dem Programm „Gemeinsam in Vielfalt“.",
    "Beim Bürgerforum in {ort} sprachen {zahl} Bürgerinnen und Bürger über {t}.",
    "Gesucht werden weitere Freiwillige, besonders für {t}.",
    "Die Koordination im {kreis} vermittelt Patenschaften und berät Initiativen.",
    "Wer mitmachen möchte, meldet sich über das Portal oder im Rathaus von {ort}.",
    "Ein Schwerpunkt liegt auf der Begleitung bei der Suche nach {t2}.",
    "Die Qualifizierung übernimmt ein Bildungsträger aus dem {kreis}.",
    "Beteiligt sind Verwaltung, Kirchengemeinden, Vereine und Migrantenorganisationen.",
    "Die Ergebnisse fließen in das Integrationskonzept von {ort} ein.",
    "Geflüchtete bringen ihre eigenen Erfahrungen in die Planung von {t} ein.",
    "Für Familien mit kleinen Kindern gibt es während der Treffen eine Betreuung.",
    "Der Landkreis unterstützt das Angebot {t} mit einer halben Personalstelle.",
    "Nach dem Auftakt im Frühjahr treffen sich die Beteiligten einmal im Monat.",
    "Die Treffen finden im Gemeindehaus von {ort} statt.",
    "Viele Angebote sind aus der Nachbarschaft heraus entstanden.",
    "Der Gemeinderat hat die Mittel für zwei weitere Jahre bereitgestellt.",
    "Die Volkshochschule bietet ergänzend Kurse am Abend an.",
    "Zum Jahresende luden die Beteiligten zu einem Fest ein.",
    "Die Nachfrage ist größer als erwartet, eine Warteliste wurde eingerichtet.",
    "Neu hinzugekommen sind Angebote für Jugendliche.",
    "Die Arbeitsagentur berät einmal im Monat vor Ort.",
    "Ein Faltblatt in mehreren Sprachen informiert über alle Angebote in {ort}.",
    "Das Projekt {t} wurde bei einem Landeswettbewerb ausgezeichnet.",
    "Fahrtkosten der Freiwilligen werden erstattet.",
    "Im Herbst beginnt eine zweite Gruppe mit {t}.",
]

FAQ_THEMEN = [
    "Sprachkurse und Sprachcafés",
    "Ehrenamt und Engagement",
    "Wohnraum",
    "Arbeit und Ausbildung",
    "Förderung und Anträge",
    "Patenschaften",
    "Gesundheit",
    "Kinder und Familien",
    "Lokale Bündnisse",
    "Datenschutz",
]
FRAGEN = [
    "Wie finde ich ein Angebot für {t} im {kreis}?",
    "Wer fördert {t} in unserer Gemeinde?",
    "Welche Unterlagen brauche ich für einen Antrag zu {t}?",
    "Kann ich mich ohne Vorkenntnisse für {t} engagieren?",
    "Wer berät Ehrenamtliche zu {t}?",
]
VORHABEN = [
    "{t} verbindet: Dialogreihe in {ort}",
    "Zusammenleben in {ort}: {t} und {t2}",
    "Runder Tisch {t} in {ort}",
    "Zukunftswerkstatt {t} in {ort}",
    "{ort} im Gespräch: {t}",
]
ORGANISATIONSARTEN = [
    (Organisation.Art.VEREIN, "Testverein", 45),
    (Organisation.Art.INITIATIVE, "Testinitiative", 25),
    (Organisation.Art.KIRCHE, "Test-Kirchengemeinde", 12),
    (Organisation.Art.WOHLFAHRTSVERBAND, "Test-Wohlfahrtsverband", 8),
    (Organisation.Art.SONSTIGE, "Testeinrichtung", 7),
    (Organisation.Art.VERBAND, "Test-Verband", 3),
]
FUNKTIONEN = [
    "Flüchtlingsbeauftragte",
    "Koordination Ehrenamt",
    "Integrationsmanagement",
    "Sozialamt, Sachgebiet Integration",
    "Ehrenamtskoordination Flüchtlingshilfe",
    "Wohnraumakquise",
    "Koordination Sprachförderung",
    "Quartiersmanagement",
    "Bürgermeisteramt",
]
VORNAMEN = [
    "Anna", "Lena", "Miriam", "Sara", "Fatima", "Elif", "Jonas", "Lukas", "Ahmad", "Yusuf",
    "Maria", "Peter", "Thomas", "Katharina", "Julia", "Daniel", "Hannah", "Omar", "Nadia",
    "Ingrid", "Stefan", "Sabine", "Markus", "Claudia", "Tobias", "Leyla", "Hasan", "Olena",
]  # fmt: skip
# Made-up surnames: nobody real is named together with an address or a phone number.
NAMENSSTAEMME = ["Muster", "Beispiel", "Probe", "Exempel", "Platzhalter", "Vorlage"]
NAMENSENDUNGEN = ["mann", "huber", "berger", "maier", "bauer", "hofer", "wald", "stein"]
SPRACHEN = [
    "Englisch", "Arabisch", "Französisch", "Türkisch", "Russisch", "Ukrainisch", "Persisch",
    "Spanisch", "Kurdisch", "Tigrinya", "Italienisch",
]  # fmt: skip
VERANSTALTER = "Städtetag Baden-Württemberg (Testdaten)"
ANGEBOTSARTEN = ["Sprachkurs", "Patenschaft", "Begleitung zu Ämtern", "Hausaufgabenhilfe"]
KRITERIEN = [("Beteiligung von Geflüchteten", 2), ("Einbindung des Ehrenamts", 1),
             ("Nachhaltigkeit", 1)]  # fmt: skip
FRAGE = "Wie beziehen Sie Geflüchtete in die Vorbereitung ein?"


def anzahl(art: str, scale: float) -> int:
    """Rows of a kind at a scale: linear, at least one."""
    return max(1, round(BASIS[art] * scale))


def gemeinde_name(nummer: int) -> str:
    return f"Testgemeinde {nummer:04d}"


def konto_email(nummer: int) -> str:
    return f"kommune-{nummer:04d}@{KONTO_DOMAIN}"


def _rng(art: str, nummer: int) -> random.Random:
    # Reproducible on purpose: the same row at every scale and in every run.
    return random.Random(f"testdaten-{art}-{nummer}")  # noqa: S311


def _vorhanden(queryset: models.QuerySet, feld: str, praefix: str) -> set:
    return set(queryset.filter(**{f"{feld}__startswith": praefix}).values_list(feld, flat=True))


def _fehlend(
    model: type[models.Model], feld: str, muster: str, anzahl: int
) -> list[tuple[int, str]]:
    """(number, key) of the rows 1…anzahl whose key (`muster` with the number filled in) is
    not in the database yet: what this run has to create."""
    vorhanden = _vorhanden(model.objects, feld, muster.split("{")[0])
    schluessel = ((nummer, muster.format(nummer)) for nummer in range(1, anzahl + 1))
    return [(nummer, key) for nummer, key in schluessel if key not in vorhanden]


def _bulk(model: type[models.Model], rows: Iterable[models.Model]) -> list:
    return model.objects.bulk_create(list(rows), batch_size=BATCH)


def _nachname(rng: random.Random) -> str:
    return rng.choice(NAMENSSTAEMME) + rng.choice(NAMENSENDUNGEN)


def _telefon(rng: random.Random) -> str:
    """A number from the range the Bundesnetzagentur keeps free for fiction (030 23125 xxx)."""
    return f"030 23125 {rng.randrange(1000):03d}"


def _plz(nummer: int) -> str:
    return f"{70000 + (nummer * 97) % 9999:05d}"


def _datum(rng: random.Random, von: datetime.date, bis: datetime.date) -> datetime.date:
    return von + datetime.timedelta(days=rng.randrange(max(1, (bis - von).days + 1)))


def _zeitpunkt(tag: datetime.date, stunde: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(tag, datetime.time(stunde, minute)))


@dataclass
class Lauf:
    """One run: the scale, the clock, and what the steps look up more than once."""

    scale: float
    password: str
    jetzt: datetime.datetime = field(default_factory=timezone.now)
    _texte: dict = field(default_factory=dict)

    @property
    def heute(self) -> datetime.date:
        return timezone.localdate(self.jetzt)

    @property
    def ende(self) -> datetime.date:
        """The last day dated content may carry: the data's end, yet never the future."""
        return min(STICHTAG, self.heute - datetime.timedelta(days=1))

    def anzahl(self, art: str) -> int:
        return anzahl(art, self.scale)

    @cached_property
    def kreise(self) -> list[Kreis]:
        return list(Kreis.objects.order_by("schluessel"))

    def kreis_der_gemeinde(self, nummer: int) -> Kreis:
        return self.kreise[(nummer - 1) % len(self.kreise)]

    @cached_property
    def password_hash(self) -> str:
        # Hashing is slow on purpose (a third of a second); every test account shares one.
        return make_password(self.password)

    @cached_property
    def staff(self) -> User:
        return User.objects.get(username=STAFF_KONTO)

    def kommunen(self) -> list[Organisation]:
        return list(
            Organisation.objects.filter(slug__startswith="testdaten-testgemeinde-")
            .select_related("kreis")
            .order_by("slug")
        )

    def saetze(self, rng: random.Random, anzahl: int, kreis: Kreis, ort: str) -> str:
        return " ".join(
            self.fuellen(rng, vorlage, kreis, ort) for vorlage in rng.sample(SAETZE, anzahl)
        )

    def fuellen(self, rng: random.Random, vorlage: str, kreis: Kreis, ort: str) -> str:
        t, t2 = rng.sample(THEMEN, 2)
        return vorlage.format(t=t, t2=t2, kreis=kreis, ort=ort, zahl=rng.randrange(8, 240))

    def text(self, rng: random.Random) -> tuple[str, str]:
        """One of TEXTE bodies as (Markdown, HTML); each is rendered once, like save() would."""
        nummer = rng.randrange(TEXTE)
        if nummer not in self._texte:
            eigener = _rng("text", nummer)
            kreis = eigener.choice(self.kreise)
            ort = gemeinde_name(eigener.randrange(1, BASIS["kommunen"] + 1))
            teile = [HINWEIS]
            for absatz in range(eigener.randrange(2, 5)):
                if absatz == 2 and eigener.random() < 0.5:
                    teile.append(f"## {eigener.choice(THEMEN)}")
                teile.append(self.saetze(eigener, eigener.randrange(1, 4), kreis, ort))
            if eigener.random() < 0.4:
                teile.append("\n".join(f"- {t}" for t in eigener.sample(THEMEN, 3)))
            markdown = "\n\n".join(teile)
            self._texte[nummer] = (markdown, render_markdown(markdown))
        return self._texte[nummer]

    def titel(self, rng: random.Random, kreis: Kreis, ort: str) -> str:
        return "Testdaten: " + self.fuellen(rng, rng.choice(TITEL), kreis, ort)


Schritt = Callable[[Lauf], dict[str, int]]


# --- Directory: municipalities, organisations, people --------------------------------------


def kommunen(lauf: Lauf) -> dict[str, int]:
    neue = []
    for nummer, slug in _fehlend(
        Organisation, "slug", "testdaten-testgemeinde-{:04d}", lauf.anzahl("kommunen")
    ):
        rng = _rng("kommune", nummer)
        kreis, name = lauf.kreis_der_gemeinde(nummer), gemeinde_name(nummer)
        neue.append(
            Organisation(
                name=name,
                slug=slug,
                art=Organisation.Art.KOMMUNE,
                kreis=kreis,
                beschreibung=f"Testdaten: erfundene Gemeinde im {kreis}. "
                + lauf.saetze(rng, 2, kreis, name),
                strasse="Rathausplatz 1",
                plz=_plz(nummer),
                ort=name,
                telefon=_telefon(rng),
                email=f"rathaus@testgemeinde-{nummer:04d}.example",
                website=f"https://www.testgemeinde-{nummer:04d}.example/",
            )
        )
    return {"Organisation (Kommune)": len(_bulk(Organisation, neue))}


def organisationen(lauf: Lauf) -> dict[str, int]:
    gemeinden = lauf.anzahl("kommunen")
    arten = [art for art, _, _ in ORGANISATIONSARTEN]
    praefixe = {art: praefix for art, praefix, _ in ORGANISATIONSARTEN}
    gewichte = [gewicht for _, _, gewicht in ORGANISATIONSARTEN]
    neue = []
    for nummer, slug in _fehlend(
        Organisation, "slug", "testdaten-organisation-{:05d}", lauf.anzahl("organisationen")
    ):
        rng = _rng("organisation", nummer)
        art = rng.choices(arten, gewichte)[0]
        gemeinde = rng.randrange(1, gemeinden + 1)
        kreis, ort = lauf.kreis_der_gemeinde(gemeinde), gemeinde_name(gemeinde)
        t, t2 = rng.sample(THEMEN, 2)
        neue.append(
            Organisation(
                name=f"{praefixe[art]} {t} {nummer:05d}",
                slug=slug,
                art=art,
                kreis=kreis,
                beschreibung=f"Testdaten: erfundene Organisation in {ort} im {kreis}. "
                f"Schwerpunkte: {t} und {t2}.",
                strasse=f"Beispielweg {rng.randrange(1, 120)}",
                plz=_plz(gemeinde),
                ort=ort,
                telefon=_telefon(rng),
                email=f"testdaten-organisation-{nummer:05d}@organisationen.example",
            )
        )
    return {"Organisation": len(_bulk(Organisation, neue))}


def personen(lauf: Lauf) -> dict[str, int]:
    fehlend = _fehlend(Person, "slug", "testdaten-person-{:05d}", lauf.anzahl("personen"))
    if not fehlend:
        return {"Person": 0}
    gemeinden = [o.pk for o in lauf.kommunen()]
    andere = list(
        Organisation.objects.filter(slug__startswith="testdaten-organisation-")
        .order_by("slug")
        .values_list("pk", flat=True)
    )
    neue = []
    for nummer, slug in fehlend:
        rng = _rng("person", nummer)
        anrede = rng.choice([Person.Anrede.FRAU, Person.Anrede.HERR, Person.Anrede.KEINE])
        neue.append(
            Person(
                organisation_id=rng.choice(
                    gemeinden if rng.random() < 0.6 or not andere else andere
                ),
                anrede=anrede,
                titel="Dr." if rng.random() < 0.08 else "",
                vorname=rng.choice(VORNAMEN),
                nachname=_nachname(rng),
                slug=slug,
                funktion=rng.choice(FUNKTIONEN),
                telefon=_telefon(rng),
                email=f"testdaten-person-{nummer:05d}@kontakte.example",
                oeffentlich=rng.random() < 0.9,
                reihenfolge=rng.randrange(10),
            )
        )
    return {"Person": len(_bulk(Person, neue))}


# --- Accounts -------------------------------------------------------------------------------


def konten(lauf: Lauf) -> dict[str, int]:
    """Programme staff and jurors of the test data (no password: nobody signs in as them) and
    one account per test municipality with an approved membership, for the load test."""
    vorhanden = set(
        User.objects.filter(
            models.Q(username__endswith=f"@{KONTO_DOMAIN}")
            | models.Q(username__startswith="testdaten-")
        ).values_list("username", flat=True)
    )
    gruppen = {g.name: g for g in Group.objects.filter(name__in=["Förderreferat", "Jury"])}
    intern = [(STAFF_KONTO, "Förderreferat", "Förderreferat")] + [
        (f"testdaten-jury-{n:02d}@testdaten.example", f"Jury {n}", "Jury")
        for n in range(1, JURY + 1)
    ]
    neue_intern = []
    for username, name, gruppe in intern:
        if username in vorhanden:
            continue
        user = User(username=username, email=username, first_name="Testdaten", last_name=name)
        user.is_staff = gruppe == "Förderreferat"
        user.set_unusable_password()
        neue_intern.append((user, gruppe))
    _bulk(User, [user for user, _ in neue_intern])
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.pk, group_id=gruppen[gruppe].pk)
        for user, gruppe in neue_intern
        if gruppe in gruppen
    )

    neue, kommunen_neu = [], []
    for organisation in lauf.kommunen():
        nummer = int(organisation.slug.rsplit("-", 1)[1])
        email = konto_email(nummer)
        if email in vorhanden:
            continue
        neue.append(
            User(
                username=email,
                email=email,
                password=lauf.password_hash,
                first_name="Testdaten",
                last_name=organisation.name,
            )
        )
        kommunen_neu.append(organisation)
    _bulk(User, neue)
    _bulk(
        EmailAddress,
        (EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in neue),
    )
    _bulk(
        Mitgliedschaft,
        (
            Mitgliedschaft(
                user=user,
                organisation=organisation,
                status=Mitgliedschaft.Status.BESTAETIGT,
                beantragt_am=lauf.jetzt,
                entschieden_am=lauf.jetzt,
                vermerk="Testdaten: beim Anlegen der Testdaten bestätigt.",
                begruendung="Testdaten: Sachbearbeitung Integration",
            )
            for user, organisation in zip(neue, kommunen_neu, strict=True)
        ),
    )
    return {"User (intern)": len(neue_intern), "User (Kommune)": len(neue)}


# --- Site content: circulars, news, pages, FAQ, events -------------------------------------


def _rundschreiben_pdf() -> tuple[str, int, str]:
    """One small letter, rendered once and shared by every test circular: (name, size, sha)."""
    if not default_storage.exists(RUNDSCHREIBEN_PDF):
        from portal.pdf import render_pdf

        muster = Rundschreiben(
            betreff="Testdaten: Musterschreiben für alle Rundschreiben der Testdaten",
            datum=STICHTAG,
            text_html=render_markdown(HINWEIS),
        )
        inhalt = render_pdf(
            "pdf/rundschreiben.html",
            {
                "rundschreiben": muster,
                "entwurf": False,
                "anschrift": ["An die Mitgliedsstädte und -gemeinden"],
                "verteiler": [],
                "anlagen": [],
                "person": None,
                "organisation": None,
            },
        )
        default_storage.save(RUNDSCHREIBEN_PDF, ContentFile(inhalt))
    with default_storage.open(RUNDSCHREIBEN_PDF, "rb") as datei:
        inhalt = datei.read()
    return RUNDSCHREIBEN_PDF, len(inhalt), hashlib.sha256(inhalt).hexdigest()


def rundschreiben(lauf: Lauf) -> dict[str, int]:
    """Released and published circulars „R 90001/2015“ …, each with the shared letter as file
    (a published circular has its PDF); the year's number range is moved past them so that a
    real release afterwards gets a free number."""
    jahre = lauf.ende.year - ERSTES_JAHR + 1
    schluessel = {
        nummer: (ERSTES_JAHR + (nummer - 1) % jahre, RUNDSCHREIBEN_AB + nummer)
        for nummer in range(1, lauf.anzahl("rundschreiben") + 1)
    }
    vergeben = set(
        Rundschreiben.objects.filter(nummer__gt=RUNDSCHREIBEN_AB).values_list("jahr", "nummer")
    )
    fehlend = [n for n, key in schluessel.items() if key not in vergeben]
    if not fehlend:
        return {"Rundschreiben": 0}
    datei, groesse, sha256 = _rundschreiben_pdf()
    personen_ids = list(
        Person.objects.filter(slug__startswith="testdaten-person-", oeffentlich=True)
        .order_by("slug")
        .values_list("pk", flat=True)[:50]
    )
    neue = []
    for nummer in fehlend:
        jahr, laufende = schluessel[nummer]
        rng = _rng("rundschreiben", nummer)
        kreis = rng.choice(lauf.kreise)
        datum = _datum(rng, datetime.date(jahr, 1, 2), min(datetime.date(jahr, 12, 20), lauf.ende))
        markdown, html = lauf.text(rng)
        freigabe = _zeitpunkt(datum, 10)
        neue.append(
            Rundschreiben(
                betreff=lauf.titel(
                    rng, kreis, gemeinde_name(rng.randrange(1, BASIS["kommunen"] + 1))
                ),
                zusammenfassung=lauf.saetze(rng, 2, kreis, "den Mitgliedsstädten"),
                text=markdown,
                text_html=html,
                datum=datum,
                jahr=jahr,
                nummer=laufende,
                adressaten_arten=["kommune"] if rng.random() < 0.7 else ["kommune", "landkreis"],
                ansprechperson_id=rng.choice(personen_ids) if personen_ids else None,
                status=Rundschreiben.Status.VEROEFFENTLICHT,
                veroeffentlichen_ab=freigabe,
                freigegeben_am=freigabe,
                freigegeben_von=lauf.staff,
                datei=datei,
                dateiart="PDF",
                groesse=groesse,
                sha256=sha256,
            )
        )
    _bulk(Rundschreiben, neue)
    for jahr in {r.jahr for r in neue}:
        letzte = Rundschreiben.objects.filter(jahr=jahr).aggregate(n=models.Max("nummer"))["n"]
        kreis, _ = Nummernkreis.objects.get_or_create(jahr=jahr)
        if kreis.letzte_nummer < letzte:
            Nummernkreis.objects.filter(jahr=jahr).update(letzte_nummer=letzte)
    return {"Rundschreiben": len(neue)}


def meldungen(lauf: Lauf) -> dict[str, int]:
    rundschreiben_ids = list(
        Rundschreiben.objects.filter(nummer__gt=RUNDSCHREIBEN_AB).values_list("pk", flat=True)
    )
    saeulen = [None, *Saeule.values]
    neue = []
    for nummer, slug in _fehlend(
        Meldung, "slug", "testdaten-meldung-{:05d}", lauf.anzahl("meldungen")
    ):
        rng = _rng("meldung", nummer)
        kreis = rng.choice(lauf.kreise)
        ort = gemeinde_name(rng.randrange(1, BASIS["kommunen"] + 1))
        datum = _datum(rng, datetime.date(ERSTES_JAHR, 1, 1), lauf.ende)
        markdown, html = lauf.text(rng)
        neue.append(
            Meldung(
                titel=lauf.titel(rng, kreis, ort),
                slug=slug,
                datum=datum,
                teaser=lauf.saetze(rng, 2, kreis, ort),
                text=markdown,
                text_html=html,
                saeule=rng.choice(saeulen),
                rundschreiben_id=(
                    rng.choice(rundschreiben_ids)
                    if rundschreiben_ids and rng.random() < 0.05
                    else None
                ),
                status=Meldung.Status.VEROEFFENTLICHT,
                veroeffentlichen_ab=_zeitpunkt(datum, rng.randrange(7, 18)),
            )
        )
    return {"Meldung": len(_bulk(Meldung, neue))}


def seiten(lauf: Lauf) -> dict[str, int]:
    """Pages without a pillar: pages with one would all appear on the home page."""
    neue = []
    for nummer, slug in _fehlend(Seite, "pfad", "testdaten-seite-{:05d}", lauf.anzahl("seiten")):
        rng = _rng("seite", nummer)
        kreis = rng.choice(lauf.kreise)
        ort = gemeinde_name(rng.randrange(1, BASIS["kommunen"] + 1))
        markdown, html = lauf.text(rng)
        neue.append(
            Seite(
                titel=f"Testdaten: {rng.choice(THEMEN)} – Informationen für {ort}",
                slug=slug,
                pfad=slug,
                teaser=lauf.saetze(rng, 2, kreis, ort),
                text=markdown,
                text_html=html,
                reihenfolge=nummer % 1000,
                status=Seite.Status.VEROEFFENTLICHT,
                veroeffentlichen_ab=_zeitpunkt(
                    _datum(rng, datetime.date(ERSTES_JAHR, 1, 1), lauf.ende), 9
                ),
            )
        )
    return {"Seite": len(_bulk(Seite, neue))}


def faq(lauf: Lauf) -> dict[str, int]:
    themen = {t.titel: t for t in FAQThema.objects.filter(titel__startswith="Testdaten: ")}
    neue_themen = [
        FAQThema(titel=f"Testdaten: {titel}", reihenfolge=900 + position)
        for position, titel in enumerate(FAQ_THEMEN)
        if f"Testdaten: {titel}" not in themen
    ]
    for thema in _bulk(FAQThema, neue_themen):
        themen[thema.titel] = thema
    reihe = [themen[f"Testdaten: {titel}"] for titel in FAQ_THEMEN]
    # The key of a question: its position (reihenfolge) among the test topics' questions.
    vorhanden = set(FAQ.objects.filter(thema__in=reihe).values_list("reihenfolge", flat=True))
    neue = []
    for nummer in range(1, lauf.anzahl("faq") + 1):
        if nummer in vorhanden:
            continue
        rng = _rng("faq", nummer)
        kreis = rng.choice(lauf.kreise)
        markdown, html = lauf.text(rng)
        neue.append(
            FAQ(
                thema=reihe[(nummer - 1) % len(reihe)],
                frage="Testdaten: " + lauf.fuellen(rng, rng.choice(FRAGEN), kreis, ""),
                reihenfolge=nummer,
                text=markdown,
                text_html=html,
                status=FAQ.Status.VEROEFFENTLICHT,
                veroeffentlichen_ab=_zeitpunkt(datetime.date(ERSTES_JAHR, 1, 1), 9),
            )
        )
    return {"FAQThema": len(neue_themen), "FAQ": len(_bulk(FAQ, neue))}


def veranstaltungen(lauf: Lauf) -> dict[str, int]:
    """Past events over the years; one in 2,000 lies ahead (the list of coming events shows
    them all, unpaginated, as a real programme has few)."""
    arten = dict(Veranstaltung.Art.choices)
    neue = []
    for nummer, slug in _fehlend(
        Veranstaltung, "slug", "testdaten-veranstaltung-{:05d}", lauf.anzahl("veranstaltungen")
    ):
        rng = _rng("veranstaltung", nummer)
        kreis = rng.choice(lauf.kreise)
        gemeinde = rng.randrange(1, BASIS["kommunen"] + 1)
        ort = gemeinde_name(gemeinde)
        if nummer % 2000 == 0:
            tag = lauf.heute + datetime.timedelta(days=30 + nummer // 2000)
        else:
            tag = _datum(rng, datetime.date(ERSTES_JAHR, 1, 1), lauf.ende)
        beginn = _zeitpunkt(tag, rng.randrange(9, 19))
        art = rng.choice(list(arten))
        markdown, html = lauf.text(rng)
        neue.append(
            Veranstaltung(
                titel=f"Testdaten: {arten[art]} {rng.choice(THEMEN)} in {ort}",
                slug=slug,
                art=art,
                beginn=beginn,
                ende=beginn + datetime.timedelta(hours=rng.randrange(2, 8)),
                ort=f"Bürgerhaus {ort}, {kreis}",
                adresse=f"Marktplatz {rng.randrange(1, 30)}, {_plz(gemeinde)} {ort}",
                teaser=lauf.saetze(rng, 2, kreis, ort),
                text=markdown,
                text_html=html,
                saeule=rng.choice([None, *Saeule.values]),
                veranstalter=VERANSTALTER,
                status=Veranstaltung.Status.VEROEFFENTLICHT,
                veroeffentlichen_ab=min(
                    beginn - datetime.timedelta(days=rng.randrange(10, 60)), lauf.jetzt
                ),
            )
        )
    return {"Veranstaltung": len(_bulk(Veranstaltung, neue))}


# --- Alliances ------------------------------------------------------------------------------


def _foerderrunden(lauf: Lauf) -> dict[int, Foerderrunde]:
    runden = {}
    for jahr in range(ERSTES_JAHR, lauf.ende.year + 1):
        runden[jahr], _ = Foerderrunde.objects.get_or_create(
            slug=f"testdaten-runde-{jahr}",
            defaults={
                "programm": "Testdaten: Gemeinsam in Vielfalt",
                "runde": jahr - ERSTES_JAHR + 1,
                "jahr": jahr,
            },
        )
    return runden


def buendnisse(lauf: Lauf) -> dict[str, int]:
    runden = _foerderrunden(lauf)
    fehlend = _fehlend(Buendnis, "slug", "testdaten-buendnis-{:05d}", lauf.anzahl("buendnisse"))
    if not fehlend:
        return {"Buendnis": 0}
    gemeinden = lauf.kommunen()
    andere = list(
        Organisation.objects.filter(slug__startswith="testdaten-organisation-")
        .select_related("kreis")
        .order_by("slug")
    )
    gemeinden_je_kreis: dict[int, list[str]] = {}
    for gemeinde in gemeinden:
        gemeinden_je_kreis.setdefault(gemeinde.kreis_id, []).append(gemeinde.name)
    personen_je_organisation: dict[int, list[int]] = {}
    for pk, organisation in (
        Person.objects.filter(slug__startswith="testdaten-person-", oeffentlich=True)
        .order_by("slug")
        .values_list("pk", "organisation_id")
    ):
        personen_je_organisation.setdefault(organisation, []).append(pk)
    themenfelder = list(Themenfeld.objects.order_by("pk").values_list("pk", flat=True))
    neue, partner, personen, themen = [], [], [], []
    for nummer, slug in fehlend:
        rng = _rng("buendnis", nummer)
        traeger = rng.choice(gemeinden if rng.random() < 0.7 or not andere else andere)
        kreis = traeger.kreis
        nachbarn = gemeinden_je_kreis.get(kreis.pk, [])[:3]
        jahr = rng.randrange(ERSTES_JAHR, lauf.ende.year + 1)
        beginn = _datum(rng, datetime.date(jahr, 1, 1), min(datetime.date(jahr, 12, 1), lauf.ende))
        ende = beginn + datetime.timedelta(days=rng.randrange(180, 730))
        t, t2 = rng.sample(THEMEN, 2)
        buendnis = Buendnis(
            name=f"Testdaten: Bündnis {t} {traeger.ort or traeger.name} ({nummer:05d})",
            slug=slug,
            traeger=traeger,
            kreis=kreis,
            gemeinden=", ".join(dict.fromkeys([traeger.ort, *nachbarn])),
            foerderrunde=runden[jahr],
            betrag=Decimal(rng.randrange(5000, 30001, 500)),
            beginn=beginn,
            ende=ende,
            status=(
                Buendnis.Status.ABGESCHLOSSEN if ende < lauf.heute else Buendnis.Status.LAUFEND
            ),
            beschreibung=lauf.saetze(rng, 3, kreis, traeger.ort),
            ziele=f"Testdaten: {t} und {t2} in {traeger.ort} dauerhaft verankern. "
            + lauf.saetze(rng, 2, kreis, traeger.ort),
            aktivitaeten=lauf.saetze(rng, 3, kreis, traeger.ort),
            website=f"https://buendnis-{nummer:05d}.testdaten.example/",
        )
        neue.append(buendnis)
        for position, rolle in enumerate(rng.sample(Partner.Rolle.values, 2)):
            partner.append(
                Partner(
                    buendnis=buendnis,
                    name=f"Testpartner {rng.choice(THEMEN)} {nummer:05d}-{position + 1}",
                    rolle=rolle,
                    reihenfolge=position,
                )
            )
        for person in personen_je_organisation.get(traeger.pk, [])[:2]:
            personen.append((buendnis, person))
        themen += [(buendnis, pk) for pk in rng.sample(themenfelder, min(2, len(themenfelder)))]
    _bulk(Buendnis, neue)
    _bulk(Partner, partner)
    durch_personen = Buendnis.ansprechpersonen.through
    _bulk(durch_personen, (durch_personen(buendnis_id=b.pk, person_id=p) for b, p in personen))
    durch_themen = Buendnis.themen.through
    _bulk(durch_themen, (durch_themen(buendnis_id=b.pk, themenfeld_id=t) for b, t in themen))
    return {"Buendnis": len(neue), "Partner": len(partner), "Ansprechpersonen": len(personen)}


# --- Funding: programmes, calls, applications ----------------------------------------------

PROGRAMME = [
    ("testdaten-fluechtlingsdialog", "Testdaten: Kommunaler Flüchtlingsdialog", "TDFD",
     Saeule.FLUECHTLINGSDIALOGE, 2, 15000),
    ("testdaten-gemeinsam-in-vielfalt", "Testdaten: Gemeinsam in Vielfalt", "TDGV",
     Saeule.BUENDNISSE, 6, 20000),
]  # fmt: skip
# The open calls: one with applications in every early state, one left empty so that every
# test municipality can start and submit an application in the load test.
OFFEN = "testdaten-laufend"
LASTTEST = "testdaten-lasttest"


def _berlin(jahr: int, monat: int, tag: int, stunde: int = 0, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(jahr, monat, tag, stunde, minute))


def ausschreibungen(lauf: Lauf) -> dict[str, int]:
    """Two programmes with a call per year each, and two calls open now. The open ones are
    kept open: a later run moves their deadline on when it comes near."""
    neu = {"Programm": 0, "Ausschreibung": 0}
    bald = lauf.jetzt + datetime.timedelta(days=30)
    for slug, name, kuerzel, saeule, monat, hoechstbetrag in PROGRAMME:
        text = f"{HINWEIS}\n\nDas Programm fördert {name.removeprefix('Testdaten: ')}."
        programm, angelegt = Programm.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kuerzel": kuerzel,
                "kurzbeschreibung": "Testdaten: Zuschüsse für Vorhaben mit Geflüchteten.",
                "antragsberechtigt": "Testdaten: Städte und Gemeinden in Baden-Württemberg.",
                "saeule": saeule,
                "text": text,
                "reihenfolge": 90,
                "status": Programm.Status.VEROEFFENTLICHT,
                "veroeffentlichen_ab": _berlin(ERSTES_JAHR, 1, 1),
            },
        )
        neu["Programm"] += angelegt
        runden = _foerderrunden(lauf) if kuerzel == "TDGV" else {}
        calls = [
            (
                f"testdaten-{jahr}",
                f"{name} {jahr}",
                _berlin(jahr, monat, 1),
                _berlin(jahr, monat + 2, 30, 23, 59),
                datetime.date(jahr, monat + 3, 1),
                datetime.date(jahr + 1, monat + 1, 28),
                runden.get(jahr),
            )
            for jahr in range(ERSTES_JAHR + 1, lauf.ende.year + 1)
            if _berlin(jahr, monat, 1) < lauf.jetzt
        ]
        if kuerzel == "TDFD":
            ab = min(_berlin(2026, 10, 1), lauf.jetzt - datetime.timedelta(days=30))
            bis = max(_berlin(2027, 3, 31, 23, 59), lauf.jetzt + datetime.timedelta(days=90))
            durchfuehrung_bis = bis.date() + datetime.timedelta(days=365)
            for call_slug, titel in [(OFFEN, "laufende Runde"), (LASTTEST, "Lasttest")]:
                calls.append(
                    (call_slug, f"{name} – {titel}", ab, bis, ab.date(), durchfuehrung_bis, None)
                )
        for call_slug, titel, ab, bis, von, bis_datum, runde in calls:
            call, angelegt = Ausschreibung.objects.get_or_create(
                programm=programm,
                slug=call_slug,
                defaults={
                    "titel": titel,
                    "text": f"{HINWEIS}\n\nGefördert werden Vorhaben zu "
                    + ", ".join(THEMEN[:6])
                    + ".",
                    "offen_ab": ab,
                    "offen_bis": bis,
                    "hoechstbetrag": Decimal(hoechstbetrag),
                    "berechtigte_arten": [Organisation.Art.KOMMUNE],
                    "durchfuehrung_von": von,
                    "durchfuehrung_bis": bis_datum,
                    "foerderrunde": runde,
                    "status": Ausschreibung.Status.VEROEFFENTLICHT,
                    "veroeffentlichen_ab": ab - datetime.timedelta(days=14),
                },
            )
            if angelegt:
                neu["Ausschreibung"] += 1
                Kriterium.objects.bulk_create(
                    Kriterium(ausschreibung=call, name=k, gewicht=g, reihenfolge=position)
                    for position, (k, g) in enumerate(KRITERIEN)
                )
                if call_slug != LASTTEST:
                    Frage.objects.create(ausschreibung=call, text=FRAGE, typ=Frage.Typ.LANGTEXT)
            elif call_slug in {OFFEN, LASTTEST} and call.offen_bis < bald:
                Ausschreibung.objects.filter(pk=call.pk).update(
                    offen_bis=bis, durchfuehrung_bis=max(call.durchfuehrung_bis, bis_datum)
                )
    return neu


S = Antrag.Status
# What the applications of a call have come to, by where the call stands (weights in %).
PHASEN = {
    "offen": [(S.ENTWURF, 55), (S.EINGEREICHT, 27), (S.IN_PRUEFUNG, 5), (S.RUECKFRAGE, 5),
              (S.ZURUECKGEZOGEN, 8)],
    "pruefung": [(S.ENTWURF, 5), (S.EINGEREICHT, 10), (S.IN_PRUEFUNG, 30), (S.RUECKFRAGE, 10),
                 (S.BEWILLIGT, 15), (S.TEILWEISE_BEWILLIGT, 8), (S.ABGELEHNT, 15),
                 (S.ZURUECKGEZOGEN, 7)],
    "laufend": [(S.BEWILLIGT, 40), (S.TEILWEISE_BEWILLIGT, 15), (S.ABGELEHNT, 20),
                (S.ZURUECKGEZOGEN, 5), (S.NACHWEIS_FAELLIG, 12), (S.NACHWEIS_EINGEREICHT, 5),
                (S.ABGESCHLOSSEN, 3)],
    "abgeschlossen": [(S.ABGESCHLOSSEN, 55), (S.ABGELEHNT, 22), (S.ZURUECKGEZOGEN, 8),
                      (S.NACHWEIS_EINGEREICHT, 5), (S.NACHWEIS_FAELLIG, 10)],
}  # fmt: skip
NACH_DER_ENTSCHEIDUNG = {S.NACHWEIS_FAELLIG, S.NACHWEIS_EINGEREICHT, S.ABGESCHLOSSEN}
NACH_DER_PRUEFUNG = Antrag.ENTSCHEIDUNGEN | NACH_DER_ENTSCHEIDUNG
BEGRUENDUNG = {
    S.BEWILLIGT: "Testdaten: Das Vorhaben entspricht den Zielen der Ausschreibung.",
    S.TEILWEISE_BEWILLIGT: "Testdaten: Einzelne Kostenpositionen sind nicht förderfähig.",
    S.ABGELEHNT: "Testdaten: Die verfügbaren Mittel reichen nicht für alle Anträge.",
}
RUECKFRAGEN = [
    "Testdaten: Bitte erläutern Sie die Honorarkosten genauer.",
    "Testdaten: Wer moderiert die Veranstaltungen?",
    "Testdaten: Bitte ergänzen Sie, wie Sie Geflüchtete einladen.",
]


def _phase(call: Ausschreibung, lauf: Lauf) -> str:
    if call.offen_ab <= lauf.jetzt < call.offen_bis:
        return "offen"
    if lauf.jetzt - call.offen_bis < datetime.timedelta(days=120):
        return "pruefung"
    return "laufend" if call.durchfuehrung_bis >= lauf.heute else "abgeschlossen"


class _Uhr:
    """An application's clock: moves only forward and never past the present."""

    def __init__(self, start: datetime.datetime, grenze: datetime.datetime):
        self.grenze = grenze
        self.t = min(start, grenze)

    def weiter(self, rng: random.Random, von_tagen: float, bis_tagen: float) -> datetime.datetime:
        sekunden = int(von_tagen * 86400) + rng.randrange(int((bis_tagen - von_tagen) * 86400) + 1)
        return self.mindestens(self.t + datetime.timedelta(seconds=sekunden))

    def mindestens(self, t: datetime.datetime) -> datetime.datetime:
        self.t = max(self.t, min(t, self.grenze))
        return self.t


@dataclass
class _Akte:
    """One application and everything that hangs on it, before it goes to the database."""

    antrag: Antrag
    kosten: list = field(default_factory=list)
    verlauf: list = field(default_factory=list)
    einreichungen: list = field(default_factory=list)  # (nummer, am, user_id)
    vorpruefungen: list = field(default_factory=list)
    rueckfragen: list = field(default_factory=list)
    gutachten: list = field(default_factory=list)  # (Gutachten, [punkte …])
    nachweis: Verwendungsnachweis | None = None
    auszahlungen: list = field(default_factory=list)


class _Antragsbau:
    """Builds one application with a history that the state machine (Antrag.UEBERGAENGE)
    could have written, with the reviews, queries, payments and reports its state implies."""

    def __init__(self, lauf: Lauf, staff_id: int, jury: list[int]):
        self.lauf, self.staff_id, self.jury = lauf, staff_id, jury

    def bauen(
        self,
        nummer: int,
        call: Ausschreibung,
        gemeinde: Organisation,
        user_id: int | None,
        phase: str,
        position: int,
    ) -> _Akte:
        """`position`: how many applications to the call came before; the first ones take
        each state of the phase in turn, so that a small scale shows every state, too."""
        rng = _rng("antrag", nummer)
        lauf = self.lauf
        staende = PHASEN[phase]
        stand = rng.choices(*zip(*staende, strict=True))[0]
        if position < len(staende):
            stand = staende[position][0]
        zurueck_von = None
        if stand == S.ZURUECKGEZOGEN:
            zurueck_von = rng.choices([S.ENTWURF, S.EINGEREICHT, S.IN_PRUEFUNG], [4, 4, 2])[0]
        ort = gemeinde.name
        t, t2 = rng.sample(THEMEN, 2)
        antrag = Antrag(
            ausschreibung=call,
            organisation=gemeinde,
            status=stand,
            erstellt_von_id=user_id,
            kontakt_name=f"{rng.choice(VORNAMEN)} {_nachname(rng)}",
            kontakt_funktion=rng.choice(FUNKTIONEN),
            kontakt_email=f"testdaten-antrag-{nummer:05d}@testgemeinde-{gemeinde.slug[-4:]}.example",
            kontakt_telefon=_telefon(rng),
        )
        akte = _Akte(antrag)
        eingereicht = stand != S.ENTWURF and zurueck_von != S.ENTWURF
        stufe = 5 if eingereicht else rng.randrange(1, 6)
        if stufe >= 2:
            antrag.titel = "Testdaten: " + lauf.fuellen(
                rng, rng.choice(VORHABEN), gemeinde.kreis, ort
            )
            antrag.ziele = lauf.saetze(rng, 2, gemeinde.kreis, ort)
            antrag.format = rng.choice(Format.values)
            antrag.themen = rng.sample(Thema.values, rng.randrange(1, 4))
            antrag.beschreibung = lauf.saetze(rng, 4, gemeinde.kreis, ort)
        if stufe >= 3:
            antrag.ort = f"Bürgerhaus {ort}"
            antrag.teilnehmende = rng.randrange(15, 300)
            antrag.beteiligung_gefluechtete = f"Testdaten: Geflüchtete planen {t} mit."
            antrag.beteiligung_ehrenamtliche = f"Testdaten: Der Freundeskreis übernimmt {t2}."
            antrag.beteiligung_verwaltung = "Testdaten: Das Sozialamt koordiniert."
            antrag.beteiligung_buergerschaft = "Testdaten: Offene Einladung über das Amtsblatt."
            antrag.partner = "Testdaten: Kirchengemeinde, Volkshochschule, Sportverein"
        if stufe >= 4:
            antrag.antworten = {
                str(frage.pk): f"Testdaten: Geflüchtete sind im Vorbereitungskreis zu {t}."
                for frage in call.fragen.all()
            }
        if stufe >= 5:
            self._finanzierung(rng, akte)

        jetzt = lauf.jetzt - datetime.timedelta(hours=1)
        ende_antrag = min(call.offen_bis, jetzt)
        spanne = max(1, int((ende_antrag - call.offen_ab).total_seconds() * 0.7))
        uhr = _Uhr(call.offen_ab + datetime.timedelta(seconds=rng.randrange(spanne)), jetzt)
        antrag.erstellt_am = uhr.t
        self._zeitraum(rng, antrag, call.durchfuehrung_von, call.durchfuehrung_bis)
        if not eingereicht:
            if stand == S.ZURUECKGEZOGEN:
                uhr.weiter(rng, 1, 20)
                self._wechsel(akte, S.ENTWURF, S.ZURUECKGEZOGEN, uhr.t, user_id, "Zurückgezogen.")
            return akte

        uhr.weiter(rng, 0.1, 10)
        if uhr.t >= call.offen_bis:  # then it came in the last hours before the deadline
            frist = call.offen_bis - datetime.timedelta(minutes=rng.randrange(1, 600))
            uhr.t = max(antrag.erstellt_am, frist)
        antrag.eingereicht_am = uhr.t
        self._einreichen(akte, uhr.t, user_id, S.ENTWURF, "Eingereicht.")
        if stand == S.EINGEREICHT or zurueck_von == S.EINGEREICHT:
            if zurueck_von:
                uhr.weiter(rng, 1, 20)
                self._wechsel(akte, S.EINGEREICHT, stand, uhr.t, user_id, "Zurückgezogen.")
            return akte

        self._pruefen(akte, uhr.weiter(rng, 2, 20))
        gutachten = []
        if stand in NACH_DER_PRUEFUNG or rng.random() < 0.5:
            gutachten = self._gutachter(rng, akte, uhr.weiter(rng, 1, 5))
        if stand == S.RUECKFRAGE or zurueck_von == S.IN_PRUEFUNG:
            if stand == S.RUECKFRAGE:
                self._rueckfrage(rng, akte, uhr.weiter(rng, 2, 15))
            else:
                uhr.weiter(rng, 2, 30)
                self._wechsel(akte, S.IN_PRUEFUNG, stand, uhr.t, user_id, "Zurückgezogen.")
            return akte
        if stand in NACH_DER_PRUEFUNG and rng.random() < 0.15:
            self._rueckfrage(rng, akte, uhr.weiter(rng, 2, 15))
            antwort = uhr.weiter(rng, 2, 12)
            akte.rueckfragen[-1].antwort = "Testdaten: Die Angaben sind im Antrag ergänzt."
            akte.rueckfragen[-1].beantwortet_am = antwort
            akte.rueckfragen[-1].beantwortet_von_id = user_id
            self._einreichen(
                akte, antwort, user_id, S.RUECKFRAGE, "Nach der Rückfrage erneut eingereicht."
            )
            self._pruefen(akte, uhr.weiter(rng, 1, 7))
        if stand == S.IN_PRUEFUNG:
            for gutachten_, punkte in gutachten:
                if rng.random() < 0.5:
                    self._bewerten(rng, gutachten_, punkte, None, uhr.weiter(rng, 1, 10))
            return akte

        entscheidung = stand if stand in Antrag.ENTSCHEIDUNGEN else None
        if entscheidung is None:
            entscheidung = rng.choices([S.BEWILLIGT, S.TEILWEISE_BEWILLIGT], [3, 1])[0]
        for gutachten_, punkte in gutachten:
            self._bewerten(rng, gutachten_, punkte, entscheidung, uhr.weiter(rng, 1, 10))
        uhr.mindestens(call.offen_bis)
        entschieden = uhr.weiter(rng, 14, 60)
        self._entscheiden(rng, akte, entscheidung, entschieden)
        mitteilen = stand in NACH_DER_ENTSCHEIDUNG or phase != "pruefung" or rng.random() < 0.4
        if not mitteilen:
            return akte
        antrag.freigegeben_am = uhr.weiter(rng, 1, 10)
        antrag.freigegeben_von_id = self.staff_id
        if entscheidung == S.ABGELEHNT:
            return akte
        # The activity: after the grant; ended (report due) or still running, as the state says.
        von = max(call.durchfuehrung_von, antrag.freigegeben_am.date() + datetime.timedelta(14))
        if stand in NACH_DER_ENTSCHEIDUNG:
            bis = min(call.durchfuehrung_bis, lauf.heute - datetime.timedelta(days=2))
        else:
            von = max(von, lauf.heute + datetime.timedelta(days=1))
            bis = call.durchfuehrung_bis
        self._zeitraum(rng, antrag, min(von, bis), bis)
        antrag.nachweis_faellig_am = antrag.nachweis_frist()
        self._auszahlen(rng, akte, antrag.freigegeben_am, Decimal("0.8"))
        if stand not in NACH_DER_ENTSCHEIDUNG:
            return akte
        uhr.mindestens(_zeitpunkt(antrag.ende + datetime.timedelta(days=1), 5))
        self._wechsel(
            akte,
            entscheidung,
            S.NACHWEIS_FAELLIG,
            uhr.t,
            None,
            "Die geförderte Maßnahme ist beendet. Bitte reichen Sie den Verwendungsnachweis ein.",
        )
        if stand == S.NACHWEIS_FAELLIG:
            if rng.random() < 0.3:
                akte.nachweis = self._nachweis(rng, antrag, None, None)
            return akte
        eingang = uhr.weiter(rng, 10, 60)
        akte.nachweis = self._nachweis(rng, antrag, eingang, user_id)
        self._wechsel(
            akte,
            S.NACHWEIS_FAELLIG,
            S.NACHWEIS_EINGEREICHT,
            eingang,
            user_id,
            "Verwendungsnachweis eingereicht.",
        )
        if stand == S.ABGESCHLOSSEN:
            abschluss = uhr.weiter(rng, 7, 60)
            self._wechsel(
                akte,
                S.NACHWEIS_EINGEREICHT,
                S.ABGESCHLOSSEN,
                abschluss,
                self.staff_id,
                "Testdaten: Verwendungsnachweis geprüft.",
            )
            rest = antrag.bewilligt_betrag - sum(a.betrag for a in akte.auszahlungen)
            if rest > 0:
                akte.auszahlungen.append(self._auszahlung(akte, rest, abschluss.date()))
        return akte

    # --- the pieces -------------------------------------------------------------------------

    def _wechsel(
        self,
        akte: _Akte,
        von: str,
        nach: str,
        am: datetime.datetime,
        user_id: int | None,
        notiz: str,
    ) -> None:
        if user_id is None and nach == S.NACHWEIS_FAELLIG:
            rolle = Antrag.SYSTEM
        elif user_id == self.staff_id:
            rolle = Antrag.FOERDERREFERAT
        else:
            rolle = Antrag.ANTRAGSTELLER
        akte.verlauf.append(
            Statuswechsel(
                antrag=akte.antrag,
                von=von,
                nach=nach,
                user_id=user_id,
                rolle=rolle,
                am=am,
                notiz=notiz,
            )
        )

    def _einreichen(
        self, akte: _Akte, am: datetime.datetime, user_id: int | None, von: str, notiz: str
    ) -> None:
        akte.einreichungen.append((len(akte.einreichungen) + 1, am, user_id))
        self._wechsel(akte, von, S.EINGEREICHT, am, user_id, notiz)

    def _pruefen(self, akte: _Akte, am: datetime.datetime) -> None:
        akte.vorpruefungen.append(
            Vorpruefung(
                antrag=akte.antrag,
                berechtigt=True,
                vollstaendig=True,
                im_hoechstbetrag=True,
                im_zeitraum=True,
                geprueft_von_id=self.staff_id,
                geprueft_am=am,
            )
        )
        self._wechsel(
            akte, S.EINGEREICHT, S.IN_PRUEFUNG, am, self.staff_id, "Vorprüfung bestanden."
        )

    def _rueckfrage(self, rng: random.Random, akte: _Akte, am: datetime.datetime) -> None:
        self._wechsel(akte, S.IN_PRUEFUNG, S.RUECKFRAGE, am, self.staff_id, "Rückfrage gestellt.")
        akte.rueckfragen.append(
            Rueckfrage(
                antrag=akte.antrag,
                frage=rng.choice(RUECKFRAGEN),
                gestellt_von_id=self.staff_id,
                gestellt_am=am,
            )
        )

    def _gutachter(self, rng: random.Random, akte: _Akte, am: datetime.datetime) -> list:
        neue = []
        for gutachter in rng.sample(self.jury, min(2, len(self.jury))):
            gutachten = Gutachten(
                antrag=akte.antrag,
                gutachter_id=gutachter,
                zugewiesen_von_id=self.staff_id,
                zugewiesen_am=am,
            )
            neue.append((gutachten, []))
        akte.gutachten += neue
        return neue

    def _bewerten(
        self,
        rng: random.Random,
        gutachten: Gutachten,
        punkte: list,
        entscheidung: str | None,
        am: datetime.datetime,
    ) -> None:
        lage = {S.BEWILLIGT: (3, 5), S.TEILWEISE_BEWILLIGT: (2, 4), S.ABGELEHNT: (0, 3)}
        unten, oben = lage.get(entscheidung, (1, 5))
        punkte += [rng.randint(unten, oben) for _ in KRITERIEN]
        mittel = sum(punkte) / len(punkte)
        gutachten.empfehlung = (
            Gutachten.Empfehlung.BEWILLIGEN
            if mittel >= 3.5
            else Gutachten.Empfehlung.TEILWEISE
            if mittel >= 2.5
            else Gutachten.Empfehlung.ABLEHNEN
        )
        gutachten.kommentar = "Testdaten: Nachvollziehbar geplant, gute Beteiligung."
        gutachten.eingereicht_am = am

    def _entscheiden(
        self, rng: random.Random, akte: _Akte, entscheidung: str, am: datetime.datetime
    ) -> None:
        antrag = akte.antrag
        if entscheidung == S.BEWILLIGT:
            antrag.bewilligt_betrag = antrag.beantragt
        elif entscheidung == S.TEILWEISE_BEWILLIGT:
            anteil = Decimal(rng.randrange(50, 95)) / 100
            antrag.bewilligt_betrag = (antrag.beantragt * anteil).quantize(Decimal("1"))
            antrag.auflagen = "Testdaten: Honorare nur nach den Sätzen des Landes."
        self._wechsel(
            akte, S.IN_PRUEFUNG, entscheidung, am, self.staff_id, BEGRUENDUNG[entscheidung]
        )

    def _finanzierung(self, rng: random.Random, akte: _Akte) -> None:
        """Costs in two to four lines, covered exactly by own share, third parties and the
        request, which stays within the call's cap (as the finance step demands)."""
        antrag = akte.antrag
        hoechst = int(antrag.ausschreibung.hoechstbetrag)
        gesamt = rng.randrange(3000, hoechst + 6000, 50)
        eigen = rng.randrange(gesamt // 10, gesamt // 4, 50) // 50 * 50
        dritt = rng.choice([0, 0, gesamt // 10 // 50 * 50])
        beantragt = gesamt - eigen - dritt
        if beantragt > hoechst:
            eigen, beantragt = eigen + beantragt - hoechst, hoechst
        antrag.eigenanteil, antrag.drittmittel = Decimal(eigen), Decimal(dritt)
        antrag.beantragt = Decimal(beantragt)
        teile = rng.randrange(2, 5)
        schnitte = sorted(rng.sample(range(1, gesamt // 50), teile - 1))
        betraege = [
            (b - a) * 50 for a, b in zip([0, *schnitte], [*schnitte, gesamt // 50], strict=True)
        ]
        betraege[-1] += gesamt - sum(betraege)
        for art, betrag in zip(rng.sample(Kostenposition.Art.values, teile), betraege, strict=True):
            akte.kosten.append(
                Kostenposition(
                    antrag=antrag,
                    art=art,
                    beschreibung=f"Testdaten: {Kostenposition.Art(art).label}",
                    betrag=Decimal(betrag),
                )
            )

    def _zeitraum(
        self, rng: random.Random, antrag: Antrag, von: datetime.date, bis: datetime.date
    ) -> None:
        ende = _datum(rng, von, bis)
        antrag.ende = ende
        antrag.beginn = _datum(rng, max(von, ende - datetime.timedelta(days=120)), ende)

    def _auszahlung(self, akte: _Akte, betrag: Decimal, am: datetime.date) -> Auszahlung:
        return Auszahlung(
            antrag=akte.antrag,
            betrag=betrag,
            am=am,
            vermerk="Testdaten",
            gebucht_von_id=self.staff_id,
            gebucht_am=_zeitpunkt(am, 11),
        )

    def _auszahlen(
        self, rng: random.Random, akte: _Akte, freigabe: datetime.datetime, anteil: Decimal
    ) -> None:
        am = freigabe.date() + datetime.timedelta(days=rng.randrange(14, 40))
        if am < self.lauf.heute:
            betrag = (akte.antrag.bewilligt_betrag * anteil).quantize(Decimal("0.01"))
            akte.auszahlungen.append(self._auszahlung(akte, betrag, am))

    def _nachweis(
        self,
        rng: random.Random,
        antrag: Antrag,
        eingang: datetime.datetime | None,
        user_id: int | None,
    ) -> Verwendungsnachweis:
        teilnehmende = rng.randrange(10, 250)
        return Verwendungsnachweis(
            antrag=antrag,
            durchgefuehrt_am=f"{antrag.beginn:%d.%m.%Y} bis {antrag.ende:%d.%m.%Y}",
            bericht="Testdaten: Die geplanten Treffen haben stattgefunden. "
            + self.lauf.saetze(rng, 2, antrag.organisation.kreis, antrag.organisation.name),
            ergebnisse="Testdaten: Ein fester Kreis von Ehrenamtlichen ist entstanden.",
            teilnehmende=teilnehmende if eingang else None,
            davon_gefluechtete=teilnehmende // 3 if eingang else None,
            eingereicht_am=eingang,
            eingereicht_von_id=user_id,
        )


def antraege(lauf: Lauf) -> dict[str, int]:
    """Applications of the test municipalities to the test calls (never to the load test's
    call), in every state, each municipality at most once per call. The key of the n-th is
    its contact address testdaten-antrag-n@…"""
    vorhanden = {
        int(email.split("@")[0].rsplit("-", 1)[1])
        for email in _vorhanden(Antrag.objects, "kontakt_email", "testdaten-antrag-")
    }
    fehlend = [n for n in range(1, lauf.anzahl("antraege") + 1) if n not in vorhanden]
    calls = list(
        Ausschreibung.objects.filter(programm__slug__in=[p[0] for p in PROGRAMME])
        .exclude(slug=LASTTEST)
        .select_related("programm")
        .prefetch_related("fragen")
        .order_by("offen_ab", "pk")
    )
    gemeinden = lauf.kommunen()
    if not (fehlend and calls and gemeinden):
        return {"Antrag": 0}
    phasen = {call.pk: _phase(call, lauf) for call in calls}
    konten = dict(
        Mitgliedschaft.objects.filter(
            organisation__slug__startswith="testdaten-testgemeinde-",
            user__username__endswith=f"@{KONTO_DOMAIN}",
        ).values_list("organisation_id", "user_id")
    )
    jury = list(
        User.objects.filter(username__startswith="testdaten-jury-")
        .order_by("username")
        .values_list("pk", flat=True)
    )
    bau = _Antragsbau(lauf, lauf.staff.pk, jury)
    belegt = set(
        Antrag.objects.filter(ausschreibung__in=calls)
        .exclude(status=S.ZURUECKGEZOGEN)
        .values_list("ausschreibung_id", "organisation_id")
    )
    akten, je_call = [], dict.fromkeys(calls, 0)
    for nummer in fehlend:
        # Municipality k's r-th application goes to call 7k + r (mod C): every municipality
        # applies about equally often, to different calls, and the calls fill evenly.
        k, r = (nummer - 1) % len(gemeinden), (nummer - 1) // len(gemeinden)
        gemeinde = gemeinden[k]
        for versuch in range(len(calls)):
            call = calls[(7 * k + r + versuch) % len(calls)]
            if (call.pk, gemeinde.pk) not in belegt:
                break
        else:
            continue  # the municipality has applied to every call already
        akte = bau.bauen(
            nummer, call, gemeinde, konten.get(gemeinde.pk), phasen[call.pk], je_call[call]
        )
        je_call[call] += 1
        if akte.antrag.status != S.ZURUECKGEZOGEN:
            belegt.add((call.pk, gemeinde.pk))
        akten.append(akte)

    _aktenzeichen_vergeben([a.antrag for a in akten])
    _bulk(Antrag, (a.antrag for a in akten))
    _bulk(Kostenposition, (k for a in akten for k in a.kosten))
    # What a submission stores (Antrag.als_daten), from the stored rows as the real one does.
    daten = {}
    pks = [a.antrag.pk for a in akten if a.einreichungen]
    for start in range(0, len(pks), BATCH):
        for antrag in (
            Antrag.objects.filter(pk__in=pks[start : start + BATCH])
            .select_related("organisation__kreis", "ausschreibung")
            .prefetch_related("ausschreibung__fragen", "kostenpositionen", "anhaenge")
        ):
            daten[antrag.pk] = antrag.als_daten()
    einreichungen = [
        Einreichung(
            antrag=a.antrag,
            nummer=nummer,
            eingereicht_am=am,
            eingereicht_von_id=user_id,
            daten=daten[a.antrag.pk],
        )
        for a in akten
        for nummer, am, user_id in a.einreichungen
    ]
    _bulk(Einreichung, einreichungen)
    _bulk(Statuswechsel, (w for a in akten for w in a.verlauf))
    _bulk(Vorpruefung, (v for a in akten for v in a.vorpruefungen))
    _bulk(Rueckfrage, (r for a in akten for r in a.rueckfragen))
    gutachten = [(g, p) for a in akten for g, p in a.gutachten]
    _bulk(Gutachten, (g for g, _ in gutachten))
    kriterien = {
        call.pk: list(call.kriterien.order_by("reihenfolge").values_list("pk", flat=True))
        for call in calls
    }
    bewertungen = [
        Bewertung(gutachten=g, kriterium_id=kriterium, punkte=p)
        for g, punkte in gutachten
        for kriterium, p in zip(kriterien[g.antrag.ausschreibung_id], punkte, strict=False)
    ]
    _bulk(Bewertung, bewertungen)
    nachweise = [a.nachweis for a in akten if a.nachweis]
    _bulk(Verwendungsnachweis, nachweise)
    # A submitted report states the real costs of every line.
    abgerechnet = []
    for akte in akten:
        if akte.nachweis and akte.nachweis.eingereicht_am:
            rng = _rng("abrechnung", akte.antrag.pk)
            for kosten in akte.kosten:
                kosten.ist_betrag = (
                    kosten.betrag * Decimal(rng.randrange(85, 101)) / 100
                ).quantize(Decimal("0.01"))
                abgerechnet.append(kosten)
    Kostenposition.objects.bulk_update(abgerechnet, ["ist_betrag"], batch_size=BATCH)
    _bulk(Auszahlung, (z for a in akten for z in a.auszahlungen))
    # "Zuletzt geändert" as the history has it, not the moment of the bulk load.
    neu = [a.antrag.pk for a in akten]
    for start in range(0, len(neu), BATCH):
        Antrag.objects.filter(pk__in=neu[start : start + BATCH]).update(
            geaendert_am=Greatest(
                "erstellt_am",
                Coalesce("eingereicht_am", "erstellt_am"),
                Coalesce("freigegeben_am", "erstellt_am"),
            )
        )
    return {
        "Antrag": len(akten),
        "Statuswechsel": sum(len(a.verlauf) for a in akten),
        "Einreichung": len(einreichungen),
        "Gutachten": len(gutachten),
        "Bewertung": len(bewertungen),
        "Kostenposition": sum(len(a.kosten) for a in akten),
        "Verwendungsnachweis": len(nachweise),
        "Auszahlung": sum(len(a.auszahlungen) for a in akten),
    }


def _aktenzeichen_vergeben(antraege: list[Antrag]) -> None:
    """FD-2017-0042 as Antrag._aktenzeichen_vergeben gives them: per programme and year of
    submission, in the order of submission, after the numbers already taken."""
    letzte: dict[tuple[int, int], int] = {}
    eingereicht = sorted((a for a in antraege if a.eingereicht_am), key=lambda a: a.eingereicht_am)
    for antrag in eingereicht:
        programm = antrag.ausschreibung.programm
        jahr = timezone.localtime(antrag.eingereicht_am).year
        if (programm.pk, jahr) not in letzte:
            letzte[(programm.pk, jahr)] = (
                Antrag.objects.filter(ausschreibung__programm=programm, az_jahr=jahr).aggregate(
                    n=models.Max("az_nummer")
                )["n"]
                or 0
            )
        letzte[(programm.pk, jahr)] += 1
        antrag.az_jahr, antrag.az_nummer = jahr, letzte[(programm.pk, jahr)]
        antrag.aktenzeichen = f"{programm.kuerzel.upper()}-{jahr}-{antrag.az_nummer:04d}"


# --- Volunteers -----------------------------------------------------------------------------


def ehrenamtliche(lauf: Lauf) -> dict[str, int]:
    """Volunteers with the consents the sign-up records (contact always, the others as
    chosen, a few withdrawn), all recently active so no retention job removes them soon."""
    fehlend = _fehlend(
        Ehrenamtliche,
        "email",
        "testdaten-ehrenamt-{:05d}@ehrenamt.example",
        lauf.anzahl("ehrenamtliche"),
    )
    if not fehlend:
        return {"Ehrenamtliche": 0}
    arten = list(Angebotsart.objects.order_by("reihenfolge", "pk").values_list("pk", flat=True))
    neue_arten = []
    if not arten:
        neue_arten = _bulk(
            Angebotsart,
            (
                Angebotsart(name=f"Testdaten: {name}", slug=f"testdaten-{n}", reihenfolge=n)
                for n, name in enumerate(ANGEBOTSARTEN, 1)
            ),
        )
        arten = [a.pk for a in neue_arten]
    hinweis = Datenschutzhinweis.aktuell()
    aktiv_ab = datetime.date(2025, 12, 1)
    zwecke = [(Einwilligung.Zweck.ARBEITSKREIS, 0.4), (Einwilligung.Zweck.NEWSLETTER, 0.3),
              (Einwilligung.Zweck.FOTOS, 0.1)]  # fmt: skip
    neue, auswahl, einwilligungen = [], [], []
    for nummer, email in fehlend:
        rng = _rng("ehrenamt", nummer)
        tag = _datum(rng, datetime.date(ERSTES_JAHR, 1, 1), lauf.ende)
        angemeldet = _zeitpunkt(tag, rng.randrange(7, 22), rng.randrange(60))
        bestaetigt = angemeldet + datetime.timedelta(minutes=rng.randrange(2, 600))
        aktiv = max(bestaetigt, _zeitpunkt(_datum(rng, max(tag, aktiv_ab), lauf.ende), 20))
        person = Ehrenamtliche(
            vorname=rng.choice(VORNAMEN),
            nachname=_nachname(rng),
            email=email,
            telefon=_telefon(rng) if rng.random() < 0.5 else "",
            plz=_plz(rng.randrange(1, BASIS["kommunen"] + 1)),
            kreis=rng.choice(lauf.kreise),
            sprachen=", ".join(["Deutsch", *rng.sample(SPRACHEN, rng.randrange(0, 3))]),
            verfuegbarkeit=rng.sample(Ehrenamtliche.Verfuegbarkeit.values, rng.randrange(1, 4)),
            freitext=(
                f"Testdaten: Ich helfe gern bei {rng.choice(THEMEN)}." if rng.random() < 0.4 else ""
            ),
            stand=Ehrenamtliche.Stand.AKTIV
            if rng.random() < 0.92
            else Ehrenamtliche.Stand.PAUSIERT,
            angemeldet_am=angemeldet,
            bestaetigt_am=bestaetigt,
            letzte_aktivitaet=aktiv,
            fuehrungszeugnis_eingesehen_am=tag if rng.random() < 0.1 else None,
        )
        neue.append(person)
        auswahl += [
            (person, art) for art in rng.sample(arten, rng.randrange(1, min(3, len(arten)) + 1))
        ]
        einwilligungen.append(
            Einwilligung(
                ehrenamtliche=person,
                zweck=Einwilligung.Zweck.KONTAKT,
                hinweis=hinweis,
                erteilt_am=angemeldet,
            )
        )
        for zweck, anteil in zwecke:
            if rng.random() < anteil:
                einwilligungen.append(
                    Einwilligung(
                        ehrenamtliche=person,
                        zweck=zweck,
                        hinweis=hinweis,
                        erteilt_am=angemeldet,
                        widerrufen_am=aktiv if rng.random() < 0.05 else None,
                    )
                )
    _bulk(Ehrenamtliche, neue)
    durch = Ehrenamtliche.angebotsarten.through
    _bulk(durch, (durch(ehrenamtliche_id=p.pk, angebotsart_id=a) for p, a in auswahl))
    _bulk(Einwilligung, einwilligungen)
    return {
        "Angebotsart": len(neue_arten),
        "Ehrenamtliche": len(neue),
        "Einwilligung": len(einwilligungen),
    }


# The steps in the order they depend on each other; each runs in its own transaction.
SCHRITTE: list[tuple[str, Schritt]] = [
    ("Kommunen", kommunen),
    ("Organisationen", organisationen),
    ("Ansprechpersonen", personen),
    ("Konten", konten),
    ("Rundschreiben", rundschreiben),
    ("Meldungen", meldungen),
    ("Seiten", seiten),
    ("FAQ", faq),
    ("Veranstaltungen", veranstaltungen),
    ("Bündnisse", buendnisse),
    ("Ausschreibungen", ausschreibungen),
    ("Anträge", antraege),
    ("Ehrenamtliche", ehrenamtliche),
]

"""Demo alliances: the real Ludwigsburg alliance of the page the portal replaces, and clearly
marked example alliances in real towns of every Kreis, so that the list, the filters and the map
show the 133 funded alliances the programme counts. Used by `manage.py seed_demo`, after the
portal (meetings, news) and the contacts (Kreise, organisations, logins)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from buendnisse.models import Buendnis, Foerderrunde, Partner, Themenfeld
from kontakte.kreise import UMLAUTE
from kontakte.models import Kreis, Organisation, Person
from portal.models import Meldung, Seite, Veranstaltung

BEISPIEL = "Beispieldaten für die Demonstration des Portals."

# (slug, name, goal, activity)
THEMENFELDER = [
    (
        "sprache",
        "Sprache",
        "Geflüchtete sollen im Alltag Deutsch sprechen können, auch bevor ein Integrationskurs "
        "beginnt.",
        "Ehrenamtliche bieten Sprachcafés und Deutschkurse an, mit Kinderbetreuung während des "
        "Unterrichts.",
    ),
    (
        "arbeit-und-ausbildung",
        "Arbeit und Ausbildung",
        "Geflüchtete finden Praktika, Ausbildungsplätze und Arbeit; Betriebe finden "
        "Ansprechpersonen.",
        "Jobpatinnen und Jobpaten begleiten Bewerbungen; örtliche Betriebe bieten Praktika an.",
    ),
    (
        "wohnen",
        "Wohnen",
        "Geflüchtete sollen aus der Gemeinschaftsunterkunft in eigene Wohnungen ziehen können.",
        "Wohnpatenschaften vermitteln zwischen Vermietern und Geflüchteten und begleiten den "
        "Einzug.",
    ),
    (
        "begegnung",
        "Begegnung",
        "Alteingesessene und Neuzugezogene lernen sich kennen; Vorurteile werden abgebaut.",
        "Ein monatliches Begegnungscafé, interkulturelle Feste und gemeinsames Kochen bringen "
        "Menschen zusammen.",
    ),
    (
        "sport",
        "Sport",
        "Geflüchtete finden Anschluss in den örtlichen Sportvereinen.",
        "Sportvereine öffnen ihre Trainingsgruppen; ein Lauftreff und eine Fußballmannschaft sind "
        "entstanden.",
    ),
    (
        "bildung",
        "Bildung",
        "Kinder und Jugendliche werden in Schule und Ausbildung unterstützt.",
        "Lernpatinnen und Lernpaten helfen bei den Hausaufgaben; die Volkshochschule bietet "
        "Orientierungskurse an.",
    ),
    (
        "dialog-und-beteiligung",
        "Dialog und Beteiligung",
        "Geflüchtete reden mit, wenn das Zusammenleben vor Ort gestaltet wird.",
        "Ein Sprecherrat der Geflüchteten trifft sich regelmäßig mit Verwaltung und "
        "Ehrenamtlichen; ein Kommunaler Flüchtlingsdialog hat Vorschläge gesammelt.",
    ),
    (
        "gesundheit",
        "Gesundheit",
        "Geflüchtete finden sich im Gesundheitswesen zurecht.",
        "Ehrenamtliche begleiten zu Arztterminen und vermitteln Dolmetscherinnen und Dolmetscher.",
    ),
    (
        "kinder-und-familie",
        "Kinder und Familie",
        "Familien finden Zugang zu Kita, Schule und Freizeitangeboten.",
        "Eine Spielgruppe, Familienpatenschaften und Ferienangebote für Kinder aus der Unterkunft.",
    ),
    (
        "frauen",
        "Frauen",
        "Geflüchtete Frauen werden gestärkt und knüpfen eigene Netzwerke.",
        "Ein Frauencafé mit Kinderbetreuung, eine Nähwerkstatt und Fahrradkurse für Frauen.",
    ),
]

# key: (slug, runde, tranche, jahr, funding period)
FOERDERRUNDEN = {
    "I": ("gemeinsam-in-vielfalt-1", 1, None, 2015, (2015, 12, 1), (2016, 11, 30)),
    "II/1": ("gemeinsam-in-vielfalt-2-tranche-1", 2, 1, 2016, (2016, 6, 1), (2017, 6, 30)),
    "II/2": ("gemeinsam-in-vielfalt-2-tranche-2", 2, 2, 2016, (2016, 11, 15), (2017, 12, 15)),
}
RUNDENFOLGE = ["I", "II/1", "II/2"]
ZEITRAEUME = {
    slug: (datetime.date(*beginn), datetime.date(*ende))
    for slug, _runde, _tranche, _jahr, beginn, ende in FOERDERRUNDEN.values()
}

# Kreis slug → (number of example alliances, real places). A Stadtkreis lists the city itself,
# then districts; a Landkreis lists its towns. In a Landkreis with three or more alliances the
# last one is a district-wide alliance of the Landratsamt. The 132 example alliances and the
# real Ludwigsburg one make the 133 funded alliances the programme page counts.
ORTE = {
    "stadtkreis-stuttgart": (
        7,
        [
            "Stuttgart",
            "Stuttgart-Bad Cannstatt",
            "Stuttgart-Vaihingen",
            "Stuttgart-Zuffenhausen",
            "Stuttgart-Feuerbach",
            "Stuttgart-Möhringen",
            "Stuttgart-Weilimdorf",
        ],
    ),
    "stadtkreis-heilbronn": (3, ["Heilbronn", "Heilbronn-Böckingen", "Heilbronn-Sontheim"]),
    "stadtkreis-baden-baden": (1, ["Baden-Baden", "Baden-Baden-Oos", "Baden-Baden-Lichtental"]),
    "stadtkreis-karlsruhe": (
        5,
        [
            "Karlsruhe",
            "Karlsruhe-Durlach",
            "Karlsruhe-Mühlburg",
            "Karlsruhe-Neureut",
            "Karlsruhe-Oststadt",
        ],
    ),
    "stadtkreis-heidelberg": (2, ["Heidelberg", "Heidelberg-Emmertsgrund", "Heidelberg-Kirchheim"]),
    "stadtkreis-mannheim": (
        5,
        [
            "Mannheim",
            "Mannheim-Neckarstadt",
            "Mannheim-Waldhof",
            "Mannheim-Schönau",
            "Mannheim-Rheinau",
        ],
    ),
    "stadtkreis-pforzheim": (3, ["Pforzheim", "Pforzheim-Haidach", "Pforzheim-Eutingen"]),
    "stadtkreis-freiburg-im-breisgau": (
        5,
        [
            "Freiburg im Breisgau",
            "Freiburg-Weingarten",
            "Freiburg-Haslach",
            "Freiburg-Landwasser",
            "Freiburg-Zähringen",
        ],
    ),
    "stadtkreis-ulm": (3, ["Ulm", "Ulm-Wiblingen", "Ulm-Böfingen"]),
    "landkreis-boeblingen": (4, ["Sindelfingen", "Leonberg", "Herrenberg", "Weissach"]),
    "landkreis-esslingen": (
        6,
        [
            "Esslingen am Neckar",
            "Nürtingen",
            "Filderstadt",
            "Kirchheim unter Teck",
            "Denkendorf",
            "Ostfildern",
        ],
    ),
    "landkreis-goeppingen": (3, ["Göppingen", "Geislingen an der Steige", "Eislingen/Fils"]),
    "landkreis-ludwigsburg": (
        5,
        ["Kornwestheim", "Bietigheim-Bissingen", "Remseck am Neckar", "Schwieberdingen"],
    ),
    "landkreis-rems-murr-kreis": (
        5,
        ["Backnang", "Schorndorf", "Fellbach", "Kernen im Remstal", "Winnenden"],
    ),
    "landkreis-heilbronn": (4, ["Neckarsulm", "Eppingen", "Ilsfeld", "Bad Rappenau"]),
    "landkreis-hohenlohekreis": (2, ["Öhringen", "Künzelsau", "Neuenstein"]),
    "landkreis-schwaebisch-hall": (2, ["Schwäbisch Hall", "Crailsheim", "Gaildorf"]),
    "landkreis-main-tauber-kreis": (2, ["Wertheim", "Bad Mergentheim", "Tauberbischofsheim"]),
    "landkreis-heidenheim": (2, ["Heidenheim an der Brenz", "Giengen an der Brenz"]),
    "landkreis-ostalbkreis": (3, ["Aalen", "Schwäbisch Gmünd", "Ellwangen (Jagst)"]),
    "landkreis-karlsruhe": (4, ["Bruchsal", "Ettlingen", "Walzbachtal", "Bretten"]),
    "landkreis-rastatt": (3, ["Rastatt", "Gaggenau", "Bühl"]),
    "landkreis-neckar-odenwald-kreis": (2, ["Mosbach", "Hardheim", "Buchen (Odenwald)"]),
    "landkreis-rhein-neckar-kreis": (
        6,
        ["Sinsheim", "Weinheim", "Wiesloch", "Dossenheim", "Schwetzingen", "Hockenheim"],
    ),
    "landkreis-calw": (2, ["Calw", "Nagold", "Bad Liebenzell"]),
    "landkreis-enzkreis": (2, ["Mühlacker", "Königsbach-Stein", "Neuenbürg"]),
    "landkreis-freudenstadt": (1, ["Horb am Neckar", "Freudenstadt", "Dornstetten"]),
    "landkreis-breisgau-hochschwarzwald": (
        3,
        ["Müllheim", "Kirchzarten", "Titisee-Neustadt", "Breisach am Rhein"],
    ),
    "landkreis-emmendingen": (2, ["Emmendingen", "Denzlingen", "Waldkirch"]),
    "landkreis-ortenaukreis": (
        5,
        ["Offenburg", "Lahr/Schwarzwald", "Kehl", "Achern", "Oberkirch"],
    ),
    "landkreis-rottweil": (2, ["Schramberg", "Rottweil", "Oberndorf am Neckar"]),
    "landkreis-schwarzwald-baar-kreis": (
        2,
        ["Villingen-Schwenningen", "Donaueschingen", "St. Georgen im Schwarzwald"],
    ),
    "landkreis-tuttlingen": (1, ["Tuttlingen", "Spaichingen", "Trossingen"]),
    "landkreis-konstanz": (3, ["Konstanz", "Gottmadingen", "Radolfzell am Bodensee"]),
    "landkreis-loerrach": (3, ["Lörrach", "Weil am Rhein", "Grenzach-Wyhlen"]),
    "landkreis-waldshut": (2, ["Waldshut-Tiengen", "Bad Säckingen", "Wehr"]),
    "landkreis-reutlingen": (3, ["Reutlingen", "Metzingen", "Münsingen"]),
    "landkreis-tuebingen": (3, ["Rottenburg am Neckar", "Kusterdingen", "Mössingen"]),
    "landkreis-zollernalbkreis": (2, ["Balingen", "Albstadt", "Hechingen"]),
    "landkreis-alb-donau-kreis": (1, ["Ehingen (Donau)", "Blaubeuren", "Laichingen"]),
    "landkreis-biberach": (2, ["Biberach an der Riß", "Laupheim", "Riedlingen"]),
    "landkreis-bodenseekreis": (2, ["Friedrichshafen", "Überlingen", "Markdorf"]),
    "landkreis-ravensburg": (3, ["Ravensburg", "Wangen im Allgäu", "Leutkirch im Allgäu"]),
    "landkreis-sigmaringen": (1, ["Sigmaringen", "Bad Saulgau", "Pfullendorf"]),
}

# The places above that are municipalities without town rights: their Träger is a "Gemeinde".
GEMEINDEN = {
    "Weissach",
    "Denkendorf",
    "Schwieberdingen",
    "Kernen im Remstal",
    "Ilsfeld",
    "Walzbachtal",
    "Hardheim",
    "Dossenheim",
    "Königsbach-Stein",
    "Kirchzarten",
    "Denzlingen",
    "Gottmadingen",
    "Grenzach-Wyhlen",
    "Kusterdingen",
}

NAMEN = [
    "Lokales Bündnis für Flüchtlingshilfe {ort}",
    "Netzwerk Willkommen {ort}",
    "Bündnis Gemeinsam in {ort}",
    "Runder Tisch Integration {ort}",
    "Willkommensbündnis {ort}",
    "Miteinander in {ort}",
    "Integrationsnetzwerk {ort}",
]
KREISNAMEN = [
    "Kreisbündnis Flüchtlingshilfe {im_kreis}",
    "Netzwerk Ehrenamt und Integration {im_kreis}",
    "Bündnis Gemeinsam in Vielfalt {im_kreis}",
]
EINLEITUNGEN = [
    "In {ort} arbeiten Verwaltung, Vereine, Kirchengemeinden und Geflüchtete in einem Lokalen "
    "Bündnis zusammen.",
    "Das Bündnis ist aus einer Auftaktveranstaltung mit Engagierten und Geflüchteten in {ort} "
    "entstanden.",
    "Haupt- und Ehrenamtliche in {ort} haben sich zusammengeschlossen, um das Zusammenleben mit "
    "Geflüchteten gemeinsam zu gestalten.",
]
# Neighbouring entries have different roles, so a run of them makes a varied partnership.
PARTNER = [
    ("Evangelische Kirchengemeinde {ort}", Partner.Rolle.KIRCHE),
    ("Freundeskreis Asyl {ort}", Partner.Rolle.INITIATIVE),
    ("Syrischer Kulturverein {ort}", Partner.Rolle.MIGRANTENORGANISATION),
    ("Mehrgenerationenhaus {ort}", Partner.Rolle.MEHRGENERATIONENHAUS),
    ("Geflüchtete aus der Gemeinschaftsunterkunft", Partner.Rolle.GEFLUECHTETE),
    ("Katholische Kirchengemeinde {ort}", Partner.Rolle.KIRCHE),
    ("Volkshochschule {ort}", Partner.Rolle.BILDUNG),
    ("Diakonie {im_kreis}", Partner.Rolle.WOHLFAHRTSVERBAND),
    ("Turn- und Sportverein {ort}", Partner.Rolle.VEREIN),
    ("Deutsch-Afrikanischer Freundeskreis {ort}", Partner.Rolle.MIGRANTENORGANISATION),
    ("Handels- und Gewerbeverein {ort}", Partner.Rolle.WIRTSCHAFT),
    ("Sprecherrat der Geflüchteten", Partner.Rolle.GEFLUECHTETE),
    ("Arbeitskreis Asyl {ort}", Partner.Rolle.INITIATIVE),
    ("Deutsches Rotes Kreuz, Ortsverein {ort}", Partner.Rolle.WOHLFAHRTSVERBAND),
]
KLEINE_BETRAEGE = [10000, 12500, 14500, 12000, 13800]

# Granted, but the profile is not agreed yet: in the admin only.
NICHT_OEFFENTLICH = [
    ("landkreis-rems-murr-kreis", "Waiblingen", "Bündnis Neue Nachbarn Waiblingen"),
    ("landkreis-konstanz", "Singen (Hohentwiel)", "Netzwerk Ankommen Singen"),
]

# The real alliance of the Ludwigsburg page (seed 004).
LUDWIGSBURG = {
    "slug": "ludwigsburg-gemeinsam-in-vielfalt-ii",
    "name": "Lokales Bündnis Flüchtlingshilfe Ludwigsburg",
    "gemeinden": "Ludwigsburg",
    "betrag": Decimal("15000"),
    "beginn": datetime.date(2016, 11, 15),
    "ende": datetime.date(2017, 12, 15),
    "status": Buendnis.Status.ABGESCHLOSSEN,
    "oeffentlich": True,
    "website": "https://www.ludwigsburg.de",
    "beschreibung": (
        "Über das Förderprogramm „Gemeinsam in Vielfalt II“ erhielt die Stadt Ludwigsburg "
        "Landesmittel zur Weiterentwicklung der lokalen ehrenamtlichen Strukturen. Die meisten "
        "Ehrenamtlichen in der Flüchtlingsarbeit sind in Arbeits- und Freundeskreisen Asyl "
        "vernetzt; die Stadt koordiniert das Ehrenamt und kooperiert mit der Ökumenischen "
        "Fachstelle Asyl."
    ),
    "ziele": (
        "Ehrenamtlichen eine Anlaufstelle bieten, sie begleiten, Arbeitskreise aufbauen und mit "
        "den Ehrenamtlichen gemeinsam bedarfsorientierte Angebote entwickeln. Da die Integration "
        "der Geflüchteten viel Zeit braucht, will die Stadt Ehrenamtliche stärken und "
        "unterstützen."
    ),
    "aktivitaeten": (
        "Im Förderzeitraum vom 15.11.2016 bis 15.12.2017 wurde unter anderem ein Fachtag "
        "„Ehrenamtliche Netzwerke in der Flüchtlingsarbeit in Ludwigsburg“ veranstaltet.\n\n"
        "Ehrenamtliche bieten Deutschkurse an, organisieren Ausflüge, übernehmen Patenschaften, "
        "machen Sportangebote und begleiten zu Ämtern. Die Stadt kooperiert mit anderen "
        "Ehrenamtskoordinatorinnen und mit der Ökumenischen Fachstelle Asyl. Sachspenden nehmen "
        "die „Läden für den schmalen Geldbeutel“ gerne an."
    ),
}
LUDWIGSBURG_THEMEN = ["begegnung", "sprache", "dialog-und-beteiligung"]
# (name, role, organisation slug in the contacts directory or None)
LUDWIGSBURG_PARTNER = [
    ("Arbeits- und Freundeskreise Asyl in Ludwigsburg", Partner.Rolle.INITIATIVE, None),
    (
        "Ökumenische Fachstelle Asyl: Kreisdiakonieverband Ludwigsburg",
        Partner.Rolle.WOHLFAHRTSVERBAND,
        "kreisdiakonieverband-ludwigsburg",
    ),
    (
        "Ökumenische Fachstelle Asyl: Caritas Ludwigsburg-Waiblingen-Enz",
        Partner.Rolle.WOHLFAHRTSVERBAND,
        "caritas-ludwigsburg-waiblingen-enz",
    ),
    ("Läden für den schmalen Geldbeutel", Partner.Rolle.SONSTIGE, None),
]

GESAMTTREFFEN_2016 = "zweites-gesamttreffen-2016"
NAECHSTES_TREFFEN = "gesamttreffen-lokale-buendnisse"


@dataclass
class Entwurf:
    """One example alliance as planned from the tables, before it touches the database."""

    index: int
    kreis: Kreis
    ort: str
    name: str
    traeger: str  # "verwaltung", "stadt", "gemeinde", "verein" or "wohlfahrtsverband"
    runde: str
    betrag: int
    themen: list[str]
    kreisweit: bool = False
    laufend: bool = False
    oeffentlich: bool = True
    gemeinden: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return _slug(self.name)

    @property
    def staedtisch(self) -> bool:
        """Led by a city, i.e. by a member of the Städtetag."""
        stadtkreis = self.kreis.art == Kreis.Art.STADTKREIS
        return self.traeger == "stadt" or (self.traeger == "verwaltung" and stadtkreis)


def _slug(text: str) -> str:
    return slugify(text.translate(UMLAUTE))


def _kreisname(kreis: Kreis) -> str:
    """ "Stuttgart", "Landkreis Esslingen", "Rems-Murr-Kreis" """
    if kreis.art == Kreis.Art.STADTKREIS or kreis.name.lower().endswith("kreis"):
        return kreis.name
    return f"Landkreis {kreis.name}"


def _im_kreis(kreis: Kreis) -> str:
    """ "in Stuttgart", "im Landkreis Esslingen", "im Rems-Murr-Kreis" """
    preposition = "in" if kreis.art == Kreis.Art.STADTKREIS else "im"
    return f"{preposition} {_kreisname(kreis)}"


def _aufzaehlung(namen: list[str]) -> str:
    """ "„A“", "„A“ und „B“", "„A“, „B“ und „C“" """
    quoted = [f"„{name}“" for name in namen]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} und {quoted[-1]}"


# --- Planning: the tables become a list of alliances, without the database ---------------------


def _betrag(index: int, kreis: Kreis, kreisweit: bool, stadtweit: bool) -> int:
    if kreisweit:
        return 50000 if kreis.einwohner >= 400000 else 40000 if kreis.einwohner >= 250000 else 30000
    if stadtweit:
        return 50000 if kreis.einwohner >= 300000 else 35000 if kreis.einwohner >= 150000 else 25000
    return KLEINE_BETRAEGE[index % 5] if index % 4 == 3 else 15000


def _traeger_art(index: int, position: int, kreis: Kreis, ort: str, kreisweit: bool) -> str:
    if kreis.art == Kreis.Art.STADTKREIS:
        if position == 0 or position % 2:
            return "verwaltung"
        return "verein" if index % 2 else "wohlfahrtsverband"
    if kreisweit:
        return "verwaltung"
    if ort in GEMEINDEN:
        return "gemeinde"
    if index % 7 == 4:
        return "verein"
    if index % 13 == 8:
        return "wohlfahrtsverband"
    return "stadt"


def _themen_fuer(index: int, kreisweit: bool) -> list[str]:
    slugs = [slug for slug, *_ in THEMENFELDER]
    start = index * 3 % len(slugs)
    themen = [slugs[(start + offset) % len(slugs)] for offset in range(1 + index % 4)]
    if kreisweit and "dialog-und-beteiligung" not in themen:
        themen = [*themen[:3], "dialog-und-beteiligung"]
    return themen


def _planen(kreise: list[Kreis]) -> list[Entwurf]:
    entwuerfe = []
    for position_kreis, kreis in enumerate(kreise):
        anzahl, orte = ORTE[kreis.slug]
        for position in range(anzahl):
            index = len(entwuerfe)
            kreisweit = kreis.art == Kreis.Art.LANDKREIS and anzahl >= 3 and position == anzahl - 1
            ort = orte[0] if kreisweit else orte[position]
            if kreisweit:
                name = KREISNAMEN[index % len(KREISNAMEN)].format(im_kreis=_im_kreis(kreis))
                gemeinden = orte
            else:
                name = NAMEN[index % len(NAMEN)].format(ort=ort)
                stadtkreis = kreis.art == Kreis.Art.STADTKREIS
                gemeinden = [kreis.name if stadtkreis else ort]
            entwuerfe.append(
                Entwurf(
                    index=index,
                    kreis=kreis,
                    ort=ort,
                    name=name,
                    traeger=_traeger_art(index, position, kreis, ort, kreisweit),
                    runde=RUNDENFOLGE[(position + position_kreis) % 3],
                    betrag=_betrag(
                        index,
                        kreis,
                        kreisweit,
                        stadtweit=kreis.art == Kreis.Art.STADTKREIS and position == 0,
                    ),
                    themen=_themen_fuer(index, kreisweit),
                    kreisweit=kreisweit,
                    gemeinden=gemeinden,
                )
            )
    # A handful of the latest round still meet after their funding ended: they show the
    # status filter and are the ones invited to the coming meeting.
    for entwurf in [e for e in entwuerfe if e.runde == "II/2"][::3][:10]:
        entwurf.laufend = True
    kreise_by_slug = {kreis.slug: kreis for kreis in kreise}
    for kreis_slug, ort, name in NICHT_OEFFENTLICH:
        entwuerfe.append(
            Entwurf(
                index=len(entwuerfe),
                kreis=kreise_by_slug[kreis_slug],
                ort=ort,
                name=name,
                traeger="stadt",
                runde="II/2",
                betrag=15000,
                themen=["begegnung", "sprache"],
                laufend=True,
                oeffentlich=False,
                gemeinden=[ort],
            )
        )
    return entwuerfe


# --- Writing ----------------------------------------------------------------------------------


def _themenfelder() -> dict[str, Themenfeld]:
    return {
        slug: Themenfeld.objects.update_or_create(
            slug=slug, defaults={"name": name, "reihenfolge": position}
        )[0]
        for position, (slug, name, _ziel, _aktivitaet) in enumerate(THEMENFELDER, start=1)
    }


def _foerderrunden() -> dict[str, Foerderrunde]:
    return {
        key: Foerderrunde.objects.update_or_create(
            slug=slug,
            defaults={
                "programm": "Gemeinsam in Vielfalt",
                "runde": runde,
                "tranche": tranche,
                "jahr": jahr,
            },
        )[0]
        for key, (slug, runde, tranche, jahr, _beginn, _ende) in FOERDERRUNDEN.items()
    }


def _beispiel_organisation(slug: str, name: str, art: str, kreis: Kreis, ort: str):
    return Organisation.objects.update_or_create(
        slug=slug,
        defaults={
            "name": f"{name} (Beispiel)",
            "art": art,
            "kreis": kreis,
            "ort": ort,
            "email": f"kontakt@{_slug(ort)}.example",
            "beschreibung": BEISPIEL,
        },
    )[0]


def _kurzname(kreis: Kreis) -> str:
    """How the contacts demo names a Kreis in the slugs of its example organisations."""
    return kreis.slug.split("-", 1)[1]


def _verwaltungen(kreise: list[Kreis]) -> dict[int, Organisation]:
    """Kreis pk → the example administration (Stadt or Landratsamt) of the contacts demo."""
    slugs = {
        f"beispiel-{'stadt' if k.art == Kreis.Art.STADTKREIS else 'landratsamt'}-{_kurzname(k)}": k
        for k in kreise
    }
    return {slugs[org.slug].pk: org for org in Organisation.objects.filter(slug__in=slugs)}


def _gemeinde(entwurf: Entwurf, verwaltung: Organisation) -> Organisation:
    """The municipality the alliance works in; in a Stadtkreis the city's administration."""
    if entwurf.kreis.art == Kreis.Art.STADTKREIS:
        return verwaltung
    kind = "Gemeinde" if entwurf.ort in GEMEINDEN else "Stadt"
    return _beispiel_organisation(
        f"beispiel-{kind.lower()}-{_slug(entwurf.ort)}",
        f"{kind} {entwurf.ort}",
        Organisation.Art.KOMMUNE,
        entwurf.kreis,
        entwurf.ort,
    )


def _traeger(entwurf: Entwurf, verwaltung: Organisation) -> Organisation:
    kreis = entwurf.kreis
    if entwurf.traeger == "verwaltung":
        return verwaltung
    if entwurf.traeger == "verein":
        return _beispiel_organisation(
            f"beispiel-foerderverein-integration-{_slug(entwurf.ort)}",
            f"Förderverein Integration {entwurf.ort} e. V.",
            Organisation.Art.VEREIN,
            kreis,
            entwurf.ort,
        )
    if entwurf.traeger == "wohlfahrtsverband":
        stadtkreis = kreis.art == Kreis.Art.STADTKREIS
        return _beispiel_organisation(
            f"beispiel-caritasverband-{kreis.slug}",
            f"Caritasverband {'' if stadtkreis else 'für den '}{_kreisname(kreis)}",
            Organisation.Art.WOHLFAHRTSVERBAND,
            kreis,
            ORTE[kreis.slug][1][0],
        )
    return _gemeinde(entwurf, verwaltung)


def _partner(
    entwurf: Entwurf,
    traeger: Organisation,
    verwaltung: Organisation,
    freundeskreise: dict[int, Organisation],
) -> list[tuple[str, str, Organisation | None]]:
    """The Kreis administration (whose example person is the contact), the municipality when a
    society leads, the Kreis's example Freundeskreis for a district-wide alliance, then a run of
    typical local partners: two to five in all."""
    kreis = entwurf.kreis
    rows = []
    if traeger != verwaltung:
        landkreis = verwaltung.art == Organisation.Art.LANDKREIS
        rolle = Partner.Rolle.LANDKREIS if landkreis else Partner.Rolle.KOMMUNE
        rows.append((verwaltung.name, rolle, verwaltung))
    if entwurf.traeger in {"verein", "wohlfahrtsverband"} and kreis.art == Kreis.Art.LANDKREIS:
        gemeinde = _gemeinde(entwurf, verwaltung)
        rows.append((gemeinde.name, Partner.Rolle.KOMMUNE, gemeinde))
    if entwurf.kreisweit and kreis.pk in freundeskreise:
        freundeskreis = freundeskreise[kreis.pk]
        rows.append((freundeskreis.name, Partner.Rolle.INITIATIVE, freundeskreis))
    start = entwurf.index * 5 % len(PARTNER)
    for offset in range(max(2 + entwurf.index % 4, len(rows) + 1) - len(rows)):
        vorlage, rolle = PARTNER[(start + offset) % len(PARTNER)]
        rows.append((vorlage.format(ort=entwurf.ort, im_kreis=_im_kreis(kreis)), rolle, None))
    return rows


def _texte(entwurf: Entwurf) -> dict[str, str]:
    themen = {slug: (name, ziel, aktivitaet) for slug, name, ziel, aktivitaet in THEMENFELDER}
    gewaehlt = [themen[slug] for slug in entwurf.themen]
    if entwurf.kreisweit:
        einleitung = (
            "Das Landratsamt vernetzt die Freundeskreise, Kirchengemeinden und Vereine "
            f"{_im_kreis(entwurf.kreis)} und bezieht Geflüchtete von Anfang an ein."
        )
    else:
        einleitung = EINLEITUNGEN[entwurf.index % len(EINLEITUNGEN)].format(ort=entwurf.ort)
    if entwurf.oeffentlich:
        thema = "zum Thema" if len(gewaehlt) == 1 else "zu den Themen"
        schwerpunkte = _aufzaehlung([name for name, _, _ in gewaehlt])
        stand = f"Das Bündnis arbeitet vor allem {thema} {schwerpunkte}."
    else:
        stand = "Die Förderung ist bewilligt; das Bündnis stimmt sein Profil noch ab."
    return {
        "beschreibung": f"{einleitung} {stand} {BEISPIEL}",
        "ziele": " ".join(ziel for _, ziel, _ in gewaehlt)
        + " Das Bündnis soll über den Förderzeitraum hinaus bestehen.",
        "aktivitaeten": "Zum Auftakt fand eine Beteiligungsveranstaltung statt, an der auch "
        "Geflüchtete mitgewirkt haben.\n\n" + " ".join(akt for _, _, akt in gewaehlt),
    }


def _buendnis(slug: str, runde: Foerderrunde, themen, personen, **fields) -> Buendnis:
    beginn, ende = ZEITRAEUME[runde.slug]
    buendnis = Buendnis.objects.update_or_create(
        slug=slug,
        defaults={"foerderrunde": runde, "beginn": beginn, "ende": ende, **fields},
    )[0]
    buendnis.themen.set(themen)
    buendnis.ansprechpersonen.set(personen)
    return buendnis


def _seed_beispiele(
    entwuerfe: list[Entwurf], themenfelder: dict, runden: dict
) -> dict[str, tuple[Buendnis, list]]:
    """Write the example alliances; returns slug → (alliance, partner rows)."""
    verwaltungen = _verwaltungen(list({e.kreis.pk: e.kreis for e in entwuerfe}.values()))
    personen: dict[int, list[Person]] = {}
    for person in Person.objects.filter(oeffentlich=True, organisation__in=verwaltungen.values()):
        personen.setdefault(person.organisation_id, []).append(person)
    freundeskreise = {
        org.kreis_id: org
        for org in Organisation.objects.filter(slug__startswith="beispiel-freundeskreis-asyl-")
    }
    result = {}
    for entwurf in entwuerfe:
        verwaltung = verwaltungen[entwurf.kreis.pk]
        traeger = _traeger(entwurf, verwaltung)
        status = Buendnis.Status.LAUFEND if entwurf.laufend else Buendnis.Status.ABGESCHLOSSEN
        buendnis = _buendnis(
            entwurf.slug,
            runden[entwurf.runde],
            [themenfelder[slug] for slug in entwurf.themen],
            personen.get(verwaltung.pk, []),
            name=entwurf.name,
            traeger=traeger,
            kreis=entwurf.kreis,
            gemeinden=", ".join(entwurf.gemeinden),
            betrag=Decimal(entwurf.betrag),
            status=status,
            oeffentlich=entwurf.oeffentlich,
            website="",
            **_texte(entwurf),
        )
        partner = _partner(entwurf, traeger, verwaltung, freundeskreise)
        result[entwurf.slug] = (buendnis, partner)
    return result


def _seed_ludwigsburg(themenfelder: dict, runden: dict) -> tuple[Buendnis, list]:
    stadt = Organisation.objects.get(slug="stadt-ludwigsburg")
    buendnis = _buendnis(
        LUDWIGSBURG["slug"],
        runden["II/2"],
        [themenfelder[slug] for slug in LUDWIGSBURG_THEMEN],
        Person.objects.filter(organisation=stadt, oeffentlich=True),
        traeger=stadt,
        kreis=stadt.kreis,
        **{key: value for key, value in LUDWIGSBURG.items() if key != "slug"},
    )
    organisationen = Organisation.objects.in_bulk(
        [slug for _, _, slug in LUDWIGSBURG_PARTNER if slug], field_name="slug"
    )
    partner = [(name, rolle, organisationen.get(slug)) for name, rolle, slug in LUDWIGSBURG_PARTNER]
    return buendnis, partner


def _seed_partner(buendnisse: dict[str, tuple[Buendnis, list]]) -> None:
    """Partners have no natural key: the demo's are replaced as a whole on every run."""
    Partner.objects.filter(buendnis__in=[b for b, _ in buendnisse.values()]).delete()
    Partner.objects.bulk_create(
        Partner(buendnis=buendnis, name=name, rolle=rolle, organisation=org, reihenfolge=position)
        for buendnis, rows in buendnisse.values()
        for position, (name, rolle, org) in enumerate(rows)
    )


def _seed_treffen_und_meldungen(entwuerfe: list[Entwurf], buendnisse: dict) -> None:
    def alliances(auswahl: list[Entwurf]) -> list[Buendnis]:
        return [buendnisse[entwurf.slug][0] for entwurf in auswahl]

    staedtisch = [e for e in entwuerfe if e.oeffentlich and e.staedtisch]
    # 25 project partners of the Städtetag, "viele der 2. Tranche" among them.
    teilnehmer = [e for e in staedtisch if e.runde == "II/2"][:15]
    teilnehmer += [e for e in staedtisch if e.runde == "II/1"][: 25 - len(teilnehmer)]
    Veranstaltung.objects.get(slug=GESAMTTREFFEN_2016).buendnisse.set(alliances(teilnehmer))
    eingeladen = [e for e in entwuerfe if e.oeffentlich and e.laufend]
    Veranstaltung.objects.get(slug=NAECHSTES_TREFFEN).buendnisse.set(alliances(eingeladen))

    erste_runde = [e for e in staedtisch if e.runde == "I"][:6]
    orte = {e.ort: e for e in entwuerfe if e.oeffentlich and not e.kreisweit}
    ludwigsburg = buendnisse[LUDWIGSBURG["slug"]][0]
    zweite_tranche = [e for e in entwuerfe if e.oeffentlich and e.runde == "II/2"][:4]
    meldungen = {
        "zweites-gesamttreffen-stuttgart": alliances(teilnehmer[:8]),
        "kurzfilm-fluechtlingshilfe-kommunal": alliances([*teilnehmer[:3], orte["Lörrach"]]),
        "erstes-projekttreffen": alliances(erste_runde),
        "sinsheim-ruft-theaterprojekt-ins-leben": alliances([orte["Sinsheim"]]),
        "gemeinsam-in-vielfalt-zweite-tranche": [ludwigsburg, *alliances(zweite_tranche)],
    }
    for meldung in Meldung.objects.filter(slug__in=meldungen):
        meldung.buendnisse.set(meldungen[meldung.slug])


def seed(stdout) -> list[tuple[str, str, str]]:
    themenfelder = _themenfelder()
    runden = _foerderrunden()
    entwuerfe = _planen(list(Kreis.objects.all()))
    buendnisse = _seed_beispiele(entwuerfe, themenfelder, runden)
    buendnisse[LUDWIGSBURG["slug"]] = _seed_ludwigsburg(themenfelder, runden)
    _seed_partner(buendnisse)
    _seed_treffen_und_meldungen(entwuerfe, buendnisse)
    # The section was a content page until this app took over /buendnisse/.
    Seite.objects.filter(eltern=None, slug="buendnisse").delete()
    oeffentlich = Buendnis.objects.oeffentlich().count()
    stdout.write(
        f"buendnisse: {oeffentlich} öffentliche Bündnisse, "
        f"{Foerderrunde.objects.count()} Förderrunden, {Partner.objects.count()} Partner"
    )
    # The contacts demo's municipality login is an approved member of the Stadt Ludwigsburg,
    # the Träger of the Ludwigsburg alliance, and so keeps its profile.
    return [("Bündniskoordination (Profil bearbeiten)", "kommune@ludwigsburg.de", "demo-kommune")]

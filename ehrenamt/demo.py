"""Demo data: the kinds of help, invented working groups and donation points in Ludwigsburg,
Heilbronn and Freiburg, each marked „(Beispiel)“."""

import datetime
import hashlib
import random

from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from ehrenamt.models import (
    Angebotsart,
    Arbeitskreis,
    Datenschutzhinweis,
    Ehrenamtliche,
    Einwilligung,
    Gesuch,
    Interesse,
    Koordination,
    Newsletter,
    NewsletterBeitrag,
    Sachspendenstelle,
    Schulung,
    Schulungstermin,
    Teilnahme,
)
from kontakte.models import Kreis, Organisation, Person
from portal.models import Dokument, Meldung, Seite, Veranstaltung

ANGEBOTSARTEN = [
    ("Deutschkurs", "Unterricht in kleinen Gruppen, auch ohne Vorkenntnisse"),
    ("Sprachcafé", "Deutsch sprechen in lockerer Runde"),
    ("Ausflüge", "Die Umgebung kennenlernen"),
    ("Patenschaft", "Eine Familie oder eine Person über längere Zeit begleiten"),
    ("Sport", "Gemeinsam trainieren, im Verein ankommen"),
    ("Begleitung zu Ämtern", "Zur Ausländerbehörde, zum Jobcenter, zur Bank"),
    ("Hausaufgabenhilfe", "Kinder und Jugendliche beim Lernen unterstützen"),
    ("Fahrdienst", "Wege zu Ärzten und Behörden"),
    ("Dolmetschen", "Sprachmittlung bei Terminen"),
    ("Wohnungssuche", "Bei Anzeigen, Besichtigungen und Verträgen helfen"),
    ("Praktikums- und Jobsuche", "Bewerbungen, Kontakte zu Betrieben"),
    ("Kinderbetreuung", "Betreuung während Kursen und Terminen"),
]

# name, Kreis, Gemeinde, kinds of help, meetings, place, description
ARBEITSKREISE = [
    (
        "Arbeitskreis Asyl Oßweil (Beispiel)",
        "landkreis-ludwigsburg",
        "Ludwigsburg-Oßweil",
        ["Deutschkurs", "Patenschaft", "Begleitung zu Ämtern"],
        "jeden zweiten Dienstag im Monat, 19 Uhr",
        "Gemeindehaus, Oßweiler Hauptstraße",
        "Wir begleiten die Familien in der Unterkunft Oßweil: Deutschkurse am Vormittag, "
        "Patenschaften und Begleitung zu Ämtern.",
    ),
    (
        "Freundeskreis Asyl Eglosheim (Beispiel)",
        "landkreis-ludwigsburg",
        "Ludwigsburg-Eglosheim",
        ["Sprachcafé", "Ausflüge", "Sport"],
        "donnerstags, 17 Uhr",
        "Stadtteiltreff Eglosheim",
        "Sprachcafé jeden Donnerstag, Ausflüge in die Region und ein offenes Fußballtraining.",
    ),
    (
        "Hausaufgabenhilfe Weststadt (Beispiel)",
        "landkreis-ludwigsburg",
        "Ludwigsburg-Weststadt",
        ["Hausaufgabenhilfe", "Kinderbetreuung"],
        "montags bis donnerstags, 15 bis 17 Uhr",
        "Jugendhaus West",
        "Schülerinnen und Schüler lernen mit Ehrenamtlichen; Geschwister werden betreut.",
    ),
    (
        "Freundeskreis Asyl Böckingen (Beispiel)",
        "stadtkreis-heilbronn",
        "Heilbronn-Böckingen",
        ["Wohnungssuche", "Praktikums- und Jobsuche", "Dolmetschen"],
        "jeden ersten Mittwoch im Monat, 18:30 Uhr",
        "Evangelisches Gemeindehaus Böckingen",
        "Wir helfen beim Übergang aus der Unterkunft in eine Wohnung und in Arbeit.",
    ),
    (
        "Helferkreis Weingarten (Beispiel)",
        "stadtkreis-freiburg-im-breisgau",
        "Freiburg-Weingarten",
        ["Deutschkurs", "Fahrdienst", "Patenschaft"],
        "vierzehntäglich montags, 19 Uhr",
        "Bürgerhaus Weingarten",
        "Deutschkurse, Fahrdienste und Patenschaften für die Familien im Stadtteil.",
    ),
]

SACHSPENDEN = [
    (
        "Laden für den schmalen Geldbeutel Ludwigsburg (Beispiel)",
        "landkreis-ludwigsburg",
        ("Solitudestraße 20", "71638", "Ludwigsburg"),
        "Di und Do 9–12 Uhr, Mi 14–18 Uhr",
        "Gut erhaltene Kleidung, Schuhe, Haushaltswaren, Spielzeug",
        "Möbel, Elektrogeräte, beschädigte Ware",
    ),
    (
        "Kleiderkammer Heilbronn (Beispiel)",
        "stadtkreis-heilbronn",
        ("Wilhelmstraße 5", "74072", "Heilbronn"),
        "Mo und Mi 10–13 Uhr",
        "Kleidung für Kinder und Erwachsene, Bettwäsche, Handtücher",
        "Winterkleidung nur von September bis Februar",
    ),
    (
        "Sozialkaufhaus Freiburg (Beispiel)",
        "stadtkreis-freiburg-im-breisgau",
        ("Merzhauser Straße 10", "79100", "Freiburg"),
        "Mo bis Fr 10–18 Uhr, Sa 10–14 Uhr",
        "Kleidung, Haushaltswaren, kleine Möbel nach Absprache",
        "",
    ),
]


def seed(stdout) -> list[tuple[str, str, str]]:
    arten = {}
    for position, (name, beschreibung) in enumerate(ANGEBOTSARTEN, start=1):
        arten[name], _ = Angebotsart.objects.update_or_create(
            slug=slugify(name),
            defaults={"name": name, "beschreibung": beschreibung, "reihenfolge": position},
        )
    koordination = Person.objects.oeffentlich().filter(organisation__slug="stadt-ludwigsburg")
    for name, kreis, gemeinde, hilfen, treffen, treffpunkt, beschreibung in ARBEITSKREISE:
        arbeitskreis, _ = Arbeitskreis.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "kreis": Kreis.objects.get(slug=kreis),
                "gemeinde": gemeinde,
                "treffen": treffen,
                "treffpunkt": treffpunkt,
                "beschreibung": beschreibung,
            },
        )
        arbeitskreis.angebotsarten.set([arten[hilfe] for hilfe in hilfen])
        if kreis == "landkreis-ludwigsburg":
            arbeitskreis.ansprechpersonen.set(koordination[:1])
    for name, kreis, (strasse, plz, ort), zeiten, nimmt, nimmt_nicht in SACHSPENDEN:
        Sachspendenstelle.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "kreis": Kreis.objects.get(slug=kreis),
                "strasse": strasse,
                "plz": plz,
                "ort": ort,
                "oeffnungszeiten": zeiten,
                "nimmt": nimmt,
                "nimmt_nicht": nimmt_nicht,
            },
        )
    # The section was a content page until this app took over /ehrenamt/.
    Seite.objects.filter(eltern=None, slug="ehrenamt").delete()
    koordination = _koordination(
        "ehrenamt-ludwigsburg", KOORDINATION_EMAIL, "landkreis-ludwigsburg", "stadt-ludwigsburg"
    )
    _koordination("ehrenamt-heilbronn", "ehrenamt@heilbronn.de", "stadtkreis-heilbronn", None)
    personen = _ehrenamtliche(arten)
    freiwillige = _freiwillige_mit_konto(arten)
    gesuche(personen)
    schulungen(personen)
    newsletter()
    stdout.write(
        f"ehrenamt: {Angebotsart.objects.count()} Arten der Hilfe, "
        f"{Arbeitskreis.objects.count()} Arbeitskreise, "
        f"{Sachspendenstelle.objects.count()} Sachspendenstellen, "
        f"{Ehrenamtliche.objects.filter(email__endswith='@beispiel.example').count()} "
        f"Ehrenamtliche, {Gesuch.objects.count()} Gesuche, {Schulung.objects.count()} "
        f"Schulungen (Beispiel), {Newsletter.objects.count()} Newsletter"
    )
    return [
        ("Ehrenamtskoordination (LK Ludwigsburg)", koordination.email, PASSWORT),
        ("Ehrenamtliche mit Konto", freiwillige.email, FREIWILLIGE_PASSWORT),
    ]


KOORDINATION_EMAIL, PASSWORT = "ehrenamt@ludwigsburg.de", "demo-koordination"
FREIWILLIGE_EMAIL, FREIWILLIGE_PASSWORT = "helga@beispiel.example", "demo-ehrenamt"


def _koordination(username: str, email: str, kreis: str, organisation: str | None) -> User:
    """A volunteer coordination of a Kreis: told of confirmed sign-ups, works in its back
    office."""
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "email": email,
            "first_name": "Ehrenamtskoordination",
            "last_name": f"{Kreis.objects.get(slug=kreis).name} (Demo)",
        },
    )
    user.set_password(PASSWORT)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    Koordination.objects.get_or_create(
        user=user,
        kreis=Kreis.objects.get(slug=kreis),
        defaults={"organisation": Organisation.objects.filter(slug=organisation).first()},
    )
    return user


VORNAMEN = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Elif",
    "Felix",
    "Greta",
    "Hannes",
    "Ida",
    "Jonas",
    "Katharina",
    "Lukas",
    "Mara",
    "Nils",
    "Olga",
    "Paul",
    "Rana",
    "Samuel",
    "Tanja",
    "Urs",
    "Vera",
    "Wolfgang",
    "Yasemin",
    "Zoe",
]
NACHNAMEN = [
    "Ahorn",
    "Birkner",
    "Castell",
    "Dornbach",
    "Eichler",
    "Fichtner",
    "Gartmann",
    "Holder",
    "Imker",
    "Jäger",
    "Kastner",
    "Lindner",
    "Moosbach",
    "Nussbaum",
    "Obermaier",
    "Pappel",
    "Quellner",
    "Rosental",
    "Sommer",
    "Tannert",
    "Ulmer",
    "Vogelsang",
    "Wiesner",
    "Zeder",
]
SPRACHEN = [
    "",
    "Englisch",
    "Englisch, Französisch",
    "Arabisch",
    "Türkisch",
    "Russisch, Ukrainisch",
    "Persisch",
    "Spanisch",
    "Englisch, Arabisch",
    "Kurdisch",
]
# 200 invented volunteers: 100 in Ludwigsburg, 50 each in Heilbronn and Freiburg.
VERTEILUNG = [
    ("landkreis-ludwigsburg", "71638", 100),
    ("stadtkreis-heilbronn", "74072", 50),
    ("stadtkreis-freiburg-im-breisgau", "79100", 50),
]


def _ehrenamtliche(arten: dict) -> list[Ehrenamtliche]:
    """The demo volunteers, invented and marked by the reserved domain beispiel.example; a
    few have not confirmed yet, a few pause. Fast on a second run: the existing are kept."""
    zufall = random.Random(2026)  # noqa: S311 - invented demo data, no secret
    hinweis = Datenschutzhinweis.aktuell()
    vorhanden = set(
        Ehrenamtliche.objects.filter(email__endswith="@beispiel.example").values_list(
            "email", flat=True
        )
    )
    nummer = 0
    neu, hilfen, einwilligungen = [], [], []
    for kreis_slug, plz, anzahl in VERTEILUNG:
        kreis = Kreis.objects.get(slug=kreis_slug)
        for _ in range(anzahl):
            nummer += 1
            vorname = VORNAMEN[nummer % len(VORNAMEN)]
            nachname = NACHNAMEN[(nummer * 7) % len(NACHNAMEN)]
            email = f"{vorname.lower()}.{nachname.lower()}.{nummer}@beispiel.example"
            email = email.replace("ä", "ae")
            wurf = zufall.random()
            if email in vorhanden:
                continue
            stand = (
                Ehrenamtliche.Stand.UNBESTAETIGT
                if wurf < 0.05
                else Ehrenamtliche.Stand.PAUSIERT
                if wurf < 0.12
                else Ehrenamtliche.Stand.AKTIV
            )
            vor_tagen = zufall.randint(1, 700)
            angemeldet = timezone.now() - datetime.timedelta(days=vor_tagen)
            person = Ehrenamtliche(
                vorname=vorname,
                nachname=f"{nachname} (Beispiel)",
                email=email,
                telefon=f"0151 {zufall.randint(1000000, 9999999)}" if wurf > 0.4 else "",
                plz=plz,
                kreis=kreis,
                sprachen=zufall.choice(SPRACHEN),
                verfuegbarkeit=sorted(
                    zufall.sample(Ehrenamtliche.Verfuegbarkeit.values, zufall.randint(1, 3))
                ),
                stand=stand,
                angemeldet_am=angemeldet,
                bestaetigt_am=None if stand == Ehrenamtliche.Stand.UNBESTAETIGT else angemeldet,
                letzte_aktivitaet=angemeldet
                + datetime.timedelta(days=zufall.randint(0, vor_tagen)),
            )
            neu.append(person)
            hilfen.append(zufall.sample(list(arten.values()), zufall.randint(1, 3)))
            einwilligungen.append(
                [Einwilligung.Zweck.KONTAKT]
                + [
                    zweck
                    for zweck, anteil in [
                        (Einwilligung.Zweck.ARBEITSKREIS, 0.6),
                        (Einwilligung.Zweck.NEWSLETTER, 0.4),
                        (Einwilligung.Zweck.FOTOS, 0.2),
                    ]
                    if zufall.random() < anteil
                ]
            )
    Ehrenamtliche.objects.bulk_create(neu)
    Durch = Ehrenamtliche.angebotsarten.through
    Durch.objects.bulk_create(
        Durch(ehrenamtliche=person, angebotsart=art)
        for person, arten_der_person in zip(neu, hilfen, strict=True)
        for art in arten_der_person
    )
    Einwilligung.objects.bulk_create(
        Einwilligung(
            ehrenamtliche=person, zweck=zweck, hinweis=hinweis, erteilt_am=person.angemeldet_am
        )
        for person, zwecke in zip(neu, einwilligungen, strict=True)
        for zweck in zwecke
    )
    personen = list(
        Ehrenamtliche.objects.erreichbar()
        .filter(email__endswith="@beispiel.example")
        .exclude(email=FREIWILLIGE_EMAIL)
        .select_related("kreis")
    )
    # Those who agreed stand on the list of a working group of their Kreis.
    gruppen = {}
    for arbeitskreis in Arbeitskreis.objects.all():
        gruppen.setdefault(arbeitskreis.kreis_id, []).append(arbeitskreis)
    for person in Ehrenamtliche.objects.filter(pk__in=[p.pk for p in neu]).mit_einwilligung(
        Einwilligung.Zweck.ARBEITSKREIS
    ):
        if person.kreis_id in gruppen and zufall.random() < 0.5:
            person.zuordnen(zufall.choice(gruppen[person.kreis_id]), None)
    return personen


def _freiwillige_mit_konto(arten: dict) -> User:
    """A volunteer in Ludwigsburg with an account, to try „Mein Engagement“."""
    user, _ = User.objects.update_or_create(
        username="helga-hilfreich",
        defaults={"email": FREIWILLIGE_EMAIL, "first_name": "Helga", "last_name": "Hilfreich"},
    )
    user.set_password(FREIWILLIGE_PASSWORT)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=FREIWILLIGE_EMAIL, defaults={"verified": True, "primary": True}
    )
    person, neu = Ehrenamtliche.objects.get_or_create(
        email=FREIWILLIGE_EMAIL,
        defaults={
            "vorname": "Helga",
            "nachname": "Hilfreich (Beispiel)",
            "plz": "71638",
            "kreis": Kreis.objects.get(slug="landkreis-ludwigsburg"),
            "sprachen": "Englisch, Französisch",
            "verfuegbarkeit": ["nachmittags", "wochenende"],
            "stand": Ehrenamtliche.Stand.AKTIV,
            "bestaetigt_am": timezone.now(),
            "user": user,
        },
    )
    if neu:
        person.angebotsarten.set([arten["Deutschkurs"], arten["Patenschaft"]])
        for zweck in [Einwilligung.Zweck.KONTAKT, Einwilligung.Zweck.ARBEITSKREIS]:
            person.einwilligen(zweck, Einwilligung.Weg.FORMULAR)
    return user


# --- Needs (Gesuche) ---


def _werktag_in(tage: int) -> datetime.date:
    tag = timezone.localdate() + datetime.timedelta(days=tage)
    while tag.weekday() >= 5:
        tag += datetime.timedelta(days=1)
    return tag


def _gesuche() -> list[dict]:
    """The demo needs; dates lie a few weeks ahead of the day the demo is loaded."""
    behoerde, elternabend = _werktag_in(24), _werktag_in(31)
    return [
        {
            "titel": "Patin/Pate für eine Familie in Oßweil (Beispiel)",
            "hilfe": "Patenschaft",
            "kreis": "landkreis-ludwigsburg",
            "ort": "Ludwigsburg-Oßweil",
            "zeit": "wöchentlich, nach Absprache",
            "anzahl": 2,
            "beschreibung": "Eine Familie ist vor Kurzem in eine Wohnung gezogen und freut sich "
            "über Menschen, die im Alltag zur Seite stehen: Briefe verstehen, Termine "
            "vereinbaren, die Nachbarschaft kennenlernen. Etwa zwei Stunden in der Woche.",
            "antworten": ["angenommen", "offen"],
        },
        {
            "titel": f"Begleitung zur Ausländerbehörde am {behoerde:%d.%m.} (Beispiel)",
            "stamm": "Begleitung zur Ausländerbehörde am ",
            "hilfe": "Begleitung zu Ämtern",
            "kreis": "landkreis-ludwigsburg",
            "ort": "Ludwigsburg, Landratsamt",
            "zeit": f"am {behoerde:%d.%m.%Y}, 9 Uhr, etwa zwei Stunden",
            "bis": behoerde,
            "anzahl": 1,
            "beschreibung": "Zu einem Termin bei der Ausländerbehörde wird eine Begleitung "
            "gesucht, die beim Ausfüllen der Formulare hilft. Vorkenntnisse sind nicht nötig.",
            "antworten": ["offen"],
        },
        {
            "titel": "Hausaufgabenhilfe in der Weststadt (Beispiel)",
            "hilfe": "Hausaufgabenhilfe",
            "kreis": "landkreis-ludwigsburg",
            "ort": "Ludwigsburg-Weststadt, Jugendhaus West",
            "zeit": "montags und mittwochs, 15 bis 16:30 Uhr",
            "anzahl": 3,
            "beschreibung": "Schülerinnen und Schüler der Grundschule lernen in kleinen Gruppen; "
            "wir suchen Verstärkung für Mathematik und Lesen.",
            "antworten": [],
        },
        {
            "titel": "Fahrdienst zu einem Arzttermin in Stuttgart (Beispiel)",
            "hilfe": "Fahrdienst",
            "kreis": "landkreis-ludwigsburg",
            "ort": "Ludwigsburg-Eglosheim",
            "zeit": "einmal im Monat, vormittags",
            "anzahl": 1,
            "beschreibung": "Gesucht wird jemand mit Auto, der einmal im Monat zu einem Termin "
            "in Stuttgart fährt und wieder abholt. Die Fahrtkosten werden erstattet.",
            "antworten": ["angenommen", "offen"],
        },
        {
            "titel": "Gastgeberinnen und Gastgeber für das Sprachcafé Eglosheim (Beispiel)",
            "hilfe": "Sprachcafé",
            "kreis": "landkreis-ludwigsburg",
            "ort": "Ludwigsburg-Eglosheim, Stadtteiltreff",
            "zeit": "donnerstags, 17 bis 19 Uhr",
            "anzahl": 2,
            "veroeffentlicht": False,
            "beschreibung": "Im neuen Jahr öffnet das Sprachcafé wieder; wir suchen Menschen, "
            "die Gespräche auf Deutsch in Gang bringen.",
            "antworten": [],
        },
        {
            "titel": "Unterstützung bei der Wohnungssuche in Böckingen (Beispiel)",
            "hilfe": "Wohnungssuche",
            "kreis": "stadtkreis-heilbronn",
            "ort": "Heilbronn-Böckingen",
            "zeit": "nach Absprache, auch abends",
            "anzahl": 2,
            "beschreibung": "Hilfe beim Lesen von Anzeigen, beim Anrufen und bei Besichtigungen. "
            "Wer sich mit Mietverträgen auskennt, ist besonders willkommen.",
            "antworten": ["offen"],
        },
        {
            "titel": f"Dolmetschen beim Elternabend am {elternabend:%d.%m.} (Beispiel)",
            "stamm": "Dolmetschen beim Elternabend am ",
            "hilfe": "Dolmetschen",
            "kreis": "stadtkreis-heilbronn",
            "ort": "Heilbronn, Grundschule in der Innenstadt",
            "zeit": f"am {elternabend:%d.%m.%Y}, 18 Uhr",
            "bis": elternabend,
            "anzahl": 2,
            "beschreibung": "Für einen Elternabend werden Menschen gesucht, die Arabisch oder "
            "Dari sprechen und zwischen Eltern und Lehrkräften übersetzen.",
            "antworten": [],
        },
        {
            "titel": "Deutschkurs für Anfängerinnen in Weingarten (Beispiel)",
            "hilfe": "Deutschkurs",
            "kreis": "stadtkreis-freiburg-im-breisgau",
            "ort": "Freiburg-Weingarten, Bürgerhaus",
            "zeit": "dienstags und donnerstags, 9 bis 10:30 Uhr",
            "anzahl": 2,
            "beschreibung": "Ein Kurs für Frauen ohne Vorkenntnisse, mit Kinderbetreuung im "
            "Nebenraum. Wir suchen Kursleiterinnen, gern im Wechsel.",
            "antworten": ["angenommen"],
        },
    ]


def gesuche(personen: list[Ehrenamtliche]) -> None:
    """About eight needs in the three demo areas, and interests of `personen` (confirmed
    volunteers, maybe none) in those of their own Kreis, some accepted. Runs twice without
    doubling anything: a need is found again by its title up to the date in it."""
    koordination = User.objects.filter(username="ehrenamt-ludwigsburg").first()
    for daten in _gesuche():
        kreis = Kreis.objects.get(slug=daten["kreis"])
        hilfe = daten["hilfe"]
        felder = {
            "titel": daten["titel"],
            "beschreibung": daten["beschreibung"],
            "angebotsart": Angebotsart.objects.get_or_create(
                slug=slugify(hilfe), defaults={"name": hilfe}
            )[0],
            "ort": daten["ort"],
            "zeit": daten["zeit"],
            "bis": daten.get("bis"),
            "anzahl": daten["anzahl"],
            "veroeffentlicht": daten.get("veroeffentlicht", True),
            "abgeschlossen": False,
        }
        gesuch = Gesuch.objects.filter(
            kreis=kreis, titel__startswith=daten.get("stamm", daten["titel"])
        ).first()
        if gesuch is None:
            erstellt_von = koordination if kreis.slug == "landkreis-ludwigsburg" else None
            gesuch = Gesuch.objects.create(kreis=kreis, erstellt_von=erstellt_von, **felder)
        else:
            Gesuch.objects.filter(pk=gesuch.pk).update(**felder)
        aus_dem_kreis = [p for p in personen if p.kreis_id == kreis.pk]
        for person, stand in zip(aus_dem_kreis, daten["antworten"], strict=False):
            entschieden = stand != Interesse.Stand.OFFEN
            Interesse.objects.get_or_create(
                gesuch=gesuch,
                ehrenamtliche=person,
                defaults={
                    "stand": stand,
                    "nachricht": "Ich habe meistens nachmittags Zeit.",
                    "entschieden_am": timezone.now() if entschieden else None,
                    "entschieden_von": koordination if entschieden else None,
                },
            )


# --- Trainings (Schulungen) ---

LPB = "Landeszentrale für politische Bildung Baden-Württemberg"

# title, Kreis (None: statewide), organiser, place (None: online), places, dates as
# (days from today, from, to), registrations (how many of `personen`), description
SCHULUNGEN = [
    (
        "Interkulturelle Kompetenz im Ehrenamt (Beispiel)",
        None,
        LPB,
        None,
        30,
        [(10, "18:00", "20:30"), (17, "18:00", "20:30")],
        8,
        "Was heißt Höflichkeit, was Pünktlichkeit, was Vertrauen? Zwei Online-Abende über "
        "Missverständnisse im Alltag mit Geflüchteten und wie man sie gemeinsam klärt.",
    ),
    (
        "Asyl- und Aufenthaltsrecht für Ehrenamtliche (Beispiel)",
        "landkreis-ludwigsburg",
        "Ehrenamtskoordination des Landkreises Ludwigsburg",
        "Ludwigsburg, Landratsamt, Großer Sitzungssaal",
        25,
        [(21, "18:00", "21:00")],
        5,
        "Asylverfahren, Duldung, Aufenthaltserlaubnis: ein Überblick für alle, die Geflüchtete "
        "zu Ämtern begleiten. Keine Rechtsberatung, aber viele Antworten auf häufige Fragen.",
    ),
    (
        "Begleitung zu Ämtern und Behörden (Beispiel)",
        "landkreis-ludwigsburg",
        "Ehrenamtskoordination des Landkreises Ludwigsburg",
        "Ludwigsburg-Oßweil, Gemeindehaus",
        4,
        [(14, "19:00", "21:00")],
        6,
        "Wie läuft ein Termin beim Jobcenter, was gehört in die Mappe, wo endet die Hilfe? "
        "Ein Abend in kleiner Runde mit Erfahrungen aus dem Arbeitskreis.",
    ),
    (
        "Umgang mit belastenden Erfahrungen (Beispiel)",
        "stadtkreis-heilbronn",
        "Ehrenamtskoordination der Stadt Heilbronn",
        "Heilbronn-Böckingen, Evangelisches Gemeindehaus",
        15,
        [(28, "10:00", "16:00")],
        3,
        "Was Geflüchtete erlebt haben, beschäftigt auch die, die sie begleiten. Ein Tag über "
        "Anzeichen von Traumatisierung, eigene Grenzen und wo es professionelle Hilfe gibt.",
    ),
    (
        "Deutsch unterrichten ohne Vorkenntnisse (Beispiel)",
        "stadtkreis-freiburg-im-breisgau",
        "Helferkreis Weingarten",
        "Freiburg-Weingarten, Bürgerhaus",
        12,
        [(35, "09:30", "12:30"), (42, "09:30", "12:30")],
        3,
        "Zwei Vormittage mit Methoden und Material für Deutschkurse in kleinen Gruppen, auch "
        "für Lernende ohne lateinische Schrift.",
    ),
    (
        "Sprachcafés moderieren (Beispiel)",
        "landkreis-ludwigsburg",
        "Ehrenamtskoordination des Landkreises Ludwigsburg",
        "Ludwigsburg-Eglosheim, Stadtteiltreff",
        20,
        [(-20, "17:00", "19:30")],
        5,
        "Wie ein Gespräch auf Deutsch in Gang kommt und alle zu Wort kommen: Spiele, Themen "
        "und Erfahrungen aus dem Sprachcafé Eglosheim.",
    ),
]


def _zeit(tage: int, uhrzeit: str) -> datetime.datetime:
    tag = timezone.localdate() + datetime.timedelta(days=tage)
    stunde, minute = (int(teil) for teil in uhrzeit.split(":"))
    return timezone.make_aware(datetime.datetime.combine(tag, datetime.time(stunde, minute)))


def schulungen(personen: list[Ehrenamtliche]) -> None:
    """Six trainings: statewide online, Ludwigsburg (one full with a waiting list, one in the
    past with attendance recorded), Heilbronn and Freiburg; dates counted from today, so the
    demo stays current. Registrations from `personen` (confirmed volunteers, maybe none) of
    the training's Kreis. Runs twice without doubling anything: a training is found by its
    slug, its dates are set anew, registering twice changes nothing."""
    for versatz, (titel, kreis, veranstalter, ort, plaetze, termine, anzahl, text) in enumerate(
        SCHULUNGEN
    ):
        kreis = Kreis.objects.get(slug=kreis) if kreis else None
        schulung, _ = Schulung.objects.update_or_create(
            slug=slugify(titel),
            defaults={
                "titel": titel,
                "beschreibung": text,
                "veranstalter": veranstalter,
                "kreis": kreis,
                "ort": ort or "",
                "online": ort is None,
                "kapazitaet": plaetze,
                "anmeldeschluss": _zeit(termine[0][0] - 2, "12:00"),
                "veroeffentlicht": True,
            },
        )
        schulung.termine.all().delete()
        Schulungstermin.objects.bulk_create(
            Schulungstermin(schulung=schulung, beginn=_zeit(tage, von), ende=_zeit(tage, bis))
            for tage, von, bis in termine
        )
        kandidaten = [p for p in personen if kreis is None or p.kreis_id == kreis.pk]
        start = versatz % max(len(kandidaten), 1)
        for person in (kandidaten[start:] + kandidaten[:start])[:anzahl]:
            schulung.anmelden(person)
        if termine[0][0] < 0:  # in the past: all but the last registered came
            angemeldet = list(schulung.teilnahmen.filter(stand=Teilnahme.Stand.ANGEMELDET))
            schulung.teilnahme_erfassen(angemeldet[:-1])


# --- Newsletter ---

NEWSLETTER_EDITORIAL = """\
Liebe Engagierte in der Flüchtlingshilfe,

in diesem Newsletter finden Sie Neuigkeiten zur Regionalkonferenz Stuttgart am 26.11.2016 und
zu den Kommunalen Flüchtlingsdialogen, für die es eine neue Antragsfrist zum 31.12.2016 gibt.

Außerdem weisen wir Sie auf diese Angebote der Landeszentrale hin:

- **Vorträge** zur Situation in den Herkunftsländern sowie zu Fluchtgründen und -ursachen;
- den **Aktionsfonds „Qualifiziert.Engagiert.“**, der Qualifizierungsangebote vor Ort fördert;
- das **Foto-Set „Ansichtssache(n)!“** für die Arbeit mit Gruppen.

Antworten auf häufige Fragen finden Sie [im Portal](/faq/).
"""

# (title, date, editorial, released with its PDF as this portal document, items: (kind, slug,
# remark))
NEWSLETTER = [
    (
        "Newsletter November 2016",
        datetime.date(2016, 11, 21),
        NEWSLETTER_EDITORIAL,
        "Newsletter der LpB, November 2016",
        [
            ("veranstaltung", "regionalkonferenz-stuttgart-2016", ""),
            (
                "meldung",
                "kommunale-fluechtlingsdialoge-antragsfrist-31-10-2016",
                "Neue Antragsfrist: Anträge können jetzt bis zum 31.12.2016 gestellt werden.",
            ),
            ("veranstaltung", "hauptversammlung-2016-mannheim", ""),
            ("meldung", "zweites-gesamttreffen-stuttgart", ""),
        ],
    ),
    (
        "Newsletter Januar 2017",
        datetime.date(2017, 1, 25),
        "Liebe Engagierte,\n\nein neues Jahr, eine neue Runde der Kommunalen "
        "Flüchtlingsdialoge – und ein Handbuch für Ihren Arbeitskreis.",
        None,
        [
            ("meldung", "wie-wollen-wir-kuenftig-zusammen-leben", ""),
            ("meldung", "handbuch-lago-arbeitskreise-fluechtlingshilfe", ""),
            ("meldung", "sinsheim-ruft-theaterprojekt-ins-leben", ""),
            ("veranstaltung", "gesamttreffen-lokale-buendnisse", ""),
        ],
    ),
]


def newsletter() -> None:
    """The seed's newsletter of November 2016, released, with its PDF, which is also the file
    of the portal's document „Newsletter der LpB, November 2016“; and a draft of January 2017
    for the Redaktion to try the composer on. Items are the portal demo's news and events
    (those that exist). Nothing is mailed: the demo volunteers got no newsletter."""
    for titel, datum, editorial, dokument, beitraege in NEWSLETTER:
        ausgabe = Newsletter.objects.filter(titel=titel).first() or Newsletter(titel=titel)
        if ausgabe.freigegeben and dokument is None:
            continue  # released in the admin since: it stays as it was sent
        ausgabe.datum, ausgabe.text = datum, editorial
        ausgabe.save()
        ausgabe.beitraege.all().delete()
        for position, (art, slug, anmerkung) in enumerate(beitraege, start=1):
            modell = Meldung if art == "meldung" else Veranstaltung
            if quelle := modell.objects.filter(slug=slug).first():
                NewsletterBeitrag.objects.create(
                    newsletter=ausgabe, reihenfolge=position, anmerkung=anmerkung, **{art: quelle}
                )
        if dokument is not None:
            _freigegeben(ausgabe, dokument)


def _freigegeben(ausgabe: Newsletter, titel: str) -> None:
    """Released on its date, the PDF rendered here (seed_demo runs no background tasks) and
    given to the portal's document `titel` as its file."""
    ausgabe.stand = Newsletter.Stand.FREIGEGEBEN
    ausgabe.freigegeben_am = timezone.make_aware(
        datetime.datetime.combine(ausgabe.datum, datetime.time(9))
    )
    if not (ausgabe.datei and ausgabe.datei.storage.exists(ausgabe.datei.name)):
        inhalt = ausgabe.pdf()
        ausgabe.datei = ContentFile(inhalt, name=f"{ausgabe.dateiname}.pdf")
        ausgabe.groesse, ausgabe.sha256 = len(inhalt), hashlib.sha256(inhalt).hexdigest()
    ausgabe.save()
    dokument = Dokument.objects.filter(titel=titel).first()
    if dokument is not None and not (
        dokument.datei and dokument.datei.storage.exists(dokument.datei.name)
    ):
        with ausgabe.datei.open("rb") as datei:
            dokument.datei = ContentFile(datei.read(), name=f"{ausgabe.dateiname}.pdf")
        dokument.save()

"""Demo data: the kinds of help, invented working groups and donation points in Ludwigsburg,
Heilbronn and Freiburg, each marked „(Beispiel)“."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.utils.text import slugify

from ehrenamt.models import Angebotsart, Arbeitskreis, Koordination, Sachspendenstelle
from kontakte.models import Kreis, Organisation, Person

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
    koordination = _koordination()
    stdout.write(
        f"ehrenamt: {Angebotsart.objects.count()} Arten der Hilfe, "
        f"{Arbeitskreis.objects.count()} Arbeitskreise, "
        f"{Sachspendenstelle.objects.count()} Sachspendenstellen"
    )
    return [("Ehrenamtskoordination (LK Ludwigsburg)", koordination.email, PASSWORT)]


KOORDINATION_EMAIL, PASSWORT = "ehrenamt@ludwigsburg.de", "demo-koordination"


def _koordination() -> User:
    """The volunteer coordination of the Landkreis Ludwigsburg: told of confirmed sign-ups."""
    user, _ = User.objects.update_or_create(
        username="ehrenamt-ludwigsburg",
        defaults={
            "email": KOORDINATION_EMAIL,
            "first_name": "Ehrenamtskoordination",
            "last_name": "Ludwigsburg (Demo)",
        },
    )
    user.set_password(PASSWORT)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=KOORDINATION_EMAIL, defaults={"verified": True, "primary": True}
    )
    Koordination.objects.get_or_create(
        user=user,
        kreis=Kreis.objects.get(slug="landkreis-ludwigsburg"),
        defaults={"organisation": Organisation.objects.filter(slug="stadt-ludwigsburg").first()},
    )
    return user

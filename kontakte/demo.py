"""Demo contacts: the real contact blocks of the two pages the portal replaces, plus
clearly marked example organisations in every Kreis, logins for a municipality and a platform
member, and a few platform topics. Used by `manage.py seed_demo`."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import User
from django.utils import timezone

from kontakte import kreise
from kontakte.models import (
    Abteilung,
    Beitrag,
    Diskussion,
    Kreis,
    Mitgliedschaft,
    Organisation,
    Person,
    PlattformZugang,
    Thema,
)

# A known secret, so a developer can add the demo staff logins to an authenticator app.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPDEMOPORTALZWEIAB"  # noqa: S105 - demo only

THEMEN = {
    "ehrenamt": "Ehrenamt",
    "asyl": "Asyl und Flüchtlingsarbeit",
    "foerderung": "Förderung",
    "buendnisse": "Lokale Bündnisse",
    "fluechtlingsdialoge": "Flüchtlingsdialoge",
    "qualifizierung": "Qualifizierung",
    "plattform": "Kommunikationsplattform",
}

# (slug, name, art, kreis slug, street, postcode, town, phone, fax, e-mail, web, domains,
#  departments, people: (anrede, first, last, function, department, phone, mobile, fax,
#  e-mail, topics))
ORGANISATIONEN = [
    (
        "staedtetag-baden-wuerttemberg",
        "Städtetag Baden-Württemberg",
        Organisation.Art.VERBAND,
        "stadtkreis-stuttgart",
        "Königstraße 2",
        "70173",
        "Stuttgart",
        "0711 22921-0",
        "0711 22921-42",
        "post@staedtetag-demo.de",
        "https://www.staedtetag-bw.de",
        "staedtetag-demo.de",
        ["Dezernat III"],
        [
            (
                "Herr",
                "Martin",
                "Müller",
                "Fachberatung Bürgerschaftliches Engagement",
                "Dezernat III",
                "0711 22 921-34",
                "",
                "0711 22 921-42",
                "martin.mueller@staedtetag-demo.de",
                ["ehrenamt", "foerderung", "buendnisse"],
            ),
            (
                "Frau",
                "Rosemarie",
                "Gromer",
                "Flüchtlingshilfe Kommunal",
                "",
                "",
                "0711 22921-52",
                "0711 22921-42",
                "rosemarie.gromer@staedtetag-demo.de",
                ["fluechtlingsdialoge", "foerderung", "asyl"],
            ),
            (
                "Frau",
                "Alexandra",
                "Stickel",
                "Zugang zur Kommunikationsplattform „Ansprechpartner Bürgerschaftliches Engagement“",
                "Dezernat III",
                "",
                "",
                "",
                "alexandra.stickel@staedtetag-demo.de",
                ["plattform"],
            ),
        ],
    ),
    (
        "stadt-ludwigsburg",
        "Stadt Ludwigsburg",
        Organisation.Art.KOMMUNE,
        "landkreis-ludwigsburg",
        "Wilhelmstraße 11",
        "71638",
        "Ludwigsburg",
        "07141 910-0",
        "",
        "",
        "https://www.ludwigsburg.de",
        "ludwigsburg.de",
        ["Fachbereich Bürgerschaftliches Engagement und Soziales"],
        [
            (
                "Frau",
                "Anja",
                "Widmann",
                "Flüchtlingsbeauftragte und Koordination Ehrenamt",
                "Fachbereich Bürgerschaftliches Engagement und Soziales",
                "07141 910-3124",
                "",
                "",
                "a.widmann@ludwigsburg.de",
                ["ehrenamt", "asyl"],
            ),
            (
                "Frau",
                "Christina",
                "Schiffner",
                "Unterstützung Ehrenamt",
                "Fachbereich Bürgerschaftliches Engagement und Soziales",
                "07141/910-4043",
                "",
                "",
                "c.schiffner@ludwigsburg.de",
                ["ehrenamt"],
            ),
        ],
    ),
    (
        "landratsamt-ludwigsburg",
        "Landratsamt Ludwigsburg",
        Organisation.Art.LANDKREIS,
        "landkreis-ludwigsburg",
        "Hindenburgstraße 40",
        "71638",
        "Ludwigsburg",
        "07141 144-0",
        "",
        "",
        "https://www.landkreis-ludwigsburg.de",
        "landkreis-ludwigsburg.de",
        ["Koordinations- und Informationsstelle Ehrenamt"],
        [
            (
                "Frau",
                "Anna-Katharina",
                "Kraemer",
                "Koordination Ehrenamt",
                "Koordinations- und Informationsstelle Ehrenamt",
                "07141 144-48743",
                "",
                "",
                "anna-katharina.kraemer@landkreis-ludwigsburg.de",
                ["ehrenamt", "qualifizierung"],
            ),
        ],
    ),
    (
        "kreisdiakonieverband-ludwigsburg",
        "Kreisdiakonieverband Ludwigsburg",
        Organisation.Art.WOHLFAHRTSVERBAND,
        "landkreis-ludwigsburg",
        "",
        "71638",
        "Ludwigsburg",
        "",
        "",
        "",
        "",
        "kreisdiakonieverband-lb.de",
        ["Ökumenische Fachstelle Asyl"],
        [
            (
                "Frau",
                "Sylvia",
                "Maier Lidle",
                "Ökumenische Fachstelle Asyl",
                "Ökumenische Fachstelle Asyl",
                "07141/9542-903",
                "",
                "",
                "s.maier-lidle@kreisdiakonieverband-lb.de",
                ["asyl", "ehrenamt"],
            ),
        ],
    ),
    (
        "caritas-ludwigsburg-waiblingen-enz",
        "Caritas Ludwigsburg-Waiblingen-Enz",
        Organisation.Art.WOHLFAHRTSVERBAND,
        "landkreis-ludwigsburg",
        "",
        "71638",
        "Ludwigsburg",
        "",
        "",
        "",
        "",
        "caritas-ludwigsburg-waiblingen-enz.de",
        ["Ökumenische Fachstelle Asyl"],
        [
            (
                "Frau",
                "Martha",
                "Albinger",
                "Ökumenische Fachstelle Asyl",
                "Ökumenische Fachstelle Asyl",
                "",
                "0151/70901047",
                "",
                "albinger.m@caritas-ludwigsburg-waiblingen-enz.de",
                ["asyl", "ehrenamt"],
            ),
        ],
    ),
    (
        "landeszentrale-fuer-politische-bildung",
        "Landeszentrale für politische Bildung Baden-Württemberg",
        Organisation.Art.LANDESZENTRALE,
        "stadtkreis-stuttgart",
        "Lautenschlagerstraße 20",
        "70173",
        "Stuttgart",
        "",
        "",
        "",
        "https://www.lpb-bw.de",
        "",
        ["Fachbereich Bürgerschaftliches Engagement"],
        [],
    ),
]

# Example people for the example organisations: invented, marked as such.
VORNAMEN = ["Julia", "Thomas", "Sabine", "Michael", "Katrin", "Stefan", "Petra", "Andreas"]
NACHNAMEN = ["Beispiel", "Muster", "Probst", "Demo", "Exempel", "Vorlage", "Schablone", "Modell"]


def _themen() -> dict[str, Thema]:
    return {
        slug: Thema.objects.update_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in THEMEN.items()
    }


def _organisation(
    slug, name, art, kreis, strasse, plz, ort, telefon, fax, email, web, domains, beschreibung=""
):
    return Organisation.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "art": art,
            "kreis": kreis,
            "strasse": strasse,
            "plz": plz,
            "ort": ort,
            "telefon": telefon,
            "fax": fax,
            "email": email,
            "website": web,
            "email_domains": domains,
            "beschreibung": beschreibung,
        },
    )[0]


def _person(
    organisation,
    themen,
    order,
    anrede,
    vorname,
    nachname,
    funktion,
    abteilung,
    telefon,
    mobil,
    fax,
    email,
    topics,
):
    person = Person.objects.update_or_create(
        organisation=organisation,
        slug=f"{vorname}-{nachname}".lower()
        .replace(" ", "-")
        .replace("ü", "ue")
        .replace("ä", "ae")
        .replace("ö", "oe")
        .replace("ß", "ss"),
        defaults={
            "anrede": anrede,
            "vorname": vorname,
            "nachname": nachname,
            "funktion": funktion,
            "abteilung": (
                Abteilung.objects.get(organisation=organisation, name=abteilung)
                if abteilung
                else None
            ),
            "telefon": telefon,
            "mobil": mobil,
            "fax": fax,
            "email": email,
            "reihenfolge": order,
        },
    )[0]
    person.themen.set([themen[slug] for slug in topics])
    return person


def _seed_organisations(themen) -> None:
    kreise = {kreis.slug: kreis for kreis in Kreis.objects.all()}
    for (
        slug,
        name,
        art,
        kreis,
        strasse,
        plz,
        ort,
        telefon,
        fax,
        email,
        web,
        domains,
        abteilungen,
        people,
    ) in ORGANISATIONEN:
        organisation = _organisation(
            slug, name, art, kreise[kreis], strasse, plz, ort, telefon, fax, email, web, domains
        )
        for order, abteilung in enumerate(abteilungen):
            Abteilung.objects.update_or_create(
                organisation=organisation, name=abteilung, defaults={"reihenfolge": order}
            )
        for order, person in enumerate(people):
            _person(organisation, themen, order, *person)
    # Several organisations per Kreis: its administration and a volunteer network, invented.
    for index, kreis in enumerate(kreise.values()):
        is_city = kreis.art == Kreis.Art.STADTKREIS
        verwaltung = _organisation(
            f"beispiel-{'stadt' if is_city else 'landratsamt'}-{kreis.slug.split('-', 1)[1]}",
            f"{'Stadt' if is_city else 'Landratsamt'} {kreis.name} (Beispiel)",
            Organisation.Art.KOMMUNE if is_city else Organisation.Art.LANDKREIS,
            kreis,
            "Rathausplatz 1" if is_city else "Kreishausstraße 1",
            "",
            kreis.name,
            "",
            "",
            f"integration@{kreis.slug}.example",
            "",
            f"{kreis.slug}.example",
            beschreibung="Beispieldaten für die Demonstration des Portals.",
        )
        netzwerk = _organisation(
            f"beispiel-freundeskreis-asyl-{kreis.slug.split('-', 1)[1]}",
            f"Freundeskreis Asyl {kreis.name} (Beispiel)",
            Organisation.Art.INITIATIVE,
            kreis,
            "",
            "",
            kreis.name,
            "",
            "",
            f"kontakt@freundeskreis-{kreis.slug}.example",
            "",
            "",
            beschreibung="Beispieldaten für die Demonstration des Portals.",
        )
        _person(
            verwaltung,
            themen,
            0,
            "Herr" if index % 2 else "Frau",
            VORNAMEN[index % 8],
            NACHNAMEN[(index // 8) % 8],
            "Koordination Flüchtlingshilfe" if index % 2 else "Integrationsbeauftragte",
            "",
            f"0000 {1000 + index}-0",
            "",
            "",
            f"integration@{kreis.slug}.example",
            ["asyl", "foerderung"],
        )
        _person(
            netzwerk,
            themen,
            0,
            "",
            VORNAMEN[(index + 3) % 8],
            NACHNAMEN[(index + 5) % 8],
            "Sprecherin des Freundeskreises" if index % 2 else "Sprecher des Freundeskreises",
            "",
            "",
            "",
            "",
            f"kontakt@freundeskreis-{kreis.slug}.example",
            ["ehrenamt"],
        )


def _user(email, password, first_name, last_name) -> User:
    user, _ = User.objects.update_or_create(
        username=email.split("@")[0],
        defaults={"email": email, "first_name": first_name, "last_name": last_name},
    )
    user.set_password(password)
    user.save()
    return user


def _verify_and_protect_demo_users() -> None:
    """Every demo login has a confirmed address (login needs one); staff get the known second
    factor, since the admin requires one."""
    for user in User.objects.filter(password__isnull=False).exclude(email=""):
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if (
            user.is_staff
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)


def _seed_platform(mitglied: User, staff: User) -> None:
    now = timezone.now()
    for user, funktion in [
        (mitglied, "Stadt Ludwigsburg, Koordination Ehrenamt"),
        (staff, "Städtetag Baden-Württemberg, Fachberatung Bürgerschaftliches Engagement"),
    ]:
        zugang, created = PlattformZugang.objects.get_or_create(
            user=user,
            defaults={"funktion": funktion, "begruendung": "Austausch mit anderen Kommunen."},
        )
        if zugang.status != PlattformZugang.Status.BESTAETIGT:
            zugang.status = PlattformZugang.Status.BESTAETIGT
            zugang.entschieden_am = zugang.digest_bis = now
            zugang.entschieden_von = staff
            zugang.save()
    topics = [
        (
            "Ehrenamtskoordination: Wie halten Sie Ehrenamtliche langfristig?",
            staff,
            [
                "Nach vielen Monaten kurzfristigen Handelns brauchen wir mittel- und langfristige "
                "Strategien. Welche Erfahrungen haben Sie mit festen Ansprechpersonen, "
                "Qualifizierung und Anerkennung gemacht?",
                "In Ludwigsburg begleiten wir die Arbeits- und Freundeskreise Asyl mit 1,5 Stellen; "
                "regelmäßige Treffen der Koordinatorinnen helfen sehr.",
            ],
        ),
        (
            "Kommunaler Flüchtlingsdialog: Erfahrungen mit Moderation",
            staff,
            [
                "Wer hat schon einen Kommunalen Flüchtlingsdialog durchgeführt und kann eine "
                "Moderation empfehlen?",
            ],
        ),
        (
            "Regionalkonferenzen „Engagiert weiter!“ 2017",
            mitglied,
            [
                "Gibt es schon Termine für weitere Regionalkonferenzen? Wir würden gerne eine im "
                "Landkreis Ludwigsburg anregen.",
            ],
        ),
    ]
    for days, (titel, author, posts) in enumerate(topics):
        diskussion, created = Diskussion.objects.get_or_create(
            titel=titel, defaults={"erstellt_von": author, "erstellt_am": now}
        )
        if created:
            for offset, text in enumerate(posts):
                Beitrag.objects.create(
                    diskussion=diskussion,
                    autor=author if offset % 2 == 0 else (mitglied if author == staff else staff),
                    text=text,
                    erstellt_am=now - datetime.timedelta(days=days, hours=len(posts) - offset),
                )


def seed(stdout) -> list[tuple[str, str, str]]:
    kreise.laden(Kreis)  # a flushed database has lost the migration's rows
    themen = _themen()
    _seed_organisations(themen)
    kommune = _user("kommune@ludwigsburg.de", "demo-kommune", "Klara", "Kommune (Demo)")
    _verify_and_protect_demo_users()
    ludwigsburg = Organisation.objects.get(slug="stadt-ludwigsburg")
    Mitgliedschaft.beantragen(kommune, ludwigsburg, begruendung="Koordination Ehrenamt")
    staff = User.objects.get(username="redaktion")
    _seed_platform(kommune, staff)
    stdout.write(
        f"kontakte: {Organisation.objects.count()} Organisationen, "
        f"{Person.objects.count()} Ansprechpersonen, {Diskussion.objects.count()} Themen auf "
        f"der Plattform; Zwei-Faktor-Geheimnis der Demo-Verwaltung: {DEMO_TOTP_SECRET}"
    )
    return [("Kommune (Stadt Ludwigsburg, Plattform)", kommune.email, "demo-kommune")]

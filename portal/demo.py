"""Demo content: the Städtetag page the portal replaces, with its real dates, plus older items
so the archive spans several years. Used by `manage.py seed_demo`."""

import datetime
import hashlib
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from portal.models import (
    FAQ,
    Dokument,
    FAQThema,
    Link,
    Meldung,
    Rundschreiben,
    Saeule,
    Seite,
    Thementisch,
    Veranstaltung,
    Video,
    Videofassung,
)

BERLIN = ZoneInfo("Europe/Berlin")
PUBLIC = Meldung.Status.VEROEFFENTLICHT
SINCE = datetime.datetime(2015, 1, 1, tzinfo=BERLIN)

PROGRAMM_TEXT = """\
Das Programm „Flüchtlingshilfe durch Bürgerschaftliches Engagement und Zivilgesellschaft“ des
Sozial- und des Staatsministeriums Baden-Württemberg stärkt Menschen, die sich vor Ort für
Geflüchtete einsetzen, und die Kommunen, die dieses Engagement begleiten.

Der Städtetag Baden-Württemberg betreut die Projekte seiner Mitgliedsstädte im Förderprogramm
„Gemeinsam in Vielfalt – Lokale Bündnisse für Flüchtlingshilfe“ und berät zu den Kommunalen
Flüchtlingsdialogen.

Häufig gestellte Fragen werden [hier beantwortet](/faq/).
"""

SAEULEN = [
    (
        Saeule.BUENDNISSE,
        "gemeinsam-in-vielfalt",
        "Gemeinsam in Vielfalt – Lokale Bündnisse für Flüchtlingshilfe",
        "Das Förderprogramm „Gemeinsam in Vielfalt – Lokale Bündnisse für Flüchtlingshilfe“ fördert "
        "lokale Bündnisse aus Kommune, Zivilgesellschaft und Geflüchteten.",
        """\
## Ziele des Förderprogramms

Ziele des Förderprogramms „Gemeinsam in Vielfalt – Lokale Bündnisse für Flüchtlingshilfe“ der
Landesregierung von Baden-Württemberg sind die Verbesserung der Lebenssituation von Flüchtlingen
durch bürgerschaftliches Engagement sowie die Verbesserung des Zusammenlebens in den Kommunen durch
Dialoge.

Das Förderprogramm soll zivilgesellschaftliches Engagement unterstützen und stärken und Beteiligung
fördern. Es soll auf aktuelle gesellschaftliche Entwicklungen bei der Aufnahme von Flüchtlingen aus
Krisengebieten reagieren und dem humanitären Auftrag der Flüchtlingshilfe Rechnung tragen. Im
Zusammenwirken unterschiedlicher gesellschaftlicher Akteure (Kommunen, Wirtschaft,
Zivilgesellschaft) sollen gemeinsam mit Flüchtlingen in einem dialogischen Verfahren neue Wege des
Zusammenlebens und des Zusammenwirkens entwickelt und erprobt werden. Willkommenskultur soll gelebt
werden, und Flüchtlinge sollen mit ihren Talenten und Fähigkeiten in der Heimat auf Zeit oder der
neuen Heimat integriert werden. Eigenes Engagement bietet Flüchtlingen die Möglichkeit, ihr Können
zu zeigen, Wissen einzubringen, und den Alltag zu strukturieren. Stereotype Klischees gegenüber
Flüchtlingen werden so revidiert und Schwellenängste abgebaut.

## Vom Beteiligungsverfahren zum Lokalen Bündnis

Dazu soll die jeweilige Kommune/der jeweilige Landkreis ein Beteiligungsverfahren initiieren und
bereits zu Beginn dieser Initiative lokale Träger, Initiativen, Mehrgenerationenhäuser,
Migrant(inn)en und Flüchtlinge mit einbeziehen. Aus diesen Auftaktveranstaltungen soll ein
dauerhaftes Lokales Bündnis entstehen. Ziel ist es, dass sich die kommunale Verwaltung und weitere
Akteure aus verschiedenen gesellschaftlichen Bereichen austauschen und miteinander vernetzen. Dem
gesamten Förderprogramm liegt ein sozialraumorientierter Ansatz zu Grunde. Die Lokalen Bündnisse
für Flüchtlingshilfe sind Integrationsprojekte mit lokaler Anbindung.

Das Förderprogramm soll dazu beitragen, dass in der gesamten Fläche des Landes Bündnisse für
Flüchtlingshilfe existieren. Deshalb werden die Lokalen Bündnisse in das Landesnetzwerk
Bürgerschaftliches Engagement eingebunden. Dabei sollen mit dem Förderprogramm auch Kommunen und
Landkreise, die bisher nicht am Landesnetzwerk teilnehmen, erreicht werden.
""",
    ),
    (
        Saeule.QUALIFIZIERUNG,
        "qualifizierung",
        "Qualifizierung von Ehrenamtlichen",
        "Die Qualifizierung von Ehrenamtlichen in der Flüchtlingshilfe setzt die Landeszentrale für "
        "politische Bildung im Auftrag des Sozialministeriums um.",
        """\
Im Rahmen des Programms setzt die Landeszentrale für politische Bildung Baden-Württemberg – in
Zusammenarbeit mit dem Ministerium für Soziales und Integration Baden-Württemberg – ein
Förderprogramm zur Basisqualifizierung für bürgerschaftlich Engagierte in der Flüchtlingshilfe um.
""",
    ),
    (
        Saeule.FLUECHTLINGSDIALOGE,
        "kommunale-fluechtlingsdialoge",
        "Kommunale Flüchtlingsdialoge",
        "Städte, Gemeinden und Landkreise erhalten Zuschüsse für Dialoge über das Zusammenleben mit "
        "Geflüchteten.",
        """\
Mit einem Kommunalen Flüchtlingsdialog laden Städte, Gemeinden und Landkreise ihre Bürgerinnen und
Bürger, Geflüchtete, Ehrenamtliche und die Verwaltung ein, gemeinsam zu beraten: Wie wollen wir
künftig zusammen leben?

Antragsberechtigt sind Landkreise, Städte und Gemeinden in Baden-Württemberg. Gefördert wird ein
Dialog mit bis zu 3.000 Euro.
""",
    ),
    (
        Saeule.FSJ,
        "fsj-integration",
        "FSJ Integration",
        "Das neue Freiwillige Soziale Jahr (FSJ) Integration, auf das sich auch Flüchtlinge bewerben "
        "können.",
        """\
Das Freiwillige Soziale Jahr Integration bietet jungen Menschen – ausdrücklich auch Geflüchteten –
ein Jahr freiwilliges Engagement in Einrichtungen, die Integration vor Ort gestalten.
""",
    ),
]

REGIONALKONFERENZEN_TEXT = """\
Im Rahmen des Programms „Flüchtlingshilfe durch Bürgerschaftliches Engagement und
Zivilgesellschaft“ setzt die Landeszentrale für politische Bildung Baden-Württemberg – in
Zusammenarbeit mit dem Ministerium für Soziales und Integration Baden-Württemberg – ein
Förderprogramm zur Basisqualifizierung für bürgerschaftlich Engagierte in der Flüchtlingshilfe um.

Dabei bieten Regionalkonferenzen eine Plattform für den Austausch über die bisherigen Erfahrungen,
die Weitergabe guter Beispiele und die Vernetzung untereinander.

Die Anforderungen und die Belastungen in den zurückliegenden Monaten waren für bürgerschaftlich
Engagierte in der Flüchtlingshilfe hoch und stellten eine Ausnahmesituation dar.

Mit dem Format der Regionalkonferenz bietet sich die Möglichkeit, den ehrenamtlich Engagierten für
ihr schnelles und unbürokratisches Handeln zu danken und den Blick zurück und nach vorn zu richten.
Nach vielen Monaten kurzfristigen Handelns sind nun mittel- und langfristige Strategien möglich und
notwendig.

Es gilt auf kommunaler Ebene die Abläufe vor Ort zu optimieren, Ehrenamtlichen die Möglichkeit zur
weiteren Qualifizierung zu ermöglichen und Strukturen zu entwickeln, die das ehrenamtliche
Engagement in der Flüchtlingshilfe zukunftsfähig machen und sowohl Überlastungen wie auch
Enttäuschungen im Ehrenamt verhindern.

Wenn Sie für Ihre Region Interesse an der Durchführung einer Regionalkonferenz haben, können Sie
sich gerne auf den Seiten der [Landeszentrale für politische Bildung](https://www.lpb-bw.de)
informieren und Kontakt zur Leiterin des Fachbereichs aufnehmen.

## Kommunikationsplattform „Ansprechpartner Bürgerschaftliches Engagement“

Auf der [Kommunikationsplattform](/plattform/) können Sie weiter diskutieren oder Informationen
austauschen. Falls Sie noch keinen Zugang haben, können Sie ihn dort beantragen; Fragen dazu
beantwortet [Alexandra Stickel](/kontakte/staedtetag-baden-wuerttemberg/alexandra-stickel/).
"""

RECHTLICHES = [
    (
        "impressum",
        "Impressum",
        """\
## Herausgeber

Städtetag Baden-Württemberg<br>
Königstraße 2<br>
70173 Stuttgart

Der Städtetag Baden-Württemberg ist ein eingetragener Verein der Städte in Baden-Württemberg.

## Verantwortlich für den Inhalt

Städtetag Baden-Württemberg, Dezernat III, Fachberatung Bürgerschaftliches Engagement
(Anschrift wie oben).

## Förderung

Das Programm wird unterstützt durch das Ministerium für Soziales und Integration und aus Mitteln
des Landes Baden-Württemberg finanziert.

## Quellen

Die Zahlen zu den Stadt- und Landkreisen stammen vom Statistischen Bundesamt (Destatis),
Gemeindeverzeichnis-Informationssystem GV-ISys, Lizenz CC BY 4.0.

Die Schrift Noto Sans steht unter der SIL Open Font License 1.1.
""",
    ),
    (
        "datenschutz",
        "Datenschutzerklärung",
        """\
## Wer ist verantwortlich?

Verantwortlich für die Verarbeitung personenbezogener Daten auf diesem Portal ist der Städtetag
Baden-Württemberg, Königstraße 2, 70173 Stuttgart.

## Was geschieht, wenn Sie das Portal lesen?

Beim Aufruf einer Seite verarbeitet der Server die technisch nötigen Angaben (IP-Adresse, Zeitpunkt,
aufgerufene Adresse, Browserkennung), um die Seite auszuliefern und Angriffe abzuwehren
(Art. 6 Abs. 1 lit. e DSGVO). Diese Protokolle werden nach sieben Tagen gelöscht.

Das Portal setzt keine Cookies zu Werbe- oder Statistikzwecken. Technisch notwendige Cookies
(Sitzung und Schutz vor gefälschten Formularen) werden nur gesetzt, wenn Sie sich anmelden oder ein
Formular absenden.

Das Portal lädt keine Inhalte von anderen Servern: Schriften, Bilder und Skripte liegen auf diesem
Server.

## Videos

Videos, die bei YouTube oder Vimeo liegen, werden erst geladen, wenn Sie auf „Video laden“ klicken.
Erst dann wird eine Verbindung zum Anbieter aufgebaut und Ihre IP-Adresse dorthin übertragen.

## Ihre Rechte

Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17),
Einschränkung der Verarbeitung (Art. 18) und Widerspruch (Art. 21). Sie können sich bei der
Aufsichtsbehörde beschweren: dem Landesbeauftragten für den Datenschutz und die
Informationsfreiheit Baden-Württemberg.
""",
    ),
    (
        "barrierefreiheit",
        "Erklärung zur Barrierefreiheit",
        """\
Der Städtetag Baden-Württemberg ist bemüht, dieses Portal im Einklang mit dem Landes-
Behindertengleichstellungsgesetz (L-BGG) und der Barrierefreie-Informationstechnik-Verordnung
(BITV 2.0) barrierefrei zugänglich zu machen.

## Stand der Vereinbarkeit mit den Anforderungen

Das Portal ist mit den Anforderungen der WCAG 2.1 auf Stufe AA weitgehend vereinbar. Jede Seite
wird bei jeder Änderung automatisiert geprüft (axe-core) und von Hand mit Tastatur und Screenreader
getestet.

## Nicht barrierefreie Inhalte

- Ältere PDF-Dokumente, die vor dem Start des Portals erstellt wurden, sind teilweise nicht
  barrierefrei. Auf Anfrage stellen wir Ihnen die Inhalte in einer zugänglichen Form bereit.
- Videos bei externen Anbietern haben nicht immer Untertitel; zu jedem Video gibt es eine
  Beschreibung in Textform.

## Barrieren melden

Sind Ihnen Mängel aufgefallen? Schreiben Sie uns über die [Kontaktseite](/kontakte/).

## Durchsetzungsverfahren

Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an die
Ombudsstelle bei der Beauftragten der Landesregierung für die Belange von Menschen mit
Behinderungen wenden: Else-Josenhans-Straße 6, 70173 Stuttgart.
""",
    ),
]

MELDUNGEN = [
    # (date, slug, title, pillar, teaser, text)
    (
        datetime.date(2017, 1, 19),
        "wie-wollen-wir-kuenftig-zusammen-leben",
        "Wie wollen wir künftig zusammen leben?",
        Saeule.FLUECHTLINGSDIALOGE,
        "Städte, Gemeinden und Landkreise, die einen Kommunalen Flüchtlingsdialog durchführen wollen, "
        "können ab sofort wieder Anträge stellen.",
        "Die Kommunalen Flüchtlingsdialoge können bis 30. Juni 2017 stattfinden.\n\n"
        "Antragsberechtigt sind Landkreise, Städte und Gemeinden in Baden-Württemberg. Gefördert wird "
        "ein Flüchtlingsdialog mit bis zu 3.000 Euro. Ein Dialog bringt Bürgerinnen und Bürger, "
        "Geflüchtete, Ehrenamtliche und Verwaltung an einen Tisch.",
    ),
    (
        datetime.date(2017, 1, 11),
        "sinsheim-ruft-theaterprojekt-ins-leben",
        "Sinsheim ruft Theaterprojekt ins Leben",
        Saeule.BUENDNISSE,
        "Am 1. Oktober feierte das Stück „Wer ist Monsieur Apostole Katsawaki?“ in Sinsheim Premiere.",
        "Weitere Informationen zum Theaterprojekt in Sinsheim finden Sie im Artikel von Berthold "
        "Jürriens (Stand: Sept. 2016).",
    ),
    (
        datetime.date(2016, 12, 15),
        "handbuch-lago-arbeitskreise-fluechtlingshilfe",
        "Handbuch für Arbeitskreise in der Flüchtlingshilfe",
        Saeule.QUALIFIZIERUNG,
        "Das Handbuch der Landesarbeitsgemeinschaft Offene Jugendbildung Baden-Württemberg (LAGO) "
        "richtet sich an das Ehren- und Hauptamt und bietet diesen fundiertes Handwerkzeug für die "
        "Zusammenarbeit und die Gründung von Arbeitskreisen in der Flüchtlingshilfe.",
        "Das „Handbuch für lokale Bündnisse gegen Rassismus und Gruppenbezogene "
        "Menschenfeindlichkeit“ kann kostenfrei direkt bei der LAGO bestellt werden.",
    ),
    (
        datetime.date(2016, 11, 23),
        "kurzfilm-fluechtlingshilfe-kommunal",
        "Kurzfilm „Flüchtlingshilfe Kommunal“ in Mannheim gezeigt",
        Saeule.BUENDNISSE,
        "Der Kurzfilm wurde im Rahmen der Hauptversammlung des Städtetags am 23.11.2016 in Mannheim "
        "erstmals öffentlich gezeigt.",
        "Die Dreharbeiten fanden unter anderem beim zweiten Projekttreffen der vom Städtetag betreuten "
        "Projekte im Förderprogramm „Gemeinsam in Vielfalt – Lokale Bündnisse für Flüchtlingshilfe“ "
        "statt. [Zum Film](/videos/kurzfilm-fluechtlingshilfe-kommunal/)",
    ),
    (
        datetime.date(2016, 11, 21),
        "newsletter-lpb-november-2016",
        "Newsletter der Landeszentrale für politische Bildung",
        Saeule.QUALIFIZIERUNG,
        "Der Newsletter der LpB enthält Neuigkeiten zu den Themen: Regionalkonferenz Stuttgart am "
        "26.11.2016; Kommunale Flüchtlingsdialoge: Neue Antragsfrist zum 31.12.2016; Vorträge zur "
        "Situation in den Herkunftsländern sowie zu Fluchtgründen und -ursachen; Aktionsfonds "
        "Qualifiziert.Engagiert. sowie Foto-Set „Ansichtssache(n)!“.",
        "Der Newsletter steht unten als PDF zum Herunterladen bereit.",
    ),
    (
        datetime.date(2016, 9, 29),
        "zweites-gesamttreffen-stuttgart",
        "2. Gesamttreffen der vom Städtetag betreuten Projekte",
        Saeule.BUENDNISSE,
        "Am 28. September 2016 fand im Martha-Maria Haus in Stuttgart das 2. Gesamttreffen der vom "
        "Städtetag betreuten Projekte statt – mit 25 Projektpartnern.",
        "Wir freuen uns über die Teilnahme von insgesamt 25 Projektpartnern. Unter den Teilnehmern "
        "haben sich auch viele der 2. Tranche befunden.\n\n"
        "Den Nachmittag über wurde an fünf Thementischen jeweils 25 Minuten diskutiert. "
        "[Zur Veranstaltung](/veranstaltungen/2016/zweites-gesamttreffen-2016/)",
    ),
    (
        datetime.date(2016, 9, 15),
        "kommunale-fluechtlingsdialoge-antragsfrist-31-10-2016",
        "Kommunale Flüchtlingsdialoge: Anträge bis 31.10.2016",
        Saeule.FLUECHTLINGSDIALOGE,
        "Kommunen können für Flüchtlingsdialoge Anträge bis zum 31.10.2016 stellen.",
        "Gefördert wird ein Kommunaler Flüchtlingsdialog mit bis zu 3.000 Euro.",
    ),
    (
        datetime.date(2016, 6, 2),
        "gemeinsam-in-vielfalt-zweite-tranche",
        "Gemeinsam in Vielfalt: zweite Tranche ausgeschrieben",
        Saeule.BUENDNISSE,
        "Kommunen und Landkreise können sich mit einem Lokalen Bündnis für die zweite Tranche des "
        "Förderprogramms bewerben.",
        "Die Bündnisse werden in der Regel mit 15.000 Euro gefördert, große Städte und Landkreise mit "
        "bis zu 50.000 Euro. Über die Auswahl entscheidet eine unabhängige Jury.",
    ),
    (
        datetime.date(2016, 3, 10),
        "erstes-projekttreffen",
        "Erstes Projekttreffen der Lokalen Bündnisse",
        Saeule.BUENDNISSE,
        "Die vom Städtetag betreuten Bündnisse der ersten Tranche trafen sich zum ersten Austausch.",
        "Im Mittelpunkt standen das gegenseitige Kennenlernen und die Frage, wie Geflüchtete selbst "
        "an den Bündnissen mitwirken.",
    ),
    (
        datetime.date(2015, 11, 12),
        "programm-fluechtlingshilfe-gestartet",
        "Programm „Flüchtlingshilfe durch Bürgerschaftliches Engagement“ gestartet",
        None,
        "Das Land Baden-Württemberg unterstützt das Engagement in der Flüchtlingshilfe mit einem "
        "Programm aus vier Säulen.",
        "Sozial- und Staatsministerium fördern Lokale Bündnisse, die Qualifizierung von "
        "Ehrenamtlichen, Kommunale Flüchtlingsdialoge und das FSJ Integration.",
    ),
]

FAQS = [
    (
        "Kommunale Flüchtlingsdialoge",
        [
            (
                "Wer kann einen Kommunalen Flüchtlingsdialog beantragen?",
                "Antragsberechtigt sind Landkreise, Städte und Gemeinden in Baden-Württemberg.",
            ),
            (
                "Wie hoch ist die Förderung?",
                "Ein Flüchtlingsdialog wird mit bis zu 3.000 Euro gefördert.",
            ),
            (
                "Bis wann muss der Dialog stattfinden?",
                "Das steht in der jeweiligen Ausschreibung; für die Anträge vom Januar 2017 bis zum "
                "30. Juni 2017.",
            ),
        ],
    ),
    (
        "Gemeinsam in Vielfalt – Lokale Bündnisse",
        [
            (
                "Wie hoch ist die Förderung eines Lokalen Bündnisses?",
                "In der Regel 15.000 Euro; große Städte und Landkreise können bis zu 50.000 Euro erhalten.",
            ),
            (
                "Wer entscheidet über die Förderung?",
                "Eine unabhängige Jury wählt die Bündnisse aus.",
            ),
        ],
    ),
    (
        "Qualifizierung und Regionalkonferenzen",
        [
            (
                "Wie kommt eine Regionalkonferenz in unsere Region?",
                "Informieren Sie sich auf den Seiten der Landeszentrale für politische Bildung und nehmen "
                "Sie Kontakt zur Leiterin des Fachbereichs auf.",
            ),
        ],
    ),
]

GESAMTTREFFEN_TEXT = """\
Benjamin Lacht, Dezernent im Städtetag, übernahm die Begrüßung der Teilnehmer. Martin Müller,
Fachberater für Bürgerschaftliches Engagement, übernahm die Moderation des Tages. Dr. Virginie
Kemter, Referentin im Ministerium für Soziales und Integration, stand nach der Vorstellungsrunde der
Projekte für Detailfragen zum Programm zur Verfügung.

Wir danken außerdem allen für die Bereitschaft zur Mitarbeit an den Dreharbeiten zum Film über die
Arbeit des Bürgerengagements.
"""

THEMENTISCHE = [
    "Öffentlichkeitsarbeit und Mitarbeitergewinnung",
    "Interkommunale Zusammenarbeit und Austausch",
    "Sprecherrat Geflüchtete",
    "Verhältnis Hauptamt – Ehrenamt",
    "Kleinbudget",
]

KURZFILM_TEXT = """\
Der Städtetag Baden-Württemberg stellt die Arbeit im Förderprogramm „Gemeinsam in Vielfalt –
Lokale Bündnisse für Flüchtlingshilfe“ vor. Die Kurzversion fasst die Arbeit der kommunalen
Flüchtlingshilfe in einer Minute zusammen.

In vielen Mitgliedstädten des Städtetags Baden-Württemberg ist das Bürgerengagement eine
wesentliche Stütze der „Flüchtlingshilfe Kommunal“. In einer dreiminütigen Filmcollage wird dieser
Aspekt des kommunalen Engagements in der Flüchtlingshilfe mit der Arbeit des Städtetags verbunden.

Der Kurzfilm wurde im Rahmen der Hauptversammlung des Städtetags am 23.11.2016 in Mannheim erstmals
öffentlich gezeigt. Gerne können Sie die Filme auch im Rahmen der geförderten Projekte einem
breiten Publikum vorführen (ausgenommen Kino).

Wir danken unseren Projektpartnern für die Mitwirkung am Film, der Stadt Lörrach für die Planung
und Durchführung des dortigen Drehs sowie den Filmkindern in Lörrach. Die Produktionsfirma vidream
aus Freiburg war mit der Umsetzung des Films beauftragt.
"""


def _at(day: datetime.date, hour: int = 8) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def _seite(slug, titel, text, eltern=None, **extra) -> Seite:
    seite, _ = Seite.objects.update_or_create(
        slug=slug,
        eltern=eltern,
        defaults={
            "titel": titel,
            "text": text,
            "status": PUBLIC,
            "veroeffentlichen_ab": SINCE,
            **extra,
        },
    )
    return seite


def _seed_pages() -> None:
    programm = _seite(
        "programm",
        "Das Programm",
        PROGRAMM_TEXT,
        teaser="Flüchtlingshilfe durch Bürgerschaftliches Engagement und Zivilgesellschaft: "
        "vier Säulen für das Engagement vor Ort.",
    )
    for saeule, slug, titel, teaser, text in SAEULEN:
        _seite(slug, titel, text, programm, teaser=teaser, saeule=saeule, reihenfolge=saeule)
    qualifizierung = Seite.objects.get(slug="qualifizierung", eltern=programm)
    _seite(
        "regionalkonferenzen",
        "Regionalkonferenzen: Engagiert weiter!",
        REGIONALKONFERENZEN_TEXT,
        qualifizierung,
        teaser="Austausch, gute Beispiele und Vernetzung für Engagierte in der Flüchtlingshilfe.",
    )
    # The contacts are an app of their own now (/kontakte/), no longer a page.
    Seite.objects.filter(eltern=None, slug="kontakte").delete()
    for slug, titel, text in RECHTLICHES:
        _seite(slug, titel, text)


RUNDSCHREIBEN_TEXT = """{teaser}

{text}

## Inhalt des Handbuchs

| Kapitel | Thema |
|---|---|
| 1 | Arbeitskreise gründen: Ziele, Mitstreiterinnen und Mitstreiter, erste Treffen |
| 2 | Zusammenarbeit von Ehren- und Hauptamt in der Flüchtlingshilfe |
| 3 | Lokale Bündnisse gegen Rassismus und Gruppenbezogene Menschenfeindlichkeit |
| 4 | Methoden für Treffen, Moderation und Öffentlichkeitsarbeit |

## Bestellung

- Das Handbuch ist kostenfrei und kann direkt bei der LAGO bestellt werden.
- Bitte geben Sie bei der Bestellung die Zahl der gewünschten Exemplare an.

Wir bitten Sie, das Handbuch an die Arbeitskreise und Lokalen Bündnisse in Ihrer Stadt
weiterzugeben.
"""

ENTWURF_TEXT = """die Kommunalen Flüchtlingsdialoge gehen in eine neue Runde. Kommunen, die Bürgerinnen und
Bürger an der Aufnahme und Integration geflüchteter Menschen beteiligen wollen, können sich
ab sofort bewerben.

## Wer kann sich bewerben?

Städte, Gemeinden und Landkreise in Baden-Württemberg.

## Fristen

| Schritt | Frist |
|---|---|
| Antrag im Portal | 31.01.2027 |
| Entscheidung | März 2027 |
| Durchführung | bis 31.12.2027 |

Bitte nutzen Sie für den Antrag das Portal unter „Förderung“.
"""


def _seed_documents() -> tuple[Rundschreiben, Dokument]:
    """The seed's circular, written in the composer and exported like every released one,
    and a draft for the Redaktion to try the composer on."""
    rundschreiben, _ = Rundschreiben.objects.update_or_create(
        jahr=2016,
        nummer=27970,
        defaults={
            "datum": datetime.date(2016, 12, 15),
            "betreff": "Handbuch der LAGO für Arbeitskreise in der Flüchtlingshilfe",
            "zusammenfassung": MELDUNGEN[2][4] + " " + MELDUNGEN[2][5],
            "adressaten_arten": ["kommune"],
            "text": RUNDSCHREIBEN_TEXT.format(teaser=MELDUNGEN[2][4], text=MELDUNGEN[2][5]),
            "freigegeben_am": _at(datetime.date(2016, 12, 15)),
            "status": PUBLIC,
            "veroeffentlichen_ab": _at(datetime.date(2016, 12, 15)),
        },
    )
    if not (rundschreiben.datei and rundschreiben.datei.storage.exists(rundschreiben.datei.name)):
        inhalt = rundschreiben.pdf()
        rundschreiben.datei = ContentFile(inhalt, name="rundschreiben-r-27970-2016.pdf")
        rundschreiben.sha256 = hashlib.sha256(inhalt).hexdigest()
    rundschreiben.save()
    Rundschreiben.objects.update_or_create(
        nummer=None,
        betreff="Kommunale Flüchtlingsdialoge 2027: Ausschreibung",
        defaults={
            "adressaten_arten": ["kommune", "landkreis"],
            "bezug": "Unser Rundschreiben R 27970/2016 vom 15.12.2016",
            "zusammenfassung": "Die neue Ausschreibung der Kommunalen Flüchtlingsdialoge.",
            "text": ENTWURF_TEXT,
        },
    )

    # The seed's newsletter is composed and released by the volunteering demo
    # (ehrenamt/demo.py, which runs after this one): its PDF becomes this document's file.
    newsletter, _ = Dokument.objects.update_or_create(
        titel="Newsletter der LpB, November 2016",
        defaults={
            "datum": datetime.date(2016, 11, 21),
            "status": PUBLIC,
            "beschreibung": "Neuigkeiten der Landeszentrale für politische Bildung zur Qualifizierung.",
            "veroeffentlichen_ab": _at(datetime.date(2016, 11, 21)),
        },
    )
    return rundschreiben, newsletter


def _seed_news(rundschreiben: Rundschreiben, newsletter: Dokument) -> None:
    for datum, slug, titel, saeule, teaser, text in MELDUNGEN:
        meldung, _ = Meldung.objects.update_or_create(
            slug=slug,
            defaults={
                "datum": datum,
                "titel": titel,
                "saeule": saeule,
                "teaser": teaser,
                "text": text,
                "status": PUBLIC,
                "veroeffentlichen_ab": _at(datum),
                "rundschreiben": rundschreiben if slug.startswith("handbuch-lago") else None,
            },
        )
        if slug.startswith("newsletter-lpb"):
            meldung.dokumente.set([newsletter])
    Meldung.objects.update_or_create(
        slug="jahresrueckblick-entwurf",
        defaults={
            "datum": datetime.date(2017, 1, 25),
            "titel": "Jahresrückblick (Entwurf)",
            "teaser": "Noch nicht freigegeben: erscheint erst nach der Freigabe durch die Redaktion.",
            "text": "Entwurf.",
            "status": Meldung.Status.ENTWURF,
        },
    )


def _seed_events() -> None:
    gesamttreffen, _ = Veranstaltung.objects.update_or_create(
        slug="zweites-gesamttreffen-2016",
        defaults={
            "titel": "2. Gesamttreffen der vom Städtetag betreuten Projekte",
            "art": Veranstaltung.Art.GESAMTTREFFEN,
            "saeule": Saeule.BUENDNISSE,
            "beginn": _at(datetime.date(2016, 9, 28), 10),
            "ende": _at(datetime.date(2016, 9, 28), 16),
            "ort": "Martha-Maria Haus, Stuttgart",
            "veranstalter": "Städtetag Baden-Württemberg",
            "teaser": "Projekttreffen 2016 in Stuttgart mit 25 Projektpartnern und fünf Thementischen.",
            "text": GESAMTTREFFEN_TEXT,
            "status": PUBLIC,
            "veroeffentlichen_ab": SINCE,
        },
    )
    for position, titel in enumerate(THEMENTISCHE, start=1):
        Thementisch.objects.update_or_create(
            veranstaltung=gesamttreffen,
            reihenfolge=position,
            defaults={"titel": titel, "dauer_minuten": 25},
        )
    events = [
        (
            "regionalkonferenz-stuttgart-2016",
            "Regionalkonferenz Stuttgart: Engagiert weiter!",
            Veranstaltung.Art.REGIONALKONFERENZ,
            Saeule.QUALIFIZIERUNG,
            _at(datetime.date(2016, 11, 26), 10),
            _at(datetime.date(2016, 11, 26), 16),
            "Stuttgart",
            "Landeszentrale für politische Bildung Baden-Württemberg",
            "Austausch über die bisherigen Erfahrungen, gute Beispiele und Vernetzung für Engagierte in der "
            "Flüchtlingshilfe.",
            REGIONALKONFERENZEN_TEXT,
        ),
        (
            "hauptversammlung-2016-mannheim",
            "Hauptversammlung des Städtetags Baden-Württemberg",
            Veranstaltung.Art.HAUPTVERSAMMLUNG,
            None,
            _at(datetime.date(2016, 11, 23), 10),
            _at(datetime.date(2016, 11, 23), 17),
            "Mannheim",
            "Städtetag Baden-Württemberg",
            "Erstmals öffentlich gezeigt: der Kurzfilm „Flüchtlingshilfe Kommunal“.",
            "",
        ),
    ]
    # One upcoming meeting, relative to today, so the lists of coming events are not empty.
    naechstes = timezone.localdate() + datetime.timedelta(days=45)
    events.append(
        (
            "gesamttreffen-lokale-buendnisse",
            "Gesamttreffen der Lokalen Bündnisse",
            Veranstaltung.Art.GESAMTTREFFEN,
            Saeule.BUENDNISSE,
            _at(naechstes, 10),
            _at(naechstes, 16),
            "Städtetag Baden-Württemberg, Stuttgart",
            "Städtetag Baden-Württemberg",
            "Austausch der geförderten Bündnisse an Thementischen.",
            "",
        )
    )
    for slug, titel, art, saeule, beginn, ende, ort, veranstalter, teaser, text in events:
        Veranstaltung.objects.update_or_create(
            slug=slug,
            defaults={
                "titel": titel,
                "art": art,
                "saeule": saeule,
                "beginn": beginn,
                "ende": ende,
                "ort": ort,
                "veranstalter": veranstalter,
                "teaser": teaser,
                "text": text,
                "status": PUBLIC,
                "veroeffentlichen_ab": SINCE,
            },
        )


def _seed_faq_video_links() -> None:
    for position, (thema_titel, fragen) in enumerate(FAQS, start=1):
        thema, _ = FAQThema.objects.update_or_create(
            titel=thema_titel, defaults={"reihenfolge": position}
        )
        for order, (frage, antwort) in enumerate(fragen, start=1):
            FAQ.objects.update_or_create(
                thema=thema,
                frage=frage,
                defaults={
                    "text": antwort,
                    "reihenfolge": order,
                    "status": PUBLIC,
                    "veroeffentlichen_ab": SINCE,
                },
            )

    video, _ = Video.objects.update_or_create(
        slug="kurzfilm-fluechtlingshilfe-kommunal",
        defaults={
            "titel": "Kurzfilm: Flüchtlingshilfe Kommunal",
            "text": KURZFILM_TEXT,
            "status": PUBLIC,
            "veroeffentlichen_ab": _at(datetime.date(2016, 11, 23)),
        },
    )
    for order, (bezeichnung, url, seconds) in enumerate(
        [
            ("Kurzfassung", "https://www.youtube.com/watch?v=fluechtKurz", 60),
            ("Langfassung", "https://www.youtube.com/watch?v=fluechtLang", 180),
        ],
        start=1,
    ):
        Videofassung.objects.update_or_create(
            video=video,
            reihenfolge=order,
            defaults={"bezeichnung": bezeichnung, "extern_url": url, "dauer_sekunden": seconds},
        )

    for order, (titel, url, beschreibung) in enumerate(
        [
            (
                "Städtetag Baden-Württemberg",
                "https://www.staedtetag-bw.de",
                "Der kommunale Spitzenverband der Städte",
            ),
            (
                "Landeszentrale für politische Bildung",
                "https://www.lpb-bw.de",
                "Qualifizierung und Regionalkonferenzen",
            ),
            (
                "Ministerium für Soziales, Gesundheit und Integration",
                "https://sozialministerium.baden-wuerttemberg.de",
                "Förderprogramme des Landes",
            ),
        ],
        start=1,
    ):
        Link.objects.update_or_create(
            url=url, defaults={"titel": titel, "beschreibung": beschreibung, "reihenfolge": order}
        )


def _seed_users() -> list[tuple[str, str, str]]:
    redaktion, _ = User.objects.update_or_create(
        username="redaktion",
        defaults={
            "email": "redaktion@staedtetag-demo.de",
            "first_name": "Rosemarie",
            "last_name": "Gromer (Demo)",
            "is_staff": True,
        },
    )
    redaktion.set_password("demo-redaktion")
    redaktion.save()
    redaktion.groups.add(Group.objects.get(name="Redaktion"))
    admin, _ = User.objects.update_or_create(
        username="admin",
        defaults={"email": "admin@staedtetag-demo.de", "is_staff": True, "is_superuser": True},
    )
    admin.set_password("demo-admin")
    admin.save()
    return [
        (f"Redaktion (Verwaltung {reverse('admin:index')})", redaktion.email, "demo-redaktion"),
        ("Administration (alle Rechte)", admin.email, "demo-admin"),
    ]


def seed(stdout) -> list[tuple[str, str, str]]:
    _seed_pages()
    rundschreiben, newsletter = _seed_documents()
    _seed_news(rundschreiben, newsletter)
    _seed_events()
    _seed_faq_video_links()
    stdout.write(
        f"portal: {Meldung.objects.count()} Meldungen, {Seite.objects.count()} Seiten, "
        f"{Veranstaltung.objects.count()} Veranstaltungen"
    )
    return _seed_users()

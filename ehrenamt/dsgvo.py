"""The data-protection duties towards volunteers (DSGVO): the inventory of what the portal
holds about a volunteer and what erasing does to it, and the access report (Art. 15) built
from the same list, so the report cannot forget a model the inventory names.

Erasure itself is `Ehrenamtliche.anonymisieren`, retention the command `ehrenamt_aufbewahrung`.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from ehrenamt.models import (
    Ehrenamtliche,
    Interesse,
    Listenexport,
    NewsletterVersand,
    Notiz,
    Teilnahme,
    Zuordnung,
)


@dataclass(frozen=True)
class Datenart:
    """One model that holds personal data of volunteers."""

    modell: str
    titel: str
    daten: str
    zweck: str
    frist: str
    loeschung: str


DATENINVENTAR = [
    Datenart(
        "ehrenamt.Ehrenamtliche",
        "Ihre Angaben",
        "Vor- und Nachname, E-Mail-Adresse, Telefon, Postleitzahl, Kreis, Arten der Hilfe, "
        "Sprachen, Zeiten, Nachricht bei der Anmeldung, Stand, Daten der Anmeldung und "
        "Bestätigung, letzte Aktivität, Datum der Einsicht ins erweiterte Führungszeugnis",
        "Kontakt durch die Ehrenamtskoordination und Vermittlung (Einwilligung, Art. 6 Abs. 1 "
        "lit. a DSGVO)",
        "Unbestätigte Anmeldungen 30 Tage; sonst bis zum Widerruf oder nach der eingestellten "
        "Zeit ohne Aktivität (Voreinstellung 24 Monate) und einem Hinweis per E-Mail",
        "Name, E-Mail-Adresse, Telefon, Postleitzahl, Sprachen, Zeiten, Nachricht und "
        "Führungszeugnis-Datum werden überschrieben; Kreis und Arten der Hilfe bleiben für die "
        "Statistik; unbestätigte Anmeldungen werden ganz gelöscht",
    ),
    Datenart(
        "ehrenamt.Einwilligung",
        "Ihre Einwilligungen",
        "Zweck, Fassung des Datenschutzhinweises, erteilt am, auf welchem Weg, widerrufen am",
        "Nachweis der Einwilligung (Art. 7 Abs. 1 DSGVO)",
        "So lange wie die Angaben der Person",
        "Bleibt als Nachweis an der anonymisierten Person; noch gültige werden widerrufen",
    ),
    Datenart(
        "ehrenamt.Zuordnung",
        "Ihre Arbeitskreise",
        "In welchem Arbeitskreis die Person steht, seit wann",
        "Weitergabe der Kontaktdaten an den Arbeitskreis (gesonderte Einwilligung)",
        "Bis zum Widerruf der Einwilligung „Weitergabe an einen Arbeitskreis“",
        "Gelöscht",
    ),
    Datenart(
        "ehrenamt.Notiz",
        "Notizen der Koordination",
        "Freitext der Koordination, wer, wann",
        "Absprachen der Koordination mit der Person",
        "So lange wie die Angaben der Person",
        "Gelöscht",
    ),
    Datenart(
        "ehrenamt.Interesse",
        "Ihr Interesse an Gesuchen",
        "Gesuch, Nachricht an die Koordination, Stand, Daten",
        "Vermittlung in ein Gesuch",
        "So lange wie die Angaben der Person",
        "Nachricht geleert; Interesse an laufenden Gesuchen zurückgezogen; der Rest bleibt "
        "ohne Bezug zu einer Person für die Statistik",
    ),
    Datenart(
        "ehrenamt.Teilnahme",
        "Ihre Schulungen",
        "Schulung, Anmeldung, Warteliste, Erinnerung, Teilnahme",
        "Organisation der Schulung und Teilnahmebescheinigung",
        "So lange wie die Angaben der Person",
        "Kommende Anmeldungen abgemeldet (der Platz geht an die Warteliste); vergangene "
        "bleiben ohne Bezug zu einer Person für die Statistik",
    ),
    Datenart(
        "ehrenamt.Listenexport",
        "Exporte, in denen Sie standen",
        "Dass die Person in einer CSV-Liste der Koordination stand: wann, wer, welcher Filter "
        "(die Datei selbst wird nicht gespeichert)",
        "Nachweis, wer Daten wann exportiert hat",
        "So lange wie die Angaben der Person",
        "Der Eintrag bleibt und verweist auf die anonymisierte Person",
    ),
    Datenart(
        "ehrenamt.NewsletterVersand",
        "Newsletter, die Sie erhalten haben",
        "Welcher Newsletter wann an die Person ging",
        "Jeden Newsletter nur einmal senden (Einwilligung „Newsletter per E-Mail“)",
        "So lange wie die Angaben der Person",
        "Der Eintrag bleibt und verweist auf die anonymisierte Person",
    ),
    Datenart(
        "auth.User",
        "Ihr Benutzerkonto",
        "Benutzername, E-Mail-Adressen, Name, letzte Anmeldung (nur wenn die Person ein Konto "
        "angelegt hat)",
        "Anmeldung im Portal",
        "Bis die Person das Konto löscht oder gelöscht wird",
        "Gelöscht, wenn das Konto keine andere Rolle im Portal hat (Mitgliedschaft, Redaktion)",
    ),
]


def _wert(wert) -> str | None:
    if wert is None or wert == "":
        return None
    if isinstance(wert, datetime.datetime):
        return f"{timezone.localtime(wert):%d.%m.%Y, %H:%M} Uhr"
    if isinstance(wert, datetime.date):
        return f"{wert:%d.%m.%Y}"
    if isinstance(wert, bool):
        return "ja" if wert else "nein"
    if isinstance(wert, list | tuple):
        return ", ".join(str(w) for w in wert) or None
    return str(wert)


def _zeile(obj: models.Model, felder: list[str], **extra) -> dict:
    """A record as „label: value“, the labels being the fields' German names."""
    zeile = {}
    for name in felder:
        feld = obj._meta.get_field(name)
        wert = getattr(obj, f"get_{name}_display")() if feld.choices else getattr(obj, name)
        zeile[str(feld.verbose_name)] = _wert(wert)
    return {**zeile, **{k: _wert(v) for k, v in extra.items()}}


def auskunft(person: Ehrenamtliche) -> dict:
    """Everything held about a volunteer, one section per model of the inventory."""
    user = person.user
    abschnitte = {
        "ehrenamt.Ehrenamtliche": [
            _zeile(
                person,
                [
                    "vorname",
                    "nachname",
                    "email",
                    "telefon",
                    "plz",
                    "kreis",
                    "sprachen",
                    "freitext",
                    "stand",
                    "angemeldet_am",
                    "bestaetigt_am",
                    "letzte_aktivitaet",
                    "aufbewahrung_informiert_am",
                    "fuehrungszeugnis_eingesehen_am",
                ],
                **{
                    "Arten der Hilfe": [a.name for a in person.angebotsarten.all()],
                    "Zeiten": person.verfuegbarkeit_namen,
                },
            )
        ],
        "ehrenamt.Einwilligung": [
            _zeile(
                e,
                ["zweck", "erteilt_am", "weg", "widerrufen_am", "abgeloest_am"],
                **{"Datenschutzhinweis, Fassung": e.hinweis.version},
            )
            for e in person.einwilligungen.select_related("hinweis")
        ],
        "ehrenamt.Zuordnung": [
            _zeile(z, ["arbeitskreis", "zugeordnet_am"])
            for z in Zuordnung.objects.filter(ehrenamtliche=person).select_related("arbeitskreis")
        ],
        "ehrenamt.Notiz": [
            _zeile(n, ["text", "verfasst_am"]) for n in Notiz.objects.filter(ehrenamtliche=person)
        ],
        "ehrenamt.Interesse": [
            _zeile(i, ["gesuch", "nachricht", "stand", "erstellt_am", "entschieden_am"])
            for i in Interesse.objects.filter(ehrenamtliche=person).select_related("gesuch")
        ],
        "ehrenamt.Teilnahme": [
            _zeile(t, ["schulung", "stand", "angemeldet_am", "nachgerueckt_am", "teilgenommen"])
            for t in Teilnahme.objects.filter(ehrenamtliche=person).select_related("schulung")
        ],
        "ehrenamt.Listenexport": [
            _zeile(x, ["erstellt_am", "filter"], **{"Kreise": [str(k) for k in x.kreise.all()]})
            for x in Listenexport.objects.filter(personen=person).prefetch_related("kreise")
        ],
        "ehrenamt.NewsletterVersand": [
            _zeile(v, ["gesendet_am"], Newsletter=v.newsletter.titel)
            for v in NewsletterVersand.objects.filter(ehrenamtliche=person).select_related(
                "newsletter"
            )
        ],
        "auth.User": [
            _zeile(
                user,
                ["username", "first_name", "last_name", "email", "date_joined", "last_login"],
                **{"E-Mail-Adressen": [a.email for a in user.emailaddress_set.all()]},
            )
        ]
        if user
        else [],
    }
    return {
        "titel": "Auskunft nach Art. 15 DSGVO",
        "erstellt_am": _wert(timezone.now()),
        "verantwortlich": "Städtetag Baden-Württemberg, Königstraße 2, 70173 Stuttgart, mit der "
        f"Ehrenamtskoordination im {person.kreis}",
        "abschnitte": [
            {
                "modell": art.modell,
                "titel": art.titel,
                "zweck": art.zweck,
                "speicherdauer": art.frist,
                "eintraege": abschnitte[art.modell],
            }
            for art in DATENINVENTAR
        ],
    }

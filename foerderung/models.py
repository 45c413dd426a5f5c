"""Funding programmes and their calls (Ausschreibungen): what is funded, who may apply, until
when, for how much, and what a call asks of the applicants; the applications (Anträge) from
draft to final report."""

import datetime
import hashlib
import string
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_valid_filename, slugify

from buendnisse.models import Buendnis, Foerderrunde
from kontakte.models import Organisation, anzeigename
from portal import uploads
from portal.formats import euro, zeitpunkt
from portal.markup import render_markdown
from portal.models import (
    Dokument,
    FAQThema,
    MitText,
    Saeule,
    Veroeffentlichbar,
    VeroeffentlichtQuerySet,
)

RESERVIERTE_SLUGS = {"antraege"}  # /foerderung/antraege/ is the applicants' area


def _slug_frei(slug: str) -> None:
    if slug in RESERVIERTE_SLUGS:
        raise ValidationError(
            {"slug": "Diese Adresse ist für eine Seite des Portals vergeben."},
            code="slug_reserviert",
        )


class Programm(Veroeffentlichbar, MitText):
    """A funding programme, e.g. „Kommunaler Flüchtlingsdialog“. The text says what is funded."""

    name = models.CharField("Name", max_length=200)
    slug = models.SlugField("Kurzname in der Adresse", max_length=100, unique=True)
    kuerzel = models.CharField(
        "Kürzel für Aktenzeichen",
        max_length=6,
        help_text="Zum Beispiel „FD“: Anträge erhalten Aktenzeichen wie FD-2017-0042.",
    )
    kurzbeschreibung = models.CharField("Kurzbeschreibung", max_length=300)
    antragsberechtigt = models.TextField(
        "Wer Anträge stellen kann",
        help_text="In ganzen Sätzen, z. B. „Landkreise, Städte und Gemeinden in "
        "Baden-Württemberg.“",
    )
    saeule = models.PositiveSmallIntegerField(
        "Säule des Programms", choices=Saeule.choices, null=True, blank=True
    )
    faq_thema = models.ForeignKey(
        FAQThema,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Häufige Fragen zum Programm",
    )
    dokumente = models.ManyToManyField(
        Dokument,
        blank=True,
        related_name="+",
        verbose_name="Richtlinien und Vordrucke",
    )
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Förderprogramm"
        verbose_name_plural = "Förderprogramme"
        ordering = ["reihenfolge", "name"]
        constraints = [
            # "FD" and "fd" would read as the same file numbers.
            models.UniqueConstraint(
                Lower("kuerzel"),
                name="programm_kuerzel_einmal",
                violation_error_message="Dieses Kürzel hat schon ein anderes Programm.",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        _slug_frei(self.slug)

    def get_absolute_url(self):
        return reverse("foerderung:programm", args=[self.slug])


class AusschreibungQuerySet(VeroeffentlichtQuerySet):
    def veroeffentlicht(self):
        """Released calls of released programmes."""
        return super().veroeffentlicht().filter(programm__in=Programm.objects.veroeffentlicht())

    def offen(self, jetzt=None):
        jetzt = jetzt or timezone.now()
        return self.filter(offen_ab__lte=jetzt, offen_bis__gt=jetzt).order_by("offen_bis")

    def kommend(self, jetzt=None):
        return self.filter(offen_ab__gt=jetzt or timezone.now()).order_by("offen_ab")

    def geschlossen(self, jetzt=None):
        return self.filter(offen_bis__lte=jetzt or timezone.now()).order_by("-offen_bis")

    def mit_budget(self):
        """With `beantragt_summe` (applications submitted and still in play or granted),
        `bewilligt_summe` (granted amounts) and `ausgezahlt_summe` for the budget control."""
        gestellt = models.Q(antraege__status__in=Antrag.GESTELLT)
        bewilligt = models.Q(antraege__status__in=Antrag.BEWILLIGT_STATUS)
        null = models.Value(Decimal(0))
        ausgezahlt = (
            Auszahlung.objects.filter(antrag__ausschreibung=models.OuterRef("pk"))
            .values("antrag__ausschreibung")
            .annotate(summe=models.Sum("betrag"))
            .values("summe")
        )
        return self.annotate(
            beantragt_summe=Coalesce(models.Sum("antraege__beantragt", filter=gestellt), null),
            bewilligt_summe=Coalesce(
                models.Sum("antraege__bewilligt_betrag", filter=bewilligt), null
            ),
            ausgezahlt_summe=Coalesce(models.Subquery(ausgezahlt), null),
        )


class Ausschreibung(Veroeffentlichbar, MitText):
    """A call for applications with its deadline. The text says what this call funds."""

    programm = models.ForeignKey(
        Programm, on_delete=models.PROTECT, related_name="ausschreibungen", verbose_name="Programm"
    )
    titel = models.CharField("Titel", max_length=200)
    slug = models.SlugField("Kurzname in der Adresse", max_length=100)
    offen_ab = models.DateTimeField(
        "Anträge ab", help_text="Datum und Uhrzeit in deutscher Zeit (Europe/Berlin)."
    )
    offen_bis = models.DateTimeField(
        "Antragsfrist",
        help_text="Bis zu diesem Zeitpunkt (deutsche Zeit) nimmt das Portal Anträge an, "
        "z. B. 31.12.2016, 23:59 Uhr.",
    )
    hoechstbetrag = models.DecimalField(
        "Höchstbetrag je Antrag in Euro",
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    gesamtbudget = models.DecimalField(
        "Gesamtbudget in Euro",
        max_digits=11,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    berechtigte_arten = models.JSONField(
        "Antragsberechtigt",
        default=list,
        help_text="Die Arten von Organisationen, die Anträge stellen dürfen.",
    )
    durchfuehrung_von = models.DateField("Durchführung frühestens ab")
    durchfuehrung_bis = models.DateField("Durchführung spätestens bis")
    nachweis_wochen = models.PositiveSmallIntegerField(
        "Verwendungsnachweis fällig nach (Wochen)",
        default=8,
        help_text="Wochen nach dem Ende der geförderten Maßnahme, spätestens nach dem Ende des "
        "Durchführungszeitraums.",
    )
    dokumente = models.ManyToManyField(
        Dokument, blank=True, related_name="+", verbose_name="Unterlagen zum Herunterladen"
    )
    foerderrunde = models.ForeignKey(
        Foerderrunde,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Förderrunde der Lokalen Bündnisse",
        help_text="Nur bei Ausschreibungen für Lokale Bündnisse: Bewilligte Anträge können "
        "dann als Bündnis dieser Runde übernommen werden.",
    )

    objects = AusschreibungQuerySet.as_manager()

    class Meta:
        verbose_name = "Ausschreibung"
        verbose_name_plural = "Ausschreibungen"
        ordering = ["-offen_bis"]
        constraints = [
            models.UniqueConstraint(
                fields=["programm", "slug"], name="ausschreibung_slug_je_programm"
            )
        ]

    def __str__(self):
        return self.titel

    def clean(self):
        super().clean()
        errors = {}
        if self.offen_ab and self.offen_bis and self.offen_bis <= self.offen_ab:
            errors["offen_bis"] = "Die Antragsfrist muss nach ihrem Beginn enden."
        if (
            self.offen_bis
            and self.durchfuehrung_bis
            and self.durchfuehrung_bis < timezone.localtime(self.offen_bis).date()
        ):
            errors["durchfuehrung_bis"] = (
                "Der Durchführungszeitraum endet vor der Antragsfrist; so könnte niemand die "
                "Förderung nutzen."
            )
        if (
            self.gesamtbudget is not None
            and self.hoechstbetrag is not None
            and self.hoechstbetrag > self.gesamtbudget
        ):
            errors["hoechstbetrag"] = "Der Höchstbetrag je Antrag übersteigt das Gesamtbudget."
        if (
            self.durchfuehrung_von
            and self.durchfuehrung_bis
            and self.durchfuehrung_bis < self.durchfuehrung_von
        ):
            errors.setdefault(
                "durchfuehrung_bis", "Der Durchführungszeitraum endet vor seinem Beginn."
            )
        unbekannt = set(self.berechtigte_arten or []) - set(Organisation.Art.values)
        if unbekannt or not self.berechtigte_arten:
            errors["berechtigte_arten"] = "Bitte wählen Sie mindestens eine Art von Organisation."
        if errors:
            raise ValidationError(errors, code="ausschreibung_ungueltig")

    def get_absolute_url(self):
        return reverse("foerderung:ausschreibung", args=[self.programm.slug, self.slug])

    def stand(self, jetzt=None) -> str:
        """ "offen", "kommend" or "geschlossen", as the querysets of the same names sort."""
        jetzt = jetzt or timezone.now()
        if jetzt < self.offen_ab:
            return "kommend"
        return "offen" if jetzt < self.offen_bis else "geschlossen"

    @property
    def frist_text(self) -> str:
        return zeitpunkt(self.offen_bis)

    @property
    def beginn_text(self) -> str:
        return zeitpunkt(self.offen_ab)

    @property
    def restzeit(self) -> str:
        """ "noch 12 Tage", "noch 5 Stunden", "Frist abgelaufen" """
        rest = self.offen_bis - timezone.now()
        if rest.total_seconds() <= 0:
            return "Frist abgelaufen"
        if rest.days >= 2:
            return f"noch {rest.days} Tage"
        stunden = int(rest.total_seconds() // 3600)
        if stunden >= 2:
            return f"noch {stunden} Stunden"
        minuten = max(1, int(rest.total_seconds() // 60))
        return "noch 1 Minute" if minuten == 1 else f"noch {minuten} Minuten"

    @property
    def hoechstbetrag_text(self) -> str:
        return euro(self.hoechstbetrag)

    @property
    def gesamtbudget_text(self) -> str:
        return euro(self.gesamtbudget) if self.gesamtbudget is not None else ""

    @property
    def durchfuehrung_text(self) -> str:
        return (
            f"{date_format(self.durchfuehrung_von, 'd.m.Y')} bis "
            f"{date_format(self.durchfuehrung_bis, 'd.m.Y')}"
        )

    @property
    def berechtigte_arten_namen(self) -> list[str]:
        namen = dict(Organisation.Art.choices)
        return [namen[art] for art in self.berechtigte_arten if art in namen]

    def ist_berechtigt(self, organisation: Organisation) -> bool:
        return organisation.art in self.berechtigte_arten

    def vergeben(self, ohne=None) -> Decimal:
        """The sum granted under this call, leaving out the application `ohne`."""
        antraege = self.antraege.bewilligt()
        if ohne is not None:
            antraege = antraege.exclude(pk=ohne.pk)
        return antraege.aggregate(summe=models.Sum("bewilligt_betrag"))["summe"] or Decimal(0)


class Frage(models.Model):
    """A question a call asks in addition to the common application form."""

    class Typ(models.TextChoices):
        TEXT = "text", "Kurzer Text"
        LANGTEXT = "langtext", "Langer Text"
        ZAHL = "zahl", "Ganze Zahl"
        DATUM = "datum", "Datum"
        JA_NEIN = "ja_nein", "Ja oder nein"
        AUSWAHL = "auswahl", "Auswahl aus einer Liste"

    ausschreibung = models.ForeignKey(
        Ausschreibung, on_delete=models.CASCADE, related_name="fragen"
    )
    text = models.CharField("Frage", max_length=300)
    hinweis = models.CharField("Hinweis zum Ausfüllen", max_length=300, blank=True)
    typ = models.CharField("Art der Antwort", max_length=10, choices=Typ.choices)
    optionen = models.TextField(
        "Auswahlmöglichkeiten", blank=True, help_text="Nur bei „Auswahl“: eine je Zeile."
    )
    pflicht = models.BooleanField("Pflichtangabe", default=True)
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Frage der Ausschreibung"
        verbose_name_plural = "Fragen der Ausschreibung"
        ordering = ["reihenfolge", "pk"]

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if self.typ == self.Typ.AUSWAHL and len(self.optionen_liste) < 2:
            raise ValidationError(
                {"optionen": "Eine Auswahl braucht mindestens zwei Möglichkeiten, eine je Zeile."},
                code="optionen_fehlen",
            )

    @property
    def optionen_liste(self) -> list[str]:
        return [zeile.strip() for zeile in self.optionen.splitlines() if zeile.strip()]


class Unterlage(models.Model):
    """A document applicants must (or may) attach, e.g. „Kosten- und Finanzierungsplan“."""

    ausschreibung = models.ForeignKey(
        Ausschreibung, on_delete=models.CASCADE, related_name="unterlagen"
    )
    bezeichnung = models.CharField("Bezeichnung", max_length=200)
    hinweis = models.CharField("Hinweis", max_length=300, blank=True)
    pflicht = models.BooleanField("Pflicht", default=True)
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Geforderte Unterlage"
        verbose_name_plural = "Geforderte Unterlagen"
        ordering = ["reihenfolge", "pk"]

    def __str__(self):
        return self.bezeichnung


class Kriterium(models.Model):
    """A criterion the jury scores applications under a call on (0–5 points), with its weight."""

    ausschreibung = models.ForeignKey(
        Ausschreibung, on_delete=models.CASCADE, related_name="kriterien"
    )
    name = models.CharField("Kriterium", max_length=200)
    beschreibung = models.CharField("Worauf die Jury achtet", max_length=500, blank=True)
    gewicht = models.PositiveSmallIntegerField(
        "Gewicht",
        default=1,
        validators=[MinValueValidator(1)],
        help_text="Ein Kriterium mit Gewicht 2 zählt doppelt.",
    )
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Bewertungskriterium"
        verbose_name_plural = "Bewertungskriterien"
        ordering = ["reihenfolge", "pk"]

    def __str__(self):
        return self.name


# --- Applications -----------------------------------------------------------------------------


class Fristverlaengerung(models.Model):
    """Staff let one organisation submit after the call's deadline. The record is the log:
    who granted how long and why."""

    ausschreibung = models.ForeignKey(
        Ausschreibung,
        on_delete=models.CASCADE,
        related_name="fristverlaengerungen",
        verbose_name="Ausschreibung",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name="Organisation"
    )
    bis = models.DateTimeField("Verlängert bis", help_text="Deutsche Zeit (Europe/Berlin).")
    begruendung = models.CharField("Begründung", max_length=500)
    gewaehrt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Gewährt von",
    )
    gewaehrt_am = models.DateTimeField("Gewährt am", default=timezone.now)

    class Meta:
        verbose_name = "Fristverlängerung"
        verbose_name_plural = "Fristverlängerungen"
        ordering = ["-gewaehrt_am"]
        constraints = [
            models.UniqueConstraint(
                fields=["ausschreibung", "organisation"],
                name="fristverlaengerung_einmal_je_organisation",
                violation_error_message="Diese Organisation hat für die Ausschreibung schon "
                "eine Fristverlängerung; bitte ändern Sie diese.",
            )
        ]

    def __str__(self):
        return f"{self.organisation}: bis {zeitpunkt(self.bis)}"

    def clean(self):
        super().clean()
        if self.bis and self.ausschreibung_id and self.bis <= self.ausschreibung.offen_bis:
            raise ValidationError(
                {
                    "bis": "Die verlängerte Frist muss nach der Antragsfrist der Ausschreibung "
                    f"({self.ausschreibung.frist_text}) enden."
                },
                code="frist_nicht_verlaengert",
            )


class Thema(models.TextChoices):
    WOHNRAUM = "wohnraum", "Wohnraum"
    ARBEIT = "arbeit", "Arbeit und Ausbildung"
    BILDUNG = "bildung", "Bildung und Sprache"
    SICHERHEIT = "sicherheit", "Sicherheit"
    GEMEINSCHAFT = "gemeinschaft", "Gemeinschaft und Zusammenleben"
    GESUNDHEIT = "gesundheit", "Gesundheit"
    EHRENAMT = "ehrenamt", "Ehrenamtliches Engagement"


class Format(models.TextChoices):
    DIALOG = "dialog", "Dialogveranstaltung oder Bürgerforum"
    WERKSTATT = "werkstatt", "Workshop oder Zukunftswerkstatt"
    RUNDER_TISCH = "runder_tisch", "Runder Tisch"
    REIHE = "reihe", "Veranstaltungsreihe"
    PROJEKT = "projekt", "Projekt über einen längeren Zeitraum"
    SONSTIGES = "sonstiges", "Anderes Format"


class UebergangVerweigert(Exception):
    """A state change that is not allowed now or not to this person; the message is German and
    meant for them."""


class AntragQuerySet(models.QuerySet):
    def sichtbar_fuer(self, user):
        """The applications of the organisations the user acts for (approved membership)."""
        return self.filter(organisation__in=Organisation.objects.vertreten_von(user))

    def aktiv(self):
        return self.exclude(status=Antrag.Status.ZURUECKGEZOGEN)

    def bewilligt(self):
        """Granted (in full or in part), also once the final report is due or done."""
        return self.filter(status__in=Antrag.BEWILLIGT_STATUS)

    def freigegeben(self):
        """Decisions the applicants have been told of (and the public may see)."""
        return self.filter(freigegeben_am__isnull=False)

    def freizugeben(self):
        """Decided, but not yet told."""
        return self.filter(status__in=Antrag.ENTSCHEIDUNGEN, freigegeben_am__isnull=True)

    def mit_offener_rueckfrage(self):
        return self.filter(
            models.Exists(
                Rueckfrage.objects.filter(antrag=models.OuterRef("pk"), beantwortet_am__isnull=True)
            )
        )

    def nachweis_ueberfaellig(self, heute=None):
        return self.filter(
            status=Antrag.Status.NACHWEIS_FAELLIG,
            nachweis_faellig_am__lt=heute or timezone.localdate(),
        )


def _anhang_pfad(anhang, filename: str) -> str:
    # Never below bilder/ (the only media path the app serves): attachments are served by a
    # view that checks who asks. The name is random so it reveals nothing about the content.
    endung = (anhang.dateiart or "bin").lower()
    return f"antraege/{anhang.antrag_id}/{uuid.uuid4().hex}.{endung}"


class Antrag(models.Model):
    """A municipality's application for funding under a call, from draft to final report.

    Every change of `status` goes through `uebergang`, which checks who may make it and writes
    the history."""

    class Status(models.TextChoices):
        ENTWURF = "entwurf", "Entwurf"
        EINGEREICHT = "eingereicht", "Eingereicht"
        IN_PRUEFUNG = "in_pruefung", "In Prüfung"
        RUECKFRAGE = "rueckfrage", "Rückfrage"
        BEWILLIGT = "bewilligt", "Bewilligt"
        TEILWEISE_BEWILLIGT = "teilweise", "Teilweise bewilligt"
        ABGELEHNT = "abgelehnt", "Abgelehnt"
        ZURUECKGEZOGEN = "zurueckgezogen", "Zurückgezogen"
        NACHWEIS_FAELLIG = "nachweis_faellig", "Verwendungsnachweis fällig"
        NACHWEIS_EINGEREICHT = "nachweis_eingereicht", "Verwendungsnachweis eingereicht"
        ABGESCHLOSSEN = "abgeschlossen", "Abgeschlossen"

    # Who may move an application from one state to the next: the applicant organisation's
    # members, the programme staff (permission pruefen_antrag) or the daily job (no person).
    ANTRAGSTELLER, FOERDERREFERAT, SYSTEM = "antragsteller", "foerderreferat", "system"
    S = Status
    UEBERGAENGE = {
        (S.ENTWURF, S.EINGEREICHT): {ANTRAGSTELLER},
        (S.RUECKFRAGE, S.EINGEREICHT): {ANTRAGSTELLER},
        (S.ENTWURF, S.ZURUECKGEZOGEN): {ANTRAGSTELLER},
        (S.EINGEREICHT, S.ZURUECKGEZOGEN): {ANTRAGSTELLER, FOERDERREFERAT},
        (S.IN_PRUEFUNG, S.ZURUECKGEZOGEN): {ANTRAGSTELLER, FOERDERREFERAT},
        (S.RUECKFRAGE, S.ZURUECKGEZOGEN): {ANTRAGSTELLER, FOERDERREFERAT},
        (S.EINGEREICHT, S.IN_PRUEFUNG): {FOERDERREFERAT},
        (S.EINGEREICHT, S.RUECKFRAGE): {FOERDERREFERAT},
        (S.IN_PRUEFUNG, S.RUECKFRAGE): {FOERDERREFERAT},
        (S.IN_PRUEFUNG, S.BEWILLIGT): {FOERDERREFERAT},
        (S.IN_PRUEFUNG, S.TEILWEISE_BEWILLIGT): {FOERDERREFERAT},
        (S.IN_PRUEFUNG, S.ABGELEHNT): {FOERDERREFERAT},
        (S.BEWILLIGT, S.NACHWEIS_FAELLIG): {FOERDERREFERAT, SYSTEM},
        (S.TEILWEISE_BEWILLIGT, S.NACHWEIS_FAELLIG): {FOERDERREFERAT, SYSTEM},
        (S.NACHWEIS_FAELLIG, S.NACHWEIS_EINGEREICHT): {ANTRAGSTELLER},
        (S.NACHWEIS_EINGEREICHT, S.NACHWEIS_FAELLIG): {FOERDERREFERAT},
        (S.NACHWEIS_EINGEREICHT, S.ABGESCHLOSSEN): {FOERDERREFERAT},
    }
    del S
    BEARBEITBAR = {Status.ENTWURF, Status.RUECKFRAGE}
    NUR_NACH_PRUEFUNG = {Status.EINGEREICHT, Status.NACHWEIS_EINGEREICHT}
    ENTSCHEIDUNGEN = {Status.BEWILLIGT, Status.TEILWEISE_BEWILLIGT, Status.ABGELEHNT}
    BEWILLIGT_STATUS = {
        Status.BEWILLIGT,
        Status.TEILWEISE_BEWILLIGT,
        Status.NACHWEIS_FAELLIG,
        Status.NACHWEIS_EINGEREICHT,
        Status.ABGESCHLOSSEN,
    }
    # What the applicant reads next to the state.
    ERKLAERUNG = {
        Status.ENTWURF: "Der Antrag ist noch nicht eingereicht. Sie können ihn jederzeit "
        "weiter bearbeiten und vor Ablauf der Frist verbindlich einreichen.",
        Status.EINGEREICHT: "Der Antrag ist eingegangen. Das Förderreferat prüft ihn in der "
        "Reihenfolge des Eingangs.",
        Status.IN_PRUEFUNG: "Das Förderreferat prüft den Antrag. Sie hören von uns, sobald "
        "entschieden ist oder wir eine Frage haben.",
        Status.RUECKFRAGE: "Das Förderreferat hat eine Rückfrage. Bitte beantworten Sie sie, "
        "ergänzen Sie den Antrag, wenn nötig, und reichen Sie ihn erneut ein.",
        Status.BEWILLIGT: "Der Antrag ist bewilligt. Nach der Durchführung reichen Sie den "
        "Verwendungsnachweis ein.",
        Status.TEILWEISE_BEWILLIGT: "Der Antrag ist mit einem geringeren Betrag bewilligt. Nach "
        "der Durchführung reichen Sie den Verwendungsnachweis ein.",
        Status.ABGELEHNT: "Der Antrag wurde abgelehnt. Die Gründe stehen im Verlauf.",
        Status.ZURUECKGEZOGEN: "Der Antrag wurde zurückgezogen und wird nicht weiter bearbeitet.",
        Status.NACHWEIS_FAELLIG: "Bitte reichen Sie den Verwendungsnachweis ein: was "
        "stattgefunden hat, wer teilgenommen hat und was es tatsächlich gekostet hat.",
        Status.NACHWEIS_EINGEREICHT: "Der Verwendungsnachweis ist eingegangen und wird geprüft.",
        Status.ABGESCHLOSSEN: "Das Förderverfahren ist abgeschlossen. Vielen Dank!",
    }

    ausschreibung = models.ForeignKey(
        Ausschreibung,
        on_delete=models.PROTECT,
        related_name="antraege",
        verbose_name="Ausschreibung",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="antraege",
        verbose_name="Antragstellende Organisation",
    )
    status = models.CharField(
        "Status", max_length=20, choices=Status.choices, default=Status.ENTWURF, editable=False
    )
    aktenzeichen = models.CharField(
        "Aktenzeichen", max_length=20, unique=True, null=True, blank=True, editable=False
    )
    az_jahr = models.PositiveSmallIntegerField(null=True, editable=False)
    az_nummer = models.PositiveIntegerField(null=True, editable=False)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="Angelegt von",
    )
    erstellt_am = models.DateTimeField("Angelegt am", default=timezone.now)
    geaendert_am = models.DateTimeField("Zuletzt geändert", auto_now=True)
    eingereicht_am = models.DateTimeField("Eingereicht am", null=True, blank=True, editable=False)

    # Step 1: who applies and whom the programme team talks to.
    kontakt_name = models.CharField("Name der Ansprechperson", max_length=200, blank=True)
    kontakt_funktion = models.CharField("Funktion oder Dienststelle", max_length=200, blank=True)
    kontakt_email = models.EmailField("E-Mail der Ansprechperson", blank=True)
    kontakt_telefon = models.CharField("Telefon der Ansprechperson", max_length=40, blank=True)

    # Step 2: the planned dialogue or project.
    titel = models.CharField("Titel des Vorhabens", max_length=200, blank=True)
    ziele = models.TextField("Ziele", max_length=5000, blank=True)
    format = models.CharField("Format", max_length=20, choices=Format.choices, blank=True)
    themen = models.JSONField("Themen", default=list, blank=True)
    beschreibung = models.TextField("Geplanter Ablauf", max_length=5000, blank=True)

    # Step 3: when, where, with whom.
    beginn = models.DateField("Beginn", null=True, blank=True)
    ende = models.DateField("Ende", null=True, blank=True)
    ort = models.CharField("Ort", max_length=200, blank=True)
    teilnehmende = models.PositiveIntegerField("Erwartete Teilnehmende", null=True, blank=True)
    beteiligung_gefluechtete = models.TextField(
        "Beteiligung von Geflüchteten", max_length=2000, blank=True
    )
    beteiligung_ehrenamtliche = models.TextField(
        "Beteiligung von Ehrenamtlichen", max_length=2000, blank=True
    )
    beteiligung_verwaltung = models.TextField(
        "Beteiligung der Verwaltung", max_length=2000, blank=True
    )
    beteiligung_buergerschaft = models.TextField(
        "Beteiligung der Bürgerschaft", max_length=2000, blank=True
    )
    partner = models.TextField("Partner", max_length=2000, blank=True)

    # Step 4: the call's own questions, {str(frage.pk): answer as text}.
    antworten = models.JSONField("Antworten auf die Fragen der Ausschreibung", default=dict)

    # Step 5: financing; the costs are the Kostenposition rows.
    eigenanteil = models.DecimalField(
        "Eigenanteil in Euro", max_digits=9, decimal_places=2, null=True, blank=True
    )
    drittmittel = models.DecimalField(
        "Mittel Dritter in Euro", max_digits=9, decimal_places=2, null=True, blank=True
    )
    beantragt = models.DecimalField(
        "Beantragte Förderung in Euro", max_digits=9, decimal_places=2, null=True, blank=True
    )

    # Set by the programme staff when they decide.
    bewilligt_betrag = models.DecimalField(
        "Bewilligter Betrag in Euro",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    nachweis_faellig_am = models.DateField(
        "Verwendungsnachweis fällig am", null=True, blank=True, editable=False
    )
    buendnis = models.OneToOneField(
        Buendnis,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="Lokales Bündnis",
    )
    auflagen = models.TextField(
        "Nebenbestimmungen",
        blank=True,
        editable=False,
        help_text="Auflagen zur Bewilligung; sie stehen im Bescheid.",
    )
    # A decision reaches the applicant only when the staff release it (after the jury, the
    # budget, a second look); until then they see „In Prüfung“.
    freigegeben_am = models.DateTimeField(
        "Entscheidung mitgeteilt am", null=True, blank=True, editable=False
    )
    freigegeben_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="Entscheidung mitgeteilt von",
    )

    objects = AntragQuerySet.as_manager()

    class Meta:
        verbose_name = "Antrag"
        verbose_name_plural = "Anträge"
        ordering = ["-geaendert_am"]
        permissions = [("pruefen_antrag", "Kann Anträge prüfen und entscheiden")]
        constraints = [
            # One application per organisation and call; a withdrawn one makes room for a new.
            models.UniqueConstraint(
                fields=["ausschreibung", "organisation"],
                condition=~models.Q(status="zurueckgezogen"),
                name="antrag_einmal_je_ausschreibung",
                violation_error_message="Ihre Organisation hat zu dieser Ausschreibung schon "
                "einen Antrag.",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "-geaendert_am"]),
            # The staff's list (the admin adds -pk for a stable order): the first page is read
            # from the index instead of sorting every application.
            models.Index(fields=["-geaendert_am", "-id"], name="antrag_liste_idx"),
        ]

    def __str__(self):
        return self.aktenzeichen or f"Entwurf {self.pk}: {self.titel or self.ausschreibung}"

    def get_absolute_url(self):
        return reverse("foerderung:antrag-detail", args=[self.pk])

    @property
    def bezeichnung(self) -> str:
        return self.titel or "Antrag ohne Titel"

    @property
    def bearbeitbar(self) -> bool:
        return self.status in self.BEARBEITBAR

    # Submitted and not withdrawn or refused: what the call's budget has to reckon with.
    GESTELLT = {
        Status.EINGEREICHT,
        Status.IN_PRUEFUNG,
        Status.RUECKFRAGE,
        *BEWILLIGT_STATUS,
    }
    # States in which the application waits for the programme staff.
    BEIM_FOERDERREFERAT = {Status.EINGEREICHT, Status.IN_PRUEFUNG}

    @property
    def wartet_tage(self) -> int | None:
        """Days since submission while it waits for the staff, else None."""
        if self.status not in self.BEIM_FOERDERREFERAT or self.eingereicht_am is None:
            return None
        return (timezone.localdate() - timezone.localtime(self.eingereicht_am).date()).days

    @property
    def ist_bewilligt(self) -> bool:
        """Granted, and the applicant has been told."""
        return self.status in self.BEWILLIGT_STATUS and not self.unmitgeteilt

    @property
    def unmitgeteilt(self) -> bool:
        """Decided, but not released to the applicant yet."""
        return self.status in self.ENTSCHEIDUNGEN and self.freigegeben_am is None

    @property
    def stand(self) -> str:
        """The state as the applicant may know it: an unreleased decision is still review."""
        return self.Status.IN_PRUEFUNG if self.unmitgeteilt else self.status

    @property
    def stand_text(self) -> str:
        return self.Status(self.stand).label

    @property
    def erklaerung(self) -> str:
        return self.ERKLAERUNG[self.stand]

    @property
    def themen_namen(self) -> list[str]:
        namen = dict(Thema.choices)
        return [namen[thema] for thema in self.themen if thema in namen]

    # --- Money ------------------------------------------------------------------------------

    @property
    def gesamtkosten(self) -> Decimal:
        return sum((k.betrag for k in self.kostenpositionen.all()), Decimal(0))

    @property
    def finanzierung(self) -> Decimal:
        return sum(
            (
                betrag or Decimal(0)
                for betrag in [self.eigenanteil, self.drittmittel, self.beantragt]
            ),
            Decimal(0),
        )

    @property
    def ist_kosten(self) -> Decimal:
        return sum((k.ist_betrag or Decimal(0) for k in self.kostenpositionen.all()), Decimal(0))

    # --- Who ---------------------------------------------------------------------------------

    def ist_antragsteller(self, user) -> bool:
        return Organisation.objects.vertreten_von(user).filter(pk=self.organisation_id).exists()

    def rolle(self, user) -> str | None:
        if user is None:
            return self.SYSTEM
        if user.has_perm("foerderung.pruefen_antrag"):
            return self.FOERDERREFERAT
        if self.ist_antragsteller(user):
            return self.ANTRAGSTELLER
        return None

    def empfaenger(self) -> list[str]:
        """Who hears of changes: the contact person and everyone who acts for the organisation."""
        adressen = [self.kontakt_email] if self.kontakt_email else []
        adressen += (
            self.organisation.mitgliedschaften.bestaetigt()
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
        return list(dict.fromkeys(a.lower() for a in adressen))

    # --- State -------------------------------------------------------------------------------

    def moegliche_uebergaenge(self, user) -> list[str]:
        rolle = self.rolle(user)
        return [
            nach
            for (von, nach), wer in self.UEBERGAENGE.items()
            if von == self.status and rolle in wer and nach not in self.NUR_NACH_PRUEFUNG
        ]

    def uebergang(self, nach: str, by, notiz: str = "", *, geprueft=False) -> "Statuswechsel":
        """Move to state `nach` on behalf of `by` (None: the daily job), write the history entry
        and tell the applicant by e-mail after the commit. Raises UebergangVerweigert.

        Submitting (the application or the final report) has its own checks: only `einreichen`
        of Antrag and Verwendungsnachweis move there, saying so with `geprueft=True`."""
        from foerderung import tasks

        if nach in self.NUR_NACH_PRUEFUNG and not geprueft:
            raise UebergangVerweigert("Eingereicht wird über „Verbindlich einreichen“.")
        with transaction.atomic():
            aktuell = Antrag.objects.select_for_update().only("status").get(pk=self.pk)
            self.status = aktuell.status
            wer = self.UEBERGAENGE.get((self.status, nach))
            if wer is None:
                raise UebergangVerweigert(
                    f"Ein Antrag im Stand „{self.get_status_display()}“ kann nicht in den Stand "
                    f"„{self.Status(nach).label}“ wechseln."
                )
            rolle = self.rolle(by)
            if rolle not in wer:
                raise UebergangVerweigert(
                    "Diesen Schritt dürfen Sie bei diesem Antrag nicht gehen."
                )
            von, self.status = self.status, nach
            self.save(update_fields=["status", "geaendert_am"])
            eintrag = Statuswechsel.objects.create(
                antrag=self, von=von, nach=nach, user=by, rolle=rolle, notiz=notiz
            )
            transaction.on_commit(lambda: tasks.statuswechsel_mitteilen.enqueue(eintrag.pk))
        return eintrag

    # --- Deadline and submission -----------------------------------------------------------

    def frist(self) -> datetime.datetime:
        """The deadline for this organisation: the call's, or a longer one staff granted."""
        verlaengerung = (
            Fristverlaengerung.objects.filter(
                ausschreibung=self.ausschreibung_id, organisation=self.organisation_id
            )
            .values_list("bis", flat=True)
            .first()
        )
        return max(self.ausschreibung.offen_bis, verlaengerung or self.ausschreibung.offen_bis)

    def frist_abgelaufen(self, jetzt=None) -> bool:
        return (jetzt or timezone.now()) >= self.frist()

    def fehlende_angaben(self) -> list[tuple[str, str]]:
        """What is still missing before submission, as (step, German sentence)."""
        from foerderung.forms import schritte_fuer  # the steps know what they need

        return [
            (schritt.slug, meldung)
            for schritt in schritte_fuer(self)
            for meldung in schritt.fehlt(self)
        ]

    def einreichen(self, by, jetzt=None) -> bool:
        """Submit (or resubmit after a query) in one transaction. Returns False when it was
        already submitted — a double click or a retry — so the caller shows the same result."""
        jetzt = jetzt or timezone.now()
        with transaction.atomic():
            gesperrt = Antrag.objects.select_for_update().get(pk=self.pk)
            if gesperrt.status not in self.BEARBEITBAR:
                self.refresh_from_db()
                return False
            erstmals = gesperrt.status == self.Status.ENTWURF
            if self.rolle(by) != self.ANTRAGSTELLER:
                raise UebergangVerweigert("Nur Mitglieder der Organisation können einreichen.")
            # A query re-opens the application on staff's request: no deadline for the answer.
            if erstmals and self.frist_abgelaufen(jetzt):
                raise UebergangVerweigert(
                    f"Die Antragsfrist ist am {zeitpunkt(self.frist())} abgelaufen. Der Antrag "
                    "wurde nicht eingereicht. Wenn Sie eine Verlängerung brauchen, wenden Sie "
                    "sich bitte an das Förderreferat."
                )
            if erstmals and jetzt < self.ausschreibung.offen_ab:
                raise UebergangVerweigert(
                    f"Anträge werden erst ab {self.ausschreibung.beginn_text} angenommen."
                )
            fehlend = self.fehlende_angaben()
            if fehlend:
                raise UebergangVerweigert(
                    "Der Antrag ist noch nicht vollständig: " + " ".join(m for _, m in fehlend)
                )
            if erstmals:
                self._aktenzeichen_vergeben(jetzt)
                self.eingereicht_am = jetzt
                self.save(update_fields=["aktenzeichen", "az_jahr", "az_nummer", "eingereicht_am"])
            if gesperrt.status == self.Status.RUECKFRAGE:
                offen = self.rueckfragen.filter(beantwortet_am__isnull=True).first()
                if offen is not None:
                    raise UebergangVerweigert(
                        "Bitte beantworten Sie zuerst die Rückfrage des Förderreferats."
                    )
            Einreichung.objects.create(
                antrag=self,
                nummer=self.einreichungen.count() + 1,
                eingereicht_am=jetzt,
                eingereicht_von=by,
                daten=self.als_daten(),
            )
            self.uebergang(
                self.Status.EINGEREICHT,
                by,
                "Eingereicht." if erstmals else "Nach der Rückfrage erneut eingereicht.",
                geprueft=True,
            )
        return True

    def _aktenzeichen_vergeben(self, jetzt) -> None:
        """FD-2017-0042: the programme's short code, the year of submission, a running number
        per programme and year. The programme's row is locked so two submissions at the same
        moment cannot draw the same number."""
        programm = Programm.objects.select_for_update().get(pk=self.ausschreibung.programm_id)
        jahr = timezone.localtime(jetzt).year
        letzte = Antrag.objects.filter(ausschreibung__programm=programm, az_jahr=jahr).aggregate(
            models.Max("az_nummer")
        )["az_nummer__max"]
        self.az_jahr, self.az_nummer = jahr, (letzte or 0) + 1
        self.aktenzeichen = f"{programm.kuerzel.upper()}-{jahr}-{self.az_nummer:04d}"

    def zurueckziehen(self, by, grund: str = "") -> "Statuswechsel":
        return self.uebergang(self.Status.ZURUECKGEZOGEN, by, grund or "Zurückgezogen.")

    def rueckfrage_stellen(self, by, frage: str) -> "Rueckfrage":
        """Staff ask; the application opens for the applicant's changes until resubmitted."""
        with transaction.atomic():
            self.uebergang(self.Status.RUECKFRAGE, by, "Rückfrage gestellt.")
            return Rueckfrage.objects.create(antrag=self, frage=frage, gestellt_von=by)

    def bewilligter_betrag(self, nach: str, betrag: Decimal | None) -> Decimal | None:
        """The amount a decision grants: in full the requested sum, in part less than that,
        nothing for a refusal. Raises UebergangVerweigert for any other amount."""
        beantragt = self.beantragt or Decimal(0)
        if nach == self.Status.ABGELEHNT:
            return None
        if nach == self.Status.BEWILLIGT:
            if betrag is not None and betrag != beantragt:
                raise UebergangVerweigert(
                    f"Bei voller Bewilligung wird der beantragte Betrag ({euro(beantragt)}) "
                    "bewilligt. Für einen geringeren Betrag wählen Sie „Teilweise bewilligt“."
                )
            return beantragt
        if betrag is None:
            raise UebergangVerweigert("Bitte geben Sie den bewilligten Betrag an.")
        if not 0 < betrag < beantragt:
            raise UebergangVerweigert(
                f"Teilweise bewilligt wird ein Betrag über 0 € und unter dem beantragten "
                f"({euro(beantragt)})."
            )
        return betrag

    def befund(self) -> dict[str, tuple[bool, str]]:
        """What the portal finds for each point of the formal check, with the reason."""
        ausschreibung = self.ausschreibung
        fehlend = [meldung for _, meldung in self.fehlende_angaben()]
        tage = [tag for tag in (self.beginn, self.ende) if tag]
        im_zeitraum = bool(tage) and all(
            ausschreibung.durchfuehrung_von <= tag <= ausschreibung.durchfuehrung_bis
            for tag in tage
        )
        return {
            "berechtigt": (
                ausschreibung.ist_berechtigt(self.organisation),
                f"{self.organisation.get_art_display()}; berechtigt: "
                f"{', '.join(ausschreibung.berechtigte_arten_namen)}",
            ),
            "vollstaendig": (not fehlend, " ".join(fehlend) or "Alle Angaben und Unterlagen."),
            "im_hoechstbetrag": (
                (self.beantragt or 0) <= ausschreibung.hoechstbetrag,
                f"Beantragt {euro(self.beantragt or 0)}, höchstens "
                f"{ausschreibung.hoechstbetrag_text}",
            ),
            "im_zeitraum": (
                im_zeitraum,
                f"Geplant {' bis '.join(date_format(t, 'd.m.Y') for t in tage) or '–'}; "
                f"Zeitraum {ausschreibung.durchfuehrung_text}",
            ),
        }

    def vorpruefen(self, by, bemerkung: str = "", **punkte: bool) -> "Vorpruefung":
        """Record the formal check; a passed check of a new application starts the review."""
        if self.rolle(by) != self.FOERDERREFERAT:
            raise UebergangVerweigert("Die Vorprüfung macht das Förderreferat.")
        with transaction.atomic():
            pruefung = Vorpruefung.objects.create(
                antrag=self, geprueft_von=by, bemerkung=bemerkung, **punkte
            )
            if pruefung.bestanden and self.status == self.Status.EINGEREICHT:
                self.uebergang(self.Status.IN_PRUEFUNG, by, "Vorprüfung bestanden.")
        return pruefung

    def gutachter_zuweisen(self, gutachter, by) -> "Gutachten":
        """Assign a juror. Refused for someone who acts for the applicant organisation
        (conflict of interest) or who is not in the jury."""
        if self.rolle(by) != self.FOERDERREFERAT:
            raise UebergangVerweigert("Gutachten weist das Förderreferat zu.")
        if not gutachter.has_perm("foerderung.begutachten"):
            raise UebergangVerweigert(f"{anzeigename(gutachter)} gehört nicht zur Jury.")
        if self.organisation.mitgliedschaften.filter(user=gutachter).exists():
            raise UebergangVerweigert(
                f"{anzeigename(gutachter)} ist Mitglied von {self.organisation} und kann "
                "diesen Antrag nicht begutachten (Befangenheit)."
            )
        gutachten, _ = Gutachten.objects.get_or_create(
            antrag=self, gutachter=gutachter, defaults={"zugewiesen_von": by}
        )
        return gutachten

    def jury(self) -> dict:
        """The submitted reviews in figures: mean and weighted score, their spread."""
        fertig = [g for g in self.gutachten.all() if not g.offen]
        gewichtet = [g.gewichtet for g in fertig if g.gewichtet is not None]
        einfach = [g.durchschnitt for g in fertig if g.durchschnitt is not None]

        def mittel(werte):
            return (sum(werte) / len(werte)).quantize(Decimal("0.01")) if werte else None

        return {
            "anzahl": len(fertig),
            "zugewiesen": len(self.gutachten.all()),
            "durchschnitt": mittel(einfach),
            "gewichtet": mittel(gewichtet),
            "spanne": (max(gewichtet) - min(gewichtet)) if gewichtet else None,
        }

    def als_buendnis(self, by) -> Buendnis:
        """Take a granted alliance application into the directory of Lokale Bündnisse, with its
        organisation, Kreis, amount and period; not public until staff have looked at it."""
        ausschreibung = self.ausschreibung
        if self.rolle(by) != self.FOERDERREFERAT:
            raise UebergangVerweigert("Bündnisse übernimmt das Förderreferat.")
        if not self.ist_bewilligt:
            raise UebergangVerweigert(f"{self} ist nicht (mitgeteilt) bewilligt.")
        if ausschreibung.foerderrunde_id is None:
            raise UebergangVerweigert(
                f"Die Ausschreibung „{ausschreibung}“ gehört zu keiner Förderrunde der "
                "Lokalen Bündnisse."
            )
        if self.buendnis_id is not None:
            raise UebergangVerweigert(f"{self} ist schon als Bündnis übernommen.")
        organisation = self.organisation
        slug = basis = slugify(self.titel)[:180] or f"buendnis-{self.pk}"
        nummer = 2
        while Buendnis.objects.filter(slug=slug).exists():
            slug, nummer = f"{basis}-{nummer}", nummer + 1
        with transaction.atomic():
            self.buendnis = Buendnis.objects.create(
                name=self.titel,
                slug=slug,
                traeger=organisation,
                kreis=organisation.kreis,
                gemeinden=organisation.ort,
                foerderrunde=ausschreibung.foerderrunde,
                betrag=self.bewilligt_betrag,
                beginn=self.beginn or ausschreibung.durchfuehrung_von,
                ende=self.ende or ausschreibung.durchfuehrung_bis,
                oeffentlich=False,
                beschreibung=self.beschreibung[:1500],
                ziele=self.ziele[:3000],
            )
            self.save(update_fields=["buendnis"])
        return self.buendnis

    @property
    def ausgezahlt(self) -> Decimal:
        return sum((a.betrag for a in self.auszahlungen.all()), Decimal(0))

    def auszahlen(self, by, betrag: Decimal, am: datetime.date, vermerk: str = "") -> "Auszahlung":
        """Book a payment; together the payments never exceed the granted amount."""
        if self.rolle(by) != self.FOERDERREFERAT:
            raise UebergangVerweigert("Auszahlungen bucht das Förderreferat.")
        if not self.ist_bewilligt:
            raise UebergangVerweigert("Ausgezahlt wird erst nach der mitgeteilten Bewilligung.")
        with transaction.atomic():
            Antrag.objects.select_for_update().only("pk").get(pk=self.pk)
            offen = (self.bewilligt_betrag or 0) - self.ausgezahlt
            if not 0 < betrag <= offen:
                raise UebergangVerweigert(
                    f"Es können noch höchstens {euro(offen)} ausgezahlt werden."
                )
            return Auszahlung.objects.create(
                antrag=self, betrag=betrag, am=am, vermerk=vermerk, gebucht_von=by
            )

    def budget_ueberschreitung(self, betrag: Decimal | None) -> Decimal:
        """How far granting `betrag` would take the call beyond its total budget (0: not)."""
        budget = self.ausschreibung.gesamtbudget
        if budget is None or not betrag:
            return Decimal(0)
        return max(Decimal(0), self.ausschreibung.vergeben(ohne=self) + betrag - budget)

    def entscheiden(
        self, nach: str, by, betrag: Decimal | None, begruendung: str, auflagen: str = ""
    ):
        """Grant in full, in part (less than requested), or refuse. A grant sets the due date
        of the final report."""
        if nach not in self.ENTSCHEIDUNGEN or nach not in self.moegliche_uebergaenge(by):
            raise UebergangVerweigert("Diese Entscheidung ist in diesem Stand nicht möglich.")
        betrag = self.bewilligter_betrag(nach, betrag)
        with transaction.atomic():
            self.bewilligt_betrag = None if nach == self.Status.ABGELEHNT else betrag
            self.nachweis_faellig_am = (
                None if nach == self.Status.ABGELEHNT else self.nachweis_frist()
            )
            self.auflagen = "" if nach == self.Status.ABGELEHNT else auflagen
            self.save(update_fields=["bewilligt_betrag", "nachweis_faellig_am", "auflagen"])
            return self.uebergang(nach, by, begruendung)

    def freigeben(self, by) -> bool:
        """Tell the applicant the decision (by e-mail, after the commit). False when there is
        nothing to release: no decision, or told already."""
        from foerderung import tasks

        if self.rolle(by) != self.FOERDERREFERAT:
            raise UebergangVerweigert("Entscheidungen gibt das Förderreferat frei.")
        with transaction.atomic():
            gesperrt = Antrag.objects.select_for_update().get(pk=self.pk)
            if not gesperrt.unmitgeteilt:
                return False
            self.freigegeben_am, self.freigegeben_von = timezone.now(), by
            self.save(update_fields=["freigegeben_am", "freigegeben_von", "geaendert_am"])
            entscheidung = self.verlauf.filter(nach=self.status).latest("am", "pk")
            transaction.on_commit(lambda: tasks.entscheidung_mitteilen.enqueue(entscheidung.pk))
        return True

    def nachweis_frist(self) -> datetime.date:
        """The call's rule: some weeks after the activity, at the latest after the period."""
        ausschreibung = self.ausschreibung
        ende = min(self.ende or ausschreibung.durchfuehrung_bis, ausschreibung.durchfuehrung_bis)
        return ende + datetime.timedelta(weeks=ausschreibung.nachweis_wochen)

    # --- The whole application as data: summary page, receipt PDF, snapshot --------------

    def als_daten(self) -> dict:
        from foerderung.forms import schritte_fuer

        return {
            "aktenzeichen": self.aktenzeichen,
            "abschnitte": [
                {"titel": s.titel, "schritt": s.slug, "felder": s.felder(self)}
                for s in schritte_fuer(self)
            ],
            "kosten": [
                [k.get_art_display(), k.beschreibung, euro(k.betrag)]
                for k in self.kostenpositionen.all()
            ],
        }


class Vorpruefung(models.Model):
    """The formal check (Vorprüfung) of a submitted application, recorded with who and when.
    Each check is kept; the newest counts."""

    PUNKTE = ["berechtigt", "vollstaendig", "im_hoechstbetrag", "im_zeitraum"]

    antrag = models.ForeignKey(Antrag, on_delete=models.CASCADE, related_name="vorpruefungen")
    berechtigt = models.BooleanField("Antragsberechtigt")
    vollstaendig = models.BooleanField("Vollständig")
    im_hoechstbetrag = models.BooleanField("Innerhalb des Höchstbetrags")
    im_zeitraum = models.BooleanField("Im Durchführungszeitraum")
    bemerkung = models.TextField("Bemerkung", max_length=2000, blank=True)
    geprueft_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="Von"
    )
    geprueft_am = models.DateTimeField("Am", default=timezone.now)

    class Meta:
        verbose_name = "Vorprüfung"
        verbose_name_plural = "Vorprüfungen"
        ordering = ["geprueft_am", "pk"]

    def __str__(self):
        return f"Vorprüfung vom {zeitpunkt(self.geprueft_am)}"

    @property
    def bestanden(self) -> bool:
        return all(getattr(self, punkt) for punkt in self.PUNKTE)


class GutachtenQuerySet(models.QuerySet):
    def eingereicht(self):
        return self.filter(eingereicht_am__isnull=False)


class Gutachten(models.Model):
    """A juror's review of one application: a score per criterion, a comment and a
    recommendation. A draft until the juror submits it; then it stays as it is."""

    PUNKTE = [(punkte, str(punkte)) for punkte in range(6)]

    class Empfehlung(models.TextChoices):
        BEWILLIGEN = "bewilligen", "Bewilligen"
        TEILWEISE = "teilweise", "Teilweise bewilligen"
        ABLEHNEN = "ablehnen", "Ablehnen"

    antrag = models.ForeignKey(Antrag, on_delete=models.CASCADE, related_name="gutachten")
    gutachter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="gutachten",
        verbose_name="Gutachterin oder Gutachter",
    )
    zugewiesen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    zugewiesen_am = models.DateTimeField("Zugewiesen am", default=timezone.now)
    empfehlung = models.CharField(
        "Empfehlung", max_length=12, choices=Empfehlung.choices, blank=True
    )
    kommentar = models.TextField("Kommentar", max_length=5000, blank=True)
    eingereicht_am = models.DateTimeField("Abgeschlossen am", null=True, blank=True)

    objects = GutachtenQuerySet.as_manager()

    class Meta:
        verbose_name = "Gutachten"
        verbose_name_plural = "Gutachten"
        ordering = ["antrag", "zugewiesen_am"]
        permissions = [("begutachten", "Kann zugewiesene Anträge begutachten")]
        constraints = [
            models.UniqueConstraint(fields=["antrag", "gutachter"], name="gutachten_einmal")
        ]

    def __str__(self):
        return f"Gutachten {self.antrag} ({anzeigename(self.gutachter)})"

    @property
    def offen(self) -> bool:
        return self.eingereicht_am is None

    def punkte_je_kriterium(self) -> dict[int, int]:
        return {b.kriterium_id: b.punkte for b in self.bewertungen.all()}

    @property
    def gewichtet(self) -> Decimal | None:
        """The weighted mean of the points (0–5), once every criterion is scored."""
        kriterien = list(self.antrag.ausschreibung.kriterien.all())
        punkte = self.punkte_je_kriterium()
        if not kriterien or any(k.pk not in punkte for k in kriterien):
            return None
        summe = sum(punkte[k.pk] * k.gewicht for k in kriterien)
        return (Decimal(summe) / sum(k.gewicht for k in kriterien)).quantize(Decimal("0.01"))

    @property
    def durchschnitt(self) -> Decimal | None:
        punkte = list(self.punkte_je_kriterium().values())
        if not punkte:
            return None
        return (Decimal(sum(punkte)) / len(punkte)).quantize(Decimal("0.01"))

    def bewerten(self, punkte: dict[int, int], empfehlung: str, kommentar: str) -> None:
        """Save the juror's draft: points per criterion (pk → 0–5)."""
        if not self.offen:
            raise UebergangVerweigert("Das Gutachten ist abgeschlossen und bleibt, wie es ist.")
        with transaction.atomic():
            self.empfehlung, self.kommentar = empfehlung, kommentar
            self.save(update_fields=["empfehlung", "kommentar"])
            for kriterium_id, wert in punkte.items():
                if wert is None:
                    self.bewertungen.filter(kriterium_id=kriterium_id).delete()
                else:
                    self.bewertungen.update_or_create(
                        kriterium_id=kriterium_id, defaults={"punkte": wert}
                    )
        # Scores prefetched with the review are stale now.
        getattr(self, "_prefetched_objects_cache", {}).pop("bewertungen", None)

    def einreichen(self) -> None:
        if not self.offen:
            return
        if self.gewichtet is None or not self.empfehlung:
            raise UebergangVerweigert(
                "Bitte bewerten Sie jedes Kriterium und geben Sie eine Empfehlung, bevor Sie "
                "das Gutachten abschließen."
            )
        self.eingereicht_am = timezone.now()
        self.save(update_fields=["eingereicht_am"])


class Bewertung(models.Model):
    gutachten = models.ForeignKey(Gutachten, on_delete=models.CASCADE, related_name="bewertungen")
    kriterium = models.ForeignKey(Kriterium, on_delete=models.CASCADE, related_name="+")
    punkte = models.PositiveSmallIntegerField(
        "Punkte", choices=Gutachten.PUNKTE, validators=[MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = "Bewertung"
        verbose_name_plural = "Bewertungen"
        constraints = [
            models.UniqueConstraint(fields=["gutachten", "kriterium"], name="bewertung_einmal")
        ]

    def __str__(self):
        return f"{self.kriterium}: {self.punkte}"


class Auszahlung(models.Model):
    """Money paid out on a grant, as booked by the programme staff."""

    antrag = models.ForeignKey(Antrag, on_delete=models.PROTECT, related_name="auszahlungen")
    betrag = models.DecimalField(
        "Betrag in Euro", max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    am = models.DateField("Ausgezahlt am")
    vermerk = models.CharField("Vermerk", max_length=200, blank=True)
    gebucht_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gebucht_am = models.DateTimeField("Gebucht am", default=timezone.now)

    class Meta:
        verbose_name = "Auszahlung"
        verbose_name_plural = "Auszahlungen"
        ordering = ["am", "pk"]

    def __str__(self):
        return f"{euro(self.betrag)} am {date_format(self.am, 'd.m.Y')}"


class BescheidVorlage(models.Model):
    """The texts of the decision letters, which the staff adjust. Placeholders such as
    $organisation, $titel, $aktenzeichen, $betrag, $beantragt, $ausschreibung, $programm and
    $nachweis_frist are filled in; the texts may use Markdown."""

    PLATZHALTER = [
        "organisation",
        "titel",
        "aktenzeichen",
        "betrag",
        "beantragt",
        "ausschreibung",
        "programm",
        "nachweis_frist",
    ]

    programm = models.OneToOneField(
        Programm,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bescheid_vorlage",
        help_text="Leer lassen für die Vorlage aller Programme ohne eigene.",
    )
    betreff = models.CharField(
        "Betreff", max_length=200, default="Zuwendungsbescheid – $programm, $ausschreibung"
    )
    text_bewilligt = models.TextField(
        "Text bei Bewilligung",
        default="auf Ihren Antrag „$titel“ bewilligen wir Ihnen aus Mitteln des Programms "
        "„$programm“ eine Zuwendung in Höhe von **$betrag** als Festbetragsfinanzierung.\n\n"
        "Bitte legen Sie den Verwendungsnachweis bis zum $nachweis_frist über das Portal vor.",
    )
    text_teilweise = models.TextField(
        "Text bei teilweiser Bewilligung",
        default="auf Ihren Antrag „$titel“ bewilligen wir Ihnen aus Mitteln des Programms "
        "„$programm“ eine Zuwendung in Höhe von **$betrag** (beantragt: $beantragt). Im "
        "Übrigen lehnen wir den Antrag ab; die Gründe stehen unten.\n\n"
        "Bitte legen Sie den Verwendungsnachweis bis zum $nachweis_frist über das Portal vor.",
    )
    text_abgelehnt = models.TextField(
        "Text bei Ablehnung",
        default="Ihren Antrag „$titel“ auf eine Zuwendung aus dem Programm „$programm“ "
        "müssen wir leider ablehnen. Die Gründe stehen unten.",
    )
    rechtsbehelf = models.TextField(
        "Rechtsbehelfsbelehrung",
        default="Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage beim "
        "Verwaltungsgericht Stuttgart, Augustenstraße 5, 70178 Stuttgart, erhoben werden.",
    )
    unterschrift_name = models.CharField("Unterschrift: Name", max_length=200, blank=True)
    unterschrift_funktion = models.CharField(
        "Unterschrift: Funktion", max_length=200, default="Förderreferat"
    )
    geaendert_am = models.DateTimeField("Zuletzt geändert", auto_now=True)

    class Meta:
        verbose_name = "Vorlage für Bescheide"
        verbose_name_plural = "Vorlagen für Bescheide"

    def __str__(self):
        return f"Bescheide {self.programm or 'aller Programme'}"

    @classmethod
    def fuer(cls, programm: Programm) -> "BescheidVorlage":
        """The programme's own texts, else the general ones, else the defaults."""
        vorlagen = {
            v.programm_id: v
            for v in cls.objects.filter(models.Q(programm=programm) | models.Q(programm=None))
        }
        return vorlagen.get(programm.pk) or vorlagen.get(None) or cls()

    def text(self, entscheidung: str) -> str:
        return {
            Antrag.Status.BEWILLIGT: self.text_bewilligt,
            Antrag.Status.TEILWEISE_BEWILLIGT: self.text_teilweise,
        }.get(entscheidung, self.text_abgelehnt)


def _bescheid_pfad(bescheid, filename: str) -> str:
    return f"antraege/{bescheid.antrag_id}/bescheide/{uuid.uuid4().hex}.pdf"


class Bescheid(models.Model):
    """One rendering of an application's decision letter, stored once with its SHA-256. A new
    letter is a new version; a stored one is never rendered again."""

    class Stand(models.TextChoices):
        WARTET = "wartet", "Wird erstellt"
        ERSTELLT = "erstellt", "Erstellt"
        FEHLER = "fehler", "Fehlgeschlagen"

    antrag = models.ForeignKey(Antrag, on_delete=models.CASCADE, related_name="bescheide")
    version = models.PositiveSmallIntegerField("Fassung")
    entscheidung = models.CharField("Entscheidung", max_length=20, choices=Antrag.Status.choices)
    stand = models.CharField("Stand", max_length=10, choices=Stand.choices, default=Stand.WARTET)
    datei = models.FileField("Datei", upload_to=_bescheid_pfad, blank=True, max_length=200)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    groesse = models.PositiveIntegerField("Größe in Byte", default=0)
    fehler = models.TextField("Fehler", blank=True)
    angefordert_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    angefordert_am = models.DateTimeField("Angefordert am", default=timezone.now)
    erstellt_am = models.DateTimeField("Erstellt am", null=True, blank=True)
    versandt_am = models.DateTimeField("Versandt am", null=True, blank=True)

    class Meta:
        verbose_name = "Bescheid"
        verbose_name_plural = "Bescheide"
        ordering = ["antrag", "version"]
        constraints = [
            models.UniqueConstraint(fields=["antrag", "version"], name="bescheid_fassung")
        ]

    def __str__(self):
        return f"Bescheid {self.antrag}, Fassung {self.version}"

    @property
    def dateiname(self) -> str:
        return f"bescheid-{self.antrag.aktenzeichen}-{self.version}.pdf"

    @property
    def format_label(self) -> str:
        return f"PDF: {uploads.format_size(self.groesse)}"

    def get_absolute_url(self):
        return reverse("foerderung:bescheid", args=[self.antrag_id, self.pk])

    @classmethod
    def anfordern(cls, antrag: Antrag, by) -> "Bescheid":
        """Queue a new version of the letter for the decision taken; rendered in the
        background (tasks.bescheid_erstellen)."""
        from foerderung import tasks

        if antrag.rolle(by) != Antrag.FOERDERREFERAT:
            raise UebergangVerweigert("Bescheide erstellt das Förderreferat.")
        entscheidung = antrag.verlauf.filter(nach__in=Antrag.ENTSCHEIDUNGEN).last()
        if entscheidung is None:
            raise UebergangVerweigert(
                "Einen Bescheid gibt es erst, wenn über den Antrag entschieden ist."
            )
        with transaction.atomic():
            Antrag.objects.select_for_update().only("pk").get(pk=antrag.pk)
            letzte = antrag.bescheide.aggregate(models.Max("version"))["version__max"] or 0
            bescheid = cls.objects.create(
                antrag=antrag,
                version=letzte + 1,
                entscheidung=entscheidung.nach,
                angefordert_von=by,
            )
            transaction.on_commit(lambda: tasks.bescheid_erstellen.enqueue(bescheid.pk))
        return bescheid

    def erstellen(self) -> None:
        """Render and store the letter once. A failure leaves no file, only the reason."""
        from foerderung import pdf

        if self.stand == self.Stand.ERSTELLT:
            return
        try:
            inhalt = pdf.bescheid(self.kontext())
        except Exception as fehler:
            self.stand, self.fehler = self.Stand.FEHLER, f"{type(fehler).__name__}: {fehler}"
            self.save(update_fields=["stand", "fehler"])
            raise
        self.datei.save(self.dateiname, ContentFile(inhalt), save=False)
        self.sha256 = hashlib.sha256(inhalt).hexdigest()
        self.groesse = len(inhalt)
        self.stand, self.fehler, self.erstellt_am = self.Stand.ERSTELLT, "", timezone.now()
        self.save()

    def kontext(self) -> dict:
        antrag = self.antrag
        ausschreibung = antrag.ausschreibung
        vorlage = BescheidVorlage.fuer(ausschreibung.programm)
        werte = {
            "organisation": antrag.organisation.name,
            "titel": antrag.titel,
            "aktenzeichen": antrag.aktenzeichen,
            "betrag": euro(antrag.bewilligt_betrag) if antrag.bewilligt_betrag else "",
            "beantragt": euro(antrag.beantragt or 0),
            "ausschreibung": ausschreibung.titel,
            "programm": ausschreibung.programm.name,
            "nachweis_frist": date_format(antrag.nachweis_faellig_am, "d.m.Y")
            if antrag.nachweis_faellig_am
            else "",
        }

        def fuellen(text: str) -> str:
            return string.Template(text).safe_substitute(werte)

        entscheidung = self.verlauf_eintrag()
        referent = self.angefordert_von
        return {
            "antrag": antrag,
            "entscheidung": self.entscheidung,
            "betreff": fuellen(vorlage.betreff),
            "betrag_text": werte["betrag"],
            "beantragt_text": werte["beantragt"],
            "text_html": render_markdown(fuellen(vorlage.text(self.entscheidung))),
            "auflagen_html": render_markdown(antrag.auflagen),
            "begruendung": entscheidung.notiz if entscheidung else "",
            "rechtsbehelf_html": render_markdown(fuellen(vorlage.rechtsbehelf)),
            "datum": timezone.localdate(self.angefordert_am),
            "version": self.version,
            "unterschrift_name": vorlage.unterschrift_name
            or (anzeigename(referent) if referent else ""),
            "unterschrift_funktion": vorlage.unterschrift_funktion,
            "sachbearbeitung": {
                "name": anzeigename(referent) if referent else "",
                "telefon": "",
                "email": referent.email if referent else "",
            },
        }

    def verlauf_eintrag(self) -> "Statuswechsel | None":
        return self.antrag.verlauf.filter(nach=self.entscheidung).order_by("-am", "-pk").first()


class Statuswechsel(models.Model):
    """One entry of an application's history. Written once, never changed."""

    antrag = models.ForeignKey(Antrag, on_delete=models.CASCADE, related_name="verlauf")
    von = models.CharField("Von", max_length=20, choices=Antrag.Status.choices)
    nach = models.CharField("Nach", max_length=20, choices=Antrag.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Durch",
    )
    rolle = models.CharField(
        "Als",
        max_length=15,
        choices=[
            (Antrag.ANTRAGSTELLER, "Antragsteller"),
            (Antrag.FOERDERREFERAT, "Förderreferat"),
            (Antrag.SYSTEM, "Portal (automatisch)"),
        ],
    )
    am = models.DateTimeField("Am", default=timezone.now)
    notiz = models.TextField("Vermerk", blank=True)

    class Meta:
        verbose_name = "Statuswechsel"
        verbose_name_plural = "Verlauf"
        ordering = ["am", "pk"]

    def __str__(self):
        return f"{self.get_von_display()} → {self.get_nach_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Der Verlauf eines Antrags wird nicht geändert.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Der Verlauf eines Antrags wird nicht gelöscht.")

    @property
    def durch(self) -> str:
        """Who, as the applicant should read it: staff by their office, not their name."""
        if self.rolle == Antrag.ANTRAGSTELLER and self.user is not None:
            return self.user.get_full_name() or self.user.email
        return self.get_rolle_display()


class Einreichung(models.Model):
    """The application as it was at each submission: the receipt shows it, staff compare two."""

    antrag = models.ForeignKey(Antrag, on_delete=models.CASCADE, related_name="einreichungen")
    nummer = models.PositiveSmallIntegerField("Fassung")
    eingereicht_am = models.DateTimeField("Eingereicht am")
    eingereicht_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    daten = models.JSONField()

    class Meta:
        verbose_name = "Eingereichte Fassung"
        verbose_name_plural = "Eingereichte Fassungen"
        ordering = ["antrag", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["antrag", "nummer"], name="einreichung_nummer")
        ]

    def __str__(self):
        return f"Fassung {self.nummer} vom {zeitpunkt(self.eingereicht_am)}"

    def zeilen(self) -> dict[tuple[str, str], str]:
        """(section, label) → value, the costs as one line each."""
        zeilen = {
            (abschnitt["titel"], label): wert
            for abschnitt in self.daten["abschnitte"]
            for label, wert in abschnitt["felder"]
        }
        for nummer, (art, beschreibung, betrag) in enumerate(self.daten["kosten"], start=1):
            zeilen[("Kosten", f"Position {nummer}")] = f"{art}: {beschreibung}, {betrag}"
        return zeilen

    def unterschiede(self, vorher: "Einreichung") -> list[tuple[str, str, str, str]]:
        """What changed since the earlier version: (section, label, before, after)."""
        alt, neu = vorher.zeilen(), self.zeilen()
        return [
            (abschnitt, label, alt.get((abschnitt, label), "–"), neu.get((abschnitt, label), "–"))
            for abschnitt, label in dict.fromkeys([*alt, *neu])
            if alt.get((abschnitt, label)) != neu.get((abschnitt, label))
        ]


class Kostenposition(models.Model):
    class Art(models.TextChoices):
        HONORARE = "honorare", "Honorare (Moderation, Referierende)"
        RAUM = "raum", "Raummiete und Technik"
        VERPFLEGUNG = "verpflegung", "Verpflegung"
        DOLMETSCHEN = "dolmetschen", "Dolmetschen und Übersetzung"
        KINDERBETREUUNG = "kinderbetreuung", "Kinderbetreuung"
        OEFFENTLICHKEIT = "oeffentlichkeit", "Öffentlichkeitsarbeit und Druck"
        FAHRT = "fahrt", "Fahrtkosten"
        SACHKOSTEN = "sachkosten", "Sachkosten"
        SONSTIGES = "sonstiges", "Sonstiges"

    antrag = models.ForeignKey(Antrag, on_delete=models.CASCADE, related_name="kostenpositionen")
    art = models.CharField("Kostenart", max_length=20, choices=Art.choices)
    beschreibung = models.CharField("Beschreibung", max_length=200)
    betrag = models.DecimalField(
        "Betrag in Euro", max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    ist_betrag = models.DecimalField(
        "Tatsächliche Kosten in Euro",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = "Kostenposition"
        verbose_name_plural = "Kostenpositionen"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_art_display()}: {self.beschreibung}"


class Rueckfrage(models.Model):
    """A question of the programme staff and the applicant's answer; part of the file."""

    antrag = models.ForeignKey(Antrag, on_delete=models.CASCADE, related_name="rueckfragen")
    frage = models.TextField("Rückfrage", max_length=5000)
    gestellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    gestellt_am = models.DateTimeField("Gestellt am", default=timezone.now)
    antwort = models.TextField("Antwort", max_length=5000, blank=True)
    beantwortet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    beantwortet_am = models.DateTimeField("Beantwortet am", null=True, blank=True)

    class Meta:
        verbose_name = "Rückfrage"
        verbose_name_plural = "Rückfragen"
        ordering = ["gestellt_am", "pk"]

    def __str__(self):
        return f"Rückfrage vom {zeitpunkt(self.gestellt_am)}"

    def beantworten(self, by, antwort: str) -> None:
        from foerderung import tasks

        with transaction.atomic():
            gesperrt = Rueckfrage.objects.select_for_update().get(pk=self.pk)
            if gesperrt.beantwortet_am is not None:
                raise UebergangVerweigert("Diese Rückfrage ist bereits beantwortet.")
            if self.antrag.status != Antrag.Status.RUECKFRAGE:
                raise UebergangVerweigert(
                    "Der Antrag wartet nicht mehr auf eine Antwort; die Rückfrage ist erledigt."
                )
            self.antwort, self.beantwortet_von, self.beantwortet_am = antwort, by, timezone.now()
            self.save(update_fields=["antwort", "beantwortet_von", "beantwortet_am"])
            transaction.on_commit(lambda: tasks.rueckfrage_beantwortet.enqueue(self.pk))


class Verwendungsnachweis(models.Model):
    """The final report: what took place, who came, what it really cost (per budget line, in
    Kostenposition.ist_betrag), with documentation and photos as attachments."""

    antrag = models.OneToOneField(
        Antrag, on_delete=models.CASCADE, related_name="verwendungsnachweis"
    )
    durchgefuehrt_am = models.CharField(
        "Wann fand es statt?",
        max_length=200,
        blank=True,
        help_text="Zum Beispiel „14.03.2017“ oder „März bis Juni 2017, sechs Abende“.",
    )
    bericht = models.TextField("Was hat stattgefunden?", max_length=10000, blank=True)
    ergebnisse = models.TextField("Ergebnisse und Wirkung", max_length=5000, blank=True)
    teilnehmende = models.PositiveIntegerField("Teilnehmende insgesamt", null=True, blank=True)
    davon_gefluechtete = models.PositiveIntegerField("davon Geflüchtete", null=True, blank=True)
    eingereicht_am = models.DateTimeField("Eingereicht am", null=True, blank=True)
    eingereicht_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Verwendungsnachweis"
        verbose_name_plural = "Verwendungsnachweise"

    def __str__(self):
        return f"Verwendungsnachweis {self.antrag}"

    def einreichen(self, by) -> bool:
        with transaction.atomic():
            antrag = Antrag.objects.select_for_update().get(pk=self.antrag_id)
            if antrag.status != Antrag.Status.NACHWEIS_FAELLIG:
                return False
            fehlend = self.fehlende_angaben()
            if fehlend:
                raise UebergangVerweigert(" ".join(fehlend))
            self.eingereicht_am, self.eingereicht_von = timezone.now(), by
            self.save()
            antrag.uebergang(
                Antrag.Status.NACHWEIS_EINGEREICHT,
                by,
                "Verwendungsnachweis eingereicht.",
                geprueft=True,
            )
        return True

    def fehlende_angaben(self) -> list[str]:
        fehlend = []
        if not self.bericht.strip():
            fehlend.append("Bitte beschreiben Sie, was stattgefunden hat.")
        if self.teilnehmende is None:
            fehlend.append("Bitte geben Sie die Zahl der Teilnehmenden an.")
        if self.antrag.kostenpositionen.filter(ist_betrag__isnull=True).exists():
            fehlend.append("Bitte geben Sie zu jeder Kostenposition die tatsächlichen Kosten an.")
        return fehlend


class Anhang(models.Model):
    """A file with an application, a query's answer or the final report. Stored outside the
    public media path and served only to those who may see the application."""

    ERLAUBT = ("PDF", "JPEG", "PNG", "DOCX", "XLSX", "ODT")
    MAX_BYTES = 20 * 1024 * 1024

    class Zweck(models.TextChoices):
        ANTRAG = "antrag", "Antrag"
        RUECKFRAGE = "rueckfrage", "Antwort auf eine Rückfrage"
        NACHWEIS = "nachweis", "Verwendungsnachweis"

    antrag = models.ForeignKey(Antrag, on_delete=models.CASCADE, related_name="anhaenge")
    zweck = models.CharField("Zweck", max_length=10, choices=Zweck.choices)
    unterlage = models.ForeignKey(
        Unterlage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Geforderte Unterlage",
    )
    rueckfrage = models.ForeignKey(
        Rueckfrage, on_delete=models.CASCADE, null=True, blank=True, related_name="anhaenge"
    )
    bezeichnung = models.CharField("Bezeichnung", max_length=200, blank=True)
    datei = models.FileField("Datei", upload_to=_anhang_pfad, max_length=200)
    dateiname = models.CharField("Dateiname", max_length=200)
    dateiart = models.CharField("Dateiart", max_length=10)
    groesse = models.PositiveBigIntegerField("Größe in Byte")
    hochgeladen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    hochgeladen_am = models.DateTimeField("Hochgeladen am", default=timezone.now)

    class Meta:
        verbose_name = "Anhang"
        verbose_name_plural = "Anhänge"
        ordering = ["hochgeladen_am", "pk"]

    def __str__(self):
        return self.dateiname

    @classmethod
    def pruefen(cls, datei) -> str:
        """The file's kind from its content, or a German ValidationError."""
        if datei.size > cls.MAX_BYTES:
            raise ValidationError(
                "Die Datei ist %(size)s groß; erlaubt sind höchstens %(max)s.",
                code="file_too_large",
                params={
                    "size": uploads.format_size(datei.size),
                    "max": uploads.format_size(cls.MAX_BYTES),
                },
            )
        return uploads.validate_document(datei, cls.ERLAUBT)

    @classmethod
    def speichern(cls, antrag, datei, by, zweck, **felder) -> "Anhang":
        """Store an upload the form has checked with `pruefen`."""
        anhang = cls(
            antrag=antrag,
            zweck=zweck,
            dateiname=get_valid_filename(datei.name)[:200],
            dateiart=uploads.sniff_kind(datei),
            groesse=datei.size,
            hochgeladen_von=by,
            **felder,
        )
        anhang.datei.save(datei.name, datei, save=False)
        anhang.save()
        return anhang

    def get_absolute_url(self):
        return reverse("foerderung:anhang", args=[self.antrag_id, self.pk])

    def entfernen(self) -> None:
        """Delete the row and, once that is committed, the file."""
        datei = self.datei
        self.delete()
        transaction.on_commit(lambda: datei.delete(save=False))

    @property
    def format_label(self) -> str:
        return f"{self.dateiart}: {uploads.format_size(self.groesse)}"

    @property
    def bezeichnung_lang(self) -> str:
        if self.unterlage_id:
            return self.unterlage.bezeichnung
        return self.bezeichnung or "Weitere Unterlage"


class Erinnerung(models.Model):
    """A reminder about the final report that went out, so the daily job sends each once."""

    class Art(models.TextChoices):
        VORHER = "vorher", "Vor der Frist"
        UEBERFAELLIG = "ueberfaellig", "Nach der Frist"

    antrag = models.ForeignKey(Antrag, on_delete=models.CASCADE, related_name="erinnerungen")
    art = models.CharField("Art", max_length=15, choices=Art.choices)
    gesendet_am = models.DateTimeField("Gesendet am", default=timezone.now)

    class Meta:
        verbose_name = "Erinnerung"
        verbose_name_plural = "Erinnerungen"
        ordering = ["gesendet_am"]

    def __str__(self):
        return f"{self.get_art_display()} ({zeitpunkt(self.gesendet_am)})"

"""Funding programmes and their calls (Ausschreibungen): what is funded, who may apply, until
when, for how much, and what a call asks of the applicants."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from kontakte.models import Organisation
from portal.formats import euro, zeitpunkt
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

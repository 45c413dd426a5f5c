"""The funded local alliances (Lokale Bündnisse für Flüchtlingshilfe), their partners, the
funding rounds they belong to, the programme meetings they took part in, and the log of every
change their members make to the public profile."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from kontakte.models import Kreis, Organisation, Person, anzeigename
from portal import formats, uploads
from portal.models import Meldung, MitBild, Veranstaltung

RESERVIERTE_SLUGS = {"karte", "pdf"}  # /buendnisse/karte/ is the map, …/pdf/ the PDF export
ROEMISCH = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}


class Themenfeld(models.Model):
    """What an alliance works on: Sprache, Arbeit, Wohnen, Begegnung …"""

    name = models.CharField("Name", max_length=80, unique=True)
    slug = models.SlugField("Kurzname in der Adresse", unique=True)
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Themenfeld"
        verbose_name_plural = "Themenfelder"
        ordering = ["reihenfolge", "name"]

    def __str__(self):
        return self.name


class FoerderrundeQuerySet(models.QuerySet):
    def mit_zahlen(self, buendnisse):
        """The rounds of the given alliances, each with their number and granted sum."""
        enthalten = Q(buendnisse__in=buendnisse.order_by().values("pk"))
        return (
            self.annotate(
                anzahl=models.Count("buendnisse", filter=enthalten),
                summe=models.Sum("buendnisse__betrag", filter=enthalten),
            )
            .filter(anzahl__gt=0)
            .order_by("jahr", "runde", "tranche")
        )


class Foerderrunde(models.Model):
    """A round of a funding programme, e.g. "Gemeinsam in Vielfalt II, 2. Tranche (2016)"."""

    programm = models.CharField("Förderprogramm", max_length=200, default="Gemeinsam in Vielfalt")
    runde = models.PositiveSmallIntegerField(
        "Runde", validators=[MinValueValidator(1)], help_text="1 für „I“, 2 für „II“ …"
    )
    tranche = models.PositiveSmallIntegerField(
        "Tranche",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Leer lassen, wenn die Runde nicht in Tranchen vergeben wurde.",
    )
    jahr = models.PositiveSmallIntegerField("Jahr der Bewilligung")
    slug = models.SlugField("Kurzname in der Adresse", unique=True)

    objects = FoerderrundeQuerySet.as_manager()

    class Meta:
        verbose_name = "Förderrunde"
        verbose_name_plural = "Förderrunden"
        ordering = ["-jahr", "-runde", "-tranche"]
        constraints = [
            models.UniqueConstraint(
                fields=["programm", "runde", "tranche"],
                name="foerderrunde_einmal",
                nulls_distinct=False,  # one round without tranches is one round
            )
        ]

    def __str__(self):
        return f"{self.bezeichnung} ({self.jahr})"

    @property
    def bezeichnung(self) -> str:
        """ "Gemeinsam in Vielfalt II, 2. Tranche" """
        name = f"{self.programm} {ROEMISCH.get(self.runde, self.runde)}"
        return f"{name}, {self.tranche}. Tranche" if self.tranche else name


class BuendnisQuerySet(models.QuerySet):
    def oeffentlich(self):
        return self.filter(oeffentlich=True)

    def bearbeitbar_von(self, user):
        """The alliances whose profile the user keeps: those whose lead organisation (Träger)
        the user acts for with an approved membership."""
        return self.filter(traeger__in=Organisation.objects.vertreten_von(user))


class Buendnis(MitBild):
    class Status(models.TextChoices):
        LAUFEND = "laufend", "Laufend"
        ABGESCHLOSSEN = "abgeschlossen", "Abgeschlossen"

    name = models.CharField("Name", max_length=200)
    slug = models.SlugField("Kurzname in der Adresse", max_length=200, unique=True)
    traeger = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="buendnisse",
        verbose_name="Träger",
        help_text="Die Organisation, die die Förderung erhält. Ihre bestätigten Mitglieder "
        "können das öffentliche Profil bearbeiten.",
    )
    kreis = models.ForeignKey(
        Kreis, on_delete=models.PROTECT, related_name="buendnisse", verbose_name="Kreis"
    )
    gemeinden = models.CharField(
        "Gemeinden",
        max_length=500,
        blank=True,
        help_text="Die Städte und Gemeinden, in denen das Bündnis wirkt, durch Kommas getrennt.",
    )
    foerderrunde = models.ForeignKey(
        Foerderrunde,
        on_delete=models.PROTECT,
        related_name="buendnisse",
        verbose_name="Förderrunde",
    )
    betrag = models.DecimalField(
        "Bewilligte Förderung in Euro",
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    beginn = models.DateField("Förderzeitraum von")
    ende = models.DateField("Förderzeitraum bis")
    status = models.CharField(
        "Status", max_length=15, choices=Status.choices, default=Status.LAUFEND
    )
    oeffentlich = models.BooleanField(
        "Öffentlich",
        default=True,
        help_text="Nicht öffentliche Bündnisse erscheinen nur in der Verwaltung.",
    )
    beschreibung = models.TextField(
        "Kurzbeschreibung",
        max_length=1500,
        blank=True,
        help_text="Wer das Bündnis ist und was es vorhat, in wenigen Sätzen.",
    )
    ziele = models.TextField("Ziele", max_length=3000, blank=True)
    aktivitaeten = models.TextField(
        "Aktivitäten",
        max_length=5000,
        blank=True,
        help_text="Was das Bündnis tut: Angebote, Treffen, Veranstaltungen.",
    )
    themen = models.ManyToManyField(
        Themenfeld, blank=True, related_name="buendnisse", verbose_name="Themen"
    )
    website = models.URLField("Website", blank=True)
    ansprechpersonen = models.ManyToManyField(
        Person, blank=True, related_name="buendnisse", verbose_name="Ansprechpersonen"
    )
    bild = models.ImageField(
        "Logo",
        upload_to="bilder/buendnisse/",
        blank=True,
        validators=[uploads.validate_image],
        help_text="JPEG, PNG oder WebP, höchstens 15 MB. Metadaten werden entfernt.",
    )
    treffen = models.ManyToManyField(
        Veranstaltung,
        through="Teilnahme",
        blank=True,
        related_name="buendnisse",
        verbose_name="Treffen",
    )
    meldungen = models.ManyToManyField(
        Meldung,
        blank=True,
        related_name="buendnisse",
        verbose_name="Meldungen über das Bündnis",
    )
    geaendert_am = models.DateTimeField("Geändert am", auto_now=True)

    objects = BuendnisQuerySet.as_manager()

    suchvektor = SearchVectorField(null=True, editable=False)  # see portal.search

    class Meta:
        verbose_name = "Bündnis"
        verbose_name_plural = "Bündnisse"
        ordering = ["name"]
        indexes = [
            models.Index(fields=["oeffentlich", "name"], name="buendnis_liste_idx"),
            GinIndex(fields=["suchvektor"], name="buendnis_suche_idx"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.beginn and self.ende and self.ende < self.beginn:
            raise ValidationError(
                {"ende": "Das Ende des Förderzeitraums liegt vor seinem Beginn."},
                code="ende_vor_beginn",
            )
        if self.slug in RESERVIERTE_SLUGS:
            raise ValidationError(
                {"slug": "Diese Adresse ist für eine Seite des Portals vergeben."},
                code="slug_reserviert",
            )

    def get_absolute_url(self):
        return reverse("buendnisse:detail", args=[self.slug])

    @property
    def zeitraum(self) -> str:
        """ "15.11.2016–15.12.2017" """
        return f"{date_format(self.beginn, 'd.m.Y')}–{date_format(self.ende, 'd.m.Y')}"

    @property
    def betrag_text(self) -> str:
        """ "15.000 €" """
        return formats.euro(self.betrag)

    @property
    def gemeinden_liste(self) -> list[str]:
        return [name.strip() for name in self.gemeinden.split(",") if name.strip()]

    def kann_bearbeiten(self, user) -> bool:
        return Buendnis.objects.bearbeitbar_von(user).filter(pk=self.pk).exists()

    def personen_zur_auswahl(self):
        """Contact people members may name: the public people of the Träger and of the partner
        organisations known to the directory, and whoever is named already."""
        partner = self.partner.filter(organisation__isnull=False).values("organisation")
        return Person.objects.filter(
            Q(oeffentlich=True, organisation=self.traeger_id)
            | Q(oeffentlich=True, organisation__in=partner)
            | Q(pk__in=self.ansprechpersonen.values("pk"))
        ).select_related("organisation")

    # --- The public profile and its change log ---------------------------------------------

    PROFILFELDER = {
        "beschreibung": "Kurzbeschreibung",
        "ziele": "Ziele",
        "aktivitaeten": "Aktivitäten",
        "website": "Website",
        "themen": "Themen",
        "ansprechpersonen": "Ansprechpersonen",
        "partner": "Partner",
        "logo": "Logo",
    }

    def profil_stand(self) -> dict:
        """The public profile as {field: {"wert": restorable value, "text": readable}}."""
        themen = list(self.themen.order_by("pk"))
        personen = list(self.ansprechpersonen.order_by("pk"))
        partner = list(self.partner.order_by("reihenfolge", "pk"))
        stand = {
            field: {"wert": getattr(self, field), "text": getattr(self, field)}
            for field in ["beschreibung", "ziele", "aktivitaeten", "website"]
        }
        stand["themen"] = {
            "wert": [thema.pk for thema in themen],
            "text": ", ".join(thema.name for thema in themen),
        }
        stand["ansprechpersonen"] = {
            "wert": [person.pk for person in personen],
            "text": ", ".join(person.name for person in personen),
        }
        stand["partner"] = {
            "wert": [[p.name, p.rolle, p.organisation_id] for p in partner],
            "text": "; ".join(f"{p.name} ({p.get_rolle_display()})" for p in partner),
        }
        stand["logo"] = {
            "wert": [self.bild.name, self.bild_klein.name, self.bild_alt],
            "text": f"{self.bild.name.rsplit('/', 1)[-1]} – „{self.bild_alt}“" if self.bild else "",
        }
        return stand

    def profil_aendern(self, speichern, by) -> "Aenderung | None":
        """Run `speichern` (which saves the profile forms) and log what changed, who and when,
        in one transaction. Returns the log entry, or None when nothing changed."""
        with transaction.atomic():
            # From the database: a bound form has already put its values on this instance.
            vorher = Buendnis.objects.select_for_update().get(pk=self.pk).profil_stand()
            speichern()
            self.refresh_from_db()
            nachher = self.profil_stand()
            return Aenderung.protokollieren(self, vorher, nachher, by)

    def profil_setzen(self, field: str, wert) -> None:
        """Restore one profile field to a value recorded in the change log."""
        if field in {"themen", "ansprechpersonen"}:
            related = getattr(self, field)
            related.set(related.model.objects.filter(pk__in=wert))
        elif field == "partner":
            self.partner.all().delete()
            known = set(
                Organisation.objects.filter(pk__in=[row[2] for row in wert]).values_list(
                    "pk", flat=True
                )
            )
            Partner.objects.bulk_create(
                Partner(
                    buendnis=self,
                    name=name,
                    rolle=rolle,
                    organisation_id=organisation if organisation in known else None,
                    reihenfolge=position,
                )
                for position, (name, rolle, organisation) in enumerate(wert)
            )
        elif field == "logo":
            self.bild.name, self.bild_klein.name, self.bild_alt = wert
            self.save(update_fields=["bild", "bild_klein", "bild_alt", "geaendert_am"])
        else:
            setattr(self, field, wert)
            self.save(update_fields=[field, "geaendert_am"])


class Partner(models.Model):
    class Rolle(models.TextChoices):
        KOMMUNE = "kommune", "Kommune"
        LANDKREIS = "landkreis", "Landkreis"
        VEREIN = "verein", "Verein"
        KIRCHE = "kirche", "Kirchengemeinde"
        WOHLFAHRTSVERBAND = "wohlfahrtsverband", "Wohlfahrtsverband"
        MIGRANTENORGANISATION = "migrantenorganisation", "Migrantenorganisation"
        MEHRGENERATIONENHAUS = "mehrgenerationenhaus", "Mehrgenerationenhaus"
        GEFLUECHTETE = "gefluechtete", "Geflüchtete"
        INITIATIVE = "initiative", "Initiative / Freundeskreis"
        BILDUNG = "bildung", "Schule / Bildungsträger"
        WIRTSCHAFT = "wirtschaft", "Unternehmen / Wirtschaft"
        SONSTIGE = "sonstige", "Sonstige"

    buendnis = models.ForeignKey(Buendnis, on_delete=models.CASCADE, related_name="partner")
    name = models.CharField("Name", max_length=200)
    rolle = models.CharField("Rolle", max_length=25, choices=Rolle.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerschaften",
        verbose_name="Organisation im Kontaktverzeichnis",
    )
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Partner"
        verbose_name_plural = "Partner"
        ordering = ["reihenfolge", "pk"]

    def __str__(self):
        return self.name


class Teilnahme(models.Model):
    """An alliance took part in a programme meeting (Gesamttreffen, Projekttreffen …)."""

    buendnis = models.ForeignKey(
        Buendnis, on_delete=models.CASCADE, related_name="teilnahmen", verbose_name="Bündnis"
    )
    veranstaltung = models.ForeignKey(
        Veranstaltung,
        on_delete=models.CASCADE,
        related_name="teilnahmen",
        verbose_name="Veranstaltung",
    )

    class Meta:
        verbose_name = "Teilnahme"
        verbose_name_plural = "Teilnehmende Bündnisse"
        constraints = [
            models.UniqueConstraint(fields=["buendnis", "veranstaltung"], name="teilnahme_einmal")
        ]

    def __str__(self):
        return f"{self.buendnis} – {self.veranstaltung}"


class Aenderung(models.Model):
    """One save of an alliance's public profile (by a member on the website or by staff in the
    admin): what changed, from what to what. Staff can undo it; the undo is logged too."""

    buendnis = models.ForeignKey(
        Buendnis, on_delete=models.CASCADE, related_name="aenderungen", verbose_name="Bündnis"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="Geändert von",
    )
    user_name = models.CharField(
        "Name der ändernden Person",
        max_length=200,
        help_text="Bleibt, wenn das Konto gelöscht wird.",
    )
    zeitpunkt = models.DateTimeField("Zeitpunkt", default=timezone.now, db_index=True)
    felder = models.JSONField("Änderungen", help_text="Je Feld der Stand vorher und nachher.")
    rueckgaengig_gemacht_am = models.DateTimeField("Rückgängig gemacht am", null=True, blank=True)
    rueckgaengig_gemacht_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Rückgängig gemacht von",
    )

    class Meta:
        verbose_name = "Änderung am Bündnisprofil"
        verbose_name_plural = "Änderungen an Bündnisprofilen"
        ordering = ["-zeitpunkt", "-pk"]

    def __str__(self):
        return f"{self.buendnis}: {', '.join(self.feldnamen)} ({formats.zeitpunkt(self.zeitpunkt)})"

    @property
    def benennung(self) -> str:
        """ "am 21.11.2026, 14:05 Uhr am Bündnis „…“", for messages about this entry."""
        return f"am {formats.zeitpunkt(self.zeitpunkt)} am Bündnis „{self.buendnis}“"

    @classmethod
    def protokollieren(cls, buendnis, vorher: dict, nachher: dict, by) -> "Aenderung | None":
        felder = {
            field: {"vorher": vorher[field], "nachher": nachher[field]}
            for field in Buendnis.PROFILFELDER
            if vorher[field]["wert"] != nachher[field]["wert"]
        }
        if not felder:
            return None
        return cls.objects.create(
            buendnis=buendnis, user=by, user_name=anzeigename(by), felder=felder
        )

    def felder_geordnet(self) -> list[tuple[str, dict]]:
        """(label, {"vorher": …, "nachher": …}) in the order of the profile; the database keeps
        JSON keys in an order of its own. A field that has left the profile since is named by
        its key."""
        bekannt = [
            (label, self.felder[field])
            for field, label in Buendnis.PROFILFELDER.items()
            if field in self.felder
        ]
        frueher = [
            (field, werte)
            for field, werte in self.felder.items()
            if field not in Buendnis.PROFILFELDER
        ]
        return bekannt + frueher

    @property
    def feldnamen(self) -> list[str]:
        return [label for label, _ in self.felder_geordnet()]

    def ist_in_kraft(self, stand: dict | None = None) -> bool:
        """Whether the changed fields still hold what this change saved (then it can be undone
        without touching anybody's later work)."""
        stand = stand or self.buendnis.profil_stand()
        return all(stand[f]["wert"] == werte["nachher"]["wert"] for f, werte in self.felder.items())

    def spaetere_aenderungen(self):
        """Later changes to the same fields that have not been undone, newest first."""
        return self.buendnis.aenderungen.filter(
            Q(zeitpunkt__gt=self.zeitpunkt) | Q(zeitpunkt=self.zeitpunkt, pk__gt=self.pk),
            rueckgaengig_gemacht_am__isnull=True,
            felder__has_any_keys=list(self.felder),
        )

    def rueckgaengig_machen(self, by) -> "Aenderung":
        """Put the fields back as they were before this change. Refused unless the fields still
        hold what this change saved, so nobody's later work is overwritten unseen."""
        with transaction.atomic():
            # This entry and its alliance locked: two clicks must not undo a change twice.
            self.rueckgaengig_gemacht_am = (
                Aenderung.objects.select_for_update()
                .values_list("rueckgaengig_gemacht_am", flat=True)
                .get(pk=self.pk)
            )
            if self.rueckgaengig_gemacht_am:
                raise ValidationError(
                    "Diese Änderung wurde bereits rückgängig gemacht.", code="schon_rueckgaengig"
                )
            buendnis = Buendnis.objects.select_for_update().get(pk=self.buendnis_id)
            vorher = buendnis.profil_stand()
            if not self.ist_in_kraft(vorher):
                spaeter = self.spaetere_aenderungen().first()
                von = (
                    f" (am {formats.zeitpunkt(spaeter.zeitpunkt)} von {spaeter.user_name})"
                    if spaeter
                    else ""
                )
                raise ValidationError(
                    "Die Felder wurden danach noch einmal geändert%(von)s. Bitte machen Sie "
                    "zuerst die spätere Änderung rückgängig.",
                    code="spaeter_geaendert",
                    params={"von": von},
                )
            for field, werte in self.felder.items():
                buendnis.profil_setzen(field, werte["vorher"]["wert"])
            self.rueckgaengig_gemacht_am = timezone.now()
            self.rueckgaengig_gemacht_von = by
            self.save(update_fields=["rueckgaengig_gemacht_am", "rueckgaengig_gemacht_von"])
            return Aenderung.protokollieren(buendnis, vorher, buendnis.profil_stand(), by)

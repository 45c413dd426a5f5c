"""Site-wide content: news, circulars, documents, pages, FAQ, events, videos, links."""

import datetime
import hashlib
import logging
import uuid
from pathlib import PurePosixPath
from urllib.parse import parse_qs, urlparse

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.db.models.functions import ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from portal import pagecache, uploads
from portal.markup import render_markdown

logger = logging.getLogger(__name__)


class Saeule(models.IntegerChoices):
    """The four pillars of the programme."""

    BUENDNISSE = 1, "Lokale Bündnisse für Flüchtlingshilfe"
    QUALIFIZIERUNG = 2, "Qualifizierung von Ehrenamtlichen"
    FLUECHTLINGSDIALOGE = 3, "Kommunale Flüchtlingsdialoge"
    FSJ = 4, "FSJ Integration"


class VeroeffentlichtQuerySet(models.QuerySet):
    def veroeffentlicht(self):
        """What the public may see: released and not scheduled for later."""
        return self.filter(
            status=Veroeffentlichbar.Status.VEROEFFENTLICHT, veroeffentlichen_ab__lte=timezone.now()
        )

    def status_setzen(self, status: str) -> int:
        """Publish or withdraw many at once; an UPDATE sends no signals, so tell the page cache."""
        count = self.update(status=status)
        pagecache.content_changed()
        return count

    def sichtbar_fuer(self, user):
        """The public items, and for editors of the model also drafts and scheduled ones, so they
        can preview them at their address before they go live."""
        opts = self.model._meta
        if user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            return self
        return self.veroeffentlicht()


class Veroeffentlichbar(models.Model):
    class Status(models.TextChoices):
        ENTWURF = "entwurf", "Entwurf"
        VEROEFFENTLICHT = "veroeffentlicht", "Veröffentlicht"

    status = models.CharField(
        "Status",
        max_length=20,
        choices=Status.choices,
        default=Status.ENTWURF,
        help_text="Entwürfe sind nur in der Verwaltung sichtbar.",
    )
    veroeffentlichen_ab = models.DateTimeField(
        "Veröffentlichen ab",
        default=timezone.now,
        help_text="Liegt der Zeitpunkt in der Zukunft, erscheint der Eintrag erst dann.",
    )
    geaendert_am = models.DateTimeField("Zuletzt geändert", auto_now=True)

    objects = VeroeffentlichtQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def ist_oeffentlich(self) -> bool:
        return (
            self.status == self.Status.VEROEFFENTLICHT
            and self.veroeffentlichen_ab <= timezone.now()
        )


class MitText(models.Model):
    """A body that editors write in Markdown (or limited HTML), stored sanitised as HTML too."""

    text = models.TextField(
        "Text",
        blank=True,
        help_text="Markdown oder einfaches HTML. Überschriften, Listen, Tabellen und Links "
        "sind erlaubt; alles andere wird beim Speichern entfernt.",
    )
    text_html = models.TextField(editable=False, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.text_html = render_markdown(self.text)
        super().save(*args, **kwargs)


class Datei(models.Model):
    """A downloadable file whose kind and size are read from the file itself."""

    datei = models.FileField(
        "Datei", upload_to="dokumente/%Y/", validators=[uploads.validate_office_document]
    )
    dateiart = models.CharField("Dateiart", max_length=10, editable=False, blank=True)
    groesse = models.PositiveBigIntegerField("Größe in Byte", editable=False, default=0)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if uploads.is_fresh_upload(self.datei):
            kind = uploads.sniff_kind(self.datei.file)
            self.dateiart = kind or PurePosixPath(self.datei.name).suffix.lstrip(".").upper()
            self.groesse = self.datei.size
        super().save(*args, **kwargs)

    @property
    def format_label(self) -> str:
        """ "PDF: 3,8 MB", as the lists show it next to the link."""
        return f"{self.dateiart}: {uploads.format_size(self.groesse)}"

    @property
    def download_name(self) -> str:
        return f"{slugify(str(self))[:80] or 'dokument'}.{self.dateiart.lower()}"


class MitBild(models.Model):
    """An optional picture, re-encoded on upload into a large and a small rendition."""

    bild = models.ImageField(
        "Bild",
        upload_to="bilder/%Y/",
        blank=True,
        validators=[uploads.validate_image],
        help_text="JPEG, PNG oder WebP, höchstens 15 MB. Metadaten (z. B. "
        "GPS-Position) werden entfernt.",
    )
    bild_klein = models.ImageField(upload_to="bilder/%Y/", blank=True, editable=False)
    bild_alt = models.CharField(
        "Alternativtext",
        max_length=250,
        blank=True,
        help_text="Was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen.",
    )
    bild_nachweis = models.CharField("Bildnachweis", max_length=200, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.bild and not self.bild_alt.strip():
            raise ValidationError(
                {"bild_alt": "Bitte beschreiben Sie das Bild in einem Alternativtext."},
                code="required",
            )

    def save(self, *args, **kwargs):
        if uploads.is_fresh_upload(self.bild):
            stem = slugify(PurePosixPath(self.bild.name).stem)[:60] or "bild"
            renditions = uploads.image_renditions(self.bild)
            self.bild.save(f"{stem}.jpg", renditions["gross"], save=False)
            self.bild_klein.save(f"{stem}-klein.jpg", renditions["klein"], save=False)
        elif not self.bild:
            self.bild_klein = ""
        super().save(*args, **kwargs)


# --- Documents and circulars ----------------------------------------------------------------


class Dokument(Veroeffentlichbar, Datei):
    titel = models.CharField("Titel", max_length=200)
    beschreibung = models.TextField("Beschreibung", blank=True)
    datum = models.DateField("Datum", default=datetime.date.today)

    class Meta:
        verbose_name = "Dokument"
        verbose_name_plural = "Dokumente"
        ordering = ["-datum", "titel"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("portal:dokument-download", args=[self.pk])


# Organisation kinds (kontakte.Organisation.Art) as the address line of a circular names them.
ADRESSATEN_MEHRZAHL = {
    "kommune": "Mitgliedsstädte und -gemeinden",
    "landkreis": "Landkreise",
    "verband": "kommunalen Verbände",
    "ministerium": "Ministerien",
    "landeszentrale": "Landeszentralen",
    "wohlfahrtsverband": "Wohlfahrtsverbände",
    "kirche": "Kirchen",
    "verein": "Vereine",
    "initiative": "Initiativen",
    "sonstige": "weiteren Partner",
}


class Nummernkreis(models.Model):
    """The last circular number given in a year. Releasing locks the year's row, so two people
    releasing at once get consecutive numbers, and a release that fails gives its number back."""

    jahr = models.PositiveSmallIntegerField("Jahr", primary_key=True)
    letzte_nummer = models.PositiveIntegerField("Zuletzt vergebene Nummer", default=0)

    class Meta:
        verbose_name = "Nummernkreis der Rundschreiben"
        verbose_name_plural = "Nummernkreise der Rundschreiben"

    def __str__(self):
        return f"Rundschreiben {self.jahr}: zuletzt R {self.letzte_nummer}/{self.jahr}"

    @classmethod
    def naechste(cls, jahr: int) -> int:
        """The next number of the year; call inside the transaction that uses it."""
        bisher = Rundschreiben.objects.filter(jahr=jahr).aggregate(n=models.Max("nummer"))["n"]
        cls.objects.get_or_create(jahr=jahr, defaults={"letzte_nummer": bisher or 0})
        kreis = cls.objects.select_for_update().get(jahr=jahr)
        kreis.letzte_nummer += 1
        kreis.save(update_fields=["letzte_nummer"])
        return kreis.letzte_nummer


class Rundschreiben(Veroeffentlichbar, MitText, Datei):
    """A circular of the Städtetag. Written in the portal (or, in the archive, uploaded as a
    PDF); on release it gets the next number „R <n>/<Jahr>“, its PDF is made in the
    background, and it appears on /rundschreiben/ once the file is there. A released circular
    is never changed: a correction is a new circular with a new number."""

    datei = models.FileField(
        "PDF-Datei", upload_to="rundschreiben/%Y/", validators=[uploads.validate_pdf], blank=True
    )
    nummer = models.PositiveIntegerField("Nummer", null=True, blank=True, editable=False)
    jahr = models.PositiveSmallIntegerField("Jahr", null=True, blank=True, editable=False)
    datum = models.DateField(
        "Datum",
        default=datetime.date.today,
        help_text="Das Datum des Schreibens; das Jahr bestimmt den Nummernkreis.",
    )
    betreff = models.CharField("Betreff", max_length=250)
    zusammenfassung = models.TextField(
        "Zusammenfassung", blank=True, help_text="Erscheint in der Liste der Rundschreiben."
    )
    adressaten_arten = models.JSONField(
        "An alle Organisationen der Art",
        default=list,
        blank=True,
        help_text="Zum Beispiel Kommunen für „An die Mitgliedsstädte und -gemeinden“.",
    )
    adressaten = models.ManyToManyField(
        "kontakte.Organisation",
        blank=True,
        related_name="rundschreiben",
        verbose_name="An einzelne Organisationen",
        help_text="Bei mehr als vier Organisationen steht die Liste als Verteiler am Ende.",
    )
    anschrift = models.TextField(
        "Anschrift (frei)",
        blank=True,
        help_text="Ersetzt die aus den Adressaten gebildete Anschrift, z. B. „An die "
        "Mitgliedsstädte“. Eine Zeile je Zeile des Anschriftfelds.",
    )
    bezug = models.CharField(
        "Bezug", max_length=250, blank=True, help_text="Zum Beispiel „Unser Rundschreiben R …“"
    )
    ansprechperson = models.ForeignKey(
        "kontakte.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Ansprechperson",
        help_text="Steht mit Telefon und E-Mail im Informationsblock.",
    )
    ersetzt = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="berichtigungen",
        verbose_name="Berichtigt",
    )
    freigegeben_am = models.DateTimeField("Freigegeben am", null=True, blank=True, editable=False)
    freigegeben_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="Freigegeben von",
    )
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)

    # Longer drafts (characters of text) or drafts with PDF attachments are previewed in the
    # background; shorter ones render while the editor waits (about a second).
    VORSCHAU_SOFORT_ZEICHEN = 6000
    # More individual addressees than this go to a distribution list (Verteiler) at the end.
    ANSCHRIFT_HOECHSTENS = 4

    suchvektor = SearchVectorField(null=True, editable=False)  # see portal.search

    class Meta:
        verbose_name = "Rundschreiben"
        verbose_name_plural = "Rundschreiben"
        ordering = ["-datum", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["jahr", "nummer"], name="rundschreiben_nummer_je_jahr")
        ]
        permissions = [("freigeben_rundschreiben", "Kann Rundschreiben freigeben")]
        indexes = [GinIndex(fields=["suchvektor"], name="rundschreiben_suche_idx")]

    def __str__(self):
        return (
            f"Rundschreiben {self.aktenzeichen}" if self.freigegeben else f"Entwurf: {self.betreff}"
        )

    @property
    def freigegeben(self) -> bool:
        return self.nummer is not None

    @property
    def aktenzeichen(self) -> str:
        if self.freigegeben:
            return f"R {self.nummer}/{self.jahr}"
        return f"R …/{self.datum.year}"  # the number comes with the release

    def get_absolute_url(self):
        return reverse("portal:rundschreiben-detail", args=[self.jahr, self.nummer])

    def get_download_url(self):
        return reverse("portal:rundschreiben-download", args=[self.jahr, self.nummer])

    @property
    def download_name(self) -> str:
        return f"Rundschreiben-R-{self.nummer}-{self.jahr}.{self.dateiart.lower()}"

    # --- the letter ---------------------------------------------------------------------

    def anschrift_zeilen(self) -> list[str]:
        """The address field: the free text, else the kinds and organisations addressed."""
        if self.anschrift.strip():
            return [zeile.strip() for zeile in self.anschrift.strip().splitlines() if zeile.strip()]
        arten = [ADRESSATEN_MEHRZAHL[art] for art in self.adressaten_arten]
        namen = [o.name for o in self.adressaten.all()]
        if len(namen) > self.ANSCHRIFT_HOECHSTENS:
            namen = ["Adressaten laut Verteiler"]
        teile = [f"die {art}" for art in arten] + namen
        if not teile:
            return []
        zeilen = [f"{teil}," for teil in teile[:-2]] + teile[-2:]
        if len(teile) > 1:
            zeilen[-1] = f"und {zeilen[-1]}"
        zeilen[0] = f"An {zeilen[0]}"
        return zeilen

    def verteiler(self) -> list[str]:
        """The organisations addressed one by one, when too many for the address field."""
        namen = [o.name for o in self.adressaten.all()]
        return namen if len(namen) > self.ANSCHRIFT_HOECHSTENS else []

    def pdf_anlagen(self) -> list["RundschreibenAnlage"]:
        return [anlage for anlage in self.anlagen.all() if anlage.dateiart == "PDF"]

    @property
    def vorschau_sofort(self) -> bool:
        return len(self.text) <= self.VORSCHAU_SOFORT_ZEICHEN and not self.pdf_anlagen()

    def pdf(self, entwurf: bool = False) -> bytes:
        """The letter (templates/pdf/rundschreiben.html) with its PDF attachments appended."""
        from portal.pdf import render_pdf

        anlagen = list(self.anlagen.all())
        person = self.ansprechperson
        return render_pdf(
            "pdf/rundschreiben.html",
            {
                "rundschreiben": self,
                "entwurf": entwurf,
                "anschrift": self.anschrift_zeilen(),
                "verteiler": self.verteiler(),
                "anlagen": anlagen,
                "person": person,
                "organisation": person.organisation if person else None,
            },
            [
                (f"Anlage {nummer}: {anlage.titel}", anlage.inhalt())
                for nummer, anlage in enumerate(anlagen, 1)
                if anlage.dateiart == "PDF"
            ],
        )

    # --- release ------------------------------------------------------------------------

    def freigeben(self, von) -> "Export":
        """Give the next number of the year and queue the PDF. Raises ValidationError for an
        incomplete draft or one already released (someone else may have been quicker)."""
        with transaction.atomic():
            entwurf = Rundschreiben.objects.select_for_update().get(pk=self.pk)
            if entwurf.freigegeben:
                raise ValidationError(
                    f"Das Rundschreiben wurde bereits als {entwurf.aktenzeichen} freigegeben.",
                    code="freigegeben",
                )
            if not (entwurf.text.strip() and entwurf.anschrift_zeilen()):
                raise ValidationError(
                    "Ein Rundschreiben braucht vor der Freigabe Adressaten und einen Text.",
                    code="unvollstaendig",
                )
            self.jahr = self.datum.year
            self.nummer = Nummernkreis.naechste(self.jahr)
            self.freigegeben_am, self.freigegeben_von = timezone.now(), von
            self.status = self.Status.ENTWURF  # public once its PDF is there
            self.save()
            return self.pdf_anfordern(von)

    def pdf_anfordern(self, von, entwurf: bool = False) -> "Export":
        """The PDF in the background: the released letter, or a draft's preview."""
        art = "rundschreiben-vorschau" if entwurf else "rundschreiben"
        titel = f"Vorschau: {self.betreff}" if entwurf else f"{self}: {self.betreff}"
        dateiname = (
            "rundschreiben-entwurf" if entwurf else f"rundschreiben-r-{self.nummer}-{self.jahr}"
        )
        return Export.anfordern(
            self,
            art,
            von,
            titel,
            dateiname,
            zurueck=reverse("admin:portal_rundschreiben_change", args=[self.pk]),
        )

    def export_fertig(self, export: "Export", inhalt: bytes) -> None:
        """The released circular's PDF is stored as its own file (exports are cleared after
        some days); then it is public. A file written for a save that fails is removed."""
        if export.art != "rundschreiben":
            return
        self.datei.save(
            f"rundschreiben-r-{self.nummer}-{self.jahr}.pdf", ContentFile(inhalt), save=False
        )
        self.dateiart, self.groesse = "PDF", len(inhalt)
        self.sha256 = export.sha256
        self.status = self.Status.VEROEFFENTLICHT
        try:
            self.save()
        except Exception:
            self.datei.delete(save=False)
            raise

    def berichtigen(self, von) -> "Rundschreiben":
        """A new draft with the same content, attachments and addressees that replaces this
        released circular once released itself."""
        if not self.freigegeben:
            raise ValidationError("Nur ein freigegebenes Rundschreiben wird berichtigt.")
        with transaction.atomic():
            neu = Rundschreiben.objects.create(
                betreff=self.betreff,
                zusammenfassung=self.zusammenfassung,
                text=self.text,
                adressaten_arten=self.adressaten_arten,
                anschrift=self.anschrift,
                bezug=f"Berichtigung des Rundschreibens {self.aktenzeichen} vom "
                f"{self.datum:%d.%m.%Y}",
                ansprechperson=self.ansprechperson,
                ersetzt=self,
            )
            neu.adressaten.set(self.adressaten.all())
            for anlage in self.anlagen.all():
                RundschreibenAnlage.objects.create(
                    rundschreiben=neu,
                    titel=anlage.titel,
                    reihenfolge=anlage.reihenfolge,
                    datei=ContentFile(anlage.inhalt(), name=PurePosixPath(anlage.datei.name).name),
                )
        return neu


class RundschreibenAnlage(Datei):
    """An attachment of a circular: PDFs are appended to its PDF, other files listed."""

    rundschreiben = models.ForeignKey(
        Rundschreiben, on_delete=models.CASCADE, related_name="anlagen"
    )
    titel = models.CharField("Titel", max_length=200)
    datei = models.FileField(
        "Datei",
        upload_to="rundschreiben/anlagen/%Y/",
        validators=[uploads.validate_office_document],
        help_text="PDF-Dateien werden an das Rundschreiben angehängt, andere Dateien aufgeführt.",
    )
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Anlage"
        verbose_name_plural = "Anlagen"
        ordering = ["reihenfolge", "pk"]

    def __str__(self):
        return self.titel

    def inhalt(self) -> bytes:
        with self.datei.open("rb") as datei:
            return datei.read()


# --- News -----------------------------------------------------------------------------------


class MeldungQuerySet(VeroeffentlichtQuerySet):
    def archiv_monate(self):
        """(year, month, count) of the public news, newest first."""
        return (
            self.veroeffentlicht()
            .annotate(jahr=ExtractYear("datum"), monat=ExtractMonth("datum"))
            .values("jahr", "monat")
            .annotate(anzahl=models.Count("id"))
            .order_by("-jahr", "-monat")
        )


class Meldung(Veroeffentlichbar, MitText, MitBild):
    titel = models.CharField("Titel", max_length=200)
    slug = models.SlugField("Kurzname in der Adresse", max_length=200, unique=True)
    datum = models.DateField(
        "Datum", default=datetime.date.today, help_text="Das Datum, das über der Meldung steht."
    )
    teaser = models.TextField(
        "Anreißer", max_length=600, help_text="Zwei, drei Sätze für die Übersicht."
    )
    saeule = models.PositiveSmallIntegerField(
        "Säule des Programms", choices=Saeule.choices, null=True, blank=True
    )
    rundschreiben = models.ForeignKey(
        Rundschreiben,
        verbose_name="Rundschreiben",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meldungen",
    )
    dokumente = models.ManyToManyField(
        Dokument, verbose_name="Anhänge", blank=True, related_name="meldungen"
    )

    objects = MeldungQuerySet.as_manager()

    suchvektor = SearchVectorField(null=True, editable=False)  # see portal.search

    class Meta:
        verbose_name = "Meldung"
        verbose_name_plural = "Meldungen (Aktuelles)"
        ordering = ["-datum", "-veroeffentlichen_ab"]
        indexes = [
            models.Index(fields=["-datum"], name="meldung_datum_idx"),
            # The public list, its count and the archive read only this index.
            models.Index(
                fields=["-datum", "-veroeffentlichen_ab"],
                condition=models.Q(status="veroeffentlicht"),
                name="meldung_oeffentlich_idx",
            ),
            GinIndex(fields=["suchvektor"], name="meldung_suche_idx"),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("portal:meldung-detail", args=[self.datum.year, self.slug])


# --- Pages and FAQ --------------------------------------------------------------------------


class Seite(Veroeffentlichbar, MitText):
    titel = models.CharField("Titel", max_length=200)
    slug = models.SlugField("Kurzname in der Adresse", max_length=100)
    eltern = models.ForeignKey(
        "self",
        verbose_name="Übergeordnete Seite",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="unterseiten",
    )
    pfad = models.CharField("Adresse", max_length=500, unique=True, editable=False)
    teaser = models.TextField("Anreißer", blank=True)
    saeule = models.PositiveSmallIntegerField(
        "Säule des Programms",
        choices=Saeule.choices,
        null=True,
        blank=True,
        help_text="Seiten mit Säule erscheinen auf der Startseite.",
    )
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)
    dokumente = models.ManyToManyField(
        Dokument, verbose_name="Dokumente", blank=True, related_name="seiten"
    )

    suchvektor = SearchVectorField(null=True, editable=False)  # see portal.search

    class Meta:
        verbose_name = "Seite"
        verbose_name_plural = "Seiten"
        ordering = ["pfad"]
        indexes = [GinIndex(fields=["suchvektor"], name="seite_suche_idx")]

    def __str__(self):
        return self.titel

    def clean(self):
        super().clean()
        ancestor = self.eltern
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"eltern": "Eine Seite kann nicht unter sich selbst stehen."})
            ancestor = ancestor.eltern
        if Seite.objects.exclude(pk=self.pk).filter(pfad=self.berechne_pfad()).exists():
            raise ValidationError({"slug": "Unter dieser Adresse gibt es schon eine Seite."})

    def berechne_pfad(self) -> str:
        return f"{self.eltern.pfad}/{self.slug}" if self.eltern else self.slug

    def save(self, *args, **kwargs):
        with transaction.atomic():
            old_pfad = self.pfad
            self.pfad = self.berechne_pfad()
            super().save(*args, **kwargs)
            if old_pfad and old_pfad != self.pfad:
                for child in self.unterseiten.all():
                    child.save()

    def get_absolute_url(self):
        return reverse("portal:seite", args=[self.pfad])

    def vorfahren(self) -> list["Seite"]:
        chain, ancestor = [], self.eltern
        while ancestor is not None:
            chain.insert(0, ancestor)
            ancestor = ancestor.eltern
        return chain


class FAQThema(models.Model):
    titel = models.CharField("Thema", max_length=200)
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "FAQ-Thema"
        verbose_name_plural = "FAQ-Themen"
        ordering = ["reihenfolge", "titel"]

    def __str__(self):
        return self.titel

    @property
    def anker(self) -> str:
        return f"thema-{self.pk}"


class FAQ(Veroeffentlichbar, MitText):
    thema = models.ForeignKey(
        FAQThema, verbose_name="Thema", on_delete=models.PROTECT, related_name="fragen"
    )
    frage = models.CharField("Frage", max_length=300)
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    suchvektor = SearchVectorField(null=True, editable=False)  # see portal.search

    class Meta:
        verbose_name = "Häufige Frage"
        verbose_name_plural = "Häufige Fragen (FAQ)"
        ordering = ["thema__reihenfolge", "reihenfolge", "frage"]
        indexes = [GinIndex(fields=["suchvektor"], name="faq_suche_idx")]

    def __str__(self):
        return self.frage

    def get_absolute_url(self):
        return f"{reverse('portal:faq')}#frage-{self.pk}"


# --- Events ---------------------------------------------------------------------------------


class VeranstaltungQuerySet(VeroeffentlichtQuerySet):
    def kommende(self):
        return (
            self.veroeffentlicht()
            .filter(beginn__gte=timezone.now() - datetime.timedelta(hours=12))
            .order_by("beginn")
        )

    def vergangene(self):
        return (
            self.veroeffentlicht()
            .filter(beginn__lt=timezone.now() - datetime.timedelta(hours=12))
            .order_by("-beginn")
        )


class Veranstaltung(Veroeffentlichbar, MitText):
    class Art(models.TextChoices):
        REGIONALKONFERENZ = "regionalkonferenz", "Regionalkonferenz"
        GESAMTTREFFEN = "gesamttreffen", "Projekttreffen / Gesamttreffen"
        FACHTAG = "fachtag", "Fachtag"
        HAUPTVERSAMMLUNG = "hauptversammlung", "Hauptversammlung"
        SONSTIGE = "sonstige", "Sonstige Veranstaltung"

    titel = models.CharField("Titel", max_length=200)
    slug = models.SlugField("Kurzname in der Adresse", max_length=200, unique=True)
    art = models.CharField("Art", max_length=30, choices=Art.choices)
    beginn = models.DateTimeField("Beginn")
    ende = models.DateTimeField("Ende", null=True, blank=True)
    ort = models.CharField(
        "Ort", max_length=200, help_text="Zum Beispiel „Martha-Maria Haus, Stuttgart“."
    )
    adresse = models.CharField("Anschrift", max_length=250, blank=True)
    teaser = models.TextField("Anreißer", blank=True)
    saeule = models.PositiveSmallIntegerField(
        "Säule des Programms", choices=Saeule.choices, null=True, blank=True
    )
    veranstalter = models.CharField("Veranstalter", max_length=200, blank=True)

    objects = VeranstaltungQuerySet.as_manager()

    suchvektor = SearchVectorField(null=True, editable=False)  # see portal.search

    class Meta:
        verbose_name = "Veranstaltung"
        verbose_name_plural = "Veranstaltungen"
        ordering = ["-beginn"]
        indexes = [
            # Upcoming and past events and their counts read only this index.
            models.Index(
                fields=["beginn", "veroeffentlichen_ab"],
                condition=models.Q(status="veroeffentlicht"),
                name="veranstaltung_oeffentlich_idx",
            ),
            GinIndex(fields=["suchvektor"], name="veranstaltung_suche_idx"),
        ]

    def __str__(self):
        return self.titel

    def clean(self):
        super().clean()
        if self.beginn and self.ende and self.ende < self.beginn:
            raise ValidationError(
                {"ende": "Das Ende liegt vor dem Beginn."}, code="ende_vor_beginn"
            )

    def get_absolute_url(self):
        return reverse(
            "portal:veranstaltung-detail", args=[timezone.localtime(self.beginn).year, self.slug]
        )

    def get_ics_url(self):
        return reverse(
            "portal:veranstaltung-ics", args=[timezone.localtime(self.beginn).year, self.slug]
        )

    @property
    def zeitraum(self) -> str:
        """28.09.2016, 10:00–16:00 Uhr; over days 26.11.2016, 10:00 Uhr – 27.11.2016, 13:00 Uhr"""
        beginn = timezone.localtime(self.beginn)
        start = f"{date_format(beginn, 'd.m.Y')}, {beginn:%H:%M}"
        if not self.ende:
            return f"{start} Uhr"
        ende = timezone.localtime(self.ende)
        if ende.date() == beginn.date():
            return f"{start}–{ende:%H:%M} Uhr"
        return f"{start} Uhr – {date_format(ende, 'd.m.Y')}, {ende:%H:%M} Uhr"


class Thementisch(models.Model):
    veranstaltung = models.ForeignKey(
        Veranstaltung, on_delete=models.CASCADE, related_name="thementische"
    )
    titel = models.CharField("Thema", max_length=200)
    dauer_minuten = models.PositiveSmallIntegerField("Dauer in Minuten", null=True, blank=True)
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Thementisch"
        verbose_name_plural = "Thementische"
        ordering = ["reihenfolge", "pk"]

    def __str__(self):
        return self.titel


# --- Videos ---------------------------------------------------------------------------------


class Video(Veroeffentlichbar, MitText):
    """A film with one or more versions (e.g. a one-minute and a three-minute cut).

    The text is the film's description and serves as its text alternative.
    """

    titel = models.CharField("Titel", max_length=200)
    slug = models.SlugField("Kurzname in der Adresse", max_length=200, unique=True)
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Video"
        verbose_name_plural = "Videos"
        ordering = ["reihenfolge", "-veroeffentlichen_ab"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("portal:video-detail", args=[self.slug])


class Videofassung(models.Model):
    """One cut of a film: a file we host ourselves, or a video on YouTube or Vimeo that is
    only loaded after the visitor has clicked (two-click solution)."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="fassungen")
    bezeichnung = models.CharField(
        "Bezeichnung", max_length=100, help_text="Zum Beispiel „Kurzfassung (1 Minute)“."
    )
    datei = models.FileField(
        "Videodatei",
        upload_to="bilder/videos/",
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"])],
        help_text="MP4 oder WebM, wenn das Video auf diesem Server liegt.",
    )
    untertitel = models.FileField(
        "Untertitel (WebVTT)",
        upload_to="bilder/videos/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"])],
    )
    extern_url = models.URLField("Adresse bei YouTube oder Vimeo", blank=True)
    dauer_sekunden = models.PositiveIntegerField("Dauer in Sekunden", null=True, blank=True)
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Fassung"
        verbose_name_plural = "Fassungen"
        ordering = ["reihenfolge", "pk"]

    def __str__(self):
        return self.bezeichnung

    def clean(self):
        super().clean()
        if bool(self.datei) == bool(self.extern_url):
            raise ValidationError(
                "Bitte geben Sie entweder eine Videodatei oder eine Adresse bei "
                "YouTube oder Vimeo an.",
                code="video_quelle",
            )
        if self.extern_url and not self.embed_url:
            raise ValidationError(
                {"extern_url": "Diese Adresse ist kein YouTube- oder Vimeo-Video."},
                code="video_url",
            )

    @property
    def anbieter(self) -> str:
        return "Vimeo" if "vimeo.com" in self.extern_url else "YouTube"

    @property
    def embed_url(self) -> str:
        """The privacy-friendly player address, or "" for an address we do not recognise."""
        url = urlparse(self.extern_url)
        host = (url.hostname or "").removeprefix("www.")
        if host in {"youtube.com", "youtube-nocookie.com"}:
            video_id = parse_qs(url.query).get("v", [""])[0] or url.path.rsplit("/", 1)[-1]
            return (
                f"https://www.youtube-nocookie.com/embed/{video_id}"
                if video_id.isascii() and video_id
                else ""
            )
        if host == "youtu.be":
            return f"https://www.youtube-nocookie.com/embed/{url.path.strip('/')}"
        if host in {"vimeo.com", "player.vimeo.com"}:
            video_id = url.path.rstrip("/").rsplit("/", 1)[-1]
            return f"https://player.vimeo.com/video/{video_id}?dnt=1" if video_id.isdigit() else ""
        return ""

    @property
    def dauer(self) -> str:
        if not self.dauer_sekunden:
            return ""
        minutes, seconds = divmod(self.dauer_sekunden, 60)
        return f"{minutes}:{seconds:02d} Min."


class Link(models.Model):
    titel = models.CharField("Titel", max_length=200)
    url = models.URLField("Adresse")
    beschreibung = models.CharField("Beschreibung", max_length=300, blank=True)
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Link"
        verbose_name_plural = "Links"
        ordering = ["reihenfolge", "titel"]

    def __str__(self):
        return self.titel


# --- Documents made in the background -------------------------------------------------------


class ExportQuerySet(models.QuerySet):
    def von(self, user):
        """What the user asked for: nobody sees another person's exports."""
        return self.filter(angefordert_von=user) if user.is_authenticated else self.none()

    def offen(self):
        return self.filter(stand__in=[Export.Stand.WARTET, Export.Stand.IN_ARBEIT])

    def letztes(self, quelle, art: str) -> "Export | None":
        """The latest export of that kind made from the object."""
        return (
            self.filter(
                quelle_typ=ContentType.objects.get_for_model(quelle), quelle_id=quelle.pk, art=art
            )
            .order_by("-angefordert_am")
            .first()
        )


def _export_pfad(export, filename: str) -> str:
    return f"exporte/{export.angefordert_am:%Y/%m}/{export.pk}.pdf"


class Export(models.Model):
    """A PDF made by the task worker for the person who asked: a circular on release, a long
    preview, a newsletter, a list. Its page shows the state until the file is there.

    The kind names a renderer that the owning app registered (portal.pdf.register); it gets the
    source object and the parameters. A failure leaves the reason and no file.
    """

    class Stand(models.TextChoices):
        WARTET = "wartet", "Wartet auf die Erstellung"
        IN_ARBEIT = "in_arbeit", "Wird erstellt"
        FERTIG = "fertig", "Fertig"
        FEHLER = "fehler", "Fehlgeschlagen"

    # Exports a person may have waiting at once; more would only fill the queue.
    HOECHSTENS_OFFEN = 5
    # Days a finished export stays for download (`manage.py exporte_aufraeumen`).
    AUFBEWAHREN_TAGE = 30

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    art = models.CharField("Art", max_length=40)
    titel = models.CharField("Titel", max_length=250)
    dateiname = models.CharField("Dateiname", max_length=120)
    quelle_typ = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    quelle_id = models.PositiveBigIntegerField()
    quelle = GenericForeignKey("quelle_typ", "quelle_id")
    parameter = models.JSONField("Parameter", default=dict, blank=True)
    zurueck = models.CharField("Zurück zu", max_length=300, blank=True)
    angefordert_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="exporte",
        verbose_name="Angefordert von",
    )
    angefordert_am = models.DateTimeField("Angefordert am", default=timezone.now)
    begonnen_am = models.DateTimeField("Begonnen am", null=True, blank=True)
    fertig_am = models.DateTimeField("Fertig am", null=True, blank=True)
    stand = models.CharField("Stand", max_length=10, choices=Stand.choices, default=Stand.WARTET)
    fehler = models.TextField("Grund des Fehlers", blank=True)
    datei = models.FileField("Datei", upload_to=_export_pfad, blank=True, max_length=200)
    groesse = models.PositiveIntegerField("Größe in Byte", default=0)
    seiten = models.PositiveIntegerField("Seiten", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)

    objects = ExportQuerySet.as_manager()

    class Meta:
        verbose_name = "PDF-Export"
        verbose_name_plural = "PDF-Exporte"
        ordering = ["-angefordert_am"]
        indexes = [models.Index(fields=["quelle_typ", "quelle_id", "art"])]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("portal:export", args=[self.pk])

    def get_download_url(self):
        return reverse("portal:export-download", args=[self.pk])

    @property
    def abgeschlossen(self) -> bool:
        return self.stand in {self.Stand.FERTIG, self.Stand.FEHLER}

    @property
    def format_label(self) -> str:
        return f"PDF: {uploads.format_size(self.groesse)}"

    @classmethod
    def anfordern(cls, quelle, art: str, von, titel: str, dateiname: str, **optionen) -> "Export":
        """Queue the document; the worker renders it (portal.tasks.export_erstellen).

        `optionen` are `parameter` for the renderer and `zurueck`, the page to return to.
        Raises ValidationError when the person already has enough exports waiting."""
        from portal import tasks

        if cls.objects.von(von).offen().count() >= cls.HOECHSTENS_OFFEN:
            raise ValidationError(
                f"Sie haben bereits {cls.HOECHSTENS_OFFEN} Exporte in Arbeit. Bitte warten Sie, "
                "bis einer davon fertig ist.",
                code="zu_viele",
            )
        export = cls.objects.create(
            art=art,
            titel=titel[:250],
            dateiname=slugify(dateiname)[:110] or "export",
            quelle=quelle,
            parameter=optionen.get("parameter", {}),
            zurueck=optionen.get("zurueck", ""),
            angefordert_von=von,
        )
        transaction.on_commit(lambda: tasks.export_erstellen.enqueue(str(export.pk)))
        return export

    def erstellen(self) -> None:
        """Render once. Only a complete PDF is stored; a failure records its reason."""
        from portal import pdf

        begonnen = timezone.now()
        if not Export.objects.filter(pk=self.pk, stand=self.Stand.WARTET).update(
            stand=self.Stand.IN_ARBEIT, begonnen_am=begonnen
        ):
            return  # another worker has it, or it is done
        self.stand, self.begonnen_am = self.Stand.IN_ARBEIT, begonnen
        try:
            inhalt = pdf.RENDERERS[self.art](self.quelle, **self.parameter)
            seiten = pdf.page_count(inhalt)
        except Exception as fehler:
            logger.exception("Export %s (%s) failed", self.pk, self.art)
            self._fehlgeschlagen(fehler)
            return
        self.datei.save(f"{self.dateiname}.pdf", ContentFile(inhalt), save=False)
        self.groesse, self.seiten = len(inhalt), seiten
        self.sha256 = hashlib.sha256(inhalt).hexdigest()
        self.stand, self.fertig_am = self.Stand.FERTIG, timezone.now()
        try:
            with transaction.atomic():
                self.save()
                if hasattr(self.quelle, "export_fertig"):
                    self.quelle.export_fertig(self, inhalt)
        except Exception as fehler:
            logger.exception("Export %s (%s) could not be stored", self.pk, self.art)
            self.datei.delete(save=False)
            self._fehlgeschlagen(fehler)

    @classmethod
    def aufraeumen(cls) -> tuple[int, int]:
        """Delete exports (and files) older than AUFBEWAHREN_TAGE; mark as failed what a
        worker began an hour ago and never finished (it was stopped). → (deleted, stopped)"""
        jetzt = timezone.now()
        abgebrochen = cls.objects.filter(
            stand=cls.Stand.IN_ARBEIT, begonnen_am__lt=jetzt - datetime.timedelta(hours=1)
        ).update(
            stand=cls.Stand.FEHLER,
            fertig_am=jetzt,
            fehler="Die Erstellung wurde abgebrochen. Bitte fordern Sie das PDF erneut an.",
        )
        alt = cls.objects.filter(
            angefordert_am__lt=jetzt - datetime.timedelta(days=cls.AUFBEWAHREN_TAGE)
        )
        for export in alt.exclude(datei=""):
            export.datei.delete(save=False)
        geloescht, _ = alt.delete()
        return geloescht, abgebrochen

    def _fehlgeschlagen(self, fehler: Exception) -> None:
        self.stand, self.fertig_am = self.Stand.FEHLER, timezone.now()
        self.fehler = f"{type(fehler).__name__}: {fehler}"[:2000]
        self.datei, self.groesse, self.seiten, self.sha256 = "", 0, 0, ""
        self.save()

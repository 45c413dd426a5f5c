"""Site-wide content: news, circulars, documents, pages, FAQ, events, videos, links."""

import datetime
from pathlib import PurePosixPath
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.db.models.functions import ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from portal import uploads
from portal.markup import render_markdown


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


class Rundschreiben(Veroeffentlichbar, Datei):
    datei = models.FileField(
        "PDF-Datei", upload_to="rundschreiben/%Y/", validators=[uploads.validate_pdf]
    )
    nummer = models.PositiveIntegerField(
        "Nummer", help_text="Die Zahl vor dem Schrägstrich, z. B. 27970."
    )
    jahr = models.PositiveSmallIntegerField("Jahr")
    datum = models.DateField("Datum")
    betreff = models.CharField("Betreff", max_length=250)
    zusammenfassung = models.TextField("Zusammenfassung", blank=True)

    class Meta:
        verbose_name = "Rundschreiben"
        verbose_name_plural = "Rundschreiben"
        ordering = ["-datum", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["jahr", "nummer"], name="rundschreiben_nummer_je_jahr")
        ]

    def __str__(self):
        return f"Rundschreiben {self.aktenzeichen}"

    @property
    def aktenzeichen(self) -> str:
        return f"R {self.nummer}/{self.jahr}"

    def get_absolute_url(self):
        return reverse("portal:rundschreiben-detail", args=[self.jahr, self.nummer])

    def get_download_url(self):
        return reverse("portal:rundschreiben-download", args=[self.jahr, self.nummer])

    @property
    def download_name(self) -> str:
        return f"Rundschreiben-R-{self.nummer}-{self.jahr}.{self.dateiart.lower()}"


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

    class Meta:
        verbose_name = "Meldung"
        verbose_name_plural = "Meldungen (Aktuelles)"
        ordering = ["-datum", "-veroeffentlichen_ab"]
        indexes = [models.Index(fields=["-datum"], name="meldung_datum_idx")]

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

    class Meta:
        verbose_name = "Seite"
        verbose_name_plural = "Seiten"
        ordering = ["pfad"]

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

    class Meta:
        verbose_name = "Häufige Frage"
        verbose_name_plural = "Häufige Fragen (FAQ)"
        ordering = ["thema__reihenfolge", "reihenfolge", "frage"]

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

    class Meta:
        verbose_name = "Veranstaltung"
        verbose_name_plural = "Veranstaltungen"
        ordering = ["-beginn"]

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

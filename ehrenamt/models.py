"""Volunteering: the kinds of help, the working groups (Arbeits- und Freundeskreise Asyl) and
the donation points. What is here is public; volunteers' personal data lives elsewhere."""

from django.db import models
from django.urls import reverse

from kontakte.models import Kreis, Organisation, Person


class Angebotsart(models.Model):
    """A kind of help, e.g. „Deutschkurs“ or „Begleitung zu Ämtern“."""

    name = models.CharField("Name", max_length=100, unique=True)
    slug = models.SlugField("Kurzname in der Adresse", unique=True)
    beschreibung = models.CharField("Beschreibung", max_length=300, blank=True)
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Art der Hilfe"
        verbose_name_plural = "Arten der Hilfe"
        ordering = ["reihenfolge", "name"]

    def __str__(self):
        return self.name


class OeffentlichQuerySet(models.QuerySet):
    def oeffentlich(self):
        return self.filter(oeffentlich=True)


class Arbeitskreis(models.Model):
    """A working group of volunteers („Arbeitskreis Asyl“, „Freundeskreis“) in a place."""

    name = models.CharField("Name", max_length=200)
    slug = models.SlugField("Kurzname in der Adresse", max_length=200, unique=True)
    kreis = models.ForeignKey(
        Kreis, on_delete=models.PROTECT, related_name="arbeitskreise", verbose_name="Kreis"
    )
    gemeinde = models.CharField(
        "Gemeinde oder Stadtteil", max_length=200, help_text="Zum Beispiel „Ludwigsburg-Oßweil“."
    )
    traeger = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="arbeitskreise",
        verbose_name="Träger",
        help_text="Falls der Kreis zu einer Organisation gehört, etwa einer Kirchengemeinde.",
    )
    angebotsarten = models.ManyToManyField(
        Angebotsart, related_name="arbeitskreise", verbose_name="Schwerpunkte"
    )
    beschreibung = models.TextField("Beschreibung", max_length=2000, blank=True)
    treffen = models.CharField(
        "Treffen",
        max_length=200,
        blank=True,
        help_text="Wann, zum Beispiel „jeden zweiten Dienstag im Monat, 19 Uhr“.",
    )
    treffpunkt = models.CharField("Treffpunkt", max_length=200, blank=True)
    ansprechpersonen = models.ManyToManyField(
        Person, blank=True, related_name="arbeitskreise", verbose_name="Ansprechpersonen"
    )
    website = models.URLField("Website", blank=True)
    oeffentlich = models.BooleanField("Öffentlich", default=True)
    geaendert_am = models.DateTimeField("Zuletzt geändert", auto_now=True)

    objects = OeffentlichQuerySet.as_manager()

    class Meta:
        verbose_name = "Arbeitskreis"
        verbose_name_plural = "Arbeitskreise"
        ordering = ["kreis__name", "gemeinde", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("ehrenamt:arbeitskreis", args=[self.slug])


class Sachspendenstelle(models.Model):
    """A place that takes donations in kind, e.g. a „Laden für den schmalen Geldbeutel“."""

    name = models.CharField("Name", max_length=200)
    slug = models.SlugField("Kurzname in der Adresse", max_length=200, unique=True)
    kreis = models.ForeignKey(
        Kreis, on_delete=models.PROTECT, related_name="sachspendenstellen", verbose_name="Kreis"
    )
    strasse = models.CharField("Straße und Hausnummer", max_length=200)
    plz = models.CharField("Postleitzahl", max_length=5)
    ort = models.CharField("Ort", max_length=100)
    oeffnungszeiten = models.TextField("Öffnungszeiten", max_length=500)
    nimmt = models.TextField("Nimmt gern", max_length=1000)
    nimmt_nicht = models.TextField("Nimmt nicht", max_length=1000, blank=True)
    telefon = models.CharField("Telefon", max_length=40, blank=True)
    email = models.EmailField("E-Mail", blank=True)
    website = models.URLField("Website", blank=True)
    oeffentlich = models.BooleanField("Öffentlich", default=True)

    objects = OeffentlichQuerySet.as_manager()

    class Meta:
        verbose_name = "Sachspendenstelle"
        verbose_name_plural = "Sachspendenstellen"
        ordering = ["kreis__name", "ort", "name"]

    def __str__(self):
        return self.name

    @property
    def anschrift(self) -> str:
        return f"{self.strasse}, {self.plz} {self.ort}"

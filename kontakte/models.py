"""Districts, organisations and contact people: the base the other apps refer to."""

from django.db import models


class Kreis(models.Model):
    """One of the 44 Stadt- und Landkreise of Baden-Württemberg, shipped as data."""

    QUELLE = (
        "© Statistisches Bundesamt (Destatis), 2019, Gemeindeverzeichnis-Informationssystem "
        "GV-ISys, Stand 31.12.2018, Lizenz CC BY 4.0"
    )

    class Art(models.TextChoices):
        STADTKREIS = "Stadtkreis", "Stadtkreis"
        LANDKREIS = "Landkreis", "Landkreis"

    class Regierungsbezirk(models.TextChoices):
        STUTTGART = "Stuttgart", "Stuttgart"
        KARLSRUHE = "Karlsruhe", "Karlsruhe"
        FREIBURG = "Freiburg", "Freiburg"
        TUEBINGEN = "Tübingen", "Tübingen"

    schluessel = models.CharField("Kreisschlüssel", max_length=5, unique=True)
    art = models.CharField("Art", max_length=10, choices=Art.choices)
    name = models.CharField("Name", max_length=100)
    slug = models.SlugField("Kurzname in der Adresse", unique=True)
    regierungsbezirk = models.CharField(
        "Regierungsbezirk", max_length=10, choices=Regierungsbezirk.choices
    )
    nuts3 = models.CharField("NUTS-3-Code", max_length=5, unique=True)
    flaeche_km2 = models.DecimalField("Fläche in km²", max_digits=8, decimal_places=2)
    einwohner = models.PositiveIntegerField("Einwohner (31.12.2018)")

    class Meta:
        verbose_name = "Kreis"
        verbose_name_plural = "Kreise"
        ordering = ["name", "art"]

    def __str__(self):
        return f"{self.art} {self.name}"

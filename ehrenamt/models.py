"""Volunteering: the kinds of help, the working groups (Arbeits- und Freundeskreise Asyl), the
donation points, and the volunteers with their consents (personal data kept to what the
coordination needs)."""

from django.conf import settings
from django.core import signing
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from kontakte.models import PLZ, Kreis, Organisation, Person, anzeigename
from portal.markup import render_markdown


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


# --- Volunteers and their consents ----------------------------------------------------------


# The first version of the privacy notice, in force until the staff add another.
ERSTER_HINWEIS = """\
## Wer verantwortlich ist

Städtetag Baden-Württemberg, Königstraße 2, 70173 Stuttgart, zusammen mit der
Ehrenamtskoordination des Kreises, den Sie bei der Anmeldung wählen.

## Was wir speichern und wozu

Ihren Namen, Ihre E-Mail-Adresse, freiwillig Ihre Telefonnummer, Ihre Postleitzahl, den Kreis,
die Arten der Hilfe, Sprachen, Zeiten und Ihre Nachricht – damit die Ehrenamtskoordination
Ihres Kreises Sie erreichen und mit einem passenden Angebot zusammenbringen kann
(Art. 6 Abs. 1 lit. a DSGVO, Ihre Einwilligung).

Jede weitere Verwendung (Weitergabe an einen Arbeitskreis, Newsletter, Fotos) geschieht nur
mit Ihrer gesonderten Einwilligung.

## Wie lange

Bis Sie Ihre Einwilligung widerrufen oder zwei Jahre lang nicht aktiv waren; unbestätigte
Anmeldungen löschen wir nach 30 Tagen.

## Ihre Rechte

Sie können Auskunft über Ihre Daten verlangen, sie berichtigen oder löschen lassen, die
Verarbeitung einschränken und jede Einwilligung jederzeit für die Zukunft widerrufen. Sie
können sich bei der Landesbeauftragten für den Datenschutz und die Informationsfreiheit
Baden-Württemberg beschweren.
"""


class Datenschutzhinweis(models.Model):
    """A version of the privacy notice volunteers agree to; the newest in force applies."""

    version = models.CharField("Fassung", max_length=20, unique=True)
    text = models.TextField("Text", help_text="Markdown; Überschriften und Listen sind erlaubt.")
    gueltig_ab = models.DateTimeField("Gilt ab", default=timezone.now)

    class Meta:
        verbose_name = "Datenschutzhinweis"
        verbose_name_plural = "Datenschutzhinweise"
        ordering = ["-gueltig_ab"]

    def __str__(self):
        return f"Datenschutzhinweis, Fassung {self.version}"

    @classmethod
    def aktuell(cls) -> "Datenschutzhinweis":
        """The version in force; the shipped first version when the staff have added none."""
        return (
            cls.objects.filter(gueltig_ab__lte=timezone.now()).first()
            or cls.objects.get_or_create(version="1", defaults={"text": ERSTER_HINWEIS})[0]
        )

    @property
    def text_html(self) -> str:
        return render_markdown(self.text)


class Koordination(models.Model):
    """A volunteer coordinator (Ehrenamtskoordination of a city or district) and the Kreis
    they are responsible for; they see the volunteers of that Kreis only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="koordinationen",
        verbose_name="Benutzer",
    )
    kreis = models.ForeignKey(
        Kreis, on_delete=models.PROTECT, related_name="koordinationen", verbose_name="Kreis"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Ehrenamtskoordination"
        verbose_name_plural = "Ehrenamtskoordinationen"
        constraints = [
            models.UniqueConstraint(fields=["user", "kreis"], name="koordination_einmal")
        ]

    def __str__(self):
        return f"{anzeigename(self.user)}: {self.kreis}"


class Ehrenamtliche(models.Model):
    """A volunteer: as little personal data as the coordination needs."""

    class Stand(models.TextChoices):
        UNBESTAETIGT = "unbestaetigt", "E-Mail noch nicht bestätigt"
        AKTIV = "aktiv", "Aktiv"
        ANONYMISIERT = "anonymisiert", "Anonymisiert"

    class Verfuegbarkeit(models.TextChoices):
        VORMITTAGS = "vormittags", "Werktags vormittags"
        NACHMITTAGS = "nachmittags", "Werktags nachmittags"
        ABENDS = "abends", "Werktags abends"
        WOCHENENDE = "wochenende", "Am Wochenende"

    vorname = models.CharField("Vorname", max_length=100)
    nachname = models.CharField("Nachname", max_length=100)
    email = models.EmailField("E-Mail")
    telefon = models.CharField("Telefon", max_length=40, blank=True)
    plz = models.CharField(
        "Postleitzahl",
        max_length=5,
        validators=[PLZ],
    )
    kreis = models.ForeignKey(
        Kreis,
        on_delete=models.PROTECT,
        related_name="ehrenamtliche",
        verbose_name="Wo möchten Sie sich engagieren?",
    )
    angebotsarten = models.ManyToManyField(
        Angebotsart, related_name="ehrenamtliche", verbose_name="Wobei möchten Sie helfen?"
    )
    sprachen = models.CharField(
        "Sprachen, die Sie sprechen",
        max_length=200,
        blank=True,
        help_text="Zum Beispiel „Englisch, Arabisch“.",
    )
    verfuegbarkeit = models.JSONField("Wann haben Sie Zeit?", default=list, blank=True)
    freitext = models.TextField("Was möchten Sie uns noch sagen?", max_length=2000, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ehrenamt",
    )
    stand = models.CharField(
        "Stand", max_length=15, choices=Stand.choices, default=Stand.UNBESTAETIGT
    )
    angemeldet_am = models.DateTimeField("Angemeldet am", default=timezone.now)
    bestaetigt_am = models.DateTimeField("E-Mail bestätigt am", null=True, blank=True)

    class Meta:
        verbose_name = "Ehrenamtliche oder Ehrenamtlicher"
        verbose_name_plural = "Ehrenamtliche"
        ordering = ["nachname", "vorname"]

    def __str__(self):
        return f"{self.vorname} {self.nachname}"

    # The link in the confirmation mail: signed, so nothing guessable is stored.
    SALT = "ehrenamt.bestaetigen"
    BESTAETIGEN_TAGE = 30

    def bestaetigungs_token(self) -> str:
        return signing.dumps(self.pk, salt=self.SALT)

    @classmethod
    def bestaetigen(cls, token: str) -> "Ehrenamtliche | None":
        """Confirm the address behind a link; None for a wrong or expired one. The
        coordination of the Kreis hears of the volunteer only now (after the commit)."""
        from ehrenamt import tasks

        try:
            pk = signing.loads(token, salt=cls.SALT, max_age=cls.BESTAETIGEN_TAGE * 86400)
        except signing.BadSignature:
            return None
        with transaction.atomic():
            person = cls.objects.select_for_update().filter(pk=pk).first()
            if person is None or person.stand == cls.Stand.ANONYMISIERT:
                return None
            if person.stand == cls.Stand.UNBESTAETIGT:
                person.stand, person.bestaetigt_am = cls.Stand.AKTIV, timezone.now()
                person.save(update_fields=["stand", "bestaetigt_am"])
                transaction.on_commit(lambda: tasks.koordination_benachrichtigen.enqueue(pk))
        return person

    # The link in every mail to the volunteer: their consents, each withdrawn with one click.
    EINWILLIGUNGEN_SALT = "ehrenamt.einwilligungen"

    def einwilligungen_token(self) -> str:
        return signing.dumps(self.pk, salt=self.EINWILLIGUNGEN_SALT)

    @classmethod
    def aus_einwilligungen_token(cls, token: str) -> "Ehrenamtliche | None":
        try:
            pk = signing.loads(token, salt=cls.EINWILLIGUNGEN_SALT)
        except signing.BadSignature:
            return None
        return cls.objects.exclude(stand=cls.Stand.ANONYMISIERT).filter(pk=pk).first()

    def widerrufen(self, zweck: str) -> int:
        """Withdraw the consent for a purpose, at once; returns how many were withdrawn."""
        return self.einwilligungen.filter(zweck=zweck, widerrufen_am__isnull=True).update(
            widerrufen_am=timezone.now()
        )

    @property
    def verfuegbarkeit_namen(self) -> list[str]:
        namen = dict(self.Verfuegbarkeit.choices)
        return [namen[v] for v in self.verfuegbarkeit if v in namen]


class Einwilligung(models.Model):
    """A consent for one purpose, given to one version of the privacy notice; withdrawn by
    setting `widerrufen_am`, never deleted (it is the proof)."""

    class Zweck(models.TextChoices):
        KONTAKT = "kontakt", "Kontakt durch die Ehrenamtskoordination meines Kreises"
        ARBEITSKREIS = "arbeitskreis", "Weitergabe meiner Kontaktdaten an einen Arbeitskreis"
        NEWSLETTER = "newsletter", "Newsletter per E-Mail"
        FOTOS = "fotos", "Fotos von Veranstaltungen, auf denen ich zu sehen bin"

    class Weg(models.TextChoices):
        FORMULAR = "formular", "Anmeldeformular im Portal"
        KONTO = "konto", "Im Benutzerkonto"
        PAPIER = "papier", "Auf Papier, erfasst von der Koordination"

    ehrenamtliche = models.ForeignKey(
        Ehrenamtliche, on_delete=models.CASCADE, related_name="einwilligungen"
    )
    zweck = models.CharField("Zweck", max_length=15, choices=Zweck.choices)
    hinweis = models.ForeignKey(
        Datenschutzhinweis,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Datenschutzhinweis",
    )
    erteilt_am = models.DateTimeField("Erteilt am", default=timezone.now)
    weg = models.CharField("Wie", max_length=10, choices=Weg.choices, default=Weg.FORMULAR)
    widerrufen_am = models.DateTimeField("Widerrufen am", null=True, blank=True)

    class Meta:
        verbose_name = "Einwilligung"
        verbose_name_plural = "Einwilligungen"
        ordering = ["erteilt_am"]

    def __str__(self):
        return self.get_zweck_display()

"""Volunteering: the kinds of help, the working groups (Arbeits- und Freundeskreise Asyl), the
donation points, and the volunteers with their consents (personal data kept to what the
coordination needs)."""

import datetime
import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from kontakte.models import PLZ, Kreis, Organisation, Person, anzeigename
from portal.formats import zeitpunkt
from portal.markup import render_markdown
from portal.models import Export, MitText
from portal.uploads import format_size


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


class KoordinationQuerySet(models.QuerySet):
    def kreise_von(self, user):
        """The Kreise a user coordinates."""
        return Kreis.objects.filter(koordinationen__user=user)

    def adressen(self, kreis: Kreis) -> list[str]:
        """The e-mail addresses of a Kreis's coordination."""
        return list(
            self.filter(kreis=kreis).exclude(user__email="").values_list("user__email", flat=True)
        )


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

    objects = KoordinationQuerySet.as_manager()

    class Meta:
        verbose_name = "Ehrenamtskoordination"
        verbose_name_plural = "Ehrenamtskoordinationen"
        constraints = [
            models.UniqueConstraint(fields=["user", "kreis"], name="koordination_einmal")
        ]

    def __str__(self):
        return f"{anzeigename(self.user)}: {self.kreis}"


class EhrenamtlicheQuerySet(models.QuerySet):
    def erreichbar(self):
        """Confirmed and not anonymised: the volunteers a coordination works with."""
        return self.filter(stand__in=[Ehrenamtliche.Stand.AKTIV, Ehrenamtliche.Stand.PAUSIERT])

    def fuer_koordination(self, user):
        """The volunteers of the Kreise the user coordinates who agreed to be contacted;
        nobody else's."""
        return (
            self.erreichbar()
            .mit_einwilligung(Einwilligung.Zweck.KONTAKT)
            .filter(kreis__koordinationen__user=user)
        )

    def mit_einwilligung(self, zweck: str):
        return self.filter(
            Exists(Einwilligung.objects.gueltig().filter(ehrenamtliche=OuterRef("pk"), zweck=zweck))
        )


class Ehrenamtliche(models.Model):
    """A volunteer: as little personal data as the coordination needs."""

    class Stand(models.TextChoices):
        UNBESTAETIGT = "unbestaetigt", "E-Mail noch nicht bestätigt"
        AKTIV = "aktiv", "Aktiv"
        PAUSIERT = "pausiert", "Pausiert"
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
    letzte_aktivitaet = models.DateTimeField(
        "Zuletzt aktiv",
        default=timezone.now,
        help_text="Anmeldung, Änderung, Interesse an einem Gesuch, Schulung; zählt für die "
        "Aufbewahrungsfrist.",
    )
    aufbewahrung_informiert_am = models.DateTimeField(
        "Über die anstehende Löschung informiert am", null=True, blank=True
    )
    anonymisiert_am = models.DateTimeField("Anonymisiert am", null=True, blank=True)
    fuehrungszeugnis_eingesehen_am = models.DateField(
        "Erweitertes Führungszeugnis eingesehen am",
        null=True,
        blank=True,
        help_text="Nur das Datum wird gespeichert, nie das Zeugnis selbst (§ 72a SGB VIII).",
    )
    arbeitskreise = models.ManyToManyField(
        Arbeitskreis,
        through="Zuordnung",
        related_name="ehrenamtliche",
        blank=True,
        verbose_name="Arbeitskreise",
    )
    # The key of the sign-up form it came from: the same form sent again is stored once
    # (portal.forms.EinmalSendenMixin).
    einsendung = models.UUIDField(null=True, unique=True, editable=False)

    objects = EhrenamtlicheQuerySet.as_manager()

    class Meta:
        verbose_name = "Ehrenamtliche oder Ehrenamtlicher"
        verbose_name_plural = "Ehrenamtliche"
        ordering = ["nachname", "vorname"]

    def __str__(self):
        return f"{self.vorname} {self.nachname}"

    # A volunteer without an account is known in the browser session that confirmed their
    # address or opened a sign-in link from their mail (`anmelden_in`).
    SITZUNG = "ehrenamt_person"

    @classmethod
    def aus_anfrage(cls, request) -> "Ehrenamtliche | None":
        """The volunteer behind a request: the profile of the signed-in account (linked on
        first sight when the account's verified address is the volunteer's), otherwise the
        one this browser session was signed in as; None for anyone else."""
        from allauth.account.models import EmailAddress

        user = request.user
        if user.is_authenticated:
            person = cls.objects.erreichbar().filter(user=user).first()
            if person is None:
                adressen = EmailAddress.objects.filter(user=user, verified=True).values("email")
                person = (
                    cls.objects.erreichbar()
                    .filter(user__isnull=True, email__in=adressen)
                    .order_by("-bestaetigt_am")
                    .first()
                )
                if person is not None:
                    person.user = user
                    person.save(update_fields=["user"])
            if person is not None:
                return person
        pk = request.session.get(cls.SITZUNG)
        return cls.objects.erreichbar().filter(pk=pk).first() if pk else None

    def anmelden_in(self, request) -> None:
        """Remember the volunteer in this browser session (after they proved the address)."""
        request.session.cycle_key()
        request.session[self.SITZUNG] = self.pk

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

    # The sign-in link a volunteer without an account asks for: valid for a week.
    ZUGANG_SALT = "ehrenamt.zugang"
    ZUGANG_TAGE = 7

    def zugangs_token(self) -> str:
        return signing.dumps(self.pk, salt=self.ZUGANG_SALT)

    @classmethod
    def aus_zugangs_token(cls, token: str) -> "Ehrenamtliche | None":
        try:
            pk = signing.loads(token, salt=cls.ZUGANG_SALT, max_age=cls.ZUGANG_TAGE * 86400)
        except signing.BadSignature:
            return None
        return cls.objects.erreichbar().filter(pk=pk).first()

    def widerrufen(self, zweck: str) -> int:
        """Withdraw the consent for a purpose, at once; returns how many were withdrawn.
        Without the consent to pass on their details the volunteer leaves every working
        group's list in the same transaction."""
        with transaction.atomic():
            anzahl = (
                self.einwilligungen.gueltig()
                .filter(zweck=zweck)
                .update(widerrufen_am=timezone.now())
            )
            if zweck == Einwilligung.Zweck.ARBEITSKREIS:
                self.zuordnungen.all().delete()
        return anzahl

    def hat_eingewilligt(self, zweck: str) -> bool:
        return self.einwilligungen.gueltig().filter(zweck=zweck).exists()

    def einwilligen(self, zweck: str, weg: str) -> "Einwilligung":
        """Give a consent (again) to the notice in force."""
        return Einwilligung.objects.create(
            ehrenamtliche=self, zweck=zweck, hinweis=Datenschutzhinweis.aktuell(), weg=weg
        )

    @property
    def hinweis_veraltet(self) -> bool:
        """Whether a consent in force was given to an older privacy notice."""
        return self.einwilligungen.gueltig().exclude(hinweis=Datenschutzhinweis.aktuell()).exists()

    def hinweis_bestaetigen(self, weg: str) -> int:
        """Confirm the notice in force: every consent still in force is given anew to it, the
        old record stays as the proof of what was agreed before."""
        hinweis = Datenschutzhinweis.aktuell()
        jetzt = timezone.now()
        with transaction.atomic():
            alte = list(self.einwilligungen.gueltig().exclude(hinweis=hinweis))
            for alte_einwilligung in alte:
                alte_einwilligung.abgeloest_am = jetzt
                alte_einwilligung.save(update_fields=["abgeloest_am"])
                Einwilligung.objects.create(
                    ehrenamtliche=self, zweck=alte_einwilligung.zweck, hinweis=hinweis, weg=weg
                )
            self.aktiv_gewesen()
        return len(alte)

    def aktiv_gewesen(self) -> None:
        """Something the volunteer did: the retention period starts again."""
        self.letzte_aktivitaet = timezone.now()
        self.aufbewahrung_informiert_am = None
        Ehrenamtliche.objects.filter(pk=self.pk).update(
            letzte_aktivitaet=self.letzte_aktivitaet, aufbewahrung_informiert_am=None
        )

    def zuordnen(self, arbeitskreis: "Arbeitskreis", by) -> "Zuordnung":
        """Assign to a working group of the volunteer's Kreis, only with the consent to pass
        on their details to it."""
        self.zuordnen_pruefen(arbeitskreis)
        return Zuordnung.objects.get_or_create(
            ehrenamtliche=self, arbeitskreis=arbeitskreis, defaults={"zugeordnet_von": by}
        )[0]

    def zuordnen_pruefen(self, arbeitskreis: "Arbeitskreis") -> None:
        if arbeitskreis.kreis_id != self.kreis_id:
            raise ValidationError(
                "Der Arbeitskreis gehört zu einem anderen Kreis.", code="anderer_kreis"
            )
        if not self.hat_eingewilligt(Einwilligung.Zweck.ARBEITSKREIS):
            raise ValidationError(
                f"{self} hat der Weitergabe an einen Arbeitskreis nicht zugestimmt.",
                code="keine_einwilligung",
            )

    def anonymisieren(self) -> None:
        """Art. 17 DSGVO: erase everything that identifies the person, in place, so that
        counts per Kreis and kind of help survive. Future needs and trainings lose them
        (a freed place goes to the waiting list), notes and working-group assignments go,
        the account is deleted unless it has another role in the portal."""
        from django.contrib.admin.models import LogEntry

        if self.stand == self.Stand.ANONYMISIERT:
            return
        with transaction.atomic():
            for teilnahme in self.teilnahmen.kommend().exclude(stand=Teilnahme.Stand.ABGEMELDET):
                teilnahme.abmelden()
            self.interessen.filter(gesuch__in=Gesuch.objects.laufend()).exclude(
                stand=Interesse.Stand.ABGELEHNT
            ).update(stand=Interesse.Stand.ZURUECKGEZOGEN)
            self.interessen.update(nachricht="")
            self.notizen.all().delete()
            self.zuordnungen.all().delete()
            self.einwilligungen.gueltig().update(widerrufen_am=timezone.now())
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(self), object_id=str(self.pk)
            ).update(object_repr="(anonymisiert)", change_message="")
            user = self.user
            self.vorname, self.nachname = "Anonymisiert", ""
            self.email = f"anonymisiert-{self.pk}@invalid"
            self.telefon = self.sprachen = self.freitext = self.plz = ""
            self.verfuegbarkeit = []
            self.user = None
            self.fuehrungszeugnis_eingesehen_am = None
            self.stand, self.anonymisiert_am = self.Stand.ANONYMISIERT, timezone.now()
            self.save()
            if user is not None and not user.is_staff and not user.mitgliedschaften.exists():
                user.delete()

    def export_zeile(self) -> list:
        """The row of the coordination's CSV export (views.EXPORT_SPALTEN)."""
        return [
            self.vorname,
            self.nachname,
            self.email,
            self.telefon,
            self.plz,
            self.kreis.name,
            ", ".join(a.name for a in self.angebotsarten.all()),
            self.sprachen,
            ", ".join(self.verfuegbarkeit_namen),
            ", ".join(a.name for a in self.arbeitskreise.all()),
            self.get_stand_display(),
            self.bestaetigt_am,
        ]

    @property
    def verfuegbarkeit_namen(self) -> list[str]:
        namen = dict(self.Verfuegbarkeit.choices)
        return [namen[v] for v in self.verfuegbarkeit if v in namen]


class EinwilligungQuerySet(models.QuerySet):
    def gueltig(self):
        return self.filter(widerrufen_am__isnull=True, abgeloest_am__isnull=True)


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
    abgeloest_am = models.DateTimeField(
        "Abgelöst am",
        null=True,
        blank=True,
        help_text="Erneut erteilt zu einer neueren Fassung des Datenschutzhinweises.",
    )

    objects = EinwilligungQuerySet.as_manager()

    class Meta:
        verbose_name = "Einwilligung"
        verbose_name_plural = "Einwilligungen"
        ordering = ["erteilt_am"]

    def __str__(self):
        return self.get_zweck_display()


# --- What the coordination does with the volunteers ------------------------------------------


class Zuordnung(models.Model):
    """A volunteer on a working group's list; exists only while the consent to pass on their
    details to a working group is in force."""

    ehrenamtliche = models.ForeignKey(
        Ehrenamtliche, on_delete=models.CASCADE, related_name="zuordnungen"
    )
    arbeitskreis = models.ForeignKey(
        Arbeitskreis, on_delete=models.CASCADE, related_name="zuordnungen"
    )
    zugeordnet_am = models.DateTimeField("Zugeordnet am", default=timezone.now)
    zugeordnet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "Zuordnung zu einem Arbeitskreis"
        verbose_name_plural = "Zuordnungen zu Arbeitskreisen"
        constraints = [
            models.UniqueConstraint(
                fields=["ehrenamtliche", "arbeitskreis"], name="zuordnung_einmal"
            )
        ]

    def __str__(self):
        return f"{self.ehrenamtliche} – {self.arbeitskreis}"


class Notiz(models.Model):
    """A coordinator's note on a volunteer; the volunteer sees it in their data (Art. 15)."""

    ehrenamtliche = models.ForeignKey(
        Ehrenamtliche, on_delete=models.CASCADE, related_name="notizen"
    )
    text = models.TextField("Notiz", max_length=2000)
    verfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    verfasst_am = models.DateTimeField("Verfasst am", default=timezone.now)

    class Meta:
        verbose_name = "Notiz"
        verbose_name_plural = "Notizen"
        ordering = ["-verfasst_am"]

    def __str__(self):
        return f"Notiz vom {timezone.localtime(self.verfasst_am):%d.%m.%Y}"


class Listenexport(models.Model):
    """The log of a coordinator's CSV export: who, when, which filter, and whose data it held.
    The file itself is not kept, so there is nothing to erase in it later."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kreise = models.ManyToManyField(Kreis, related_name="+", verbose_name="Kreise")
    erstellt_am = models.DateTimeField("Erstellt am", default=timezone.now)
    filter = models.CharField("Filter", max_length=500, blank=True)
    personen = models.ManyToManyField(Ehrenamtliche, related_name="exporte")

    class Meta:
        verbose_name = "Export einer Liste"
        verbose_name_plural = "Exporte von Listen"
        ordering = ["-erstellt_am"]

    def __str__(self):
        return f"Export vom {timezone.localtime(self.erstellt_am):%d.%m.%Y %H:%M}"

    @classmethod
    def protokollieren(cls, user, filter: str, personen: list[Ehrenamtliche]) -> "Listenexport":
        with transaction.atomic():
            export = cls.objects.create(user=user, filter=filter[:500])
            export.kreise.set(Koordination.objects.kreise_von(user))
            export.personen.set(personen)
        return export


# --- Needs (Gesuche) ------------------------------------------------------------------------


class GesuchQuerySet(models.QuerySet):
    def laufend(self):
        """Not closed and not past its date."""
        return self.filter(abgeschlossen=False).filter(
            Q(bis__isnull=True) | Q(bis__gte=timezone.localdate())
        )

    def offen(self):
        """Published, running, with places left: what `/ehrenamt/gesuche/` lists."""
        return (
            self.laufend()
            .filter(veroeffentlicht=True)
            .mit_plaetzen()
            .filter(angenommen__lt=models.F("anzahl"))
        )

    def mit_plaetzen(self):
        return self.annotate(
            angenommen=Count("interessen", filter=Q(interessen__stand="angenommen"))
        )

    def fuer_koordination(self, user):
        return self.filter(kreis__koordinationen__user=user)


class Gesuch(models.Model):
    """A need the coordination posts: „Patin/Pate für eine Familie in Oßweil“. It never names
    the refugees or says anything that identifies them."""

    titel = models.CharField("Titel", max_length=200)
    beschreibung = models.TextField(
        "Beschreibung",
        max_length=2000,
        help_text="Ohne Namen, Adressen oder andere Angaben, die Geflüchtete erkennbar machen.",
    )
    angebotsart = models.ForeignKey(
        Angebotsart, on_delete=models.PROTECT, related_name="gesuche", verbose_name="Art der Hilfe"
    )
    kreis = models.ForeignKey(
        Kreis, on_delete=models.PROTECT, related_name="gesuche", verbose_name="Kreis"
    )
    ort = models.CharField("Ort", max_length=200, help_text="Zum Beispiel „Ludwigsburg-Oßweil“.")
    zeit = models.CharField(
        "Wann",
        max_length=200,
        help_text="Zum Beispiel „am 12.03., 9 Uhr“ oder „wöchentlich, nachmittags“.",
    )
    bis = models.DateField(
        "Gesucht bis",
        null=True,
        blank=True,
        help_text="Danach wird das Gesuch nicht mehr angezeigt.",
    )
    anzahl = models.PositiveSmallIntegerField(
        "Wie viele Personen",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    veroeffentlicht = models.BooleanField("Veröffentlicht", default=True)
    abgeschlossen = models.BooleanField("Abgeschlossen", default=False)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    erstellt_am = models.DateTimeField("Erstellt am", auto_now_add=True)

    objects = GesuchQuerySet.as_manager()

    class Meta:
        verbose_name = "Gesuch"
        verbose_name_plural = "Gesuche"
        ordering = ["-erstellt_am"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("ehrenamt:gesuch", args=[self.pk])

    def plaetze_frei(self) -> int:
        angenommen = self.interessen.filter(stand=Interesse.Stand.ANGENOMMEN).count()
        return max(self.anzahl - angenommen, 0)

    def interesse_bekunden(self, person: Ehrenamtliche, nachricht: str = "") -> "Interesse":
        """A volunteer offers to help; asking twice changes nothing."""
        if person.stand not in (Ehrenamtliche.Stand.AKTIV, Ehrenamtliche.Stand.PAUSIERT):
            raise ValidationError("Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse.")
        interesse, neu = Interesse.objects.get_or_create(
            gesuch=self, ehrenamtliche=person, defaults={"nachricht": nachricht}
        )
        if not neu and interesse.stand == Interesse.Stand.ZURUECKGEZOGEN:
            interesse.stand, interesse.nachricht = Interesse.Stand.OFFEN, nachricht
            interesse.save(update_fields=["stand", "nachricht"])
        person.aktiv_gewesen()
        return interesse


class Interesse(models.Model):
    """A volunteer's offer to help with a need, and the coordination's answer."""

    class Stand(models.TextChoices):
        OFFEN = "offen", "Wartet auf Antwort"
        ANGENOMMEN = "angenommen", "Angenommen"
        ABGELEHNT = "abgelehnt", "Abgelehnt"
        ZURUECKGEZOGEN = "zurueckgezogen", "Zurückgezogen"

    gesuch = models.ForeignKey(Gesuch, on_delete=models.CASCADE, related_name="interessen")
    ehrenamtliche = models.ForeignKey(
        Ehrenamtliche, on_delete=models.CASCADE, related_name="interessen"
    )
    nachricht = models.TextField("Nachricht an die Koordination", max_length=1000, blank=True)
    stand = models.CharField("Stand", max_length=15, choices=Stand.choices, default=Stand.OFFEN)
    erstellt_am = models.DateTimeField("Gemeldet am", default=timezone.now)
    entschieden_am = models.DateTimeField("Entschieden am", null=True, blank=True)
    entschieden_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "Interesse an einem Gesuch"
        verbose_name_plural = "Interessen an Gesuchen"
        ordering = ["erstellt_am"]
        constraints = [
            models.UniqueConstraint(fields=["gesuch", "ehrenamtliche"], name="interesse_einmal")
        ]

    def __str__(self):
        return f"{self.ehrenamtliche} – {self.gesuch}"

    def annehmen(self, by) -> None:
        """Accept under a lock on the need, so two coordinators accepting the last place at
        the same moment end with one accepted and a clear message for the other."""
        with transaction.atomic():
            gesuch = Gesuch.objects.select_for_update().get(pk=self.gesuch_id)
            aktuell = Interesse.objects.select_for_update().get(pk=self.pk)
            if aktuell.stand == self.Stand.ANGENOMMEN:
                return
            if aktuell.stand == self.Stand.ZURUECKGEZOGEN:
                raise ValidationError("Die Person hat ihr Interesse zurückgezogen.")
            if gesuch.plaetze_frei() == 0:
                raise ValidationError(
                    "Alle Plätze dieses Gesuchs sind schon vergeben.", code="ausgebucht"
                )
            self._entscheiden(self.Stand.ANGENOMMEN, by)

    def ablehnen(self, by) -> None:
        with transaction.atomic():
            Interesse.objects.select_for_update().get(pk=self.pk)
            self._entscheiden(self.Stand.ABGELEHNT, by)

    def zurueckziehen(self) -> bool:
        """The volunteer withdraws; an accepted place becomes free again and the coordination
        hears of it. False when there was nothing to withdraw (declined, withdrawn already)."""
        from ehrenamt import tasks

        with transaction.atomic():
            aktuell = Interesse.objects.select_for_update().get(pk=self.pk)
            if aktuell.stand not in (self.Stand.OFFEN, self.Stand.ANGENOMMEN):
                return False
            if aktuell.stand == self.Stand.ANGENOMMEN:
                transaction.on_commit(lambda: tasks.interesse_gemeldet.enqueue(self.pk))
            self.stand = self.Stand.ZURUECKGEZOGEN
            self.save(update_fields=["stand"])
            self.ehrenamtliche.aktiv_gewesen()
        return True

    def _entscheiden(self, stand: str, by) -> None:
        from ehrenamt import tasks

        self.stand, self.entschieden_am, self.entschieden_von = stand, timezone.now(), by
        self.save(update_fields=["stand", "entschieden_am", "entschieden_von"])
        transaction.on_commit(lambda: tasks.interesse_beantwortet.enqueue(self.pk))


# --- Trainings (Qualifizierung) --------------------------------------------------------------


class SchulungQuerySet(models.QuerySet):
    def veroeffentlicht(self):
        return self.filter(veroeffentlicht=True)

    def kommend(self):
        """Trainings whose last date has not ended yet."""
        return self.filter(termine__ende__gte=timezone.now()).distinct()

    def fuer_koordination(self, user):
        return self.filter(kreis__koordinationen__user=user)

    def mit_beginn(self):
        """Annotates `erster_beginn`, when the first date begins."""
        return self.annotate(erster_beginn=Schulungstermin.erster_beginn("pk"))

    def mit_belegung(self):
        """Annotates `belegt` (places taken), `wartend` (waiting list) and `erster_beginn`;
        the counts are distinct, as `kommend()` joins the dates."""
        stand = Teilnahme.Stand
        return self.mit_beginn().annotate(
            belegt=Count("teilnahmen", filter=Q(teilnahmen__stand=stand.ANGEMELDET), distinct=True),
            wartend=Count(
                "teilnahmen", filter=Q(teilnahmen__stand=stand.WARTELISTE), distinct=True
            ),
        )

    def fuer_kreis(self, kreis):
        """The trainings of a Kreis and the statewide ones (open to every Kreis)."""
        return self.filter(Q(kreis=kreis) | Q(kreis__isnull=True))


class Schulung(models.Model):
    """A training for volunteers (pillar 2 „Qualifizierung“), with one or more dates."""

    titel = models.CharField("Titel", max_length=200)
    slug = models.SlugField("Kurzname in der Adresse", max_length=200, unique=True)
    beschreibung = models.TextField("Beschreibung", max_length=5000)
    veranstalter = models.CharField(
        "Veranstalter",
        max_length=200,
        help_text="Zum Beispiel „Landeszentrale für politische Bildung Baden-Württemberg“.",
    )
    kreis = models.ForeignKey(
        Kreis,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schulungen",
        verbose_name="Kreis",
        help_text="Leer lassen für Schulungen, die landesweit offen sind.",
    )
    ort = models.CharField("Ort", max_length=300, blank=True)
    online = models.BooleanField("Online", default=False)
    kapazitaet = models.PositiveSmallIntegerField(
        "Plätze", validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    anmeldeschluss = models.DateTimeField("Anmeldeschluss", null=True, blank=True)
    veroeffentlicht = models.BooleanField("Veröffentlicht", default=True)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = SchulungQuerySet.as_manager()

    class Meta:
        verbose_name = "Schulung"
        verbose_name_plural = "Schulungen"
        ordering = ["titel"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("ehrenamt:schulung", args=[self.slug])

    @classmethod
    def freier_slug(cls, titel: str) -> str:
        """A slug from the title that no other training has: „…-2“, „…-3“ when taken."""
        basis = slugify(titel)[:190].strip("-") or "schulung"
        slug, nummer = basis, 1
        while cls.objects.filter(slug=slug).exists():
            nummer += 1
            slug = f"{basis}-{nummer}"
        return slug

    @property
    def beginn(self) -> datetime.datetime | None:
        """When the first date begins (the annotation of `mit_belegung()` when there is one,
        otherwise from the dates, prefetched or not)."""
        if hasattr(self, "erster_beginn"):
            return self.erster_beginn
        termine = list(self.termine.all())
        return termine[0].beginn if termine else None

    @property
    def hat_begonnen(self) -> bool:
        return self.beginn is not None and self.beginn <= timezone.now()

    def anmeldung_geschlossen(self) -> str:
        """Why nobody can register any more, in German; empty while registration is open."""
        if self.hat_begonnen:
            return "Die Schulung hat bereits begonnen; eine Anmeldung ist nicht mehr möglich."
        if self.anmeldeschluss and self.anmeldeschluss <= timezone.now():
            return (
                f"Der Anmeldeschluss war am {zeitpunkt(self.anmeldeschluss)}; eine Anmeldung "
                "ist nicht mehr möglich."
            )
        if self.beginn is None:
            return "Für diese Schulung steht noch kein Termin fest."
        return ""

    @property
    def plaetze_frei(self) -> int:
        belegt = getattr(self, "belegt", None)
        if belegt is None:
            belegt = self.teilnahmen.filter(stand=Teilnahme.Stand.ANGEMELDET).count()
        return max(self.kapazitaet - belegt, 0)

    @property
    def plaetze_text(self) -> str:
        frei = self.plaetze_frei
        if frei == 0:
            return "Ausgebucht – Warteliste"
        return "Noch 1 Platz frei" if frei == 1 else f"Noch {frei} Plätze frei"

    def teilnahme_erfassen(self, anwesende) -> None:
        """Record who of those with a place attended; everyone else did not."""
        angemeldet = self.teilnahmen.filter(stand=Teilnahme.Stand.ANGEMELDET)
        pks = [teilnahme.pk for teilnahme in anwesende]
        with transaction.atomic():
            angemeldet.filter(pk__in=pks).update(teilgenommen=True)
            angemeldet.exclude(pk__in=pks).update(teilgenommen=False)

    def teilnahme_von(self, person: Ehrenamtliche | None) -> "Teilnahme | None":
        """The person's registration or place on the waiting list (not a cancelled one)."""
        if person is None:
            return None
        return (
            self.teilnahmen.filter(ehrenamtliche=person)
            .exclude(stand=Teilnahme.Stand.ABGEMELDET)
            .first()
        )

    def anmelden(self, person: Ehrenamtliche) -> "Teilnahme":
        """Register under a lock on the training: a place while there is one, otherwise the
        waiting list. Registering twice changes nothing; after cancelling it starts anew."""
        with transaction.atomic():
            schulung = Schulung.objects.select_for_update().get(pk=self.pk)
            teilnahme = Teilnahme.objects.filter(schulung=schulung, ehrenamtliche=person).first()
            if teilnahme and teilnahme.stand != Teilnahme.Stand.ABGEMELDET:
                return teilnahme
            belegt = schulung.teilnahmen.filter(stand=Teilnahme.Stand.ANGEMELDET).count()
            stand = (
                Teilnahme.Stand.ANGEMELDET
                if belegt < schulung.kapazitaet
                else Teilnahme.Stand.WARTELISTE
            )
            if teilnahme is None:
                teilnahme = Teilnahme(schulung=schulung, ehrenamtliche=person)
            teilnahme.stand, teilnahme.angemeldet_am = stand, timezone.now()
            teilnahme.save()
            person.aktiv_gewesen()
        return teilnahme

    def nachruecken(self) -> list["Teilnahme"]:
        """Fill free places from the waiting list, first come first served (caller holds the
        lock on the training)."""
        from ehrenamt import tasks

        belegt = self.teilnahmen.filter(stand=Teilnahme.Stand.ANGEMELDET).count()
        frei = max(self.kapazitaet - belegt, 0)
        nachgerueckt = list(
            self.teilnahmen.filter(stand=Teilnahme.Stand.WARTELISTE).order_by("angemeldet_am")[
                :frei
            ]
        )
        for teilnahme in nachgerueckt:
            teilnahme.stand, teilnahme.nachgerueckt_am = Teilnahme.Stand.ANGEMELDET, timezone.now()
            teilnahme.save(update_fields=["stand", "nachgerueckt_am"])
            transaction.on_commit(
                lambda pk=teilnahme.pk: tasks.nachgerueckt_benachrichtigen.enqueue(pk)
            )
        return nachgerueckt


class Schulungstermin(models.Model):
    schulung = models.ForeignKey(Schulung, on_delete=models.CASCADE, related_name="termine")
    beginn = models.DateTimeField("Beginn")
    ende = models.DateTimeField("Ende")

    class Meta:
        verbose_name = "Termin"
        verbose_name_plural = "Termine"
        ordering = ["beginn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ende__gt=models.F("beginn")), name="termin_ende_nach_beginn"
            )
        ]

    def __str__(self):
        return f"{timezone.localtime(self.beginn):%d.%m.%Y %H:%M}"

    @staticmethod
    def erster_beginn(schulung: str) -> Subquery:
        """When the first date of the training in the outer query's field `schulung` begins."""
        erster = Schulungstermin.objects.filter(schulung=OuterRef(schulung)).order_by("beginn")
        return Subquery(erster.values("beginn")[:1])

    @property
    def zeitraum(self) -> str:
        """„Di., 15.12.2026, 18:00–21:00 Uhr“; over days „Sa., 14.03.2026, 10:00 Uhr –
        So., 15.03.2026, 16:00 Uhr“."""
        beginn, ende = timezone.localtime(self.beginn), timezone.localtime(self.ende)
        start = date_format(beginn, "D., d.m.Y, H:i")
        if ende.date() == beginn.date():
            return f"{start}–{ende:%H:%M} Uhr"
        return f"{start} Uhr – {date_format(ende, 'D., d.m.Y, H:i')} Uhr"


class TeilnahmeQuerySet(models.QuerySet):
    def kommend(self):
        return self.filter(schulung__termine__ende__gte=timezone.now()).distinct()

    def uebersicht(self):
        """A volunteer's registrations not cancelled, newest training first, with the
        training and its first date (`erster_beginn`)."""
        return (
            self.exclude(stand=Teilnahme.Stand.ABGEMELDET)
            .select_related("schulung")
            .annotate(erster_beginn=Schulungstermin.erster_beginn("schulung"))
            .order_by(models.F("erster_beginn").desc(nulls_last=True), "pk")
        )


class Teilnahme(models.Model):
    """A registration for a training: a place, the waiting list, or cancelled; after the
    training the coordination records who attended."""

    class Stand(models.TextChoices):
        ANGEMELDET = "angemeldet", "Angemeldet"
        WARTELISTE = "warteliste", "Auf der Warteliste"
        ABGEMELDET = "abgemeldet", "Abgemeldet"

    schulung = models.ForeignKey(Schulung, on_delete=models.CASCADE, related_name="teilnahmen")
    ehrenamtliche = models.ForeignKey(
        Ehrenamtliche, on_delete=models.CASCADE, related_name="teilnahmen"
    )
    stand = models.CharField("Stand", max_length=15, choices=Stand.choices)
    angemeldet_am = models.DateTimeField("Angemeldet am", default=timezone.now)
    nachgerueckt_am = models.DateTimeField("Nachgerückt am", null=True, blank=True)
    erinnert_am = models.DateTimeField("Erinnert am", null=True, blank=True)
    teilgenommen = models.BooleanField("Teilgenommen", default=False)

    objects = TeilnahmeQuerySet.as_manager()

    class Meta:
        verbose_name = "Teilnahme"
        verbose_name_plural = "Teilnahmen"
        ordering = ["angemeldet_am"]
        constraints = [
            models.UniqueConstraint(
                fields=["schulung", "ehrenamtliche"], name="schulung_teilnahme_einmal"
            )
        ]

    def __str__(self):
        return f"{self.ehrenamtliche} – {self.schulung}"

    @property
    def kann_abmelden(self) -> bool:
        """Still registered or waiting, and the training has not begun."""
        beginn = getattr(self, "erster_beginn", None) or self.schulung.beginn
        return self.stand != self.Stand.ABGEMELDET and (beginn is None or beginn > timezone.now())

    def wartelistenplatz(self) -> int | None:
        """1 for the first on the waiting list; None when not on it."""
        if self.stand != self.Stand.WARTELISTE:
            return None
        vorher = Teilnahme.objects.filter(
            schulung_id=self.schulung_id, stand=self.Stand.WARTELISTE
        ).filter(
            Q(angemeldet_am__lt=self.angemeldet_am)
            | Q(angemeldet_am=self.angemeldet_am, pk__lt=self.pk)
        )
        return vorher.count() + 1

    def abmelden(self) -> None:
        """Cancel; a place that frees goes to the first on the waiting list at once."""
        with transaction.atomic():
            schulung = Schulung.objects.select_for_update().get(pk=self.schulung_id)
            war_angemeldet = self.stand == self.Stand.ANGEMELDET
            self.stand = self.Stand.ABGEMELDET
            self.save(update_fields=["stand"])
            if war_angemeldet:
                schulung.nachruecken()


# --- Newsletter -----------------------------------------------------------------------------


class NewsletterQuerySet(models.QuerySet):
    def mit_versand(self):
        """Annotates `anzahl_gesendet`, the number of volunteers the newsletter went to."""
        return self.annotate(
            anzahl_gesendet=Count("versand", filter=Q(versand__gesendet_am__isnull=False))
        )


class Newsletter(MitText):
    """The volunteering programme's newsletter: news items and events the Redaktion picks and
    orders, after an editorial. On release its PDF is made in the background
    (portal.models.Export); once the PDF is stored, the newsletter is mailed to everyone who
    agreed to receive it, each mail with the person's own link to withdraw that consent. A
    released newsletter stays as it was sent."""

    class Stand(models.TextChoices):
        ENTWURF = "entwurf", "Entwurf"
        FREIGEGEBEN = "freigegeben", "Freigegeben"

    HERAUSGEBER = "Landeszentrale für politische Bildung Baden-Württemberg"

    titel = models.CharField(
        "Titel",
        max_length=200,
        help_text="Zum Beispiel „Newsletter November 2016“; zugleich der Betreff der E-Mail.",
    )
    datum = models.DateField("Datum der Ausgabe", default=datetime.date.today)
    herausgeber = models.CharField("Herausgeber", max_length=200, default=HERAUSGEBER)
    text = models.TextField(
        "Editorial",
        blank=True,
        help_text="Steht vor den Beiträgen. Markdown oder einfaches HTML; Links ins Portal "
        "(z. B. /faq/) werden im PDF und in der E-Mail zu vollständigen Adressen.",
    )
    stand = models.CharField(
        "Stand", max_length=15, choices=Stand.choices, default=Stand.ENTWURF, editable=False
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
    datei = models.FileField(
        "PDF", upload_to="newsletter/%Y/", blank=True, editable=False, max_length=200
    )
    groesse = models.PositiveIntegerField("Größe in Byte", default=0, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)
    versendet_am = models.DateTimeField(
        "Versand abgeschlossen am", null=True, blank=True, editable=False
    )

    objects = NewsletterQuerySet.as_manager()

    class Meta:
        verbose_name = "Newsletter"
        verbose_name_plural = "Newsletter"
        ordering = ["-datum", "-pk"]
        permissions = [("freigeben_newsletter", "Kann Newsletter freigeben und versenden")]

    def __str__(self):
        return self.titel if self.freigegeben else f"Entwurf: {self.titel}"

    @property
    def freigegeben(self) -> bool:
        return self.stand == self.Stand.FREIGEGEBEN

    @property
    def format_label(self) -> str:
        return f"PDF: {format_size(self.groesse)}"

    @property
    def dateiname(self) -> str:
        """ "newsletter-november-2016", without „.pdf“."""
        name = slugify(self.titel)[:80].strip("-")
        return name if name.startswith("newsletter") else f"newsletter-{name}".rstrip("-")

    # --- who receives it ------------------------------------------------------------------

    @staticmethod
    def abonnenten():
        """Everyone who receives a newsletter released now: confirmed, not anonymised, with
        the newsletter consent in force."""
        return Ehrenamtliche.objects.erreichbar().mit_einwilligung(Einwilligung.Zweck.NEWSLETTER)

    def empfaenger_offen(self):
        """The subscribers this newsletter has not gone to (nor is going to right now)."""
        return self.abonnenten().exclude(
            Exists(NewsletterVersand.objects.filter(newsletter=self, ehrenamtliche=OuterRef("pk")))
        )

    def gesendet(self) -> int:
        return self.versand.filter(gesendet_am__isnull=False).count()

    # --- content --------------------------------------------------------------------------

    def beitraege_geordnet(self):
        return self.beitraege.select_related("meldung", "veranstaltung")

    def editorial_html(self) -> str:
        """The editorial as the PDF and the mail show it: its headings below the newsletter's
        own sections, links into the portal with the portal's address (both are read
        elsewhere)."""
        html = self.text_html.replace("<h3>", "<h4>").replace("</h3>", "</h4>")
        html = html.replace("<h2>", "<h3>").replace("</h2>", "</h3>")
        return re.sub(r'href="/(?!/)', f'href="{settings.SITE_URL}/', html)

    def editorial_text(self) -> str:
        """The editorial for the plain-text mail: its Markdown, links with the portal's
        address."""
        return re.sub(r"\]\(/(?!/)", f"]({settings.SITE_URL}/", self.text.strip())

    def pdf(self, entwurf: bool = False) -> bytes:
        """The newsletter as a PDF (templates/pdf/newsletter.html): title, contents with page
        numbers, editorial, the items; a draft's preview is marked „Entwurf“ on every page."""
        from portal.pdf import render_pdf

        return render_pdf(
            "pdf/newsletter.html",
            {
                "newsletter": self,
                "entwurf": entwurf,
                "editorial": self.editorial_html(),
                "beitraege": list(self.beitraege_geordnet()),
            },
        )

    # --- release and sending --------------------------------------------------------------

    def freigabe_pruefen(self) -> None:
        """Raises ValidationError (German) when the draft cannot go out as it is."""
        beitraege = list(self.beitraege_geordnet())
        if not beitraege:
            raise ValidationError(
                "Ein Newsletter braucht vor der Freigabe mindestens einen Beitrag.",
                code="leer",
            )
        nicht_oeffentlich = [b.titel for b in beitraege if not b.quelle.ist_oeffentlich]
        if nicht_oeffentlich:
            raise ValidationError(
                "Diese Beiträge sind im Portal noch nicht veröffentlicht, ihre Links führten "
                f"ins Leere: {', '.join(nicht_oeffentlich)}.",
                code="nicht_oeffentlich",
            )

    def freigeben(self, von) -> Export:
        """Release the draft and queue its PDF; the mail follows once the PDF is stored.
        Raises ValidationError for a draft that is not ready or was released already."""
        with transaction.atomic():
            entwurf = Newsletter.objects.select_for_update().get(pk=self.pk)
            if entwurf.freigegeben:
                raise ValidationError(
                    "Der Newsletter wurde bereits freigegeben.", code="freigegeben"
                )
            self.freigabe_pruefen()
            self.stand = self.Stand.FREIGEGEBEN
            self.freigegeben_am, self.freigegeben_von = timezone.now(), von
            self.save(update_fields=["stand", "freigegeben_am", "freigegeben_von"])
            return self.pdf_anfordern(von)

    def pdf_anfordern(self, von) -> Export:
        """The released newsletter's PDF, in the background (again after a failure)."""
        return Export.anfordern(
            self,
            "newsletter",
            von,
            self.titel if "newsletter" in self.titel.lower() else f"Newsletter: {self.titel}",
            self.dateiname,
            zurueck=reverse("admin:ehrenamt_newsletter_change", args=[self.pk]),
        )

    def export_fertig(self, export: Export, inhalt: bytes) -> None:
        """The PDF is stored as the newsletter's own file (exports are cleared after some
        days); after the commit the mail goes out. A file written for a save that then
        fails is removed again."""
        from ehrenamt import tasks

        if export.art != "newsletter" or self.datei:
            return
        self.datei.save(f"{self.dateiname}.pdf", ContentFile(inhalt), save=False)
        self.groesse, self.sha256 = len(inhalt), export.sha256
        try:
            self.save(update_fields=["datei", "groesse", "sha256"])
        except Exception:
            self.datei.delete(save=False)
            raise
        transaction.on_commit(lambda: tasks.newsletter_versenden.enqueue(self.pk))

    def versand_fortsetzen(self) -> None:
        """Send to those who have not got it yet (after failed deliveries)."""
        from ehrenamt import tasks

        if not (self.freigegeben and self.datei):
            raise ValidationError(
                "Erst wenn das PDF fertig ist, kann der Newsletter versendet werden.",
                code="ohne_pdf",
            )
        transaction.on_commit(lambda: tasks.newsletter_versenden.enqueue(self.pk))


class NewsletterBeitrag(models.Model):
    """One item of a newsletter: a news item or an event of the portal, with an optional
    remark of the Redaktion."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="beitraege")
    meldung = models.ForeignKey(
        "portal.Meldung",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Meldung",
    )
    veranstaltung = models.ForeignKey(
        "portal.Veranstaltung",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Veranstaltung",
    )
    anmerkung = models.CharField(
        "Anmerkung der Redaktion",
        max_length=300,
        blank=True,
        help_text="Steht unter dem Anreißer, z. B. „Neue Antragsfrist: 31.12.2016“.",
    )
    reihenfolge = models.PositiveSmallIntegerField(
        "Reihenfolge", default=0, help_text="Kleinere Zahlen stehen weiter vorn."
    )

    class Meta:
        verbose_name = "Beitrag"
        verbose_name_plural = "Beiträge"
        ordering = ["reihenfolge", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meldung__isnull=False, veranstaltung__isnull=True)
                | Q(meldung__isnull=True, veranstaltung__isnull=False),
                name="newsletterbeitrag_meldung_oder_veranstaltung",
                violation_error_code="meldung_oder_veranstaltung",
                violation_error_message="Bitte wählen Sie für jeden Beitrag genau eines: eine "
                "Meldung oder eine Veranstaltung.",
            ),
            models.UniqueConstraint(
                fields=["newsletter", "meldung"], name="newsletterbeitrag_meldung_einmal"
            ),
            models.UniqueConstraint(
                fields=["newsletter", "veranstaltung"],
                name="newsletterbeitrag_veranstaltung_einmal",
            ),
        ]

    def __str__(self):
        return self.titel

    @property
    def quelle(self):
        """The news item or event."""
        return self.meldung or self.veranstaltung

    @property
    def titel(self) -> str:
        return self.quelle.titel if self.quelle else "(ohne Meldung oder Veranstaltung)"

    @property
    def art(self) -> str:
        return "Veranstaltung" if self.veranstaltung_id else "Meldung"

    @property
    def angaben(self) -> str:
        """ "21.11.2016" for news; for events when and where."""
        if self.veranstaltung_id:
            return f"{self.veranstaltung.zeitraum}, {self.veranstaltung.ort}"
        return date_format(self.meldung.datum, "d.m.Y")

    @property
    def teaser(self) -> str:
        return self.quelle.teaser

    @property
    def url(self) -> str:
        """Its page in the portal, with the portal's address."""
        return f"{settings.SITE_URL}{self.quelle.get_absolute_url()}"


class NewsletterVersand(models.Model):
    """That a newsletter went to a volunteer. The row is taken before the mail goes out and
    dated once it went, so a sending task that runs again (retried, or started twice) skips
    the person; a mail that fails gives its row back for the next attempt."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="versand")
    ehrenamtliche = models.ForeignKey(
        Ehrenamtliche, on_delete=models.CASCADE, related_name="newsletter_versand"
    )
    begonnen_am = models.DateTimeField("Begonnen am", default=timezone.now)
    gesendet_am = models.DateTimeField("Gesendet am", null=True, blank=True)

    class Meta:
        verbose_name = "Versand eines Newsletters"
        verbose_name_plural = "Versand von Newslettern"
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "ehrenamtliche"], name="newsletter_versand_einmal"
            )
        ]

    def __str__(self):
        return f"{self.newsletter} an {self.ehrenamtliche}"

    @classmethod
    def beanspruchen(
        cls, newsletter: Newsletter, person: Ehrenamtliche
    ) -> "NewsletterVersand | None":
        """The row for sending to the person, or None when someone else has taken it (the
        mail went or is going out)."""
        versand, neu = cls.objects.get_or_create(newsletter=newsletter, ehrenamtliche=person)
        return versand if neu else None

"""Districts, organisations, contact people and memberships: the base the other apps refer to.
Also the contact messages and the members-only communication platform."""

import datetime
import re
from pathlib import PurePosixPath

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from portal import uploads
from portal.models import Datei, MitText


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
        """ "Stadtkreis Stuttgart", "Landkreis Ludwigsburg", but "Ortenaukreis" as it is called."""
        if self.name.lower().endswith("kreis"):
            return self.name
        return f"{self.art} {self.name}"


class Thema(models.Model):
    """A topic contact people answer questions on ("Ehrenamt", "Förderung" …)."""

    name = models.CharField("Name", max_length=80, unique=True)
    slug = models.SlugField("Kurzname in der Adresse", unique=True)

    class Meta:
        verbose_name = "Thema"
        verbose_name_plural = "Themen"
        ordering = ["name"]

    def __str__(self):
        return self.name


def _domains(text: str) -> list[str]:
    return [part.strip().lower().lstrip("@") for part in re.split(r"[\s,;]+", text) if part.strip()]


def anzeigename(user) -> str:
    """How the portal names a user: full name if given, else the e-mail address."""
    return user.get_full_name() or user.email or user.get_username()


def validate_domains(text: str) -> None:
    for domain in _domains(text):
        if not DOMAIN_RE.fullmatch(domain):
            raise ValidationError(
                "„%(domain)s“ ist keine E-Mail-Domain. Bitte geben Sie Domains wie "
                "„ludwigsburg.de“ an, getrennt durch Kommas.",
                code="invalid_domain",
                params={"domain": domain},
            )


DOMAIN_RE = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


PLZ = RegexValidator(r"^\d{5}$", "Die Postleitzahl hat fünf Ziffern.")


class OrganisationQuerySet(models.QuerySet):
    def vertreten_von(self, user):
        """The organisations the user may act for: approved memberships only."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            mitgliedschaften__user=user,
            mitgliedschaften__status=Mitgliedschaft.Status.BESTAETIGT,
        )


class Organisation(models.Model):
    class Art(models.TextChoices):
        KOMMUNE = "kommune", "Kommune"
        LANDKREIS = "landkreis", "Landkreis"
        VERBAND = "verband", "Kommunaler Verband"
        MINISTERIUM = "ministerium", "Ministerium"
        LANDESZENTRALE = "landeszentrale", "Landeszentrale"
        WOHLFAHRTSVERBAND = "wohlfahrtsverband", "Wohlfahrtsverband"
        KIRCHE = "kirche", "Kirche"
        VEREIN = "verein", "Verein"
        INITIATIVE = "initiative", "Initiative"
        SONSTIGE = "sonstige", "Sonstige"

    name = models.CharField("Name", max_length=200)
    slug = models.SlugField("Kurzname in der Adresse", max_length=200, unique=True)
    art = models.CharField("Art", max_length=20, choices=Art.choices)
    kreis = models.ForeignKey(
        Kreis,
        on_delete=models.PROTECT,
        related_name="organisationen",
        verbose_name="Kreis",
        help_text="Der Kreis, in dem die Organisation ihren Sitz hat.",
    )
    beschreibung = models.TextField("Kurzbeschreibung", blank=True, max_length=1000)
    strasse = models.CharField("Straße und Hausnummer", max_length=200, blank=True)
    plz = models.CharField(
        "Postleitzahl",
        max_length=5,
        blank=True,
        validators=[PLZ],
    )
    ort = models.CharField("Ort", max_length=100, blank=True)
    telefon = models.CharField("Telefon", max_length=40, blank=True)
    fax = models.CharField("Fax", max_length=40, blank=True)
    email = models.EmailField("E-Mail", blank=True)
    website = models.URLField("Website", blank=True)
    email_domains = models.CharField(
        "Dienstliche E-Mail-Domains",
        max_length=300,
        blank=True,
        validators=[validate_domains],
        help_text="Zum Beispiel „ludwigsburg.de“, mehrere durch Kommas getrennt. Wer eine "
        "bestätigte Adresse an einer dieser Domains hat, wird als Mitglied sofort bestätigt.",
    )
    geaendert_am = models.DateTimeField("Geändert am", auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    suchvektor = SearchVectorField(null=True, editable=False)  # see portal.search

    class Meta:
        verbose_name = "Organisation"
        verbose_name_plural = "Organisationen"
        ordering = ["name"]
        indexes = [
            # The contact list is sorted by organisation: walking this index finds the first
            # page without joining every organisation.
            models.Index(fields=["name"], name="organisation_name_idx"),
            GinIndex(fields=["suchvektor"], name="organisation_suche_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.email_domains = ", ".join(_domains(self.email_domains))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("kontakte:organisation-detail", args=[self.slug])

    @property
    def domains(self) -> list[str]:
        return _domains(self.email_domains)

    def hat_domain(self, email: str) -> bool:
        return email.rpartition("@")[2].lower() in self.domains

    @property
    def anschrift(self) -> list[str]:
        """Address lines as a letter would print them."""
        city = " ".join(part for part in [self.plz, self.ort] if part)
        return [line for line in [self.name, self.strasse, city] if line]


class Abteilung(models.Model):
    """A department or unit of an organisation ("Dezernat III")."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="abteilungen"
    )
    name = models.CharField("Name", max_length=200)
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Abteilung"
        verbose_name_plural = "Abteilungen"
        ordering = ["reihenfolge", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="abteilung_einmal_je_organisation"
            )
        ]

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def oeffentlich(self):
        return self.filter(oeffentlich=True)


class Person(models.Model):
    """An Ansprechpartner: someone people may contact about the programme."""

    class Anrede(models.TextChoices):
        FRAU = "Frau", "Frau"
        HERR = "Herr", "Herr"
        KEINE = "", "keine Anrede"

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="personen",
        verbose_name="Organisation",
    )
    anrede = models.CharField("Anrede", max_length=4, choices=Anrede.choices, blank=True)
    titel = models.CharField("Titel", max_length=40, blank=True, help_text="Zum Beispiel „Dr.“")
    vorname = models.CharField("Vorname", max_length=100)
    nachname = models.CharField("Nachname", max_length=100)
    slug = models.SlugField("Kurzname in der Adresse", max_length=200)
    funktion = models.CharField(
        "Funktion",
        max_length=200,
        blank=True,
        help_text="Zum Beispiel „Flüchtlingsbeauftragte und Koordination Ehrenamt“",
    )
    abteilung = models.ForeignKey(
        Abteilung,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="personen",
        verbose_name="Abteilung",
    )
    telefon = models.CharField("Telefon", max_length=40, blank=True)
    mobil = models.CharField("Mobil", max_length=40, blank=True)
    fax = models.CharField("Fax", max_length=40, blank=True)
    email = models.EmailField(
        "E-Mail",
        blank=True,
        help_text="Wird nicht als Text angezeigt: Besucher schreiben über das Kontaktformular.",
    )
    themen = models.ManyToManyField(Thema, blank=True, related_name="personen")
    oeffentlich = models.BooleanField(
        "Öffentlich",
        default=True,
        help_text="Interne Ansprechpartner erscheinen nicht im öffentlichen Verzeichnis.",
    )
    reihenfolge = models.PositiveSmallIntegerField(
        "Reihenfolge",
        default=0,
        help_text="Kleinere Zahlen stehen innerhalb der Organisation oben.",
    )
    geaendert_am = models.DateTimeField("Geändert am", auto_now=True)

    objects = PersonQuerySet.as_manager()

    suchvektor = SearchVectorField(null=True, editable=False)  # see portal.search

    class Meta:
        verbose_name = "Ansprechperson"
        verbose_name_plural = "Ansprechpersonen"
        ordering = ["organisation__name", "reihenfolge", "nachname", "vorname"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="person_slug_einmal_je_organisation"
            )
        ]
        indexes = [GinIndex(fields=["suchvektor"], name="person_suche_idx")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.abteilung_id and self.abteilung.organisation_id != self.organisation_id:
            raise ValidationError(
                {"abteilung": "Die Abteilung gehört zu einer anderen Organisation."},
                code="abteilung_fremd",
            )

    @property
    def name(self) -> str:
        """ "Dr. Anja Widmann" """
        return " ".join(part for part in [self.titel, self.vorname, self.nachname] if part)

    @property
    def name_mit_anrede(self) -> str:
        """ "Herr Martin Müller", as the seed prints it."""
        return " ".join(part for part in [self.anrede, self.name] if part)

    def get_absolute_url(self):
        return reverse("kontakte:person-detail", args=[self.organisation.slug, self.slug])


class AnfrageQuerySet(models.QuerySet):
    def bestaetigt(self):
        return self.filter(status=Anfrage.Status.BESTAETIGT)

    def offen(self):
        return self.filter(status=Anfrage.Status.BEANTRAGT)


class Anfrage(models.Model):
    """A request a user makes and programme staff decide (membership, platform access). Every
    decision records who and when; staff hear of new requests, users of decisions, by e-mail."""

    class Status(models.TextChoices):
        BEANTRAGT = "beantragt", "Beantragt"
        BESTAETIGT = "bestaetigt", "Bestätigt"
        ABGELEHNT = "abgelehnt", "Abgelehnt"

    status = models.CharField(
        "Status", max_length=10, choices=Status.choices, default=Status.BEANTRAGT
    )
    beantragt_am = models.DateTimeField("Beantragt am", default=timezone.now)
    entschieden_am = models.DateTimeField("Entschieden am", null=True, blank=True)
    entschieden_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Entschieden von",
    )
    vermerk = models.CharField(
        "Begründung der Entscheidung",
        max_length=500,
        blank=True,
        help_text="Steht in der E-Mail an die Antragstellenden; bei automatischer Bestätigung "
        "die Adresse, die sie begründet.",
    )

    objects = AnfrageQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-beantragt_am"]

    def neu_beantragen(self) -> None:
        """Open a declined request again (not saved): the old decision no longer applies."""
        self.status = self.Status.BEANTRAGT
        self.beantragt_am = timezone.now()
        self.entschieden_am = self.entschieden_von = None
        self.vermerk = ""

    def staff_benachrichtigen(self) -> None:
        from kontakte import tasks

        model = self._meta.model_name
        transaction.on_commit(lambda: tasks.anfrage_melden.enqueue(model, self.pk))

    def bestaetigen(self, by, vermerk: str = "") -> None:
        self._entscheiden(self.Status.BESTAETIGT, by, vermerk)

    def ablehnen(self, by, vermerk: str = "") -> None:
        self._entscheiden(self.Status.ABGELEHNT, by, vermerk)

    def _entscheiden(self, status, by, vermerk: str) -> None:
        from kontakte import tasks

        self.status = status
        self.entschieden_am = timezone.now()
        self.entschieden_von = by
        self.vermerk = vermerk
        self.save()
        if by is not None:
            # Told only when a person decided: an automatic approval happens in front of them.
            model = self._meta.model_name
            transaction.on_commit(lambda: tasks.entscheidung_mitteilen.enqueue(model, self.pk))


class Mitgliedschaft(Anfrage):
    """A user acting for an organisation. Other apps ask this who may act for a municipality."""

    class Rolle(models.TextChoices):
        MITGLIED = "mitglied", "Mitglied"
        ADMIN = "admin", "Verwaltet die Organisation"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mitgliedschaften",
        verbose_name="Benutzer",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="mitgliedschaften",
        verbose_name="Organisation",
    )
    rolle = models.CharField("Rolle", max_length=10, choices=Rolle.choices, default=Rolle.MITGLIED)
    begruendung = models.TextField(
        "Ihre Aufgabe in der Organisation",
        max_length=1000,
        blank=True,
        help_text="Zum Beispiel „Sachbearbeitung Integration im Sozialamt“.",
    )

    class Meta(Anfrage.Meta):
        verbose_name = "Mitgliedschaft"
        verbose_name_plural = "Mitgliedschaften"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="mitgliedschaft_einmal_je_organisation"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"

    @classmethod
    def beantragen(cls, user, organisation, rolle=Rolle.MITGLIED, begruendung=""):
        """Record the request; a member at one of the organisation's domains is in at once."""
        with transaction.atomic():
            mitgliedschaft, created = cls.objects.select_for_update().get_or_create(
                user=user,
                organisation=organisation,
                defaults={"rolle": rolle, "begruendung": begruendung},
            )
            if not created and mitgliedschaft.status == cls.Status.ABGELEHNT:
                mitgliedschaft.neu_beantragen()
                mitgliedschaft.rolle = rolle
                mitgliedschaft.begruendung = begruendung
                mitgliedschaft.save()
            if not mitgliedschaft.per_domain_bestaetigen() and (
                mitgliedschaft.status == cls.Status.BEANTRAGT
            ):
                mitgliedschaft.staff_benachrichtigen()
        return mitgliedschaft

    def per_domain_bestaetigen(self) -> bool:
        """Approve a pending member request when the user has a *verified* address at one of the
        organisation's official domains. Admin roles always wait for programme staff."""
        if self.status != self.Status.BEANTRAGT or self.rolle != self.Rolle.MITGLIED:
            return False
        address = next(
            (
                email.email
                for email in EmailAddress.objects.filter(user=self.user, verified=True)
                if self.organisation.hat_domain(email.email)
            ),
            None,
        )
        if address is None:
            return False
        self._entscheiden(
            self.Status.BESTAETIGT, None, f"Automatisch: bestätigte Adresse {address}"
        )
        return True


class NachrichtQuerySet(models.QuerySet):
    def zuzustellen(self):
        """Messages still to be delivered whose next attempt is due."""
        return self.filter(
            status__in=[Nachricht.Status.WARTET, Nachricht.Status.FEHLGESCHLAGEN],
            naechster_versuch_am__lte=timezone.now(),
            versuche__lt=Nachricht.MAX_VERSUCHE,
        )

    def juengst_von(self, email: str, ip_hash: str, since: datetime.timedelta):
        return self.filter(
            models.Q(absender_email__iexact=email) | models.Q(ip_hash=ip_hash),
            erstellt_am__gte=timezone.now() - since,
        )


class Nachricht(models.Model):
    """A message sent through a contact form. Stored before it is mailed, so none is lost."""

    MAX_VERSUCHE = 6
    # Minutes to wait after the n-th failed attempt.
    WARTEZEITEN = [1, 5, 30, 120, 480]

    class Status(models.TextChoices):
        WARTET = "wartet", "Wartet auf Zustellung"
        ZUGESTELLT = "zugestellt", "Zugestellt"
        FEHLGESCHLAGEN = "fehlgeschlagen", "Fehlgeschlagen, wird wiederholt"
        AUFGEGEBEN = "aufgegeben", "Nicht zustellbar"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="nachrichten"
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nachrichten",
        verbose_name="Ansprechperson",
    )
    absender_name = models.CharField("Name", max_length=100)
    absender_email = models.EmailField("E-Mail-Adresse")
    betreff = models.CharField("Betreff", max_length=150)
    text = models.TextField("Nachricht", max_length=5000)
    kopie = models.BooleanField("Kopie an den Absender", default=False)
    datenschutz_bestaetigt_am = models.DateTimeField("Datenschutzhinweis bestätigt am")
    # A keyed hash: enough to limit the rate per address, without keeping the address.
    ip_hash = models.CharField(max_length=64, editable=False, blank=True)
    erstellt_am = models.DateTimeField("Eingegangen am", default=timezone.now, db_index=True)
    status = models.CharField(
        "Zustellung", max_length=15, choices=Status.choices, default=Status.WARTET
    )
    versuche = models.PositiveSmallIntegerField("Zustellversuche", default=0)
    naechster_versuch_am = models.DateTimeField("Nächster Versuch", default=timezone.now)
    zugestellt_am = models.DateTimeField("Zugestellt am", null=True, blank=True)
    fehler = models.TextField("Letzter Fehler", blank=True)
    # The key of the form it was sent with: the same form sent again is stored once
    # (portal.forms.EinmalSendenMixin).
    einsendung = models.UUIDField(null=True, unique=True, editable=False)

    objects = NachrichtQuerySet.as_manager()

    class Meta:
        verbose_name = "Kontaktnachricht"
        verbose_name_plural = "Kontaktnachrichten"
        ordering = ["-erstellt_am"]
        indexes = [models.Index(fields=["status", "naechster_versuch_am"])]

    def __str__(self):
        return f"{self.betreff} ({self.absender_name})"

    @property
    def empfaenger(self) -> str:
        """The person's address, else the organisation's."""
        return (self.person and self.person.email) or self.organisation.email

    @property
    def empfaenger_name(self) -> str:
        return self.person.name if self.person else self.organisation.name

    def zustellung_anstossen(self) -> None:
        """Hand the stored message to the background worker once the transaction is done."""
        from kontakte import tasks

        transaction.on_commit(lambda: tasks.nachricht_zustellen.enqueue(self.pk))

    def zustellen(self) -> bool:
        """One delivery attempt. A failure is recorded with the time of the next attempt."""
        from kontakte import emails

        self.versuche += 1
        try:
            emails.nachricht_zustellen(self)
        except Exception as error:  # any failure of the mail system is recorded
            self.fehler = f"{type(error).__name__}: {error}"[:2000]
            if self.versuche >= self.MAX_VERSUCHE:
                self.status = self.Status.AUFGEGEBEN
            else:
                self.status = self.Status.FEHLGESCHLAGEN
                wait = self.WARTEZEITEN[min(self.versuche, len(self.WARTEZEITEN)) - 1]
                self.naechster_versuch_am = timezone.now() + datetime.timedelta(minutes=wait)
        else:
            self.status = self.Status.ZUGESTELLT
            self.zugestellt_am = timezone.now()
            self.fehler = ""
        self.save(
            update_fields=["versuche", "status", "naechster_versuch_am", "zugestellt_am", "fehler"]
        )
        return self.status == self.Status.ZUGESTELLT


class PlattformZugang(Anfrage):
    """Access to the communication platform "Ansprechpartner Bürgerschaftliches Engagement"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="plattform_zugang",
        verbose_name="Benutzer",
    )
    funktion = models.CharField(
        "Organisation und Funktion",
        max_length=200,
        help_text="Zum Beispiel „Stadt Ludwigsburg, Koordination Ehrenamt“.",
    )
    begruendung = models.TextField("Wofür möchten Sie die Plattform nutzen?", max_length=1000)
    digest = models.BooleanField(
        "Tägliche Zusammenfassung per E-Mail",
        default=False,
        help_text="Einmal am Tag eine E-Mail mit den neuen Beiträgen.",
    )
    digest_bis = models.DateTimeField(
        "Zusammenfassung gesendet bis", null=True, blank=True, editable=False
    )

    class Meta(Anfrage.Meta):
        verbose_name = "Zugang zur Kommunikationsplattform"
        verbose_name_plural = "Zugänge zur Kommunikationsplattform"

    def __str__(self):
        return str(self.user)

    @classmethod
    def hat_zugang(cls, user) -> bool:
        return user.is_authenticated and cls.objects.bestaetigt().filter(user=user).exists()

    def bestaetigen(self, by, vermerk: str = "") -> None:
        if self.digest_bis is None:
            self.digest_bis = timezone.now()  # the digest starts with the posts after admission
        super().bestaetigen(by, vermerk)


class Diskussion(models.Model):
    """A topic on the platform; members write posts (Beiträge) in it."""

    titel = models.CharField("Titel", max_length=200)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="Begonnen von",
    )
    erstellt_am = models.DateTimeField("Begonnen am", default=timezone.now)
    letzter_beitrag_am = models.DateTimeField("Letzter Beitrag", default=timezone.now)
    geschlossen = models.BooleanField(
        "Geschlossen", default=False, help_text="In geschlossenen Themen kann niemand schreiben."
    )

    class Meta:
        verbose_name = "Thema der Plattform"
        verbose_name_plural = "Themen der Plattform"
        ordering = ["-letzter_beitrag_am"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("kontakte:diskussion-detail", args=[self.pk])


class Beitrag(MitText):
    diskussion = models.ForeignKey(
        Diskussion, on_delete=models.CASCADE, related_name="beitraege", verbose_name="Thema"
    )
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="Verfasst von",
    )
    erstellt_am = models.DateTimeField("Verfasst am", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "Beitrag"
        verbose_name_plural = "Beiträge"
        ordering = ["erstellt_am"]

    def __str__(self):
        return f"{self.diskussion} – {self.erstellt_am:%d.%m.%Y}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Diskussion.objects.filter(
            pk=self.diskussion_id, letzter_beitrag_am__lt=self.erstellt_am
        ).update(letzter_beitrag_am=self.erstellt_am)


class Anhang(Datei):
    """A file attached to a platform post; served only to members through a view."""

    beitrag = models.ForeignKey(Beitrag, on_delete=models.CASCADE, related_name="anhaenge")
    datei = models.FileField(
        "Datei", upload_to="plattform/%Y/", validators=[uploads.validate_office_document]
    )

    class Meta:
        verbose_name = "Anhang"
        verbose_name_plural = "Anhänge"

    def __str__(self):
        return PurePosixPath(self.datei.name).name

    def get_absolute_url(self):
        return reverse("kontakte:anhang-download", args=[self.pk])

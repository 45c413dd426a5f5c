"""`manage.py loadtest` (`make loadtest`): the portal under load while its database restarts.

The run has a PostgreSQL server of its own (initdb into var/loadtest/pgdata, a free loopback
port), so the shared server that tests and developers use is never touched; gunicorn serves the
portal as in production (DEBUG off, sync workers, persistent connections with health checks);
the clients of portal.loadtest read, search and send forms; after a third of the time the
server restarts (`pg_ctl restart -m fast`). Afterwards the database says whether every
confirmed submission is there once. The server and its data are removed at the end, also after
an error or Ctrl-C.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from importlib import import_module
from io import StringIO
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from buendnisse.models import Buendnis
from ehrenamt.models import Angebotsart, Ehrenamtliche
from foerderung.models import (
    Antrag,
    Ausschreibung,
    Einreichung,
    Format,
    Kostenposition,
    Programm,
    Thema,
)
from kontakte.models import Kreis, Mitgliedschaft, Nachricht, Organisation, Person
from portal import loadgen
from portal.loadtest import BETREFF, MARKER_DOMAIN, MIX, Antwort, Besucher, Einsendung, Ziele
from portal.models import Meldung

T = TypeVar("T")

# Set for the second start of the command (see handle): the port of its own PostgreSQL.
PORT_VARIABLE = "LOADTEST_POSTGRES_PORT"
WORKDIR = settings.BASE_DIR / "var" / "loadtest"
WORKERS = 3
# Seconds after the database is back in which an error still counts to the outage: requests
# that were already waiting when it came back.
GRACE = 2.0


def _freier_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _umgebung(pg_port: int) -> dict[str, str]:
    """Production settings on loopback, for this command and gunicorn alike."""
    return {
        PORT_VARIABLE: str(pg_port),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{pg_port}/portal",
        "DB_CONN_MAX_AGE": "60",
        "DJANGO_DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP: no redirect to HTTPS, cookies without the Secure flag.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(WORKDIR / "static"),
        "MEDIA_ROOT": str(WORKDIR / "media"),
        # Mail waits in the database for a worker that does not run: none leaves the machine.
        "TASKS_BACKEND": "database",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # All clients come from 127.0.0.1 and send at machine speed: the form limits are off.
        "CONTACT_RATE_LIMIT": "1000000",
        "CONTACT_MIN_SECONDS": "0",
        "FORM_RATE_LIMIT": "0",
        "LOG_LEVEL": "WARNING",
    }


class Cluster:
    """A PostgreSQL server of the run's own in var/loadtest/pgdata, on a free loopback port
    with trust authentication: the shared server is never touched, this one is restarted
    during the run and removed afterwards."""

    def __init__(self, port: int) -> None:
        initdbs = sorted(
            Path("/usr/lib/postgresql").glob("*/bin/initdb"),
            key=lambda pfad: [int(teil) for teil in pfad.parts[-3].split(".")],
        )
        if not initdbs:
            raise CommandError(
                "PostgreSQL's server programs are missing (apt-get install postgresql)."
            )
        self.bin, self.port = initdbs[-1].parent, port
        self.daten = WORKDIR / "pgdata"

    @property
    def version(self) -> str:
        return self.bin.parts[-2]

    def _pg(self, *befehl: str, check: bool = True) -> None:
        # PostgreSQL refuses to run as root; its own user owns the data directory.
        als = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        ergebnis = subprocess.run(  # noqa: S603 (fixed programs, our arguments)
            [*als, str(self.bin / befehl[0]), *befehl[1:]],
            cwd=WORKDIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and ergebnis.returncode:
            raise CommandError(f"{befehl[0]} failed:\n{ergebnis.stdout}{ergebnis.stderr}")

    def _ctl(self, *befehl: str, check: bool = True) -> None:
        # Always with a log file: without one the server would keep our pipe open.
        log = str(self.daten / "server.log")
        self._pg("pg_ctl", "-D", str(self.daten), "-l", log, *befehl, check=check)

    def starten(self) -> None:
        self.entfernen()  # what a killed run left behind
        self.daten.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.daten, "postgres", "postgres")
        optionen = "-U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync"
        self._pg("initdb", "-D", str(self.daten), *optionen.split())
        # TCP on loopback only, no Unix socket; no fsync: nothing here needs to survive a crash.
        optionen = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
            "-c fsync=off"
        )
        self._ctl("-o", optionen, "-w", "start")

    def neu_starten(self) -> None:
        self._ctl("-m", "fast", "-w", "restart")

    def entfernen(self) -> None:
        if (self.daten / "postmaster.pid").exists():
            self._ctl("-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.daten, ignore_errors=True)


# --- The data the clients need ------------------------------------------------------------


def _sitzung(user: User) -> str:
    """A signed-in session made directly, as the login would make it: the clients do not
    need to know a password, and the login's rate limit stays out of the test."""
    sitzung = import_module(settings.SESSION_ENGINE).SessionStore()
    sitzung[SESSION_KEY] = str(user.pk)
    sitzung[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    sitzung[HASH_SESSION_KEY] = user.get_session_auth_hash()
    sitzung.create()
    return sitzung.session_key


def _antraege(anzahl: int) -> list[tuple[Antrag, User]]:
    """Complete drafts of as many municipalities, each with one member, in a call of their own
    (open now, no questions, no documents to attach)."""
    jetzt, heute, tag = timezone.now(), timezone.localdate(), timedelta(days=1)
    ausschreibung = Ausschreibung.objects.create(
        programm=Programm.objects.order_by("pk").first(),
        titel="Lasttest",
        slug="lasttest",
        status=Ausschreibung.Status.VEROEFFENTLICHT,
        veroeffentlichen_ab=jetzt - tag,
        offen_ab=jetzt - tag,
        offen_bis=jetzt + 30 * tag,
        hoechstbetrag=Decimal("3000"),
        berechtigte_arten=[Organisation.Art.KOMMUNE],
        durchfuehrung_von=heute + 30 * tag,
        durchfuehrung_bis=heute + 200 * tag,
    )
    kreis = Kreis.objects.order_by("pk").first()
    entwuerfe = []
    for nummer in range(1, anzahl + 1):
        organisation = Organisation.objects.create(
            name=f"Lasttestgemeinde {nummer}",
            slug=f"lasttestgemeinde-{nummer}",
            art=Organisation.Art.KOMMUNE,
            kreis=kreis,
        )
        user = User.objects.create_user(f"lasttest-{nummer}", f"lasttest-{nummer}@{MARKER_DOMAIN}")
        Mitgliedschaft.objects.create(
            user=user, organisation=organisation, status=Mitgliedschaft.Status.BESTAETIGT
        )
        antrag = Antrag.objects.create(
            ausschreibung=ausschreibung,
            organisation=organisation,
            erstellt_von=user,
            kontakt_name="Lasttest",
            kontakt_funktion="Integrationsbeauftragte",
            kontakt_email=user.email,
            kontakt_telefon="0711 000000",
            titel="Im Gespräch",
            ziele="Nachbarschaften und Geflüchtete kommen ins Gespräch.",
            format=Format.DIALOG,
            themen=[Thema.GEMEINSCHAFT],
            beschreibung="Drei Abende mit Moderation.",
            beginn=ausschreibung.durchfuehrung_von,
            ende=ausschreibung.durchfuehrung_von + 14 * tag,
            ort="Rathaus",
            teilnehmende=80,
            beteiligung_gefluechtete="Sie laden mit ein.",
            beteiligung_ehrenamtliche="Der Freundeskreis moderiert.",
            beteiligung_verwaltung="Das Sozialamt ist dabei.",
            beteiligung_buergerschaft="Offene Einladung im Amtsblatt.",
            eigenanteil=Decimal("700"),
            drittmittel=Decimal("0"),
            beantragt=Decimal("2500"),
        )
        Kostenposition.objects.bulk_create(
            [
                Kostenposition(
                    antrag=antrag,
                    art=Kostenposition.Art.HONORARE,
                    beschreibung="Moderation",
                    betrag=Decimal("1800"),
                ),
                Kostenposition(
                    antrag=antrag,
                    art=Kostenposition.Art.VERPFLEGUNG,
                    beschreibung="Getränke",
                    betrag=Decimal("1400"),
                ),
            ]
        )
        entwuerfe.append((antrag, user))
    fehlend = entwuerfe[0][0].fehlende_angaben()
    if fehlend:
        raise CommandError(f"The drafts cannot be submitted: {fehlend}")
    return entwuerfe


def _ziele(anzahl_antraege: int) -> Ziele:
    personen = Person.objects.oeffentlich().exclude(email="").select_related("organisation")[:20]
    if not personen:
        raise CommandError("No public contact person with an address: seed_demo did not run?")
    ziele = Ziele(
        lesen=[
            "/",
            reverse("portal:meldung-list"),
            reverse("buendnisse:liste"),
            reverse("kontakte:verzeichnis"),
            *(m.get_absolute_url() for m in Meldung.objects.veroeffentlicht()[:20]),
            *(b.get_absolute_url() for b in Buendnis.objects.oeffentlich()[:10]),
        ],
        suchen=["Flüchtlingsdialog", "Ehrenamt", "Bündnis", "Sprachkurs", "Ludwigsburg"],
        nachricht=[
            reverse("kontakte:person-nachricht", args=[p.organisation.slug, p.slug])
            for p in personen
        ],
        nachricht_gesendet=reverse("kontakte:nachricht-gesendet"),
        mitmachen=reverse("ehrenamt:mitmachen"),
        mitmachen_danke=reverse("ehrenamt:mitmachen-danke"),
        kreis=Kreis.objects.order_by("pk").first().pk,
        angebotsart=Angebotsart.objects.order_by("pk").first().pk,
        session_cookie=settings.SESSION_COOKIE_NAME,
    )
    for antrag, user in _antraege(anzahl_antraege):
        ziele.antraege.put(
            (
                antrag.pk,
                reverse("foerderung:antrag-einreichen", args=[antrag.pk]),
                reverse("foerderung:antrag-eingereicht", args=[antrag.pk]),
                _sitzung(user),
            )
        )
    return ziele


# --- gunicorn and the outage ----------------------------------------------------------------


def _ausfall(cluster: Cluster, web_port: int, nach: float, fenster: dict, stopp: threading.Event):
    """Restart the database once; the outage lasts from the stop until /healthz answers."""
    if stopp.wait(nach):
        return
    fenster["von"] = time.monotonic()
    try:
        cluster.neu_starten()
    except CommandError as fehler:
        fenster["fehler"] = str(fehler)
    while not loadgen.healthz(web_port) and not stopp.wait(0.05):
        pass
    fenster["bis"] = time.monotonic()


# --- The command ------------------------------------------------------------------------------


class Command(BaseCommand):
    help = (
        "The load and fault test (`make loadtest`): starts a PostgreSQL server of its own on a "
        "free loopback port (never the configured one), fills it with the demo and bulk data, "
        "serves the portal with gunicorn as in production and lets --clients visitors read, "
        "search, send contact messages, sign up as volunteers and submit applications for "
        "--seconds seconds, restarting the database once after a third of the time. Then it "
        "checks in the database that every confirmed submission is stored once and none twice. "
        "Exits with an error on a lost or doubled submission or on a server error outside the "
        "outage. Removes the server and its data at the end."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--clients", type=int, default=50, help="Default: %(default)s.")
        parser.add_argument("--seconds", type=int, default=60, help="Default: %(default)s.")

    def handle(self, *args, clients: int, seconds: int, **options) -> None:
        if not 1 <= clients <= 200 or not 10 <= seconds <= 600:
            raise CommandError("--clients must be 1 to 200 and --seconds 10 to 600.")
        if PORT_VARIABLE not in os.environ:
            # The settings are read once, at the start. So the command starts again with the
            # address of its own server: everything below, the ORM included, talks to that
            # one and cannot reach the database DATABASE_URL names.
            WORKDIR.mkdir(parents=True, exist_ok=True)
            umgebung = {**os.environ, **_umgebung(_freier_port())}
            os.execve(sys.executable, [sys.executable, *sys.argv], umgebung)  # noqa: S606
        cluster = Cluster(int(os.environ[PORT_VARIABLE]))
        datenbank = settings.DATABASES["default"]
        if (datenbank["HOST"], datenbank["PORT"]) != ("127.0.0.1", cluster.port):
            raise CommandError("The load test runs only against its own database server.")
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up as after Ctrl-C
        try:
            self._schritt(
                f"PostgreSQL {cluster.version} on 127.0.0.1:{cluster.port}", cluster.starten
            )
            self._schritt("migrate, demo and bulk data, static files", self._fuellen)
            ziele = self._schritt(
                "municipalities with drafts, contact forms", lambda: _ziele(2 * clients)
            )
            connection.close()  # the restart would break it; the check opens a new one
            self.stdout.write(f"gunicorn ({WORKERS} workers) …", ending="")
            with loadgen.gunicorn(WORKERS, WORKDIR / "gunicorn.log") as (_, web_port):
                self.stdout.write(f" on 127.0.0.1:{web_port}")
                besucher, fenster, dauer = self._laufen(cluster, web_port, ziele, clients, seconds)
            self._bericht(besucher, fenster, dauer)
        except KeyboardInterrupt:
            raise CommandError("Interrupted.") from None
        finally:
            connection.close()
            cluster.entfernen()
            shutil.rmtree(WORKDIR / "media", ignore_errors=True)

    def _schritt(self, was: str, tun: Callable[[], T]) -> T:
        self.stdout.write(f"{was} …", ending="")
        self.stdout.flush()
        beginn = time.monotonic()
        ergebnis = tun()
        self.stdout.write(f" {time.monotonic() - beginn:.0f} s")
        return ergebnis

    def _fuellen(self) -> None:
        leise = {"stdout": StringIO(), "verbosity": 0}
        call_command("create_database", **leise)
        call_command("migrate", interactive=False, **leise)
        call_command("seed_demo", force=True, **leise)
        if "seed_bulk" in get_commands():
            call_command("seed_bulk", scale=0.05, force=True, **leise)
        call_command("collectstatic", interactive=False, **leise)

    def _laufen(
        self, cluster: Cluster, web_port: int, ziele: Ziele, clients: int, seconds: int
    ) -> tuple[list[Besucher], dict, float]:
        self.stdout.write(
            f"{clients} clients for {seconds} s; the database restarts after {seconds // 3} s …"
        )
        beginn = time.monotonic()
        ende = beginn + seconds
        besucher = [Besucher(web_port, ziele, ende, seed=nummer) for nummer in range(clients)]
        threads = [threading.Thread(target=b.laufen, daemon=True) for b in besucher]
        fenster, stopp = {}, threading.Event()
        ausfall = threading.Thread(
            target=_ausfall, args=(cluster, web_port, seconds / 3, fenster, stopp), daemon=True
        )
        try:
            ausfall.start()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:  # also after Ctrl-C: the clients stop at their next step, a restart completes
            stopp.set()
            for b in besucher:
                b.stopp.set()
            ausfall.join(timeout=60)
        if "fehler" in fenster or "bis" not in fenster:
            raise CommandError(f"The database restart failed: {fenster.get('fehler', 'too late')}")
        # Times from here on in seconds since the start of the run.
        for b in besucher:
            for antwort in b.antworten:
                antwort.beginn, antwort.ende = antwort.beginn - beginn, antwort.ende - beginn
        fenster = {k: v - beginn for k, v in fenster.items()}
        return besucher, fenster, time.monotonic() - beginn

    def _bericht(self, besucher: list[Besucher], fenster: dict, dauer: float) -> None:
        antworten: list[Antwort] = [a for b in besucher for a in b.antworten]
        einsendungen: list[Einsendung] = [e for b in besucher for e in b.einsendungen]
        schreiben = self.stdout.write
        schreiben(f"\nRequests: {len(antworten)} in {dauer:.0f} s ({len(antworten) / dauer:.0f}/s)")
        arten = list(MIX)
        schreiben(f"  {'status':<10}" + "".join(f"{art:>11}" for art in [*arten, "total"]))
        for status in sorted({a.status for a in antworten}):
            zahlen = Counter(a.art for a in antworten if a.status == status)
            name = str(status) if status else "no answer"
            schreiben(
                f"  {name:<10}"
                + "".join(f"{zahlen[art]:>11}" for art in arten)
                + f"{zahlen.total():>11}"
            )

        von, bis = fenster["von"], fenster["bis"]
        schreiben(
            f"\nOutage: database stopped at {von:.1f} s, /healthz answered again at "
            f"{bis:.1f} s ({bis - von:.1f} s)"
        )
        fehler = [a for a in antworten if a.status == 0 or a.status >= 500]
        draussen = [a for a in fehler if a.ende < von or a.beginn > bis + GRACE]
        schreiben(
            f"Server errors (≥ 500) and unanswered requests: {len(fehler) - len(draussen)} "
            f"during the outage (+{GRACE:.0f} s), {len(draussen)} outside"
        )
        serverfehler = [a for a in antworten if a.status >= 500]
        ohne_seite = [a for a in serverfehler if not a.ausfallseite]
        schreiben(
            f"Answers ≥ 500: {len(serverfehler)}, of them the German outage page with 503 "
            f"and Retry-After: {len(serverfehler) - len(ohne_seite)}"
        )

        verloren, doppelt, abgelehnt = self._pruefen(einsendungen)
        probleme = [
            f"{zahl} {was}"
            for zahl, was in [
                (verloren, "lost"),
                (doppelt, "stored twice"),
                (abgelehnt, "refused"),
                (len(draussen), "errors outside the outage"),
                (len(ohne_seite), "errors without the outage page"),
            ]
            if zahl
        ]
        self.stdout.write(f"\nServer log: {WORKDIR / 'gunicorn.log'}")
        if probleme:
            raise CommandError("Load test FAILED: " + ", ".join(probleme) + ".")
        self.stdout.write(
            self.style.SUCCESS(
                "Load test passed: 0 lost, 0 stored twice, 0 errors outside the outage."
            )
        )

    def _pruefen(self, einsendungen: list[Einsendung]) -> tuple[int, int, int]:
        """Counts in the database, by marker, what the clients sent."""
        domain = f"@{MARKER_DOMAIN}"
        gespeichert = {
            "nachricht": Counter(
                betreff.removeprefix(f"{BETREFF} ")
                for betreff in Nachricht.objects.filter(
                    betreff__startswith=f"{BETREFF} "
                ).values_list("betreff", flat=True)
            ),
            "mitmachen": Counter(
                email.removeprefix("last-").removesuffix(domain)
                for email in Ehrenamtliche.objects.filter(email__endswith=domain).values_list(
                    "email", flat=True
                )
            ),
            "antrag": Counter(
                str(pk)
                for pk in Einreichung.objects.filter(
                    antrag__ausschreibung__slug="lasttest"
                ).values_list("antrag_id", flat=True)
            ),
        }
        self.stdout.write(
            f"\n  {'submissions':<11}{'sent':>8}{'confirmed':>11}{'stored':>8}{'lost':>6}"
            f"{'twice':>7}{'refused':>9}{'sent again':>12}"
        )
        summe = Counter()
        for art, zaehler in gespeichert.items():
            eigene = [e for e in einsendungen if e.art == art]
            zeile = Counter(
                sent=len(eigene),
                confirmed=sum(e.bestaetigt for e in eigene),
                stored=sum(1 for e in eigene if zaehler[e.marke]),
                lost=sum(1 for e in eigene if e.bestaetigt and not zaehler[e.marke]),
                # Any test record twice, also one the clients never heard back about.
                twice=sum(1 for anzahl in zaehler.values() if anzahl > 1),
                # The form said no to a valid sending (not an outage: that is sent again).
                refused=sum(1 for e in eigene if not e.bestaetigt and 0 < e.letzter_status < 500),
                again=sum(1 for e in eigene if e.versuche > 1),
            )
            summe.update(zeile)
            self.stdout.write(
                f"  {art:<11}{zeile['sent']:>8}{zeile['confirmed']:>11}{zeile['stored']:>8}"
                f"{zeile['lost']:>6}{zeile['twice']:>7}{zeile['refused']:>9}{zeile['again']:>12}"
            )
        return summe["lost"], summe["twice"], summe["refused"]

"""`make bench`: the main pages served by gunicorn as in production and loaded from a second
process over loopback, with their queries per request, the PDFs, a worker's peak memory and the
machine. It prints figures and asserts nothing; docs/benchmark.md says how to read them."""

import logging
import os
import platform
import signal
from importlib import import_module
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlencode

import django
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.models import AnonymousUser, Group, User
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from buendnisse.models import Buendnis
from foerderung.models import Antrag
from kontakte.models import Mitgliedschaft, Organisation, Person
from portal import loadgen
from portal.loadgen import HOST, Lastgenerator
from portal.management.commands import bench_pdf
from portal.models import Meldung

# The benchmark's own logins, without a password; marked in name and address.
BENCH_USERS = {"staff": "bench-foerderreferat", "kommune": "bench-kommune"}
SUCHEN = {
    "sprachkurs": "Sprachkurs",
    "ehrenamt": "Ehrenamt Ludwigsburg",
    "fluechtlingsdialog": "Flüchtlingsdialog",
}


def _seiten() -> list[tuple[str, str, str]]:
    """(name, path, whose session: "", "staff" or "kommune")"""
    meldung = Meldung.objects.veroeffentlicht().first()
    if meldung is None:
        raise CommandError("No published news: fill the database first (make bench does).")
    suche = reverse("portal:suche")
    return [
        ("floor", reverse("bench-floor"), ""),
        ("home", reverse("portal:home"), ""),
        ("news", reverse("portal:meldung-list"), ""),
        # A browser's repeat visit: it sends the ETag it has and gets 304 Not Modified.
        ("news-revalidated", reverse("portal:meldung-list"), ""),
        ("news-detail", meldung.get_absolute_url(), ""),
        ("archive", reverse("portal:archiv"), ""),
        *((f"search-{n}", f"{suche}?{urlencode({'q': q})}", "") for n, q in SUCHEN.items()),
        ("alliances", reverse("buendnisse:liste"), ""),
        ("map", reverse("buendnisse:karte"), ""),
        ("contacts", reverse("kontakte:verzeichnis"), ""),
        ("calls", reverse("foerderung:uebersicht"), ""),
        ("admin-applications", reverse("admin:foerderung_antrag_changelist"), "staff"),
        ("my-applications", reverse("foerderung:antrag-liste"), "kommune"),
    ]


def _bench_user(rolle: str) -> User:
    name = BENCH_USERS[rolle]
    user, _ = User.objects.update_or_create(
        username=name,
        defaults={
            "email": f"{name}@benchmark.invalid",
            "first_name": "Benchmark",
            "last_name": "(nur für Messungen)",
            "is_staff": rolle == "staff",
        },
    )
    user.set_unusable_password()
    user.save()
    if rolle == "staff":
        # The admin's application list is the Förderreferat's; staff need a second factor.
        user.groups.add(Group.objects.get(name="Förderreferat"))
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, generate_totp_secret())
        return user
    # A member of the municipality with the most applications: the longest own list.
    organisation = Organisation.objects.annotate(n=Count("antraege")).order_by("-n", "pk")[0]
    Mitgliedschaft.objects.filter(user=user).exclude(organisation=organisation).delete()
    Mitgliedschaft.objects.update_or_create(
        user=user,
        organisation=organisation,
        defaults={"status": Mitgliedschaft.Status.BESTAETIGT, "entschieden_am": timezone.now()},
    )
    return user


def _sitzung(user: User) -> SessionBase:
    """A session as allauth's login leaves it: signed in, with the password and for staff the
    second factor recorded, so the admin takes it as fully authenticated."""
    request = RequestFactory().get("/")
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    request.user = AnonymousUser()
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    record_authentication(request, user, "password", email=user.email)
    if user.is_staff:
        totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        record_authentication(request, user, "mfa", type="totp", id=totp.pk)
    request.session.save()
    return request.session


def _abfragen(path: str, cookies: dict[str, str]) -> tuple[str, int]:
    """Queries per request in this process, with the same settings and database: when the page
    is rendered (page cache off) and, if different, when it comes from the cache ("12 → 0").
    Each count follows a request that warms what a running server has warm."""
    client = Client(HTTP_HOST=HOST)
    for name, wert in cookies.items():
        client.cookies[name] = wert
    anzahl = []
    logging.disable(logging.INFO)  # the request log is for the server's requests
    try:
        for aus in ({"PAGE_CACHE_SECONDS": 0}, {}):
            with override_settings(**aus):
                client.get(path)
                with CaptureQueriesContext(connection) as queries:
                    status = client.get(path).status_code
            anzahl.append(len(queries))
    finally:
        logging.disable(logging.NOTSET)
    gerendert, gecacht = anzahl
    return f"{gerendert}" + (f" → {gecacht}" if gecacht != gerendert else ""), status


def _peak_rss_mb(master: int) -> float:
    """The largest VmHWM (peak resident memory) among the master's worker processes."""
    peaks = [0.0]
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            zeilen = Path(f"/proc/{pid}/status").read_text().splitlines()
        except OSError:
            continue  # ended meanwhile
        status = dict(z.split(":", 1) for z in zeilen)
        if status["PPid"].strip() == str(master):
            peaks.append(int(status["VmHWM"].split()[0]) / 1024)
    return max(peaks)


def _maschine(workers: int) -> list[str]:
    def proc(datei: str, feld: str) -> str:
        zeile = next(z for z in Path(datei).read_text().splitlines() if z.startswith(feld))
        return zeile.split(":", 1)[1].strip()

    ram = int(proc("/proc/meminfo", "MemTotal").split()[0]) / 1024**2
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    modelle = {
        "news": Meldung,
        "alliances": Buendnis,
        "contact people": Person,
        "applications": Antrag,
    }
    daten = ", ".join(f"{m._base_manager.count():,} {n}" for n, m in modelle.items())
    return [
        f"- CPU: {proc('/proc/cpuinfo', 'model name')}, {os.cpu_count()} cores; RAM {ram:.1f} GB",
        f"- PostgreSQL {postgres}, Python {platform.python_version()}, Django "
        f"{django.get_version()}, gunicorn {version('gunicorn')} ({workers} sync workers)",
        f"- Data: {daten}",
    ]


class Command(BaseCommand):
    help = (
        "Serves the portal with gunicorn as in production and measures the main pages from a "
        "second process over loopback (requests per second, latency, queries, ratio to a bare "
        "view), the PDFs and a worker's peak memory. Prints a table and writes it to var/bench/; "
        "asserts nothing. Run it through `make bench`, which prepares database and settings."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=10, help="Seconds per measurement.")
        parser.add_argument("--clients", default="1,16", help="Concurrent clients, e.g. 1,16.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
        parser.add_argument("--only", default="", help="Pages to measure, e.g. news,map.")
        parser.add_argument("--label", default="", help="A tag for this run, e.g. before.")
        parser.add_argument("--no-pdf", action="store_true", help="Skip the PDF timings.")

    def handle(self, *args, seconds, clients, workers, only, label, no_pdf, **options):
        if settings.DEBUG or not settings.BENCH_FLOOR_VIEW:
            raise CommandError("Needs DJANGO_DEBUG=false and BENCH_FLOOR_VIEW=true: make bench.")
        try:
            clients = sorted({int(c) for c in clients.split(",")})
            if clients[0] < 1:
                raise ValueError
        except ValueError:
            raise CommandError("--clients takes numbers, e.g. 1,16.") from None
        seiten = _seiten()
        if unbekannt := set(filter(None, only.split(","))) - {s[0] for s in seiten}:
            raise CommandError(f"Unknown pages: {', '.join(sorted(unbekannt))}.")
        # The floor is always measured: it is what the ratio divides by.
        seiten = [s for s in seiten if not only or s[0] == "floor" or s[0] in only.split(",")]
        ausgabe = settings.BASE_DIR / "var" / "bench"
        ausgabe.mkdir(parents=True, exist_ok=True)
        zeilen = [f"## {timezone.localtime():%Y-%m-%d %H:%M} {label}".rstrip(), ""]
        # A `kill` stops gunicorn in order too, as Ctrl-C does.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        cache.clear()  # the run starts cold, and no page from another database survives
        sitzungen = {rolle: _sitzung(_bench_user(rolle)) for rolle in BENCH_USERS}
        try:
            with loadgen.gunicorn(workers, ausgabe / "gunicorn.log") as (server, port):
                zeilen += self._messen(seiten, sitzungen, port, clients, seconds)
                zeilen += [
                    "",
                    f"Peak RSS of one gunicorn worker: {_peak_rss_mb(server.pid):.0f} MB",
                ]
        finally:
            for sitzung in sitzungen.values():
                sitzung.delete()
        if not no_pdf:
            self.stderr.write("PDFs …")
            pdfs = [*bench_pdf.rundschreiben_zeiten(), bench_pdf.bescheid_zeit()]
            zeilen += ["", *bench_pdf.tabelle([p for p in pdfs if p])]
        zeilen += ["", *_maschine(workers)]
        stempel = [f"{timezone.localtime():%Y%m%d-%H%M%S}", slugify(label)]
        datei = ausgabe / f"{'-'.join(filter(None, stempel))}.md"
        datei.write_text("\n".join(zeilen) + "\n")
        self.stdout.write("\n".join([*zeilen, "", f"Written to {datei}"]))

    def _messen(self, seiten, sitzungen, port: int, clients: list[int], seconds: float):
        hoch = clients[-1]
        kopf = ["page", "queries", *(f"req/s {c}" for c in clients)]
        kopf += [f"p{p} ms at {hoch}" for p in (50, 95, 99)] + ["ratio to floor", "errors"]
        zeilen = ["| " + " | ".join(kopf) + " |", "|---" * len(kopf) + "|"]
        with Lastgenerator(HOST, port, max_clients=hoch) as last:
            for name, path, als in seiten:
                cookies, headers = {}, {}
                if als:
                    cookies = {settings.SESSION_COOKIE_NAME: sitzungen[als].session_key}
                    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
                queries, status = _abfragen(path, cookies)
                if name.endswith("-revalidated"):
                    etag = Client(HTTP_HOST=HOST).get(path).get("ETag", "")
                    headers["If-None-Match"] = etag
                self.stderr.write(f"{name}: {path} (status {status}) …")
                last.run(path, hoch, min(1.0, seconds), headers)  # warm-up
                runs = {c: last.run(path, c, seconds, headers) for c in clients}
                oben = runs[hoch]
                if name == "floor":
                    floor, client = oben.rate, oben.client_cpu
                    fusszeile = (
                        f"The load generator itself used {client / oben.seconds:.2f} CPU cores "
                        f"({client / max(oben.requests, 1) * 1e6:.0f} µs per request) at the "
                        f"floor with {hoch} clients."
                    )
                zellen = [name, queries, *(f"{runs[c].rate:,.0f}" for c in clients)]
                zellen += [f"{oben.percentile(p):.1f}" for p in (50, 95, 99)]
                zellen.append(f"{oben.rate / floor:.2f}" if floor else "–")
                zellen.append(str(sum(r.errors for r in runs.values())))
                zeilen.append("| " + " | ".join(zellen) + " |")
        return [*zeilen, "", fusszeile]

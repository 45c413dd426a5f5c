import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from kontakte.models import Kreis
from portal import bulk, pagecache, search


class Command(BaseCommand):
    help = (
        "Fills the database with fictitious bulk data for the benchmark and the load test. At "
        "--scale 1: 10,000 news, 500 circulars, 2,000 alliances, 5,000 contact people, 1,101 "
        "municipalities (Testgemeinde 0001 …), 10,000 applications in every state with their "
        "histories and reviews, 50,000 volunteers with consents, and events, pages, FAQ and "
        "organisations up to about 100,000 searchable documents; one login per municipality "
        "(kommune-0001@testgemeinde.example …, password from --password) and a call open now. "
        "Everything is marked as test data: slugs and e-mail addresses say testdaten, titles "
        "begin with „Testdaten:“, addresses end in .example. Safe to run again: only what is "
        "missing is created and nothing is ever deleted, so a smaller --scale after a larger "
        "one changes nothing. Each kind of record goes in in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiplies every count (e.g. 0.01 for a quick run); at least one of each.",
        )
        parser.add_argument(
            "--password",
            default="bulk-passwort-2026",
            help="Password of the municipality logins (default: %(default)s).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Also run with DJANGO_DEBUG off (never on a production database: the "
            "municipality logins share a known password).",
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_bulk creates logins with a known password; it runs only with "
                "DJANGO_DEBUG=true (or --force on a throw-away database)."
            )
        if not options["scale"] > 0:
            raise CommandError("--scale must be greater than 0.")
        if not Kreis.objects.exists():
            raise CommandError("The Kreise are missing: run `manage.py migrate` first.")
        lauf = bulk.Lauf(scale=options["scale"], password=options["password"])
        beginn, neu_gesamt = time.perf_counter(), 0
        for label, schritt in bulk.SCHRITTE:
            self.stdout.write(f"{label} …", ending="")
            self.stdout.flush()
            start, cpu = time.perf_counter(), time.process_time()
            with transaction.atomic():
                neu = schritt(lauf)
            neu_gesamt += sum(neu.values())
            zahlen = ", ".join(f"{model} {anzahl}" for model, anzahl in neu.items())
            # The CPU time is this process's share; the rest is the database (or a busy machine).
            self.stdout.write(
                f" {time.perf_counter() - start:.1f} s, CPU {time.process_time() - cpu:.1f} s "
                f"(new: {zahlen})"
            )
        # The stored search vectors, which bulk_create does not fill. Rebuilding rewrites every
        # searchable row (half a minute, and tables twice their size until VACUUM), so a run
        # that added nothing leaves them alone.
        if neu_gesamt and hasattr(search, "reindex"):
            self.stdout.write("Search index …", ending="")
            self.stdout.flush()
            start = time.perf_counter()
            search.reindex()
            self.stdout.write(f" {time.perf_counter() - start:.1f} s")
        # bulk_create sends no signals: cached public pages would not know of the new rows.
        pagecache.content_changed()
        gesamt = sum(source.queryset().count() for source in search._sources)
        self.stdout.write(
            self.style.SUCCESS(
                f"Bulk data in place after {time.perf_counter() - beginn:.1f} s; "
                f"{gesamt} searchable documents. Municipality logins: "
                f"{bulk.konto_email(1)} … with the password given."
            )
        )

"""Seconds per page for circulars of 1, 5 and 20 pages (a figure, never a test)."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from portal import pdf
from portal.models import Rundschreiben

ABSATZ = (
    "Die Landesregierung stellt für die Kommunalen Flüchtlingsdialoge weitere Mittel bereit. "
    "Städte, Gemeinden und Landkreise können Vorhaben beantragen, mit denen sie Bürgerinnen und "
    "Bürger an der Aufnahme und Integration geflüchteter Menschen beteiligen."
)
TABELLE = "| Kommune | Vorhaben | Betrag |\n|---|---|---|\n" + "\n".join(
    f"| Stadt {n} | Dialogabend {n} | {n * 250} € |" for n in range(1, 6)
)


def _text(bausteine: int) -> str:
    """A body of headings, paragraphs, lists and tables, as circulars have them."""
    teile = []
    for n in range(bausteine):
        if n % 6 == 0:
            teile.append(f"## Abschnitt {n // 6 + 1}")
        teile.append(TABELLE if n % 12 == 11 else ABSATZ)
        if n % 6 == 5:
            teile.append("- Erstens\n- Zweitens\n- Drittens")
    return "\n\n".join(teile)


class Command(BaseCommand):
    help = "Renders circulars of 1, 5 and 20 pages and prints the seconds per page."

    def add_arguments(self, parser):
        parser.add_argument("--runden", type=int, default=3, help="Renderings per size.")

    def handle(self, *args, **options):
        rows = []
        with transaction.atomic():
            rundschreiben = Rundschreiben.objects.create(
                betreff="Benchmark", adressaten_arten=["kommune"]
            )
            for ziel in (1, 5, 20):
                self._seiten(rundschreiben, ziel)
                dauer, inhalt = [], b""
                for _ in range(options["runden"]):
                    start = time.perf_counter()
                    inhalt = rundschreiben.pdf()
                    dauer.append(time.perf_counter() - start)
                seiten = pdf.page_count(inhalt)
                rows.append((seiten, min(dauer), len(inhalt)))
            transaction.set_rollback(True)
        self.stdout.write("| circular | seconds (best of runs) | seconds per page | size |")
        self.stdout.write("|---|---|---|---|")
        for seiten, sekunden, groesse in rows:
            self.stdout.write(
                f"| {seiten} page{'s' if seiten > 1 else ''} | {sekunden:.2f} | "
                f"{sekunden / seiten:.3f} | {groesse / 1024:.0f} KB |"
            )

    def _seiten(self, rundschreiben, ziel: int) -> None:
        """A text that fills `ziel` pages; also warms up the renderer (fonts, hyphenation)."""
        bausteine = max(1, 9 * ziel - 5)
        for _ in range(8):
            rundschreiben.text = _text(bausteine)
            rundschreiben.save()  # renders the Markdown
            inhalt = rundschreiben.pdf()
            seiten = pdf.page_count(inhalt)
            if seiten == ziel:
                break
            bausteine += 2 * (ziel - seiten) if abs(ziel - seiten) > 1 else ziel - seiten
            bausteine = max(1, bausteine)

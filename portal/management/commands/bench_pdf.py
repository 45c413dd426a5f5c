"""Seconds per page for circulars of 1, 5 and 20 pages and a decision letter (a figure, never a
test). `manage.py bench` prints the same lines after its page table."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from foerderung import pdf as foerderung_pdf
from foerderung.models import Antrag, Bescheid, Statuswechsel
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

# (what, pages, best seconds, bytes)
Zeile = tuple[str, int, float, int]


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


def _seiten(rundschreiben: Rundschreiben, ziel: int) -> None:
    """A text that fills `ziel` pages; also warms up the renderer (fonts, hyphenation)."""
    bausteine = max(1, 9 * ziel - 5)
    for _ in range(8):
        rundschreiben.text = _text(bausteine)
        rundschreiben.save()  # renders the Markdown
        seiten = pdf.page_count(rundschreiben.pdf())
        if seiten == ziel:
            break
        bausteine += 2 * (ziel - seiten) if abs(ziel - seiten) > 1 else ziel - seiten
        bausteine = max(1, bausteine)


def _bestzeit(render, runden: int) -> tuple[float, bytes]:
    dauer, inhalt = [], b""
    for _ in range(runden):
        start = time.perf_counter()
        inhalt = render()
        dauer.append(time.perf_counter() - start)
    return min(dauer), inhalt


def rundschreiben_zeiten(runden: int = 3) -> list[Zeile]:
    """Circulars of 1, 5 and 20 pages, rendered in a transaction that is rolled back."""
    rows = []
    with transaction.atomic():
        rundschreiben = Rundschreiben.objects.create(
            betreff="Benchmark", adressaten_arten=["kommune"]
        )
        for ziel in (1, 5, 20):
            _seiten(rundschreiben, ziel)
            sekunden, inhalt = _bestzeit(rundschreiben.pdf, runden)
            seiten = pdf.page_count(inhalt)
            was = f"circular, {seiten} page{'s' if seiten > 1 else ''}"
            rows.append((was, seiten, sekunden, len(inhalt)))
        transaction.set_rollback(True)
    return rows


def bescheid_zeit(runden: int = 3) -> Zeile | None:
    """The decision letter of the latest decided application, as the background task renders
    it (context and PDF), without storing it. None when no application has a decision."""
    entscheidung = (
        Statuswechsel.objects.filter(nach__in=Antrag.ENTSCHEIDUNGEN).order_by("-pk").first()
    )
    if entscheidung is None:
        return None
    bescheid = Bescheid(antrag=entscheidung.antrag, version=1, entscheidung=entscheidung.nach)
    foerderung_pdf.bescheid(bescheid.kontext())  # warm-up
    sekunden, inhalt = _bestzeit(lambda: foerderung_pdf.bescheid(bescheid.kontext()), runden)
    return ("decision letter", pdf.page_count(inhalt), sekunden, len(inhalt))


def tabelle(rows: list[Zeile]) -> list[str]:
    zeilen = ["| PDF | seconds (best of runs) | seconds per page | size |", "|---|---|---|---|"]
    for was, seiten, sekunden, groesse in rows:
        zeilen.append(
            f"| {was} | {sekunden:.2f} | {sekunden / seiten:.3f} | {groesse / 1024:.0f} KB |"
        )
    return zeilen


class Command(BaseCommand):
    help = (
        "Renders circulars of 1, 5 and 20 pages and a decision letter and prints the seconds "
        "per page."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runden", type=int, default=3, help="Renderings per size.")

    def handle(self, *args, **options):
        rows = rundschreiben_zeiten(options["runden"])
        if (bescheid := bescheid_zeit(options["runden"])) is not None:
            rows.append(bescheid)
        for zeile in tabelle(rows):
            self.stdout.write(zeile)

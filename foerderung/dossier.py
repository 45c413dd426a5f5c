"""One application as a ZIP file for the programme staff's file (Akte).

The paper file needs everything in one place, readable without the portal: the receipt, each
submitted version as data, the attachments under their original names, the decision letters,
the history and the queries, and an index (inhalt.txt, first) that says what is there and what
is missing. A file lost on disk is listed as missing rather than failing the whole dossier, so
staff still get the rest and see the gap.
"""

import csv
import io
import json
import zipfile
from pathlib import PurePath

from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.text import get_valid_filename

from foerderung.models import Antrag
from foerderung.pdf import quittung
from portal.exports import als_text
from portal.formats import zeitpunkt
from portal.uploads import format_size

FEHLT = "Datei fehlt"


def _lesen(datei: FieldFile) -> bytes | None:
    if not datei:
        return None
    try:
        with datei.open("rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def _verlauf_csv(antrag: Antrag) -> bytes:
    # Same shape as the admin's CSV exports: BOM and semicolons for German Excel, dates in
    # German time, cells that would run as formulas neutralised by portal.exports.als_text.
    puffer = io.StringIO()
    puffer.write("\ufeff")
    writer = csv.writer(puffer, delimiter=";")
    writer.writerow(["Am", "Von", "Nach", "Durch", "Vermerk"])
    for eintrag in antrag.verlauf.select_related("user"):
        zeile = [eintrag.am, eintrag.get_von_display(), eintrag.get_nach_display()]
        writer.writerow(als_text(wert) for wert in [*zeile, eintrag.durch, eintrag.notiz])
    return puffer.getvalue().encode("utf-8")


def _rueckfragen_txt(antrag: Antrag) -> bytes:
    teile = []
    for nummer, rueckfrage in enumerate(antrag.rueckfragen.all(), start=1):
        teil = f"Rückfrage {nummer}, gestellt am {zeitpunkt(rueckfrage.gestellt_am)}:\n"
        teil += f"{rueckfrage.frage}\n\n"
        if rueckfrage.beantwortet_am:
            teil += f"Antwort vom {zeitpunkt(rueckfrage.beantwortet_am)}:\n{rueckfrage.antwort}\n"
        else:
            teil += "Noch nicht beantwortet.\n"
        teile.append(teil)
    return ("\n\n".join(teile) or "Zu diesem Antrag gab es keine Rückfragen.\n").encode("utf-8")


def dossier(antrag: Antrag) -> bytes:
    """The ZIP file's bytes; inhalt.txt lists every other file with its size."""
    dateien: dict[str, bytes] = {}
    index: list[str] = []

    def ablegen(name: str, inhalt: bytes | None, beschreibung: str = "") -> None:
        if inhalt is None:
            index.append(f"- {name}: {FEHLT}{beschreibung}")
            return
        dateien[name] = inhalt
        index.append(f"- {name} ({format_size(len(inhalt))}){beschreibung}")

    if antrag.einreichungen.exists():
        ablegen(f"eingangsbestaetigung-{antrag.aktenzeichen}.pdf", quittung(antrag))
    for fassung in antrag.einreichungen.all():
        daten = json.dumps(fassung.daten, indent=2, ensure_ascii=False)
        ablegen(f"fassungen/fassung-{fassung.nummer}.json", daten.encode("utf-8"))
    # The number in front keeps two uploads of the same name apart and the name never empty.
    for nummer, anhang in enumerate(antrag.anhaenge.select_related("unterlage"), start=1):
        name = get_valid_filename(f"{nummer:02d}-{anhang.dateiname}")
        ablegen(
            f"anhaenge/{anhang.zweck}/{name}", _lesen(anhang.datei), f" – {anhang.bezeichnung_lang}"
        )
    # Decision letters arrive with a later model; until then there are none to add.
    if hasattr(antrag, "bescheide"):
        for nummer, bescheid in enumerate(antrag.bescheide.all(), start=1):
            name = get_valid_filename(f"{nummer:02d}-{PurePath(bescheid.datei.name).name}")
            ablegen(f"bescheide/{name}", _lesen(bescheid.datei))
    ablegen("verlauf.csv", _verlauf_csv(antrag))
    ablegen("rueckfragen.txt", _rueckfragen_txt(antrag))

    kopf = [
        f"Akte zum Antrag {antrag.aktenzeichen or '(noch ohne Aktenzeichen)'}",
        "",
        f"Aktenzeichen: {antrag.aktenzeichen or '–'}",
        f"Antragsteller: {antrag.organisation}",
        f"Ausschreibung: {antrag.ausschreibung} ({antrag.ausschreibung.programm})",
        f"Status: {antrag.get_status_display()}",
        f"Angelegt am: {zeitpunkt(antrag.erstellt_am)}",
        f"Zusammengestellt am: {zeitpunkt(timezone.now())}",
        "",
        "Dateien:",
    ]
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", zipfile.ZIP_DEFLATED) as archiv:
        archiv.writestr("inhalt.txt", "\n".join([*kopf, *index, ""]))
        for name, inhalt in dateien.items():
            archiv.writestr(name, inhalt)
    return puffer.getvalue()

"""The map of Baden-Württemberg as a tile grid: each of the 44 Kreise one square, placed roughly
where it lies, coloured by alliances per 100,000 inhabitants and labelled with the count.

Drawn as inline SVG by the template: no map tiles, no scripts, nothing from another host.
"""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode

from kontakte.models import Kreis

# Kreisschlüssel → (column, row, short label). West is left, north is up.
RASTER = {
    "08222": (1, 0, "MA"),  # Mannheim
    "08226": (2, 0, "RNK"),  # Rhein-Neckar-Kreis
    "08225": (3, 0, "MOS"),  # Neckar-Odenwald-Kreis
    "08128": (4, 0, "TBB"),  # Main-Tauber-Kreis
    "08215": (1, 1, "KA-L"),  # Landkreis Karlsruhe
    "08221": (2, 1, "HD"),  # Heidelberg
    "08125": (3, 1, "HN-L"),  # Landkreis Heilbronn
    "08126": (4, 1, "KÜN"),  # Hohenlohekreis
    "08212": (1, 2, "KA"),  # Karlsruhe
    "08236": (2, 2, "PF-L"),  # Enzkreis
    "08121": (3, 2, "HN"),  # Heilbronn
    "08127": (4, 2, "SHA"),  # Schwäbisch Hall
    "08211": (0, 3, "BAD"),  # Baden-Baden
    "08216": (1, 3, "RA"),  # Rastatt
    "08231": (2, 3, "PF"),  # Pforzheim
    "08118": (3, 3, "LB"),  # Ludwigsburg
    "08119": (4, 3, "WN"),  # Rems-Murr-Kreis
    "08136": (5, 3, "AA"),  # Ostalbkreis
    "08317": (0, 4, "OG"),  # Ortenaukreis
    "08235": (1, 4, "CW"),  # Calw
    "08115": (2, 4, "BB"),  # Böblingen
    "08111": (3, 4, "S"),  # Stuttgart
    "08116": (4, 4, "ES"),  # Esslingen
    "08117": (5, 4, "GP"),  # Göppingen
    "08135": (6, 4, "HDH"),  # Heidenheim
    "08316": (0, 5, "EM"),  # Emmendingen
    "08237": (1, 5, "FDS"),  # Freudenstadt
    "08416": (2, 5, "TÜ"),  # Tübingen
    "08415": (3, 5, "RT"),  # Reutlingen
    "08425": (4, 5, "UL-L"),  # Alb-Donau-Kreis
    "08421": (5, 5, "UL"),  # Ulm
    "08311": (0, 6, "FR"),  # Freiburg im Breisgau
    "08325": (1, 6, "RW"),  # Rottweil
    "08417": (2, 6, "BL"),  # Zollernalbkreis
    "08437": (3, 6, "SIG"),  # Sigmaringen
    "08426": (4, 6, "BC"),  # Biberach
    "08315": (0, 7, "FR-L"),  # Breisgau-Hochschwarzwald
    "08326": (1, 7, "VS"),  # Schwarzwald-Baar-Kreis
    "08327": (2, 7, "TUT"),  # Tuttlingen
    "08335": (3, 7, "KN"),  # Konstanz
    "08436": (4, 7, "RV"),  # Ravensburg
    "08336": (0, 8, "LÖ"),  # Lörrach
    "08337": (1, 8, "WT"),  # Waldshut
    "08435": (4, 8, "FN"),  # Bodenseekreis
}

KACHEL = 62  # tile size in SVG units, gap included
LUECKE = 4

# Classes of alliances per 100,000 inhabitants: (lower bound, fill, text colour, legend).
# Each text colour has a contrast of at least 4.5:1 on its fill; the number is always printed,
# so the colour never carries the meaning alone.
STUFEN = [
    (0.0, "#f3f2f1", "#0b0c0c", "keine"),
    (0.01, "#d2e3f3", "#0b0c0c", "unter 0,5"),
    (0.5, "#9ac3e6", "#0b0c0c", "0,5 bis unter 1"),
    (1.0, "#2f6fb0", "#ffffff", "1 bis unter 2"),
    (2.0, "#123d6e", "#ffffff", "2 und mehr"),
]


@dataclass
class Kachel:
    kreis: Kreis
    anzahl: int
    spalte: int
    zeile: int
    kuerzel: str
    url: str = ""

    @property
    def je_100000(self) -> float:
        return self.anzahl * 100_000 / self.kreis.einwohner if self.kreis.einwohner else 0.0

    @property
    def je_100000_text(self) -> str:
        return number_format(round(self.je_100000, 1), 1)

    @property
    def stufe(self) -> tuple:
        return next(stufe for stufe in reversed(STUFEN) if self.je_100000 >= stufe[0])

    @property
    def x(self) -> int:
        return self.spalte * KACHEL

    @property
    def y(self) -> int:
        return self.zeile * KACHEL

    @property
    def mitte_x(self) -> int:
        return self.x + (KACHEL - LUECKE) // 2


def kacheln(buendnisse: QuerySet, auswahl: dict[str, str] | None = None) -> list[Kachel]:
    """One tile per Kreis with the number of the given alliances in it (two queries). Each
    links to the list of that Kreis, keeping the other choices (`auswahl`, e.g. a theme)."""
    anzahl = dict(
        buendnisse.order_by().values_list("kreis").annotate(anzahl=Count("pk", distinct=True))
    )
    liste = reverse("buendnisse:liste")
    auswahl = {key: value for key, value in (auswahl or {}).items() if value}
    return [
        Kachel(
            kreis,
            anzahl.get(kreis.pk, 0),
            *RASTER[kreis.schluessel],
            url=f"{liste}?{urlencode(sorted({**auswahl, 'kreis': kreis.slug}.items()))}",
        )
        for kreis in Kreis.objects.order_by("name", "art")
    ]


def abmessungen() -> dict:
    spalten = max(spalte for spalte, _, _ in RASTER.values()) + 1
    zeilen = max(zeile for _, zeile, _ in RASTER.values()) + 1
    return {
        "breite": spalten * KACHEL - LUECKE,
        "hoehe": zeilen * KACHEL - LUECKE,
        "kachel": KACHEL - LUECKE,
    }

"""The visitors of `manage.py loadtest`: threads that read, search and send forms to a portal
running on loopback, as browsers do (cookies, the CSRF token, the hidden fields of a form), and
record every answer.

A form that gets no answer, a 503 or another server error is sent again, unchanged — the same
key, the same marker — until it is confirmed or the time is up, which is what the outage page
asks people to do. Each sending carries a marker by which the database check finds its record.
The module imports nothing from Django: it only speaks HTTP.
"""

import http.client
import queue
import random
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import quote, urlencode

AUSFALL_TEXT = "Das Portal ist kurz nicht erreichbar"
# What a form carries besides what a person types.
HIDDEN = re.compile(r'name="(csrfmiddlewaretoken|einsendung|gestartet)" value="([^"]*)"')
MARKER_DOMAIN = "beispiel.example"
BETREFF = "Lasttest"

# How often each kind of visit is chosen: mostly reading.
MIX = {"lesen": 50, "suchen": 15, "nachricht": 12, "mitmachen": 12, "antrag": 11}


@dataclass
class Antwort:
    art: str  # lesen, suchen, nachricht, mitmachen, antrag
    status: int  # 0: no answer (refused, dropped, timed out)
    beginn: float  # time.monotonic()
    ende: float
    ausfallseite: bool  # the German outage page with Retry-After


@dataclass
class Einsendung:
    art: str  # nachricht, mitmachen, antrag
    marke: str  # by which the database check finds its record
    bestaetigt: bool = False
    versuche: int = 0
    letzter_status: int = 0


@dataclass
class Ziele:
    """What there is to read and to send to, prepared in the database before the run."""

    lesen: list[str]
    suchen: list[str]
    nachricht: list[str]  # contact forms
    nachricht_gesendet: str
    mitmachen: str
    mitmachen_danke: str
    kreis: int
    angebotsart: int
    session_cookie: str
    # (pk, form, confirmation, session key of a member of the applying municipality): each
    # application is submitted by exactly one client.
    antraege: queue.Queue = field(default_factory=queue.Queue)


class Besucher:
    """One client: its own cookies, one request at a time, until `ende` (time.monotonic)."""

    PAUSE = 0.5  # before sending again

    def __init__(self, port: int, ziele: Ziele, ende: float, seed: int) -> None:
        self.port, self.ziele, self.ende = port, ziele, ende
        self.rng = random.Random(seed)  # noqa: S311 (which page to read next)
        self.cookies: dict[str, str] = {}
        self.antworten: list[Antwort] = []
        self.einsendungen: list[Einsendung] = []
        self.stopp = threading.Event()

    def laufen(self) -> None:
        arten, gewichte = zip(*MIX.items(), strict=True)
        while self._zeit():
            art = self.rng.choices(arten, gewichte)[0]
            if art == "lesen":
                self._anfrage(art, "GET", self.rng.choice(self.ziele.lesen))
            elif art == "suchen":
                self._anfrage(art, "GET", "/suche/?q=" + quote(self.rng.choice(self.ziele.suchen)))
            elif art == "nachricht":
                self._nachricht()
            elif art == "mitmachen":
                self._mitmachen()
            else:
                self._antrag()
            self.stopp.wait(self.rng.uniform(0.1, 0.5))  # a person reads before the next click

    def _zeit(self) -> bool:
        return time.monotonic() < self.ende and not self.stopp.is_set()

    def _nachricht(self) -> None:
        marke = uuid.uuid4().hex
        felder = {
            "absender_name": "Lasttest",
            "absender_email": f"last-{marke}@{MARKER_DOMAIN}",
            "betreff": f"{BETREFF} {marke}",
            "text": "Eine Nachricht aus dem Lasttest.",
            "datenschutz": "on",
            "website": "",
        }
        url = self.rng.choice(self.ziele.nachricht)
        self._senden("nachricht", marke, url, felder, self.ziele.nachricht_gesendet)

    def _mitmachen(self) -> None:
        marke = uuid.uuid4().hex
        felder = {
            "vorname": "Last",
            "nachname": "Test",
            "email": f"last-{marke}@{MARKER_DOMAIN}",
            "plz": "70173",
            "kreis": self.ziele.kreis,
            "angebotsarten": [self.ziele.angebotsart],
            "einwilligung_kontakt": "on",
        }
        url = self.ziele.mitmachen
        self._senden("mitmachen", marke, url, felder, self.ziele.mitmachen_danke)

    def _antrag(self) -> None:
        try:
            pk, formular, bestaetigung, session = self.ziele.antraege.get_nowait()
        except queue.Empty:  # all submitted: read instead
            self._anfrage("lesen", "GET", self.rng.choice(self.ziele.lesen))
            return
        # Signed in as a member of the municipality (the session was made before the run).
        self.cookies[self.ziele.session_cookie] = session
        self._senden("antrag", str(pk), formular, {"bestaetigung": "on"}, bestaetigung)
        self.cookies.pop(self.ziele.session_cookie, None)

    def _senden(self, art: str, marke: str, url: str, felder: dict, bestaetigung: str) -> None:
        """Open the form and send it until it is confirmed (a redirect to `bestaetigung`)."""
        while self._zeit():
            status, seite, _ = self._anfrage(art, "GET", url)
            if status == 200:
                break
            self.stopp.wait(self.PAUSE)
        else:
            return
        einsendung = Einsendung(art, marke)
        self.einsendungen.append(einsendung)
        daten = {**dict(HIDDEN.findall(seite)), **felder}
        while self._zeit():
            einsendung.versuche += 1
            status, _, ziel = self._anfrage(art, "POST", url, daten)
            einsendung.letzter_status = status
            if status == 302 and ziel.startswith(bestaetigung):
                einsendung.bestaetigt = True
                return
            if status and status < 500:
                return  # refused (a form error, 403, 429): counted by its status, not repeated
            self.stopp.wait(self.PAUSE)

    def _anfrage(
        self, art: str, methode: str, pfad: str, daten: dict | None = None
    ) -> tuple[int, str, str]:
        """One request on a new connection (gunicorn's sync workers close each one);
        returns status (0: no answer), body and Location."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if daten is not None:
            body = urlencode(daten, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        beginn = time.monotonic()
        verbindung = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            verbindung.request(methode, pfad, body=body, headers=headers)
            response = verbindung.getresponse()
            seite = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.antworten.append(Antwort(art, 0, beginn, time.monotonic(), False))
            return 0, "", ""
        finally:
            verbindung.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        ausfallseite = (
            response.status == 503
            and AUSFALL_TEXT in seite
            and response.getheader("Retry-After") == "10"
        )
        self.antworten.append(Antwort(art, response.status, beginn, time.monotonic(), ausfallseite))
        return response.status, seite, response.getheader("Location", "")

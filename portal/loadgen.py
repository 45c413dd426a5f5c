"""A small HTTP load generator for `manage.py bench` (the machines have no wrk), and the
gunicorn that `bench` and `loadtest` measure.

Each client is its own process sending GET requests back to back over a keep-alive HTTP/1.1
connection, so the clients do not share a GIL. A server that closes the connection after each
response (gunicorn's sync workers do) is reconnected to, and that time counts as latency, as it
would for a browser. The module imports nothing from Django: the client processes are spawned
fresh and stay small.
"""

import contextlib
import math
import multiprocessing
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
PROJECT = Path(__file__).resolve().parent.parent


def healthz(port: int) -> bool:
    """Whether the portal on that port answers /healthz with 200 (its database is up)."""
    try:
        with socket.create_connection((HOST, port), timeout=2) as sock:
            sock.sendall(f"GET /healthz HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
            return sock.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


@contextlib.contextmanager
def gunicorn(
    workers: int, log_path: Path, env: dict[str, str] | None = None
) -> Iterator[tuple[subprocess.Popen, int]]:
    """gunicorn as in production (sync workers, the settings of `env`, by default this
    process's environment) on a free loopback port, once /healthz answers; stopped with SIGTERM
    at the end, also after an error or Ctrl-C. Yields (process, port)."""
    from gunicorn.config import KNOWN_SETTINGS  # not needed by the client processes

    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    befehl = [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"{HOST}:{port}"]
    befehl += ["--workers", str(workers), "--worker-class", "sync"]
    if any(s.name == "control_socket_disable" for s in KNOWN_SETTINGS):
        befehl.append("--no-control-socket")  # else gunicorn creates ~/.gunicorn/
    with open(log_path, "w") as log:
        # A session of its own: Ctrl-C reaches only the command, which stops gunicorn.
        server = subprocess.Popen(  # noqa: S603
            befehl, cwd=PROJECT, env=env, stdout=log, stderr=log, start_new_session=True
        )
        try:
            while not healthz(port):
                if server.poll() is not None:
                    raise RuntimeError(f"gunicorn did not start; see {log_path}.")
                time.sleep(0.1)
            yield server, port
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@dataclass
class Ergebnis:
    """What the clients saw in one run."""

    seconds: float
    latencies: list[float] = field(default_factory=list)  # sorted, in seconds
    errors: int = 0  # responses other than 2xx and 304, and failed connections
    client_cpu: float = 0.0  # CPU seconds the clients themselves used

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile in milliseconds (0 without requests)."""
        if not self.latencies:
            return 0.0
        rank = max(1, math.ceil(p / 100 * len(self.latencies)))
        return self.latencies[rank - 1] * 1000


def _antwort(sock: socket.socket) -> tuple[int, bool]:
    """Read one response; its status and whether the server closes the connection."""
    daten = b""
    while b"\r\n\r\n" not in daten:
        daten += _recv(sock)
    kopf, _, body = daten.partition(b"\r\n\r\n")
    zeilen = kopf.split(b"\r\n")
    headers = dict(zeile.lower().split(b":", 1) for zeile in zeilen[1:])
    schliesst = b"close" in headers.get(b"connection", b"")
    status = int(zeilen[0].split()[1])
    if status in (204, 304):  # never a body
        return status, schliesst
    if b"content-length" in headers:
        laenge = int(headers[b"content-length"])
        while len(body) < laenge:
            body += _recv(sock)
    elif b"chunked" in headers.get(b"transfer-encoding", b""):
        while not body.endswith(b"0\r\n\r\n"):  # the last chunk (no trailers are sent)
            body += _recv(sock)
    else:  # the body ends with the connection
        while sock.recv(65536):
            pass
        schliesst = True
    return status, schliesst


def _recv(sock: socket.socket) -> bytes:
    if not (daten := sock.recv(65536)):
        raise ConnectionError("The server closed the connection in a response.")
    return daten


def _client(
    host: str, port: int, anfrage: bytes, start: float, ende: float
) -> tuple[list[float], int, float, float]:
    """One client: requests until `ende` (time.monotonic, the same clock in every process).
    Raw sockets rather than http.client: it costs the client half the CPU per request, and
    the client shares the machine with the server."""
    time.sleep(max(0.0, start - time.monotonic()))  # all clients begin together
    cpu = time.process_time()
    latencies, errors, sock = [], 0, None
    while (begonnen := time.monotonic()) < ende:
        try:
            if sock is None:
                sock = socket.create_connection((host, port), timeout=30)
            sock.sendall(anfrage)
            status, schliesst = _antwort(sock)
        except (OSError, ValueError, IndexError):
            errors += 1
            schliesst = True
        else:
            latencies.append(time.monotonic() - begonnen)
            errors += not (200 <= status < 300 or status == 304)  # 304: the browser's copy
        if schliesst and sock is not None:
            sock.close()
            sock = None
    if sock is not None:
        sock.close()
    return latencies, errors, time.process_time() - cpu, time.monotonic()


def _bereit(bereit: threading.Barrier) -> None:
    # Ctrl-C is for the caller, which stops the clients (and its server) in order.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(threading.BrokenBarrierError):
        bereit.wait(timeout=60)


class Lastgenerator:
    """A pool of client processes, started once and used for many runs."""

    def __init__(self, host: str, port: int, max_clients: int = 16) -> None:
        self.host, self.port, self.max_clients = host, port, max_clients
        kontext = multiprocessing.get_context("spawn")
        bereit = kontext.Barrier(max_clients + 1)
        self.pool = kontext.Pool(max_clients, initializer=_bereit, initargs=(bereit,))
        try:
            bereit.wait(timeout=60)  # every process is up: a run starts them all together
        except BaseException:
            self.__exit__()
            raise

    def __enter__(self) -> "Lastgenerator":
        return self

    def __exit__(self, *exc) -> None:
        self.pool.terminate()
        self.pool.join()

    def run(
        self, path: str, clients: int, seconds: float, headers: dict[str, str] | None = None
    ) -> Ergebnis:
        """`clients` clients request `path` for `seconds`; they start together."""
        if not 1 <= clients <= self.max_clients:
            raise ValueError(f"clients must be between 1 and {self.max_clients}.")
        kopf = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        anfrage = f"GET {path} HTTP/1.1\r\n".encode() + b"".join(
            f"{name}: {wert}\r\n".encode() for name, wert in kopf.items()
        )
        # Time enough for every process to get the task before the common start.
        start = time.monotonic() + 0.2
        args = [(self.host, self.port, anfrage + b"\r\n", start, start + seconds)] * clients
        ergebnis = Ergebnis(seconds=seconds)
        ende = start
        for latencies, errors, cpu, fertig in self.pool.starmap(_client, args, chunksize=1):
            ergebnis.latencies += latencies
            ergebnis.errors += errors
            ergebnis.client_cpu += cpu
            ende = max(ende, fertig)
        ergebnis.latencies.sort()
        ergebnis.seconds = ende - start
        return ergebnis

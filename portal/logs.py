"""Request ids and log lines an operator can search, without personal data.

Every request gets an id (the proxy's `X-Request-ID` when it sends a sane one), which every
log line written while the request runs carries and the response returns, so a user's
"Fehler um 10:14" and the proxy's log lead to the same lines. One line per request names the
URL pattern, never the path: paths carry tokens (password reset, e-mail confirmation), query
strings carry search terms and e-mail addresses. IP addresses and form data are not logged
(DSGVO); e-mail and IP addresses that slip into a message or traceback are masked.
"""

from __future__ import annotations

import json
import logging
import re
import time
import traceback
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

# What a proxy may hand us: a token short enough for a log line and free of separators.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
HEADER = "X-Request-ID"

request_logger = logging.getLogger("portal.request")

# Extra fields of a record that a log line may show; anything else (Django's `request`
# object with its POST data and headers) stays out.
EXTRA_FIELDS = ("method", "route", "view", "status", "duration_ms", "status_code")

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IPV4_ADDRESS = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")


def current_request_id() -> str | None:
    """The id of the request being handled in this thread, None outside a request."""
    return _request_id.get()


def mask_personal_data(text: str) -> str:
    return IPV4_ADDRESS.sub("[IP]", EMAIL_ADDRESS.sub("[E-Mail]", text))


def request_route(request: HttpRequest) -> tuple[str, str]:
    """The matched URL pattern and view name; "-" when nothing matched (a 404, or a static
    file whitenoise answered before URL resolution)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        if request.path.startswith(settings.STATIC_URL):
            return settings.STATIC_URL + "…", "static"
        return "-", "-"
    return "/" + match.route.lstrip("^").removesuffix("$"), match.view_name or "-"


def request_id_middleware(get_response: Callable[[HttpRequest], HttpResponse]):
    """Sets the request id for the request's log lines and the response; logs the request."""

    def middleware(request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(HEADER, "")
        request_id = incoming if VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        # Django logs a view's 4xx response after the middleware returned: the filter finds
        # the id on the request then.
        request.request_id = request_id
        started = time.perf_counter()
        try:
            # Django turns a view's exception into a 500 response inside get_response (and
            # logs it under django.request while the id is still set).
            response = get_response(request)
            response[HEADER] = request_id
            route, view = request_route(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            request_logger.info(
                "%s %s %s %s ms",
                request.method,
                route,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "route": route,
                    "view": view,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
            return response
        finally:
            _request_id.reset(token)

    return middleware


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record; replaces the raw path in Django's own request
    messages ("Not Found: /konto/password/reset/key/…") with the URL pattern."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get() or getattr(request, "request_id", None)
        path = getattr(request, "path", None)
        if path and isinstance(record.args, tuple):
            # django.utils.log.log_response escapes its string arguments this way.
            escaped = path.encode("unicode_escape").decode("ascii")
            route = request_route(request)[0]
            record.args = tuple(route if arg in (path, escaped) else arg for arg in record.args)
        return True


class PlainFormatter(logging.Formatter):
    """One readable line (plus a traceback for errors), personal data masked."""

    def __init__(self) -> None:
        super().__init__("{asctime} {levelname} {name} [{request_id}] {message}", style="{")

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = None
        return mask_personal_data(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, the request
    fields of portal.request and, for errors, the exception's type and traceback."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": mask_personal_data(record.getMessage()),
            "request_id": getattr(record, "request_id", None),
        }
        for field in EXTRA_FIELDS:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if record.exc_info and record.exc_info[0] is not None:
            kind = record.exc_info[0]
            line["exc_type"] = (
                kind.__qualname__
                if kind.__module__ == "builtins"
                else f"{kind.__module__}.{kind.__qualname__}"
            )
            line["traceback"] = mask_personal_data(
                "".join(traceback.format_exception(*record.exc_info))
            )
        if record.stack_info:
            line["stack"] = mask_personal_data(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)

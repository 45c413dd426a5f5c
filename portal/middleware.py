"""While the database is away (a restart, a failover, a cut network), every request gets a
German page that says so, with status 503 and `Retry-After`, instead of a 500 and a stack trace;
the error is logged once, at WARNING, without the path or anything the visitor sent.

Three places can meet the failure, so three hooks lead to the same answer:

- a view (most requests): `process_exception`;
- a middleware that loads the session or the user (both are lazy; the first to touch
  `request.user` — staff_mfa_required on every request — runs the queries): the middleware,
  placed directly after AuthenticationMiddleware, loads them itself, so a failure is met here.
  Further out, Django would have turned it into a 500 inside that middleware already;
- saving the session after the view (SessionMiddleware's response phase): Django turns that
  into its 500 handler, `server_error` below.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.log import log_response
from django.views import defaults

logger = logging.getLogger(__name__)

# No connection, or it broke (psycopg's errors as Django wraps them). Also a deadlock or a
# cancelled statement: for those, too, trying again is the right advice. Other database errors
# (a bad query, a violated constraint) are bugs and stay 500s.
DATENBANK_WEG = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10


def ausfall(request: HttpRequest, error: Exception) -> HttpResponse:
    """The outage page. Rendered without the request: no context processor, nothing else that
    could need the database."""
    html = render_to_string(
        "503.html",
        {"portal_name": settings.PORTAL_NAME},
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # no cache may keep the outage
    # Marks the response as logged, so Django's own request logging does not repeat it as an
    # ERROR. The error's type only: its message may quote a query.
    log_response(
        "Database unavailable (%s), answered 503",
        type(error).__name__,
        response=response,
        request=request,
        logger=logger,
        level="warning",
    )
    return response


class DatenbankAusfallMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            request.user.is_authenticated  # noqa: B018 (loads session and user now, see above)
        except DATENBANK_WEG as error:
            return ausfall(request, error)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATENBANK_WEG):
            return ausfall(request, exception)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the outage page for a database failure outside a view, Django's 500 page
    for everything else."""
    error = sys.exc_info()[1]
    if isinstance(error, DATENBANK_WEG):
        return ausfall(request, error)
    return defaults.server_error(request)

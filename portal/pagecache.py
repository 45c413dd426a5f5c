"""A cache of whole public pages for anonymous visitors, with conditional GET.

Most requests are anonymous readers of the same few pages; rendering a list with its count
costs tens of milliseconds, serving it from the cache well under one. Correctness rests on the
content generation: any saved or deleted row of a model that public pages show moves it on,
and a cached page is served only if it was rendered under the current generation, so an
editor's change is visible with the next request, on every web process sharing the cache
(CACHE_URL). Models that public pages never show (applications, volunteers, messages …) are
declared with `private()` so that their constant traffic does not empty the cache.

Time alone changes a few pages too (an item scheduled for 10:00, a call that closes):
PAGE_CACHE_SECONDS bounds how long such a page may lag behind the clock.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

GENERATION_KEY = "seiten:stand"
logger = logging.getLogger(__name__)
_private: set[str] = set()

# Apps whose models can appear on public pages; others (auth, sessions, tasks) never do.
CONTENT_APPS = ("portal", "kontakte", "buendnisse", "foerderung", "ehrenamt")


def private(*labels: str) -> None:
    """Models ("app.Model") whose changes no cached page shows."""
    _private.update(label.lower() for label in labels)


def generation() -> int:
    """The current content generation, in nanoseconds since the epoch of the last change."""
    value = cache.get(GENERATION_KEY)
    if value is None:  # a fresh or flushed cache: start a generation no page was cached under
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY) or time.time_ns()
    return value


def _new_generation() -> None:
    try:
        cache.set(GENERATION_KEY, time.time_ns(), None)
    except Exception:  # the cache server is away: pages lag by PAGE_CACHE_SECONDS at most
        logger.warning("Page cache unreachable; content generation not moved on", exc_info=True)


def content_changed() -> None:
    """Move the generation on now and again after the commit: a page rendered between the two
    from not yet committed data is then never served."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _on_change(sender, **kwargs) -> None:
    if kwargs.get("raw") or kwargs.get("action", "post").startswith("pre"):
        return  # loaddata; the announcement before a many-to-many change
    # For a many-to-many change the sender is the link table; the row it belongs to decides.
    model = type(kwargs["instance"]) if "action" in kwargs else sender
    if model._meta.app_label in CONTENT_APPS and model._meta.label_lower not in _private:
        content_changed()


def connect() -> None:
    for model in apps.get_models():
        if model._meta.app_label in CONTENT_APPS:
            post_save.connect(_on_change, sender=model, dispatch_uid=f"pagecache-{model}")
            post_delete.connect(_on_change, sender=model, dispatch_uid=f"pagecache-d-{model}")
    m2m_changed.connect(_on_change, dispatch_uid="pagecache-m2m")


def _cacheable_request(request: HttpRequest) -> bool:
    """Anonymous, no session or pending messages: the page is the same for everyone."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")  # previews, downloads decide themselves
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a form with a token
    )


def _finish(request: HttpRequest, response: HttpResponse, etag: str, changed: int):
    last_modified = changed // 1_000_000_000
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    # Browsers ask again each time, and mostly get a 304; the page differs for signed-in users.
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return (
        get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
        or response
    )


def public(view: Callable) -> Callable:
    """Cache the view's page for anonymous visitors and answer conditional requests."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = "seite:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()
        try:
            values = cache.get_many([GENERATION_KEY, key])
            current = values.get(GENERATION_KEY) or generation()
        except Exception:  # a cache outage slows the site down; it must not take it down
            logger.warning("Page cache unreachable; rendering without it", exc_info=True)
            return view(request, *args, **kwargs)
        cached = values.get(key)
        if cached and cached[0] == current:
            _, content_type, content, etag = cached
            response = HttpResponse(content, content_type=content_type)
            return _finish(request, response, etag, current)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if not _cacheable_response(request, response):
            return response
        etag = '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
        entry = (current, response["Content-Type"], response.content, etag)
        try:
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("Page cache unreachable; page not stored", exc_info=True)
        return _finish(request, response, etag, current)

    return wrapper

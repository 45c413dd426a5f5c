"""A small limit on the POSTs to the public forms that store something or send mail.

FORM_RATE_LIMIT posts per client and minute reach each such form; the next one within the
minute is answered with 429 before the view runs, so nothing is stored and no mail goes out.
GET is never limited. The counts live in Django's cache, which all web processes share when
CACHE_URL is set (with a cache per process, each process counts for itself).

The client is its address as allauth determines it for the login limits: REMOTE_ADDR, or
behind the TLS proxy the address the proxy saw (see ALLAUTH_TRUSTED_PROXY_COUNT in the
settings). An IPv6 client is counted by its /64 network, since it holds all of it. Only a
keyed hash of the address goes into the cache key, never the address itself (DSGVO).
"""

import ipaddress
from collections.abc import Callable
from functools import wraps

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.crypto import salted_hmac

WINDOW_SECONDS = 60


def client_hash(request: HttpRequest) -> str:
    """The client's address (REMOTE_ADDR, or behind the TLS proxy the address it saw) as a hash
    that cannot be turned back without the SECRET_KEY."""
    address = get_adapter(request).get_client_ip(request)
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        address = str(ipaddress.IPv6Network(f"{ip}/64", strict=False).network_address)
    return salted_hmac("portal.ratelimit", address, algorithm="sha256").hexdigest()


def _count(scope: str, request: HttpRequest) -> int:
    """Counts this post and returns how many came from the client in its current minute.

    The minute starts with the client's first post (the key's expiry), so the limit does not
    depend on where the clock's minute boundary happens to fall.
    """
    key = f"ratelimit:{scope}:{client_hash(request)}"
    if cache.add(key, 1, timeout=WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)  # atomic, and keeps the key's expiry
    except ValueError:  # expired between add() and incr(): a new minute begins
        cache.add(key, 1, timeout=WINDOW_SECONDS)
        return 1


def limit_posts(scope: str) -> Callable:
    """Refuses a client's posts to the decorated view beyond FORM_RATE_LIMIT a minute.

    `scope` names the form, so that each form has its own count.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            limit = settings.FORM_RATE_LIMIT
            if request.method == "POST" and limit and _count(scope, request) > limit:
                response = render(request, "zu_viele_anfragen.html", status=429)
                response["Retry-After"] = str(WINDOW_SECONDS)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator

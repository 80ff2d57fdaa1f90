"""Keeping the public enquiry form free of spam without a third-party service.

Three checks, none of which asks a person to prove anything: a honeypot field people never see,
a signed timestamp (a form sent within seconds of being shown was not filled in by a person),
and a limit of enquiries per address per hour, counted in Django's cache.
"""

import hashlib
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

SALT = "coopcare.starting.enquiry-started"
MIN_SECONDS = 3
MAX_AGE_SECONDS = 24 * 3600
WINDOW_SECONDS = 3600


def per_hour() -> int:
    return int(getattr(settings, "STARTING_ENQUIRIES_PER_HOUR", 5))


def started_token(at: float | None = None) -> str:
    """The value of the form's hidden "started" field: when the form was shown, signed."""
    return signing.dumps(at if at is not None else time.time(), salt=SALT)


def _started_at(token: str) -> float | None:
    try:
        started = float(signing.loads(token or "", salt=SALT, max_age=MAX_AGE_SECONDS))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    # The signature's own age and the time inside it should agree; trust neither alone.
    return started if 0 <= time.time() - started <= MAX_AGE_SECONDS else None


def token_usable(token: str) -> bool:
    """Ours and not expired (it may still be too recent)."""
    return _started_at(token) is not None


def filled_in_by_a_person(token: str) -> bool:
    """The token is ours, recent, and was issued at least a few seconds ago."""
    started = _started_at(token)
    return started is not None and time.time() - started >= MIN_SECONDS


def _key(request: HttpRequest) -> str:
    # Uses allauth's reading of the client address, so it honours the same proxy settings as
    # the sign-in limits. Hashed: the cache never holds a raw address.
    ip = get_adapter().get_client_ip(request)
    return "starting:enquiries:" + hashlib.sha256(ip.encode()).hexdigest()


def limit_reached(request: HttpRequest) -> bool:
    return (cache.get(_key(request)) or 0) >= per_hour()


def count_enquiry(request: HttpRequest) -> None:
    key = _key(request)
    if not cache.add(key, 1, timeout=WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=WINDOW_SECONDS)

"""How the API knows who is calling: the browser session (with CSRF) or a personal access token.

Both hand the endpoint the same thing in ``request.auth``: the person, an active account.
Endpoints use ``request.auth``, never ``request.user``, which is anonymous for token calls.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from coopcare.api.selectors import find_usable_token
from coopcare.api.services import note_token_used

WRONG_GUESS_RATE = "20/min"
# Generous for a script paging through a circle's records; low enough that a runaway loop or a
# stolen token cannot hammer the database.
PERSON_RATES = ("120/min", "5000/hour")


class CoopSessionAuth(SessionAuth):
    """A signed-in browser session; unsafe methods must carry the CSRF token.

    Ninja's ``SessionAuth`` checks CSRF before it knows whether there is a session at all, which
    would refuse a script's PATCH that carries only a bearer token. A request without a signed-in
    session has nothing a forged request could borrow, so it passes on to the token check.
    """

    def __call__(self, request: HttpRequest) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        return super().__call__(request)


class FailedTokenThrottle(AnonRateThrottle):
    """Counts wrong tokens per client address, so guessing is slow as well as hopeless."""

    scope = "failed_token"

    def is_blocked(self, request: HttpRequest) -> bool:
        self.key = self.get_cache_key(request)
        history = self.cache.get(self.key, [])
        now = self.timer()
        return len([t for t in history if t > now - self.duration]) >= self.num_requests

    def record_failure(self, request: HttpRequest) -> None:
        self.allow_request(request)


class PersonalTokenAuth(HttpBearer):
    """``Authorization: Bearer cc_…`` — a personal access token, unrevoked and in date."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        throttle = FailedTokenThrottle(WRONG_GUESS_RATE)
        if throttle.is_blocked(request):
            raise HttpError(429, _("Too many wrong tokens from this address. Wait a minute."))
        found = find_usable_token(token.strip())
        if found is None:
            throttle.record_failure(request)
            return None
        note_token_used(found)
        return found.person


class PersonRateThrottle(AuthRateThrottle):
    """Requests per person, however they signed in.

    Ninja's ``AuthRateThrottle`` keys on ``str(request.auth)``, which for us is a person's
    display name — shared by namesakes and changed at will — so key on the account id instead.
    """

    def __init__(self, rate: str) -> None:
        super().__init__(rate)
        # One history per window: a per-minute and a per-hour limit must not share a cache key.
        self.scope = f"person_{self.duration}s"

    def get_cache_key(self, request: HttpRequest) -> str:
        person = getattr(request, "auth", None)
        ident = f"person-{person.pk}" if person is not None else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def person_throttles() -> list[PersonRateThrottle]:
    return [PersonRateThrottle(rate) for rate in PERSON_RATES]

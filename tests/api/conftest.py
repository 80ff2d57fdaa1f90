"""Helpers for API tests: tokens, bearer clients, and a clean rate-limit cache per test."""

import pytest
from django.core.cache import cache
from django.test import Client

from coopcare.api.services import create_token


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate limits live in the cache, keyed by account id; ids are reused between tests.
    cache.clear()
    yield
    cache.clear()


def bearer(raw: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def as_token():
    """``as_token(alice).get(url)`` — a client that calls the API with a new token of alice's."""

    def make(person, days: int = 30) -> Client:
        _token, raw = create_token(person, "test script", days)
        return bearer(raw)

    return make


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, as in tests/browser (no browser download)."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture(scope="session")
def allow_orm_beside_playwright():
    """Ask for this first in a browser test. Playwright's sync API keeps an event loop in this
    thread; the live server's database set-up and the test's own data still run here."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield

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

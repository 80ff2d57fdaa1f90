"""Fixtures for the team discussion: a thread in Olive's team, API clients, a clock."""

import pytest
from django.core.cache import cache

from coopcare.api.services import create_token
from coopcare.discussion.services import post_reply, start_thread
from tests.api.conftest import bearer


@pytest.fixture
def as_token():
    """``as_token(alice).get(url)`` — calls the API with a new token of the person's."""
    cache.clear()  # rate limits are kept per account id, and ids are reused between tests

    def make(person):
        _token, raw = create_token(person, "test script", 30)
        return bearer(raw)

    yield make
    cache.clear()


@pytest.fixture
def thread(team, owner, worker):
    """A thread Olive started in her team, with a reply from Wren."""
    started = start_thread(owner, team, "Tuesday's visit", "Can someone swap with me on Tuesday?")
    post_reply(worker, started, "I can do Tuesday.")
    return started


from tests.browser.conftest import browser_type_launch_args  # noqa: E402, F401  (a fixture)

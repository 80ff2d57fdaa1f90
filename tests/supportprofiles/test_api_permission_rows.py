"""The permission-matrix API rows of tests/matrix/supportprofiles.py, checked against the router
whether or not the site API mounts it yet (the site matrix counts them only once it does)."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for
from tests.matrix.supportprofiles import API_ROWS
from tests.supportprofiles.api_urls import MOUNTED
from tests.test_permission_matrix import PERSONAS, world  # noqa: F401  (a fixture)
from tests.test_permission_matrix import request as send


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_on_every_api_route(
    world,  # noqa: F811  (the matrix's fixture, imported above)
    persona,
    api_urls,
):
    namespace = "api" if MOUNTED else "api_supportprofiles"
    person = world["persona"][persona]
    client = Client() if person is None else client_for(person)
    problems = []
    for name, (method, key, expected) in API_ROWS.items():
        cache.clear()  # each row is one request; rate limits are not what this checks
        url = reverse(
            name.replace("api:", f"{namespace}:"), kwargs=world["kwargs"][key] if key else {}
        )
        status = send(client, method, url).status_code
        # As in the site matrix: an empty PATCH/PUT body refused as input counts as let in.
        if method in {"PATCH", "PUT"} and status in {400, 422}:
            status = 200
        if status != expected[persona]:
            problems.append(f"{method} {url} ({name}): got {status}, expected {expected[persona]}")
    assert problems == [], "\n".join(problems)

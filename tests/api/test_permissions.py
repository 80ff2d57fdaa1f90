"""Every API route, for every persona: → the status they get. A route with no row fails."""

import pytest
from django.test import Client

from coopcare.api.api import api
from tests.conftest import client_for

PERSONAS = ("anonymous", "applicant", "alice", "dan")

# (method, path template, body, {persona: status}). {bob} is a member in alice's circle.
MATRIX = [
    ("get", "/api/me", None, {"anonymous": 401, "applicant": 200, "alice": 200, "dan": 200}),
    (
        "get",
        "/api/me/profile",
        None,
        {"anonymous": 401, "applicant": 200, "alice": 200, "dan": 200},
    ),
    (
        "patch",
        "/api/me/profile",
        {"pronouns": "they/them"},
        {"anonymous": 401, "applicant": 200, "alice": 200, "dan": 200},
    ),
    (
        "get",
        "/api/me/privacy",
        None,
        {"anonymous": 401, "applicant": 200, "alice": 200, "dan": 200},
    ),
    (
        "put",
        "/api/me/privacy/{section}",
        {"audience": "members"},
        {"anonymous": 401, "applicant": 200, "alice": 200, "dan": 200},
    ),
    (
        "get",
        "/api/people/{person_id}",
        None,
        {"anonymous": 401, "applicant": 404, "alice": 200, "dan": 200},
    ),
    ("get", "/api/circles", None, {"anonymous": 401, "applicant": 403, "alice": 200, "dan": 200}),
    (
        "get",
        "/api/circles/{slug}",
        None,
        {"anonymous": 401, "applicant": 403, "alice": 200, "dan": 200},
    ),
    ("get", "/api/hats", None, {"anonymous": 401, "applicant": 403, "alice": 200, "dan": 200}),
]


FOUNDATION_PREFIXES = ("/api/me", "/api/people", "/api/circles", "/api/hats")
# Later routers also live under /api/me (my appointments, my calendar feed): their tags differ.
FOUNDATION_TAGS = {"me", "people", "circles"}


def test_it_has_a_row_for_every_route_of_the_foundation_routers():
    """Later capabilities' API routes are covered by tests/test_permission_matrix.py."""
    schema = api.get_openapi_schema()
    routes = {
        (method, path)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if path.startswith(FOUNDATION_PREFIXES) and set(operation.get("tags", [])) & FOUNDATION_TAGS
    }
    assert routes == {(method, path) for method, path, _body, _expected in MATRIX}


@pytest.mark.parametrize(("method", "path", "body", "expected"), MATRIX)
def test_it_gives_each_persona_the_right_status(
    request, bob, applicant, alice, dan, method, path, body, expected
):
    url = path.format(section="name", person_id=bob.pk, slug="leeds")
    for persona in PERSONAS:
        client = (
            Client() if persona == "anonymous" else client_for(request.getfixturevalue(persona))
        )
        if body is None:
            response = getattr(client, method)(url)
        else:
            response = getattr(client, method)(url, body, content_type="application/json")
        assert response.status_code == expected[persona], (persona, method, url)

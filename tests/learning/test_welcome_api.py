"""Welcome routes through the JSON API: the same rules as the pages."""

import json

import pytest
from django.core.cache import cache

from coopcare.api.services import create_token
from coopcare.learning.models import WelcomeRoute
from coopcare.learning.services.welcome import start_welcome
from tests.api.conftest import bearer


@pytest.fixture
def as_token():
    cache.clear()

    def make(person):
        _token, raw = create_token(person, "test script", 30)
        return bearer(raw)

    yield make
    cache.clear()


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _list(circle) -> str:
    return f"/api/learning/circles/{circle.pk}/welcome"


def test_the_coach_starts_lists_and_ticks(as_token, coach, leeds_circle, alice, worker):
    client = as_token(coach)
    response = _post(client, _list(leeds_circle), {"newcomer_id": alice.pk, "buddy_id": worker.pk})
    assert response.status_code == 200
    body = response.json()
    assert body["newcomer"] == {"id": alice.pk, "name": "Alice Ashworth"}
    assert body["welcomer"]["id"] == coach.pk
    steps = {s["step"]: s for s in body["steps"]}
    assert steps["buddy"]["done"] and not steps["shadowing"]["done"]
    listed = client.get(_list(leeds_circle)).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == body["id"]
    ticked = _post(
        client, f"/api/learning/welcome/{body['id']}/ticks", {"step": "shadowing", "note": "ok"}
    ).json()
    assert {s["step"]: s["done"] for s in ticked["steps"]}["shadowing"]


def test_the_newcomer_reads_their_route(as_token, coach, leeds_circle, alice):
    route = start_welcome(coach, leeds_circle, alice)
    body = as_token(alice).get(f"/api/learning/welcome/{route.pk}").json()
    assert body["welcomer"] == {"id": coach.pk, "name": "Cora Coach"}
    assert len(body["steps"]) == 5


def test_refusals(as_token, coach, other_coach, leeds_circle, alice, bob, client):
    route = start_welcome(coach, leeds_circle, alice)
    assert client.get(_list(leeds_circle)).status_code == 401
    assert client.get(f"/api/learning/welcome/{route.pk}").status_code == 401
    hugo = as_token(other_coach)
    assert hugo.get(_list(leeds_circle)).status_code == 403
    assert _post(hugo, _list(leeds_circle), {"newcomer_id": bob.pk}).status_code == 403
    assert hugo.get(f"/api/learning/welcome/{route.pk}").status_code == 404
    tick = _post(hugo, f"/api/learning/welcome/{route.pk}/ticks", {"step": "shadowing"})
    assert tick.status_code == 404
    assert as_token(bob).get("/api/learning/circles/999999/welcome").status_code == 404
    cora = as_token(coach)
    bad = _post(cora, f"/api/learning/welcome/{route.pk}/ticks", {"step": "dance"})
    assert bad.status_code == 400 and bad.json()["field"] == "step"
    again = _post(cora, _list(leeds_circle), {"newcomer_id": alice.pk})
    assert again.status_code == 400 and again.json()["field"] == "newcomer"
    nobody = _post(cora, _list(leeds_circle), {"newcomer_id": 999999})
    assert nobody.status_code == 400 and nobody.json()["field"] == "newcomer"
    assert _post(cora, _list(leeds_circle), {"buddy_id": 3}).status_code == 422
    buddy = _post(cora, f"/api/learning/welcome/{route.pk}/buddy", {"buddy_id": bob.pk})
    assert buddy.status_code == 400 and buddy.json()["field"] == "buddy"
    assert WelcomeRoute.objects.count() == 1 and not route.ticks.exists()

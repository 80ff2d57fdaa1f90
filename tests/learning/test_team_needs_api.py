"""A team's learning needs through the JSON API: the same rules as the page."""

import json

import pytest
from django.core.cache import cache
from django.test import Client

from coopcare.api.services import create_token
from coopcare.learning.models import TeamNeed
from coopcare.learning.services.needs import mark_need
from coopcare.notifications.models import Notification
from tests.api.conftest import bearer

JSON = "application/json"


@pytest.fixture
def as_token():
    cache.clear()  # rate limits are kept per account id, and ids are reused between tests

    def make(person):
        _token, raw = create_token(person, "test script", 30)
        return bearer(raw)

    yield make
    cache.clear()


def _post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type=JSON)


def test_the_owner_marks_and_ends_a_need(as_token, team, owner, worker):
    client = as_token(owner)
    base = f"/api/learning/teams/{team.pk}/needs"
    marked = _post(client, base, {"topic_slug": "awareness-autism", "note": "Diagnosed in May."})
    assert marked.status_code == 200, marked.content
    need = marked.json()
    assert need["topic_name"] == "Autism awareness" and need["ended_at"] is None
    assert need["marked_by"]["id"] == owner.pk
    assert (
        Notification.objects.filter(recipient=worker, kind="learning.new_requirement").count() == 1
    )
    listed = client.get(base).json()
    assert listed["can_mark"] is True and [n["id"] for n in listed["current"]] == [need["id"]]
    assert listed["offered"][0]["triggered"] is True
    ended = _post(client, f"/api/learning/needs/{need['id']}/end")
    assert ended.status_code == 200 and ended.json()["ended_at"] is not None
    assert (
        Notification.objects.filter(recipient=worker, kind="learning.new_requirement").count() == 2
    )
    again = _post(client, f"/api/learning/needs/{need['id']}/end")
    assert again.status_code == 400 and "already ended" in again.json()["detail"]


def test_a_worker_reads_but_may_not_mark_or_end(as_token, team, owner, worker):
    need = mark_need(owner, team, "awareness-ptsd", "After the accident.")
    client = as_token(worker)
    listed = client.get(f"/api/learning/teams/{team.pk}/needs").json()
    assert listed["can_mark"] is False and listed["current"][0]["note"] == "After the accident."
    refused = _post(
        client, f"/api/learning/teams/{team.pk}/needs", {"topic_slug": "awareness-stroke"}
    )
    assert refused.status_code == 403
    assert _post(client, f"/api/learning/needs/{need.pk}/end").status_code == 403
    assert TeamNeed.objects.filter(ended_at__isnull=True).count() == 1


@pytest.mark.parametrize("who", ["outsider", "other_coach", "alice"])
def test_people_outside_the_team_get_404(as_token, request, team, owner, who):
    need = mark_need(owner, team, "awareness-ptsd")
    client = as_token(request.getfixturevalue(who))
    assert client.get(f"/api/learning/teams/{team.pk}/needs").status_code == 404
    mark = _post(client, f"/api/learning/teams/{team.pk}/needs", {"topic_slug": "awareness-stroke"})
    assert mark.status_code == 404
    assert _post(client, f"/api/learning/needs/{need.pk}/end").status_code == 404
    assert _post(client, "/api/learning/needs/999999/end").status_code == 404


def test_without_credentials_it_is_401(team):
    assert Client().get(f"/api/learning/teams/{team.pk}/needs").status_code == 401


def test_a_topic_already_needed_or_unknown_is_400(as_token, team, owner):
    client = as_token(owner)
    base = f"/api/learning/teams/{team.pk}/needs"
    assert _post(client, base, {"topic_slug": "awareness-stroke"}).status_code == 200
    twice = _post(client, base, {"topic_slug": "awareness-stroke"})
    assert twice.status_code == 400 and twice.json()["field"] == "topic"
    assert "already marked" in twice.json()["detail"]
    unknown = _post(client, base, {"topic_slug": "juggling"})
    assert unknown.status_code == 400 and unknown.json()["field"] == "topic"


def test_a_request_not_shaped_as_documented_is_422(as_token, team, owner):
    client = as_token(owner)
    base = f"/api/learning/teams/{team.pk}/needs"
    assert _post(client, base, {"note": "no topic"}).status_code == 422
    assert (
        _post(client, base, {"topic_slug": "awareness-stroke", "note": "x" * 301}).status_code
        == 422
    )
    assert not TeamNeed.objects.exists()

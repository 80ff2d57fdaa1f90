"""A circle's learning policy through the JSON API: the same rules as the pages."""

import json

import pytest
from django.core.cache import cache
from django.test import Client

from coopcare.api.services import create_token
from coopcare.learning.models import PolicyChange, Topic
from coopcare.learning.requirements import policy_for
from tests.api.conftest import bearer
from tests.factories import UserFactory

JSON = "application/json"
REASON = "Agreed at the circle meeting."


@pytest.fixture
def as_token():
    cache.clear()  # rate limits are kept per account id, and ids are reused between tests

    def make(person):
        _token, raw = create_token(person, "test script", 30)
        return bearer(raw)

    yield make
    cache.clear()


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type=JSON)


def _patch(client, url, body):
    return client.patch(url, data=json.dumps(body), content_type=JSON)


def _topic(circle, slug):
    return Topic.objects.get(policy=policy_for(circle), slug=slug)


def test_a_member_reads_the_policy(as_token, alice, leeds_circle):
    response = as_token(alice).get(f"/api/learning/circles/{leeds_circle.pk}/policy")
    assert response.status_code == 200
    body = response.json()
    assert body["circle_name"] == "Leeds Circle" and body["can_change"] is False
    by_slug = {t["slug"]: t for t in body["topics"]}
    assert len(by_slug) == 60 and body["retired"] == []
    competence = by_slug["medicines-competence"]
    assert competence["observed"] is True and competence["support_kinds"] == ["medicines"]
    assert competence["how_often"] == "every year"
    assert by_slug["awareness-dementia"]["triggered"] is True
    assert by_slug["safer-recruitment"]["required_of"] == ["People wearing the hat: Recruiter"]


def test_the_coach_adds_changes_retires_and_restores_a_topic(as_token, coach, leeds_circle):
    client = as_token(coach)
    added = _post(
        client,
        f"/api/learning/circles/{leeds_circle.pk}/policy/topics",
        {
            "name": "Sign language",
            "interval": "custom",
            "custom_months": 18,
            "member_kinds": ["volunteer"],
            "reason": REASON,
        },
    )
    assert added.status_code == 200, added.content
    topic = added.json()
    assert (topic["slug"], topic["how_often"]) == ("sign-language", "every 18 months")
    url = f"/api/learning/topics/{topic['id']}"
    changed = _patch(client, url, {"interval": "yearly", "reason": REASON})
    assert changed.status_code == 200, changed.content
    assert (changed.json()["interval"], changed.json()["custom_months"]) == ("yearly", None)
    retired = _post(client, url + "/retire", {"reason": REASON})
    assert retired.status_code == 200 and retired.json()["retired_at"] is not None
    restored = _post(client, url + "/restore", {"reason": REASON})
    assert restored.status_code == 200 and restored.json()["retired_at"] is None
    changes = client.get(f"/api/learning/circles/{leeds_circle.pk}/policy/changes").json()
    assert changes["count"] == 4
    assert [c["action"] for c in changes["items"]] == ["restored", "retired", "changed", "added"]
    assert changes["items"][2]["changes"] == {
        "interval": ["custom", "yearly"],
        "custom_months": [18, None],
    }
    assert changes["items"][0]["changed_by"] == {"id": coach.pk, "name": "Cora Coach"}


def test_the_changes_come_in_pages(as_token, coach, alice, leeds_circle):
    from coopcare.learning.services.policy import add_topic

    for n in range(26):
        add_topic(coach, leeds_circle, name=f"Topic {n}", reason=REASON)
    url = f"/api/learning/circles/{leeds_circle.pk}/policy/changes"
    first = as_token(alice).get(url).json()
    assert first["count"] == 26 and len(first["items"]) == 25
    assert len(as_token(alice).get(url + "?page=2").json()["items"]) == 1
    assert as_token(alice).get(url + "?page=0").status_code == 422


def test_without_credentials_it_is_401(leeds_circle):
    assert Client().get(f"/api/learning/circles/{leeds_circle.pk}/policy").status_code == 401


def test_it_is_not_found_for_people_outside_the_co_op(as_token, leeds_circle):
    client = as_token(UserFactory())
    assert client.get(f"/api/learning/circles/{leeds_circle.pk}/policy").status_code == 404
    topic = _topic(leeds_circle, "fire-safety")
    refused = _patch(client, f"/api/learning/topics/{topic.pk}", {"name": "x", "reason": "x"})
    assert refused.status_code == 404
    assert client.get("/api/learning/circles/999999/policy").status_code == 404


@pytest.mark.parametrize("who", ["alice", "other_coach", "worker"])
def test_members_without_the_hat_are_refused_403(as_token, request, leeds_circle, who):
    client = as_token(request.getfixturevalue(who))
    topic = _topic(leeds_circle, "fire-safety")
    add = _post(
        client,
        f"/api/learning/circles/{leeds_circle.pk}/policy/topics",
        {"name": "x", "reason": REASON},
    )
    assert add.status_code == 403 and add.json()["detail"]
    assert _patch(client, f"/api/learning/topics/{topic.pk}", {"name": "x"}).status_code == 403
    retire = _post(client, f"/api/learning/topics/{topic.pk}/retire", {"reason": REASON})
    assert retire.status_code == 403
    assert not PolicyChange.objects.exists()


def test_a_rule_broken_is_400_with_the_field(as_token, coach, leeds_circle):
    client = as_token(coach)
    url = f"/api/learning/circles/{leeds_circle.pk}/policy/topics"
    no_reason = _post(client, url, {"name": "Knots"})
    assert no_reason.status_code == 400
    assert (
        no_reason.json()["field"] == "reason"
        and "decisions of the circle" in no_reason.json()["detail"]
    )
    months = _post(
        client, url, {"name": "Knots", "interval": "custom", "custom_months": 200, "reason": "r"}
    )
    assert months.status_code == 400 and months.json()["field"] == "custom_months"
    kind = _post(client, url, {"name": "Knots", "hats": ["wizard"], "reason": "r"})
    assert kind.status_code == 400 and kind.json()["field"] == "hats"
    topic = _topic(leeds_circle, "fire-safety")
    same = _patch(
        client, f"/api/learning/topics/{topic.pk}", {"name": "Fire safety", "reason": "r"}
    )
    assert same.status_code == 400 and "Nothing is different" in same.json()["detail"]
    restore = _post(client, f"/api/learning/topics/{topic.pk}/restore", {"reason": "r"})
    assert restore.status_code == 400


def test_a_request_not_shaped_as_documented_is_422(as_token, coach, leeds_circle):
    client = as_token(coach)
    url = f"/api/learning/circles/{leeds_circle.pk}/policy/topics"
    assert _post(client, url, {"interval": "yearly", "reason": "r"}).status_code == 422
    assert _post(client, url, {"name": "x", "member_kinds": "volunteer"}).status_code == 422
    topic = _topic(leeds_circle, "fire-safety")
    shapeless = _patch(client, f"/api/learning/topics/{topic.pk}", {"custom_months": "many"})
    assert shapeless.status_code == 422
    assert not PolicyChange.objects.exists()

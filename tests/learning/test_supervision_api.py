"""Peer supervision through the JSON API: the same pair-only rules as the pages."""

import json

import pytest
from django.core.cache import cache
from django.utils import timezone

from coopcare.api.services import create_token
from coopcare.learning.models import CheckIn, SupervisionPair
from coopcare.learning.services.supervision import answer_pair, ask_pair, record_check_in
from tests.api.conftest import bearer

SECRET = "Feeling stretched this month."


@pytest.fixture
def as_token():
    cache.clear()

    def make(person):
        _token, raw = create_token(person, "test script", 30)
        return bearer(raw)

    yield make
    cache.clear()


def _post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def test_a_pair_from_ask_to_check_in(as_token, worker, alice):
    wren, ali = as_token(worker), as_token(alice)
    asked = _post(wren, "/api/learning/supervision", {"person_id": alice.pk, "kind": "ask"})
    assert asked.status_code == 200
    pair = asked.json()
    assert pair["status"] == "asked" and pair["supervisor"]["name"] == "Alice Ashworth"
    base = f"/api/learning/supervision/{pair['id']}"
    assert _post(wren, base + "/answer", {"accept": True}).status_code == 403
    answered = _post(ali, base + "/answer", {"accept": True}).json()
    assert answered["status"] == "active" and answered["next_due"]
    assert _post(ali, base + "/cadence", {"every_days": 30}).json()["every_days"] == 30
    today = timezone.localdate().isoformat()
    made = _post(wren, base + "/check-ins", {"held_on": today, "notes": SECRET})
    assert made.status_code == 200 and made.json()["notes"] == SECRET
    listed = ali.get(base + "/check-ins").json()
    assert listed["count"] == 1 and listed["items"][0]["notes"] == SECRET
    assert [p["id"] for p in wren.get("/api/learning/supervision").json()] == [pair["id"]]
    assert wren.get(base).json()["last_check_in"] == today
    ended = _post(wren, base + "/end")
    assert ended.status_code == 200 and ended.json()["status"] == "ended"


def test_nobody_else_reads_the_check_ins(as_token, worker, alice, bob, coach, admin, client):
    pair = answer_pair(alice, ask_pair(worker, alice), True)
    record_check_in(worker, pair, held_on=timezone.localdate(), notes=SECRET)
    base = f"/api/learning/supervision/{pair.pk}"
    assert client.get(base + "/check-ins").status_code == 401
    assert client.get("/api/learning/supervision").status_code == 401
    for person in (bob, coach, admin):
        api = as_token(person)
        assert api.get(base).status_code == 404
        response = api.get(base + "/check-ins")
        assert response.status_code == 404 and SECRET not in response.content.decode()
        made = _post(api, base + "/check-ins", {"held_on": "2020-01-01", "notes": "x"})
        assert made.status_code == 404
        assert _post(api, base + "/end").status_code == 404
        assert _post(api, base + "/answer", {"accept": True}).status_code == 404
        assert _post(api, base + "/cadence", {"every_days": 30}).status_code == 404
        assert SECRET not in api.get("/api/learning/supervision").content.decode()
    assert CheckIn.objects.count() == 1


def test_refusals_say_why(as_token, worker, alice, applicant):
    wren = as_token(worker)
    myself = _post(wren, "/api/learning/supervision", {"person_id": worker.pk})
    assert myself.status_code == 400 and myself.json()["field"] == "person"
    stranger = _post(wren, "/api/learning/supervision", {"person_id": applicant.pk})
    assert stranger.status_code == 400 and stranger.json()["field"] == "person"
    odd = _post(wren, "/api/learning/supervision", {"person_id": alice.pk, "kind": "boss"})
    assert odd.status_code == 400 and odd.json()["field"] == "kind"
    assert _post(wren, "/api/learning/supervision", {"kind": "ask"}).status_code == 422
    refused = _post(as_token(applicant), "/api/learning/supervision", {"person_id": alice.pk})
    assert refused.status_code == 403
    pair = answer_pair(alice, ask_pair(worker, alice), True)
    base = f"/api/learning/supervision/{pair.pk}"
    assert _post(wren, base + "/cadence", {"every_days": 120}).status_code == 400
    future = _post(wren, base + "/check-ins", {"held_on": "2999-01-01"})
    assert future.status_code == 400 and future.json()["field"] == "held_on"
    assert _post(wren, base + "/check-ins", {"held_on": "soon"}).status_code == 422
    assert _post(wren, base + "/answer", {"accept": True}).status_code in (400, 403)
    assert wren.get("/api/learning/supervision/999999").status_code == 404
    assert SupervisionPair.objects.count() == 1


def test_someone_whose_name_is_hidden_cannot_be_asked_by_id(as_token, worker, outsider):
    """Otto is a co-op member, so someone Wren may ask, but his name is his own: the page would
    not offer him, and an id must not reveal his name."""
    from coopcare.members.models import Audience, PrivacyChoice, Section

    PrivacyChoice.objects.create(person=outsider, section=Section.NAME, audience=Audience.ONLY_ME)
    wren = as_token(worker)
    for person_id in (outsider.pk, 999_999):
        response = _post(wren, "/api/learning/supervision", {"person_id": person_id})
        assert response.status_code == 400 and response.json()["field"] == "person"
        assert b"Otto" not in response.content and b"Ormerod" not in response.content
    assert not SupervisionPair.objects.exists()

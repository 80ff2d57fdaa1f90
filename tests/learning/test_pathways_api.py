"""Pathways through the JSON API: the same rules as the pages."""

import json

import pytest
from django.core.cache import cache

from coopcare.api.services import create_token
from coopcare.learning.models import Pathway
from coopcare.learning.services.pathways import (
    VOLUNTEER_TO_PAID,
    ensure_default_pathways,
    start_journey,
)
from tests.api.conftest import bearer
from tests.learning.conftest import learned

STAGE_1 = ["safeguarding-adults", "safeguarding-children", "oliver-mcgowan-tier-1"]


@pytest.fixture
def pathway(db):
    ensure_default_pathways()
    return Pathway.objects.get(slug=VOLUNTEER_TO_PAID)


@pytest.fixture
def as_token():
    cache.clear()

    def make(person):
        _token, raw = create_token(person, "test script", 30)
        return bearer(raw)

    yield make
    cache.clear()


def test_the_api(as_token, worker, coach, other_coach, client, pathway):
    api = as_token(worker)
    [listed] = api.get("/api/learning/pathways").json()
    assert listed["slug"] == VOLUNTEER_TO_PAID and listed["journey"] is None
    assert listed["stages"][0]["topics"][0]["status"] == "missing"
    started = api.post(f"/api/learning/pathways/{pathway.pk}/journeys")
    assert started.status_code == 200
    journey = started.json()
    assert len(journey["missing"]) == 3 and journey["moves"][0]["stage"] == "Volunteer"
    again = api.post(f"/api/learning/pathways/{pathway.pk}/journeys")
    assert again.status_code == 400 and again.json()["field"] == "pathway"
    url = f"/api/learning/journeys/{journey['id']}"
    cora = as_token(coach)
    refused = cora.post(url + "/confirm")
    assert refused.status_code == 400 and "Safeguarding adults" in refused.json()["detail"]
    for slug in STAGE_1:
        learned(worker, slug)
    confirmed = cora.post(url + "/confirm").json()
    assert confirmed["stage_id"] == confirmed["stages"][1]["id"]
    assert api.post(url + "/confirm").status_code == 403
    assert cora.post(url + "/end").status_code == 403
    hugo = as_token(other_coach)
    assert hugo.get(url).status_code == 404 and hugo.post(url + "/confirm").status_code == 404
    assert client.get(url).status_code == 401
    assert api.post("/api/learning/pathways/999999/journeys").status_code == 404
    ended = api.post(url + "/end")
    assert ended.status_code == 200 and ended.json()["ended_on"]
    assert api.get("/api/learning/journeys/abc").status_code in (404, 422)


def test_the_confirm_body_is_not_needed(as_token, worker, coach, pathway):
    journey = start_journey(worker, pathway)
    response = as_token(coach).post(
        f"/api/learning/journeys/{journey.pk}/confirm",
        data=json.dumps({}),
        content_type="application/json",
    )
    assert response.status_code == 400


def test_the_coachs_look_at_a_journey_is_in_the_access_log(as_token, worker, coach, pathway):
    from coopcare.audit.models import AuditEvent

    journey = start_journey(worker, pathway)
    url = f"/api/learning/journeys/{journey.pk}"
    assert as_token(worker).get(url).status_code == 200
    assert not AuditEvent.objects.filter(action="learning.records_viewed").exists()
    assert as_token(coach).get(url).status_code == 200
    read = AuditEvent.objects.get(action="learning.records_viewed")
    assert (read.actor_id, read.subject_id, read.detail["what"]) == (coach.pk, worker.pk, "journey")

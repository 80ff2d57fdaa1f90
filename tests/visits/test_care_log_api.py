"""The care log API: the same services and the same refusals as the pages."""

import datetime
import json

import pytest
from django.core.cache import cache

from coopcare.audit.models import AuditEvent
from coopcare.visits.models import CareLog, CareLogConfirmation
from coopcare.visits.services.care_logs import confirm_care_log, dispute_care_log
from tests.visits.test_care_log_helpers import hours_ago, make_coach, open_log


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The API's rate limits live in the cache, keyed by account id; ids are reused between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def coach(leeds_circle):
    return make_coach(leeds_circle)


@pytest.fixture
def log(ready_team, worker):
    return open_log(ready_team, [worker])


def post(client, path: str, body: dict | None = None):
    return client.post(f"/api{path}", data=json.dumps(body or {}), content_type="application/json")


def test_it_needs_credentials(client, log):
    assert client.get(f"/api/care-logs/{log.pk}").status_code == 401


def test_a_team_lists_its_logs_without_the_notes(as_person, ready_team, owner, worker):
    open_log(ready_team, [worker], start=hours_ago(30), title="Older")
    disputed = open_log(ready_team, [worker], start=hours_ago(5), title="Newer")
    dispute_care_log(owner, disputed, "No")
    body = as_person(owner).get(f"/api/teams/{ready_team.pk}/care-logs").json()
    assert [item["title"] for item in body["items"]] == ["Newer", "Older"]
    assert "notes" not in body["items"][0]
    body = as_person(owner).get(f"/api/teams/{ready_team.pk}/care-logs?status=disputed").json()
    assert [item["id"] for item in body["items"]] == [disputed.pk]
    response = as_person(owner).get(f"/api/teams/{ready_team.pk}/care-logs?status=lost")
    assert response.status_code == 400


def test_outsiders_get_not_found(as_person, log, outsider):
    client = as_person(outsider)
    assert client.get(f"/api/teams/{log.team_id}/care-logs").status_code == 404
    assert client.get(f"/api/care-logs/{log.pk}").status_code == 404
    assert post(client, f"/care-logs/{log.pk}/confirm").status_code == 404


def test_one_log_shows_the_note_and_who_has_confirmed(as_person, log, owner, representative):
    confirm_care_log(representative, log)
    body = as_person(owner).get(f"/api/care-logs/{log.pk}").json()
    assert (body["status"], body["version"], body["minutes"], body["waiting_for_me"]) == (
        "pending",
        1,
        60,
        False,
    )
    receiver, giver = body["participants"]
    assert (receiver["role"], receiver["confirmed"], receiver["confirmed_by"]["name"]) == (
        "receiver",
        True,
        "Rhys Roberts",
    )
    assert (giver["role"], giver["confirmed"]) == ("giver", False)
    assert AuditEvent.objects.filter(action="visits.care_log_viewed", actor=owner).exists()


def test_giver_and_owner_confirm(as_person, log, worker, owner):
    response = post(as_person(worker), f"/care-logs/{log.pk}/confirm?version=1")
    assert response.status_code == 200 and response.json()["status"] == "pending"
    assert post(as_person(worker), f"/care-logs/{log.pk}/confirm").status_code == 400
    assert post(as_person(owner), f"/care-logs/{log.pk}/confirm").json()["status"] == "confirmed"


def test_the_team_reads_but_only_the_visit_confirms(as_person, log, family):
    client = as_person(family)
    assert client.get(f"/api/care-logs/{log.pk}").status_code == 200
    for action in ("confirm", "adjust", "dispute"):
        assert post(client, f"/care-logs/{log.pk}/{action}", {"reason": "x"}).status_code == 403
    assert not CareLogConfirmation.objects.exists()


def test_adjusting_changes_only_what_is_sent(as_person, log, worker):
    later = log.started_at + datetime.timedelta(minutes=10)
    response = post(
        as_person(worker),
        f"/care-logs/{log.pk}/adjust",
        {"started_at": later.isoformat(), "tasks": ["company"], "water_in_reach": True},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["version"], body["minutes"], body["tasks"], body["water_in_reach"]) == (
        2,
        50,
        ["company"],
        True,
    )
    assert body["pendant_in_reach"] is None


def test_bad_input_is_refused_and_changes_nothing(as_person, log, worker):
    client = as_person(worker)
    response = post(client, f"/care-logs/{log.pk}/adjust", {"tasks": ["juggling"]})
    assert response.status_code == 400 and response.json()["field"] == "tasks"
    response = post(client, f"/care-logs/{log.pk}/adjust", {"started_at": "soon"})
    assert response.status_code == 422
    naive = log.started_at.replace(tzinfo=None).isoformat()
    assert post(client, f"/care-logs/{log.pk}/adjust", {"started_at": naive}).status_code == 400
    log.refresh_from_db()
    assert log.version == 1


def test_a_dispute_is_settled_by_the_coach(as_person, log, owner, worker, coach):
    response = post(as_person(worker), f"/care-logs/{log.pk}/dispute", {"reason": "Longer."})
    assert response.json()["dispute"]["reason"] == "Longer."
    assert (
        post(as_person(owner), f"/care-logs/{log.pk}/resolve", {"outcome_note": "Ok"}).status_code
        == 403
    )
    end = log.ended_at + datetime.timedelta(minutes=15)
    response = post(
        as_person(coach),
        f"/care-logs/{log.pk}/resolve",
        {"outcome_note": "Agreed 75 minutes.", "ended_at": end.isoformat()},
    )
    body = response.json()
    assert (body["status"], body["version"], body["minutes"]) == ("pending", 2, 75)
    assert body["dispute"]["settled"] and body["dispute"]["outcome_note"] == "Agreed 75 minutes."


def test_a_confirmed_log_is_corrected_not_changed(as_person, log, owner, worker):
    confirm_care_log(owner, log)
    confirm_care_log(worker, log)
    client = as_person(worker)
    assert post(client, f"/care-logs/{log.pk}/adjust", {"notes": "x"}).status_code == 400
    response = post(client, f"/care-logs/{log.pk}/correct", {"notes": "Forgot", "reason": "Oops"})
    assert response.status_code == 200
    body = response.json()
    assert (body["corrects_id"], body["status"], body["notes"]) == (log.pk, "pending", "Forgot")
    assert CareLog.objects.get(pk=log.pk).status == "confirmed"


def test_my_waiting_logs(as_person, log, worker, family):
    assert [i["id"] for i in as_person(worker).get("/api/care-logs/waiting").json()["items"]] == [
        log.pk
    ]
    assert as_person(family).get("/api/care-logs/waiting").json()["count"] == 0

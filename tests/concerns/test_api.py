"""Concerns through the JSON API: the same routing, visibility and tracker rules as the pages."""

from coopcare.audit.models import AuditEvent
from coopcare.concerns.models import Concern

JSON = "application/json"


def test_it_raises_a_concern_and_routes_it(as_token, team, family, coach, safeguarding_lead):
    response = as_token(family).post(
        "/api/concerns",
        {"team": team.pk, "what_happened": "A fall.", "safeguarding": "yes"},
        content_type=JSON,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "reported" and body["team"] == team.pk
    assert "raised_by" not in body or body["raised_by"] is None
    concern = Concern.objects.get()
    assert concern.to_safeguarding_lead


def test_it_refuses_bad_input_and_a_team_not_ones_own(as_token, team, outsider, coach):
    client = as_token(outsider)
    empty = client.post(
        "/api/concerns", {"what_happened": " ", "safeguarding": "no"}, content_type=JSON
    )
    assert empty.status_code == 400 and empty.json()["field"] == "what_happened"
    foreign = client.post(
        "/api/concerns",
        {"team": team.pk, "what_happened": "x", "safeguarding": "no"},
        content_type=JSON,
    )
    assert foreign.status_code == 400 and foreign.json()["field"] == "team"
    assert not Concern.objects.exists()


def test_it_lists_my_concerns(as_token, concern, family, alice):
    assert as_token(family).get("/api/concerns/mine").json()["count"] == 1
    assert as_token(alice).get("/api/concerns/mine").json()["count"] == 0


def test_it_lists_a_handlers_concerns_with_the_name_withheld(as_token, concern, coach):
    body = as_token(coach).get("/api/concerns").json()
    [row] = body["items"]
    assert row["raised_by"] == "Someone in the team" and row["id"] == concern.pk
    assert as_token(coach).get("/api/concerns?state=reviewed").json()["count"] == 0


def test_it_refuses_the_handler_list_to_others(as_token, concern, family):
    assert as_token(family).get("/api/concerns").status_code == 403


def test_it_shows_one_concern_only_to_the_reporter_and_its_handlers(
    as_token, concern, family, coach, owner, worker, admin
):
    assert as_token(family).get(f"/api/concerns/{concern.pk}").status_code == 200
    assert as_token(coach).get(f"/api/concerns/{concern.pk}").status_code == 200
    for person in (owner, worker, admin):
        assert as_token(person).get(f"/api/concerns/{concern.pk}").status_code == 404
    assert AuditEvent.objects.filter(action="concerns.concern_viewed").count() == 1


def test_it_lets_a_handler_move_the_concern(as_token, concern, coach, family):
    client = as_token(coach)
    url = f"/api/concerns/{concern.pk}"
    moved = client.patch(
        url, {"state": "exploring", "note": "On it.", "for_reporter": True}, content_type=JSON
    )
    assert moved.status_code == 200 and moved.json()["state"] == "exploring"
    skipped = client.patch(url, {"state": "reviewed", "note": "Done?"}, content_type=JSON)
    assert skipped.status_code == 400 and skipped.json()["field"] == "state"
    seen = as_token(family).get(url).json()
    assert [e["note"] for e in seen["entries"]] == ["On it."] and "outcome" not in seen


def test_it_refuses_the_reporter_a_tracker_change(as_token, concern, family):
    response = as_token(family).patch(
        f"/api/concerns/{concern.pk}", {"state": "reviewed", "note": "x"}, content_type=JSON
    )
    assert response.status_code == 403

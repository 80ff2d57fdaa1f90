"""The MAR through the JSON API: the same rules as the pages."""

import json

from coopcare.medicines.models import DoseRecord, Medicine
from tests.medicines.conftest import DAY, local

JSON = "application/json"


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type=JSON)


def test_the_team_lists_medicines_current_first(as_token, ready_team, owner, metformin, worker):
    from coopcare.medicines.services import create_medicine, stop_medicine

    old = create_medicine(
        owner,
        ready_team,
        name="Aspirin",
        dose="75 mg",
        times=["08:00"],
        starts_on=metformin.starts_on,
    )
    stop_medicine(owner, old, DAY.replace(day=9))
    body = as_token(worker).get(f"/api/teams/{ready_team.pk}/medicines").json()
    assert [(m["name"], m["stopped"]) for m in body["items"]] == [
        ("Metformin", False),
        ("Aspirin", True),
    ]
    assert body["items"][0]["times"] == ["08:00", "18:00"]


def test_outside_the_team_the_mar_does_not_exist(
    as_token, ready_team, metformin, outsider, team_starter
):
    for person in (outsider, team_starter):
        client = as_token(person)
        assert client.get(f"/api/teams/{ready_team.pk}/medicines").status_code == 404
        assert client.get(f"/api/teams/{ready_team.pk}/doses").status_code == 404


def test_the_mar_holder_adds_changes_and_stops_a_medicine(as_token, ready_team, mar_holder):
    client = as_token(mar_holder)
    base = f"/api/teams/{ready_team.pk}/medicines"
    added = _post(
        client,
        base,
        {"name": "Insulin", "dose": "10 units", "times": ["20:00", "8:00"], "time_critical": True},
    )
    assert added.status_code == 200, added.content
    medicine = added.json()
    assert medicine["times"] == ["08:00", "20:00"] and medicine["starts_on"] == "2025-06-10"
    changed = client.patch(
        f"{base}/{medicine['id']}", json.dumps({"dose": "12 units"}), content_type=JSON
    )
    assert changed.status_code == 200 and changed.json()["dose"] == "12 units"
    stopped = _post(client, f"{base}/{medicine['id']}/stop", {})
    assert stopped.status_code == 200 and stopped.json()["stops_on"] == "2025-06-10"
    assert Medicine.objects.count() == 1


def test_bad_input_is_refused_and_changes_nothing(as_token, ready_team, owner):
    client = as_token(owner)
    base = f"/api/teams/{ready_team.pk}/medicines"
    bad = _post(client, base, {"name": "X", "dose": "1", "times": ["08:00"], "window_minutes": 1})
    assert bad.status_code == 400 and bad.json()["field"] == "window_minutes"
    shapeless = _post(client, base, {"name": "X"})
    assert shapeless.status_code == 422
    assert not Medicine.objects.exists()


def test_a_giver_may_not_keep_the_list(as_token, ready_team, worker, metformin):
    client = as_token(worker)
    base = f"/api/teams/{ready_team.pk}/medicines"
    assert _post(client, base, {"name": "X", "dose": "1", "times": ["08:00"]}).status_code == 403
    patch = client.patch(f"{base}/{metformin.pk}", json.dumps({"dose": "2"}), content_type=JSON)
    assert patch.status_code == 403
    assert _post(client, f"{base}/{metformin.pk}/stop", {}).status_code == 403


def test_the_days_doses_and_recording_one(clock, as_token, ready_team, visit, worker, metformin):
    clock.move_to(local(DAY, 8, 5))
    client = as_token(worker)
    doses = client.get(f"/api/teams/{ready_team.pk}/doses?day=2025-06-10").json()
    assert [(d["due_at"][11:16], d["state"]) for d in doses] == [
        ("08:00", "waiting"),
        ("18:00", "waiting"),
    ]
    url = f"/api/teams/{ready_team.pk}/medicines/{metformin.pk}/doses"
    body = {"due_at": local(DAY, 8).isoformat(), "outcome": "given", "appointment_id": visit.pk}
    recorded = _post(client, url, body)
    assert recorded.status_code == 200, recorded.content
    assert recorded.json()["recorded_by"] == "Wren Walker"
    again = _post(client, url, body)
    assert again.status_code == 400 and "already recorded by you" in again.json()["detail"]
    doses = client.get(f"/api/teams/{ready_team.pk}/doses?day=2025-06-10").json()
    assert doses[0]["state"] == "given" and doses[0]["record"]["appointment_id"] == visit.pk
    assert DoseRecord.objects.count() == 1


def test_recording_is_refused_to_the_wrong_people_and_without_a_reason(
    clock, as_token, ready_team, visit, worker, family, metformin
):
    clock.move_to(local(DAY, 8, 5))
    url = f"/api/teams/{ready_team.pk}/medicines/{metformin.pk}/doses"
    body = {"due_at": local(DAY, 8).isoformat(), "outcome": "given", "appointment_id": visit.pk}
    assert _post(as_token(family), url, body).status_code == 403
    no_reason = _post(as_token(worker), url, body | {"outcome": "refused"})
    assert no_reason.status_code == 400 and no_reason.json()["field"] == "reason"
    unknown = _post(as_token(worker), url, body | {"appointment_id": 999999})
    assert unknown.status_code == 400 and unknown.json()["field"] == "appointment"
    assert not DoseRecord.objects.exists()

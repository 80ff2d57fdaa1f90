"""The starting API: the support gate, cases, call-outs and expressing interest."""

import datetime

from coopcare.starting.models import FaceToFaceVisit, Interest
from coopcare.starting.services.call_outs import publish_call_out
from coopcare.starting.services.promise import sign_promise


def test_it_says_why_support_may_not_be_booked(as_person, owner, team, case):
    url = f"/api/start/teams/{team.pk}/support-allowed?kinds=personal_care"
    body = as_person(owner).get(url).json()
    assert body["allowed"] is False
    assert "Promise" in body["reason"]
    sign_promise(owner, team, funding="self_funded", agreed=True)
    body = as_person(owner).get(url).json()
    assert body["allowed"] is False
    assert "face-to-face visit" in body["reason"]
    FaceToFaceVisit.objects.create(
        case=case, visited_on=datetime.date.today(), present="Olive", recorded_by=owner
    )
    body = as_person(owner).get(url + "&kinds=medicines").json()
    assert body == {
        "team": team.pk,
        "kinds": ["personal_care", "medicines"],
        "allowed": True,
        "reason": None,
        "promise_signed": True,
        "visit_recorded": True,
    }


def test_it_hides_the_gate_from_people_outside_the_team(as_person, outsider, team):
    url = f"/api/start/teams/{team.pk}/support-allowed"
    assert as_person(outsider).get(url).status_code == 404


def test_it_needs_a_signed_in_caller(client, team):
    assert client.get(f"/api/start/teams/{team.pk}/support-allowed").status_code == 401


def test_it_lists_cases_to_their_team_starter(as_person, team_starter, worker, case):
    body = as_person(team_starter).get("/api/start/cases").json()
    assert body["count"] == 1
    assert body["items"][0]["person_name"] == "Olive Oyelaran"
    assert as_person(worker).get("/api/start/cases").status_code == 403


def test_it_shows_one_case_with_its_steps(as_person, team_starter, worker, case):
    body = as_person(team_starter).get(f"/api/start/cases/{case.pk}").json()
    assert [s["number"] for s in body["steps"]] == list(range(1, 9))
    assert body["team"] == case.team_id
    assert as_person(worker).get(f"/api/start/cases/{case.pk}").status_code == 404


def test_it_lists_call_outs_with_only_the_shared_parts(as_person, case, alice, dan):
    publish_call_out(
        case.team_starter,
        case,
        texts={
            "key_needs": "PRIVATE",
            "where_and_when": "Headingley",
            "qualities": "Kind",
            "relationship": "Steady",
        },
        shared_fields=["where_and_when"],
        audience="circle",
        consent_confirmed=True,
    )
    body = as_person(alice).get("/api/start/call-outs").json()
    assert body["count"] == 1
    assert body["items"][0]["shared"] == [
        {"field": "where_and_when", "label": "Where and when", "text": "Headingley"}
    ]
    assert "PRIVATE" not in str(body)
    assert as_person(dan).get("/api/start/call-outs").json()["count"] == 0


def test_it_records_interest_through_the_api(as_person, case, alice, owner):
    call_out = publish_call_out(
        case.team_starter,
        case,
        texts=dict.fromkeys(("key_needs", "where_and_when", "qualities", "relationship"), "x"),
        shared_fields=["qualities"],
        audience="circle",
        consent_confirmed=True,
    )
    url = f"/api/start/call-outs/{call_out.pk}/interest"
    client = as_person(alice)
    response = client.post(url, {"message": "Hello"}, content_type="application/json")
    assert response.status_code == 200
    assert Interest.objects.get().message == "Hello"
    again = client.post(url, {"message": "Hello"}, content_type="application/json")
    assert again.status_code == 400
    mine = as_person(owner).post(url, {}, content_type="application/json")
    assert mine.status_code == 403

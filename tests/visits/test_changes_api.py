"""The change-request API: the same services and the same refusals as the pages."""

import json

import pytest
from django.core.cache import cache

from coopcare.visits.models import Appointment, ChangeRequest
from coopcare.visits.services.booking import join_appointment
from tests.visits.conftest import at, book


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The API's rate limits live in the cache, keyed by account id; ids are reused between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def appointment(ready_team, owner, worker):
    appointment = book(owner, ready_team, [worker], start=at(5, 10))
    join_appointment(worker, appointment)
    return appointment


def post(client, url: str, body: dict | None = None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def ask(client, appointment, **body):
    body = {
        "kind": "move",
        "new_starts_at": at(6, 14).isoformat(),
        "new_ends_at": at(6, 15).isoformat(),
        "reason": "Clinic in the morning.",
        **body,
    }
    return post(client, f"/api/appointments/{appointment.pk}/change-requests", body)


def test_a_giver_asks_and_the_owner_agrees(as_person, appointment, owner, worker):
    response = ask(as_person(worker), appointment)
    assert response.status_code == 200
    body = response.json()
    assert (body["kind"], body["status"], body["proposed_by"]["name"]) == (
        "move",
        "open",
        "Wren Walker",
    )
    asked = {row["person"]["name"]: row["answer"] for row in body["asked"]}
    assert asked == {"Olive Oyelaran": None, "Wren Walker": "yes"}
    url = f"/api/change-requests/{body['id']}"
    assert as_person(owner).get(url).json()["id"] == body["id"]
    agreed = post(as_person(owner), f"{url}/answer", {"answer": "yes"}).json()
    assert agreed["status"] == "agreed"
    assert Appointment.objects.get(pk=appointment.pk).starts_at == at(6, 14)


def test_a_time_without_an_offset_is_uk_time(as_person, appointment, worker):
    naive = at(6, 14).replace(tzinfo=None).isoformat()
    body = ask(as_person(worker), appointment, new_starts_at=naive, new_ends_at=None).json()
    assert body["detail"] == "Say when it starts and ends."
    ends = at(6, 15).replace(tzinfo=None).isoformat()
    body = ask(as_person(worker), appointment, new_starts_at=naive, new_ends_at=ends).json()
    assert ChangeRequest.objects.get(pk=body["id"]).new_starts_at == at(6, 14)


def test_a_representative_answers_for_the_owner(as_person, appointment, owner, representative):
    change = ask(as_person(owner), appointment, kind="cancel").json()
    assert change["asked"][0]["answered_by"]["id"] == owner.pk
    # Olive asked, so her answer is given; Rhys acting for her has nothing left to answer.
    response = post(
        as_person(representative),
        f"/api/change-requests/{change['id']}/answer",
        {"answer": "no", "on_behalf_of_owner": True},
    )
    assert response.status_code == 400
    assert "already answered" in response.json()["detail"]


def test_bad_input_is_refused_and_saves_nothing(as_person, appointment, worker):
    client = as_person(worker)
    response = ask(client, appointment, kind="shorten")
    assert (response.status_code, response.json()["field"]) == (400, "kind")
    assert ask(client, appointment, reason=None).status_code == 422
    assert ask(client, appointment, new_starts_at="not a time").status_code == 422
    assert not ChangeRequest.objects.exists()


def test_who_is_refused(as_person, appointment, worker, family, outsider):
    assert ask(as_person(outsider), appointment).status_code == 404
    assert ask(as_person(family), appointment).status_code == 403
    change = ask(as_person(worker), appointment).json()
    url = f"/api/change-requests/{change['id']}"
    assert as_person(outsider).get(url).status_code == 404
    assert post(as_person(outsider), f"{url}/answer", {"answer": "yes"}).status_code == 404
    assert post(as_person(family), f"{url}/answer", {"answer": "yes"}).status_code == 403
    assert post(as_person(family), f"{url}/withdraw").status_code == 403
    assert ChangeRequest.objects.get(pk=change["id"]).status == "open"


def test_the_person_who_asked_withdraws(as_person, appointment, owner, worker):
    change = ask(as_person(worker), appointment).json()
    url = f"/api/change-requests/{change['id']}/withdraw"
    assert post(as_person(owner), url).status_code == 403
    assert post(as_person(worker), url).json()["status"] == "withdrawn"
    assert post(as_person(worker), url).status_code == 400


def test_a_clash_refuses_the_answer(as_person, ready_team, appointment, owner, worker):
    join_appointment(worker, book(owner, ready_team, [worker], start=at(6, 14), title="Shopping"))
    change = ask(as_person(worker), appointment).json()
    response = post(
        as_person(owner), f"/api/change-requests/{change['id']}/answer", {"answer": "yes"}
    )
    assert response.status_code == 400
    assert "already booked then: “Shopping”" in response.json()["detail"]
    assert ChangeRequest.objects.get(pk=change["id"]).status == "open"
    assert Appointment.objects.get(pk=appointment.pk).starts_at == at(5, 10)

"""The API for Giving Support Profiles: mine, my qualifications, and someone else's."""

import pytest

from coopcare.members.directory import reads_of
from coopcare.supportprofiles.models import GivingSupportProfile, Qualification
from coopcare.supportprofiles.services.giving import update_giving_profile

ME = "/api/support-profiles/giving/me"


def test_it_has_no_profile_until_one_is_written(as_token, worker):
    assert as_token(worker).get(ME).status_code == 404


def test_it_writes_my_profile_with_the_rate_in_pence(as_token, worker):
    client = as_token(worker)
    response = client.patch(
        ME,
        {"hourly_rate_pence": 2155, "postcode": "LS6 1AA", "scale_conversation": 4},
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 200
    assert body["hourly_rate_pence"] == 2155
    assert body["postcode"] == "LS6 1AA"
    assert {"scale": "conversation", "label": "Conversation", "value": 4} in body["scales"]
    assert client.get(ME).json()["hourly_rate_pence"] == 2155


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"hourly_rate_pence": 21.55}, 422),
        ({"support_kinds": ["juggling"]}, 400),
        ({"is_driver": None}, 400),
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(as_token, worker, payload, status):
    response = as_token(worker).patch(ME, payload, content_type="application/json")
    assert response.status_code == status
    assert not GivingSupportProfile.objects.exists()


def test_it_refuses_personal_care_from_a_volunteer(as_token, volunteer):
    response = as_token(volunteer).patch(
        ME, {"support_kinds": ["personal_care"]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "support_kinds"


def test_it_adds_and_removes_my_qualifications(as_token, worker):
    client = as_token(worker)
    added = client.post(
        f"{ME}/qualifications",
        {"title": "First aid", "achieved_on": "2024-02-29"},
        content_type="application/json",
    )
    assert added.status_code == 200
    assert added.json()["achieved_on"] == "2024-02-29"
    assert client.delete(f"{ME}/qualifications/{added.json()['id']}").status_code == 204
    assert not Qualification.objects.exists()


def test_it_shows_someone_else_the_postcode_district_and_logs_the_read(as_token, worker, owner):
    update_giving_profile(worker, worker, {"postcode": "LS6 1AA"})
    body = as_token(owner).get(f"/api/support-profiles/giving/{worker.pk}").json()
    assert body["postcode"] == "LS6"
    assert reads_of(worker).get().actor == owner


@pytest.mark.parametrize("persona", ["outsider", "applicant"])
def test_it_is_not_found_for_people_it_is_not_shown_to(request, as_token, worker, persona):
    update_giving_profile(worker, worker, {})
    client = as_token(request.getfixturevalue(persona))
    assert client.get(f"/api/support-profiles/giving/{worker.pk}").status_code == 404


def test_it_needs_a_signed_in_caller(client, worker):
    assert client.get(ME).status_code == 401

"""Giving Support Profile pages: mine, the form, and someone else's."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.members.directory import reads_of
from coopcare.supportprofiles.models import GivingSupportProfile
from coopcare.supportprofiles.services.giving import add_qualification, update_giving_profile

MINE = "/support-profiles/giving/"
EDIT = "/support-profiles/giving/edit/"


def detail(person) -> str:
    return f"/support-profiles/giving/{person.pk}/"


def test_it_invites_someone_without_a_profile_to_write_one(as_person, applicant):
    html = as_person(applicant).get(MINE).content.decode()
    assert "You have not written a Giving Support Profile yet." in html
    assert as_person(applicant).get(EDIT).status_code == 200


def test_it_sends_someone_signed_out_to_sign_in(client):
    assert client.get(MINE).status_code == 302
    assert client.get(EDIT).status_code == 302


def test_it_saves_the_form_with_the_rate_in_exact_pence(as_person, worker):
    data = {
        "about_me": "Gardener and cook.",
        "postcode": "ls6 1aa",
        "support_kinds": ["practical", "out_and_about"],
        "hourly_rate": "£21.55",
        "available_monday": ["morning", "night"],
        "available_sunday": ["afternoon"],
        "scale_going_out": "2",
        "open_to_new_owners": "on",
    }
    response = as_person(worker).post(EDIT, data)
    assert response.status_code == 302
    profile = GivingSupportProfile.objects.get(person=worker)
    assert profile.hourly_rate_pence == 2155  # 21.55 as a float would be 2154.999…
    assert profile.availability == ["monday-morning", "monday-night", "sunday-afternoon"]
    assert (profile.scale_going_out, profile.open_to_new_owners) == (2, True)
    page = as_person(worker).get(MINE).content.decode()
    assert "£21.55 an hour" in page
    assert "LS6 1AA" in page


def test_it_fills_the_form_from_the_saved_profile(as_person, worker):
    update_giving_profile(
        worker, worker, {"hourly_rate_pence": 2005, "availability": ["friday-evening"]}
    )
    html = as_person(worker).get(EDIT).content.decode()
    assert 'value="20.05"' in html
    assert re.search(r'<input[^>]*name="available_friday" value="evening"[^>]*checked', html)
    assert not re.search(r'<input[^>]*name="available_friday" value="morning"[^>]*checked', html)


@pytest.mark.parametrize("rate", ["21.555", "abc", "0", "500.01", "NaN", "-3"])
def test_it_refuses_a_rate_that_is_not_pounds_and_pence(as_person, worker, rate):
    response = as_person(worker).post(EDIT, {"hourly_rate": rate})
    assert response.status_code == 400
    assert 'href="#id_hourly_rate"' in response.content.decode()
    assert not GivingSupportProfile.objects.exists()


def test_it_tells_a_volunteer_why_personal_care_is_refused(as_person, volunteer):
    response = as_person(volunteer).post(EDIT, {"support_kinds": ["personal_care"]})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Volunteers do not give personal care or help with medicines." in html
    assert 'href="#id_support_kinds_0"' in html
    assert not GivingSupportProfile.objects.exists()


def test_it_shows_someone_else_the_postcode_district_only_and_logs_the_read(
    as_person, worker, owner
):
    update_giving_profile(worker, worker, {"postcode": "LS6 1AA", "hourly_rate_pence": 2150})
    response = as_person(owner).get(detail(worker))
    html = response.content.decode()
    assert response.status_code == 200
    assert "(LS6)" in html and "1AA" not in html
    assert "£21.50 an hour" in html
    event = reads_of(worker).get()
    assert (event.actor, event.action) == (owner, "giving_profile.viewed")
    assert event.detail == {"sections": ["giving_support_profile"]}


def test_it_does_not_log_a_person_reading_their_own(as_person, worker):
    update_giving_profile(worker, worker, {})
    assert as_person(worker).get(detail(worker)).status_code == 200
    assert not reads_of(worker).exists()


@pytest.mark.parametrize("persona", ["outsider", "alice", "applicant", "admin", "expired_rep"])
def test_it_is_not_found_for_people_it_is_not_shown_to(request, as_person, worker, persona):
    update_giving_profile(worker, worker, {"open_to_new_owners": False})
    assert as_person(request.getfixturevalue(persona)).get(detail(worker)).status_code == 404


def test_it_is_not_found_when_there_is_no_profile_or_no_person(as_person, owner, worker):
    assert as_person(owner).get(detail(worker)).status_code == 404
    assert as_person(owner).get("/support-profiles/giving/999999/").status_code == 404


def test_its_query_count_does_not_grow_with_qualifications(as_person, worker, owner):
    import datetime

    update_giving_profile(worker, worker, {})
    client = as_person(owner)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(detail(worker)).status_code == 200
        return len(ctx)

    add_qualification(
        worker, worker, {"title": "First aid", "achieved_on": datetime.date(2020, 1, 1)}
    )
    small = count()
    for n in range(8):
        add_qualification(
            worker, worker, {"title": f"Course {n}", "achieved_on": datetime.date(2021, 1, 1)}
        )
    assert count() == small

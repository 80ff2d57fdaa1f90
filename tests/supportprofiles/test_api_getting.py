"""The API for a team's Getting Support Profile: the same rules and log as the pages."""

import pytest

from coopcare.members.directory import reads_of
from coopcare.supportprofiles.models import GettingSupportProfile, KeyContact, ProfileSection
from coopcare.supportprofiles.sections import Audience, Section
from coopcare.supportprofiles.services.contacts import add_key_contact
from coopcare.supportprofiles.services.getting import update_getting_section

GP = {"name": "Dr Amir Shah", "relationship": "GP", "how_to_reach": "0113 496 0000"}


def base(team) -> str:
    return f"/api/support-profiles/teams/{team.pk}"


def test_it_gives_the_owner_every_section(as_token, owner, team):
    update_getting_section(owner, team, Section.ESSENTIALS, {"communication": "BSL"})
    response = as_token(owner).get(base(team))
    body = response.json()
    assert response.status_code == 200
    assert [s["section"] for s in body["sections"]] == list(Section.values)
    essentials = next(s for s in body["sections"] if s["section"] == "essentials")
    assert essentials["fields"]["communication"] == "BSL"
    assert essentials["audience"] == "owner"
    assert essentials["last_changed"]["by"]["name"] == "Olive Oyelaran"
    assert (body["can_edit"], body["can_choose_audiences"]) == (True, True)


def test_it_gives_a_team_member_only_the_shared_sections_and_logs_the_read(
    as_token, owner, worker, team
):
    update_getting_section(owner, team, Section.ABOUT_ME, {"about_me": "Hello"})
    update_getting_section(owner, team, Section.ESSENTIALS, {"communication": "BSL"})
    body = as_token(worker).get(base(team)).json()
    assert "essentials" not in [s["section"] for s in body["sections"]]
    assert (body["can_edit"], body["can_choose_audiences"]) == (False, False)
    assert all(s["named_people"] == [] for s in body["sections"])
    assert reads_of(owner).get().detail["sections"] == ["support_profile.about_me"]


@pytest.mark.parametrize("persona", ["outsider", "expired_rep", "admin"])
def test_it_is_not_found_outside_the_team(request, as_token, team, persona):
    client = as_token(request.getfixturevalue(persona))
    assert client.get(base(team)).status_code == 404
    response = client.patch(
        f"{base(team)}/sections/about_me", {"about_me": "x"}, content_type="application/json"
    )
    assert response.status_code == 404


def test_it_lets_a_representative_change_a_section_on_the_owners_behalf(
    as_token, owner, representative, team
):
    response = as_token(representative).patch(
        f"{base(team)}/sections/essentials",
        {"mar_chart_location": "Kitchen drawer", "scale_routine": 3},
        content_type="application/json",
    )
    assert response.status_code == 400  # the scale is in another section: nothing changes
    assert response.json()["field"] == "scale_routine"
    assert not GettingSupportProfile.objects.exists()
    response = as_token(representative).patch(
        f"{base(team)}/sections/essentials",
        {"mar_chart_location": "Kitchen drawer"},
        content_type="application/json",
    )
    changed = response.json()["last_changed"]
    assert response.status_code == 200
    assert changed["by"]["id"] == representative.pk
    assert changed["on_behalf_of"]["id"] == owner.pk


def test_it_forbids_a_team_member_who_does_not_write_the_profile(as_token, worker, team):
    response = as_token(worker).patch(
        f"{base(team)}/sections/about_me", {"about_me": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not GettingSupportProfile.objects.exists()


def test_it_lets_only_the_owner_side_choose_an_audience(as_token, owner, family, team):
    path = f"{base(team)}/sections/wellbeing/audience"
    payload = {"audience": "named", "named_people": [family.pk]}
    assert as_token(family).put(path, payload, content_type="application/json").status_code == 403
    response = as_token(owner).put(path, payload, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["named_people"] == [family.pk]
    assert ProfileSection.objects.get().audience == Audience.NAMED
    bad = as_token(owner).put(path, {"audience": "everyone"}, content_type="application/json")
    assert bad.status_code == 400


def test_it_adds_changes_and_removes_key_contacts(as_token, owner, team):
    client = as_token(owner)
    added = client.post(f"{base(team)}/contacts", GP, content_type="application/json")
    assert added.status_code == 200
    contact_id = added.json()["id"]
    changed = client.patch(
        f"{base(team)}/contacts/{contact_id}",
        {"agreed_to_be_listed": True},
        content_type="application/json",
    )
    assert changed.json()["agreed_to_be_listed"] is True
    assert client.delete(f"{base(team)}/contacts/{contact_id}").status_code == 204
    assert not KeyContact.objects.exists()


def test_it_hides_a_contact_who_has_not_agreed_from_a_team_member(
    as_token, owner, worker, team, share
):
    share(Section.KEY_CONTACTS, Audience.TEAM)
    contact = add_key_contact(owner, team, GP)
    body = as_token(worker).get(base(team)).json()
    contacts = next(s for s in body["sections"] if s["section"] == "key_contacts")["contacts"]
    assert contacts == []
    assert as_token(worker).delete(f"{base(team)}/contacts/{contact.pk}").status_code == 404
    assert KeyContact.objects.exists()


def test_it_refuses_a_contact_without_a_name_and_adds_nothing(as_token, owner, team):
    response = as_token(owner).post(
        f"{base(team)}/contacts", {**GP, "name": " "}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "name"
    assert not KeyContact.objects.exists()

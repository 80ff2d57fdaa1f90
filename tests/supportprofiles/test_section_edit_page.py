"""Changing one section: /support-profiles/team/<team_id>/sections/<section>/."""

import pytest

from coopcare.members.directory import reads_of
from coopcare.supportprofiles.models import GettingSupportProfile
from coopcare.supportprofiles.sections import Audience, Section
from coopcare.supportprofiles.services.getting import update_getting_section


def url(team, section: str = Section.ABOUT_ME) -> str:
    return f"/support-profiles/team/{team.pk}/sections/{section}/"


def test_it_shows_the_owner_the_sections_form_filled_in(as_person, owner, team):
    update_getting_section(owner, team, Section.ESSENTIALS, {"mar_chart_location": "Hall shelf"})
    response = as_person(owner).get(url(team, Section.ESSENTIALS))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Change “Essentials”</h1>" in html
    assert 'value="Hall shelf"' in html
    assert "Advance decisions and resuscitation" in html


def test_it_saves_and_goes_back_to_the_section(as_person, owner, team):
    response = as_person(owner).post(url(team), {"about_me": "I grow tomatoes."})
    assert response.status_code == 302
    assert response["Location"] == f"/support-profiles/team/{team.pk}/#section-about_me"
    assert GettingSupportProfile.objects.get(team=team).about_me == "I grow tomatoes."


def test_it_saves_the_scales_from_radio_buttons(as_person, owner, team):
    data = {"scale_conversation": "5", "scale_routine": "1", "scale_doing": ""}
    assert as_person(owner).post(url(team, Section.APPROACH), data).status_code == 302
    profile = GettingSupportProfile.objects.get(team=team)
    assert (profile.scale_conversation, profile.scale_routine, profile.scale_doing) == (5, 1, None)


def test_it_lists_problems_and_saves_nothing(as_person, owner, team):
    data = {"advance_decisions": "x" * 5001, "mar_chart_location": "y" * 201}
    response = as_person(owner).post(url(team, Section.ESSENTIALS), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert 'href="#id_advance_decisions"' in html
    assert 'href="#id_mar_chart_location"' in html
    assert not GettingSupportProfile.objects.exists()


def test_it_refuses_a_scale_point_off_the_scale(as_person, owner, team):
    response = as_person(owner).post(url(team, Section.APPROACH), {"scale_routine": "9"})
    assert response.status_code == 400
    assert not GettingSupportProfile.objects.exists()


def test_it_tells_a_representative_they_act_on_the_owners_behalf(as_person, representative, team):
    html = as_person(representative).get(url(team)).content.decode()
    assert "You are acting on behalf of Olive Oyelaran." in html


def test_it_lets_the_profile_holder_change_a_section_shared_with_them(
    as_person, profile_holder, team
):
    client = as_person(profile_holder)
    assert client.get(url(team)).status_code == 200
    assert client.get(url(team, Section.ESSENTIALS)).status_code == 404
    assert client.post(url(team), {"about_me": "Written with Olive."}).status_code == 302


def test_it_writes_what_a_writer_opens_to_the_owners_access_log(
    as_person, owner, profile_holder, team
):
    update_getting_section(owner, team, Section.ABOUT_ME, {"about_me": "Hello"})
    as_person(profile_holder).get(url(team))
    assert reads_of(owner).get().detail["sections"] == ["support_profile.about_me"]


def test_it_lets_the_team_starter_change_what_is_shared_with_them(
    as_person, team_starter, team, share
):
    assert as_person(team_starter).get(url(team)).status_code == 404
    share(Section.ABOUT_ME, Audience.TEAM_AND_SUPPORTERS)
    assert as_person(team_starter).get(url(team)).status_code == 200


@pytest.mark.parametrize("persona", ["worker", "family", "limited_rep"])
def test_it_forbids_team_members_who_do_not_write_the_profile(request, as_person, team, persona):
    client = as_person(request.getfixturevalue(persona))
    assert client.get(url(team)).status_code == 403
    assert client.post(url(team), {"about_me": "Hijacked"}).status_code == 403
    assert not GettingSupportProfile.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "expired_rep", "bob", "admin"])
def test_it_is_not_found_outside_the_team(request, as_person, team, persona):
    client = as_person(request.getfixturevalue(persona))
    assert client.get(url(team)).status_code == 404
    assert client.post(url(team), {"about_me": "Hijacked"}).status_code == 404


@pytest.mark.parametrize("section", [Section.KEY_CONTACTS, "diary"])
def test_it_has_no_form_for_key_contacts_or_unknown_sections(as_person, owner, team, section):
    assert as_person(owner).get(url(team, section)).status_code == 404

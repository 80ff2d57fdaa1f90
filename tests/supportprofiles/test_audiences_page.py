"""Choosing who sees each section: /support-profiles/team/<team_id>/audiences/."""

import pytest

from coopcare.supportprofiles.models import ProfileSection
from coopcare.supportprofiles.sections import Audience, Section


def url(team) -> str:
    return f"/support-profiles/team/{team.pk}/audiences/"


def test_it_shows_a_form_for_every_section(as_person, owner, team, family):
    response = as_person(owner).get(url(team))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('name="section"') == len(Section)
    assert "Who can see “Essentials”?" in html
    assert "Fay Oyelaran" in html  # someone the owner may name


def test_it_saves_one_sections_choice(as_person, owner, team):
    data = {"section": "essentials", "essentials-audience": "team_and_supporters"}
    response = as_person(owner).post(url(team), data)
    assert response.status_code == 302
    assert response["Location"] == f"{url(team)}#section-essentials"
    assert ProfileSection.objects.get(section="essentials").audience == "team_and_supporters"


def test_it_names_people(as_person, owner, team, family, worker):
    data = {
        "section": "wellbeing",
        "wellbeing-audience": "named",
        "wellbeing-named_people": [family.pk, worker.pk],
    }
    assert as_person(owner).post(url(team), data).status_code == 302
    row = ProfileSection.objects.get(section="wellbeing")
    assert set(row.named_people.all()) == {family, worker}


def test_it_explains_a_missing_choice_and_saves_nothing(as_person, owner, team):
    data = {"section": "wellbeing", "wellbeing-audience": "named"}
    response = as_person(owner).post(url(team), data)
    assert response.status_code == 400
    assert "Choose at least one person." in response.content.decode()
    assert not ProfileSection.objects.exists()


def test_it_refuses_someone_outside_the_list(as_person, owner, team, outsider):
    data = {
        "section": "wellbeing",
        "wellbeing-audience": "named",
        "wellbeing-named_people": [outsider.pk],
    }
    assert as_person(owner).post(url(team), data).status_code == 400
    assert not ProfileSection.objects.exists()


def test_it_refuses_an_unknown_section(as_person, owner, team):
    response = as_person(owner).post(url(team), {"section": "diary", "diary-audience": "team"})
    assert response.status_code == 302
    assert not ProfileSection.objects.exists()


def test_it_lets_a_representative_choose_for_the_owner(as_person, representative, team, owner):
    client = as_person(representative)
    assert "You are acting on behalf of Olive Oyelaran." in client.get(url(team)).content.decode()
    client.post(url(team), {"section": "about_me", "about_me-audience": "owner"})
    assert ProfileSection.objects.get(section="about_me").audience_chosen_on_behalf_of == owner
    html = as_person(owner).get(url(team)).content.decode()
    assert "Chosen by Rhys Roberts on behalf of Olive Oyelaran on" in html


@pytest.mark.parametrize(
    "persona", ["limited_rep", "profile_holder", "team_starter", "worker", "family"]
)
def test_it_forbids_anyone_else_who_can_see_the_team(request, as_person, team, persona):
    client = as_person(request.getfixturevalue(persona))
    assert client.get(url(team)).status_code == 403
    assert (
        client.post(url(team), {"section": "about_me", "about_me-audience": "team"}).status_code
        == 403
    )
    assert not ProfileSection.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "expired_rep", "admin"])
def test_it_is_not_found_outside_the_team(request, as_person, team, persona):
    assert as_person(request.getfixturevalue(persona)).get(url(team)).status_code == 404


def test_it_shows_the_owner_their_choice_on_the_profile(as_person, owner, team, family, share):
    share(Section.WELLBEING, Audience.NAMED, [family])
    html = as_person(owner).get(f"/support-profiles/team/{team.pk}/").content.decode()
    assert f"Shared with: {Audience.NAMED.label} — Fay Oyelaran" in html

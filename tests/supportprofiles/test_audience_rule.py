"""The one audience rule (``access.can_see_section``): every section × audience × persona."""

import pytest

from coopcare.supportprofiles.access import (
    audiences_of,
    can_see_section,
    standing_of,
    visible_sections,
)
from coopcare.supportprofiles.sections import ALL_SECTIONS, Audience, Section
from coopcare.supportprofiles.selectors import getting_profile_of, section_rows

PERSONAS = [
    "owner",
    "representative",
    "limited_rep",
    "family",
    "worker",
    "team_starter",
    "outsider",
    "expired_rep",
]
OWNER_SIDE = {"owner", "representative"}
TEAM = OWNER_SIDE | {"limited_rep", "family", "worker"}
EXPECTED = {
    Audience.OWNER: OWNER_SIDE,
    Audience.NAMED: OWNER_SIDE | {"family"},  # Fay is the one named
    Audience.TEAM: TEAM,
    Audience.TEAM_AND_SUPPORTERS: TEAM | {"team_starter"},
}


@pytest.fixture
def people(
    request, owner, representative, limited_rep, family, worker, team_starter, outsider, expired_rep
):
    return {name: request.getfixturevalue(name) for name in PERSONAS}


def _seen_by(people, team) -> dict[str, set[str]]:
    """For each section, the personas who may see it, asked through the one rule."""
    profile = getting_profile_of(team)
    audiences = audiences_of(section_rows(profile))
    seen: dict[str, set[str]] = {s: set() for s in ALL_SECTIONS}
    for name, person in people.items():
        standing = standing_of(person, team)
        for section in visible_sections(person, team, standing=standing, audiences=audiences):
            seen[section].add(name)
    return seen


@pytest.mark.parametrize("audience", list(EXPECTED))
def test_it_shows_every_section_to_exactly_its_audience(people, team, share, audience):
    named = [people["family"]] if audience == Audience.NAMED else []
    for section in ALL_SECTIONS:
        share(section, audience, named)
    seen = _seen_by(people, team)
    assert seen == {s: EXPECTED[audience] for s in ALL_SECTIONS}


def test_it_starts_each_section_with_its_most_private_sensible_audience(people, team):
    seen = _seen_by(people, team)
    private = {Section.ESSENTIALS, Section.KEY_CONTACTS, Section.WELLBEING}
    for section in ALL_SECTIONS:
        assert seen[section] == (OWNER_SIDE if section in private else TEAM), section


def test_it_answers_the_same_one_section_at_a_time(people, team, share):
    share(Section.ESSENTIALS, Audience.TEAM_AND_SUPPORTERS)
    for name, person in people.items():
        assert can_see_section(person, team, Section.ESSENTIALS) == (
            name in EXPECTED[Audience.TEAM_AND_SUPPORTERS]
        ), name


def test_it_stops_showing_a_named_person_the_section_once_they_leave_the_team(people, team, share):
    share(Section.WELLBEING, Audience.NAMED, [people["family"]])
    membership = team.members.get(person=people["family"])
    membership.status, membership.left_on = "left", membership.joined_on
    membership.save()
    assert not can_see_section(people["family"], team, Section.WELLBEING)


def test_it_shows_nothing_to_someone_signed_out(team):
    from django.contrib.auth.models import AnonymousUser

    assert not any(can_see_section(AnonymousUser(), team, s) for s in ALL_SECTIONS)


def test_it_knows_no_section_outside_the_list(owner, team):
    assert not can_see_section(owner, team, "diary")


def test_its_idea_of_who_can_see_the_team_matches_the_team_rule(people, team):
    for name, person in people.items():
        assert standing_of(person, team).can_see_team == person.has_perm("teams.view_team", team), (
            name
        )

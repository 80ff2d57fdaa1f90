"""The gates the appointments capability calls before booking team-based support."""

import datetime

import pytest

from coopcare.errors import DomainError
from coopcare.starting.gates import check_team_support_allowed, team_support_allowed
from coopcare.starting.models import FaceToFaceVisit, PromiseSignature, SupportKind
from coopcare.starting.services.promise import sign_promise
from coopcare.teams.models import Team

ALL_KINDS = list(SupportKind.values)
UNREGULATED = ["companionship", "practical", "out_and_about", "online"]


def visit(case, on=None) -> FaceToFaceVisit:
    return FaceToFaceVisit.objects.create(
        case=case,
        visited_on=on or datetime.date.today(),
        present="Olive and Tess",
        recorded_by=case.team_starter,
    )


def signed(team) -> PromiseSignature:
    return sign_promise(team.owner, team, funding="self_funded", agreed=True)


def test_it_refuses_any_support_before_the_promise_is_signed(team, case):
    visit(case)
    for kinds in (["companionship"], ["personal_care"], []):
        with pytest.raises(DomainError, match="Getting Support Promise has not been signed"):
            check_team_support_allowed(team, kinds)
        assert not team_support_allowed(team, kinds)


def test_it_allows_unregulated_support_once_the_promise_is_signed(team, case):
    signed(team)
    check_team_support_allowed(team, UNREGULATED)
    assert team_support_allowed(team, UNREGULATED)
    assert team_support_allowed(team, [])


@pytest.mark.parametrize("kind", ["personal_care", "medicines"])
def test_it_refuses_personal_care_or_medicines_without_a_visit(team, case, kind):
    signed(team)
    with pytest.raises(DomainError, match="needs a face-to-face visit first"):
        check_team_support_allowed(team, ["companionship", kind])
    assert not team_support_allowed(team, [kind])


def test_it_names_the_regulated_kinds_in_its_message(team, case):
    signed(team)
    with pytest.raises(DomainError) as error:
        check_team_support_allowed(team, ["medicines", "personal_care"])
    assert "help taking or managing medicines" in error.value.message
    assert "personal care" in error.value.message


def test_it_allows_everything_with_a_promise_and_a_visit(team, case):
    signed(team)
    visit(case)
    check_team_support_allowed(team, ALL_KINDS)
    assert team_support_allowed(team, ALL_KINDS)


def test_it_refuses_regulated_support_for_a_team_without_a_case(owner, leeds_circle, team):
    """A team started without a Team Starter has no visit on record."""
    signed(team)
    assert not team_support_allowed(team, ["personal_care"])
    assert team_support_allowed(team, ["companionship"])


def test_it_does_not_count_another_teams_promise_or_visit(team, case, alice, leeds_circle):
    from coopcare.teams.services.starting import start_team

    other = start_team(None, alice, leeds_circle)
    signed(other)
    assert not team_support_allowed(team, ["companionship"])
    visit(case)
    assert team_support_allowed(other, ["companionship"])
    assert not team_support_allowed(other, ["personal_care"])


def test_it_refuses_unknown_kinds_of_support(team, case):
    signed(team)
    visit(case)
    with pytest.raises(DomainError) as error:
        check_team_support_allowed(team, ["skydiving"])
    assert error.value.field == "support_kinds"
    assert not team_support_allowed(team, ["skydiving"])


def test_it_refuses_a_closed_team(team, case):
    signed(team)
    team.status = Team.Status.CLOSED
    team.save()
    assert not team_support_allowed(team, ["companionship"])


def test_it_accepts_a_promise_signed_by_a_guardian(team, case, guardian):
    sign_promise(guardian, team, funding="council", agreed=True)
    assert team_support_allowed(team, ["companionship"])


def test_it_accepts_a_promise_recorded_by_the_team_starter(team, case, team_starter):
    sign_promise(
        team_starter,
        team,
        funding="nhs",
        agreed=True,
        signed_as="guardian",
        signer_name="Gail Guardian",
    )
    assert team_support_allowed(team, ["companionship"])

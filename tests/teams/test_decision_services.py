"""Team decisions: the team's rules around the consent engine."""

import datetime

import pytest
from django.utils import timezone

from coopcare.circles.consent_models import Proposal, ProposalResponse
from coopcare.errors import DomainError, NotAllowed
from coopcare.teams.models import Representative, Team
from coopcare.teams.services.decisions import (
    amend_team_decision,
    propose_team_decision,
    respond_to_team_decision,
    withdraw_team_decision,
)


def _propose(actor, team, **kwargs):
    values = {
        "kind": "new_member",
        "title": "Welcome Sam",
        "statement": "Sam joins the team as a volunteer for Sunday walks.",
        "reason": "Olive would like company on walks.",
    }
    values.update(kwargs)
    return propose_team_decision(actor, team, **values)


def test_any_member_proposes_a_change(team, family, owner, worker):
    proposal = _propose(family, team)
    assert proposal.circle == team.circle
    assert proposal.on_behalf_of is None
    assert set(proposal.asked.all()) == {owner, worker, family}


def test_nobody_outside_the_team_can_propose(team, outsider, team_starter):
    for person in (outsider, team_starter):
        with pytest.raises(NotAllowed):
            _propose(person, team)
    assert not Proposal.objects.exists()


def test_a_representative_proposes_on_behalf_of_the_owner(team, owner, representative):
    proposal = _propose(representative, team)
    assert proposal.author == representative
    assert proposal.on_behalf_of == owner


def test_a_representative_without_the_decisions_scope_cannot_take_part(team, representative):
    Representative.objects.filter(person=representative).update(scope=["sign_promise"])
    with pytest.raises(NotAllowed):
        _propose(representative, team)


def test_a_representative_past_their_end_date_cannot_take_part(team, worker, representative):
    proposal = _propose(worker, team)
    Representative.objects.filter(person=representative).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=400),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    with pytest.raises(NotAllowed):
        respond_to_team_decision(representative, team, proposal, "consent")
    assert not ProposalResponse.objects.exists()


def test_hat_nominations_are_not_proposed_directly(team, worker):
    with pytest.raises(DomainError) as error:
        _propose(worker, team, kind="hat_nomination")
    assert error.value.field == "kind"


def test_a_representative_answers_on_behalf_of_the_owner(team, owner, worker, representative):
    proposal = _propose(worker, team)
    response = respond_to_team_decision(representative, team, proposal, "consent")
    assert response.person == owner
    assert response.answered_by == representative


def test_a_member_who_also_represents_the_owner_chooses_whom_they_answer_for(team, owner, family):
    Representative.objects.create(
        team=team,
        person=family,
        role=Representative.Role.ATTORNEY,
        scope=["team_decisions"],
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
        recorded_by=owner,
    )
    proposal = _propose(family, team)
    mine = respond_to_team_decision(family, team, proposal, "consent")
    for_olive = respond_to_team_decision(family, team, proposal, "concern", "Cost.", for_owner=True)
    assert (mine.person, for_olive.person) == (family, owner)
    assert for_olive.answered_by == family


def test_only_the_owners_representative_may_answer_for_the_owner(team, worker):
    proposal = _propose(worker, team)
    with pytest.raises(NotAllowed):
        respond_to_team_decision(worker, team, proposal, "consent", for_owner=True)


def test_a_proposal_of_another_team_is_refused(team, worker, leeds_circle):
    from coopcare.teams.services.starting import start_team
    from tests.factories import MembershipFactory, UserFactory

    other_owner = UserFactory()
    MembershipFactory(person=other_owner)
    other = start_team(None, other_owner, leeds_circle)
    theirs = _propose(other_owner, other)
    with pytest.raises(DomainError):
        respond_to_team_decision(worker, team, theirs, "consent")
    with pytest.raises(DomainError):
        withdraw_team_decision(worker, team, theirs)
    with pytest.raises(DomainError):
        amend_team_decision(worker, team, theirs, statement="Ours now.")


def test_a_closed_team_makes_no_new_decisions(team, worker):
    Team.objects.filter(pk=team.pk).update(status=Team.Status.CLOSED)
    team.refresh_from_db()
    with pytest.raises(DomainError):
        _propose(worker, team)

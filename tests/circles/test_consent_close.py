import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from coopcare.circles import consent
from coopcare.circles.consent_models import Proposal
from coopcare.teams.models import TeamMember


@pytest.fixture
def proposal(team, worker, family):
    return consent.make_proposal(
        worker,
        team.circle,
        kind="times",
        title="Later evenings",
        statement="Evening visits end at 9.",
        reason="Olive likes the late news.",
    )


def _close_later():
    return consent.close_due_proposals(timezone.now() + datetime.timedelta(days=8))


def test_it_leaves_a_proposal_open_before_its_closing_time(proposal, owner):
    consent.respond_to_proposal(owner, proposal, "consent")
    assert consent.close_due_proposals() == 0
    assert Proposal.objects.get().status == Proposal.Status.OPEN


def test_it_passes_at_the_closing_time_when_no_objection_stands(proposal, owner):
    consent.respond_to_proposal(owner, proposal, "concern", "I get tired.")
    assert _close_later() == 1
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.CONSENTED
    assert "Nobody objected" in proposal.outcome_note


def test_it_is_not_agreed_when_an_objection_stands_at_the_closing_time(proposal, owner, worker):
    consent.respond_to_proposal(worker, proposal, "consent")
    consent.respond_to_proposal(owner, proposal, "objection", "I need to sleep by 9.")
    _close_later()
    assert Proposal.objects.get().status == Proposal.Status.OBJECTED


def test_it_passes_when_the_objector_changes_their_answer(proposal, owner, worker, family):
    consent.respond_to_proposal(owner, proposal, "objection", "I need to sleep by 9.")
    consent.respond_to_proposal(worker, proposal, "consent")
    consent.respond_to_proposal(family, proposal, "consent")
    consent.respond_to_proposal(owner, proposal, "consent")
    assert Proposal.objects.get().status == Proposal.Status.CONSENTED


def test_it_closes_without_a_decision_when_nobody_answered(proposal):
    _close_later()
    assert Proposal.objects.get().status == Proposal.Status.EXPIRED


def test_it_decides_each_proposal_once(proposal, owner):
    consent.respond_to_proposal(owner, proposal, "consent")
    assert _close_later() == 1
    assert _close_later() == 0


def test_it_no_longer_waits_for_someone_who_left(proposal, owner, worker, family):
    consent.respond_to_proposal(owner, proposal, "consent")
    consent.respond_to_proposal(worker, proposal, "consent")
    TeamMember.objects.filter(person=family).update(status="left", left_on=timezone.localdate())
    consent.settle_proposal(proposal)
    assert Proposal.objects.get().status == Proposal.Status.CONSENTED


def test_it_refuses_answers_after_the_closing_time(proposal, owner):
    from coopcare.errors import DomainError

    later = timezone.now() + datetime.timedelta(days=8)
    with time_machine.travel(later), pytest.raises(DomainError):
        consent.respond_to_proposal(owner, proposal, "consent")


def test_the_daily_task_closes_due_proposals(proposal, owner):
    from coopcare.teams.tasks_hats import close_due_proposals

    consent.respond_to_proposal(owner, proposal, "consent")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert close_due_proposals.enqueue().return_value == 1
    assert Proposal.objects.get().status == Proposal.Status.CONSENTED


def test_the_command_decides_due_proposals_now(proposal, owner, capsys):
    consent.respond_to_proposal(owner, proposal, "consent")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        call_command("close_due_proposals", "--now")
    assert Proposal.objects.get().status == Proposal.Status.CONSENTED
    assert "Decided 1 proposal." in capsys.readouterr().out

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.circles import consent
from coopcare.circles.consent_models import Proposal
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification


@pytest.fixture
def proposal(team, worker):
    return consent.make_proposal(
        worker,
        team.circle,
        kind="general",
        title="New kettle",
        statement="Buy a new kettle from the team budget.",
        reason="The old one leaks.",
    )


def test_it_withdraws_and_tells_the_people_asked(proposal, worker, owner):
    consent.withdraw_proposal(worker, proposal, reason="Fay bought one.")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN
    assert proposal.outcome_note == "Fay bought one."
    assert Notification.objects.filter(recipient=owner, kind="consent.decided").exists()
    assert not Notification.objects.filter(recipient=worker, kind="consent.decided").exists()
    assert AuditEvent.objects.get(action="consent.proposal_decided").actor == worker


def test_it_refuses_anyone_but_the_author(proposal, family):
    with pytest.raises(NotAllowed):
        consent.withdraw_proposal(family, proposal)
    assert Proposal.objects.get().status == Proposal.Status.OPEN


def test_it_refuses_to_withdraw_twice(proposal, worker):
    consent.withdraw_proposal(worker, proposal)
    with pytest.raises(DomainError):
        consent.withdraw_proposal(worker, proposal)

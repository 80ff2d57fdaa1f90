import pytest

from coopcare.audit.models import AuditEvent
from coopcare.circles import consent
from coopcare.circles.consent_models import Proposal, ProposalResponse
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification


@pytest.fixture
def proposal(team, worker, family):
    return consent.make_proposal(
        worker,
        team.circle,
        kind="times",
        title="Mornings at 9",
        statement="Morning visits start at 9 instead of 8.",
        reason="Olive sleeps better.",
    )


def test_it_records_an_answer_for_the_current_version(proposal, owner):
    response = consent.respond_to_proposal(owner, proposal, "consent")
    assert response.version == 1
    assert response.person == owner
    assert response.answered_by == owner
    assert AuditEvent.objects.filter(action="consent.answered", subject=owner).exists()


def test_it_keeps_one_answer_each_and_lets_people_change_it(proposal, owner):
    consent.respond_to_proposal(owner, proposal, "concern", "Early starts are hard.")
    consent.respond_to_proposal(owner, proposal, "consent")
    answers = ProposalResponse.objects.filter(proposal=proposal, person=owner)
    assert answers.count() == 1
    assert answers.get().answer == "consent"
    assert answers.get().history.count() == 2


def test_it_needs_a_reason_for_an_objection(proposal, owner):
    with pytest.raises(DomainError) as error:
        consent.respond_to_proposal(owner, proposal, "objection", "  ")
    assert error.value.field == "reason"
    assert not ProposalResponse.objects.exists()


def test_it_tells_the_author_about_an_objection(proposal, owner, worker):
    consent.respond_to_proposal(owner, proposal, "objection", "I need help to get up at 8.")
    assert Notification.objects.filter(recipient=worker, kind="consent.objection").exists()


def test_it_refuses_people_outside_the_circle(proposal, outsider):
    with pytest.raises(NotAllowed):
        consent.respond_to_proposal(outsider, proposal, "consent")
    assert not ProposalResponse.objects.exists()


def test_it_refuses_people_in_the_circle_who_were_not_asked(team, worker, family):
    only_worker = consent.make_proposal(
        worker,
        team.circle,
        kind="times",
        title="Wren's Fridays",
        statement="Wren's Friday visit moves to 2pm.",
        reason="School run.",
        asked=[worker, team.owner],
    )
    with pytest.raises(NotAllowed):
        consent.respond_to_proposal(family, only_worker, "consent")


def test_it_refuses_an_unknown_answer(proposal, owner):
    with pytest.raises(DomainError):
        consent.respond_to_proposal(owner, proposal, "maybe")


def test_it_lets_a_representative_answer_on_behalf_of_the_owner(proposal, owner, representative):
    response = consent.respond_to_proposal(representative, proposal, "consent", on_behalf_of=owner)
    assert response.person == owner
    assert response.answered_by == representative
    assert response.for_someone_else
    event = AuditEvent.objects.get(action="consent.answered")
    assert event.actor == representative
    assert event.detail["on_behalf_of"] == owner.pk


def test_it_passes_once_everyone_has_answered_without_objection(proposal, owner, worker, family):
    consent.respond_to_proposal(owner, proposal, "consent")
    consent.respond_to_proposal(worker, proposal, "concern", "Traffic at 9 is worse.")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.OPEN
    consent.respond_to_proposal(family, proposal, "consent")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.CONSENTED
    assert proposal.decided_at is not None
    assert Notification.objects.filter(recipient=owner, kind="consent.decided").exists()


def test_it_stays_open_while_an_objection_stands(proposal, owner, worker, family):
    consent.respond_to_proposal(owner, proposal, "objection", "I need help to get up at 8.")
    consent.respond_to_proposal(worker, proposal, "consent")
    consent.respond_to_proposal(family, proposal, "consent")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.OPEN


def test_it_refuses_answers_once_decided(proposal, owner, worker, family):
    for person in (owner, worker, family):
        consent.respond_to_proposal(person, proposal, "consent")
    with pytest.raises(DomainError):
        consent.respond_to_proposal(owner, proposal, "objection", "Changed my mind.")

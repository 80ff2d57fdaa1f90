import datetime

import pytest
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.circles import consent
from coopcare.circles.consent_models import Proposal
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification


def _make(actor, circle, **kwargs):
    values = {
        "kind": "general",
        "title": "Meet on Tuesdays",
        "statement": "Team check-ins move to Tuesday at 10.",
        "reason": "Wren works Mondays now.",
    }
    values.update(kwargs)
    return consent.make_proposal(actor, circle, **values)


def test_it_asks_everyone_in_the_team_by_default(owner, team, worker, family):
    proposal = _make(worker, team.circle)
    assert set(proposal.asked.all()) == {owner, worker, family}
    assert proposal.status == Proposal.Status.OPEN
    assert proposal.version == 1


def test_it_asks_the_full_participants_of_an_ordinary_circle(alice, bob, leeds_circle):
    from tests.factories import CircleMembershipFactory, MembershipFactory, UserFactory

    learner = UserFactory()
    MembershipFactory(person=learner)
    CircleMembershipFactory(circle=leeds_circle, person=learner, participation="learning")
    proposal = _make(alice, leeds_circle)
    assert set(proposal.asked.all()) == {alice, bob}


def test_it_closes_in_seven_days_and_sets_a_review_date(worker, team):
    proposal = _make(worker, team.circle)
    open_for = proposal.closes_at - proposal.created_at
    assert datetime.timedelta(days=6, hours=23) < open_for <= datetime.timedelta(days=7)
    assert proposal.review_on > timezone.localdate() + datetime.timedelta(days=300)


def test_it_tells_the_people_asked_but_not_the_author(owner, team, worker):
    _make(worker, team.circle)
    assert Notification.objects.filter(recipient=owner, kind="consent.asked").count() == 1
    assert not Notification.objects.filter(recipient=worker, kind="consent.asked").exists()
    assert "Can you live with this?" in Notification.objects.get(recipient=owner).title


def test_it_records_an_audit_event(worker, team):
    proposal = _make(worker, team.circle)
    event = AuditEvent.objects.get(action="consent.proposal_made")
    assert event.actor == worker
    assert event.target_id == str(proposal.pk)


def test_it_refuses_a_person_outside_the_circle(team, outsider):
    with pytest.raises(NotAllowed):
        _make(outsider, team.circle)
    assert not Proposal.objects.exists()


def test_it_refuses_to_ask_someone_outside_the_circle(team, worker, outsider):
    with pytest.raises(DomainError) as error:
        _make(worker, team.circle, asked=[worker, outsider])
    assert error.value.field == "asked"
    assert not Proposal.objects.exists()


def test_it_needs_a_title_a_statement_and_a_reason(team, worker):
    for field in ("title", "statement", "reason"):
        with pytest.raises(DomainError) as error:
            _make(worker, team.circle, **{field: "   "})
        assert error.value.field == field
    assert not Proposal.objects.exists()


def test_it_needs_a_review_date_after_it_closes(team, worker):
    with pytest.raises(DomainError) as error:
        _make(worker, team.circle, review_on=timezone.localdate())
    assert error.value.field == "review_on"


def test_it_refuses_a_closing_time_in_the_past(team, worker):
    with pytest.raises(DomainError) as error:
        _make(worker, team.circle, closes_at=timezone.now() - datetime.timedelta(hours=1))
    assert error.value.field == "closes_at"


def test_it_lets_a_representative_propose_on_behalf_of_the_owner(owner, team, representative):
    proposal = _make(representative, team.circle, on_behalf_of=owner)
    assert proposal.author == representative
    assert proposal.on_behalf_of == owner
    event = AuditEvent.objects.get(action="consent.proposal_made")
    assert event.detail["on_behalf_of"] == owner.pk


def test_it_refuses_to_act_for_someone_without_the_right(owner, team, worker):
    with pytest.raises(NotAllowed):
        _make(worker, team.circle, on_behalf_of=owner)

"""Team hats by consent: the nominee's, then the team's. Either "no" means no hat."""

import datetime

import pytest
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.circles import consent
from coopcare.circles.consent_models import HatNomination, Proposal
from coopcare.circles.models import Hat
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.teams.services.decisions import respond_to_team_decision
from coopcare.teams.services.hats import answer_hat_nomination, nominate_for_team_hat
from tests.factories import hat_type


@pytest.fixture
def nomination(team, owner, worker, family):
    return nominate_for_team_hat(
        owner, team, hat_type("rota-holder"), worker, "Wren already keeps the calendar."
    )


def test_the_nominee_is_asked_first(nomination, worker):
    assert nomination.status == HatNomination.Status.AWAITING_NOMINEE
    assert nomination.proposal is None
    assert Notification.objects.filter(recipient=worker, kind="teams.hat_nominated").exists()


def test_the_nominee_declines_and_no_hat_goes_on(team, nomination, worker, owner):
    answer_hat_nomination(worker, team, nomination, accept=False, note="Too busy this year.")
    nomination.refresh_from_db()
    assert nomination.status == HatNomination.Status.DECLINED
    assert not Proposal.objects.exists()
    assert not Hat.objects.filter(circle=team.circle).exists()
    assert Notification.objects.filter(recipient=owner, kind="consent.decided").exists()


def test_only_the_nominee_answers(team, nomination, family):
    with pytest.raises(NotAllowed):
        answer_hat_nomination(family, team, nomination, accept=True)
    nomination.refresh_from_db()
    assert nomination.status == HatNomination.Status.AWAITING_NOMINEE


def test_the_team_objects_and_no_hat_goes_on(team, nomination, owner, worker, family):
    answer_hat_nomination(worker, team, nomination, accept=True)
    nomination.refresh_from_db()
    assert nomination.status == HatNomination.Status.AWAITING_CIRCLE
    respond_to_team_decision(family, team, nomination.proposal, "objection", "Wren is new here.")
    respond_to_team_decision(owner, team, nomination.proposal, "consent")
    consent.close_due_proposals(timezone.now() + datetime.timedelta(days=8))
    nomination.refresh_from_db()
    assert nomination.proposal.status == Proposal.Status.OBJECTED
    assert nomination.status == HatNomination.Status.NOT_AGREED
    assert not Hat.objects.filter(circle=team.circle).exists()


def test_both_consent_and_the_hat_goes_on_with_a_review_date(
    team, nomination, owner, worker, family
):
    answer_hat_nomination(worker, team, nomination, accept=True, note="Happy to.")
    nomination.refresh_from_db()
    # Accepting counts as the nominee's own consent in the team's round.
    assert nomination.proposal.responses.get().person == worker
    respond_to_team_decision(owner, team, nomination.proposal, "consent")
    respond_to_team_decision(family, team, nomination.proposal, "consent")
    nomination.refresh_from_db()
    assert nomination.status == HatNomination.Status.AGREED
    hat = nomination.hat
    assert (hat.holder, hat.circle, hat.hat_type.slug) == (worker, team.circle, "rota-holder")
    assert hat.review_on == nomination.review_on
    assert hat.review_on > timezone.localdate() + datetime.timedelta(days=300)
    assert AuditEvent.objects.filter(action="consent.hat_nomination_agreed").exists()


def test_nominating_yourself_asks_the_team_straight_away(team, owner, worker, family):
    nomination = nominate_for_team_hat(
        family, team, hat_type("team-chat-admin"), family, "I run the family chat already."
    )
    assert nomination.status == HatNomination.Status.AWAITING_CIRCLE
    assert nomination.proposal.kind == "hat_nomination"


def test_a_representative_nominates_on_behalf_of_the_owner(team, owner, worker, representative):
    nomination = nominate_for_team_hat(
        representative, team, hat_type("check-in-facilitator"), worker, "Wren listens well."
    )
    assert nomination.nominated_by == representative
    assert nomination.on_behalf_of == owner


def test_only_essential_team_hats_are_nominated(team, owner, worker):
    with pytest.raises(DomainError) as error:
        nominate_for_team_hat(owner, team, hat_type("coach"), worker, "Wren is wise.")
    assert error.value.field == "hat_type"
    assert not HatNomination.objects.exists()


def test_only_people_in_the_team_can_be_nominated(team, owner, outsider):
    with pytest.raises(DomainError) as error:
        nominate_for_team_hat(owner, team, hat_type("mar-holder"), outsider, "Otto is careful.")
    assert error.value.field == "holder"
    assert not HatNomination.objects.exists()


def test_nobody_outside_the_team_can_nominate(team, outsider, worker):
    with pytest.raises(NotAllowed):
        nominate_for_team_hat(outsider, team, hat_type("mar-holder"), worker, "Wren is careful.")


def test_a_nomination_needs_a_reason_and_a_later_review_date(team, owner, worker):
    with pytest.raises(DomainError) as error:
        nominate_for_team_hat(owner, team, hat_type("mar-holder"), worker, "  ")
    assert error.value.field == "reason"
    with pytest.raises(DomainError) as error:
        nominate_for_team_hat(
            owner, team, hat_type("mar-holder"), worker, "Careful.", review_on=timezone.localdate()
        )
    assert error.value.field == "review_on"


def test_the_same_person_is_not_nominated_twice_for_one_hat(team, nomination, owner, worker):
    with pytest.raises(DomainError):
        nominate_for_team_hat(owner, team, hat_type("rota-holder"), worker, "Again.")

import datetime

import pytest

from coopcare.circles import consent
from coopcare.circles.consent_models import Proposal, ProposalAmendment
from coopcare.circles.consent_selectors import tally
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification


@pytest.fixture
def proposal(team, worker, family):
    return consent.make_proposal(
        worker,
        team.circle,
        kind="support",
        title="Swimming on Thursdays",
        statement="Wren goes swimming with Olive every Thursday.",
        reason="Olive wants to swim again.",
    )


def test_it_makes_a_new_version_and_records_what_changed(proposal, worker):
    consent.amend_proposal(
        worker,
        proposal,
        statement="Wren goes swimming with Olive every other Thursday.",
        note="Fortnightly, to meet Fay's concern.",
    )
    proposal.refresh_from_db()
    assert proposal.version == 2
    amendment = ProposalAmendment.objects.get()
    assert amendment.version == 2
    assert amendment.kind == "amend"
    assert amendment.author == worker
    assert amendment.changes["statement"][1].endswith("every other Thursday.")


def test_it_asks_everyone_again_and_earlier_answers_no_longer_count(
    proposal, owner, worker, family
):
    consent.respond_to_proposal(owner, proposal, "consent")
    consent.respond_to_proposal(family, proposal, "objection", "Thursdays clash with dialysis.")
    Notification.objects.all().delete()
    consent.amend_proposal(worker, proposal, statement="Swimming on Fridays.")
    proposal.refresh_from_db()
    count = tally(proposal)
    assert count.answered == set()
    assert count.waiting == {owner.pk, worker.pk, family.pk}
    asked_again = Notification.objects.filter(kind="consent.asked")
    assert set(asked_again.values_list("recipient", flat=True)) == {owner.pk, family.pk}


def test_it_names_a_shorter_term_and_an_added_measure(proposal, worker):
    consent.amend_proposal(
        worker, proposal, review_on=proposal.review_on - datetime.timedelta(days=200)
    )
    consent.amend_proposal(worker, proposal, measure="Olive's energy after swimming.")
    kinds = list(ProposalAmendment.objects.values_list("kind", flat=True))
    assert kinds == ["shorten_term", "add_measure"]


def test_it_refuses_anyone_but_the_author(proposal, owner):
    with pytest.raises(NotAllowed):
        consent.amend_proposal(owner, proposal, statement="Swimming on Mondays.")
    proposal.refresh_from_db()
    assert proposal.version == 1


def test_it_refuses_an_amendment_that_changes_nothing(proposal, worker):
    with pytest.raises(DomainError):
        consent.amend_proposal(worker, proposal, title=proposal.title)
    assert not ProposalAmendment.objects.exists()


def test_it_refuses_to_amend_a_closed_proposal(proposal, worker):
    consent.withdraw_proposal(worker, proposal)
    with pytest.raises(DomainError):
        consent.amend_proposal(worker, proposal, statement="Swimming on Fridays.")
    assert Proposal.objects.get().version == 1


def test_it_lets_the_owner_amend_what_a_representative_proposed_for_them(
    team, owner, representative
):
    proposal = consent.make_proposal(
        representative,
        team.circle,
        kind="general",
        title="A quiet hour",
        statement="No visits between 1 and 2.",
        reason="Olive rests.",
        on_behalf_of=owner,
    )
    consent.amend_proposal(owner, proposal, statement="No visits between 1 and 2.30.")
    assert ProposalAmendment.objects.get().on_behalf_of is None

"""Saying yes: only the invitee accepts an invitation; only the owner's side approves a request."""

import pytest
from allauth.account.models import EmailAddress

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.teams.models import Invitation, TeamMember, Trial
from coopcare.teams.services.membership import accept_invitation, invite_member
from tests.factories import UserFactory


def test_it_makes_the_invitee_a_member_and_tells_the_owner(invitation, outsider, team, owner):
    member = accept_invitation(outsider, invitation)
    assert (member.team, member.person, member.kind, member.status) == (
        team,
        outsider,
        "independent_worker",
        "member",
    )
    invitation.refresh_from_db()
    assert (invitation.status, invitation.member, invitation.closed_by) == (
        "accepted",
        member,
        outsider,
    )
    note = Notification.objects.get(kind="teams.invitation_answered")
    assert (note.recipient, note.title) == (owner, "Otto Ormerod joins Team Olive Oyelaran")
    assert AuditEvent.objects.get(action="team.invitation_accepted").actor == outsider


def test_it_starts_a_trial_when_the_invitation_asks_for_one(owner, team, outsider):
    invitation = invite_member(owner, team, outsider.email, "independent_worker", "", 3)
    member = accept_invitation(outsider, invitation)
    assert member.status == TeamMember.Status.TRIAL
    trial = Trial.objects.get(member=member)
    assert (trial.sessions_planned, trial.status, trial.invitation) == (3, "arranged", invitation)


@pytest.mark.parametrize("persona", ["owner", "representative", "worker", "bob"])
def test_nobody_but_the_invitee_accepts_an_invitation(request, invitation, persona):
    with pytest.raises(NotAllowed):
        accept_invitation(request.getfixturevalue(persona), invitation)
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert not TeamMember.objects.filter(person__email="otto@example.org").exists()


def test_it_lets_whoever_verifies_the_address_accept_an_emailed_invitation(owner, team):
    invitation = invite_member(owner, team, "newcomer@example.org", "family_friend")
    other = UserFactory(email="someone-else@example.org")
    with pytest.raises(NotAllowed):
        accept_invitation(other, invitation)
    newcomer = UserFactory(email="newcomer@example.org")
    member = accept_invitation(newcomer, invitation)
    assert member.person == newcomer
    invitation.refresh_from_db()
    assert invitation.person == newcomer


def test_it_does_not_let_an_unverified_address_take_an_invitation(owner, team):
    invitation = invite_member(owner, team, "newcomer@example.org", "family_friend")
    person = UserFactory(email="newcomer@example.org", verified=False)
    EmailAddress.objects.create(user=person, email=person.email, verified=False, primary=True)
    with pytest.raises(NotAllowed):
        accept_invitation(person, invitation)


def test_the_owner_approves_a_request_with_a_trial(join_request, owner, outsider):
    member = accept_invitation(owner, join_request, trial_sessions=1)
    assert (member.person, member.kind, member.status) == (outsider, "volunteer", "trial")
    assert member.trial.sessions_planned == 1
    note = Notification.objects.get(recipient=outsider, kind="teams.invitation_answered")
    assert note.title.startswith("Olive Oyelaran said yes")


def test_a_representative_approves_a_request_on_behalf_of_the_owner(
    join_request, representative, owner, outsider
):
    accept_invitation(representative, join_request)
    join_request.refresh_from_db()
    assert join_request.closed_by_label == "Rhys Roberts on behalf of Olive Oyelaran"
    note = Notification.objects.get(recipient=outsider, kind="teams.invitation_answered")
    assert note.title.startswith("Rhys Roberts on behalf of Olive Oyelaran said yes")
    assert Notification.objects.filter(recipient=owner, kind="teams.invitation_answered").exists()
    event = AuditEvent.objects.get(action="team.invitation_accepted")
    assert (event.actor, event.detail["on_behalf_of"]) == (representative, owner.pk)


@pytest.mark.parametrize("persona", ["outsider", "worker", "family", "bob"])
def test_nobody_but_the_owners_side_approves_a_request(request, join_request, persona):
    with pytest.raises(NotAllowed):
        accept_invitation(request.getfixturevalue(persona), join_request)
    join_request.refresh_from_db()
    assert join_request.status == "pending"


def test_it_refuses_an_invitation_past_its_date(invitation, outsider, time_machine):
    time_machine.move_to(invitation.expires_at)
    with pytest.raises(DomainError, match="expired"):
        accept_invitation(outsider, invitation)
    assert not TeamMember.objects.filter(person=outsider).exists()


def test_it_refuses_an_invitation_answered_already(invitation, outsider):
    accept_invitation(outsider, invitation)
    with pytest.raises(DomainError, match="no longer waiting"):
        accept_invitation(outsider, invitation)
    assert TeamMember.objects.filter(person=outsider).count() == 1


def test_it_refuses_a_bad_number_of_trial_sessions_and_changes_nothing(join_request, owner):
    with pytest.raises(DomainError) as refused:
        accept_invitation(owner, join_request, trial_sessions=9)
    assert refused.value.field == "trial_sessions"
    assert Invitation.objects.get(pk=join_request.pk).status == "pending"

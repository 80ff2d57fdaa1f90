"""Asking to join a team: co-op members only, and the owner's side is told."""

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.teams.models import Invitation
from coopcare.teams.services.membership import invite_member, request_to_join


def test_it_sends_a_members_request_to_the_owner_and_their_representative(
    team, outsider, representative
):
    invitation = request_to_join(outsider, team, "volunteer", "I live round the corner.")
    assert (invitation.direction, invitation.person, invitation.kind) == (
        "request",
        outsider,
        "volunteer",
    )
    told = Notification.objects.filter(kind="teams.join_requested")
    assert {n.recipient for n in told} == {team.owner, representative}
    assert told.first().title == "Otto Ormerod asks to join Team Olive Oyelaran"
    assert AuditEvent.objects.get(action="team.join_requested").actor == outsider


def test_it_refuses_someone_who_is_not_a_member_of_the_co_op(team, stranger):
    with pytest.raises(NotAllowed):
        request_to_join(stranger, team, "volunteer")
    assert not Invitation.objects.exists()


def test_it_refuses_someone_already_in_the_team(team, worker):
    with pytest.raises(DomainError, match="already in"):
        request_to_join(worker, team, "volunteer")


def test_it_refuses_the_owner(team, owner):
    with pytest.raises(DomainError, match="already in"):
        request_to_join(owner, team, "volunteer")


def test_it_refuses_a_second_request_while_an_invitation_waits(owner, team, outsider):
    invite_member(owner, team, outsider.email, "volunteer")
    with pytest.raises(DomainError, match="already an invitation or request"):
        request_to_join(outsider, team, "volunteer")


def test_it_refuses_an_unknown_kind(team, outsider):
    with pytest.raises(DomainError) as refused:
        request_to_join(outsider, team, "owner")
    assert refused.value.field == "kind"
    assert not Invitation.objects.exists()

"""Saying no: either side may decline, with an optional reason the other side reads."""

import pytest

from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.teams.models import TeamMember
from coopcare.teams.services.membership import decline_invitation


def test_the_invitee_declines_and_the_owner_reads_the_reason(invitation, outsider, owner):
    decline_invitation(outsider, invitation, "I am fully booked until spring.")
    invitation.refresh_from_db()
    assert (invitation.status, invitation.reason) == ("declined", "I am fully booked until spring.")
    note = Notification.objects.get(recipient=owner, kind="teams.invitation_answered")
    assert note.body == "I am fully booked until spring."
    assert not TeamMember.objects.filter(person=outsider).exists()


def test_a_reason_is_optional(invitation, outsider):
    decline_invitation(outsider, invitation)
    invitation.refresh_from_db()
    assert (invitation.status, invitation.reason) == ("declined", "")


def test_the_owner_declines_a_request(join_request, owner, outsider):
    decline_invitation(owner, join_request, "We need someone who drives.")
    note = Notification.objects.get(recipient=outsider, kind="teams.invitation_answered")
    assert note.title == "Olive Oyelaran said no to your request to join Team Olive Oyelaran"


def test_the_owner_cannot_decline_their_own_invitation(invitation, owner):
    with pytest.raises(NotAllowed):
        decline_invitation(owner, invitation)


def test_the_asker_cannot_decline_their_own_request(join_request, outsider):
    with pytest.raises(NotAllowed):
        decline_invitation(outsider, join_request)


def test_it_refuses_an_overlong_reason_and_changes_nothing(invitation, outsider):
    with pytest.raises(DomainError) as refused:
        decline_invitation(outsider, invitation, "x" * 2001)
    assert refused.value.field == "reason"
    invitation.refresh_from_db()
    assert invitation.status == "pending"

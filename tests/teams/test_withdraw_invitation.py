"""Withdrawing: the side that started an invitation or request may take it back."""

import pytest

from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.teams.services.membership import accept_invitation, withdraw_invitation


def test_the_owner_withdraws_an_invitation_and_the_invitee_is_told(invitation, owner, outsider):
    withdraw_invitation(owner, invitation)
    invitation.refresh_from_db()
    assert (invitation.status, invitation.closed_by) == ("withdrawn", owner)
    assert Notification.objects.get(recipient=outsider, kind="teams.invitation_withdrawn")
    with pytest.raises(DomainError):
        accept_invitation(outsider, invitation)


def test_a_representative_withdraws_an_invitation_on_behalf_of_the_owner(
    invitation, representative
):
    withdraw_invitation(representative, invitation)
    invitation.refresh_from_db()
    assert invitation.closed_by_label == "Rhys Roberts on behalf of Olive Oyelaran"


def test_the_asker_withdraws_a_request_and_the_owner_is_told(join_request, outsider, owner):
    withdraw_invitation(outsider, join_request)
    assert Notification.objects.get(recipient=owner, kind="teams.invitation_withdrawn")


def test_the_invitee_cannot_withdraw_an_invitation(invitation, outsider):
    with pytest.raises(NotAllowed):
        withdraw_invitation(outsider, invitation)


def test_the_owner_cannot_withdraw_someone_elses_request(join_request, owner, worker):
    for person in (owner, worker):
        with pytest.raises(NotAllowed):
            withdraw_invitation(person, join_request)
    join_request.refresh_from_db()
    assert join_request.status == "pending"

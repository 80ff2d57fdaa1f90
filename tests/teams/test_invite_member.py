"""Inviting someone to a team: only the owner's side, by email, one waiting at a time."""

import pytest
from django.core import mail

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.teams.models import Invitation, MemberKind
from coopcare.teams.services.membership import MAX_PENDING_INVITATIONS, invite_member
from tests.teams.conftest import make_representative


def test_it_lets_the_owner_invite_a_member_and_tells_them(
    owner, team, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_member(owner, team, "OTTO@example.org", "volunteer", "Come along!")
    assert invitation.direction == "invite"
    assert invitation.person == outsider
    assert invitation.email == "otto@example.org"
    assert invitation.kind == MemberKind.VOLUNTEER
    assert invitation.status == "pending"
    assert (invitation.expires_at - invitation.created_at).days == 14
    note = Notification.objects.get(recipient=outsider)
    assert note.kind == "teams.invited"
    assert note.title == "Olive Oyelaran invites you to join Team Olive Oyelaran"
    assert [m.to for m in mail.outbox] == [["otto@example.org"]]
    event = AuditEvent.objects.get(action="team.invitation_sent")
    assert (event.actor, event.subject) == (owner, outsider)
    assert event.detail["kind"] == "volunteer"


@pytest.mark.parametrize("kind", [k for k in MemberKind.values if k != "owner"])
def test_it_stores_every_kind_of_member(owner, team, kind):
    invitation = invite_member(owner, team, f"{kind}@example.org", kind)
    assert Invitation.objects.get(pk=invitation.pk).kind == kind


def test_it_emails_an_address_that_has_no_account_yet(
    owner, team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_member(owner, team, "neighbour@example.org", "family_friend")
    assert invitation.person is None
    assert Notification.objects.count() == 0
    [message] = mail.outbox
    assert message.to == ["neighbour@example.org"]
    assert "Olive Oyelaran invites you to join Team Olive Oyelaran" in message.body
    assert "/accounts/signup/" in message.body


def test_it_shows_and_audits_a_representative_acting_for_the_owner(representative, team, outsider):
    invitation = invite_member(representative, team, outsider.email, "family_friend")
    assert invitation.started_on_behalf_of == team.owner
    assert invitation.started_by_label == "Rhys Roberts on behalf of Olive Oyelaran"
    title = Notification.objects.get(recipient=outsider).title
    assert title.startswith("Rhys Roberts on behalf of Olive Oyelaran invites you")
    event = AuditEvent.objects.get(action="team.invitation_sent")
    assert event.actor == representative
    assert event.detail["on_behalf_of"] == team.owner.pk
    told = Notification.objects.get(recipient=team.owner)
    assert (told.kind, told.title) == (
        "teams.acted_for_you",
        "Rhys Roberts on behalf of Olive Oyelaran invited otto@example.org to join "
        "Team Olive Oyelaran",
    )


def test_it_refuses_a_stranger(outsider, team, bob):
    with pytest.raises(NotAllowed):
        invite_member(outsider, team, bob.email, "volunteer")
    assert not Invitation.objects.exists()


def test_it_refuses_a_worker_in_the_team(worker, team, bob):
    with pytest.raises(NotAllowed):
        invite_member(worker, team, bob.email, "volunteer")


def test_it_refuses_a_representative_without_the_approve_members_scope(team, bob, alice):
    make_representative(team, alice, scope=["sign_promise"])
    with pytest.raises(NotAllowed):
        invite_member(alice, team, bob.email, "volunteer")


def test_it_refuses_a_representative_past_their_end_date(team, bob, alice, time_machine):
    make_representative(team, alice, days=10)
    invite_member(alice, team, "first@example.org", "volunteer")
    time_machine.move_to("2099-01-01")
    with pytest.raises(NotAllowed):
        invite_member(alice, team, bob.email, "volunteer")
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize(
    ("email", "kind", "sessions", "field"),
    [
        ("not an address", "volunteer", 0, "email"),
        ("x@example.org", "owner", 0, "kind"),
        ("x@example.org", "boss", 0, "kind"),
        ("x@example.org", "volunteer", 7, "trial_sessions"),
        ("olive@example.org", "volunteer", 0, "email"),
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(owner, team, email, kind, sessions, field):
    with pytest.raises(DomainError) as refused:
        invite_member(owner, team, email, kind, "", sessions)
    assert refused.value.field == field
    assert not Invitation.objects.exists()


def test_it_refuses_someone_already_in_the_team(owner, team, worker):
    with pytest.raises(DomainError, match="already in Team Olive"):
        invite_member(owner, team, worker.email, "volunteer")


def test_it_refuses_a_second_invitation_to_the_same_address(owner, team, invitation):
    with pytest.raises(DomainError, match="already waiting"):
        invite_member(owner, team, invitation.email, "volunteer")
    assert Invitation.objects.count() == 1


def test_it_limits_how_many_invitations_wait_at_once(owner, team):
    for n in range(MAX_PENDING_INVITATIONS):
        invite_member(owner, team, f"p{n}@example.org", "volunteer")
    with pytest.raises(DomainError, match="already waiting"):
        invite_member(owner, team, "one-more@example.org", "volunteer")

"""Expiry: unanswered invitations and requests expire after 14 days, via a daily command."""

import datetime

from django.core.management import call_command

from coopcare.audit.models import AuditEvent
from coopcare.notifications.models import Notification
from coopcare.teams.models import Invitation
from coopcare.teams.services.membership import expire_invitations, request_to_join


def test_it_expires_only_what_is_past_its_date(invitation, team, bob, time_machine):
    join_request = request_to_join(bob, team, "volunteer")
    Invitation.objects.filter(pk=join_request.pk).update(
        expires_at=join_request.expires_at + datetime.timedelta(days=5)
    )
    time_machine.move_to(invitation.expires_at + datetime.timedelta(minutes=1))
    assert expire_invitations() == 1
    invitation.refresh_from_db()
    join_request.refresh_from_db()
    assert (invitation.status, join_request.status) == ("expired", "pending")
    assert AuditEvent.objects.filter(action="team.invitation_expired").count() == 1
    assert Notification.objects.get(kind="teams.invitation_expired").recipient == (
        invitation.started_by
    )
    assert expire_invitations() == 0


def test_the_command_queues_the_task_that_expires_them(invitation, time_machine, capsys):
    time_machine.move_to(invitation.expires_at + datetime.timedelta(days=1))
    call_command("expire_invitations")
    invitation.refresh_from_db()
    assert invitation.status == "expired"
    assert "Expired 1 invitation or request." in capsys.readouterr().out


def test_the_command_can_run_without_a_worker(invitation, time_machine, capsys):
    time_machine.move_to(invitation.expires_at + datetime.timedelta(days=1))
    call_command("expire_invitations", "--now")
    assert Invitation.objects.get(pk=invitation.pk).status == "expired"

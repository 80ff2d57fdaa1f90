"""Leaving well: notice to the owner, hats handed over first, then gone on the day."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.circles.models import Hat
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.teams.models import Leave, TeamMember
from coopcare.teams.services.leaving import (
    complete_due_leaves,
    complete_leave,
    give_notice,
    take_off_hat_for_leaving,
    withdraw_notice,
)
from tests.factories import HatFactory, hat_type


def _in(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def rota_hat(team, worker):
    return HatFactory(holder=worker, circle=team.circle, hat_type=hat_type("rota-holder"))


def test_a_member_gives_notice_and_the_owner_is_told(worker, team, owner):
    leave = give_notice(worker, team, _in(14), "Thank you all.", "The rota was hard.", False)
    assert (leave.member.person, leave.leaves_on, leave.status) == (worker, _in(14), "notice")
    assert TeamMember.objects.get(pk=leave.member_id).status == "leaving"
    note = Notification.objects.get(recipient=owner, kind="teams.notice_given")
    assert note.body == "Thank you all."
    assert "Wren Walker is leaving Team Olive Oyelaran" in note.title
    assert AuditEvent.objects.get(action="team.notice_given").actor == worker


def test_the_owner_cannot_leave_their_own_team(owner, team):
    with pytest.raises(NotAllowed, match="You lead this team"):
        give_notice(owner, team, _in(7))
    assert not Leave.objects.exists()


def test_someone_outside_the_team_cannot_give_notice(outsider, team):
    with pytest.raises(NotAllowed):
        give_notice(outsider, team, _in(7))


@pytest.mark.parametrize(("days", "field"), [(-1, "leaves_on"), (400, "leaves_on")])
def test_it_refuses_a_bad_date_and_changes_nothing(worker, team, days, field):
    with pytest.raises(DomainError) as refused:
        give_notice(worker, team, _in(days))
    assert refused.value.field == field
    assert TeamMember.objects.get(person=worker).status == "member"


def test_someone_on_trial_says_how_it_went_instead(trial, outsider, team):
    with pytest.raises(DomainError, match="on trial"):
        give_notice(outsider, team, _in(3))


def test_the_leave_cannot_complete_while_a_team_hat_is_worn(worker, team, rota_hat):
    leave = give_notice(worker, team, _in(7))
    with pytest.raises(DomainError, match="Rota Holder"):
        complete_leave(worker, leave)
    assert TeamMember.objects.get(pk=leave.member_id).left_on is None


def test_taking_the_hat_off_lets_the_leaver_go_early(worker, team, owner, rota_hat):
    leave = give_notice(worker, team, _in(7), "Bye!")
    take_off_hat_for_leaving(worker, leave, rota_hat)
    assert Hat.objects.get(pk=rota_hat.pk).ends_on == _in(7)
    complete_leave(worker, leave)
    member = TeamMember.objects.get(pk=leave.member_id)
    assert (member.status, member.left_on) == ("left", timezone.localdate())
    # The hat set to come off on the leaving day came off today instead.
    assert Hat.objects.get(pk=rota_hat.pk).ends_on == timezone.localdate()
    assert Leave.objects.get(pk=leave.pk).status == "completed"
    assert Notification.objects.filter(recipient=owner, kind="teams.member_left").exists()
    assert not worker.has_perm("teams.view_team", team)
    assert worker.has_perm("teams.view_leave", leave)


def test_only_the_leaver_takes_off_their_hats_here(worker, team, owner, family, rota_hat):
    leave = give_notice(worker, team, _in(7))
    for person in (owner, family):
        with pytest.raises(NotAllowed):
            take_off_hat_for_leaving(person, leave, rota_hat)
    other_hat = HatFactory(holder=family, circle=team.circle, hat_type=hat_type("mar-holder"))
    with pytest.raises(DomainError, match="not one of your hats"):
        take_off_hat_for_leaving(worker, leave, other_hat)
    assert Hat.objects.get(pk=other_hat.pk).ends_on is None


def test_the_leaver_may_change_their_mind(worker, team, owner):
    leave = give_notice(worker, team, _in(7))
    withdraw_notice(worker, leave)
    assert Leave.objects.get(pk=leave.pk).status == "withdrawn"
    assert TeamMember.objects.get(pk=leave.member_id).status == "member"
    assert Notification.objects.filter(recipient=owner, kind="teams.notice_withdrawn").exists()
    with pytest.raises(DomainError):
        complete_leave(worker, leave)


def test_nobody_else_completes_or_withdraws_a_notice(worker, team, owner):
    leave = give_notice(worker, team, _in(7))
    with pytest.raises(NotAllowed):
        complete_leave(owner, leave)
    with pytest.raises(NotAllowed):
        withdraw_notice(owner, leave)


def test_leaves_complete_on_their_day_and_hats_hold_them_up_with_one_reminder(
    worker, family, team, owner, rota_hat, time_machine
):
    worker_leave = give_notice(worker, team, _in(2))
    family_leave = give_notice(family, team, _in(2))
    assert complete_due_leaves() == 0
    time_machine.move_to(_in(2))
    assert complete_due_leaves() == 1
    assert Leave.objects.get(pk=family_leave.pk).status == "completed"
    assert Leave.objects.get(pk=worker_leave.pk).status == "notice"
    reminded = Notification.objects.filter(kind="teams.leave_waiting_for_hats")
    assert {n.recipient for n in reminded} == {worker, owner}
    complete_due_leaves()
    assert reminded.count() == 2
    assert Notification.objects.filter(recipient=family, kind="teams.member_left").exists()


def test_the_command_completes_leaves_whose_day_has_come(family, team, time_machine, capsys):
    give_notice(family, team, _in(1))
    time_machine.move_to(_in(1))
    call_command("complete_leaves")
    assert TeamMember.objects.get(person=family).status == "left"
    assert "Completed 1 leave." in capsys.readouterr().out

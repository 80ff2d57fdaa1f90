"""A starting team becomes active when its first member besides the owner joins."""

from coopcare.audit.models import AuditEvent
from coopcare.teams.models import Team
from coopcare.teams.services.membership import accept_invitation, invite_member
from coopcare.teams.services.trials import give_trial_verdict, mark_trial_sessions_done


def _status(team) -> str:
    return Team.objects.get(pk=team.pk).status


def _starting(team) -> Team:
    Team.objects.filter(pk=team.pk).update(status=Team.Status.STARTING)
    team.refresh_from_db()
    return team


def test_accepting_an_invitation_without_a_trial_makes_the_team_active(owner, team, outsider):
    team = _starting(team)
    invitation = invite_member(owner, team, outsider.email, "independent_worker")
    accept_invitation(outsider, invitation)
    assert _status(team) == "active"
    assert AuditEvent.objects.filter(action="team.active", target_id=str(team.pk)).count() == 1


def test_a_trial_keeps_the_team_starting_until_both_say_yes(owner, team, outsider):
    team = _starting(team)
    invitation = invite_member(owner, team, outsider.email, "volunteer", trial_sessions=2)
    member = accept_invitation(outsider, invitation)
    assert _status(team) == "starting"
    trial = member.trial
    mark_trial_sessions_done(owner, trial)
    give_trial_verdict(outsider, trial, "yes")
    assert _status(team) == "starting"
    give_trial_verdict(owner, trial, "yes")
    assert _status(team) == "active"


def test_a_self_managing_team_stays_self_managing(owner, team, outsider):
    Team.objects.filter(pk=team.pk).update(status=Team.Status.SELF_MANAGING)
    team.refresh_from_db()
    accept_invitation(outsider, invite_member(owner, team, outsider.email, "volunteer"))
    assert _status(team) == "self_managing"
    assert not AuditEvent.objects.filter(action="team.active").exists()

"""Trials: sessions done → both asked; both yes → member; either no → gone, no reason shown."""

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.teams.models import TeamMember, Trial
from coopcare.teams.services.trials import (
    give_trial_verdict,
    mark_trial_sessions_done,
    set_trial_observer,
)


def test_marking_the_sessions_done_asks_both_sides(trial, owner, outsider, representative):
    mark_trial_sessions_done(owner, trial)
    trial.refresh_from_db()
    assert (trial.status, trial.sessions_done_by) == ("asking", owner)
    asked = Notification.objects.filter(kind="teams.trial_how_did_it_go")
    assert {n.recipient for n in asked} == {owner, outsider, representative}
    assert all(n.url.endswith("/how-did-it-go/") for n in asked)


def test_the_candidate_may_mark_the_sessions_done_but_a_team_mate_may_not(trial, outsider, worker):
    with pytest.raises(NotAllowed):
        mark_trial_sessions_done(worker, trial)
    mark_trial_sessions_done(outsider, trial)
    assert Trial.objects.get(pk=trial.pk).status == "asking"


def test_both_yes_makes_the_candidate_a_member(trial, owner, outsider):
    mark_trial_sessions_done(owner, trial)
    give_trial_verdict(outsider, trial, "yes", "Lovely garden.")
    assert TeamMember.objects.get(pk=trial.member_id).status == "trial"
    give_trial_verdict(owner, trial, "yes")
    trial.refresh_from_db()
    assert trial.status == "joined"
    assert TeamMember.objects.get(pk=trial.member_id).status == "member"
    outcome = Notification.objects.filter(kind="teams.trial_outcome")
    assert {n.recipient for n in outcome} >= {owner, outsider}


@pytest.mark.parametrize("who_says_no", ["owner", "outsider"])
def test_either_no_ends_the_trial_without_a_reason_shown(request, trial, owner, who_says_no):
    mark_trial_sessions_done(owner, trial)
    give_trial_verdict(request.getfixturevalue(who_says_no), trial, "no", "Private thoughts.")
    trial.refresh_from_db()
    member = TeamMember.objects.get(pk=trial.member_id)
    assert trial.status == "ended"
    assert (member.status, member.left_on is not None) == ("left", True)
    assert not TeamMember.objects.current().filter(pk=member.pk).exists()
    for note in Notification.objects.filter(kind="teams.trial_outcome"):
        assert "Private thoughts" not in note.title + note.body
        assert "said no" not in note.title + note.body
    event = AuditEvent.objects.get(action="team.trial_verdict_given")
    assert "Private thoughts." not in str(event.detail)


def test_a_no_may_come_before_the_sessions_are_done_but_a_yes_may_not(trial, owner, outsider):
    with pytest.raises(DomainError) as refused:
        give_trial_verdict(outsider, trial, "yes")
    assert refused.value.field == "verdict"
    give_trial_verdict(owner, trial, "no")
    assert Trial.objects.get(pk=trial.pk).status == "ended"


def test_a_representative_answers_for_the_owner_and_it_shows(trial, representative, owner):
    mark_trial_sessions_done(owner, trial)
    give_trial_verdict(representative, trial, "yes")
    trial.refresh_from_db()
    assert trial.owner_verdict_by_label == "Rhys Roberts on behalf of Olive Oyelaran"


@pytest.mark.parametrize("persona", ["worker", "family", "bob"])
def test_people_outside_the_two_sides_cannot_answer(request, trial, owner, persona):
    mark_trial_sessions_done(owner, trial)
    with pytest.raises(NotAllowed):
        give_trial_verdict(request.getfixturevalue(persona), trial, "no")
    assert Trial.objects.get(pk=trial.pk).status == "asking"


def test_each_side_answers_once_and_bad_answers_change_nothing(trial, owner, outsider):
    mark_trial_sessions_done(owner, trial)
    with pytest.raises(DomainError):
        give_trial_verdict(outsider, trial, "maybe")
    give_trial_verdict(outsider, trial, "yes")
    with pytest.raises(DomainError, match="already"):
        give_trial_verdict(outsider, trial, "no")
    assert Trial.objects.get(pk=trial.pk).candidate_verdict == "yes"


def test_an_observer_must_already_be_in_the_team(trial, owner, worker, bob, outsider):
    set_trial_observer(owner, trial, worker)
    assert Trial.objects.get(pk=trial.pk).observer == worker
    assert Notification.objects.get(recipient=worker).kind == "teams.trial_observer"
    for person in (bob, outsider):
        with pytest.raises(DomainError) as refused:
            set_trial_observer(owner, trial, person)
        assert refused.value.field == "observer"
    assert Trial.objects.get(pk=trial.pk).observer == worker


def test_the_team_starter_may_arrange_the_observer_but_a_worker_may_not(
    trial, team_starter, worker, family
):
    set_trial_observer(team_starter, trial, family)
    with pytest.raises(NotAllowed):
        set_trial_observer(worker, trial, None)

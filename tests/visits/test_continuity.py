"""Continuity on the team page: different givers per week, and the regular team's share."""

import datetime

from django.utils import timezone

from coopcare.teams.models import TeamMember
from coopcare.visits.continuity import continuity_of
from coopcare.visits.services.booking import join_appointment
from tests.visits.conftest import at, book


def test_it_counts_distinct_givers_per_week_and_the_regular_share(
    ready_team, owner, worker, rota_holder, time_machine
):
    # Rosa is on trial, so she is not yet the regular team.
    TeamMember.objects.filter(person=rota_holder).update(status=TeamMember.Status.TRIAL)
    for days, person in ((1, worker), (2, worker), (3, rota_holder)):
        appointment = book(owner, ready_team, [person], start=at(days, 10))
        join_appointment(person, appointment)
    time_machine.move_to(at(10, 12))
    result = continuity_of(ready_team)
    assert len(result.weeks) == 12
    assert sum(w.hours for w in result.weeks) == 3
    assert max(w.givers for w in result.weeks) >= 1
    assert result.regular_share == 67
    assert result.total_hours == 3


def test_no_support_yet(ready_team):
    result = continuity_of(ready_team, today=timezone.localdate() + datetime.timedelta(days=1))
    assert not result.has_support and result.regular_share is None

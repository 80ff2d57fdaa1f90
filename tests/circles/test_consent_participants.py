"""Who takes part in a circle's decisions, and who may wear its hats (a team's are its members)."""

import datetime

import pytest
from django.utils import timezone

from coopcare.circles.consent_selectors import acts_for, is_in_circle, participants, takes_part
from coopcare.circles.services import add_months, put_on_hat
from coopcare.errors import DomainError
from coopcare.teams.models import Representative, TeamMember
from tests.factories import hat_type


def test_it_counts_current_team_members_and_the_owner_in_a_team(team, owner, worker, family):
    assert set(participants(team.circle)) == {owner, worker, family}


def test_it_leaves_out_people_who_left_the_team(team, worker):
    TeamMember.objects.filter(person=worker).update(status="left", left_on=timezone.localdate())
    assert not takes_part(team.circle, worker)
    assert not is_in_circle(team.circle, worker)


def test_it_leaves_out_outsiders_and_representatives(team, outsider, representative):
    assert not takes_part(team.circle, outsider)
    assert not takes_part(team.circle, representative)


def test_a_representative_acts_for_the_owner_only_within_scope_and_dates(
    team, owner, worker, representative
):
    assert acts_for(representative, owner, team.circle)
    assert not acts_for(representative, worker, team.circle)
    rep = Representative.objects.get(person=representative)
    rep.scope = ["sign_promise"]
    rep.save()
    assert not acts_for(representative, owner, team.circle)
    rep.scope = ["team_decisions"]
    rep.starts_on = timezone.localdate() - datetime.timedelta(days=30)
    rep.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    rep.save()
    assert not acts_for(representative, owner, team.circle)


def test_nobody_acts_for_anyone_in_an_ordinary_circle(alice, bob, leeds_circle):
    assert not acts_for(alice, bob, leeds_circle)


def test_a_team_member_can_wear_a_hat_in_the_team(team, worker):
    hat = put_on_hat(None, team.circle, hat_type("rota-holder"), worker, timezone.localdate())
    assert hat.holder == worker
    assert hat.review_on == add_months(timezone.localdate(), 12)


def test_someone_outside_the_team_cannot_wear_its_hats(team, outsider):
    with pytest.raises(DomainError) as error:
        put_on_hat(None, team.circle, hat_type("rota-holder"), outsider, timezone.localdate())
    assert error.value.field == "holder"


def test_ordinary_circles_still_need_a_circle_membership(leeds_circle, alice, outsider):
    put_on_hat(None, leeds_circle, hat_type("coach"), alice, timezone.localdate())
    with pytest.raises(DomainError):
        put_on_hat(None, leeds_circle, hat_type("coach"), outsider, timezone.localdate())

"""The large scale's teams at a tiny size: ``make bench`` builds the real thing."""

import pytest
from django.db.models import Count

from coopcare.audit.models import AuditEvent
from coopcare.circles.models import Circle, Hat
from coopcare.seed.large import LocalCircle, build_large
from coopcare.seed.people import Seeder
from coopcare.seed.teams_large import _plan
from coopcare.starting.models import Case, PromiseSignature
from coopcare.supportprofiles.models import GettingSupportProfile
from coopcare.teams.models import MemberKind, Team, TeamMember


@pytest.fixture
def small_large(db):
    build_large(people=300, circles=12)


def bulk_teams():
    return Team.objects.exclude(owner__email__endswith="@demo.coopcare.test")


def test_it_builds_teams_of_four_to_eight_with_one_owner_each(small_large):
    teams = bulk_teams().annotate(n=Count("members"))
    assert teams.count() >= 50
    assert {team.n for team in teams} <= set(range(4, 9))
    owners = TeamMember.objects.filter(team__in=teams, kind=MemberKind.OWNER)
    assert owners.count() == teams.count()
    assert all(
        t.owner_id == m.person_id
        for t, m in zip(teams.order_by("pk"), owners.order_by("team_id"), strict=True)
    )
    assert (
        TeamMember.objects.filter(team__in=teams)
        .exclude(kind=MemberKind.OWNER)
        .values("kind")
        .distinct()
        .count()
        >= 4
    )


def test_it_gives_each_team_its_own_team_circle_under_its_local_circle(small_large):
    for team in bulk_teams().select_related("circle", "local_circle"):
        assert team.circle.kind == Circle.Kind.TEAM
        assert team.circle.parent_id == team.local_circle_id
        assert team.local_circle.kind == Circle.Kind.LOCAL


def test_it_puts_team_hats_only_on_the_teams_members(small_large):
    hats = Hat.objects.filter(circle__kind=Circle.Kind.TEAM, circle__team__in=bulk_teams())
    assert hats.exists()
    for hat in hats.select_related("circle__team"):
        assert TeamMember.objects.filter(team=hat.circle.team, person=hat.holder_id).exists()


def test_it_adds_profiles_and_cases_led_by_a_team_starter_of_the_local_circle(small_large):
    teams = bulk_teams()
    assert GettingSupportProfile.objects.filter(team__in=teams).exists()
    cases = Case.objects.filter(team__in=teams)
    assert cases.exists()
    for case in cases.select_related("team"):
        assert case.person_id == case.team.owner_id
        assert (
            Hat.objects.current()
            .filter(
                circle=case.local_circle_id,
                holder=case.team_starter_id,
                hat_type__slug="team-starter",
            )
            .exists()
        )
    assert PromiseSignature.objects.filter(team__in=teams).exists()


def test_it_writes_no_audit_events_for_the_bulk_teams(small_large):
    ids = [str(pk) for pk in bulk_teams().values_list("pk", flat=True)]
    assert not AuditEvent.objects.filter(target_type="teams.team", target_id__in=ids).exists()


def test_it_plans_the_same_teams_every_time():
    def plan():
        locals_ = [
            LocalCircle(Circle(pk=n), "Region", ["LS1"], list(range(n * 40, n * 40 + 40)))
            for n in range(3)
        ]
        return [
            (local.circle.pk, owner, others)
            for local, owner, others in _plan(Seeder(), locals_, {n: n for n in range(120)}, 30)
        ]

    first = plan()
    assert len(first) == 30
    assert first == plan()

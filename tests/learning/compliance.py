"""Helpers for the compliance tests: a circle with a policy of its own, people giving support in
one of its teams, and a Coach."""

from coopcare.circles.models import Circle
from coopcare.learning.models import Interval, Policy, Topic
from coopcare.teams.models import TeamMember
from tests.conftest import _member
from tests.factories import CircleFactory, HatFactory, hat_type


def giver(team, name: str, kind: str = "independent_worker", **kwargs):
    """A co-op member giving support in ``team`` as ``kind``."""
    person = _member(profile__name=name, **kwargs)
    TeamMember.objects.create(team=team, person=person, kind=kind)
    return person


def circle_with_policy(parent, slug: str, topics: int, *, group: str = "Every year") -> Circle:
    """A local circle whose policy has ``topics`` yearly topics for independent workers, named
    ``topic-1``… (so the defaults are never loaded)."""
    circle = CircleFactory(name=f"{slug.title()} Circle", slug=slug, parent=parent)
    policy = Policy.objects.create(circle=circle)
    Topic.objects.bulk_create(
        [
            Topic(
                policy=policy,
                slug=f"topic-{n}",
                name=f"Topic {n}",
                group=group,
                interval=Interval.YEARLY,
                member_kinds=["independent_worker"],
                order=n,
            )
            for n in range(1, topics + 1)
        ]
    )
    return circle


def team_in(circle, owner_name: str = "Owen Owner"):
    from coopcare.teams.services.starting import start_team

    return start_team(None, _member(circle, profile__name=owner_name), circle)


def coach_of(circle, name: str = "Cleo Coach"):
    person = _member(circle, profile__name=name)
    HatFactory(holder=person, circle=circle, hat_type=hat_type("coach"))
    return person

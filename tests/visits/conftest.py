"""Fixtures for appointments: Olive's team, ready for support, with Wren (an independent worker
who needs 15 minutes between visits), Vic (a volunteer), Fay (family) and Rosa, the Rota Holder.
"""

import datetime

import pytest
from django.utils import timezone

from coopcare.supportprofiles.models import GivingSupportProfile
from coopcare.teams.models import TeamMember
from coopcare.visits.services.booking import create_appointment
from tests.factories import HatFactory, hat_type, make_team_ready


@pytest.fixture
def ready_team(team):
    return make_team_ready(team)


@pytest.fixture
def worker(ready_team, worker):
    GivingSupportProfile.objects.create(person=worker, travel_minutes=15, hourly_rate_pence=1800)
    trained(worker)
    return worker


def trained(person):
    """In-date learning for the kinds of support that need it (personal care, medicines), so
    joining is never stopped by the learning gate (tests/learning/test_gating.py tests it)."""
    from tests.learning.conftest import learned

    for slug in ("moving-people", "oliver-mcgowan-tier-2", "medicines-support"):
        learned(person, slug)
    learned(person, "medicines-competence", observed=True)
    return person


def _join_team(team, person, kind):
    TeamMember.objects.create(team=team, person=person, kind=kind)
    return person


@pytest.fixture
def volunteer(ready_team):
    from tests.conftest import _member

    return _join_team(
        ready_team, _member(email="vic@example.org", profile__name="Vic Vaughan"), "volunteer"
    )


@pytest.fixture
def rota_holder(ready_team):
    from tests.conftest import _member

    person = _join_team(
        ready_team,
        _member(email="rosa@example.org", profile__name="Rosa Reid"),
        "independent_worker",
    )
    HatFactory(holder=person, circle=ready_team.circle, hat_type=hat_type("rota-holder"))
    return person


def at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware London time ``days`` from today."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def book(actor, team, givers=(), start=None, minutes=60, kinds=("companionship",), **kwargs):
    start = start or at(2, 10)
    return create_appointment(
        actor,
        team,
        title=kwargs.pop("title", "Morning visit"),
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=minutes),
        place=kwargs.pop("place", "home"),
        support_kinds=list(kinds),
        givers=list(givers),
        **kwargs,
    )

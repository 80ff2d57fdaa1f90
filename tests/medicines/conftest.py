"""Fixtures for the MAR: Olive's team (ready for support, from tests/visits) with Mo, its MAR
Holder (family, not a giver), and two medicines the owner put on the list.

Times are fixed with time-machine: "now" is 06:00 on Tuesday 10 June 2025 (BST) unless a test
moves it, so visits booked later that morning are in the future and doses can fall due.
"""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from coopcare.api.services import create_token
from coopcare.medicines.services import create_medicine
from coopcare.teams.models import TeamMember
from coopcare.visits.services.booking import join_appointment
from tests.api.conftest import bearer
from tests.conftest import _member
from tests.factories import HatFactory, hat_type
from tests.visits import conftest as visits_fixtures
from tests.visits.conftest import book

# Olive's team ready for support, Wren (worker), Vic (volunteer) and Rosa (Rota Holder).
ready_team = visits_fixtures.ready_team
worker = visits_fixtures.worker
volunteer = visits_fixtures.volunteer
rota_holder = visits_fixtures.rota_holder

DAY = datetime.date(2025, 6, 10)


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture(autouse=True)
def clock():
    """Stopped at 06:00 on ``DAY`` for every test here (before any other fixture runs, so the
    team's Promise is signed "today"); ``clock.move_to(local(DAY, 8, 5))`` moves it."""
    with time_machine.travel(local(DAY, 6), tick=False) as traveller:
        yield traveller


@pytest.fixture
def mar_holder(ready_team):
    person = _member(email="mo@example.org", profile__name="Mo Mensah")
    TeamMember.objects.create(team=ready_team, person=person, kind="family_friend")
    HatFactory(holder=person, circle=ready_team.circle, hat_type=hat_type("mar-holder"))
    return person


@pytest.fixture
def metformin(clock, ready_team, owner):
    return create_medicine(
        owner,
        ready_team,
        name="Metformin",
        dose="500 mg",
        times=["08:00", "18:00"],
        window_minutes=30,
        starts_on=DAY - datetime.timedelta(days=7),
    )


@pytest.fixture
def insulin(clock, ready_team, owner):
    return create_medicine(
        owner,
        ready_team,
        name="Insulin",
        dose="10 units",
        times=["08:00"],
        time_critical=True,
        window_minutes=30,
        starts_on=DAY - datetime.timedelta(days=7),
    )


@pytest.fixture
def visit(clock, ready_team, owner, worker):
    """Wren's morning visit with help with medicines, 07:30–08:30, which she has joined."""
    appointment = book(
        owner,
        ready_team,
        [worker],
        start=local(DAY, 7, 30),
        minutes=60,
        kinds=["personal_care", "medicines"],
    )
    join_appointment(worker, appointment)
    appointment.refresh_from_db()
    return appointment


@pytest.fixture
def as_token():
    """``as_token(person)`` — an API client with a new token of the person's."""
    cache.clear()

    def make(person):
        _token, raw = create_token(person, "test script", 30)
        return bearer(raw)

    yield make
    cache.clear()


from tests.browser.conftest import browser_type_launch_args  # noqa: E402, F401  (a fixture)

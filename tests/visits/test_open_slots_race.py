"""Ten people press "Take this slot" at the same moment: exactly one of them gets it.

Only PostgreSQL runs transactions truly side by side; SQLite takes one writer at a time, so
there the same rule is tested in turn (test_open_slots.py).
"""

import threading

import pytest
from django.db import connection, connections

from coopcare.errors import DomainError
from coopcare.teams.models import TeamMember
from coopcare.visits.models import Appointment, Attendee
from coopcare.visits.services.slots import take_slot
from tests.visits.conftest import book

pytestmark = pytest.mark.postgres
TAKERS = 10


@pytest.mark.django_db(transaction=True)
def test_one_winner_among_ten_at_once(ready_team, owner):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite never runs two writers at once")
    from tests.conftest import _member

    people = [
        _member(email=f"taker{n}@example.org", profile__name=f"Taker {n}") for n in range(TAKERS)
    ]
    for person in people:
        TeamMember.objects.create(team=ready_team, person=person, kind="independent_worker")
    appointment = book(owner, ready_team, [], open_slot=True)
    start = threading.Barrier(TAKERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def take(person) -> None:
        try:
            start.wait()
            take_slot(person, Appointment.objects.get(pk=appointment.pk))
            outcome = "taken"
        except DomainError as error:
            outcome = error.message
        except Exception as error:  # noqa: BLE001  (reported by the assertion below)
            outcome = f"unexpected {type(error).__name__}: {error}"
        finally:
            # Each thread has its own connection; close it so the test database can be dropped.
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=take, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["Someone has already taken this slot."] * (TAKERS - 1) + ["taken"]
    winner = Attendee.objects.get(appointment=appointment)
    assert (winner.response, winner.holds_time) == ("joined", True)
    appointment.refresh_from_db()
    assert (appointment.open_slot, appointment.status) == (False, "confirmed")

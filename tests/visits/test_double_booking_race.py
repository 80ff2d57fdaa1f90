"""One giver, ten overlapping visits, ten joins at the same moment: exactly one is booked.

On PostgreSQL the transactions really run side by side, so only the exclusion constraint
(migration visits.0002) stops a second booking that passed the check before the first was
written; the service turns its refusal into the usual clash message. SQLite takes one writer at
a time, so there the rule is tested in turn (test_booking.py).
"""

import datetime
import threading

import pytest
from django.db import connection, connections

from coopcare.errors import DomainError
from coopcare.visits.models import Appointment, Attendee
from coopcare.visits.services.booking import join_appointment
from tests.visits.conftest import at, book

pytestmark = pytest.mark.postgres
JOINS = 10


@pytest.mark.django_db(transaction=True)
def test_only_one_of_ten_overlapping_joins_at_once_is_booked(ready_team, owner, worker):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite never runs two writers at once")
    visits = [
        book(owner, ready_team, [worker], start=at(3, 10) + datetime.timedelta(minutes=5 * n))
        for n in range(JOINS)
    ]
    start = threading.Barrier(JOINS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def join(appointment) -> None:
        try:
            start.wait()
            join_appointment(worker, Appointment.objects.get(pk=appointment.pk))
            outcome = "booked"
        except DomainError as error:
            outcome = "clash" if "already booked" in error.message else error.message
        except Exception as error:  # noqa: BLE001  (reported by the assertion below)
            outcome = f"unexpected {type(error).__name__}: {error}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=join, args=(visit,)) for visit in visits]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["booked"] + ["clash"] * (JOINS - 1)
    assert Attendee.objects.filter(person=worker, holds_time=True).count() == 1
    assert Appointment.objects.filter(status="confirmed").count() == 1

"""``manage.py run_visit_jobs``: every time-driven step runs, and a second run does nothing."""

import datetime
from io import StringIO

from django.core.management import call_command

from coopcare.visits.models import CareLog
from coopcare.visits.services.booking import join_appointment
from coopcare.visits.tasks import run_steps
from tests.visits.conftest import at, book


def test_one_run_does_each_step_once(ready_team, owner, worker, time_machine):
    appointment = book(owner, ready_team, [worker], start=at(1, 10))
    join_appointment(worker, appointment)
    time_machine.move_to(appointment.ends_at + datetime.timedelta(minutes=5))
    first = run_steps()
    assert first["care logs opened"] == 1
    # Nobody checked in, and the job ran within six hours of the start: the owner is told.
    assert first["check-in alerts"] == 1
    assert CareLog.objects.filter(appointment=appointment, status="pending").count() == 1
    assert all(count == 0 for count in run_steps().values())


def test_the_command_runs_the_steps_here_with_now(db):
    out = StringIO()
    call_command("run_visit_jobs", "--now", stdout=out)
    text = out.getvalue()
    for label in ("reminders sent", "care logs opened", "missed-dose alerts"):
        assert f"{label}: 0" in text


def test_the_command_queues_the_task(db):
    out = StringIO()
    call_command("run_visit_jobs", stdout=out)
    assert "care logs opened: 0" in out.getvalue()  # the immediate backend runs it at once

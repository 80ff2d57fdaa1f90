"""Reminders at 60, 30 and 7 days before learning runs out and on the day, to the person and their
Coach, never twice; registrations past expiry flagged to the Coach once; the daily job."""

import datetime
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coopcare.learning.models import Registration, Reminder
from coopcare.learning.services.reminders import (
    flag_expired_registrations,
    send_expiry_reminders,
    stage_for,
)
from coopcare.learning.tasks import run_steps
from coopcare.notifications.models import Notification
from tests.learning.compliance import giver
from tests.learning.conftest import learned


def today() -> datetime.date:
    return timezone.localdate()


def done_for(days_left: int) -> datetime.date:
    """The completion date of yearly learning that expires in ``days_left`` days."""
    return today() + datetime.timedelta(days=days_left) - relativedelta(years=1)


def notes(kind: str, person=None) -> list[Notification]:
    found = Notification.objects.filter(kind=kind).order_by("pk")
    return list(found.filter(recipient=person) if person is not None else found)


def at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.mark.parametrize(
    ("days_left", "stage"),
    [
        (61, None),
        (60, 60),
        (31, 60),
        (30, 30),
        (8, 30),
        (7, 7),
        (1, 7),
        (0, 0),
        (-7, 0),
        (-8, None),
    ],
)
def test_the_stage_is_the_nearest_at_or_above_the_days_left(days_left, stage):
    assert stage_for(days_left) == stage


def test_the_person_and_their_coach_hear_at_each_stage_once(
    worker, coach, other_coach, time_machine
):
    expires = today() + datetime.timedelta(days=60)
    learned(worker, "fire-safety", done_for(60))
    assert send_expiry_reminders() == 1
    assert send_expiry_reminders() == 0  # a second run the same day sends nothing
    [mine] = notes("learning.expiring", worker)
    assert mine.title == f"Your Fire safety expires on {expires.day} {expires:%B %Y}"
    [theirs] = notes("learning.team_expiring", coach)
    assert theirs.title == "Wren Walker: learning running out"
    assert "Fire safety expires on" in theirs.body
    assert notes("learning.team_expiring", other_coach) == []  # not Hebden's Coach
    for days_left, stage in ((45, None), (30, 30), (20, None), (7, 7), (0, 0)):
        time_machine.move_to(at_noon(expires - datetime.timedelta(days=days_left)))
        assert send_expiry_reminders() == (0 if stage is None else 1), days_left
    stages = sorted(Reminder.objects.values_list("stage", flat=True))
    assert stages == [0, 7, 30, 60]
    assert notes("learning.expiring", worker)[-1].title == "Your Fire safety has expired"
    assert len(notes("learning.team_expiring", coach)) == 4


def test_a_late_run_sends_only_the_nearest_stage(worker, coach):
    learned(worker, "fire-safety", done_for(5))
    assert send_expiry_reminders() == 1
    assert list(Reminder.objects.values_list("stage", flat=True)) == [7]
    assert len(notes("learning.expiring", worker)) == 1


def test_an_expiry_missed_by_more_than_a_week_is_not_announced(worker, coach):
    learned(worker, "fire-safety", done_for(-8))
    assert send_expiry_reminders() == 0


def test_renewed_learning_is_not_reminded(worker, coach):
    learned(worker, "fire-safety", done_for(20))
    learned(worker, "fire-safety", today() - datetime.timedelta(days=3))
    assert send_expiry_reminders() == 0


def test_a_withdrawn_renewal_does_not_count(worker, coach):
    learned(worker, "fire-safety", done_for(20))
    renewal = learned(worker, "fire-safety", today() - datetime.timedelta(days=3))
    renewal.withdrawn_at = timezone.now()
    renewal.save()
    assert send_expiry_reminders() == 1


def test_only_required_topics_are_reminded(worker, family, coach):
    # Medicines competence is required of workers who help with medicines; Wren does not.
    learned(worker, "medicines-competence", done_for(10), observed=True)
    # Fire safety is for workers, not family.
    learned(family, "fire-safety", done_for(10))
    # A topic done once never runs out.
    learned(worker, "care-certificate-01", done_for(10))
    assert send_expiry_reminders() == 0


def test_several_topics_are_one_notification_per_person(worker, coach):
    learned(worker, "fire-safety", done_for(10))
    learned(worker, "basic-life-support", done_for(25))
    assert send_expiry_reminders() == 2
    [mine] = notes("learning.expiring", worker)
    assert mine.title == "2 topics of your learning are running out"
    assert "Fire safety expires on" in mine.body and "Basic life support expires on" in mine.body
    assert len(notes("learning.team_expiring", coach)) == 1


def test_the_work_does_not_grow_with_people_whose_learning_is_in_date(team, coach):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            send_expiry_reminders()
        return len(captured.captured_queries)

    for n in range(3):
        learned(giver(team, f"Early {n}"), "fire-safety", today())
    queries()  # the first run adopts the default policy in each circle
    few = queries()
    for n in range(30):
        learned(giver(team, f"Later {n}"), "fire-safety", today())
    assert queries() == few


# --- Registrations ------------------------------------------------------------------------------


def _registration(person, recorder, days_left: int, **kwargs) -> Registration:
    return Registration.objects.create(
        person=person,
        body="hcpc",
        number=f"OT{days_left + 100}",
        expires_on=today() + datetime.timedelta(days=days_left),
        recorded_by=recorder,
        **kwargs,
    )


def test_a_registration_past_expiry_is_flagged_to_the_coaches_once(
    worker, coach, learning_lead, other_coach
):
    expired = _registration(worker, coach, -2)
    _registration(worker, coach, 0)  # expires today: expired
    _registration(worker, coach, 1)  # still in date
    _registration(worker, coach, -30, withdrawn_at=timezone.now())
    assert flag_expired_registrations() == 2
    assert flag_expired_registrations() == 0
    flags = notes("learning.registration_expired", coach)
    assert len(flags) == 2
    assert flags[0].title.startswith(
        "Wren Walker's registration with Health and Care Professions Council expired on"
    )
    assert notes("learning.registration_expired", learning_lead) == []  # Coaches only
    assert notes("learning.registration_expired", other_coach) == []
    assert notes("learning.registration_expired", worker) == []
    # Renewed, then lapsed again: a new expiry date is flagged anew.
    expired.expires_on = today() - datetime.timedelta(days=1)
    expired.save()
    assert flag_expired_registrations() == 1


# --- The daily job ------------------------------------------------------------------------------


def test_one_run_does_each_step_once(worker, coach):
    learned(worker, "fire-safety", done_for(30))
    _registration(worker, coach, -1)
    first = run_steps()
    assert first["expiry reminders sent"] == 1
    assert first["expired registrations flagged"] == 1
    assert "check-in reminders sent" in first
    assert all(count == 0 for count in run_steps().values())


def test_the_command_runs_the_steps_here_with_now(db):
    out = StringIO()
    call_command("run_learning_jobs", "--now", stdout=out)
    assert "expiry reminders sent: 0" in out.getvalue()
    assert "expired registrations flagged: 0" in out.getvalue()


def test_the_command_queues_the_task(db):
    out = StringIO()
    call_command("run_learning_jobs", stdout=out)
    assert "expiry reminders sent: 0" in out.getvalue()  # the immediate backend runs it at once

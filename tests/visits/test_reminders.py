"""Reminders 24 hours ahead, checking in, and the alert when nobody has checked in."""

import datetime

import pytest

from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.visits.services.booking import join_appointment
from coopcare.visits.services.reminders import (
    alert_missing_check_ins,
    check_in,
    send_reminders,
)
from tests.visits.conftest import at, book


@pytest.fixture
def confirmed(ready_team, owner, worker):
    appointment = book(owner, ready_team, [worker], start=at(2, 10))
    join_appointment(worker, appointment)
    appointment.refresh_from_db()
    return appointment


def test_a_reminder_goes_once_to_everyone_attending(confirmed, owner, worker):
    assert send_reminders(now=confirmed.starts_at - datetime.timedelta(hours=25)) == 0
    now = confirmed.starts_at - datetime.timedelta(hours=23)
    assert send_reminders(now=now) == 1
    assert send_reminders(now=now) == 0
    reminded = Notification.objects.filter(kind="visits.reminder")
    assert {n.recipient for n in reminded} == {owner, worker}


def test_a_planned_appointment_gets_no_reminder(ready_team, owner, worker):
    appointment = book(owner, ready_team, [worker], start=at(2, 10))
    assert send_reminders(now=appointment.starts_at - datetime.timedelta(hours=1)) == 0


def test_a_giver_checks_in_once_from_half_an_hour_before(confirmed, worker, time_machine):
    time_machine.move_to(confirmed.starts_at - datetime.timedelta(minutes=45))
    with pytest.raises(DomainError, match="30 minutes"):
        check_in(worker, confirmed)
    time_machine.move_to(confirmed.starts_at - datetime.timedelta(minutes=5))
    assert check_in(worker, confirmed).checked_in_by == worker
    with pytest.raises(DomainError, match="already checked in"):
        check_in(worker, confirmed)


def test_only_a_giver_at_it_checks_in(confirmed, family, owner, time_machine):
    time_machine.move_to(confirmed.starts_at)
    for person in (family, owner):
        with pytest.raises(NotAllowed):
            check_in(person, confirmed)


def test_no_check_in_after_15_minutes_alerts_the_owner_and_rota_holder_once(
    confirmed, owner, rota_holder
):
    assert alert_missing_check_ins(now=confirmed.starts_at + datetime.timedelta(minutes=10)) == 0
    later = confirmed.starts_at + datetime.timedelta(minutes=16)
    assert alert_missing_check_ins(now=later) == 1
    assert alert_missing_check_ins(now=later) == 0
    alerted = Notification.objects.filter(kind="visits.no_check_in")
    assert {n.recipient for n in alerted} == {owner, rota_holder}


def test_a_check_in_means_no_alert(confirmed, worker, time_machine):
    time_machine.move_to(confirmed.starts_at + datetime.timedelta(minutes=1))
    check_in(worker, confirmed)
    assert alert_missing_check_ins(now=confirmed.starts_at + datetime.timedelta(minutes=20)) == 0

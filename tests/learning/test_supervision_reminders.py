"""Check-in reminders (services.supervision.remind_check_ins): 7 days ahead and on the day or
when overdue, once each per due date."""

import datetime

import time_machine
from django.utils import timezone

from coopcare.learning.models import Reminder
from coopcare.learning.services.supervision import (
    answer_pair,
    ask_pair,
    end_pair,
    record_check_in,
    remind_check_ins,
)
from coopcare.notifications.models import Notification


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def _told(person) -> list[str]:
    return list(
        Notification.objects.filter(recipient=person, kind="learning.supervision")
        .filter(title__contains="check-in")
        .values_list("title", flat=True)
    )


def test_both_are_reminded_once_per_stage(worker, alice):
    pair = answer_pair(alice, ask_pair(worker, alice), True)
    due = pair.started_on + datetime.timedelta(days=90)
    assert remind_check_ins(_at(due - datetime.timedelta(days=8))) == 0
    assert remind_check_ins(_at(due - datetime.timedelta(days=7))) == 2
    assert remind_check_ins(_at(due - datetime.timedelta(days=6))) == 0
    assert remind_check_ins(_at(due)) == 2
    assert remind_check_ins(_at(due + datetime.timedelta(days=3))) == 0
    assert len(_told(worker)) == 2 and len(_told(alice)) == 2
    stages = set(
        Reminder.objects.filter(about=f"supervision:{pair.pk}").values_list("stage", flat=True)
    )
    assert stages == {7, 0}


def test_an_overdue_pair_is_told_once(worker, alice):
    pair = answer_pair(alice, ask_pair(worker, alice), True)
    late = pair.started_on + datetime.timedelta(days=100)
    assert remind_check_ins(_at(late)) == 2
    assert remind_check_ins(_at(late + datetime.timedelta(days=1))) == 0
    assert "was due on" in _told(worker)[0]


def test_a_check_in_moves_the_next_reminder(worker, alice):
    with time_machine.travel(_at(timezone.localdate() - datetime.timedelta(days=80)), tick=False):
        pair = answer_pair(alice, ask_pair(worker, alice), True)
    record_check_in(worker, pair, held_on=timezone.localdate())
    assert remind_check_ins(_at(timezone.localdate() + datetime.timedelta(days=5))) == 0
    assert remind_check_ins(_at(timezone.localdate() + datetime.timedelta(days=83))) == 2


def test_asked_and_ended_pairs_get_no_reminders(worker, alice, bob):
    ask_pair(worker, bob)
    pair = answer_pair(alice, ask_pair(worker, alice), True)
    end_pair(worker, pair)
    assert remind_check_ins(_at(timezone.localdate() + datetime.timedelta(days=200))) == 0

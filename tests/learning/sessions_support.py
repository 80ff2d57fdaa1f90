"""Helpers for the learning-session tests: offer a session, and move the clock past it.

``offer(person, **changes)`` offers a circle session in Leeds tomorrow evening (18:00–20:00,
two places) through the service, so every test starts from a session the rules accepted.
``after(session)`` / ``during(session)`` are time-machine travels to just after it ends / just
after it starts.
"""

import datetime

import time_machine
from django.utils import timezone

from coopcare.learning.models import SessionKind, Setting
from coopcare.learning.services.sessions import offer_session


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def tomorrow_at(hour: int, minute: int = 0) -> datetime.datetime:
    return local(timezone.localdate() + datetime.timedelta(days=1), hour, minute)


def offer(person, circle=None, **changes):
    values = {
        "kind": SessionKind.BUDDY,
        "title": "Fire safety at home",
        "description": "Alarms, escape plans and what to do.",
        "topic_slugs": ["fire-safety"],
        "setting": Setting.CIRCLE,
        "team": None,
        "circle": circle,
        "place_detail": "Chapeltown community centre",
        "area": "LS7",
        "starts_at": tomorrow_at(18),
        "ends_at": tomorrow_at(20),
        "capacity": 2,
        "co_facilitators": [],
    }
    values.update(changes)
    return offer_session(person, **values)


def during(session):
    return time_machine.travel(session.starts_at + datetime.timedelta(minutes=5), tick=False)


def after(session):
    return time_machine.travel(session.ends_at + datetime.timedelta(minutes=5), tick=False)

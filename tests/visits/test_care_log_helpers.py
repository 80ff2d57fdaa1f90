"""Helpers for the care log tests (no tests here): visits that have already happened, their
logs, and the Coach of the local circle."""

import datetime

from django.utils import timezone

from coopcare.visits.models import Appointment, Attendee, CareLog
from coopcare.visits.services.care_logs import open_care_logs
from tests.factories import HatFactory, hat_type


def hours_ago(hours: float) -> datetime.datetime:
    return timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(hours=hours)


def ended_visit(
    team,
    givers,
    *,
    start: datetime.datetime | None = None,
    minutes: int = 60,
    status: str = Appointment.Status.CONFIRMED,
    title: str = "Morning visit",
    declined=(),
) -> Appointment:
    """A confirmed appointment that has already ended, with ``givers`` joined (at £18 an hour,
    or no rate for a volunteer) and ``declined`` givers who said no."""
    start = start or hours_ago(3)
    end = start + datetime.timedelta(minutes=minutes)
    appointment = Appointment.objects.create(
        team=team,
        title=title,
        starts_at=start,
        ends_at=end,
        place="home",
        support_kinds=["companionship"],
        status=status,
        created_by=team.owner,
    )
    for person in givers:
        Attendee.objects.create(
            appointment=appointment,
            person=person,
            role=Attendee.Role.GIVER,
            response=Attendee.Response.JOINED,
            rate_pence=1800,
            busy_from=start,
            busy_until=end,
            holds_time=status != Appointment.Status.CANCELLED,
        )
    for person in declined:
        Attendee.objects.create(
            appointment=appointment,
            person=person,
            role=Attendee.Role.GIVER,
            response=Attendee.Response.DECLINED,
            busy_from=start,
            busy_until=end,
        )
    return appointment


def open_log(team, givers, **kwargs) -> CareLog:
    """The pending log of a visit that has just ended, opened by the periodic job."""
    appointment = ended_visit(team, givers, **kwargs)
    open_care_logs()
    return CareLog.objects.get(appointment=appointment, corrects__isnull=True)


def make_coach(circle, email: str = "cora@example.org", name: str = "Cora Coach"):
    from tests.conftest import _member

    person = _member(circle, email=email, profile__name=name)
    HatFactory(holder=person, circle=circle, hat_type=hat_type("coach"))
    return person

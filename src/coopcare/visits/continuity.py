"""Continuity of support: how many different people gave support each week, and how much of it
came from the regular team — the founders' point that two familiar people beat ten strangers.

Counted from confirmed appointments that have ended, by the givers who joined them. The *regular
team* is the team's members today (not people on trial, not cover from elsewhere).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from coopcare.teams.models import Team, TeamMember
from coopcare.visits.models import Appointment, Attendee

WEEKS = 12


@dataclass(frozen=True)
class Week:
    starts_on: datetime.date
    givers: int
    hours: float


@dataclass(frozen=True)
class Continuity:
    weeks: list[Week]
    regular_share: int | None  # per cent of support minutes given by the regular team
    total_hours: float

    @property
    def has_support(self) -> bool:
        return self.total_hours > 0


def continuity_of(team: Team, today: datetime.date | None = None) -> Continuity:
    """The last 12 weeks (Monday to Sunday), oldest first. Two queries whatever the data."""
    today = today or timezone.localdate()
    this_monday = today - datetime.timedelta(days=today.weekday())
    first_monday = this_monday - datetime.timedelta(weeks=WEEKS - 1)
    start = timezone.make_aware(datetime.datetime.combine(first_monday, datetime.time()))
    # The team's appointments drive the query (the (team, starts_at) index), whatever the
    # database's statistics say; status and end are checked on the few rows that come back.
    now = timezone.now()
    window = Appointment.objects.filter(team=team, starts_at__gte=start, starts_at__lt=now)
    rows = Attendee.objects.filter(
        appointment__in=window.values("pk"),
        role=Attendee.Role.GIVER,
        response=Attendee.Response.JOINED,
    ).values_list(
        "person_id", "appointment__starts_at", "appointment__ends_at", "appointment__status"
    )
    regular = set(
        TeamMember.objects.filter(team=team, status=TeamMember.Status.MEMBER).values_list(
            "person_id", flat=True
        )
    )
    givers: dict[datetime.date, set[int]] = {}
    minutes: dict[datetime.date, float] = {}
    total = by_regular = 0.0
    for person_id, starts_at, ends_at, status in rows:
        if status != Appointment.Status.CONFIRMED or ends_at > now:
            continue
        day = timezone.localtime(starts_at).date()
        monday = day - datetime.timedelta(days=day.weekday())
        length = (ends_at - starts_at).total_seconds() / 60
        givers.setdefault(monday, set()).add(person_id)
        minutes[monday] = minutes.get(monday, 0) + length
        total += length
        if person_id in regular:
            by_regular += length
    weeks = [
        Week(
            starts_on=monday,
            givers=len(givers.get(monday, ())),
            hours=round(minutes.get(monday, 0) / 60, 1),
        )
        for monday in (first_monday + datetime.timedelta(weeks=i) for i in range(WEEKS))
    ]
    share = round(100 * by_regular / total) if total else None
    return Continuity(weeks=weeks, regular_share=share, total_hours=round(total / 60, 1))

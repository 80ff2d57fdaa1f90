"""Weeks, wall-clock times and calendar rows, shared by the calendar pages and the API.

Everything here thinks in the co-op's time zone (Europe/London): a week runs from Monday 00:00 to
the next Monday 00:00 local time, and a time someone types is a wall-clock time on a date. Twice a
year that mapping is not one-to-one, which is why ``local_datetime`` exists.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coopcare.errors import DomainError
from coopcare.members.models import Section
from coopcare.members.privacy import annotate_visibility
from coopcare.teams.models import MemberKind, TeamMember
from coopcare.visits import selectors
from coopcare.visits.models import Appointment, Attendee
from coopcare.visits.services.booking import MAX_LENGTH

User = get_user_model()
LONDON = zoneinfo.ZoneInfo(settings.TIME_ZONE)
PER_PAGE = 25
# The API's calendar reads at most this much at once (two months), so one request stays cheap.
MAX_RANGE = datetime.timedelta(days=62)


# --- Weeks ----------------------------------------------------------------------------------------


def today() -> datetime.date:
    return timezone.localdate(timezone=LONDON)


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def parse_week(value: str | None) -> datetime.date:
    """The Monday of the week holding ``value`` (YYYY-MM-DD); this week if it is missing or bad."""
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        day = today()
    return monday_of(day)


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in London (midnight always exists: clocks change at 1am),
    in UTC like every moment this module hands out (see ``local_datetime``)."""
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=LONDON).astimezone(datetime.UTC)


def week_bounds(monday: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    return start_of(monday), start_of(monday + datetime.timedelta(days=7))


# --- Wall-clock times -----------------------------------------------------------------------------


def local_datetime(day: datetime.date, time: datetime.time, field: str) -> datetime.datetime:
    """The aware moment a person means by ``time`` on ``day`` in London.

    On the last Sunday of March the clocks go from 01:00 straight to 02:00, so a time in between
    never happens: we refuse it rather than guess, because a giver would turn up an hour early
    or late. On the last Sunday of October 01:00–02:00 happens twice; we take the first (still
    summer time), which is what a diary written the day before means.
    """
    naive = datetime.datetime.combine(day, time)
    # fold=0: the earlier of two readings of an ambiguous time, the one before the change.
    aware = naive.replace(tzinfo=LONDON, fold=0)
    if aware.astimezone(datetime.UTC).astimezone(LONDON).replace(tzinfo=None) != naive:
        raise DomainError(
            _(
                "There is no %(time)s on %(day)s: the clocks go forward an hour that night. "
                "Choose a time before 01:00 or from 02:00."
            )
            % {"time": time.strftime("%H:%M"), "day": date_format(day, "l j F Y")},
            field=field,
        )
    # In UTC: Python subtracts and compares two times of one zone by their wall clocks, so a
    # night across a clock change would otherwise seem an hour longer or shorter than it is.
    return aware.astimezone(datetime.UTC)


def times_from(
    day: datetime.date, start: datetime.time, end: datetime.time
) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end on ``day``; an end earlier than the start is the next morning (a night)."""
    end_day = day + datetime.timedelta(days=1) if end < start else day
    return local_datetime(day, start, "start_time"), local_datetime(end_day, end, "end_time")


def aware(moment: datetime.datetime, field: str) -> datetime.datetime:
    """An API time without an offset is read as London wall-clock time."""
    if timezone.is_naive(moment):
        return local_datetime(moment.date(), moment.time(), field)
    return moment


# --- Rows -----------------------------------------------------------------------------------------


@dataclass
class Entry:
    """One appointment as a calendar shows it, built from prefetched attendees (no queries)."""

    appointment: Appointment
    givers: list[Attendee]
    observers: list[Attendee]
    mine: Attendee | None

    @property
    def starts(self) -> datetime.datetime:
        return timezone.localtime(self.appointment.starts_at, LONDON)

    @property
    def ends(self) -> datetime.datetime:
        return timezone.localtime(self.appointment.ends_at, LONDON)

    @property
    def day(self) -> datetime.date:
        return self.starts.date()

    @property
    def needs_my_answer(self) -> bool:
        return (
            self.mine is not None
            and self.mine.role == Attendee.Role.GIVER
            and self.mine.response == Attendee.Response.INVITED
            and not self.appointment.is_cancelled
        )


@dataclass
class Day:
    date: datetime.date
    is_today: bool
    entries: list[Entry] = field(default_factory=list)


def entry(appointment: Appointment, viewer) -> Entry:
    attendees = list(appointment.attendees.all())
    return Entry(
        appointment=appointment,
        givers=[a for a in attendees if a.role == Attendee.Role.GIVER],
        observers=[a for a in attendees if a.role == Attendee.Role.OBSERVER],
        mine=next((a for a in attendees if a.person_id == viewer.pk), None),
    )


def entries(appointments, viewer) -> list[Entry]:
    return [entry(appointment, viewer) for appointment in appointments]


def week_days(monday: datetime.date, rows: list[Entry]) -> list[Day]:
    now = today()
    dates = [monday + datetime.timedelta(days=n) for n in range(7)]
    days = [Day(date=date, is_today=date == now) for date in dates]
    by_date = {day.date: day for day in days}
    for row in rows:
        by_date[row.day].entries.append(row)
    return days


def people_of(rows: list[Entry]) -> set[int]:
    return {a.person_id for row in rows for a in (*row.givers, *row.observers)}


def visible_names(viewer, people_ids: set[int]) -> set[int]:
    """Whose names ``viewer`` may see among these people, in one query (their own always)."""
    others = people_ids - {viewer.pk}
    if not others:
        return {viewer.pk}
    people = annotate_visibility(User.objects.filter(pk__in=others), viewer, [Section.NAME])
    return set(people.filter(can_see_name=True).values_list("pk", flat=True)) | {viewer.pk}


def name_for(person, visible: set[int]) -> str | None:
    return str(person) if person.pk in visible else None


# --- People who take part -------------------------------------------------------------------------


def team_people(team) -> QuerySet:
    """Current members who may give or observe: everyone in the team but its owner."""
    members = (
        TeamMember.objects.current()
        .filter(team=team)
        .exclude(kind=MemberKind.OWNER)
        .values("person_id")
    )
    return User.objects.filter(pk__in=members).select_related("profile").order_by("profile__name")


# --- Reading appointments -------------------------------------------------------------------------


def for_team(team, start: datetime.datetime, end: datetime.datetime) -> QuerySet[Appointment]:
    """The selector's rows, with each team's circle, which holds the team's name."""
    return selectors.team_appointments(team, start, end).select_related("team__circle")


def for_person(person, start: datetime.datetime, end: datetime.datetime) -> QuerySet[Appointment]:
    return selectors.person_appointments(person, start, end).select_related("team__circle")


def upcoming_for_team(team, now: datetime.datetime) -> QuerySet[Appointment]:
    """Not over yet. The selectors' ranges are by start, so reach back by the longest
    appointment to keep one that is under way."""
    return for_team(team, now - MAX_LENGTH, FAR_FUTURE).filter(ends_at__gt=now)


def upcoming_for_person(person, now: datetime.datetime) -> QuerySet[Appointment]:
    return for_person(person, now - MAX_LENGTH, FAR_FUTURE).filter(ends_at__gt=now)


# An upcoming list has no end; the selectors take a range.
FAR_FUTURE = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)

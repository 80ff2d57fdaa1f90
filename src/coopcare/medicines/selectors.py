"""Read queries for the MAR: the medicines list, and which doses fall due when.

A medicine's times are wall-clock times in the co-op's time zone (Europe/London). A dose falls
due once on each day the medicine is active, at each of its times, whatever the clocks do: on the
spring-forward day a time inside the missing hour (01:00–01:59) falls due an hour later by the
clock (01:30 GMT is 02:30 BST); on the autumn day a time inside the repeated hour falls due once,
at its first occurrence.
"""

import datetime
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone

from coopcare.medicines.models import DoseRecord, Medicine
from coopcare.members.models import Section
from coopcare.members.privacy import annotate_visibility
from coopcare.teams.models import MemberKind, Team
from coopcare.visits.models import Appointment, Attendee
from coopcare.visits.selectors import MAR_HOLDER, membership_of, team_hat_wearers, wears_team_hat

User = get_user_model()
# The widest window a medicine may have (minutes): ranges that must catch every window use it,
# so they need no query to learn the widest one.
MAX_WINDOW = 240
UTC = datetime.UTC


class Dose(NamedTuple):
    """One due dose: the medicine, when it is due (aware, local time), and its record if any."""

    medicine: Medicine
    due_at: datetime.datetime
    record: DoseRecord | None

    @property
    def window_closes_at(self) -> datetime.datetime:
        return self.due_at + datetime.timedelta(minutes=self.medicine.window_minutes)

    @property
    def window_opens_at(self) -> datetime.datetime:
        return self.due_at - datetime.timedelta(minutes=self.medicine.window_minutes)

    def overdue(self, now: datetime.datetime | None = None) -> bool:
        """Not recorded and its window has closed."""
        return self.record is None and self.window_closes_at < (now or timezone.now())

    @property
    def key(self) -> str:
        """A short id for this dose in a page (form field ids)."""
        return f"{self.medicine.pk}-{self.due_at.astimezone(UTC):%Y%m%d%H%M}"


# --- Medicines ----------------------------------------------------------------------------------


def is_active_on(medicine: Medicine, day: datetime.date) -> bool:
    """``stops_on`` is the last day doses are due (inclusive, as "until" reads)."""
    return medicine.starts_on <= day and (medicine.stops_on is None or day <= medicine.stops_on)


def is_stopped(medicine: Medicine, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return medicine.stops_on is not None and medicine.stops_on < today


def team_medicines(team: Team) -> QuerySet[Medicine]:
    return Medicine.objects.filter(team=team).order_by("name", "id")


def current_medicines(team: Team, today: datetime.date | None = None) -> QuerySet[Medicine]:
    """Not stopped: given now, or starting later."""
    today = today or timezone.localdate()
    return team_medicines(team).filter(Q(stops_on__isnull=True) | Q(stops_on__gte=today))


def stopped_medicines(team: Team, today: datetime.date | None = None) -> QuerySet[Medicine]:
    today = today or timezone.localdate()
    return team_medicines(team).filter(stops_on__lt=today).order_by("-stops_on", "name", "id")


def current_first(team: Team, today: datetime.date | None = None) -> QuerySet[Medicine]:
    """Every medicine of the team: current ones by name, then stopped ones, latest first."""
    today = today or timezone.localdate()
    stopped = Case(When(stops_on__lt=today, then=Value(1)), default=Value(0))
    return team_medicines(team).order_by(
        stopped, F("stops_on").desc(nulls_first=True), "name", "id"
    )


def active_between(queryset: QuerySet[Medicine], first: datetime.date, last: datetime.date):
    """Medicines active on at least one day from ``first`` to ``last``."""
    return queryset.filter(starts_on__lte=last).filter(
        Q(stops_on__isnull=True) | Q(stops_on__gte=first)
    )


# --- Due times ----------------------------------------------------------------------------------


def wall_time(value: str) -> datetime.time:
    hours, minutes = value.split(":")
    return datetime.time(int(hours), int(minutes))


def due_at(day: datetime.date, value: str) -> datetime.datetime:
    """The instant a dose at wall time ``value`` ("HH:MM") falls due on ``day``, in local time.

    zoneinfo resolves a time in the spring gap with the offset before the change and a repeated
    autumn time as its first occurrence (fold 0); the round trip through UTC makes the result
    a real local time either way.
    """
    naive = datetime.datetime.combine(day, wall_time(value))
    aware = naive.replace(tzinfo=timezone.get_default_timezone())
    return timezone.localtime(aware.astimezone(UTC))


def due_times(medicine: Medicine, day: datetime.date) -> list[datetime.datetime]:
    if not is_active_on(medicine, day):
        return []
    return [due_at(day, value) for value in medicine.times]


def days_between(start: datetime.datetime, end: datetime.datetime) -> list[datetime.date]:
    """Local days touched by [start, end), one either side for times that cross midnight."""
    first = timezone.localtime(start).date() - datetime.timedelta(days=1)
    last = timezone.localtime(end).date() + datetime.timedelta(days=1)
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def is_due_time(medicine: Medicine, when: datetime.datetime) -> bool:
    """Whether ``when`` is one of the medicine's due instants."""
    day = timezone.localtime(when).date()
    candidates = due_times(medicine, day - datetime.timedelta(days=1)) + due_times(medicine, day)
    # Compared in UTC: Python never finds two times equal across zones when one is in a fold.
    target = when.astimezone(UTC)
    return any(candidate.astimezone(UTC) == target for candidate in candidates)


def _key(medicine_id: int, when: datetime.datetime) -> tuple[int, datetime.datetime]:
    return medicine_id, when.astimezone(UTC)


def doses_due(team: Team, start: datetime.datetime, end: datetime.datetime) -> list[Dose]:
    """Every dose of the team's medicines due in [start, end), with its record, in time order.

    Two queries whatever the range: the medicines active then, and the records made then. A
    record whose dose is no longer on the list (its medicine was stopped early or its times
    changed) is shown too, so the record of what happened never disappears from the chart.
    """
    days = days_between(start, end)
    medicines = list(active_between(Medicine.objects.filter(team=team), days[0], days[-1]))
    records = {
        _key(r.medicine_id, r.due_at): r
        for r in DoseRecord.objects.filter(
            medicine__team=team, due_at__gte=start, due_at__lt=end
        ).select_related("medicine", "recorded_by__profile", "appointment")
    }
    doses = []
    for medicine in medicines:
        for day in days:
            for when in due_times(medicine, day):
                if start <= when < end:
                    doses.append(Dose(medicine, when, records.pop(_key(medicine.pk, when), None)))
    doses += [Dose(r.medicine, timezone.localtime(r.due_at), r) for r in records.values()]
    doses.sort(key=lambda d: (d.due_at, d.medicine.name.lower(), d.medicine.pk))
    return doses


def day_range(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Local midnight to the next local midnight: 23 or 25 hours on the days the clocks change."""
    tz = timezone.get_default_timezone()
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=tz)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), tzinfo=tz)
    return start, end


def doses_on(team: Team, day: datetime.date) -> list[Dose]:
    return doses_due(team, *day_range(day))


def doses_at_appointment(appointment) -> list[Dose]:
    """Doses due from the appointment's start less each medicine's window, to its end."""
    start, end = appointment.starts_at, appointment.ends_at
    reach = datetime.timedelta(minutes=MAX_WINDOW)
    doses = doses_due(appointment.team, start - reach, end + datetime.timedelta(minutes=1))
    # due_at >= start - window  ⇔  due_at + window >= start
    return [d for d in doses if d.window_closes_at >= start and d.due_at <= end]


# --- People -------------------------------------------------------------------------------------


def wears_mar_holder_hat(person, team: Team) -> bool:
    return wears_team_hat(person, team, MAR_HOLDER)


def mar_holders(team: Team) -> QuerySet:
    return team_hat_wearers(team, MAR_HOLDER)


def given_by(person, team: Team) -> QuerySet[Appointment]:
    """The team's appointments, not cancelled, at which ``person`` is a giver who has joined."""
    return Appointment.objects.filter(
        team=team,
        attendees__person=person,
        attendees__role=Attendee.Role.GIVER,
        attendees__response=Attendee.Response.JOINED,
    ).exclude(status=Appointment.Status.CANCELLED)


def recording_appointments(
    person, team: Team, start: datetime.datetime, end: datetime.datetime
) -> list[Appointment]:
    """Visits with help with medicines where ``person`` gives support, near [start, end): the
    ones they may record doses at."""
    reach = datetime.timedelta(minutes=MAX_WINDOW)
    rows = given_by(person, team).filter(starts_at__lt=end + reach, ends_at__gt=start - reach)
    return [a for a in rows.order_by("starts_at", "id") if "medicines" in (a.support_kinds or [])]


def covering(appointments: list[Appointment], dose: Dose) -> Appointment | None:
    """The first of these appointments whose time covers the dose (its window either side)."""
    window = datetime.timedelta(minutes=dose.medicine.window_minutes)
    for appointment in appointments:
        if appointment.starts_at - window <= dose.due_at <= appointment.ends_at + window:
            return appointment
    return None


def _is_volunteer(member) -> bool:
    return member is not None and member.kind == MemberKind.VOLUNTEER


def records_as_mar_holder(person, team: Team) -> bool:
    """Wears the MAR Holder hat and is not a volunteer (volunteers never record medicines)."""
    return not _is_volunteer(membership_of(team, person)) and wears_mar_holder_hat(person, team)


def may_record_doses(person, team: Team) -> bool:
    """The MAR Holder, or a giver (never a volunteer) who has joined one of the team's visits."""
    member = membership_of(team, person)
    if _is_volunteer(member):
        return False
    if wears_mar_holder_hat(person, team):
        return True
    return member is not None and given_by(person, team).exists()


def visible_names(viewer, people_ids: set[int]) -> set[int]:
    """Whose names ``viewer`` may see among these people, in one query (their own always)."""
    others = set(people_ids) - {viewer.pk}
    if not others:
        return {viewer.pk}
    people = annotate_visibility(User.objects.filter(pk__in=others), viewer, [Section.NAME])
    return set(people.filter(can_see_name=True).values_list("pk", flat=True)) | {viewer.pk}

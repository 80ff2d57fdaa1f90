"""API endpoints for repeating visits: make a series, read it, join all of it, stop it, and change
or cancel one visit of it. Mounted at ``/api/`` in coopcare/api/api.py.

The same access helpers and services as the pages: 404 for someone outside the team, 403 inside
it without the right, 400 (with the reason) when a rule stops the change.
"""

from datetime import date, datetime, time
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from coopcare.api.schemas import responses
from coopcare.visits import access
from coopcare.visits.calendar import name_for, visible_names
from coopcare.visits.models import Appointment, Attendee, Series
from coopcare.visits.services import recurrence
from coopcare.visits.services.recurrence_rules import describe

router = Router()
UPCOMING = 100


class PersonRef(Schema):
    id: int
    name: str | None = Field(description="Null when the person does not share their name with you.")


class OccurrenceOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    title: str
    status: str = Field(description="planned, confirmed or cancelled")
    detached: bool = Field(description="Changed on its own: the series never overwrites it.")
    my_response: str | None = Field(description="invited, joined or declined, if you give support.")


class SeriesOut(Schema):
    id: int
    team_id: int
    title: str
    rule: str = Field(description="The RFC 5545 RRULE, applied to the first start's local time.")
    description: str = Field(description="The rule in words.")
    first_start: datetime
    duration_minutes: int
    place: str
    place_detail: str
    support_kinds: list[str]
    givers: list[PersonRef]
    observers: list[PersonRef]
    ends_at: datetime | None = Field(description="Set once stopped: no visit starts from then on.")
    generated_until: datetime | None = Field(description="Visits exist as rows up to here.")
    upcoming: list[OccurrenceOut] = Field(description="Visits still to come (the first 100).")


class SeriesIn(Schema):
    title: str
    rule: str = Field(
        description="An RRULE body without DTSTART: FREQ=DAILY, WEEKLY or MONTHLY, with COUNT or "
        "UNTIL within two years, e.g. FREQ=WEEKLY;BYDAY=MO,TH;COUNT=20."
    )
    first_start: datetime = Field(description="With its time zone; in the future.")
    duration_minutes: int
    place: str = Field(description="home, out or online")
    place_detail: str = ""
    support_kinds: list[str]
    givers: list[int] = Field(description="Ids of team members who give support.")
    observers: list[int] = []


class JoinOut(Schema):
    joined: list[int] = Field(description="Ids of the visits you joined.")
    not_joined: list[dict[str, Any]] = Field(
        description="Each visit skipped: {appointment_id, detail} (a clash names the other one)."
    )


class StopIn(Schema):
    from_date: date = Field(description="No visit happens on or after this day.")
    reason: str


class StopOut(Schema):
    series: SeriesOut
    cancelled: list[int]
    kept: list[int] = Field(
        description="Confirmed visits you may not cancel outright: each needs a change request."
    )


class OccurrenceIn(Schema):
    title: str | None = None
    place: str | None = None
    place_detail: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None


class CancelIn(Schema):
    reason: str = ""


class ChangeFromIn(Schema):
    from_appointment_id: int = Field(description="This visit and the ones after it change.")
    title: str | None = None
    start_time: time | None = Field(None, description="A new local start time.")
    duration_minutes: int | None = None
    place: str | None = None
    place_detail: str | None = None
    support_kinds: list[str] | None = None
    givers: list[int] | None = None
    observers: list[int] | None = None
    rule: str | None = Field(None, description="A new rule from that visit on.")


def _occurrence(appointment: Appointment, viewer) -> dict[str, Any]:
    mine = next(
        (
            a.response
            for a in appointment.attendees.all()
            if a.person_id == viewer.pk and a.role == Attendee.Role.GIVER
        ),
        None,
    )
    return {
        "id": appointment.pk,
        "starts_at": appointment.starts_at,
        "ends_at": appointment.ends_at,
        "title": appointment.title,
        "status": appointment.status,
        "detached": appointment.detached,
        "my_response": mine,
    }


def _series(series: Series, viewer) -> dict[str, Any]:
    givers, observers = list(series.givers.all()), list(series.observers.all())
    visible = visible_names(viewer, {p.pk for p in givers + observers})
    upcoming = (
        series.appointments.filter(ends_at__gt=timezone.now())
        .prefetch_related("attendees")
        .order_by("starts_at", "pk")[:UPCOMING]
    )
    return {
        "id": series.pk,
        "team_id": series.team_id,
        "title": series.title,
        "rule": series.rule,
        "description": describe(series),
        "first_start": series.first_start,
        "duration_minutes": series.duration_minutes,
        "place": series.place,
        "place_detail": series.place_detail,
        "support_kinds": series.support_kinds,
        "givers": [{"id": p.pk, "name": name_for(p, visible)} for p in givers],
        "observers": [{"id": p.pk, "name": name_for(p, visible)} for p in observers],
        "ends_at": series.ends_at,
        "generated_until": series.generated_until,
        "upcoming": [_occurrence(a, viewer) for a in upcoming],
    }


def _visit_of(request: HttpRequest, series: Series, appointment_id: int) -> Appointment:
    appointment = access.get_appointment_for(request.auth, appointment_id)
    if appointment.series_id != series.pk:
        raise Http404
    return appointment


@router.post(
    "/teams/{int:team_id}/series",
    response=responses(SeriesOut, 400, 403, 404, 422),
    summary="Make a repeating visit",
)
def series_create(request: HttpRequest, team_id: int, payload: SeriesIn) -> dict[str, Any]:
    """The owner, someone acting for them, or the Rota Holder; once the Getting Support Promise
    is signed. Visits are made about twelve weeks ahead, and more as time goes on."""
    team = access.get_calendar_team(request.auth, team_id, "visits.arrange")
    series = recurrence.create_series(
        request.auth,
        team,
        title=payload.title,
        rule=payload.rule,
        first_start=payload.first_start,
        duration_minutes=payload.duration_minutes,
        place=payload.place,
        place_detail=payload.place_detail,
        support_kinds=payload.support_kinds,
        givers=payload.givers,
        observers=payload.observers,
        request=request,
    )
    return _series(series, request.auth)


@router.get("/series/{int:series_id}", response=responses(SeriesOut, 404), summary="A series")
def series_detail(request: HttpRequest, series_id: int) -> dict[str, Any]:
    return _series(access.get_series_for(request.auth, series_id), request.auth)


@router.post(
    "/series/{int:series_id}/join",
    response=responses(JoinOut, 400, 403, 404),
    summary="Join every visit of a series you are asked to",
)
def series_join(request: HttpRequest, series_id: int) -> dict[str, Any]:
    """A visit that clashes with one you already hold is skipped, and says why."""
    series = access.get_series_for(request.auth, series_id)
    result = recurrence.join_series(request.auth, series, request=request)
    return {
        "joined": [a.pk for a in result.joined],
        "not_joined": [{"appointment_id": a.pk, "detail": reason} for a, reason in result.clashes],
    }


@router.post(
    "/series/{int:series_id}/stop",
    response=responses(StopOut, 400, 403, 404, 422),
    summary="Stop repeating from a date",
)
def series_stop(request: HttpRequest, series_id: int, payload: StopIn) -> dict[str, Any]:
    series = access.get_series_for(request.auth, series_id, "visits.arrange")
    result = recurrence.stop_series(
        request.auth, series, payload.from_date, payload.reason, request=request
    )
    series.refresh_from_db()
    return {
        "series": _series(series, request.auth),
        "cancelled": [a.pk for a in result.cancelled],
        "kept": [a.pk for a in result.kept],
    }


@router.post(
    "/series/{int:series_id}/change-from",
    response=responses(SeriesOut, 400, 403, 404, 422),
    summary="Change a visit and the ones after it",
)
def series_change_from(request: HttpRequest, series_id: int, payload: ChangeFromIn):
    """The series ends at that visit and a new one carries on with the changes (returned).
    Refused while any of those visits is confirmed: ask for a change to each instead."""
    series = access.get_series_for(request.auth, series_id, "visits.arrange")
    visit = _visit_of(request, series, payload.from_appointment_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"from_appointment_id"})
    new = recurrence.edit_series_from(request.auth, series, visit, request=request, **changes)
    return _series(new, request.auth)


@router.patch(
    "/series/{int:series_id}/occurrences/{int:appointment_id}",
    response=responses(OccurrenceOut, 400, 403, 404, 422),
    summary="Change one visit of a series",
)
def series_occurrence_change(
    request: HttpRequest, series_id: int, appointment_id: int, payload: OccurrenceIn
) -> dict[str, Any]:
    """Only a visit nobody has confirmed yet; the rest of the series stays as it was."""
    series = access.get_series_for(request.auth, series_id, "visits.arrange")
    visit = _visit_of(request, series, appointment_id)
    changed = recurrence.edit_occurrence(
        request.auth, visit, **payload.model_dump(exclude_unset=True), request=request
    )
    return _occurrence(changed, request.auth)


@router.post(
    "/series/{int:series_id}/occurrences/{int:appointment_id}/cancel",
    response=responses(OccurrenceOut, 400, 403, 404, 422),
    summary="Cancel one visit of a series",
)
def series_occurrence_cancel(
    request: HttpRequest, series_id: int, appointment_id: int, payload: CancelIn
) -> dict[str, Any]:
    series = access.get_series_for(request.auth, series_id, "visits.arrange")
    visit = _visit_of(request, series, appointment_id)
    recurrence.cancel_occurrence(request.auth, visit, payload.reason, request=request)
    visit.refresh_from_db()
    return _occurrence(visit, request.auth)

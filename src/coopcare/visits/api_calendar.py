"""API endpoints for the calendars, one appointment, booking, joining and declining.

Every endpoint fetches through ``visits.access`` and changes through ``visits.services.booking``,
exactly as the pages do, so the API refuses the same people with the same status: 404 outside
the team, 403 inside it without the right, 400 (with the reason and the field) when a rule stops
a change. Mounted in coopcare/api/api.py at ``/api/``.
"""

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import ValidationError

from coopcare.api.schemas import responses
from coopcare.errors import DomainError, NotAllowed
from coopcare.teams.models import Team
from coopcare.visits import access, calendar
from coopcare.visits.models import Appointment, Attendee
from coopcare.visits.schemas_calendar import AppointmentOut, BookIn, DeclineIn
from coopcare.visits.services import booking

router = Router()
User = get_user_model()
# The service names the people it checks as the model does; the API takes their ids.
API_FIELDS = {"givers": "giver_ids", "observers": "observer_ids"}


def _appointment(appointment: Appointment, viewer, visible: set[int]) -> dict[str, Any]:
    attendees = list(appointment.attendees.all())
    mine = next(
        (a for a in attendees if a.person_id == viewer.pk and a.role == Attendee.Role.GIVER), None
    )
    return {
        "id": appointment.pk,
        "team_id": appointment.team_id,
        "team_name": appointment.team.name,
        "title": appointment.title,
        "starts_at": appointment.starts_at,
        "ends_at": appointment.ends_at,
        "place": appointment.place,
        "place_detail": appointment.place_detail,
        "support_kinds": appointment.support_kinds,
        "status": appointment.status,
        "open_slot": appointment.open_slot,
        "series_id": appointment.series_id,
        "cancel_reason": appointment.cancel_reason,
        "attendees": [
            {
                "person": {"id": a.person_id, "name": calendar.name_for(a.person, visible)},
                "role": a.role,
                "response": a.response,
                "decline_reason": a.decline_reason,
            }
            for a in attendees
        ],
        "my_response": mine.response if mine is not None else None,
    }


def _appointments(appointments, viewer) -> list[dict[str, Any]]:
    rows = list(appointments)
    people = {a.person_id for row in rows for a in row.attendees.all()}
    visible = calendar.visible_names(viewer, people)
    return [_appointment(row, viewer, visible) for row in rows]


def _one(appointment: Appointment, viewer) -> dict[str, Any]:
    appointment = (
        Appointment.objects.select_related("team__circle")
        .prefetch_related("attendees__person__profile")
        .get(pk=appointment.pk)
    )
    return _appointments([appointment], viewer)[0]


def _shape_error(name: str, message: str) -> ValidationError:
    return ValidationError([{"type": "value_error", "loc": ["query", name], "msg": message}])


def _range(
    start: datetime.datetime | None, end: datetime.datetime | None
) -> tuple[datetime.datetime, datetime.datetime]:
    """The asked range: this week by default, a week from whichever end is given, at most 62
    days (422 otherwise, like any other malformed request)."""
    week = datetime.timedelta(days=7)
    try:
        start = calendar.aware(start, "start") if start else None
        end = calendar.aware(end, "end") if end else None
    except DomainError as error:
        raise _shape_error(error.field or "start", error.message) from None
    try:
        if start is None and end is None:
            start, end = calendar.week_bounds(calendar.monday_of(calendar.today()))
        elif end is None:
            end = start + week
        elif start is None:
            start = end - week
    except OverflowError:
        raise _shape_error("start", _("Ask for a time between the years 1 and 9999.")) from None
    if end <= start:
        raise _shape_error("end", _("The end must come after the start."))
    if end - start > calendar.MAX_RANGE:
        raise _shape_error("end", _("Ask for at most 62 days at a time."))
    return start, end


@router.get(
    "/teams/{int:team_id}/appointments",
    response=responses(list[AppointmentOut], 404, 422),
    summary="A team's calendar",
)
def visits_team_appointments(
    request: HttpRequest,
    team_id: int,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> list[dict[str, Any]]:
    """Appointments of the team that start in [start, end): this week (Monday to Monday, UK
    time) unless asked; at most 62 days. Cancelled ones are included, marked."""
    team = access.get_calendar_team(request.auth, team_id)
    start, end = _range(start, end)
    return _appointments(calendar.for_team(team, start, end), request.auth)


@router.get(
    "/me/appointments",
    response=responses(list[AppointmentOut], 422),
    summary="My calendar, across teams",
)
def visits_my_appointments(
    request: HttpRequest,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> list[dict[str, Any]]:
    """Appointments you give support at or observe (not those you declined), in every team,
    starting in [start, end): this week unless asked; at most 62 days."""
    start, end = _range(start, end)
    return _appointments(calendar.for_person(request.auth, start, end), request.auth)


@router.get(
    "/appointments/{int:appointment_id}",
    response=responses(AppointmentOut, 404),
    summary="One appointment",
)
def visits_appointment_detail(request: HttpRequest, appointment_id: int) -> dict[str, Any]:
    return _one(access.get_appointment_for(request.auth, appointment_id), request.auth)


def _team_people(team: Team, ids: list[int], field: str) -> list:
    """The people with these ids, each a member of the team who may give or observe.

    Checked here before the service sees them so that an id outside the team gets an answer
    that does not name whoever it belongs to.
    """
    ids = list(dict.fromkeys(ids))
    found = {person.pk: person for person in calendar.team_people(team).filter(pk__in=ids)}
    strangers = [pk for pk in ids if pk not in found]
    if strangers:
        raise DomainError(
            _("Not a member of this team who may take part: %(ids)s.")
            % {"ids": ", ".join(str(pk) for pk in strangers)},
            field=field,
        )
    return [found[pk] for pk in ids]


@router.post(
    "/teams/{int:team_id}/appointments",
    response=responses(AppointmentOut, 400, 403, 404, 422),
    summary="Book a one-off appointment",
)
def visits_book_appointment(request: HttpRequest, team_id: int, payload: BookIn) -> dict[str, Any]:
    """The owner, someone acting for them, or the Rota Holder books; givers are asked to join
    (or, with ``open_slot``, the team is offered it). Nothing is booked before the Getting
    Support Promise is signed."""
    team = access.get_calendar_team(request.auth, team_id, "visits.arrange")
    givers = _team_people(team, payload.giver_ids, "giver_ids")
    observers = _team_people(team, payload.observer_ids, "observer_ids")
    starts_at = calendar.aware(payload.starts_at, "starts_at")
    ends_at = calendar.aware(payload.ends_at, "ends_at")
    try:
        appointment = booking.create_appointment(
            request.auth,
            team,
            title=payload.title,
            starts_at=starts_at,
            ends_at=ends_at,
            place=payload.place,
            place_detail=payload.place_detail,
            support_kinds=payload.support_kinds,
            givers=givers,
            observers=observers,
            open_slot=payload.open_slot,
            request=request,
        )
    except NotAllowed:
        raise
    except DomainError as error:
        raise DomainError(error.message, API_FIELDS.get(error.field, error.field)) from None
    return _one(appointment, request.auth)


@router.post(
    "/appointments/{int:appointment_id}/join",
    response=responses(AppointmentOut, 400, 403, 404),
    summary="Join an appointment you are asked to give support at",
)
def visits_join(request: HttpRequest, appointment_id: int) -> dict[str, Any]:
    """You hold the time from then on, with your travel time after it. A clash with another
    appointment you hold is refused (400, naming it as far as you may see it)."""
    appointment = access.get_appointment_for(request.auth, appointment_id, "visits.respond")
    booking.join_appointment(request.auth, appointment, request=request)
    return _one(appointment, request.auth)


@router.post(
    "/appointments/{int:appointment_id}/decline",
    response=responses(AppointmentOut, 400, 403, 404, 422),
    summary="Decline an appointment you are asked to give support at",
)
def visits_decline(request: HttpRequest, appointment_id: int, payload: DeclineIn) -> dict[str, Any]:
    appointment = access.get_appointment_for(request.auth, appointment_id, "visits.respond")
    booking.decline_appointment(request.auth, appointment, payload.reason, request=request)
    return _one(appointment, request.auth)

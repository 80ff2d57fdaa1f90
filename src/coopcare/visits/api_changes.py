"""API endpoints for changes by consent, cancelling outright and open slots.

Every endpoint fetches through ``visits.access`` and changes through ``visits.services.changes``
and ``visits.services.slots``, exactly as the pages do, so the API refuses the same people with
the same status: 404 outside the team, 403 inside it without the right, 400 (with the reason
and the field) when a rule stops a change. Mounted in coopcare/api/api.py at ``/api/``.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from coopcare.api.schemas import responses
from coopcare.visits import access, calendar
from coopcare.visits.models import Appointment, Attendee, ChangeRequest
from coopcare.visits.schemas_changes import (
    AnswerIn,
    AppointmentStateOut,
    CancelIn,
    ChangeRequestIn,
    ChangeRequestOut,
)
from coopcare.visits.services import changes, slots

router = Router()


def _change(change: ChangeRequest, viewer) -> dict[str, Any]:
    asked = list(change.asked.select_related("profile").order_by("id"))
    answers = {a.person_id: a for a in change.answers.select_related("answered_by")}
    people = {p.pk for p in asked} | {change.proposed_by_id}
    people |= {a.answered_by_id for a in answers.values()}
    # The owner's name is on every appointment their team sees (as on the appointment page).
    visible = calendar.visible_names(viewer, people) | {change.appointment.team.owner_id}

    def ref(person) -> dict[str, Any] | None:
        if person is None:
            return None
        return {"id": person.pk, "name": calendar.name_for(person, visible)}

    def asked_row(person) -> dict[str, Any]:
        given = answers.get(person.pk)
        return {
            "person": ref(person),
            "answer": given.answer if given else None,
            "answered_by": ref(given.answered_by) if given else None,
            "reason": given.reason if given else "",
        }

    return {
        "id": change.pk,
        "appointment_id": change.appointment_id,
        "kind": change.kind,
        "new_starts_at": change.new_starts_at,
        "new_ends_at": change.new_ends_at,
        "reason": change.reason,
        "status": change.status,
        "proposed_by": ref(change.proposed_by),
        "on_behalf_of": ref(change.on_behalf_of),
        "asked": [asked_row(person) for person in asked],
        "created_at": change.created_at,
        "decided_at": change.decided_at,
    }


def _state(appointment: Appointment, viewer) -> dict[str, Any]:
    appointment.refresh_from_db()
    mine = (
        Attendee.objects.filter(appointment=appointment, person=viewer, role=Attendee.Role.GIVER)
        .values_list("response", flat=True)
        .first()
    )
    return {
        "id": appointment.pk,
        "team_id": appointment.team_id,
        "starts_at": appointment.starts_at,
        "ends_at": appointment.ends_at,
        "status": appointment.status,
        "open_slot": appointment.open_slot,
        "late_cancellation": appointment.late_cancellation,
        "cancel_reason": appointment.cancel_reason,
        "my_response": mine,
    }


@router.post(
    "/appointments/{int:appointment_id}/change-requests",
    response=responses(ChangeRequestOut, 400, 403, 404, 422),
    summary="Ask to move or cancel a confirmed appointment",
)
def visits_change_request_create(
    request: HttpRequest, appointment_id: int, payload: ChangeRequestIn
) -> dict[str, Any]:
    """The owner (or someone acting for them) or a giver who has joined asks; everyone in the
    appointment must say yes before it starts for the change to happen."""
    appointment = access.get_appointment_for(request.auth, appointment_id, "visits.request_change")
    change = changes.request_change(
        request.auth,
        appointment,
        kind=payload.kind,
        new_starts_at=(
            calendar.aware(payload.new_starts_at, "starts_at") if payload.new_starts_at else None
        ),
        new_ends_at=calendar.aware(payload.new_ends_at, "ends_at") if payload.new_ends_at else None,
        reason=payload.reason,
        request=request,
    )
    return _change(change, request.auth)


@router.get(
    "/change-requests/{int:change_id}",
    response=responses(ChangeRequestOut, 404),
    summary="One change request and who has answered",
)
def visits_change_request_detail(request: HttpRequest, change_id: int) -> dict[str, Any]:
    return _change(access.get_change_request_for(request.auth, change_id), request.auth)


@router.post(
    "/change-requests/{int:change_id}/answer",
    response=responses(ChangeRequestOut, 400, 403, 404, 422),
    summary="Say yes or no to a change",
)
def visits_change_request_answer(
    request: HttpRequest, change_id: int, payload: AnswerIn
) -> dict[str, Any]:
    """One no ends the request; the last yes moves or cancels the appointment. If a giver is
    booked elsewhere at the new time, the answer is refused (400) and nothing changes."""
    change = access.get_change_request_for(request.auth, change_id)
    change = changes.answer_change(
        request.auth,
        change,
        payload.answer,
        payload.reason,
        on_behalf_of_owner=payload.on_behalf_of_owner,
        request=request,
    )
    return _change(change, request.auth)


@router.post(
    "/change-requests/{int:change_id}/withdraw",
    response=responses(ChangeRequestOut, 400, 403, 404),
    summary="Withdraw your change request",
)
def visits_change_request_withdraw(request: HttpRequest, change_id: int) -> dict[str, Any]:
    change = access.get_change_request_for(request.auth, change_id)
    return _change(changes.withdraw_change(request.auth, change, request=request), request.auth)


@router.post(
    "/appointments/{int:appointment_id}/cancel",
    response=responses(AppointmentStateOut, 400, 403, 404, 422),
    summary="Cancel an appointment outright (the owner's side)",
)
def visits_cancel(request: HttpRequest, appointment_id: int, payload: CancelIn) -> dict[str, Any]:
    """The owner, or someone acting for them to arrange support, cancels with a reason. It
    cannot be undone; inside the circle's notice period it is flagged as a late cancellation."""
    appointment = access.get_appointment_for(request.auth, appointment_id, "visits.cancel_outright")
    changes.cancel_outright(request.auth, appointment, payload.reason, request=request)
    return _state(appointment, request.auth)


@router.post(
    "/appointments/{int:appointment_id}/offer",
    response=responses(AppointmentStateOut, 400, 403, 404),
    summary="Offer an appointment nobody has joined to the team",
)
def visits_offer_slot(request: HttpRequest, appointment_id: int) -> dict[str, Any]:
    appointment = access.get_appointment_for(request.auth, appointment_id, "visits.arrange")
    slots.offer_slot(request.auth, appointment, request=request)
    return _state(appointment, request.auth)


@router.post(
    "/appointments/{int:appointment_id}/take",
    response=responses(AppointmentStateOut, 400, 403, 404),
    summary="Take an open slot",
)
def visits_take_slot(request: HttpRequest, appointment_id: int) -> dict[str, Any]:
    """The first eligible team member to take it becomes its giver; anyone after them gets a
    400 saying it has already been taken."""
    appointment = access.get_appointment_for(request.auth, appointment_id, "visits.take_open_slot")
    slots.take_slot(request.auth, appointment, request=request)
    return _state(appointment, request.auth)

"""API endpoints for the medicines record (MAR): the list, keeping it, the day's doses and
recording one.

Every endpoint fetches through ``medicines.access`` and changes through ``medicines.services``,
as the pages do, so the API refuses the same people with the same status: 404 for anyone outside
the team (the circle and outside givers included), 403 for someone in it without the right, 400
(with the reason) when a rule stops a change. Mounted at ``/api/``.
"""

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from coopcare.api.schemas import responses
from coopcare.audit.services import record_read
from coopcare.errors import DomainError
from coopcare.medicines import access, selectors, services
from coopcare.medicines.models import DoseRecord, Medicine
from coopcare.medicines.schemas import (
    DoseIn,
    DoseOut,
    DoseRecordOut,
    MedicineIn,
    MedicineOut,
    MedicinePatch,
    StopIn,
)
from coopcare.visits.access import get_appointment_for

router = Router()
PAGE_SIZE = 50


def _medicine(medicine: Medicine) -> dict[str, Any]:
    return {
        "id": medicine.pk,
        "team_id": medicine.team_id,
        "name": medicine.name,
        "dose": medicine.dose,
        "times": medicine.times,
        "time_critical": medicine.time_critical,
        "window_minutes": medicine.window_minutes,
        "instructions": medicine.instructions,
        "starts_on": medicine.starts_on,
        "stops_on": medicine.stops_on,
        "stopped": selectors.is_stopped(medicine),
    }


def _record(dose: DoseRecord, visible: set[int]) -> dict[str, Any]:
    return {
        "id": dose.pk,
        "medicine_id": dose.medicine_id,
        "due_at": dose.due_at,
        "outcome": dose.outcome,
        "reason": dose.reason,
        "appointment_id": dose.appointment_id,
        "recorded_by": str(dose.recorded_by) if dose.recorded_by_id in visible else None,
        "recorded_at": dose.recorded_at,
    }


def _read(request: HttpRequest, team, what: str) -> None:
    record_read(
        "medicines.mar_viewed",
        actor=request.auth,
        subject=team.owner,
        request=request,
        detail={"team": team.pk, "what": what},
    )


class MedicinePagination(PageNumberPagination):
    def paginate_queryset(self, queryset, pagination, request, **params) -> Any:
        result = super().paginate_queryset(queryset, pagination, request, **params)
        result["items"] = [_medicine(m) for m in result["items"]]
        return result


@router.get(
    "/teams/{int:team_id}/medicines",
    response=responses(list[MedicineOut], 404, 422),
    summary="A team's medicines",
)
@paginate(MedicinePagination, page_size=PAGE_SIZE)
def medicine_list(request: HttpRequest, team_id: int):
    """Current medicines first (by name), then stopped ones (latest stopped first)."""
    team = access.get_mar_team(request.auth, team_id)
    _read(request, team, "list")
    return selectors.current_first(team)


@router.post(
    "/teams/{int:team_id}/medicines",
    response=responses(MedicineOut, 400, 403, 404, 422),
    summary="Add a medicine",
)
def medicine_create(request: HttpRequest, team_id: int, payload: MedicineIn) -> dict[str, Any]:
    """The MAR Holder, the owner, or someone acting for them adds a medicine."""
    team = access.get_mar_team(request.auth, team_id, "medicines.manage_mar")
    medicine = services.create_medicine(request.auth, team, **payload.dict(), request=request)
    return _medicine(medicine)


@router.patch(
    "/teams/{int:team_id}/medicines/{int:medicine_id}",
    response=responses(MedicineOut, 400, 403, 404, 422),
    summary="Change a medicine",
)
def medicine_update(
    request: HttpRequest, team_id: int, medicine_id: int, payload: MedicinePatch
) -> dict[str, Any]:
    """Only the fields sent change; ``null`` leaves a field as it is, except ``stops_on``,
    where it takes away the last day."""
    medicine = access.get_medicine_for(request.auth, team_id, medicine_id, "medicines.manage_mar")
    changes = {
        name: value
        for name, value in payload.dict(exclude_unset=True).items()
        if value is not None or name == "stops_on"
    }
    medicine = services.update_medicine(request.auth, medicine, request=request, **changes)
    return _medicine(medicine)


@router.post(
    "/teams/{int:team_id}/medicines/{int:medicine_id}/stop",
    response=responses(MedicineOut, 400, 403, 404, 422),
    summary="Stop a medicine",
)
def medicine_stop(
    request: HttpRequest, team_id: int, medicine_id: int, payload: StopIn
) -> dict[str, Any]:
    """Nothing is deleted: the medicine's last day is set, and its records stay."""
    medicine = access.get_medicine_for(request.auth, team_id, medicine_id, "medicines.manage_mar")
    medicine = services.stop_medicine(request.auth, medicine, payload.stops_on, request=request)
    return _medicine(medicine)


@router.get(
    "/teams/{int:team_id}/doses",
    response=responses(list[DoseOut], 404, 422),
    summary="The doses due on a day",
)
def dose_list(
    request: HttpRequest, team_id: int, day: datetime.date | None = None
) -> list[dict[str, Any]]:
    """Each dose due on ``day`` (today if left out), in time order, with its record if any —
    the MAR chart for that day."""
    team = access.get_mar_team(request.auth, team_id)
    day = day or timezone.localdate()
    _read(request, team, f"chart {day.isoformat()}")
    doses = selectors.doses_on(team, day)
    recorders = {d.record.recorded_by_id for d in doses if d.record is not None}
    visible = selectors.visible_names(request.auth, recorders)
    now = timezone.now()
    return [
        {
            "medicine_id": d.medicine.pk,
            "medicine_name": d.medicine.name,
            "dose": d.medicine.dose,
            "time_critical": d.medicine.time_critical,
            "due_at": d.due_at,
            "window_minutes": d.medicine.window_minutes,
            "state": d.record.outcome
            if d.record is not None
            else ("overdue" if d.overdue(now) else "waiting"),
            "record": _record(d.record, visible) if d.record is not None else None,
        }
        for d in doses
    ]


@router.post(
    "/teams/{int:team_id}/medicines/{int:medicine_id}/doses",
    response=responses(DoseRecordOut, 400, 403, 404, 422),
    summary="Record a dose",
)
def dose_record(
    request: HttpRequest, team_id: int, medicine_id: int, payload: DoseIn
) -> dict[str, Any]:
    """A giver who has joined a visit with help with medicines records a dose due during it
    (send ``appointment_id``); the MAR Holder records any dose. Once only."""
    medicine = access.get_medicine_for(request.auth, team_id, medicine_id)
    appointment = None
    if payload.appointment_id is not None:
        try:
            appointment = get_appointment_for(request.auth, payload.appointment_id)
        except Http404:
            raise DomainError(
                _("That appointment is not one of this team's."), field="appointment"
            ) from None
    dose = services.record_dose(
        request.auth,
        medicine,
        payload.due_at,
        payload.outcome,
        payload.reason,
        appointment,
        request=request,
    )
    return _record(dose, {request.auth.pk})

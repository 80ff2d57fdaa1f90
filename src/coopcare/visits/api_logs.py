"""API endpoints for care logs. Mounted at ``/api/`` in coopcare/api/api.py.

The same access and services as the pages, so the same people are refused with the same status:
404 outside the team (and the visit), 403 inside it without the right (confirming, changing or
disputing is for the people in the visit; settling a dispute for the local circle's Coach), 400
with the reason when a rule stops the change. Reading a log is written to the access log.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from coopcare.api.schemas import responses
from coopcare.audit.services import record_read
from coopcare.errors import DomainError, NotAllowed
from coopcare.visits import access
from coopcare.visits import care_log_selectors as selectors
from coopcare.visits.models import CareLog
from coopcare.visits.schemas_logs import (
    CareLogOut,
    CareLogSummary,
    CorrectIn,
    DisputeIn,
    ResolveIn,
    VisitNoteIn,
)
from coopcare.visits.services import care_logs as services

router = Router()
PAGE_SIZE = 25
CONFIRM = "visits.confirm_care_log"


def _person(person, visible: set[int]) -> dict[str, Any] | None:
    if person is None:
        return None
    return {"id": person.pk, "name": str(person) if person.pk in visible else None}


def _summary(log: CareLog) -> dict[str, Any]:
    return {
        "id": log.pk,
        "appointment_id": log.appointment_id,
        "team_id": log.team_id,
        "title": log.appointment.title,
        "status": log.status,
        "version": log.version,
        "started_at": log.started_at,
        "ended_at": log.ended_at,
        "minutes": log.minutes,
        "corrects_id": log.corrects_id,
        "confirmed_at": log.confirmed_at,
        "auto_confirmed": log.auto_confirmed,
    }


def _detail(viewer, log: CareLog) -> dict[str, Any]:
    page = selectors.log_page(viewer, log)
    visible = page["visible_names"]
    resolution = page["resolution"]
    dispute = None
    if log.disputed_at:
        dispute = {
            "by": _person(log.disputed_by, visible),
            "at": log.disputed_at,
            "reason": log.dispute_reason,
            "settled": log.status != CareLog.Status.DISPUTED,
            "outcome_note": (resolution.detail.get("outcome_note", "") if resolution else ""),
        }
    return {
        **_summary(log),
        "planned_starts_at": log.appointment.starts_at,
        "planned_ends_at": log.appointment.ends_at,
        **{name: getattr(log, name) for name in services.NOTE_FIELDS},
        "adjusted_by": _person(log.adjusted_by, visible),
        "adjusted_at": log.adjusted_at,
        "dispute": dispute,
        "participants": [
            {
                "person": _person(side.person, visible),
                "role": side.role,
                "confirmed": side.confirmation is not None,
                "confirmed_by": _person(
                    side.confirmation.confirmed_by if side.confirmation else None, visible
                ),
                "confirmed_at": side.confirmation.created_at if side.confirmation else None,
            }
            for side in page["sides"]
        ],
        "waiting_for_me": page["waiting_for_me"],
    }


def _read(request: HttpRequest, log: CareLog) -> None:
    record_read(
        "visits.care_log_viewed",
        actor=request.auth,
        target=log,
        subject=log.team.owner,
        request=request,
    )


def _participant_log(request: HttpRequest, log_id: int) -> CareLog:
    log = access.get_care_log_for(request.auth, log_id, CONFIRM)
    if not selectors.sides_of(request.auth, log):
        raise NotAllowed(_("Only the people in the visit confirm or change its care log."))
    return log


def _fresh(request: HttpRequest, log_id: int) -> dict[str, Any]:
    return _detail(request.auth, access.get_care_log_for(request.auth, log_id))


class LogPagination(PageNumberPagination):
    def paginate_queryset(self, queryset, pagination, request, **params) -> Any:
        result = super().paginate_queryset(queryset, pagination, request, **params)
        result["items"] = [_summary(log) for log in result["items"]]
        return result


@router.get(
    "/teams/{int:team_id}/care-logs",
    response=responses(list[CareLogSummary], 400, 404, 422),
    summary="A team's care logs",
)
@paginate(LogPagination, page_size=PAGE_SIZE)
def care_log_list(request: HttpRequest, team_id: int, status: str = ""):
    """Newest first; ``?status=`` (pending, confirmed, disputed, superseded) filters them. The
    visit notes are not in the list: fetch one log to read its note."""
    team = access.get_calendar_team(request.auth, team_id, "visits.view_care_logs")
    if status and status not in CareLog.Status.values:
        raise DomainError(_("There is no status called “%s”.") % status, field="status")
    record_read(
        "visits.care_logs_listed",
        actor=request.auth,
        target=team,
        subject=team.owner,
        request=request,
        detail={"status": status},
    )
    return selectors.team_logs(team, status)


@router.get(
    "/care-logs/waiting", response=responses(list[CareLogSummary], 422), summary="Waiting for me"
)
@paginate(LogPagination, page_size=PAGE_SIZE)
def care_log_waiting(request: HttpRequest):
    """Pending logs you (or the owner you act for) have not confirmed yet, oldest first."""
    return selectors.waiting_for(request.auth)


@router.get("/care-logs/{int:log_id}", response=responses(CareLogOut, 404), summary="One care log")
def care_log_detail(request: HttpRequest, log_id: int) -> dict[str, Any]:
    log = access.get_care_log_for(request.auth, log_id)
    _read(request, log)
    return _detail(request.auth, log)


@router.post(
    "/care-logs/{int:log_id}/confirm",
    response=responses(CareLogOut, 400, 403, 404, 422),
    summary="Confirm a care log",
)
def care_log_confirm(
    request: HttpRequest, log_id: int, version: int | None = None
) -> dict[str, Any]:
    """Confirm your side: as a giver who joined, or as (or for) the person getting support.
    Pass ``?version=`` (the version you read) so nothing you have not seen is confirmed."""
    log = _participant_log(request, log_id)
    services.confirm_care_log(request.auth, log, version=version, request=request)
    return _fresh(request, log_id)


@router.post(
    "/care-logs/{int:log_id}/adjust",
    response=responses(CareLogOut, 400, 403, 404, 422),
    summary="Adjust a pending care log",
)
def care_log_adjust(request: HttpRequest, log_id: int, payload: VisitNoteIn) -> dict[str, Any]:
    """Change the actual times or the visit note (only the fields sent). A new version: your
    confirmation of it is recorded, and everyone else is asked again."""
    log = _participant_log(request, log_id)
    services.adjust_care_log(
        request.auth, log, request=request, **payload.model_dump(exclude_unset=True)
    )
    return _fresh(request, log_id)


@router.post(
    "/care-logs/{int:log_id}/dispute",
    response=responses(CareLogOut, 400, 403, 404, 422),
    summary="Disagree with a care log",
)
def care_log_dispute(request: HttpRequest, log_id: int, payload: DisputeIn) -> dict[str, Any]:
    """The log waits, and the Coach of the team's local circle is asked to help."""
    log = _participant_log(request, log_id)
    services.dispute_care_log(request.auth, log, payload.reason, request=request)
    return _fresh(request, log_id)


@router.post(
    "/care-logs/{int:log_id}/resolve",
    response=responses(CareLogOut, 400, 403, 404, 422),
    summary="Settle a disputed care log (the Coach)",
)
def care_log_resolve(request: HttpRequest, log_id: int, payload: ResolveIn) -> dict[str, Any]:
    """The Coach of the local circle records what was agreed (and the agreed times); the log
    goes back to everyone in the visit to confirm."""
    log = access.get_care_log_for(request.auth, log_id)
    services.resolve_dispute(
        request.auth,
        log,
        payload.outcome_note,
        started_at=payload.started_at,
        ended_at=payload.ended_at,
        request=request,
    )
    return _fresh(request, log_id)


@router.post(
    "/care-logs/{int:log_id}/correct",
    response=responses(CareLogOut, 400, 403, 404, 422),
    summary="Correct a confirmed care log",
)
def care_log_correct(request: HttpRequest, log_id: int, payload: CorrectIn) -> dict[str, Any]:
    """A confirmed log never changes: this makes a new log that corrects it (only the fields
    sent differ). Once everyone in the visit confirms it, the original is superseded."""
    log = _participant_log(request, log_id)
    fields = payload.model_dump(exclude_unset=True)
    reason = fields.pop("reason", "")
    correction = services.correct_care_log(
        request.auth, log, reason=reason, request=request, **fields
    )
    return _fresh(request, correction.pk)

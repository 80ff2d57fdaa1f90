"""API endpoints for starting a team: the support gate, Team Starters' cases, call-outs.

Every read goes through ``starting.access`` and every change through ``starting.services``,
exactly as the pages do, so the API can never show or do more than the pages would.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import PageNumberPagination, paginate

from coopcare.api.schemas import responses
from coopcare.errors import DomainError
from coopcare.starting import access, gates, selectors, steps
from coopcare.starting.models import CallOut, Case
from coopcare.starting.schemas import (
    CallOutOut,
    CaseDetail,
    CaseListItem,
    InterestIn,
    InterestOut,
    SupportCheckOut,
)
from coopcare.starting.services.call_outs import express_interest
from coopcare.starting.services.cases import read_case

router = Router()
PAGE_SIZE = 25
KINDS = Query([], description="Kinds of support: personal_care, medicines, companionship, …")


@router.get(
    "/teams/{team_id}/support-allowed",
    response=responses(SupportCheckOut, 404, 422),
    summary="May this support be booked for a team now?",
)
def starting_support_allowed(
    request: HttpRequest, team_id: int, kinds: list[str] = KINDS
) -> dict[str, Any]:
    """The gates before team-based support: the Getting Support Promise signed, and a
    face-to-face visit recorded when ``kinds`` include personal_care or medicines."""
    team = access.get_team_for(request.auth, team_id, "starting.check_support")
    try:
        gates.check_team_support_allowed(team, kinds)
    except DomainError as error:
        reason: str | None = error.message
    else:
        reason = None
    return {
        "team": team.pk,
        "kinds": kinds,
        "allowed": reason is None,
        "reason": reason,
        "promise_signed": gates.promise_signed(team),
        "visit_recorded": gates.visit_recorded(team),
    }


def _case_item(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "person_name": case.enquiry.name_of_person,
        "local_circle": case.local_circle.slug,
        "team_starter": case.team_starter.display_name,
        "team": case.team_id,
        "created_at": case.created_at,
        "stepped_back_at": case.stepped_back_at,
    }


class CasePagination(PageNumberPagination):
    def paginate_queryset(self, queryset: QuerySet, pagination: Any, request, **params) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["items"] = [_case_item(case) for case in page["items"]]
        return page


@router.get(
    "/cases", response=responses(list[CaseListItem], 403, 404, 422), summary="Cases I support"
)
@paginate(CasePagination, page_size=PAGE_SIZE)
def starting_case_list(request: HttpRequest, open: bool = True) -> QuerySet:
    """Team-starting cases in the local circles where you are a Team Starter or Coach: open
    ones, or (``?open=false``) those whose Team Starter has stepped back."""
    access.require(request.auth, "starting.list_cases")
    return (
        selectors.visible_cases(request.auth)
        .filter(stepped_back_at__isnull=open)
        .order_by("-created_at", "-pk")
    )


@router.get(
    "/cases/{case_id}", response=responses(CaseDetail, 404), summary="One case, with its steps"
)
def starting_case_detail(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = access.get_case_for(request.auth, case_id)
    read_case(request.auth, case, request=request)
    return {
        **_case_item(case),
        "enquiry": case.enquiry_id,
        "support_kinds": case.enquiry.support_kinds,
        "needs": case.enquiry.needs,
        "person": case.person_id,
        "invited_email": case.invited_email,
        "steps": [
            {"number": s.number, "title": s.title, "done": s.done, "missing": s.missing}
            for s in steps.steps(case)
        ],
        "visits": list(case.visits.values("visited_on", "present", "notes")),
    }


def _call_out(call_out: CallOut) -> dict[str, Any]:
    return {
        "id": call_out.pk,
        "local_circle": call_out.case.local_circle.slug,
        "published_at": call_out.published_at,
        "status": call_out.status,
        "shared": [
            {"field": name, "label": label, "text": text} for name, label, text in call_out.shared()
        ],
    }


class CallOutPagination(PageNumberPagination):
    def paginate_queryset(self, queryset: QuerySet, pagination: Any, request, **params) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["items"] = [_call_out(c) for c in page["items"]]
        return page


@router.get(
    "/call-outs", response=responses(list[CallOutOut], 404, 422), summary="Open call-outs for me"
)
@paginate(CallOutPagination, page_size=PAGE_SIZE)
def starting_call_out_list(request: HttpRequest) -> QuerySet:
    return selectors.open_call_outs_for(request.auth)


@router.post(
    "/call-outs/{call_out_id}/interest",
    response=responses(InterestOut, 400, 403, 404, 422),
    summary="Say I am interested in a call-out",
)
def starting_express_interest(
    request: HttpRequest, call_out_id: int, payload: InterestIn
) -> dict[str, Any]:
    call_out = access.get_call_out_for(request.auth, call_out_id)
    interest = express_interest(request.auth, call_out, payload.message, request=request)
    return {
        "id": interest.pk,
        "call_out": call_out.pk,
        "message": interest.message,
        "status": interest.status,
        "created_at": interest.created_at,
    }

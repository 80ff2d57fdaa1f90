"""API endpoints for starting a team: the support gate, Team Starters' cases, call-outs.

Every read goes through ``starting.access`` and every change through ``starting.services``,
exactly as the pages do, so the API can never show or do more than the pages would.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import PageNumberPagination, paginate

from coopcare.api.schemas import responses
from coopcare.circles.models import Circle
from coopcare.errors import DomainError
from coopcare.starting import access, gates, selectors, steps
from coopcare.starting.models import CallOut, Case
from coopcare.starting.schemas import (
    CallOutOut,
    CaseDetail,
    CaseListItem,
    DocumentIn,
    DocumentVersionOut,
    InterestIn,
    InterestOut,
    OutcomeIn,
    OutcomeOut,
    PromiseIn,
    SignatureOut,
    SupportCheckOut,
    VisitIn,
    VisitRecordedOut,
)
from coopcare.starting.services.call_outs import express_interest
from coopcare.starting.services.cases import read_case, record_visit
from coopcare.starting.services.documents import (
    latest_version,
    read_document,
    save_document_version,
)
from coopcare.starting.services.enquiries import decide_enquiry
from coopcare.starting.services.promise import sign_promise

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


@router.post(
    "/enquiries/{enquiry_id}/outcome",
    response=responses(OutcomeOut, 400, 403, 404, 422),
    summary="Record an enquiry's outcome",
)
def starting_enquiry_outcome(
    request: HttpRequest, enquiry_id: int, payload: OutcomeIn
) -> dict[str, Any]:
    """Proceed (starts a case you lead), waiting list (with a review date) or signposted."""
    enquiry = access.get_enquiry_for(request.auth, enquiry_id, "decide")
    circle = None
    if payload.local_circle:
        circle = Circle.objects.filter(slug=payload.local_circle).first()
        if circle is None:
            raise DomainError(_("There is no local circle with that name."), field="local_circle")
    decided = decide_enquiry(
        request.auth,
        enquiry,
        payload.outcome,
        local_circle=circle,
        review_on=payload.review_on,
        signposted_to=payload.signposted_to,
        note=payload.note,
        request=request,
    )
    case = getattr(decided, "case", None)
    return {
        "id": decided.pk,
        "status": decided.status,
        "local_circle": decided.local_circle.slug if decided.local_circle else None,
        "review_on": decided.review_on,
        "signposted_to": decided.signposted_to,
        "case": case.pk if case else None,
    }


@router.post(
    "/teams/{team_id}/promise",
    response=responses(SignatureOut, 400, 403, 404, 422),
    summary="Sign the Getting Support Promise, or record a paper signature",
)
def starting_sign_promise(request: HttpRequest, team_id: int, payload: PromiseIn) -> dict[str, Any]:
    """The owner, or a representative with the sign_promise scope, signs as themselves; the
    team's Team Starter records a signature given on paper (``signed_as`` and the signer)."""
    team = access.get_team_for(
        request.auth, team_id, "starting.view_promise", "starting.sign_promise"
    )
    signature = sign_promise(
        request.auth,
        team,
        funding=payload.funding,
        agreed=payload.agreed,
        signed_on=payload.signed_on,
        signed_as=payload.signed_as,
        signer_id=payload.signer,
        signer_name=payload.signer_name,
        request=request,
    )
    return {
        "id": signature.pk,
        "team": team.pk,
        "signed_as": signature.signed_as,
        "signer": signature.signer_id,
        "signer_name": signature.signer_name,
        "funding": signature.funding,
        "signed_on": signature.signed_on,
        "version": signature.version,
        "recorded_by": signature.recorded_by_id,
    }


@router.post(
    "/cases/{case_id}/visits",
    response=responses(VisitRecordedOut, 400, 403, 404, 422),
    summary="Record a face-to-face visit",
)
def starting_record_visit(request: HttpRequest, case_id: int, payload: VisitIn) -> dict[str, Any]:
    case = access.get_case_for(request.auth, case_id, "manage_case")
    visit = record_visit(
        request.auth, case, payload.visited_on, payload.present, payload.notes, request=request
    )
    return {
        "id": visit.pk,
        "case": case.pk,
        "visited_on": visit.visited_on,
        "present": visit.present,
        "notes": visit.notes,
    }


def _version(team_id: int, kind: str, version) -> dict[str, Any]:
    behalf = version.on_behalf_of
    return {
        "team": team_id,
        "kind": kind,
        "number": version.number,
        "answers": version.answers,
        "note": version.note,
        "written_by": version.written_by.display_name,
        "on_behalf_of": behalf.display_name if behalf else None,
        "written_at": version.written_at,
    }


@router.get(
    "/teams/{team_id}/documents/{kind}",
    response=responses(DocumentVersionOut, 404),
    summary="The current Supportive Conversation or Trust Assessment",
)
def starting_document(request: HttpRequest, team_id: int, kind: str) -> dict[str, Any]:
    """``kind`` is supportive-conversation or trust-assessment. 404 until a version exists.
    Reads by anyone but the owner are logged, as on the page."""
    document = access.get_document_for(request.auth, team_id, kind)
    version = latest_version(document)
    if version is None:
        raise Http404
    read_document(request.auth, document, version, request=request)
    return _version(team_id, kind, version)


@router.post(
    "/teams/{team_id}/documents/{kind}",
    response=responses(DocumentVersionOut, 400, 403, 404, 422),
    summary="Save a new version of the Supportive Conversation or Trust Assessment",
)
def starting_save_document(
    request: HttpRequest, team_id: int, kind: str, payload: DocumentIn
) -> dict[str, Any]:
    document = access.get_document_for(request.auth, team_id, kind, "write")
    version = save_document_version(
        request.auth,
        document.team,
        document.kind,
        payload.answers,
        note=payload.note,
        request=request,
    )
    return _version(team_id, kind, version)

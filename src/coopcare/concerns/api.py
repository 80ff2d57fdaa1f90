"""API endpoints for Sharing Stuff: raise a concern, follow your own, and handle the tracker.

Mount with ``api.add_router("/concerns", concerns_router, tags=["concerns"])``. The same
access rules and services as the pages: a concern is visible only to the person who raised it
and to its handlers, and every handler's read is recorded.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from coopcare.api.schemas import responses
from coopcare.concerns import access, selectors, services
from coopcare.concerns.models import Concern, State
from coopcare.concerns.schemas import ConcernIn, ConcernOut, ConcernPatch
from coopcare.errors import DomainError
from coopcare.teams.selectors import teams_of

PAGE_SIZE = 25

router = Router()


def concern_out(concern: Concern, handling: bool) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "id": concern.pk,
        "kind": concern.kind,
        "team": concern.team_id,
        "team_name": concern.team.name if concern.team_id else None,
        "what_happened": concern.what_happened,
        "happened_when": concern.happened_when,
        "who_it_concerns": concern.who_it_concerns,
        "safeguarding": concern.safeguarding,
        "wants_reply": concern.wants_reply,
        "share_name": concern.share_name,
        "state": concern.state,
        "created_at": concern.created_at,
    }
    if handling:
        shown["raised_by"] = selectors.reporter_label(concern)
        shown["outcome"] = concern.outcome
    return shown


def _detail(request: HttpRequest, concern: Concern) -> dict[str, Any]:
    viewer = request.auth
    handling = viewer.has_perm("concerns.update_concern", concern)
    if handling:
        services.read_concern(viewer, concern, request=request)
    shown = concern_out(concern, handling)
    shown["entries"] = [
        {
            "id": entry.pk,
            "created_at": entry.created_at,
            "author": selectors.seen_name(entry.author),
            "from_state": entry.from_state,
            "to_state": entry.to_state,
            "note": entry.note,
            "for_reporter": entry.for_reporter,
        }
        for entry in selectors.entries_for(viewer, concern, for_reporter=not handling)
    ]
    return shown


class RaisedPagination(PageNumberPagination):
    """Pages of concerns as the person who raised them sees them."""

    handling = False

    def paginate_queryset(self, queryset: QuerySet, pagination: Any, request, **params) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["items"] = [concern_out(concern, self.handling) for concern in page["items"]]
        return page


class HandlingPagination(RaisedPagination):
    """Pages of concerns as their handlers see them."""

    handling = True


@router.post(
    "",
    response=responses(ConcernOut, 400, 422),
    exclude_unset=True,
    summary="Raise a concern or feedback",
)
def concern_raise(request: HttpRequest, payload: ConcernIn) -> dict[str, Any]:
    """It goes to the Coaches of the team's local circle (or yours) and, if it may be about
    safeguarding, the team's Safeguarding Lead. Nobody else sees it."""
    team = None
    if payload.team is not None:
        team = teams_of(request.auth).filter(pk=payload.team).first()
        if team is None:
            raise DomainError(_("Choose one of your own teams, or none."), field="team")
    fields = payload.model_dump(exclude={"team"})
    concern = services.raise_concern(request.auth, team=team, **fields, request=request)
    return _detail(request, selectors.concern_by_id(concern.pk))


@router.get(
    "/mine",
    response=responses(list[ConcernOut], 422),
    exclude_unset=True,
    summary="What I have raised",
)
@paginate(RaisedPagination, page_size=PAGE_SIZE)
def concern_mine(request: HttpRequest) -> QuerySet:
    return selectors.concerns_raised_by(request.auth)


@router.get("", response=responses(list[ConcernOut], 400, 403, 422), summary="Concerns I handle")
@paginate(HandlingPagination, page_size=PAGE_SIZE)
def concern_list(request: HttpRequest, state: str = "") -> QuerySet:
    """Concerns routed to a hat you wear now; ``?state=`` filters them."""
    access.require_handler(request.auth)
    if state and state not in State.values:
        raise DomainError(_("There is no state called “%s”.") % state, field="state")
    return selectors.concerns_for_handler(request.auth, state)


@router.get(
    "/{int:concern_id}",
    response=responses(ConcernOut, 404),
    exclude_unset=True,
    summary="One concern",
)
def concern_detail(request: HttpRequest, concern_id: int) -> dict[str, Any]:
    """Handlers get the whole tracker (and their read is recorded); the person who raised it
    gets the notes shared with them."""
    return _detail(request, access.get_concern_for(request.auth, concern_id))


@router.patch(
    "/{int:concern_id}",
    response=responses(ConcernOut, 400, 403, 404, 422),
    exclude_unset=True,
    summary="Add a tracker entry (handlers)",
)
def concern_update(request: HttpRequest, concern_id: int, payload: ConcernPatch) -> dict[str, Any]:
    concern = access.get_concern_for(request.auth, concern_id, "update")
    services.update_concern(
        request.auth,
        concern,
        state=payload.state or concern.state,
        note=payload.note,
        outcome=payload.outcome,
        for_reporter=payload.for_reporter,
        request=request,
    )
    return _detail(request, selectors.concern_by_id(concern.pk))

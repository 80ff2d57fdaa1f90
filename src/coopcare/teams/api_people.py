"""API endpoints for acting for the owner (representatives) and leaving a team well.

Mounted at ``/api/teams`` beside ``teams.api``. Like the representatives and leaving pages, every
endpoint fetches through ``teams.access`` and changes through ``teams.services``, so the API
refuses the same people the same way: 404 for someone outside the team, 403 for someone inside
it without the right, 400 (with the reason) when a rule stops the change. People are named only
where the viewer may see their name; otherwise ``name`` is null.
"""

from typing import Any

from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from coopcare.api.schemas import responses
from coopcare.circles.models import Hat
from coopcare.teams import access, page, selectors
from coopcare.teams.models import Leave, Representative, Team
from coopcare.teams.schemas_people import LeaveDetail, RepresentativeIn, RepresentativeItem
from coopcare.teams.services import leaving
from coopcare.teams.services import representatives as reps

router = Router()


def _representative(rep: Representative, visible: set[int]) -> dict[str, Any]:
    def person(user) -> dict[str, Any]:
        return {"id": user.pk, "name": str(user) if user.pk in visible else None}

    return {
        "id": rep.pk,
        "team_id": rep.team_id,
        "person": person(rep.person),
        "role": rep.role,
        "scope": rep.scope or [],
        "starts_on": rep.starts_on,
        "ends_on": rep.ends_on,
        "ended_at": rep.ended_at,
        "current": rep.is_current(),
        "recorded_by": person(rep.recorded_by),
    }


def _visible(viewer, team: Team, people: set[int]) -> set[int]:
    """Whose names the viewer sees: as on the page, plus themself and the team's owner, whose
    name every page of the team already shows."""
    return page.names_visible_to(viewer, people) | {viewer.pk, team.owner_id}


class RepresentativePagination(PageNumberPagination):
    """Page numbers, with whose names the viewer may see worked out once for the whole page."""

    def paginate_queryset(self, queryset: QuerySet, pagination: Any, request, **params) -> Any:
        result = super().paginate_queryset(queryset, pagination, request, **params)
        items = list(result["items"])
        team = items[0].team if items else None
        people = {rep.person_id for rep in items} | {rep.recorded_by_id for rep in items}
        visible = _visible(request.auth, team, people) if team else set()
        result["items"] = [_representative(rep, visible) for rep in items]
        return result


@router.get(
    "/{int:team_id}/representatives",
    response=responses(list[RepresentativeItem], 404, 422),
    summary="Who acts for the team's owner",
)
@paginate(RepresentativePagination, page_size=page.PER_PAGE)
def team_representative_list(
    request: HttpRequest, team_id: int, include_ended: bool = False
) -> QuerySet:
    """Those acting for the owner today; with ``include_ended=true`` also everyone who has,
    current first, as the Representatives page lists them."""
    team = access.get_team_for(request.auth, team_id)
    if include_ended:
        found = Representative.objects.filter(team=team)
    else:
        found = selectors.current_representatives(team)
    return found.select_related("team", "person__profile", "recorded_by__profile").order_by(
        F("ended_at").asc(nulls_first=True), "-ends_on", "-pk"
    )


@router.post(
    "/{int:team_id}/representatives",
    response=responses(RepresentativeItem, 400, 403, 404, 422),
    summary="Record someone acting for the owner",
)
def team_representative_record(
    request: HttpRequest, team_id: int, payload: RepresentativeIn
) -> dict[str, Any]:
    """The owner, someone acting for them, or the team's Team Starter or Coach records who acts
    for the owner, in what, and until when. A representative passes on only what they may do."""
    team = access.get_team_for(request.auth, team_id, "manage_representatives")
    rep = reps.record_representative(
        request.auth,
        team,
        payload.email,
        payload.role,
        payload.scope,
        payload.ends_on,
        request=request,
    )
    return _representative(rep, _visible(request.auth, team, {rep.person_id}))


@router.post(
    "/representatives/{int:representative_id}/end",
    response=responses(RepresentativeItem, 400, 403, 404),
    summary="End a representation early",
)
def team_representative_end(request: HttpRequest, representative_id: int) -> dict[str, Any]:
    """From now on they no longer act for the owner. Ending one that has ended is a 400."""
    rep = access.get_representative_for(request.auth, representative_id, "manage_representatives")
    ended = reps.end_representation(request.auth, rep, request=request)
    ended.team = rep.team
    people = {ended.person_id, ended.recorded_by_id}
    return _representative(ended, _visible(request.auth, rep.team, people))


def _leave(viewer, leave: Leave) -> dict[str, Any]:
    """A leave as the leaving page shows it to ``viewer``."""
    person = leave.member.person
    can_read_reflection = leave.reflection_shared or viewer.has_perm("teams.read_reflection", leave)
    hats = list(leaving.hats_still_worn(leave)) if leave.is_open else []
    visible = _visible(viewer, leave.team, {person.pk})
    return {
        "id": leave.pk,
        "team_id": leave.team_id,
        "leaves_on": leave.leaves_on,
        "status": leave.status,
        "hats_to_hand_over": [hat.hat_type.slug for hat in hats],
        "person": {"id": person.pk, "name": str(person) if person.pk in visible else None},
        "given_at": leave.given_at,
        "closed_at": leave.closed_at,
        "farewell": leave.farewell,
        "reflection": leave.reflection if can_read_reflection else None,
        "reflection_shared": leave.reflection_shared,
        "hats": [
            {
                "id": hat.pk,
                "hat_type": hat.hat_type.slug,
                "name": hat.hat_type.name,
                "ends_on": hat.ends_on,
            }
            for hat in hats
        ],
        "hat_end": leaving.hat_end_for(leave) if leave.is_open else None,
        "yours": viewer.has_perm("teams.complete_leave", leave),
    }


@router.get(
    "/leaves/{int:leave_id}",
    response=responses(LeaveDetail, 404),
    summary="One notice of leaving",
)
def team_leave_detail(request: HttpRequest, leave_id: int) -> dict[str, Any]:
    """Seen by the leaver (even after they have gone), the team and its Team Starter or Coach."""
    return _leave(request.auth, access.get_leave_for(request.auth, leave_id))


@router.post(
    "/leaves/{int:leave_id}/hats/{int:hat_id}/take-off",
    response=responses(LeaveDetail, 400, 403, 404),
    summary="Take off a team hat for leaving",
)
def team_leave_take_off_hat(request: HttpRequest, leave_id: int, hat_id: int) -> dict[str, Any]:
    """The leaver's hat comes off on their leaving day (today, if that has passed)."""
    leave = access.get_leave_for(request.auth, leave_id, "complete_leave")
    hat = Hat.objects.select_related("hat_type", "circle").filter(pk=hat_id).first()
    if hat is None:
        raise Http404
    leaving.take_off_hat_for_leaving(request.auth, leave, hat, request=request)
    return _leave(request.auth, access.get_leave_for(request.auth, leave_id))


@router.post(
    "/leaves/{int:leave_id}/complete",
    response=responses(LeaveDetail, 400, 403, 404),
    summary="Leave now, before the leaving day",
)
def team_leave_complete(request: HttpRequest, leave_id: int) -> dict[str, Any]:
    """Refused (400, ``field`` "hats") while a team hat is still worn beyond the leaving day."""
    leave = access.get_leave_for(request.auth, leave_id, "complete_leave")
    leaving.complete_leave(request.auth, leave, request=request)
    return _leave(request.auth, access.get_leave_for(request.auth, leave_id))


@router.post(
    "/leaves/{int:leave_id}/withdraw",
    response=responses(LeaveDetail, 400, 403, 404),
    summary="Withdraw your notice and stay",
)
def team_leave_withdraw(request: HttpRequest, leave_id: int) -> dict[str, Any]:
    leave = access.get_leave_for(request.auth, leave_id, "complete_leave")
    leaving.withdraw_notice(request.auth, leave, request=request)
    return _leave(request.auth, access.get_leave_for(request.auth, leave_id))

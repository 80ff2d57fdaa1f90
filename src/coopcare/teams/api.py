"""API endpoints for teams: my teams, a team, and joining, trials and leaving.

Every endpoint fetches through ``teams.access`` and changes through ``teams.services``, exactly as
the pages do, so the API refuses the same people with the same status: 404 for someone outside a
team, 403 for someone inside it without the right, 400 (with the reason) when a rule stops a
change. Mounted at ``/api/teams``.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from coopcare.api.schemas import responses
from coopcare.teams import access, page, selectors
from coopcare.teams.models import Invitation, Leave, Team, TeamMember, Trial
from coopcare.teams.schemas import (
    AcceptIn,
    DeclineIn,
    InvitationOut,
    InviteIn,
    JoinRequestIn,
    LeaveOut,
    MembershipOut,
    NoticeIn,
    TeamDetail,
    TeamListItem,
    TrialOut,
    VerdictIn,
)
from coopcare.teams.services import leaving, membership, trials

router = Router()


def _person(person, visible: set[int]) -> dict[str, Any]:
    return {"id": person.pk, "name": str(person) if person.pk in visible else None}


def _invitation(invitation: Invitation) -> dict[str, Any]:
    return {
        "id": invitation.pk,
        "team_id": invitation.team_id,
        "team_name": invitation.team.name,
        "direction": invitation.direction,
        "email": invitation.email,
        "kind": invitation.kind,
        "message": invitation.message,
        "trial_sessions": invitation.trial_sessions,
        "status": invitation.status,
        "started_by": invitation.started_by_label,
        "created_at": invitation.created_at,
        "expires_at": invitation.expires_at,
        "answered_by": invitation.closed_by_label,
        "reason": invitation.reason,
    }


class TeamPagination(PageNumberPagination):
    """Page numbers, with each team's "my role" written once the page is fetched."""

    def paginate_queryset(self, queryset, pagination, request, **params) -> Any:
        result = super().paginate_queryset(queryset, pagination, request, **params)
        person = request.auth
        result["items"] = [
            {
                "id": team.pk,
                "name": team.name,
                "status": team.status,
                "owner": {"id": team.owner_id, "name": str(team.owner)},
                "my_role": page.my_role(team, person),
            }
            for team in result["items"]
        ]
        return result


@router.get("", response=responses(list[TeamListItem], 422), summary="My teams")
@paginate(TeamPagination, page_size=page.PER_PAGE)
def team_list(request: HttpRequest):
    """Teams you lead, are in (on trial, a member, or leaving), or act for today."""
    return page.my_teams(request.auth)


@router.get("/{int:team_id}", response=responses(TeamDetail, 404), summary="One team")
def team_detail(request: HttpRequest, team_id: int) -> dict[str, Any]:
    team = access.get_team_for(request.auth, team_id)
    members = list(page.current_members(team))
    hats = list(selectors.team_hats(team))
    reps = list(selectors.current_representatives(team).select_related("person__profile"))
    people = {m.person_id for m in members} | {r.person_id for r in reps}
    visible = page.names_visible_to(request.auth, people) | {request.auth.pk, team.owner_id}
    pending = []
    if request.auth.has_perm("teams.approve_members", team):
        waiting = selectors.team_invitations(team).filter(status=Invitation.Status.PENDING)
        pending = [_invitation(i) for i in waiting[: page.PER_PAGE]]
    return {
        "id": team.pk,
        "name": team.name,
        "status": team.status,
        "owner": {"id": team.owner_id, "name": str(team.owner)},
        "local_circle": team.local_circle.slug,
        "members": [
            {
                "person": _person(m.person, visible),
                "kind": m.kind,
                "status": m.status,
                "joined_on": m.joined_on,
                "hats": [h.hat_type.slug for h in hats if h.holder_id == m.person_id],
            }
            for m in members
        ],
        "unheld_essential_hats": [t.slug for t in selectors.unheld_essential_hat_types(hats)],
        "representatives": [
            {
                "person": _person(r.person, visible),
                "role": r.role,
                "scope": r.scope,
                "ends_on": r.ends_on,
            }
            for r in reps
        ],
        "pending": pending,
    }


@router.post(
    "/{int:team_id}/invitations",
    response=responses(InvitationOut, 400, 403, 404, 422),
    summary="Invite someone to the team",
)
def team_invite(request: HttpRequest, team_id: int, payload: InviteIn) -> dict[str, Any]:
    """The owner, or someone acting for them, invites a person by email address."""
    team = access.get_team_for(request.auth, team_id, "approve_members")
    invitation = membership.invite_member(
        request.auth,
        team,
        payload.email,
        payload.kind,
        payload.message,
        payload.trial_sessions,
        request=request,
    )
    return _invitation(invitation)


@router.post(
    "/{int:team_id}/join-requests",
    response=responses(InvitationOut, 400, 403, 404, 422),
    summary="Ask to join a team",
)
def team_join_request(request: HttpRequest, team_id: int, payload: JoinRequestIn) -> dict[str, Any]:
    team = access.get_team_to_join(request.auth, team_id)
    invitation = membership.request_to_join(
        request.auth, team, payload.kind, payload.message, request=request
    )
    return _invitation(invitation)


class InvitationPagination(PageNumberPagination):
    def paginate_queryset(self, queryset, pagination, request, **params) -> Any:
        result = super().paginate_queryset(queryset, pagination, request, **params)
        result["items"] = [_invitation(invitation) for invitation in result["items"]]
        return result


@router.get("/invitations", response=responses(list[InvitationOut], 422), summary="My invitations")
@paginate(InvitationPagination, page_size=page.PER_PAGE)
def team_invitation_list(request: HttpRequest):
    """Invitations sent to you and your own requests to join, newest first."""
    return selectors.invitations_for(request.auth)


@router.get(
    "/invitations/{int:invitation_id}",
    response=responses(InvitationOut, 404),
    summary="One invitation or request",
)
def team_invitation_detail(request: HttpRequest, invitation_id: int) -> dict[str, Any]:
    return _invitation(access.get_invitation_for(request.auth, invitation_id))


@router.post(
    "/invitations/{int:invitation_id}/accept",
    response=responses(MembershipOut, 400, 403, 404, 422),
    summary="Accept an invitation, or approve a request",
)
def team_invitation_accept(
    request: HttpRequest, invitation_id: int, payload: AcceptIn
) -> dict[str, Any]:
    """Only the person invited accepts an invitation; only the owner's side approves a request
    (and may ask for ``trial_sessions`` first)."""
    invitation = access.get_invitation_for(request.auth, invitation_id, "answer_invitation")
    member = membership.accept_invitation(
        request.auth, invitation, payload.trial_sessions, request=request
    )
    return _membership(member)


def _membership(member: TeamMember) -> dict[str, Any]:
    trial = Trial.objects.filter(member=member).values_list("pk", flat=True).first()
    return {
        "team_id": member.team_id,
        "person_id": member.person_id,
        "kind": member.kind,
        "status": member.status,
        "trial_id": trial,
    }


@router.post(
    "/invitations/{int:invitation_id}/decline",
    response=responses(InvitationOut, 400, 403, 404, 422),
    summary="Decline an invitation or a request",
)
def team_invitation_decline(
    request: HttpRequest, invitation_id: int, payload: DeclineIn
) -> dict[str, Any]:
    invitation = access.get_invitation_for(request.auth, invitation_id, "answer_invitation")
    declined = membership.decline_invitation(
        request.auth, invitation, payload.reason, request=request
    )
    return _invitation(declined)


@router.post(
    "/invitations/{int:invitation_id}/withdraw",
    response=responses(InvitationOut, 400, 403, 404),
    summary="Withdraw an invitation or a request",
)
def team_invitation_withdraw(request: HttpRequest, invitation_id: int) -> dict[str, Any]:
    invitation = access.get_invitation_for(request.auth, invitation_id, "withdraw_invitation")
    return _invitation(membership.withdraw_invitation(request.auth, invitation, request=request))


def _trial(trial: Trial, person) -> dict[str, Any]:
    side = trials.side_of(person, trial)
    return {
        "id": trial.pk,
        "team_id": trial.team_id,
        "person_id": trial.member.person_id,
        "sessions_planned": trial.sessions_planned,
        "status": trial.status,
        "my_verdict": getattr(trial, f"{side}_verdict") if side else "",
    }


@router.post(
    "/trials/{int:trial_id}/sessions-done",
    response=responses(TrialOut, 400, 403, 404),
    summary="Mark a trial's sessions done",
)
def team_trial_sessions_done(request: HttpRequest, trial_id: int) -> dict[str, Any]:
    trial = access.get_trial_for(request.auth, trial_id, "mark_trial_sessions_done")
    return _trial(
        trials.mark_trial_sessions_done(request.auth, trial, request=request), request.auth
    )


@router.post(
    "/trials/{int:trial_id}/verdict",
    response=responses(TrialOut, 400, 403, 404, 422),
    summary="Say how a trial went",
)
def team_trial_verdict(request: HttpRequest, trial_id: int, payload: VerdictIn) -> dict[str, Any]:
    """Yes or no, with an optional private note; no reason is asked for a no."""
    trial = access.get_trial_for(request.auth, trial_id)
    if trials.side_of(request.auth, trial) is None:
        access.require(request.auth, "teams.give_trial_verdict_as_candidate", trial)
    answered = trials.give_trial_verdict(
        request.auth, trial, payload.verdict, payload.note, request=request
    )
    return _trial(answered, request.auth)


@router.post(
    "/{int:team_id}/notice",
    response=responses(LeaveOut, 400, 403, 404, 422),
    summary="Give notice that you are leaving a team",
)
def team_give_notice(request: HttpRequest, team_id: int, payload: NoticeIn) -> dict[str, Any]:
    team: Team = access.get_team_for(request.auth, team_id, "give_notice")
    leave: Leave = leaving.give_notice(
        request.auth,
        team,
        payload.leaves_on,
        payload.farewell,
        payload.reflection,
        payload.share_reflection,
        request=request,
    )
    return {
        "id": leave.pk,
        "team_id": team.pk,
        "leaves_on": leave.leaves_on,
        "status": leave.status,
        "hats_to_hand_over": [h.hat_type.slug for h in leaving.hats_still_worn(leave)],
    }

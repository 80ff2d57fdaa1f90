"""Fetch teams and their membership records with permission.

Each helper returns the object or raises: 404 for someone outside its audience (nothing says it
exists), 403 for someone inside it who lacks the right asked for. Pages and the API both use
these, so both refuse the same people in the same way.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from coopcare import permissions  # noqa: F401  (registers the rules)
from coopcare.circles.models import CircleMembership
from coopcare.members.selectors import is_member
from coopcare.teams.models import Invitation, Leave, Representative, Team, Trial
from coopcare.teams.selectors import is_current_member


def require(user, perm: str, obj=None) -> None:
    """403 for a signed-in person without a right on something they can see."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def open_team(team_id: int) -> Team:
    """A team that is not closed, with what its pages show, or 404. It says nothing about who
    may see it: each app's fetcher asks its own permission next."""
    team = (
        Team.objects.select_related("circle", "owner__profile", "local_circle")
        .filter(pk=team_id)
        .exclude(status=Team.Status.CLOSED)
        .first()
    )
    if team is None:
        raise Http404
    return team


def get_team_for(user, team_id: int, action: str = "view_team") -> Team:
    """The team, if ``user`` may see it (``teams.view_team``) and may do ``action`` to it."""
    team = open_team(team_id)
    if not user.has_perm("teams.view_team", team):
        raise Http404
    if action != "view_team":
        require(user, f"teams.{action}", team)
    return team


def get_team_to_join(user, team_id: int) -> Team:
    """A team a co-op member may ask to join: one supported by a local circle they are in.

    A team's name says who gets support, so nobody else learns that it exists (404). People
    further away find a team through its call-out and are invited by the owner instead.
    """
    if not is_member(user):
        raise Http404
    team = open_team(team_id)
    in_local_circle = CircleMembership.objects.filter(
        circle_id=team.local_circle_id, person=user, left_on__isnull=True
    ).exists()
    if not in_local_circle and not is_current_member(user, team):
        raise Http404
    require(user, "teams.request_to_join", team)
    return team


def get_invitation_for(user, pk: int, action: str = "view_invitation") -> Invitation:
    """An invitation or request: the would-be member and the owner's side see it."""
    invitation = (
        Invitation.objects.select_related(
            "team__circle",
            "team__owner__profile",
            "person__profile",
            "started_by__profile",
            "started_on_behalf_of__profile",
            "closed_by__profile",
            "closed_on_behalf_of__profile",
        )
        .filter(pk=pk)
        .first()
    )
    if invitation is None:
        raise Http404
    if not user.has_perm("teams.view_invitation", invitation):
        # People in the team may know it has invitations, but only the owner's side reads them.
        if user.has_perm("teams.view_team", invitation.team):
            raise PermissionDenied
        raise Http404
    if action != "view_invitation":
        require(user, f"teams.{action}", invitation)
    return invitation


def get_trial_for(user, pk: int, action: str | None = None) -> Trial:
    """A trial is seen by whoever may see its team, and by the person on trial."""
    trial = (
        Trial.objects.select_related(
            "team__circle",
            "team__owner__profile",
            "member__person__profile",
            "observer__profile",
            "sessions_done_by__profile",
            "sessions_done_on_behalf_of__profile",
            "owner_verdict_by__profile",
            "owner_verdict_on_behalf_of__profile",
        )
        .filter(pk=pk)
        .first()
    )
    if trial is None or not user.has_perm("teams.view_team", trial.team):
        raise Http404
    if action is not None:
        require(user, f"teams.{action}", trial)
    return trial


def get_leave_for(user, pk: int, action: str | None = None) -> Leave:
    """A notice is seen by the leaver (even after they have gone) and by the team."""
    leave = (
        Leave.objects.select_related("team__circle", "team__owner__profile", "member__person")
        .select_related("member__person__profile")
        .filter(pk=pk)
        .first()
    )
    if leave is None or not user.has_perm("teams.view_leave", leave):
        raise Http404
    if action is not None:
        require(user, f"teams.{action}", leave)
    return leave


def get_representative_for(user, pk: int, action: str | None = None) -> Representative:
    rep = (
        Representative.objects.select_related("team__circle", "team__owner", "person__profile")
        .filter(pk=pk)
        .first()
    )
    if rep is None or not user.has_perm("teams.view_team", rep.team):
        raise Http404
    if action is not None:
        require(user, f"teams.{action}", rep.team)
    return rep

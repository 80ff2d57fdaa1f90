"""Fetch the MAR with permission: 404 outside the team, 403 inside it without the right.

The MAR is health information: only the team and the people acting for its owner see it
(``medicines.view_mar``) — not the circle, and not a giver from outside the team. Pages and the
API both use these helpers, so both refuse the same people in the same way.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from coopcare import permissions  # noqa: F401  (registers the rules)
from coopcare.medicines import selectors
from coopcare.medicines.models import Medicine
from coopcare.teams.access import open_team
from coopcare.teams.models import Team


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def get_mar_team(user, team_id: int, perm: str = "medicines.view_mar") -> Team:
    """The team whose MAR ``user`` may see, and (if asked) act on with ``perm``."""
    team = open_team(team_id)
    if not user.has_perm("medicines.view_mar", team):
        raise Http404
    if perm != "medicines.view_mar":
        require(user, perm, team)
    return team


def get_medicine_for(user, team_id: int, medicine_id: int, perm: str | None = None) -> Medicine:
    """A medicine on the list of a team whose MAR ``user`` may see."""
    team = get_mar_team(user, team_id)
    medicine = Medicine.objects.filter(pk=medicine_id, team=team).first()
    if medicine is None:
        raise Http404
    medicine.team = team
    if perm:
        require(user, perm, team)
    return medicine


def require_recorder(user, team: Team) -> None:
    """403 for someone in the team who could never record a dose (the rules are in
    ``services.record_dose``; this only spares them a form they cannot use)."""
    if not selectors.may_record_doses(user, team):
        raise PermissionDenied

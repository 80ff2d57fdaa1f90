"""Fetch concerns with permission.

A concern is visible to the person who raised it and to the people handling it now; to anyone
else it does not exist (404), whatever else they may see — the rest of the team and the
co-op's administrators included. The person who raised it may read it but not move it (403).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from coopcare import permissions  # noqa: F401  (registers the rules)
from coopcare.concerns import selectors
from coopcare.concerns.models import Concern


def require_handler(user) -> None:
    """The handlers' list: for people wearing a hat concerns are routed to."""
    if not user.has_perm("concerns.list_concerns"):
        raise PermissionDenied


def get_concern_for(user, concern_id: int, action: str = "view") -> Concern:
    """``action`` is "view" or "update"."""
    concern = selectors.concern_by_id(concern_id)
    if concern is None or not user.has_perm("concerns.view_concern", concern):
        raise Http404
    if action != "view" and not user.has_perm(f"concerns.{action}_concern", concern):
        raise PermissionDenied
    return concern

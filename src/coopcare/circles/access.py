"""Fetch circles with permission.

Circles, their membership and their hats are open to every member of the co-op (DOMAIN.md:
"minutes and membership are visible to every member"), so the one gate is membership. A signed-in
person who is not a member gets 403 before any lookup, so an unknown slug tells them nothing.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from coopcare import permissions  # noqa: F401  (registers the rules)
from coopcare.circles import selectors
from coopcare.circles.models import Circle


def require_circles_access(user) -> None:
    if not user.has_perm("circles.view_circles"):
        raise PermissionDenied


def get_circle_for(user, slug: str) -> Circle:
    require_circles_access(user)
    circle = selectors.circle_by_slug(slug)
    if circle is None:
        raise Http404
    return circle

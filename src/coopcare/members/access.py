"""Fetch people and applications with permission: 404 outside the audience, 403 inside it."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from coopcare import permissions  # noqa: F401  (registers the rules)
from coopcare.members.models import MembershipApplication

User = get_user_model()


def get_person_for(user, person_id: int):
    person = get_object_or_404(User.objects.select_related("profile"), pk=person_id, is_active=True)
    if not user.has_perm("members.view_person", person):
        raise Http404
    return person


def get_application_for(user, application_id: int, action: str = "view") -> MembershipApplication:
    application = get_object_or_404(
        MembershipApplication.objects.select_related("applicant__profile", "decided_by__profile"),
        pk=application_id,
    )
    if not user.has_perm("members.view_application", application):
        raise Http404
    if action != "view" and not user.has_perm(f"members.{action}_application", application):
        raise PermissionDenied
    return application


def require(user, perm: str, obj=None) -> None:
    """403 for a signed-in person without a right on a page they can reach."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied

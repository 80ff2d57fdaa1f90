"""Fetch with permission: 404 for people outside a thing's audience (no hint it exists), 403 for
people who may see it but may not do this to it. Pages and the API both use these."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from coopcare import permissions  # noqa: F401  (registers the rules)
from coopcare.starting import selectors
from coopcare.starting.models import CallOut, Enquiry, ExternalContact, Interest, TeamDocument
from coopcare.starting.questions import SLUGS
from coopcare.starting.services.documents import document_for
from coopcare.teams.models import Team


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _check(user, obj, view_perm: str, action_perm: str | None) -> None:
    if obj is None or not user.has_perm(view_perm, obj):
        raise Http404
    if action_perm is not None:
        require(user, action_perm, obj)


def get_enquiry_for(user, pk: int, action: str = "view") -> Enquiry:
    enquiry = (
        Enquiry.objects.select_related(
            "local_circle", "entered_by__profile", "decided_by__profile", "case"
        )
        .filter(pk=pk)
        .first()
    )
    action_perm = None if action == "view" else f"starting.{action}_enquiry"
    _check(user, enquiry, "starting.view_enquiry", action_perm)
    return enquiry


def get_case_for(user, pk: int, action: str = "view"):
    case = selectors.case_for_detail(pk)
    _check(user, case, "starting.view_case", None if action == "view" else f"starting.{action}")
    return case


def get_team_for(user, team_id: int, view_perm: str, action_perm: str | None = None) -> Team:
    team = (
        Team.objects.select_related("circle", "owner__profile", "local_circle")
        .filter(pk=team_id)
        .first()
    )
    _check(user, team, view_perm, action_perm)
    return team


def get_document_for(user, team_id: int, slug: str, action: str = "view") -> TeamDocument:
    """``action`` is view, write or share."""
    kind = SLUGS.get(slug)
    team = Team.objects.select_related("circle", "owner__profile").filter(pk=team_id).first()
    if kind is None or team is None:
        raise Http404
    document = document_for(team, kind)
    _check(
        user,
        document,
        "starting.view_document",
        None if action == "view" else f"starting.{action}_document",
    )
    return document


def get_call_out_for(user, pk: int, action: str | None = None) -> CallOut:
    call_out = (
        CallOut.objects.select_related("case__local_circle", "case__team", "case__enquiry")
        .filter(pk=pk)
        .first()
    )
    _check(user, call_out, "starting.view_call_out", action and f"starting.{action}")
    return call_out


def get_interest_for(user, pk: int) -> Interest:
    interest = (
        Interest.objects.select_related("call_out__case__team", "person__profile")
        .filter(pk=pk)
        .first()
    )
    if interest is None or not user.has_perm("starting.view_interests", interest.call_out):
        raise Http404
    require(user, "starting.follow_up_interest", interest.call_out)
    return interest


def get_contact_for(user, pk: int) -> ExternalContact:
    contact = (
        ExternalContact.objects.select_related("case__team", "case__local_circle")
        .filter(pk=pk)
        .first()
    )
    _check(user, contact and contact.case, "starting.view_case", "starting.manage_case")
    return contact

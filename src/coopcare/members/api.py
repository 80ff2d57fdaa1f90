"""API endpoints about people: me, my profile, my privacy choices, and other people.

Every change goes through ``members.services.profiles`` and every read of someone else through
``members.access`` and ``read_person``, exactly as the pages do, so the API can never show or
change more than the pages would.
"""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from coopcare.api.schemas import responses
from coopcare.members.access import get_person_for
from coopcare.members.models import Membership, Profile, Section
from coopcare.members.privacy import audiences_of
from coopcare.members.schemas import (
    MeOut,
    PersonOut,
    PrivacyIn,
    PrivacyOut,
    ProfileOut,
    ProfilePatch,
)
from coopcare.members.selectors import is_member
from coopcare.members.services.profiles import read_person, set_privacy_choice, update_profile

router = Router()
people_router = Router()


def _profile(person) -> Profile:
    # Every account is given a profile when it is created; an unsaved empty one reads the same.
    return getattr(person, "profile", None) or Profile(person=person)


@router.get("", response=responses(MeOut), summary="Who I am")
def me(request: HttpRequest) -> dict[str, Any]:
    person = request.auth
    memberships = Membership.objects.active().filter(person=person).order_by("started_at")
    return {
        "id": person.pk,
        "email": person.email,
        "name": _profile(person).name,
        "is_member": is_member(person),
        "memberships": [
            {"member_class": m.member_class, "worker_kind": m.worker_kind, "since": m.started_at}
            for m in memberships
        ],
    }


@router.get("/profile", response=responses(ProfileOut), summary="My profile")
def my_profile(request: HttpRequest) -> Profile:
    return _profile(request.auth)


@router.patch(
    "/profile", response=responses(ProfileOut, 400, 403, 422), summary="Change my profile"
)
def change_my_profile(request: HttpRequest, payload: ProfilePatch) -> Profile:
    """Change only the fields you send. A field that breaks a rule gets a 400 naming it, and
    nothing is changed."""
    person = request.auth
    return update_profile(person, person, payload.model_dump(exclude_unset=True), request=request)


def _privacy_rows(person) -> list[dict[str, Any]]:
    audiences = audiences_of(person)
    return [
        {
            "section": section.value,
            "label": str(section.label),
            "audience": audiences[section.value][0],
            "named_people": audiences[section.value][1],
        }
        for section in Section
    ]


@router.get(
    "/privacy", response=responses(list[PrivacyOut]), summary="Who can see each part of my data"
)
def my_privacy(request: HttpRequest) -> list[dict[str, Any]]:
    return _privacy_rows(request.auth)


@router.put(
    "/privacy/{section}",
    response=responses(PrivacyOut, 400, 403, 404, 422),
    summary="Choose who can see one section",
)
def set_my_privacy(request: HttpRequest, section: str, payload: PrivacyIn) -> dict[str, Any]:
    if section not in Section.values:
        raise Http404
    person = request.auth
    set_privacy_choice(
        person,
        person,
        section,
        payload.audience,
        named_people=payload.named_people,
        request=request,
    )
    return next(row for row in _privacy_rows(person) if row["section"] == section)


@people_router.get(
    "/{int:person_id}",
    response=responses(PersonOut, 404),
    exclude_unset=True,
    summary="Another person",
)
def person_detail(request: HttpRequest, person_id: int) -> dict[str, Any]:
    """Only the sections the person lets you see are in the response; reading them is recorded
    in the person's access log, as it is on their page."""
    person = get_person_for(request.auth, person_id)
    view = read_person(request.auth, person, request=request)
    shown = {"id": view.person_id, "sections": view.sections}
    for name in PersonOut.model_fields:
        value = getattr(view, name, None)
        # read_person leaves a section the viewer may not see as None: leave it out entirely.
        if name not in shown and value is not None:
            shown[name] = value
    return shown

"""API endpoints for support profiles: the same access rules, services and access log as the pages.

Mount with ``api.add_router("/support-profiles", supportprofiles_router, tags=["support
profiles"])``. A team's profile answers 404 to anyone who cannot see the team, lists only the
sections the caller may see, and a read by anyone but the owner side goes in the owner's access
log, exactly as the page does.
"""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Status

from coopcare.api.schemas import responses
from coopcare.supportprofiles import access as gate
from coopcare.supportprofiles.schemas import (
    AudienceIn,
    ContactIn,
    ContactOut,
    ContactPatch,
    GettingProfileOut,
    GivingProfileOut,
    GivingProfilePatch,
    QualificationIn,
    QualificationOut,
    SectionOut,
    SectionPatch,
)
from coopcare.supportprofiles.sections import Section
from coopcare.supportprofiles.selectors import giving_profile_by_person
from coopcare.supportprofiles.services import contacts, getting, giving, reading

router = Router()
TEAM = "/teams/{int:team_id}"


def _no_content(*codes: int) -> dict[int, Any]:
    """A deletion's responses: 204 with no body, and the errors it can give."""
    return {204: None, **{k: v for k, v in responses(None, *codes).items() if k != 200}}


def _person(person) -> dict[str, Any] | None:
    return {"id": person.pk, "name": str(person)} if person is not None else None


def _contact(contact) -> dict[str, Any]:
    return {
        "id": contact.pk,
        "name": contact.name,
        "relationship": contact.relationship,
        "how_to_reach": contact.how_to_reach,
        "agreed_to_be_listed": contact.agreed_to_be_listed,
    }


def _section(view: reading.SectionView) -> dict[str, Any]:
    changed = None
    if view.changed_at is not None:
        changed = {
            "by": _person(view.changed_by),
            "on_behalf_of": _person(view.changed_on_behalf_of),
            "at": view.changed_at,
        }
    return {
        "section": view.key,
        "label": view.label,
        "audience": view.audience,
        "audience_label": view.audience_label,
        "named_people": view.named_ids,
        "fields": {f.name: f.value for f in view.fields},
        "contacts": [_contact(c) for c in view.contacts],
        "last_changed": changed,
    }


def _one_section(viewer, team_id: int, section: str) -> dict[str, Any]:
    """A section as it now stands, for the caller who just changed it (a change, not a read)."""
    access = gate.get_section_for(viewer, team_id, section)
    return _section(reading.section_view(access, section))


@router.get(
    TEAM, response=responses(GettingProfileOut, 404), summary="A team's Getting Support Profile"
)
def team_getting_profile(request: HttpRequest, team_id: int) -> dict[str, Any]:
    access = gate.get_team_profile_for(request.auth, team_id)
    views = reading.read_getting_profile(request.auth, access, request=request)
    return {
        "team_id": access.team.pk,
        "owner": _person(access.team.owner),
        "can_edit": access.can_edit,
        "can_choose_audiences": access.can_choose_audiences,
        "sections": [_section(v) for v in views],
    }


@router.patch(
    TEAM + "/sections/{section}",
    response=responses(SectionOut, 400, 403, 404, 422),
    summary="Change one section of a team's Getting Support Profile",
)
def change_getting_profile_section(
    request: HttpRequest, team_id: int, section: str, payload: SectionPatch
) -> dict[str, Any]:
    """Send only the fields you change; they must belong to this section. Key contacts have
    their own endpoints."""
    if section == Section.KEY_CONTACTS:
        raise Http404
    access = gate.get_section_for(request.auth, team_id, section, action="edit")
    data = payload.model_dump(exclude_unset=True)
    getting.update_getting_section(request.auth, access.team, section, data, request=request)
    return _one_section(request.auth, team_id, section)


@router.put(
    TEAM + "/sections/{section}/audience",
    response=responses(SectionOut, 400, 403, 404, 422),
    summary="Choose who can see one section",
)
def set_getting_profile_audience(
    request: HttpRequest, team_id: int, section: str, payload: AudienceIn
) -> dict[str, Any]:
    """The owner, or someone acting for them with the "manage_profile" scope, only."""
    access = gate.get_team_profile_for(request.auth, team_id)
    if section not in Section.values:
        raise Http404
    gate.require_audience_right(access)
    getting.set_section_audience(
        request.auth, access.team, section, payload.audience, payload.named_people, request=request
    )
    return _one_section(request.auth, team_id, section)


@router.post(
    TEAM + "/contacts",
    response=responses(ContactOut, 400, 403, 404, 422),
    summary="Add a key contact",
)
def add_team_key_contact(request: HttpRequest, team_id: int, payload: ContactIn) -> dict:
    access = gate.get_section_for(request.auth, team_id, Section.KEY_CONTACTS, action="edit")
    contact = contacts.add_key_contact(
        request.auth, access.team, payload.model_dump(), request=request
    )
    return _contact(contact)


@router.patch(
    TEAM + "/contacts/{int:contact_id}",
    response=responses(ContactOut, 400, 403, 404, 422),
    summary="Change a key contact",
)
def change_team_key_contact(
    request: HttpRequest, team_id: int, contact_id: int, payload: ContactPatch
) -> dict:
    _access, contact = gate.get_contact_for(request.auth, team_id, contact_id)
    data = payload.model_dump(exclude_unset=True)
    return _contact(contacts.change_key_contact(request.auth, contact, data, request=request))


@router.delete(
    TEAM + "/contacts/{int:contact_id}",
    response=_no_content(400, 403, 404),
    summary="Remove a key contact",
)
def remove_team_key_contact(request: HttpRequest, team_id: int, contact_id: int):
    _access, contact = gate.get_contact_for(request.auth, team_id, contact_id)
    contacts.remove_key_contact(request.auth, contact, request=request)
    return Status(204, None)


@router.get(
    "/giving/me",
    response=responses(GivingProfileOut, 404),
    summary="My Giving Support Profile",
)
def my_giving_profile(request: HttpRequest) -> Any:
    profile = giving_profile_by_person(request.auth.pk)
    if profile is None:
        raise Http404
    return reading.giving_view(request.auth, profile)


@router.patch(
    "/giving/me",
    response=responses(GivingProfileOut, 400, 403, 422),
    summary="Write or change my Giving Support Profile",
)
def change_my_giving_profile(request: HttpRequest, payload: GivingProfilePatch) -> Any:
    """Send only the fields you change; the profile is created on the first change."""
    me = request.auth
    giving.update_giving_profile(me, me, payload.model_dump(exclude_unset=True), request=request)
    return reading.giving_view(me, giving_profile_by_person(me.pk))


@router.post(
    "/giving/me/qualifications",
    response=responses(QualificationOut, 400, 422),
    summary="Add a qualification to my Giving Support Profile",
)
def add_my_qualification(request: HttpRequest, payload: QualificationIn) -> Any:
    me = request.auth
    return giving.add_qualification(me, me, payload.model_dump(), request=request)


@router.delete(
    "/giving/me/qualifications/{int:qualification_id}",
    response=_no_content(404),
    summary="Remove one of my qualifications",
)
def remove_my_qualification(request: HttpRequest, qualification_id: int):
    qualification = gate.get_my_qualification(request.auth, qualification_id)
    giving.remove_qualification(request.auth, qualification, request=request)
    return Status(204, None)


@router.get(
    "/giving/{int:person_id}",
    response=responses(GivingProfileOut, 404),
    summary="Someone's Giving Support Profile",
)
def giving_profile_detail(request: HttpRequest, person_id: int) -> Any:
    """404 unless you may see it: yourself, people in a team with you, and every member when the
    person is open to meeting new team owners. Others see the postcode district only."""
    profile = gate.get_giving_profile_for(request.auth, person_id)
    return reading.read_giving_profile(request.auth, profile, request=request)

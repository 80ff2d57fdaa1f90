"""API endpoints for the Team Starter's later steps: call-outs, the case's person and team,
relationship notes, passing an enquiry on, stepping back, and a document's audience.

Mounted at ``/api/start`` beside ``starting.api``. Like there, every read goes through
``starting.access`` and every change through ``starting.services``, with the same permission
names as the pages, so the API refuses the same people with the same status: 404 outside the
case (or call-out, or document), 403 inside it without the right, 400 with the reason when a
rule stops the change.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from coopcare.api.schemas import responses
from coopcare.circles.models import Circle
from coopcare.errors import DomainError
from coopcare.starting import access, selectors, steps
from coopcare.starting.models import CallOut, Case, ExternalContact, Interest, TeamDocument
from coopcare.starting.questions import SLUG_OF
from coopcare.starting.schemas_steps import (
    AudienceIn,
    AudienceOut,
    CallOutDetail,
    CallOutIn,
    CaseCallOut,
    CasePersonIn,
    CasePersonOut,
    CaseTeamOut,
    ContactIn,
    ContactOut,
    FollowUpIn,
    HandOverIn,
    InterestDetail,
    PassedOnOut,
    PassOnIn,
    ReadinessIn,
    ReadinessOut,
    RelationshipIn,
    RelationshipOut,
    StartTeamIn,
    SteppedBackOut,
)
from coopcare.starting.services import call_outs, cases, documents, enquiries, stepping_back

User = get_user_model()
router = Router()
PAGE_SIZE = 25


# --- Call-outs ----------------------------------------------------------------------------------


def _interest(interest: Interest) -> dict[str, Any]:
    return {
        "id": interest.pk,
        "person_name": interest.person.display_name,
        "message": interest.message,
        "status": interest.status,
        "status_note": interest.status_note,
        "created_at": interest.created_at,
        "updated_at": interest.updated_at,
    }


def _call_out(person, call_out: CallOut) -> dict[str, Any]:
    """What the call-out page shows this person: the shared parts only (to everyone, the Team
    Starter included), their own answer, and who answered when they may see that."""
    mine = call_out.interests.filter(person=person).first()
    can_follow_up = person.has_perm("starting.follow_up_interest", call_out)
    interests = None
    if person.has_perm("starting.view_interests", call_out):
        interests = [_interest(i) for i in selectors.interests_for(call_out)]
    return {
        "id": call_out.pk,
        "local_circle": call_out.case.local_circle.slug,
        "published_at": call_out.published_at,
        "status": call_out.status,
        "shared": [
            {"field": name, "label": label, "text": text} for name, label, text in call_out.shared()
        ],
        "mine": mine and {"id": mine.pk, "status": mine.status, "created_at": mine.created_at},
        "can_express_interest": mine is None
        and person.has_perm("starting.express_interest", call_out),
        "can_follow_up": can_follow_up,
        "case": call_out.case_id if can_follow_up else None,
        "interests": interests,
    }


class CaseCallOutPagination(PageNumberPagination):
    def paginate_queryset(self, queryset: QuerySet, pagination: Any, request, **params) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["items"] = [
            {
                "id": c.pk,
                "published_at": c.published_at,
                "status": c.status,
                "audience": c.audience,
                "interested": len(c.interests.all()),
            }
            for c in page["items"]
        ]
        return page


@router.get(
    "/cases/{case_id}/call-outs",
    response=responses(list[CaseCallOut], 404, 422),
    summary="A case's call-outs",
)
@paginate(CaseCallOutPagination, page_size=PAGE_SIZE)
def starting_case_call_outs(request: HttpRequest, case_id: int) -> QuerySet:
    """Newest first, with their audience and how many people are interested, as on the case."""
    case = access.get_case_for(request.auth, case_id)
    return selectors.call_outs_of(case).order_by("-published_at", "-pk")


@router.post(
    "/cases/{case_id}/call-outs",
    response=responses(CallOutDetail, 400, 403, 404, 422),
    summary="Publish a call-out",
)
def starting_publish_call_out(
    request: HttpRequest, case_id: int, payload: CallOutIn
) -> dict[str, Any]:
    """Only ``shared_fields`` are ever shown to the audience, and only once ``consent``
    confirms the person agreed. ``named_emails`` are members' addresses, for the named
    audience."""
    case = access.get_case_for(request.auth, case_id, "manage_case")
    emails = [e.strip().lower() for e in payload.named_emails if e.strip()]
    named = list(User.objects.filter(email__in=emails, is_active=True))
    unknown = sorted(set(emails) - {p.email.lower() for p in named})
    if unknown:
        raise DomainError(
            _("No member uses: %(e)s.") % {"e": ", ".join(unknown)}, field="named_emails"
        )
    call_out = call_outs.publish_call_out(
        request.auth,
        case,
        texts={name: getattr(payload, name) for name in CallOut.FIELDS},
        shared_fields=payload.shared_fields,
        audience=payload.audience,
        named_people=named,
        consent_confirmed=payload.consent,
        request=request,
    )
    return _call_out(request.auth, call_out)


@router.get(
    "/call-outs/{call_out_id}", response=responses(CallOutDetail, 404), summary="One call-out"
)
def starting_call_out_detail(request: HttpRequest, call_out_id: int) -> dict[str, Any]:
    return _call_out(request.auth, access.get_call_out_for(request.auth, call_out_id))


@router.post(
    "/call-outs/{call_out_id}/close",
    response=responses(CallOutDetail, 400, 403, 404),
    summary="Close a call-out",
)
def starting_close_call_out(request: HttpRequest, call_out_id: int) -> dict[str, Any]:
    """Nobody in its audience sees it any more; those who answered still do."""
    call_out = access.get_call_out_for(request.auth, call_out_id, "follow_up_interest")
    call_outs.close_call_out(request.auth, call_out, request=request)
    return _call_out(request.auth, call_out)


@router.post(
    "/interests/{interest_id}/follow-up",
    response=responses(InterestDetail, 400, 403, 404, 422),
    summary="Record how following up an interested person is going",
)
def starting_follow_up_interest(
    request: HttpRequest, interest_id: int, payload: FollowUpIn
) -> dict[str, Any]:
    interest = access.get_interest_for(request.auth, interest_id)
    call_outs.follow_up_interest(
        request.auth, interest, payload.status, payload.note, request=request
    )
    return _interest(interest)


# --- The case: its person, its team, the longer conversation ------------------------------------


@router.post(
    "/cases/{case_id}/person",
    response=responses(CasePersonOut, 400, 403, 404, 422),
    summary="Link the person's account, or invite them to make one",
)
def starting_case_person(
    request: HttpRequest, case_id: int, payload: CasePersonIn
) -> dict[str, Any]:
    """``link`` an account that already uses ``email`` (the person is told), or ``invite``
    them: the invitation goes to that address only, and links the case once accepted."""
    case = access.get_case_for(request.auth, case_id, "manage_case")
    if payload.action == "link":
        cases.link_case_person(request.auth, case, payload.email, request=request)
    else:
        cases.invite_case_person(request.auth, case, payload.email, request=request)
    return {
        "case": case.pk,
        "person": case.person_id,
        "invited_email": case.invited_email,
        "invited_at": case.invited_at,
    }


@router.post(
    "/cases/{case_id}/team",
    response=responses(CaseTeamOut, 400, 403, 404, 422),
    summary="Start the person's team",
)
def starting_start_case_team(
    request: HttpRequest, case_id: int, payload: StartTeamIn
) -> dict[str, Any]:
    """Once the person's account is linked; the team starts in the case's local circle."""
    case = access.get_case_for(request.auth, case_id, "manage_case")
    team = cases.start_case_team(request.auth, case, payload.name, request=request)
    return {"case": case.pk, "team": team.pk, "name": team.name, "status": team.status}


def _relationship(case: Case) -> dict[str, Any]:
    notes = {name: getattr(case, name) for name in cases.NOTE_FIELDS}
    return {"case": case.pk, "talked_on": case.relationship_talk_on, **notes}


@router.get(
    "/cases/{case_id}/relationship",
    response=responses(RelationshipOut, 403, 404),
    summary="Notes from the longer conversation",
)
def starting_relationship_notes(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """For the case's Team Starters only, as on the page where they are written."""
    case = access.get_case_for(request.auth, case_id, "manage_case")
    cases.read_relationship_notes(request.auth, case, request=request)
    return _relationship(case)


@router.post(
    "/cases/{case_id}/relationship",
    response=responses(RelationshipOut, 400, 403, 404, 422),
    summary="Record notes from the longer conversation",
)
def starting_record_relationship_notes(
    request: HttpRequest, case_id: int, payload: RelationshipIn
) -> dict[str, Any]:
    """Replaces the notes: a note left out is emptied, as on the page."""
    case = access.get_case_for(request.auth, case_id, "manage_case")
    notes = {name: getattr(payload, name) for name in cases.NOTE_FIELDS}
    cases.record_relationship_notes(request.auth, case, payload.talked_on, notes, request=request)
    return _relationship(case)


# --- Enquiries ----------------------------------------------------------------------------------


@router.post(
    "/enquiries/{enquiry_id}/pass-on",
    response=responses(PassedOnOut, 400, 403, 404, 422),
    summary="Pass an enquiry on to another local circle",
)
def starting_pass_on_enquiry(
    request: HttpRequest, enquiry_id: int, payload: PassOnIn
) -> dict[str, Any]:
    """Its Team Starters are told. You may no longer see it afterwards (``can_view``)."""
    enquiry = access.get_enquiry_for(request.auth, enquiry_id, "decide")
    circle = Circle.objects.filter(slug=payload.local_circle).first()
    if circle is None:
        raise DomainError(_("There is no local circle with that name."), field="local_circle")
    passed = enquiries.pass_on_enquiry(request.auth, enquiry, circle, request=request)
    return {
        "id": passed.pk,
        "local_circle": circle.slug,
        "can_view": request.auth.has_perm("starting.view_enquiry", passed),
    }


# --- Stepping back ------------------------------------------------------------------------------


def _contact(contact: ExternalContact) -> dict[str, Any]:
    return {
        "id": contact.pk,
        "name": contact.name,
        "role": contact.role,
        "organisation": contact.organisation,
        "how_to_reach": contact.how_to_reach,
        "holder": contact.holder_id,
        "holder_name": contact.holder.display_name,
        "handed_over_at": contact.handed_over_at,
    }


def _readiness(case: Case) -> dict[str, Any]:
    ready = steps.readiness(case)
    names = selectors.hat_names(list(ready.hats))
    return {
        "case": case.pk,
        "team_started": ready.team_started,
        "hats": [
            {"hat": slug, "name": name, "held": held}
            for (slug, held), name in zip(ready.hats.items(), names, strict=True)
        ],
        "rota_running": case.rota_running,
        "rota_note": case.rota_note,
        "owner_informed": case.owner_informed,
        "contacts_handed_over": ready.contacts_handed_over,
        "contacts": [_contact(c) for c in case.contacts.select_related("holder__profile")],
        "ready": ready.ready,
        "missing": ready.missing,
    }


@router.get(
    "/cases/{case_id}/readiness",
    response=responses(ReadinessOut, 404),
    summary="The readiness checklist and external contacts",
)
def starting_readiness(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return _readiness(access.get_case_for(request.auth, case_id))


@router.post(
    "/cases/{case_id}/readiness",
    response=responses(ReadinessOut, 400, 403, 404, 422),
    summary="Update the readiness checklist",
)
def starting_update_readiness(
    request: HttpRequest, case_id: int, payload: ReadinessIn
) -> dict[str, Any]:
    """The parts only a person can judge; a running rota needs a note saying how you know."""
    case = access.get_case_for(request.auth, case_id, "manage_case")
    stepping_back.update_readiness(
        request.auth,
        case,
        rota_running=payload.rota_running,
        rota_note=payload.rota_note,
        owner_informed=payload.owner_informed,
        request=request,
    )
    return _readiness(case)


@router.post(
    "/cases/{case_id}/contacts",
    response=responses(ContactOut, 400, 403, 404, 422),
    summary="Add an external contact",
)
def starting_add_contact(request: HttpRequest, case_id: int, payload: ContactIn) -> dict[str, Any]:
    """Someone outside the co-op the case relies on; the Team Starter holds it at first."""
    case = access.get_case_for(request.auth, case_id, "manage_case")
    contact = stepping_back.add_external_contact(
        request.auth, case, payload.dict(), request=request
    )
    return _contact(contact)


@router.post(
    "/contacts/{contact_id}/hand-over",
    response=responses(ContactOut, 400, 403, 404, 422),
    summary="Hand an external contact over to a team member",
)
def starting_hand_over_contact(
    request: HttpRequest, contact_id: int, payload: HandOverIn
) -> dict[str, Any]:
    """``holder`` is someone in the team other than the Team Starter; they are told."""
    contact = access.get_contact_for(request.auth, contact_id)
    holder = User.objects.filter(pk=payload.holder, is_active=True).first()
    stepping_back.hand_over_contact(request.auth, contact, holder, request=request)
    return _contact(contact)


@router.post(
    "/cases/{case_id}/step-back",
    response=responses(SteppedBackOut, 400, 403, 404),
    summary="Step back: the team becomes self-managing",
)
def starting_step_back(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """Refused (400, saying what is missing) until the readiness checklist is complete. Open
    call-outs close; the local circle's Leaders and Coaches and the team are told."""
    case = access.get_case_for(request.auth, case_id, "manage_case")
    team = stepping_back.step_back(request.auth, case, request=request)
    case.refresh_from_db(fields=["stepped_back_at"])
    return {
        "case": case.pk,
        "team": team.pk,
        "team_status": team.status,
        "stepped_back_at": case.stepped_back_at,
    }


# --- A document's audience ----------------------------------------------------------------------


def _audience(document: TeamDocument) -> dict[str, Any]:
    return {
        "team": document.team_id,
        "kind": SLUG_OF[document.kind],
        "audience": document.audience,
    }


@router.get(
    "/teams/{team_id}/documents/{kind}/audience",
    response=responses(AudienceOut, 403, 404),
    summary="Who may read the Supportive Conversation or Trust Assessment",
)
def starting_document_audience(request: HttpRequest, team_id: int, kind: str) -> dict[str, Any]:
    return _audience(access.get_document_for(request.auth, team_id, kind, "share"))


@router.post(
    "/teams/{team_id}/documents/{kind}/audience",
    response=responses(AudienceOut, 400, 403, 404, 422),
    summary="Choose who may read the Supportive Conversation or Trust Assessment",
)
def starting_set_document_audience(
    request: HttpRequest, team_id: int, kind: str, payload: AudienceIn
) -> dict[str, Any]:
    """The person, or someone acting for them with the profile scope, chooses; their Team
    Starter may read it but not share it further."""
    document = access.get_document_for(request.auth, team_id, kind, "share")
    document = documents.set_document_audience(
        request.auth, document, payload.audience, request=request
    )
    return _audience(document)

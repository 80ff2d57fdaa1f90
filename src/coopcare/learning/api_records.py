"""The learning API: the records part. Same access helpers, services and access log as the
pages (``views_records``).

Mounted at ``/api/learning``. Records are written with JSON; evidence is added with a multipart
request and downloaded through the API, never from a public address. Every read of someone
else's learning is written to the access log.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Query, Router
from ninja.files import UploadedFile

from coopcare.api.schemas import responses
from coopcare.errors import DomainError
from coopcare.learning import access
from coopcare.learning.evidence import evidence_response
from coopcare.learning.models import LearningRecord, Qualification, Registration
from coopcare.learning.requirements import expiry_of, requirements_of
from coopcare.learning.schemas_records import (
    CheckIn,
    PersonLearningOut,
    QualificationIn,
    QualificationOut,
    RecordIn,
    RecordOut,
    RecordPage,
    RegistrationIn,
    RegistrationOut,
    RequirementOut,
    SignOffOut,
    WithdrawIn,
)
from coopcare.learning.services import credentials, records

User = get_user_model()
PAGE_SIZE = 20
EVIDENCE = File(None, description="A PDF, JPEG or PNG file of at most 5 MB.")

router = Router()


# --- Shapes -------------------------------------------------------------------------------------


class Topics:
    """The person's topics, looked up once per request: expiry and sign-off state need them."""

    def __init__(self, person) -> None:
        topics = records.recordable_topics(person)
        self.by_slug = {t.slug: t for t in topics}
        self.observed = records.observed_slugs(topics)


def requirement_out(cell) -> dict[str, Any]:
    return {
        "topic": cell.topic.slug,
        "name": cell.topic.name,
        "group": cell.topic.group,
        "observed": cell.topic.observed,
        "status": str(cell.status),
        "status_label": cell.label,
        "completed_on": cell.completed_on,
        "expires_on": cell.expires_on,
    }


def record_out(learning: LearningRecord, topics: Topics, names: dict[int, str]) -> dict[str, Any]:
    topic = topics.by_slug.get(learning.topic_slug)
    state, _words = records.record_state(learning, topics.observed)
    offered = bool(learning.evidence) and learning.withdrawn_at is None
    assessor = None
    if learning.assessor_id and learning.assessor_id in names:
        assessor = {"id": learning.assessor_id, "name": names[learning.assessor_id]}
    return {
        "id": learning.pk,
        "person_id": learning.person_id,
        "topic": learning.topic_slug,
        "topic_name": learning.topic_name,
        "completed_on": learning.completed_on,
        "method": learning.method,
        # A session's facilitators are named (privacy-filtered) elsewhere, not by copied text.
        "provider": "" if learning.session_id else learning.provider,
        "state": state,
        "expires_on": expiry_of(learning.completed_on, topic) if topic is not None else None,
        "assessor": assessor,
        "assessor_name": learning.assessor_name,
        "signed_off_at": learning.signed_off_at,
        "session_id": learning.session_id,
        "note": learning.note,
        "has_evidence": bool(learning.evidence),
        "evidence_url": (
            reverse("api:learning_record_evidence", kwargs={"record_id": learning.pk})
            if offered
            else None
        ),
        "recorded_at": learning.recorded_at,
        "withdrawn_at": learning.withdrawn_at,
        "withdrawn_reason": learning.withdrawn_reason,
    }


def _visible_names(viewer, learnings) -> dict[int, str]:
    """Assessors' names the viewer may see (people whose name is hidden are left out)."""
    return records.names_of(viewer, {r.assessor_id for r in learnings if r.assessor_id})


def records_page(viewer, person, page: int, topics: Topics) -> dict[str, Any]:
    found = LearningRecord.objects.filter(person=person).order_by("-completed_on", "-id")
    shown = Paginator(found, PAGE_SIZE).get_page(page)
    names = _visible_names(viewer, shown)
    return {
        "items": [record_out(r, topics, names) for r in shown],
        "count": shown.paginator.count,
    }


def qualification_out(found: Qualification) -> dict[str, Any]:
    return {
        "id": found.pk,
        "title": found.title,
        "accredited": found.accredited,
        "level": found.level,
        "awarding_body": found.awarding_body,
        "achieved_on": found.achieved_on,
        "withdrawn_at": found.withdrawn_at,
    }


def registration_out(found: Registration) -> dict[str, Any]:
    status, label = credentials.registration_status(found)
    return {
        "id": found.pk,
        "body": found.body,
        "body_label": found.body_name if found.body == "other" else found.get_body_display(),
        "number": found.number,
        "expires_on": found.expires_on,
        "status": str(status),
        "status_label": label,
        "checked_on": found.checked_on,
        "withdrawn_at": found.withdrawn_at,
    }


def _one(viewer, learning: LearningRecord) -> dict[str, Any]:
    return record_out(learning, Topics(learning.person), _visible_names(viewer, [learning]))


# --- Reading ------------------------------------------------------------------------------------


@router.get(
    "/me/requirements",
    response=responses(list[RequirementOut]),
    url_name="learning_my_requirements",
    summary="What your circles ask you to keep in date",
)
def my_requirements(request: HttpRequest) -> list[dict[str, Any]]:
    """Your required topics across your circles, each with its status; where two circles ask
    for the same topic, the stricter answer is given."""
    return [requirement_out(cell) for cell in requirements_of(request.auth)]


@router.get(
    "/me/sign-offs",
    response=responses(list[SignOffOut]),
    url_name="learning_my_sign_offs",
    summary="Observed competence you are asked to sign off",
)
def my_sign_offs(request: HttpRequest) -> list[dict[str, Any]]:
    """Records whose person named you as the assessor, waiting for you (at most 50)."""
    asked = LearningRecord.objects.filter(
        assessor=request.auth,
        signed_off_at__isnull=True,
        withdrawn_at__isnull=True,
        person__is_active=True,
    ).select_related("person__profile")[:50]
    asked = list(asked)
    for person in {r.person_id: r.person for r in asked}.values():
        records.read_learning(request.auth, person, "sign_off_list", request=request)
    return [
        {
            "id": r.pk,
            "person": {"id": r.person_id, "name": r.person.display_name},
            "topic": r.topic_slug,
            "topic_name": r.topic_name,
            "completed_on": r.completed_on,
            "method": r.method,
            "provider": "" if r.session_id else r.provider,
        }
        for r in asked
    ]


@router.get(
    "/people/{int:person_id}",
    response=responses(PersonLearningOut, 404),
    url_name="learning_person",
    summary="A person's learning",
)
def person_learning(request: HttpRequest, person_id: int) -> dict[str, Any]:
    """Required topics with status, the first page of records, qualifications and
    registrations. For the person, their Coach and Learning Lead, and the people the person's
    privacy choice for learning allows; 404 for anyone else. The read is logged."""
    person = access.get_person_for(request.auth, person_id)
    topics = Topics(person)
    page = records_page(request.auth, person, 1, topics)
    records.read_learning(
        request.auth, person, "api", request=request, records=[r["id"] for r in page["items"]]
    )
    return {
        "person": {"id": person.pk, "name": records.person_name(request.auth, person)},
        "requirements": [
            requirement_out(cell) for cell in records.requirements_shown(request.auth, person)
        ],
        "records": page,
        "qualifications": [
            qualification_out(q)
            for q in Qualification.objects.filter(person=person, withdrawn_at__isnull=True)
        ],
        "registrations": [
            registration_out(r)
            for r in Registration.objects.filter(person=person, withdrawn_at__isnull=True)
        ],
    }


@router.get(
    "/people/{int:person_id}/records",
    response=responses(RecordPage, 404, 422),
    url_name="learning_person_records",
    summary="A person's learning records",
)
def person_records(
    request: HttpRequest, person_id: int, page: int = Query(1, ge=1)
) -> dict[str, Any]:
    """Newest first, 20 to a page, withdrawn ones included (marked). The read is logged."""
    person = access.get_person_for(request.auth, person_id)
    shown = records_page(request.auth, person, page, Topics(person))
    records.read_learning(
        request.auth, person, "api", request=request, records=[r["id"] for r in shown["items"]]
    )
    return shown


@router.get(
    "/records/{int:record_id}",
    response=responses(RecordOut, 404),
    url_name="learning_record",
    summary="One learning record",
)
def record_detail(request: HttpRequest, record_id: int) -> dict[str, Any]:
    """The read is logged."""
    learning = access.get_record_for(request.auth, record_id)
    records.read_learning(request.auth, learning.person, "api", request=request, target=learning)
    return _one(request.auth, learning)


@router.get(
    "/records/{int:record_id}/evidence",
    response=responses(None, 404),
    url_name="learning_record_evidence",
    summary="Download the evidence of a learning record",
    openapi_extra={"responses": {200: {"description": "The file, as an attachment to save."}}},
)
def record_evidence(request: HttpRequest, record_id: int) -> HttpResponse:
    """The download is logged. A withdrawn record's evidence is no longer offered."""
    learning = access.get_record_for(request.auth, record_id)
    if learning.withdrawn_at is not None:
        raise Http404
    response = evidence_response(learning)
    records.read_learning(
        request.auth, learning.person, "evidence", request=request, target=learning
    )
    return response


# --- Records ------------------------------------------------------------------------------------


@router.post(
    "/people/{int:person_id}/records",
    response=responses(RecordOut, 400, 403, 404, 422),
    url_name="learning_record_create",
    summary="Record learning",
)
def record_create(request: HttpRequest, person_id: int, payload: RecordIn) -> dict[str, Any]:
    """The person records their own learning; their Coach or Learning Lead may record it for
    them. Observed topics wait for sign-off unless a Coach or Learning Lead records the
    assessor. Add evidence afterwards with the multipart endpoint."""
    person = access.get_person_for(request.auth, person_id, "learning.record_learning")
    topic = records.topic_for(person, payload.topic)
    if topic is None:
        raise DomainError(_("Choose a topic of the person's circles' policies."), field="topic")
    if payload.assessor_id is not None and payload.assessor_name.strip():
        raise DomainError(_("Name one assessor, not two."), field="assessor")
    if not topic.observed and (payload.assessor_id is not None or payload.assessor_name.strip()):
        raise DomainError(
            _("%(topic)s does not need an assessor: leave it empty.") % {"topic": topic.name},
            field="assessor",
        )
    assessor = None
    if payload.assessor_id is not None:
        # Only someone the form would offer: an id outside that list is refused without a word
        # about who it is (no name, no competence).
        assessor = records.chosen_assessor(
            request.auth, person, records.recordable_topics(person), payload.assessor_id
        )
    learning = records.create_record(
        request.auth,
        person,
        topic=topic,
        completed_on=payload.completed_on,
        method=payload.method,
        provider=payload.provider,
        assessor=assessor,
        assessor_name=payload.assessor_name,
        note=payload.note,
        request=request,
    )
    return _one(request.auth, learning)


@router.post(
    "/records/{int:record_id}/evidence",
    response=responses(RecordOut, 400, 403, 404, 422),
    url_name="learning_record_evidence_add",
    summary="Add the evidence of a learning record",
)
def record_evidence_add(
    request: HttpRequest, record_id: int, file: UploadedFile = EVIDENCE
) -> dict[str, Any]:
    """A multipart request with one ``file``, checked by its content (not its name or the type
    the client claims). One file per record."""
    learning = access.get_record_for(request.auth, record_id, "learning.record_learning")
    learning = records.attach_evidence(request.auth, learning, file, request=request)
    return _one(request.auth, learning)


@router.post(
    "/records/{int:record_id}/sign-off",
    response=responses(RecordOut, 400, 403, 404),
    url_name="learning_record_sign_off",
    summary="Sign off observed competence",
)
def record_sign_off(request: HttpRequest, record_id: int) -> dict[str, Any]:
    """For the assessor the person named, or their Coach or Learning Lead, holding the
    competence in date on the day it was observed; never for oneself."""
    learning = access.get_record_to_sign_off(request.auth, record_id)
    learning = records.sign_off_record(request.auth, learning, request=request)
    if not request.auth.has_perm("learning.view_records", learning.person):
        learning.note = ""  # the assessor was shown what to confirm, not the person's note
    return _one(request.auth, learning)


@router.post(
    "/records/{int:record_id}/withdraw",
    response=responses(RecordOut, 400, 403, 404, 422),
    url_name="learning_record_withdraw",
    summary="Withdraw a mistaken learning record",
)
def record_withdraw(request: HttpRequest, record_id: int, payload: WithdrawIn) -> dict[str, Any]:
    """Kept, marked withdrawn with the reason; it no longer counts. Nothing is deleted."""
    learning = access.get_record_for(request.auth, record_id, "learning.record_learning")
    learning = records.withdraw_record(request.auth, learning, payload.reason, request=request)
    return _one(request.auth, learning)


# --- Qualifications and registrations -----------------------------------------------------------


@router.post(
    "/people/{int:person_id}/qualifications",
    response=responses(QualificationOut, 400, 403, 404, 422),
    url_name="learning_qualification_create",
    summary="Add a qualification",
)
def qualification_create(
    request: HttpRequest, person_id: int, payload: QualificationIn
) -> dict[str, Any]:
    person = access.get_person_for(request.auth, person_id, "learning.record_learning")
    found = credentials.add_qualification(request.auth, person, request=request, **payload.dict())
    return qualification_out(found)


@router.post(
    "/qualifications/{int:qualification_id}/withdraw",
    response=responses(QualificationOut, 400, 403, 404),
    url_name="learning_qualification_withdraw",
    summary="Withdraw a qualification",
)
def qualification_withdraw(request: HttpRequest, qualification_id: int) -> dict[str, Any]:
    """Kept, marked withdrawn."""
    found = access.get_qualification_for(request.auth, qualification_id, "learning.record_learning")
    return qualification_out(credentials.withdraw_qualification(request.auth, found, request))


@router.post(
    "/people/{int:person_id}/registrations",
    response=responses(RegistrationOut, 400, 403, 404, 422),
    url_name="learning_registration_create",
    summary="Add a professional registration",
)
def registration_create(
    request: HttpRequest, person_id: int, payload: RegistrationIn
) -> dict[str, Any]:
    """An expiry date in the past is accepted and flagged as expired."""
    person = access.get_person_for(request.auth, person_id, "learning.record_learning")
    found = credentials.add_registration(request.auth, person, request=request, **payload.dict())
    return registration_out(found)


@router.post(
    "/registrations/{int:registration_id}/check",
    response=responses(RegistrationOut, 400, 403, 404, 422),
    url_name="learning_registration_check",
    summary="Record that a registration was checked on the register",
)
def registration_check(
    request: HttpRequest, registration_id: int, payload: CheckIn
) -> dict[str, Any]:
    """For the Coach or Learning Lead of the person's circle (not for their own)."""
    found = access.get_registration_for(request.auth, registration_id, "learning.verify_records")
    found = credentials.check_registration(
        request.auth, found, payload.checked_on or timezone.localdate(), request=request
    )
    return registration_out(found)


@router.post(
    "/registrations/{int:registration_id}/withdraw",
    response=responses(RegistrationOut, 400, 403, 404),
    url_name="learning_registration_withdraw",
    summary="Withdraw a professional registration",
)
def registration_withdraw(request: HttpRequest, registration_id: int) -> dict[str, Any]:
    """Kept, marked withdrawn."""
    found = access.get_registration_for(request.auth, registration_id, "learning.record_learning")
    return registration_out(credentials.withdraw_registration(request.auth, found, request))

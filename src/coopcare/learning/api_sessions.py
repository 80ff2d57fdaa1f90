"""The learning API: the sessions part. Same access helpers and services as the pages.

Mounted at ``/api/learning``: ``/sessions`` (nearest first), one session and what its people do
with it (book, leave, attendance, complete, feedback), ``/teaching`` (the sessions you teach),
and for a circle's Learning Lead ``/circles/{id}/teachers`` and recognitions; the Coach and
Learning Lead read ``/circles/{id}/session-evaluation``.
"""

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Avg
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from coopcare.api.schemas import responses
from coopcare.circles.models import Circle
from coopcare.errors import DomainError
from coopcare.learning import access
from coopcare.learning import sessions_selectors as selectors
from coopcare.learning.models import (
    LearningSession,
    Place,
    SessionFeedback,
    SessionKind,
    TeacherRecognition,
)
from coopcare.learning.schemas_sessions import (
    AttendanceIn,
    CancelIn,
    EvaluationOut,
    FeedbackIn,
    FeedbackOut,
    RecogniseIn,
    RecognitionOut,
    SessionDetail,
    SessionIn,
    SessionPage,
    SessionPatch,
    TeacherPage,
    TeachingPage,
)
from coopcare.learning.services import sessions as services
from coopcare.learning.services import teachers as teacher_services
from coopcare.teams.models import Team

PAGE_SIZE = 20
router = Router()
User = get_user_model()


# --- Shapes -------------------------------------------------------------------------------------


def _person(person) -> dict[str, Any]:
    return {"id": person.pk, "name": person.display_name}


def _teacher(teacher: selectors.Teacher) -> dict[str, Any]:
    """A facilitator, named only if the viewer may see their name (``decorate`` decided)."""
    return {"id": teacher.person.pk, "name": teacher.name, "recognition": teacher.level or None}


def session_out(session: LearningSession) -> dict[str, Any]:
    """A session decorated by ``sessions_selectors.decorate``."""
    place = session.my_place
    return {
        "id": session.pk,
        "kind": session.kind,
        "title": session.title,
        "description": session.description,
        "status": session.status,
        "circle_id": session.circle_id,
        "team_id": session.team_id,
        "setting": session.setting,
        "place_detail": session.place_detail,
        "area": session.area,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "capacity": session.capacity,
        "places_left": session.places_left,
        "waiting": getattr(session, "waiting_count", 0),
        "facilitators": [_teacher(t) for t in session.teachers],
        "topics": [
            {"slug": t.slug, "name": t.name, "observed": bool(t.observed)}
            for t in session.topic_list
        ],
        "distance": str(session.distance_label) or None,
        "my_place": None
        if place is None
        else {
            "status": place.status,
            "waiting_position": getattr(place, "position", None),
        },
    }


def _detail(viewer, session_id: int) -> dict[str, Any]:
    session = access.get_session_for(viewer, session_id)
    session = selectors.decorate([selectors.session_for_page(session)], viewer)[0]
    can_manage = viewer.has_perm("learning.manage_session", session)
    out = {
        **session_out(session),
        "cancel_reason": session.cancel_reason,
        "completed_at": session.completed_at,
        "can_manage": can_manage,
        "places": None,
        "average_rating": None,
    }
    if can_manage:
        places = selectors.places_of(session).exclude(status=Place.Status.CANCELLED)
        out["places"] = [{"person": _person(p.person), "status": p.status} for p in places]
        feedback = SessionFeedback.objects.filter(session=session)
        out["average_rating"] = feedback.aggregate(a=Avg("rating"))["a"]
    return out


def _recognition(recognition: TeacherRecognition) -> dict[str, Any]:
    return {
        "id": recognition.pk,
        "person": _person(recognition.person),
        "circle_id": recognition.circle_id,
        "level": recognition.level,
        "note": recognition.note,
        "recognised_on": recognition.recognised_on,
        "ended_on": recognition.ended_on,
    }


# --- Input --------------------------------------------------------------------------------------


def _co_facilitators(viewer, ids: list[int], session: LearningSession | None) -> list:
    """The people the page would offer: ``co_facilitators_allowed`` for the offerer (names the
    viewer may see), and a session's current co-facilitators. Anyone else is refused without a
    name, so an id never tells who it is."""
    offerer = session.offered_by if session is not None else viewer
    ids = [pk for pk in dict.fromkeys(ids) if pk != offerer.pk]
    if not ids:
        return []
    allowed = {
        p.pk: p for p in selectors.co_facilitators_allowed(offerer, viewer).filter(pk__in=ids)
    }
    if session is not None:
        for person in session.facilitators.filter(pk__in=ids):
            allowed.setdefault(person.pk, person)
    if any(pk not in allowed for pk in ids):
        raise DomainError(_("Choose co-facilitators from the list."), field="co_facilitators")
    return [allowed[pk] for pk in ids]


def _values(
    viewer, payload: dict[str, Any], session: LearningSession | None = None
) -> dict[str, Any]:
    """Turn ids into the team, circle and people the service takes. Unknown ids are refused as
    the pages refuse a choice that is not offered, without saying whether the thing exists."""
    values = dict(payload)
    if "team_id" in values:
        team_id = values.pop("team_id")
        values["team"] = (
            Team.objects.select_related("local_circle").filter(pk=team_id).first()
            if team_id
            else None
        )
        if team_id and values["team"] is None:
            raise DomainError(_("Choose a team you are in."), field="team")
    if "circle_id" in values:
        circle_id = values.pop("circle_id")
        values["circle"] = (
            Circle.objects.exclude(kind=Circle.Kind.TEAM).filter(pk=circle_id).first()
            if circle_id
            else None
        )
        if circle_id and values["circle"] is None:
            raise DomainError(_("Choose one of your circles."), field="circle")
    if "co_facilitator_ids" in values:
        ids = values.pop("co_facilitator_ids") or []
        values["co_facilitators"] = _co_facilitators(viewer, ids, session)
    return values


# --- Sessions -----------------------------------------------------------------------------------


@router.get(
    "/sessions",
    response=responses(SessionPage, 400, 403, 422),
    summary="Learning sessions coming up, nearest first",
    url_name="learning_sessions",
)
def sessions_list(
    request: HttpRequest,
    topic: str = Query("", description="A topic slug, like fire-safety."),
    kind: str = Query("", description="A kind of session, like buddy."),
    q: str = Query("", max_length=100, description="Words in the title."),
    page: int = Query(1, ge=1),
) -> dict[str, Any]:
    """Sessions in your teams first, then your circles, then near your postcode district, then
    online, then elsewhere; soonest first within each. 20 to a page."""
    access.require(request.auth, "learning.offer_session")
    if kind and kind not in SessionKind.values:
        raise DomainError(_("Choose a kind of session, or leave it out."), field="kind")
    sessions = selectors.upcoming_sessions(request.auth, topic=topic, kind=kind, q=q)
    shown = Paginator(sessions, PAGE_SIZE).get_page(page)
    return {
        "items": [session_out(s) for s in selectors.decorate(shown.object_list, request.auth)],
        "count": shown.paginator.count,
    }


@router.post(
    "/sessions",
    response=responses(SessionDetail, 400, 403, 422),
    summary="Offer a session",
    url_name="learning_session_create",
)
def sessions_create(request: HttpRequest, payload: SessionIn) -> dict[str, Any]:
    """Anyone who takes part in the co-op offers a session and facilitates it. A topic whose
    competence must be observed needs a facilitator who holds it in date."""
    access.require(request.auth, "learning.offer_session")
    values = _values(request.auth, payload.dict())
    session = services.offer_session(request.auth, request=request, **values)
    return _detail(request.auth, session.pk)


@router.get(
    "/sessions/{int:session_id}",
    response=responses(SessionDetail, 404),
    summary="One learning session",
    url_name="learning_session",
)
def sessions_detail(request: HttpRequest, session_id: int) -> dict[str, Any]:
    return _detail(request.auth, session_id)


@router.patch(
    "/sessions/{int:session_id}",
    response=responses(SessionDetail, 400, 403, 404, 422),
    summary="Change a session",
    url_name="learning_session_edit",
)
def sessions_edit(request: HttpRequest, session_id: int, payload: SessionPatch) -> dict[str, Any]:
    """Its facilitators or the circle's Learning Lead change an open session before it starts.
    People holding a place are told when the time or place changes."""
    session = access.get_session_for(request.auth, session_id, "learning.manage_session")
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    if payload.team_id is None and "team_id" in payload.dict(exclude_unset=True):
        changes["team_id"] = None
    values = _values(request.auth, changes, session)
    services.edit_session(request.auth, session, request=request, **values)
    return _detail(request.auth, session_id)


@router.post(
    "/sessions/{int:session_id}/cancel",
    response=responses(SessionDetail, 400, 403, 404, 422),
    summary="Cancel a session",
    url_name="learning_session_cancel",
)
def sessions_cancel(request: HttpRequest, session_id: int, payload: CancelIn) -> dict[str, Any]:
    """Everyone booked or waiting is told, with the reason."""
    session = access.get_session_for(request.auth, session_id, "learning.manage_session")
    services.cancel_session(request.auth, session, payload.reason, request=request)
    return _detail(request.auth, session_id)


@router.post(
    "/sessions/{int:session_id}/book",
    response=responses(SessionDetail, 400, 403, 404),
    summary="Book a place",
    url_name="learning_session_book",
)
def sessions_book(request: HttpRequest, session_id: int) -> dict[str, Any]:
    """A place if one is left, otherwise the waiting list (``my_place`` says which)."""
    session = access.get_session_for(request.auth, session_id)
    services.book_place(request.auth, session, request=request)
    return _detail(request.auth, session_id)


@router.post(
    "/sessions/{int:session_id}/leave",
    response=responses(SessionDetail, 400, 403, 404),
    summary="Give up a place",
    url_name="learning_session_leave",
)
def sessions_leave(request: HttpRequest, session_id: int) -> dict[str, Any]:
    """The first on the waiting list is moved up and told."""
    session = access.get_session_for(request.auth, session_id)
    services.leave_place(request.auth, session, request=request)
    return _detail(request.auth, session_id)


@router.post(
    "/sessions/{int:session_id}/attendance",
    response=responses(SessionDetail, 400, 403, 404, 422),
    summary="Mark who came",
    url_name="learning_session_attendance",
)
def sessions_attendance(
    request: HttpRequest, session_id: int, payload: AttendanceIn
) -> dict[str, Any]:
    """Once it has started, until it is completed."""
    session = access.get_session_for(request.auth, session_id, "learning.manage_session")
    marks = {mark.person_id: mark.attended for mark in payload.marks}
    services.mark_attendance(request.auth, session, marks, request=request)
    return _detail(request.auth, session_id)


@router.post(
    "/sessions/{int:session_id}/complete",
    response=responses(SessionDetail, 400, 403, 404),
    summary="Complete a session",
    url_name="learning_session_complete",
)
def sessions_complete(request: HttpRequest, session_id: int) -> dict[str, Any]:
    """Once it has ended and everyone booked is marked: each attendee gets a learning record for
    each topic covered (observed topics signed off by a facilitator who holds them)."""
    session = access.get_session_for(request.auth, session_id, "learning.manage_session")
    services.complete_session(request.auth, session, request=request)
    return _detail(request.auth, session_id)


@router.post(
    "/sessions/{int:session_id}/feedback",
    response=responses(FeedbackOut, 400, 403, 404, 422),
    summary="Rate a session you came to",
    url_name="learning_session_feedback",
)
def sessions_feedback(request: HttpRequest, session_id: int, payload: FeedbackIn) -> Any:
    """Once, after it is completed. The facilitators read it without your name."""
    session = access.get_session_for(request.auth, session_id)
    return teacher_services.give_feedback(
        request.auth, session, payload.rating, payload.comment, request=request
    )


@router.get(
    "/teaching",
    response=responses(TeachingPage, 403, 422),
    summary="The sessions you teach",
    url_name="learning_teaching",
)
def teaching(request: HttpRequest, page: int = Query(1, ge=1)) -> dict[str, Any]:
    """Coming up first, then past ones, with their ratings, comments and the records written."""
    access.require(request.auth, "learning.offer_session")
    shown = Paginator(selectors.teaching_sessions(request.auth), PAGE_SIZE).get_page(page)
    sessions = selectors.decorate(shown.object_list, request.auth)
    ids = [s.pk for s in sessions]
    comments, records = selectors.comments_for(ids), selectors.records_by_topic(ids)
    items = [
        {
            **session_out(s),
            "average_rating": s.average_rating,
            "feedback": comments.get(s.pk, []),
            "records": [{"topic": name, "records": n} for name, n in records.get(s.pk, [])],
        }
        for s in sessions
    ]
    return {"items": items, "count": shown.paginator.count}


# --- Teachers of a circle -----------------------------------------------------------------------


@router.get(
    "/circles/{int:circle_id}/teachers",
    response=responses(TeacherPage, 403, 404, 422),
    summary="Who teaches in a circle",
    url_name="learning_teachers",
)
def teachers_list(request: HttpRequest, circle_id: int, page: int = Query(1, ge=1)) -> Any:
    """For the circle's Learning Lead: everyone who taught there or is recognised, with how
    they take part in the co-op, their sessions and average rating."""
    circle = access.get_circle_for(request.auth, circle_id, "learning.recognise_teacher")
    shown = Paginator(selectors.teachers_of(circle), PAGE_SIZE).get_page(page)
    people = list(shown.object_list)
    classes = selectors.member_classes([p.pk for p in people])
    recognitions = selectors.recognitions_of([p.pk for p in people], [circle.pk])
    items = []
    for person in people:
        recognition = recognitions.get((person.pk, circle.pk))
        if recognition is not None:
            recognition.person = person
        items.append(
            {
                "person": _person(person),
                "takes_part_as": classes.get(person.pk, []),
                "sessions": person.sessions_taught or 0,
                "average_rating": person.average_rating,
                "recognition": _recognition(recognition) if recognition else None,
            }
        )
    return {"items": items, "count": shown.paginator.count}


@router.post(
    "/circles/{int:circle_id}/teachers",
    response=responses(RecognitionOut, 400, 403, 404, 422),
    summary="Recognise a teacher",
    url_name="learning_teacher_recognise",
)
def teachers_recognise(request: HttpRequest, circle_id: int, payload: RecogniseIn) -> Any:
    """As Associate Teacher or Teacher; a different current level is replaced. They are told."""
    circle = access.get_circle_for(request.auth, circle_id, "learning.recognise_teacher")
    person = User.objects.select_related("profile").filter(pk=payload.person_id).first()
    recognition = teacher_services.recognise_teacher(
        request.auth, circle, person, payload.level, payload.note, request=request
    )
    return _recognition(recognition)


@router.post(
    "/teacher-recognitions/{int:recognition_id}/end",
    response=responses(RecognitionOut, 400, 403, 404),
    summary="End a teacher recognition",
    url_name="learning_teacher_end",
)
def teachers_end(request: HttpRequest, recognition_id: int) -> Any:
    recognition = access.get_recognition_for(request.auth, recognition_id)
    ended = teacher_services.end_recognition(request.auth, recognition, request=request)
    ended.person = recognition.person
    return _recognition(ended)


@router.get(
    "/circles/{int:circle_id}/session-evaluation",
    response=responses(EvaluationOut, 403, 404),
    summary="How well learning works in a circle",
    url_name="learning_session_evaluation",
)
def session_evaluation(request: HttpRequest, circle_id: int) -> dict[str, Any]:
    """Sessions completed in the last 12 months, per kind and per topic (with how many who came
    are in date now). For the Coach and the Learning Lead; comments for the Learning Lead only."""
    circle = access.get_circle_for(request.auth, circle_id, "learning.view_measures")
    since = timezone.now() - datetime.timedelta(days=selectors.EVALUATION_DAYS)
    feedback = None
    if request.auth.has_perm("learning.recognise_teacher", circle):
        feedback = [
            {
                "rating": f.rating,
                "comment": f.comment,
                "created_at": f.created_at,
                "session_id": f.session_id,
                "session_title": f.session.title,
            }
            for f in selectors.feedback_in(circle)[:100]
        ]
    return {
        "since": since,
        "kinds": [
            {
                "kind": k.kind,
                "sessions": k.sessions,
                "attendees": k.attendees,
                "ratings": k.ratings,
                "average_rating": k.average,
            }
            for k in selectors.figures_by_kind(circle, since)
        ],
        "topics": [
            {
                "slug": t.slug,
                "name": t.name,
                "sessions": t.sessions,
                "attendees": t.attendees,
                "ratings": len(t.ratings),
                "average_rating": t.average,
                "in_date": t.in_date,
            }
            for t in selectors.figures_by_topic(circle, since, timezone.localdate())
        ],
        "feedback": feedback,
    }

"""The learning API: the peer part — welcome routes, pathways and peer supervision.

Same access helpers and services as the pages, so the API refuses the same people with the same
status: 404 outside an object's audience (a supervision pair is seen by its two people only —
no hat, not even a superuser), 403 inside it without the right, 400 when a rule stops a change.
Mounted at ``/api/learning``.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from coopcare.api.schemas import responses
from coopcare.errors import DomainError
from coopcare.learning import access
from coopcare.learning.models import Pathway, PathwayJourney, SupervisionPair, WelcomeRoute
from coopcare.learning.schemas_peer import (
    AnswerIn,
    BuddyIn,
    CadenceIn,
    CheckInIn,
    CheckInOut,
    CheckInPage,
    JourneyDetail,
    PairIn,
    PairOut,
    PathwayOut,
    RouteDetail,
    RouteIn,
    RoutePage,
    TickIn,
)
from coopcare.learning.services import pathways, records, supervision, welcome

router = Router()
User = get_user_model()
PAGE_SIZE = 25


def _ref(person, visible: set[int] | None = None) -> dict[str, Any] | None:
    if person is None:
        return None
    shown = visible is None or person.pk in visible
    return {"id": person.pk, "name": person.display_name if shown else None}


def _person(pk: int | None, field: str):
    if pk is None:
        return None
    person = User.objects.filter(pk=pk, is_active=True).first()
    if person is None:
        raise DomainError(_("Nobody with that id can be chosen."), field=field)
    return person


# --- Welcome routes ------------------------------------------------------------------------------


def _route(route: WelcomeRoute, visible: set[int]) -> dict[str, Any]:
    return {
        "id": route.pk,
        "circle_id": route.circle_id,
        "newcomer": _ref(route.newcomer, visible),
        "welcomer": _ref(route.welcomer, visible),
        "buddy": _ref(route.buddy, visible),
        "started_on": route.started_on,
        "completed_on": route.completed_on,
    }


def _route_detail(viewer, route_id: int) -> dict[str, Any]:
    route = access.get_route_for(viewer, route_id)
    steps = welcome.checklist(route)
    ticks = [tick for _step, tick in steps if tick is not None]
    visible = welcome.names_on_route(viewer, route, ticks)
    return {
        **_route(route, visible),
        "steps": [
            {
                "step": step.value,
                "label": str(step.label),
                "done": tick is not None,
                "done_on": tick.done_on if tick else None,
                "done_by": _ref(tick.done_by, visible) if tick else None,
                "note": tick.note if tick else "",
            }
            for step, tick in steps
        ],
    }


@router.get(
    "/circles/{int:circle_id}/welcome",
    response=responses(RoutePage, 403, 404, 422),
    url_name="learning_welcome_list",
    summary="A circle's welcome routes",
)
def welcome_list(
    request: HttpRequest, circle_id: int, page: int = Query(1, ge=1)
) -> dict[str, Any]:
    """Open routes and those completed in the last 90 days, 25 to a page. For the circle's
    Coach, Learning Lead, Recruiter and Peer Supervisor."""
    circle = access.get_circle_for(request.auth, circle_id, "learning.start_welcome")
    shown = Paginator(welcome.routes_of_circle(circle), PAGE_SIZE).get_page(page)
    ids = {pk for route in shown for pk in welcome.route_people(route)}
    visible = welcome.visible_names(request.auth, ids)
    return {"items": [_route(r, visible) for r in shown], "count": shown.paginator.count}


@router.post(
    "/circles/{int:circle_id}/welcome",
    response=responses(RouteDetail, 400, 403, 404, 422),
    url_name="learning_welcome_start",
    summary="Start a welcome route",
)
def welcome_start(request: HttpRequest, circle_id: int, payload: RouteIn) -> dict[str, Any]:
    """The newcomer and their buddy are told. Naming a buddy ticks "buddy"."""
    circle = access.get_circle_for(request.auth, circle_id, "learning.start_welcome")
    route = welcome.start_welcome(
        request.auth,
        circle,
        _person(payload.newcomer_id, "newcomer"),
        welcomer=_person(payload.welcomer_id, "welcomer"),
        buddy=_person(payload.buddy_id, "buddy"),
        request=request,
    )
    return _route_detail(request.auth, route.pk)


@router.get(
    "/welcome/{int:route_id}",
    response=responses(RouteDetail, 404),
    url_name="learning_welcome_detail",
    summary="One welcome route and its checklist",
)
def welcome_detail(request: HttpRequest, route_id: int) -> dict[str, Any]:
    """For the newcomer, the welcomer, the buddy and the circle's hat-holders."""
    return _route_detail(request.auth, route_id)


@router.post(
    "/welcome/{int:route_id}/ticks",
    response=responses(RouteDetail, 400, 403, 404, 422),
    url_name="learning_welcome_tick",
    summary="Tick or untick a step",
)
def welcome_tick(request: HttpRequest, route_id: int, payload: TickIn) -> dict[str, Any]:
    """When every step is ticked the route is complete and cannot change. Unticking "buddy"
    leaves the newcomer without a buddy."""
    route = access.get_route_for(request.auth, route_id, "learning.tick_welcome")
    welcome.tick_welcome(
        request.auth, route, payload.step, done=payload.done, note=payload.note, request=request
    )
    return _route_detail(request.auth, route_id)


@router.post(
    "/welcome/{int:route_id}/buddy",
    response=responses(RouteDetail, 400, 403, 404, 422),
    url_name="learning_welcome_buddy",
    summary="Choose the newcomer's buddy",
)
def welcome_buddy(request: HttpRequest, route_id: int, payload: BuddyIn) -> dict[str, Any]:
    """Ticks "buddy"; the buddy is told."""
    route = access.get_route_for(request.auth, route_id, "learning.tick_welcome")
    welcome.choose_buddy(request.auth, route, _person(payload.buddy_id, "buddy"), request=request)
    return _route_detail(request.auth, route_id)


# --- Pathways ------------------------------------------------------------------------------------


def _topic(item: pathways.TopicStatus) -> dict[str, Any]:
    return {
        "slug": item.topic.slug,
        "name": item.topic.name,
        "status": str(item.status),
        "done": item.done,
        "completed_on": item.completed_on,
        "expires_on": item.expires_on,
    }


def _stage(view: pathways.StageView) -> dict[str, Any]:
    stage = view.stage
    return {
        "id": stage.pk,
        "order": stage.order,
        "name": stage.name,
        "description": stage.description,
        "steps": list(stage.steps),
        "topics": [_topic(t) for t in view.topics],
        "reached_on": view.reached_on,
        "current": view.current,
    }


def _journey_ref(journey: PathwayJourney | None) -> dict[str, Any] | None:
    if journey is None:
        return None
    return {
        "id": journey.pk,
        "stage_id": journey.stage_id,
        "started_on": journey.started_on,
        "stage_reached_on": journey.stage_reached_on,
        "ended_on": journey.ended_on,
    }


def _journey_detail(viewer, journey_id: int, request: HttpRequest | None = None) -> dict[str, Any]:
    journey = access.get_journey_for(viewer, journey_id)
    if journey.person_id != viewer.pk:
        # The journey shows the person's learning: someone else's look is in the access log.
        records.read_learning(viewer, journey.person, "journey", request=request)
    following = pathways.next_stage(journey)
    missing = pathways.missing_for_next(journey) if following else []
    moves = journey.moves.select_related("stage", "confirmed_by__profile")
    return {
        **_journey_ref(journey),
        "person": _ref(journey.person),
        "pathway_id": journey.pathway_id,
        "pathway": journey.pathway.name,
        "stages": [_stage(v) for v in pathways.journey_view(journey)],
        "next_stage_id": following.pk if following else None,
        "missing": [_topic(t) for t in missing],
        "moves": [
            {
                "stage_id": m.stage_id,
                "stage": m.stage.name,
                "reached_on": m.reached_on,
                "confirmed_by": _ref(m.confirmed_by),
            }
            for m in moves
        ],
    }


@router.get(
    "/pathways",
    response=responses(list[PathwayOut]),
    url_name="learning_pathways",
    summary="Pathways, with your progress",
)
def pathway_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Every pathway with its stages; each stage's topics carry your status."""
    return [
        {
            "id": view.pathway.pk,
            "slug": view.pathway.slug,
            "name": view.pathway.name,
            "description": view.pathway.description,
            "stages": [_stage(s) for s in view.stages],
            "journey": _journey_ref(view.journey),
        }
        for view in pathways.overview(request.auth)
    ]


@router.post(
    "/pathways/{int:pathway_id}/journeys",
    response=responses(JourneyDetail, 400, 403, 404),
    url_name="learning_journey_start",
    summary="Set out on a pathway",
)
def journey_start(request: HttpRequest, pathway_id: int) -> dict[str, Any]:
    """You start at its first stage. One open journey per pathway."""
    pathway = Pathway.objects.filter(pk=pathway_id).first()
    if pathway is None:
        raise Http404
    journey = pathways.start_journey(request.auth, pathway, request=request)
    return _journey_detail(request.auth, journey.pk, request)


@router.get(
    "/journeys/{int:journey_id}",
    response=responses(JourneyDetail, 404),
    url_name="learning_journey_detail",
    summary="A journey on a pathway",
)
def journey_detail(request: HttpRequest, journey_id: int) -> dict[str, Any]:
    """For the person, and their Coach and Learning Lead."""
    return _journey_detail(request.auth, journey_id, request)


@router.post(
    "/journeys/{int:journey_id}/confirm",
    response=responses(JourneyDetail, 400, 403, 404),
    url_name="learning_journey_confirm",
    summary="Confirm the next stage is reached",
)
def journey_confirm(request: HttpRequest, journey_id: int) -> dict[str, Any]:
    """For the person's Coach or Learning Lead, once the current stage's topics are in date
    (400 says what is missing)."""
    journey = access.get_journey_for(request.auth, journey_id, "learning.confirm_stage")
    pathways.confirm_stage(request.auth, journey, request=request)
    return _journey_detail(request.auth, journey_id, request)


@router.post(
    "/journeys/{int:journey_id}/end",
    response=responses(JourneyDetail, 400, 403, 404),
    url_name="learning_journey_end",
    summary="End your journey",
)
def journey_end(request: HttpRequest, journey_id: int) -> dict[str, Any]:
    """Only the person ends it; the stages reached stay on record."""
    journey = access.get_journey_for(request.auth, journey_id)
    pathways.end_journey(request.auth, journey, request=request)
    return _journey_detail(request.auth, journey_id, request)


# --- Peer supervision ----------------------------------------------------------------------------


def _pair(pair: SupervisionPair) -> dict[str, Any]:
    last = supervision.last_check_in_on(pair)
    return {
        "id": pair.pk,
        # The two in a pair chose each other by name (see services.supervision).
        "supervisor": _ref(pair.supervisor),
        "supervisee": _ref(pair.supervisee),
        "asked_by_id": pair.asked_by_id,
        "status": pair.status,
        "every_days": pair.every_days,
        "asked_at": pair.asked_at,
        "started_on": pair.started_on,
        "ended_on": pair.ended_on,
        "last_check_in": last,
        "next_due": supervision.next_due(pair, last),
    }


def _pair_out(viewer, pair_id: int) -> dict[str, Any]:
    return _pair(access.get_pair_for(viewer, pair_id))


@router.get(
    "/supervision",
    response=responses(list[PairOut]),
    url_name="learning_pairs",
    summary="My peer supervision pairs",
)
def pair_list(request: HttpRequest) -> list[dict[str, Any]]:
    """As supervisor and as supervisee, open ones first (at most 100)."""
    return [_pair(pair) for pair in supervision.pairs_of(request.auth)[:100]]


@router.post(
    "/supervision",
    response=responses(PairOut, 400, 403, 422),
    url_name="learning_pair_ask",
    summary="Ask someone to be my peer supervisor, or offer to supervise them",
)
def pair_ask(request: HttpRequest, payload: PairIn) -> dict[str, Any]:
    """They are told and answer; nothing starts without their yes. Only someone the page would
    offer: a person whose name you may see among those you may ask (400 otherwise, without a
    word about who they are)."""
    pair = supervision.ask_pair(
        request.auth,
        supervision.choosable(request.auth, payload.person_id),
        kind=payload.kind,
        request=request,
    )
    return _pair_out(request.auth, pair.pk)


@router.get(
    "/supervision/{int:pair_id}",
    response=responses(PairOut, 404),
    url_name="learning_pair_detail",
    summary="One peer supervision pair",
)
def pair_detail(request: HttpRequest, pair_id: int) -> dict[str, Any]:
    """For the two people in the pair only."""
    return _pair_out(request.auth, pair_id)


@router.post(
    "/supervision/{int:pair_id}/answer",
    response=responses(PairOut, 400, 403, 404, 422),
    url_name="learning_pair_answer",
    summary="Say yes or no",
)
def pair_answer(request: HttpRequest, pair_id: int, payload: AnswerIn) -> dict[str, Any]:
    """Only the person asked answers (403 for the one who asked)."""
    pair = access.get_pair_for(request.auth, pair_id)
    supervision.answer_pair(request.auth, pair, payload.accept, request=request)
    return _pair_out(request.auth, pair_id)


@router.post(
    "/supervision/{int:pair_id}/cadence",
    response=responses(PairOut, 400, 403, 404, 422),
    url_name="learning_pair_cadence",
    summary="Change how often you check in",
)
def pair_cadence(request: HttpRequest, pair_id: int, payload: CadenceIn) -> dict[str, Any]:
    pair = access.get_pair_for(request.auth, pair_id)
    supervision.set_cadence(request.auth, pair, payload.every_days, request=request)
    return _pair_out(request.auth, pair_id)


@router.post(
    "/supervision/{int:pair_id}/end",
    response=responses(PairOut, 400, 403, 404),
    url_name="learning_pair_end",
    summary="End the pair (or withdraw or turn down a request)",
)
def pair_end(request: HttpRequest, pair_id: int) -> dict[str, Any]:
    pair = access.get_pair_for(request.auth, pair_id)
    supervision.end_pair(request.auth, pair, request=request)
    return _pair_out(request.auth, pair_id)


def _check_in(check_in) -> dict[str, Any]:
    return {
        "id": check_in.pk,
        "held_on": check_in.held_on,
        "notes": check_in.notes,
        "recorded_by": _ref(check_in.recorded_by),
        "recorded_at": check_in.recorded_at,
    }


@router.get(
    "/supervision/{int:pair_id}/check-ins",
    response=responses(CheckInPage, 404, 422),
    url_name="learning_check_ins",
    summary="The pair's check-ins",
)
def check_in_list(request: HttpRequest, pair_id: int, page: int = Query(1, ge=1)):
    """Newest first, 25 to a page, notes included: for the two people in the pair only. The
    read is written to the access log (the notes never are)."""
    pair = access.get_pair_for(request.auth, pair_id)
    shown = Paginator(supervision.check_ins(request.auth, pair, request=request), PAGE_SIZE)
    current = shown.get_page(page)
    return {"items": [_check_in(c) for c in current], "count": shown.count}


@router.post(
    "/supervision/{int:pair_id}/check-ins",
    response=responses(CheckInOut, 400, 403, 404, 422),
    url_name="learning_check_in_create",
    summary="Record a check-in",
)
def check_in_create(request: HttpRequest, pair_id: int, payload: CheckInIn) -> dict[str, Any]:
    pair = access.get_pair_for(request.auth, pair_id)
    check_in = supervision.record_check_in(
        request.auth, pair, held_on=payload.held_on, notes=payload.notes, request=request
    )
    return _check_in(check_in)

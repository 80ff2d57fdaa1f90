"""The learning API: the policy part. Same access helpers and services as the pages.

Mounted at ``/api/learning``. A circle's policy is read by every co-op member; its Coach and
Learning Lead record changes (403 for other members, 404 for people who are not members). A
team's needs are read by the team, the people acting for the owner and the circle's Team Starter
and Coach (404 for anyone else); the owner's side and the Profile Holder mark and end them.
"""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Query, Router

from coopcare.api.schemas import responses
from coopcare.audit.services import record_read
from coopcare.learning import access
from coopcare.learning.models import PolicyChange, TeamNeed, Topic
from coopcare.learning.requirements import current_topics, policy_for
from coopcare.learning.schemas_policy import (
    ChangePage,
    NeedIn,
    NeedOut,
    PolicyOut,
    ReasonIn,
    TeamNeedsOut,
    TopicIn,
    TopicOut,
    TopicPatch,
)
from coopcare.learning.services import needs, policy

router = Router()
PAGE_SIZE = 25
ENDED_SHOWN = 50


def _topic(topic: Topic, hats: dict[str, str]) -> dict[str, Any]:
    return {
        "id": topic.pk,
        "slug": topic.slug,
        "name": topic.name,
        "description": topic.description,
        "group": topic.group,
        "interval": topic.interval,
        "custom_months": topic.custom_months,
        "how_often": policy.how_often(topic),
        "member_kinds": topic.member_kinds,
        "hats": topic.hats,
        "support_kinds": topic.support_kinds,
        "required_of": policy.required_of(topic, hats),
        "triggered": topic.triggered,
        "observed": topic.observed,
        "order": topic.order,
        "retired_at": topic.retired_at,
    }


def _one_topic(topic: Topic) -> dict[str, Any]:
    return _topic(topic, policy.hat_names([topic]))


def _person(person, shown: set[int]) -> dict[str, Any] | None:
    if person is None or person.pk not in shown:
        return None
    return {"id": person.pk, "name": str(person)}


@router.get(
    "/circles/{int:circle_id}/policy",
    response=responses(PolicyOut, 403, 404),
    summary="A circle's learning policy",
    url_name="learning_policy",
)
def learning_policy(request: HttpRequest, circle_id: int) -> dict[str, Any]:
    """Current topics in the policy's order, then retired ones. A circle that has no policy yet
    adopts the co-op's defaults."""
    circle = access.get_circle_for(request.auth, circle_id, "learning.view_policy")
    the_policy = policy_for(circle)
    topics = current_topics(the_policy)
    retired = policy.retired_topics(the_policy)
    hats = policy.hat_names([*topics, *retired])
    return {
        "circle_id": circle.pk,
        "circle_name": circle.name,
        "updated_at": the_policy.updated_at,
        "can_change": request.auth.has_perm("learning.change_policy", circle),
        "topics": [_topic(t, hats) for t in topics],
        "retired": [_topic(t, hats) for t in retired],
    }


@router.post(
    "/circles/{int:circle_id}/policy/topics",
    response=responses(TopicOut, 400, 403, 404, 422),
    summary="Add a topic to a circle's policy",
    url_name="learning_topic_add",
)
def learning_topic_add(request: HttpRequest, circle_id: int, payload: TopicIn) -> dict[str, Any]:
    """The Coach or Learning Lead records the circle's decision, with its ``reason``."""
    circle = access.get_circle_for(request.auth, circle_id, "learning.change_policy")
    topic = policy.add_topic(request.auth, circle, **payload.dict(), request=request)
    return _one_topic(topic)


@router.patch(
    "/topics/{int:topic_id}",
    response=responses(TopicOut, 400, 403, 404, 422),
    summary="Change a topic of a circle's policy",
    url_name="learning_topic_change",
)
def learning_topic_change(
    request: HttpRequest, topic_id: int, payload: TopicPatch
) -> dict[str, Any]:
    """Only the fields sent change (``null`` leaves a field as it is, except
    ``custom_months``). Changing the interval moves every expiry at once. 400 if nothing would
    change or no reason is given."""
    topic = access.get_topic_for(request.auth, topic_id, "learning.change_policy")
    fields = {
        name: value
        for name, value in payload.dict(exclude_unset=True).items()
        if name != "reason" and (value is not None or name == "custom_months")
    }
    topic = policy.change_topic(request.auth, topic, payload.reason, request=request, **fields)
    return _one_topic(topic)


@router.post(
    "/topics/{int:topic_id}/retire",
    response=responses(TopicOut, 400, 403, 404, 422),
    summary="Retire a topic",
    url_name="learning_topic_retire",
)
def learning_topic_retire(request: HttpRequest, topic_id: int, payload: ReasonIn) -> dict[str, Any]:
    """It is no longer required; nothing is deleted, and it can be restored."""
    topic = access.get_topic_for(request.auth, topic_id, "learning.change_policy")
    return _one_topic(policy.retire_topic(request.auth, topic, payload.reason, request=request))


@router.post(
    "/topics/{int:topic_id}/restore",
    response=responses(TopicOut, 400, 403, 404, 422),
    summary="Bring a retired topic back",
    url_name="learning_topic_restore",
)
def learning_topic_restore(
    request: HttpRequest, topic_id: int, payload: ReasonIn
) -> dict[str, Any]:
    topic = access.get_topic_for(request.auth, topic_id, "learning.change_policy")
    return _one_topic(policy.restore_topic(request.auth, topic, payload.reason, request=request))


@router.get(
    "/circles/{int:circle_id}/policy/changes",
    response=responses(ChangePage, 403, 404, 422),
    summary="Changes to a circle's learning policy",
    url_name="learning_policy_changes",
)
def learning_policy_changes(
    request: HttpRequest, circle_id: int, page: int = Query(1, ge=1)
) -> dict[str, Any]:
    """Newest first, 25 to a page: who changed what, when and why."""
    circle = access.get_circle_for(request.auth, circle_id, "learning.view_policy")
    changes = policy_for(circle).changes.select_related("topic", "changed_by__profile")
    shown = Paginator(changes, PAGE_SIZE).get_page(page)
    names = policy.visible_names(request.auth, [c.changed_by_id for c in shown])
    return {"items": [_change(c, names) for c in shown], "count": shown.paginator.count}


def _change(change: PolicyChange, names: set[int]) -> dict[str, Any]:
    return {
        "id": change.pk,
        "action": change.action,
        "topic_id": change.topic_id,
        "topic_slug": change.topic.slug if change.topic else None,
        "topic_name": change.topic.name if change.topic else None,
        "changes": change.changes,
        "reason": change.reason,
        "changed_by": _person(change.changed_by, names),
        "changed_at": change.changed_at,
    }


# --- A team's needs -----------------------------------------------------------------------------


def _needs_out(viewer, team, found: list[TeamNeed]) -> list[dict[str, Any]]:
    names = dict(policy_for(team.local_circle).topics.values_list("slug", "name"))
    people = {n.marked_by_id for n in found} | {n.ended_by_id for n in found if n.ended_by_id}
    shown = policy.visible_names(viewer, people)
    return [
        {
            "id": n.pk,
            "topic_slug": n.topic_slug,
            "topic_name": names.get(n.topic_slug, n.topic_slug),
            "note": n.note,
            "marked_at": n.marked_at,
            "marked_by": _person(n.marked_by, shown),
            "ended_at": n.ended_at,
            "ended_by": _person(n.ended_by, shown),
        }
        for n in found
    ]


@router.get(
    "/teams/{int:team_id}/needs",
    response=responses(TeamNeedsOut, 404),
    summary="What a team needs its givers to learn",
    url_name="learning_team_needs",
)
def learning_team_needs(request: HttpRequest, team_id: int) -> dict[str, Any]:
    """The read is written to the owner's access log: needs say something about their health."""
    team = access.get_team_for(request.auth, team_id)
    record_read(
        "learning.team_needs_viewed",
        actor=request.auth,
        subject=team.owner,
        request=request,
        detail={"team": team.pk},
    )
    current = TeamNeed.objects.filter(team=team, ended_at__isnull=True).order_by("marked_at")
    ended = TeamNeed.objects.filter(team=team, ended_at__isnull=False).order_by("-ended_at", "-id")
    related = ("marked_by__profile", "ended_by__profile")
    return {
        "team_id": team.pk,
        "can_mark": request.auth.has_perm("learning.mark_team_need", team),
        "current": _needs_out(request.auth, team, list(current.select_related(*related))),
        "ended": _needs_out(request.auth, team, list(ended.select_related(*related)[:ENDED_SHOWN])),
        "offered": [
            {"slug": t.slug, "name": t.name, "triggered": t.triggered}
            for t in needs.offered_topics(team)
        ],
    }


@router.post(
    "/teams/{int:team_id}/needs",
    response=responses(NeedOut, 400, 403, 404, 422),
    summary="Mark a topic the team needs",
    url_name="learning_team_need_mark",
)
def learning_team_need_mark(request: HttpRequest, team_id: int, payload: NeedIn) -> dict[str, Any]:
    """The owner, someone acting for them with their profile, or the Profile Holder marks it;
    each giver it now applies to is told. 400 if it is already marked or not in the policy."""
    team = access.get_team_for(request.auth, team_id, "learning.mark_team_need")
    need = needs.mark_need(request.auth, team, payload.topic_slug, payload.note, request=request)
    return _needs_out(request.auth, team, [need])[0]


@router.post(
    "/needs/{int:need_id}/end",
    response=responses(NeedOut, 400, 403, 404),
    summary="End a team's need",
    url_name="learning_team_need_end",
)
def learning_team_need_end(request: HttpRequest, need_id: int) -> dict[str, Any]:
    """The givers it applied to are told it is no longer needed for this team."""
    need = access.get_need_for(request.auth, need_id, "learning.mark_team_need")
    need = needs.end_need(request.auth, need, request=request)
    return _needs_out(request.auth, need.team, [need])[0]

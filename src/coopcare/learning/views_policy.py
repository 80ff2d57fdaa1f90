"""Pages for a circle's learning policy and for what a team needs its givers to learn.

HTTP only: ``access`` decides who reaches what, ``services.policy`` and ``services.needs`` make
every change.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coopcare.audit.services import record_read
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning import access
from coopcare.learning.forms_policy import NeedForm, ReasonForm, TopicForm
from coopcare.learning.models import TeamNeed
from coopcare.learning.requirements import current_topics, policy_for
from coopcare.learning.services import needs, policy

PER_PAGE = 25


def _fail(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _row(topic, hats: dict[str, str]) -> dict:
    return {
        "topic": topic,
        "how_often": policy.how_often(topic),
        "required_of": policy.required_of(topic, hats),
    }


@login_required
@require_GET
def policy_page(request: HttpRequest, circle_id: int) -> HttpResponse:
    circle = access.get_circle_for(request.user, circle_id, "learning.view_policy")
    the_policy = policy_for(circle)
    topics = current_topics(the_policy)
    retired = policy.retired_topics(the_policy)
    hats = policy.hat_names([*topics, *retired])
    context = {
        "circle": circle,
        "policy": the_policy,
        "groups": [
            {"name": group, "id": f"group-{i}", "rows": [_row(t, hats) for t in members]}
            for i, (group, members) in enumerate(policy.grouped(topics), start=1)
        ],
        "retired": [_row(t, hats) for t in retired],
        "topic_count": len(topics),
        "can_change": request.user.has_perm("learning.change_policy", circle),
    }
    return render(request, "learning/policy.html", context)


@login_required
@require_GET
def policy_changes(request: HttpRequest, circle_id: int) -> HttpResponse:
    circle = access.get_circle_for(request.user, circle_id, "learning.view_policy")
    changes = policy_for(circle).changes.select_related("topic", "changed_by__profile")
    page = Paginator(changes, PER_PAGE).get_page(request.GET.get("page"))
    hats = policy.hats_in_changes(page)
    context = {
        "circle": circle,
        "page": page,
        "rows": [(change, policy.change_lines(change, hats)) for change in page],
        "visible_names": policy.visible_names(request.user, [c.changed_by_id for c in page]),
    }
    return render(request, "learning/policy_changes.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def topic_new(request: HttpRequest, circle_id: int) -> HttpResponse:
    circle = access.get_circle_for(request.user, circle_id, "learning.change_policy")
    form = TopicForm(request.POST or None, initial={"interval": "yearly"})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            topic = policy.add_topic(
                request.user,
                circle,
                slug=form.cleaned_data.get("slug") or None,
                reason=form.cleaned_data["reason"],
                request=request,
                **form.topic_fields(),
            )
        except NotAllowed as error:
            _fail(form, error)
            status = 403
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(request, _("%(topic)s is added to the policy.") % {"topic": topic})
            return redirect("learning:policy", circle_id=circle.pk)
    context = {"circle": circle, "form": form}
    return render(request, "learning/topic_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def topic_edit(request: HttpRequest, topic_id: int) -> HttpResponse:
    topic = access.get_topic_for(request.user, topic_id, "learning.change_policy")
    circle = topic.policy.circle
    form = TopicForm(request.POST or None, topic=topic)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            policy.change_topic(
                request.user,
                topic,
                form.cleaned_data["reason"],
                request=request,
                **form.topic_fields(),
            )
        except NotAllowed as error:
            _fail(form, error)
            status = 403
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(request, _("%(topic)s is changed.") % {"topic": topic.name})
            return redirect("learning:policy", circle_id=circle.pk)
    context = {"circle": circle, "topic": topic, "form": form}
    return render(request, "learning/topic_form.html", context, status=status)


def _reasoned(request: HttpRequest, topic_id: int, action, template: str, done: str):
    """Retire or restore: a confirmation page asking why, then the change."""
    topic = access.get_topic_for(request.user, topic_id, "learning.change_policy")
    circle = topic.policy.circle
    form = ReasonForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            action(request.user, topic, form.cleaned_data["reason"], request=request)
        except NotAllowed as error:
            _fail(form, error)
            status = 403
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(request, done % {"topic": topic.name})
            return redirect("learning:policy", circle_id=circle.pk)
    context = {
        "circle": circle,
        "topic": topic,
        "form": form,
        "how_often": policy.how_often(topic),
    }
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def topic_retire(request: HttpRequest, topic_id: int) -> HttpResponse:
    return _reasoned(
        request,
        topic_id,
        policy.retire_topic,
        "learning/topic_retire.html",
        _("%(topic)s is retired: it is no longer required."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def topic_restore(request: HttpRequest, topic_id: int) -> HttpResponse:
    return _reasoned(
        request,
        topic_id,
        policy.restore_topic,
        "learning/topic_restore.html",
        _("%(topic)s is back in the policy."),
    )


# --- A team's needs -----------------------------------------------------------------------------


def _need_rows(viewer, team, found: list[TeamNeed]) -> list[dict]:
    """Each need with its topic's name and the names of who marked and ended it, if shared."""
    names = dict(policy_for(team.local_circle).topics.values_list("slug", "name"))
    ids = {n.marked_by_id for n in found} | {n.ended_by_id for n in found if n.ended_by_id}
    people = {
        p.pk: p for p in get_user_model().objects.filter(pk__in=ids).select_related("profile")
    }
    shown = policy.visible_names(viewer, ids)

    def name(pk):
        return str(people[pk]) if pk in shown and pk in people else None

    return [
        {
            "need": n,
            "topic_name": names.get(n.topic_slug, n.topic_slug),
            "marked_by": name(n.marked_by_id),
            "ended_by": name(n.ended_by_id),
        }
        for n in found
    ]


@login_required
@require_http_methods(["GET", "POST"])
def team_needs(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_team_for(request.user, team_id)
    can_mark = request.user.has_perm("learning.mark_team_need", team)
    topics = needs.offered_topics(team)
    current = list(TeamNeed.objects.filter(team=team, ended_at__isnull=True).order_by("marked_at"))
    form = None
    if can_mark:
        form = NeedForm(request.POST or None, topics=topics, marked={n.topic_slug for n in current})
    if request.method == "POST":
        access.require(request.user, "learning.mark_team_need", team)
        if form.is_valid():
            try:
                need = needs.mark_need(
                    request.user,
                    team,
                    form.cleaned_data["topic"],
                    form.cleaned_data["note"],
                    request=request,
                )
            except DomainError as error:
                _fail(form, error)
            else:
                name = next((t.name for t in topics if t.slug == need.topic_slug), "")
                messages.success(
                    request,
                    _("%(topic)s is now required of the people giving support in the team.")
                    % {"topic": name},
                )
                return redirect("learning:team_needs", team_id=team.pk)
    # What the team needs says something about the person's health: an access-log entry.
    record_read(
        "learning.team_needs_viewed",
        actor=request.user,
        subject=team.owner,
        request=request,
        detail={"team": team.pk},
    )
    ended = TeamNeed.objects.filter(team=team, ended_at__isnull=False).order_by("-ended_at", "-id")
    ended_page = Paginator(ended, PER_PAGE).get_page(request.GET.get("ended"))
    context = {
        "team": team,
        "current": _need_rows(request.user, team, current),
        "ended_page": ended_page,
        "ended": _need_rows(request.user, team, list(ended_page)),
        "can_mark": can_mark,
        "form": form,
    }
    return render(request, "learning/team_needs.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def team_need_end(request: HttpRequest, need_id: int) -> HttpResponse:
    need = access.get_need_for(request.user, need_id, "learning.mark_team_need")
    team = need.team
    topic = next((t for t in needs.offered_topics(team) if t.slug == need.topic_slug), None)
    name = topic.name if topic is not None else need.topic_slug
    if request.method == "POST":
        try:
            needs.end_need(request.user, need, request=request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(topic)s is no longer needed in the team.") % {"topic": name},
            )
        return redirect("learning:team_needs", team_id=team.pk)
    return render(
        request, "learning/team_needs_end.html", {"team": team, "need": need, "topic_name": name}
    )

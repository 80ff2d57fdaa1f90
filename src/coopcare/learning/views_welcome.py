"""Welcome route pages: a circle's routes, starting one, the checklist, ticking, the buddy.

HTTP only: ``access`` decides who reaches what, ``services.welcome`` makes every change.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coopcare.errors import DomainError, NotAllowed
from coopcare.learning import access
from coopcare.learning.forms_peer import BuddyForm, TickForm, WelcomeStartForm
from coopcare.learning.models import WelcomeRoute, WelcomeStep
from coopcare.learning.services import welcome

User = get_user_model()
PER_PAGE = 25


def link(name: str, *args) -> str:
    """The address of a page another part of learning provides, or "" while it has none."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def fail(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
@require_GET
def welcome_list(request: HttpRequest, circle_id: int) -> HttpResponse:
    circle = access.get_circle_for(request.user, circle_id, "learning.start_welcome")
    page = Paginator(welcome.routes_of_circle(circle), PER_PAGE).get_page(request.GET.get("page"))
    ids = {pk for route in page for pk in welcome.route_people(route)}
    context = {
        "circle": circle,
        "page": page,
        "visible_names": welcome.visible_names(request.user, ids),
    }
    return render(request, "learning/welcome_list.html", context)


def _start_form(request: HttpRequest, circle, data=None) -> WelcomeStartForm:
    me = [request.user.pk]
    return WelcomeStartForm(
        data,
        newcomers=welcome.named_choices(request.user, welcome.newcomer_candidates(circle), me),
        welcomers=welcome.named_choices(request.user, welcome.welcomer_candidates(circle), me),
        buddies=welcome.named_choices(request.user, welcome.buddy_candidates(circle)),
    )


def _person(pk):
    return None if pk is None else User.objects.filter(pk=pk, is_active=True).first()


@login_required
@require_http_methods(["GET", "POST"])
def welcome_new(request: HttpRequest, circle_id: int) -> HttpResponse:
    circle = access.get_circle_for(request.user, circle_id, "learning.start_welcome")
    form = _start_form(request, circle, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            route = welcome.start_welcome(
                request.user,
                circle,
                _person(data["newcomer"]),
                welcomer=_person(data["welcomer"]),
                buddy=_person(data["buddy"]),
                request=request,
            )
        except DomainError as error:
            fail(form, error)
        else:
            messages.success(request, _("The welcome route has started."))
            return redirect("learning:welcome", route_id=route.pk)
    return render(request, "learning/welcome_new.html", {"circle": circle, "form": form})


def _route_context(request: HttpRequest, route: WelcomeRoute) -> dict:
    steps = welcome.checklist(route)
    ticks = [tick for _step, tick in steps if tick is not None]
    return {
        "route": route,
        "steps": steps,
        "visible_names": welcome.names_on_route(request.user, route, ticks),
        "can_tick": request.user.has_perm("learning.tick_welcome", route),
        "can_list": request.user.has_perm("learning.start_welcome", route.circle),
        "sessions_url": link("learning:sessions"),
        "supervision_url": link("learning:supervision"),
        "learning_shown": WelcomeStep.LEARNING_SHOWN.value,
        "supervisor_step": WelcomeStep.SUPERVISOR.value,
        "buddy_step": WelcomeStep.BUDDY.value,
    }


@login_required
@require_GET
def welcome_detail(request: HttpRequest, route_id: int) -> HttpResponse:
    route = access.get_route_for(request.user, route_id)
    return render(request, "learning/welcome.html", _route_context(request, route))


@login_required
@require_POST
def welcome_tick(request: HttpRequest, route_id: int) -> HttpResponse:
    route = access.get_route_for(request.user, route_id, "learning.tick_welcome")
    form = TickForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a step to tick or untick."))
        return redirect("learning:welcome", route_id=route.pk)
    data = form.cleaned_data
    try:
        welcome.tick_welcome(
            request.user,
            route,
            data["step"],
            done=data["done"],
            note=data["note"],
            request=request,
        )
    except NotAllowed:
        raise PermissionDenied from None
    except DomainError as error:
        messages.error(request, error.message)
    else:
        label = WelcomeStep(data["step"]).label
        if data["done"]:
            messages.success(request, _("Ticked: %(step)s.") % {"step": label})
        else:
            messages.success(request, _("Unticked: %(step)s.") % {"step": label})
        route.refresh_from_db(fields=["completed_on"])
        if route.completed_on:
            messages.success(request, _("Every step is done: the welcome route is complete."))
    return redirect("learning:welcome", route_id=route.pk)


@login_required
@require_http_methods(["GET", "POST"])
def welcome_buddy(request: HttpRequest, route_id: int) -> HttpResponse:
    route = access.get_route_for(request.user, route_id, "learning.tick_welcome")
    buddies = welcome.named_choices(
        request.user, welcome.buddy_candidates(route.circle), [route.newcomer_id]
    )
    form = BuddyForm(request.POST if request.method == "POST" else None, buddies=buddies)
    if request.method == "POST" and form.is_valid():
        try:
            welcome.choose_buddy(
                request.user, route, _person(form.cleaned_data["buddy"]), request=request
            )
        except NotAllowed:
            raise PermissionDenied from None
        except DomainError as error:
            fail(form, error)
        else:
            messages.success(request, _("The buddy is chosen, and told."))
            return redirect("learning:welcome", route_id=route.pk)
    context = {
        "route": route,
        "form": form,
        "visible_names": welcome.names_on_route(request.user, route),
    }
    return render(request, "learning/welcome_buddy.html", context)

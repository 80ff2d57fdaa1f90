"""Pathway pages: the pathways with the viewer's progress, a journey, confirming a stage,
ending a journey.

HTTP only: ``access`` decides who reaches what, ``services.pathways`` makes every change.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coopcare.errors import DomainError, NotAllowed
from coopcare.learning import access
from coopcare.learning.models import Pathway
from coopcare.learning.services import pathways, records, welcome
from coopcare.learning.views_welcome import link
from coopcare.permissions import takes_part


@login_required
@require_GET
def pathway_list(request: HttpRequest) -> HttpResponse:
    context = {
        "views": pathways.overview(request.user),
        "can_start": takes_part.test(request.user),
        "ended": pathways.journeys_of(request.user).filter(ended_on__isnull=False)[:10],
        "routes": welcome.open_routes_of(request.user),
        "home_url": link("learning:home"),
        "supervision_url": link("learning:supervision"),
    }
    return render(request, "learning/pathways.html", context)


@login_required
@require_POST
def journey_start(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = Pathway.objects.filter(pk=pathway_id).first()
    if pathway is None:
        raise Http404
    try:
        journey = pathways.start_journey(request.user, pathway, request=request)
    except NotAllowed:
        raise PermissionDenied from None
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("learning:pathways")
    messages.success(request, _("You are on the pathway. Good luck!"))
    return redirect("learning:journey", journey_id=journey.pk)


def _read(request: HttpRequest, journey) -> None:
    """A journey shows the person's learning: someone else's look goes to the access log."""
    if journey.person_id != request.user.pk:
        records.read_learning(request.user, journey.person, "journey", request=request)


def _journey_context(request: HttpRequest, journey) -> dict:
    stages = pathways.journey_view(journey)
    current = next((s for s in stages if s.current), None)
    following = pathways.next_stage(journey)
    return {
        "journey": journey,
        "stages": stages,
        "current": current,
        "following": following,
        "moves": journey.moves.select_related("confirmed_by__profile", "stage"),
        "is_mine": journey.person_id == request.user.pk,
        "can_confirm": (
            journey.ended_on is None
            and following is not None
            and journey.person_id != request.user.pk
            and request.user.has_perm("learning.confirm_stage", journey.person)
        ),
    }


@login_required
@require_GET
def journey_detail(request: HttpRequest, journey_id: int) -> HttpResponse:
    journey = access.get_journey_for(request.user, journey_id)
    _read(request, journey)
    return render(request, "learning/journey.html", _journey_context(request, journey))


@login_required
@require_http_methods(["GET", "POST"])
def journey_confirm(request: HttpRequest, journey_id: int) -> HttpResponse:
    journey = access.get_journey_for(request.user, journey_id, "learning.confirm_stage")
    error = ""
    if request.method == "POST":
        try:
            move = pathways.confirm_stage(request.user, journey, request=request)
        except NotAllowed:
            raise PermissionDenied from None
        except DomainError as refused:
            error = refused.message
        else:
            messages.success(
                request, _("Confirmed: they reached %(stage)s.") % {"stage": move.stage.name}
            )
            return redirect("learning:journey", journey_id=journey.pk)
    _read(request, journey)
    context = _journey_context(request, journey)
    context["missing"] = (
        pathways.missing_for_next(journey) if context["following"] is not None else []
    )
    context["error"] = error
    return render(request, "learning/journey_confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def journey_end(request: HttpRequest, journey_id: int) -> HttpResponse:
    journey = access.get_journey_for(request.user, journey_id)
    if journey.person_id != request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        try:
            pathways.end_journey(request.user, journey, request=request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your journey has ended. The stages you reached stay."))
        return redirect("learning:pathways")
    return render(request, "learning/journey_end.html", {"journey": journey})

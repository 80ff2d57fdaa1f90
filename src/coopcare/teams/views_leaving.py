"""Leaving-well pages: give notice, see what is left to do, hand over hats, go or stay.

HTTP only: access from ``teams.access``, every change from ``teams.services.leaving``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopcare.circles.models import Hat
from coopcare.errors import DomainError
from coopcare.teams import access, selectors
from coopcare.teams.forms import NoticeForm
from coopcare.teams.services import leaving as services
from coopcare.teams.views import form_error


@login_required
@require_http_methods(["GET", "POST"])
def give_notice(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_team_for(request.user, team_id, "give_notice")
    member = selectors.current_membership(team, request.user)
    existing = selectors.open_leave_of(member) if member else None
    if existing is not None:
        return redirect("teams:leave", pk=existing.pk)
    form = NoticeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            leave = services.give_notice(
                request.user,
                team,
                data["leaves_on"],
                data["farewell"],
                data["reflection"],
                data["share_reflection"],
                request=request,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Thank you for telling the team. The owner has been told."))
            return redirect("teams:leave", pk=leave.pk)
    return render(
        request,
        "teams/give_notice.html",
        {
            "team": team,
            "form": form,
            "hats": list(selectors.team_hats(team).filter(holder=request.user)),
        },
    )


@login_required
def leave_detail(request: HttpRequest, pk: int) -> HttpResponse:
    leave = access.get_leave_for(request.user, pk)
    user = request.user
    is_leaver = user.has_perm("teams.complete_leave", leave)
    return render(
        request,
        "teams/leave.html",
        {
            "leave": leave,
            "is_leaver": is_leaver,
            "can_read_reflection": leave.reflection_shared
            or user.has_perm("teams.read_reflection", leave),
            "hats": list(services.hats_still_worn(leave)) if leave.is_open else [],
            "hat_end": services.hat_end_for(leave),
        },
    )


@login_required
@require_POST
def take_off_hat(request: HttpRequest, pk: int, hat_id: int) -> HttpResponse:
    leave = access.get_leave_for(request.user, pk, "complete_leave")
    hat = Hat.objects.select_related("hat_type", "circle").filter(pk=hat_id).first()
    if hat is None:
        raise Http404
    try:
        services.take_off_hat_for_leaving(request.user, leave, hat, request=request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Your %(hat)s hat comes off on your leaving day.") % {"hat": hat.hat_type}
        )
    return redirect("teams:leave", pk=leave.pk)


@login_required
@require_http_methods(["GET", "POST"])
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    leave = access.get_leave_for(request.user, pk, "complete_leave")
    if request.method == "GET":
        return render(request, "teams/leave_now_confirm.html", {"leave": leave})
    try:
        services.complete_leave(request.user, leave, request=request)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("teams:leave", pk=leave.pk)
    messages.success(
        request, _("You have left %(team)s. Thank you for all you gave.") % {"team": leave.team}
    )
    return redirect("teams:list")


@login_required
@require_POST
def withdraw_notice(request: HttpRequest, pk: int) -> HttpResponse:
    leave = access.get_leave_for(request.user, pk, "complete_leave")
    try:
        services.withdraw_notice(request.user, leave, request=request)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("teams:leave", pk=leave.pk)
    messages.success(request, _("You are staying. The owner has been told."))
    return redirect("teams:detail", team_id=leave.team_id)

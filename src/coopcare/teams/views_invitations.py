"""Invitation and request pages: invite, ask to join, and answer, decline or withdraw.

HTTP only: access from ``teams.access``, every change from ``teams.services.membership``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopcare.errors import DomainError
from coopcare.teams import access, page, selectors
from coopcare.teams.forms import ApproveForm, DeclineForm, InviteForm, JoinRequestForm
from coopcare.teams.models import Invitation
from coopcare.teams.services import membership as services
from coopcare.teams.views import form_error

Direction = Invitation.Direction


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_team_for(request.user, team_id, "approve_members")
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invite_member(
                request.user,
                team,
                data["email"],
                data["kind"],
                data["message"],
                form.sessions(),
                request=request,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("teams:detail", team_id=team.pk)
    acting_for = selectors.owner_acted_for(request.user, team)
    return render(
        request, "teams/invite.html", {"team": team, "form": form, "acting_for": acting_for}
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask_to_join(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_team_to_join(request.user, team_id)
    form = JoinRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.request_to_join(
                request.user,
                team,
                form.cleaned_data["kind"],
                form.cleaned_data["message"],
                request=request,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Your request has been sent to the team owner."))
            return redirect("teams:invitation", pk=invitation.pk)
    return render(request, "teams/ask_to_join.html", {"team": team, "form": form})


@login_required
def team_invitations(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_team_for(request.user, team_id, "approve_members")
    invitations = page.page_of(selectors.team_invitations(team), request.GET.get("page"))
    return render(request, "teams/invitations.html", {"team": team, "page": invitations})


@login_required
def my_invitations(request: HttpRequest) -> HttpResponse:
    mine = page.page_of(selectors.invitations_for(request.user), request.GET.get("page"))
    return render(request, "teams/my_invitations.html", {"page": mine})


def _render_invitation(
    request: HttpRequest,
    invitation: Invitation,
    approve_form: ApproveForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    can_answer = invitation.is_pending and user.has_perm("teams.answer_invitation", invitation)
    if can_answer and invitation.direction == Direction.REQUEST and approve_form is None:
        approve_form = ApproveForm()
    return render(
        request,
        "teams/invitation.html",
        {
            "invitation": invitation,
            "is_would_be_member": selectors.is_would_be_member(user, invitation),
            "can_answer": can_answer,
            "can_withdraw": invitation.is_pending
            and user.has_perm("teams.withdraw_invitation", invitation),
            "form": approve_form,
        },
        status=status,
    )


@login_required
def invitation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_invitation(request, access.get_invitation_for(request.user, pk))


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = access.get_invitation_for(request.user, pk, "answer_invitation")
    form = ApproveForm(request.POST) if invitation.direction == Direction.REQUEST else None
    if form is not None and not form.is_valid():
        return _render_invitation(request, invitation, form, status=400)
    try:
        member = services.accept_invitation(
            request.user,
            invitation,
            trial_sessions=form.sessions() if form is not None else None,
            request=request,
        )
    except DomainError as error:
        if form is not None and error.field in form.fields:
            form_error(form, error)
            return _render_invitation(request, invitation, form, status=400)
        messages.error(request, error.message)
        return redirect("teams:invitation", pk=invitation.pk)
    if member.person_id == request.user.pk:
        messages.success(request, _("Welcome to %(team)s.") % {"team": invitation.team})
    else:
        messages.success(request, _("%(person)s has been told.") % {"person": member.person})
    return redirect("teams:detail", team_id=invitation.team_id)


@login_required
@require_http_methods(["GET", "POST"])
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = access.get_invitation_for(request.user, pk, "answer_invitation")
    form = DeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decline_invitation(
                request.user, invitation, form.cleaned_data["reason"], request=request
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("You said no. The other side has been told."))
            return redirect("teams:invitation", pk=invitation.pk)
    return render(request, "teams/decline.html", {"invitation": invitation, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = access.get_invitation_for(request.user, pk, "withdraw_invitation")
    if request.method == "POST":
        try:
            services.withdraw_invitation(request.user, invitation, request=request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Withdrawn. The other side has been told."))
        return redirect("teams:invitation", pk=invitation.pk)
    return render(request, "teams/withdraw_confirm.html", {"invitation": invitation})

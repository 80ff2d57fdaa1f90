"""Pages for changes by consent, cancelling outright and open slots.

HTTP only: access from ``visits.access``, every change from ``visits.services.changes`` and
``visits.services.slots``. A rule that stops a change comes back as the service's own words on
the page (with a 400), and nothing is saved.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopcare.errors import DomainError, NotAllowed
from coopcare.teams.selectors import acts_for_owner, owner_acted_for
from coopcare.visits import access, calendar, selectors
from coopcare.visits.forms_changes import AnswerForm, CancelForm, ChangeRequestForm
from coopcare.visits.models import ChangeRequest
from coopcare.visits.services import booking, changes, slots

PER_PAGE = 25


@login_required
@require_http_methods(["GET", "POST"])
def change_request(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = access.get_appointment_for(request.user, pk, "visits.request_change")
    form = ChangeRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change = changes.request_change(
                request.user,
                appointment,
                kind=data["kind"],
                new_starts_at=data["new_starts_at"],
                new_ends_at=data["new_ends_at"],
                reason=data["reason"],
                request=request,
            )
        except NotAllowed as error:
            raise PermissionDenied(error.message) from error
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Asked. Everyone in the appointment has been told."))
            return redirect("visits:change", pk=change.pk)
    context = {
        "appointment": appointment,
        "team": appointment.team,
        "when": booking.describe_time(appointment.starts_at, appointment.ends_at),
        "form": form,
        "open_change": appointment.change_requests.filter(status=ChangeRequest.Status.OPEN).first(),
        "acting_for": owner_acted_for(request.user, appointment.team),
    }
    return render(
        request, "visits/change_request.html", context, status=400 if form.errors else 200
    )


def _may_answer(viewer, change: ChangeRequest) -> bool:
    """Asked, or acting for the owner (who is always asked)."""
    return change.asked.filter(pk=viewer.pk).exists() or acts_for_owner(
        viewer, change.appointment.team
    )


def _answer_forms(viewer, change: ChangeRequest, bound: AnswerForm | None) -> list[dict]:
    """One form for each asked person whose answer the viewer may still give."""
    rows = []
    for person in changes.answerable_for(viewer, change):
        for_owner = person.pk != viewer.pk
        auto_id = f"id_{'owner' if for_owner else 'mine'}_%s"
        if bound is not None and bound.cleaned_data.get("for_owner", False) == for_owner:
            form = bound
        else:
            form = AnswerForm(initial={"for_owner": for_owner}, auto_id=auto_id)
        rows.append({"person": person, "for_owner": for_owner, "form": form})
    return rows


def render_change(
    request: HttpRequest,
    change: ChangeRequest,
    *,
    bound: AnswerForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    viewer = request.user
    appointment = change.appointment
    asked = list(change.asked.select_related("profile").order_by("id"))
    answers = {a.person_id: a for a in change.answers.select_related("answered_by")}
    people = {p.pk for p in asked} | {change.proposed_by_id}
    people |= {a.answered_by_id for a in answers.values()}
    context: dict[str, Any] = {
        "change": change,
        "appointment": appointment,
        "team": appointment.team,
        "when": booking.describe_time(appointment.starts_at, appointment.ends_at),
        "what": changes.describe_change(change),
        "rows": [{"person": p, "answer": answers.get(p.pk)} for p in asked],
        "answer_forms": _answer_forms(viewer, change, bound),
        "can_withdraw": change.status == ChangeRequest.Status.OPEN
        and change.proposed_by_id == viewer.pk,
        # The owner's name is on every appointment their team sees.
        "visible_names": calendar.visible_names(viewer, people) | {appointment.team.owner_id},
        "error": error,
    }
    return render(request, "visits/change_detail.html", context, status=status)


@login_required
def change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_change(request, access.get_change_request_for(request.user, pk))


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    change = access.get_change_request_for(request.user, pk)
    if not _may_answer(request.user, change):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            change = changes.answer_change(
                request.user,
                change,
                data["answer"],
                data["reason"],
                on_behalf_of_owner=data["for_owner"],
                request=request,
            )
        except NotAllowed as error:
            raise PermissionDenied(error.message) from error
        except DomainError as error:
            if error.field in form.fields:
                form.add_service_error(error)
                return render_change(request, change, bound=form, status=400)
            return render_change(request, change, error=error.message, status=400)
        messages.success(request, _answered_message(change))
        return redirect("visits:change", pk=change.pk)
    return render_change(request, change, bound=form, status=400)


def _answered_message(change: ChangeRequest) -> str:
    if change.status == ChangeRequest.Status.AGREED:
        if change.kind == ChangeRequest.Kind.CANCEL:
            return _("Everyone agreed: the appointment is cancelled and everyone is told.")
        return _("Everyone agreed: the appointment has moved and everyone is told.")
    if change.status == ChangeRequest.Status.DECLINED:
        return _("Thank you. The appointment stays as it was; everyone is told.")
    return _("Thank you. It changes once everyone asked says yes.")


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    change = access.get_change_request_for(request.user, pk)
    try:
        changes.withdraw_change(request.user, change, request=request)
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        return render_change(request, change, error=error.message, status=400)
    messages.success(request, _("Withdrawn. The appointment stays as it was."))
    return redirect("visits:change", pk=change.pk)


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirm step: a cancellation cannot be undone."""
    appointment = access.get_appointment_for(request.user, pk, "visits.cancel_outright")
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            changes.cancel_outright(
                request.user, appointment, form.cleaned_data["reason"], request=request
            )
        except NotAllowed as error:
            raise PermissionDenied(error.message) from error
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Cancelled. Everyone in the appointment has been told."))
            return redirect("visits:appointment", pk=appointment.pk)
    context = {
        "appointment": appointment,
        "team": appointment.team,
        "when": booking.describe_time(appointment.starts_at, appointment.ends_at),
        "form": form,
        "late": booking.is_late_cancellation(appointment),
        "notice_hours": selectors.policy_for(appointment.team).cancellation_notice_hours,
        "acting_for": owner_acted_for(request.user, appointment.team),
    }
    return render(request, "visits/change_cancel.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def offer_slot(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = access.get_appointment_for(request.user, pk, "visits.arrange")
    try:
        slots.offer_slot(request.user, appointment, request=request)
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Offered to the team. Everyone who could take it is told."))
    return redirect("visits:appointment", pk=appointment.pk)


@login_required
@require_POST
def take_slot(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = access.get_appointment_for(request.user, pk, "visits.take_open_slot")
    try:
        slots.take_slot(request.user, appointment, request=request)
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("It is yours. The time is held in your calendar."))
    return redirect("visits:appointment", pk=appointment.pk)


@login_required
def open_slots(request: HttpRequest, team_id: int) -> HttpResponse:
    """The team's open slots: those I may take, or (for those who arrange) all of them."""
    team = access.get_calendar_team(request.user, team_id)
    can_take = request.user.has_perm("visits.take_open_slot", team)
    rows = (
        slots.slots_person_may_take(team, request.user) if can_take else slots.open_slots_for(team)
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "team": team,
        "page": page,
        "items": [
            {"appointment": a, "when": booking.describe_time(a.starts_at, a.ends_at)}
            for a in page.object_list
        ],
        "can_take": can_take,
        "can_arrange": request.user.has_perm("visits.arrange", team),
    }
    return render(request, "visits/slot_list.html", context)

"""The appointment page, joining and declining, and booking a one-off appointment.

HTTP only: access from ``visits.access``, every change from ``visits.services.booking``. A rule
that stops a change (a clash, a volunteer asked for personal care, a visit already over) comes
back as the service's own words on the page, with a 400 and nothing saved.
"""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopcare.errors import DomainError, NotAllowed
from coopcare.starting.gates import promise_signed
from coopcare.starting.models import kind_labels
from coopcare.teams.selectors import owner_acted_for
from coopcare.visits import access, calendar
from coopcare.visits.forms_booking import BookingForm, DeclineForm
from coopcare.visits.models import Appointment, Attendee
from coopcare.visits.services import booking


def render_appointment(
    request: HttpRequest,
    appointment: Appointment,
    *,
    decline_form: DeclineForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    viewer = request.user
    team = appointment.team
    prefetch_related_objects([appointment], "attendees__person__profile")
    row = calendar.entry(appointment, viewer)
    mine = row.mine
    may_answer = (
        mine is not None
        and mine.role == Attendee.Role.GIVER
        and not appointment.is_cancelled
        and appointment.ends_at > timezone.now()
    )
    context: dict[str, Any] = {
        "my_learning_gaps": _learning_gaps(appointment, viewer, row),
        "appointment": appointment,
        "team": team,
        "viewer": viewer,
        "row": row,
        "when": booking.describe_time(appointment.starts_at, appointment.ends_at),
        "kinds": kind_labels(appointment.support_kinds),
        "visible_names": calendar.visible_names(viewer, calendar.people_of([row])),
        "can_join": may_answer and mine.response != Attendee.Response.JOINED,
        "can_decline": may_answer and mine.response != Attendee.Response.DECLINED,
        "decline_form": decline_form or DeclineForm(),
        "error": error,
        "sees_calendar": viewer.has_perm("visits.view_calendar", team),
    }
    return render(request, "visits/appointment.html", context, status=status)


def _learning_gaps(appointment: Appointment, viewer, row) -> list[str]:
    """What stops givers giving this support (``booking.learning_gaps``), in words.

    Those who arrange the rota see it for each giver asked or joined (``learning_gaps`` on the
    attendee); a giver sees their own, which is returned, instead of a Join or Take button.
    Nothing for an appointment that is over or cancelled.
    """
    from coopcare.learning.requirements import gap_parts

    if appointment.is_cancelled or appointment.ends_at <= timezone.now():
        return []
    arranges = viewer.has_perm("visits.arrange", appointment)
    mine = None
    for giver in row.givers:
        giver.learning_gaps = []
        if giver.response == Attendee.Response.DECLINED:
            continue
        if arranges or giver.person_id == viewer.pk:
            giver.learning_gaps = gap_parts(booking.learning_gaps(giver.person, appointment))
            if giver.person_id == viewer.pk:
                mine = giver.learning_gaps
    if (
        mine is None
        and appointment.open_slot
        and viewer.has_perm("visits.take_open_slot", appointment)
    ):
        mine = gap_parts(booking.learning_gaps(viewer, appointment))
    return mine or []


@login_required
def appointment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_appointment(request, access.get_appointment_for(request.user, pk))


@login_required
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = access.get_appointment_for(request.user, pk, "visits.respond")
    try:
        booking.join_appointment(request.user, appointment, request=request)
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        return render_appointment(request, appointment, error=error.message, status=400)
    messages.success(request, _("You have joined. The time is yours in your calendar."))
    return redirect("visits:appointment", pk=appointment.pk)


@login_required
@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = access.get_appointment_for(request.user, pk, "visits.respond")
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return render_appointment(request, appointment, decline_form=form, status=400)
    try:
        booking.decline_appointment(
            request.user, appointment, form.cleaned_data["reason"], request=request
        )
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        if error.field in form.fields:
            form.add_error(error.field, error.message)
            return render_appointment(request, appointment, decline_form=form, status=400)
        return render_appointment(
            request, appointment, decline_form=form, error=error.message, status=400
        )
    messages.success(request, _("You have declined. The people arranging the rota are told."))
    return redirect("visits:appointment", pk=appointment.pk)


@login_required
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_calendar_team(request.user, team_id, "visits.arrange")
    people = set(calendar.team_people(team).values_list("pk", flat=True))
    visible = calendar.visible_names(request.user, people)
    posted = request.method == "POST"
    form = BookingForm(
        request.POST if posted else None,
        team=team,
        visible=visible,
        initial=BookingForm.initial_for(_day_asked(request.GET.get("date"))),
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            appointment = booking.create_appointment(
                request.user,
                team,
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                place_detail=data["place_detail"],
                support_kinds=data["support_kinds"],
                givers=list(data["givers"]),
                observers=list(data["observers"]),
                open_slot=data["open_slot"],
                request=request,
            )
        except NotAllowed as error:
            raise PermissionDenied(error.message) from error
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Booked. Everyone asked to give support has been told.")
                if not appointment.open_slot
                else _("Booked as an open slot, offered to the team."),
            )
            return redirect("visits:appointment", pk=appointment.pk)
    context = {
        "team": team,
        "form": form,
        "acting_for": owner_acted_for(request.user, team),
        "promise_signed": promise_signed(team),
        "has_people": bool(people),
    }
    return render(request, "visits/book.html", context, status=400 if form.errors else 200)


def _day_asked(value: str | None) -> datetime.date | None:
    """``?date=YYYY-MM-DD`` from a calendar day's "book on this day" link, if it is a date."""
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None

"""Pages for repeating visits: make one, see it, join all of it, stop it, and change or cancel one
visit of it. HTTP only: access through ``visits.access``, every
change through ``services.recurrence``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from coopcare.errors import DomainError, NotAllowed
from coopcare.starting.models import kind_labels
from coopcare.teams.selectors import owner_acted_for
from coopcare.visits import access
from coopcare.visits.calendar import visible_names
from coopcare.visits.forms_series import CancelForm, OccurrenceForm, SeriesForm, StopForm
from coopcare.visits.models import Appointment, Attendee, Series
from coopcare.visits.services import booking, recurrence
from coopcare.visits.services.recurrence_rules import describe

PER_PAGE = 20


def form_error(form, error: DomainError) -> None:
    """Put a service's refusal on the form: beside its field, or at the top."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
@require_http_methods(["GET", "POST"])
def series_add(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_calendar_team(request.user, team_id, "visits.arrange")
    form = SeriesForm(team, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            series = recurrence.create_series(
                request.user,
                team,
                title=data["title"],
                rule=data["rule"],
                first_start=data["first_start"],
                duration_minutes=data["duration_minutes"],
                place=data["place"],
                place_detail=data["place_detail"],
                support_kinds=data["support_kinds"],
                givers=list(data["givers"]),
                observers=list(data["observers"]),
                request=request,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request,
                _("The repeating visit is in the calendar. Each giver is asked to join it."),
            )
            return redirect("visits:series", pk=series.pk)
    return render(
        request,
        "visits/series_add.html",
        {"team": team, "form": form, "acting_for": owner_acted_for(request.user, team)},
    )


def _upcoming(series: Series, person, page_number) -> tuple:
    """A page of the visits still to come, and this person's answer to each."""
    visits = (
        series.appointments.filter(ends_at__gt=timezone.now())
        .select_related("team")
        .prefetch_related("attendees__person__profile")
        .order_by("starts_at", "pk")
    )
    page = Paginator(visits, PER_PAGE).get_page(page_number)
    rows = []
    for appointment in page.object_list:
        givers = [a for a in appointment.attendees.all() if a.role == Attendee.Role.GIVER]
        mine = next((a for a in givers if a.person_id == person.pk), None)
        rows.append({"appointment": appointment, "givers": givers, "mine": mine})
    return page, rows


@login_required
def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    series = access.get_series_for(request.user, pk)
    page, rows = _upcoming(series, request.user, request.GET.get("page"))
    is_giver = series.givers.filter(pk=request.user.pk).exists()
    waiting = is_giver and (
        Attendee.objects.filter(
            appointment__series=series,
            appointment__starts_at__gt=timezone.now(),
            person=request.user,
            role=Attendee.Role.GIVER,
            response=Attendee.Response.INVITED,
        )
        .exclude(appointment__status=Appointment.Status.CANCELLED)
        .exists()
    )
    givers = list(series.givers.select_related("profile"))
    observers = list(series.observers.select_related("profile"))
    people = {p.pk for p in givers + observers} | {
        a.person_id for row in rows for a in row["givers"]
    }
    return render(
        request,
        "visits/series_detail.html",
        {
            "series": series,
            "pattern": describe(series),
            "kinds": kind_labels(series.support_kinds),
            "givers": givers,
            "observers": observers,
            "visible_names": visible_names(request.user, people),
            "page": page,
            "rows": rows,
            "can_join": waiting,
            "can_arrange": request.user.has_perm("visits.arrange", series.team),
            "stopped": series.ends_at is not None,
        },
    )


@login_required
@require_POST
def series_join(request: HttpRequest, pk: int) -> HttpResponse:
    series = access.get_series_for(request.user, pk)
    try:
        result = recurrence.join_series(request.user, series, request=request)
    except NotAllowed:
        raise PermissionDenied from None
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("visits:series", pk=series.pk)
    if result.joined:
        count = len(result.joined)
        messages.success(
            request,
            ngettext("You joined %(n)s visit.", "You joined %(n)s visits.", count) % {"n": count},
        )
    for appointment, reason in result.clashes:
        when = booking.describe_time(appointment.starts_at, appointment.ends_at)
        messages.error(
            request, _("Not joined: %(when)s. %(reason)s") % {"when": when, "reason": reason}
        )
    return redirect("visits:series", pk=series.pk)


@login_required
@require_http_methods(["GET", "POST"])
def series_stop(request: HttpRequest, pk: int) -> HttpResponse:
    series = access.get_series_for(request.user, pk, "visits.arrange")
    form = StopForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            result = recurrence.stop_series(
                request.user,
                series,
                form.cleaned_data["from_date"],
                form.cleaned_data["reason"],
                request=request,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            count = len(result.cancelled)
            messages.success(
                request,
                ngettext(
                    "It stops repeating. %(n)s visit was cancelled.",
                    "It stops repeating. %(n)s visits were cancelled.",
                    count,
                )
                % {"n": count},
            )
            for appointment in result.kept:
                when = booking.describe_time(appointment.starts_at, appointment.ends_at)
                messages.error(
                    request,
                    _("Still booked: %(when)s. It is confirmed, so ask for a change to cancel it.")
                    % {"when": when},
                )
            return redirect("visits:series", pk=series.pk)
    return render(
        request,
        "visits/series_stop.html",
        {"series": series, "pattern": describe(series), "form": form},
    )


def _occurrence(request: HttpRequest, pk: int, appointment_id: int) -> Appointment:
    series = access.get_series_for(request.user, pk)
    appointment = access.get_appointment_for(request.user, appointment_id)
    if appointment.series_id != series.pk:
        raise Http404
    access.require(request.user, "visits.arrange", series.team)
    return appointment


@login_required
@require_http_methods(["GET", "POST"])
def series_occurrence(request: HttpRequest, pk: int, appointment_id: int) -> HttpResponse:
    appointment = _occurrence(request, pk, appointment_id)
    form = OccurrenceForm.for_visit(appointment, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recurrence.edit_occurrence(
                request.user,
                appointment,
                title=data["title"],
                place=data["place"],
                place_detail=data["place_detail"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                request=request,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("This visit is changed; the others stay as they were."))
            return redirect("visits:series", pk=pk)
    return render(
        request,
        "visits/series_occurrence.html",
        {
            "series": appointment.series,
            "appointment": appointment,
            "when": booking.describe_time(appointment.starts_at, appointment.ends_at),
            "form": form,
            "cancel_form": CancelForm(),
            "confirmed": appointment.status == Appointment.Status.CONFIRMED,
        },
    )


@login_required
@require_POST
def series_occurrence_cancel(request: HttpRequest, pk: int, appointment_id: int) -> HttpResponse:
    appointment = _occurrence(request, pk, appointment_id)
    reason = request.POST.get("reason", "")
    try:
        recurrence.cancel_occurrence(request.user, appointment, reason, request=request)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("visits:series_occurrence", pk=pk, appointment_id=appointment.pk)
    messages.success(request, _("This visit is cancelled; the others go ahead."))
    return redirect("visits:series", pk=pk)

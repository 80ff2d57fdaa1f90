"""MAR pages: the medicines list, adding, changing and stopping a medicine, the day's chart,
and recording a dose.

HTTP only: ``access`` decides who reaches what, ``services`` makes every change, ``page`` puts
together what the chart shows.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopcare.audit.services import record_read
from coopcare.errors import DomainError, NotAllowed
from coopcare.medicines import access, page, selectors, services
from coopcare.medicines.forms import DoseForm, MedicineForm, StopForm
from coopcare.visits.access import get_appointment_for


def _fail(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _read(request: HttpRequest, team, what: str) -> None:
    """The MAR is health information: every look at it goes in the owner's access log."""
    record_read(
        "medicines.mar_viewed",
        actor=request.user,
        subject=team.owner,
        request=request,
        detail={"team": team.pk, "what": what},
    )


@login_required
def medicine_list(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_mar_team(request.user, team_id)
    _read(request, team, "list")
    context = {
        "team": team,
        "current": list(selectors.current_medicines(team)),
        "stopped": Paginator(selectors.stopped_medicines(team), page.PER_PAGE).get_page(
            request.GET.get("page")
        ),
        "can_manage": request.user.has_perm("medicines.manage_mar", team),
        "today": timezone.localdate(),
    }
    return render(request, "medicines/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_mar_team(request.user, team_id, "medicines.manage_mar")
    form = MedicineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            medicine = services.create_medicine(
                request.user, team, **form.cleaned_data, request=request
            )
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(request, _("%(name)s is on the list.") % {"name": medicine.name})
            return redirect("medicines:list", team_id=team.pk)
    return render(request, "medicines/form.html", {"team": team, "form": form, "medicine": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, team_id: int, pk: int) -> HttpResponse:
    medicine = access.get_medicine_for(request.user, team_id, pk, "medicines.manage_mar")
    if selectors.is_stopped(medicine):
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = MedicineForm(data, medicine=medicine)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_medicine(request.user, medicine, **form.cleaned_data, request=request)
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(request, _("The medicine is changed."))
            return redirect("medicines:list", team_id=team_id)
    context = {"team": medicine.team, "form": form, "medicine": medicine}
    return render(request, "medicines/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def stop(request: HttpRequest, team_id: int, pk: int) -> HttpResponse:
    medicine = access.get_medicine_for(request.user, team_id, pk, "medicines.manage_mar")
    if selectors.is_stopped(medicine):
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = StopForm(data, initial={"stops_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.stop_medicine(
                request.user, medicine, form.cleaned_data["stops_on"], request=request
            )
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(request, _("%(name)s is stopped.") % {"name": medicine.name})
            return redirect("medicines:list", team_id=team_id)
    context = {"team": medicine.team, "form": form, "medicine": medicine}
    return render(request, "medicines/stop.html", context)


def _day(value: str | None) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return timezone.localdate()


@login_required
def chart(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_mar_team(request.user, team_id)
    day = _day(request.GET.get("day"))
    _read(request, team, f"chart {day.isoformat()}")
    context = page.chart(request.user, team, day, next_url=request.get_full_path())
    return render(request, "medicines/chart.html", context)


def _safe_next(request: HttpRequest, value: str) -> str | None:
    allowed = url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return value if value and allowed else None


@login_required
@require_POST
def record_dose(request: HttpRequest, team_id: int, pk: int) -> HttpResponse:
    medicine = access.get_medicine_for(request.user, team_id, pk)
    access.require_recorder(request.user, medicine.team)
    form = DoseForm(request.POST)
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        try:
            appointment = None
            if data["appointment"]:
                try:
                    appointment = get_appointment_for(request.user, data["appointment"])
                except Http404:
                    raise DomainError(
                        _("That appointment is not one of this team's."), field="appointment"
                    ) from None
            services.record_dose(
                request.user,
                medicine,
                data["due_at"],
                data["outcome"],
                data["reason"],
                appointment,
                request=request,
            )
        except NotAllowed as error:
            _fail(form, error)
            status = 403
        except DomainError as error:
            _fail(form, error)
        else:
            due = timezone.localtime(data["due_at"])
            messages.success(
                request,
                _("Recorded: %(name)s due at %(time)s, %(day)s.")
                % {
                    "name": medicine.name,
                    "time": f"{due:%H:%M}",
                    "day": date_format(due, "l j F"),
                },
            )
            target = _safe_next(request, data["next"])
            return redirect(target or services.chart_url(medicine.team, due.date()))
    context = page.record_page(request.user, medicine, form)
    return render(request, "medicines/record_dose.html", context, status=status)

"""Care log pages: one log, confirming, adjusting, disagreeing, the Coach settling, correcting,
a team's logs and the logs waiting for me.

HTTP only: access from ``visits.access``, every change from ``visits.services.care_logs``. Every
page that shows a log is a read of a care record, so it is written to the access log.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopcare.audit.services import record_read
from coopcare.errors import DomainError, NotAllowed
from coopcare.visits import access
from coopcare.visits import care_log_selectors as selectors
from coopcare.visits.forms_logs import CorrectionForm, DisputeForm, ResolveForm, VisitNoteForm
from coopcare.visits.models import CareLog
from coopcare.visits.services import care_logs as services
from coopcare.visits.services.booking import describe_time

PER_PAGE = 25
CONFIRM = "visits.confirm_care_log"


def _form_error(form, error: DomainError) -> None:
    """Put a service's refusal on the form: beside its field, or at the top."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _read(request: HttpRequest, log: CareLog) -> None:
    record_read(
        "visits.care_log_viewed",
        actor=request.user,
        target=log,
        subject=log.team.owner,
        request=request,
    )


def _participant_log(request: HttpRequest, pk: int) -> CareLog:
    """The log, for someone in the visit: 404 outside its audience, 403 inside it otherwise."""
    log = access.get_care_log_for(request.user, pk, CONFIRM)
    if not selectors.sides_of(request.user, log):
        raise PermissionDenied
    return log


def _back(log: CareLog) -> HttpResponse:
    return redirect("visits:log", pk=log.pk)


@login_required
def log_detail(request: HttpRequest, pk: int) -> HttpResponse:
    log = access.get_care_log_for(request.user, pk)
    _read(request, log)
    return render(request, "visits/log.html", selectors.log_page(request.user, log))


@login_required
@require_POST
def log_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    log = _participant_log(request, pk)
    try:
        version = int(request.POST.get("version") or 0) or None
    except ValueError:
        version = None
    try:
        log = services.confirm_care_log(request.user, log, version=version, request=request)
    except NotAllowed as error:
        raise PermissionDenied from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if log.status == CareLog.Status.CONFIRMED:
            messages.success(
                request, _("Confirmed. Everyone in the visit agrees: the log is done.")
            )
        else:
            messages.success(request, _("Thank you: your confirmation is recorded."))
    return _back(log)


def _note_page(request: HttpRequest, log: CareLog, form, **context) -> HttpResponse:
    return render(
        request,
        "visits/log_form.html",
        {"log": log, "form": form, **selectors.log_page(request.user, log), **context},
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_adjust(request: HttpRequest, pk: int) -> HttpResponse:
    log = _participant_log(request, pk)
    if log.status != CareLog.Status.PENDING:
        messages.error(request, _("Only a care log waiting for confirmation can be adjusted."))
        return _back(log)
    _read(request, log)
    form = VisitNoteForm(
        request.POST if request.method == "POST" else None,
        initial=VisitNoteForm.initial_from(log),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.adjust_care_log(request.user, log, request=request, **form.note())
        except NotAllowed as error:
            raise PermissionDenied from error
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, _("Saved as a new version. The others in the visit are asked to confirm.")
            )
            return _back(log)
    return _note_page(
        request,
        log,
        form,
        heading=_("Adjust the care log"),
        intro=_(
            "Change what is not right. Saving makes a new version: you confirm it by saving, and "
            "everyone else in the visit is asked to confirm it again."
        ),
        submit=_("Save and confirm"),
        action="visits:log_adjust",
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_correct(request: HttpRequest, pk: int) -> HttpResponse:
    log = _participant_log(request, pk)
    if log.status != CareLog.Status.CONFIRMED:
        messages.error(request, _("Only a confirmed care log is corrected."))
        return _back(log)
    _read(request, log)
    form = CorrectionForm(
        request.POST if request.method == "POST" else None,
        initial=CorrectionForm.initial_from(log),
    )
    if request.method == "POST" and form.is_valid():
        try:
            correction = services.correct_care_log(
                request.user,
                log,
                reason=form.cleaned_data["reason"],
                request=request,
                **form.note(),
            )
        except NotAllowed as error:
            raise PermissionDenied from error
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("Correction saved. The others in the visit are asked to confirm it."),
            )
            return _back(correction)
    return _note_page(
        request,
        log,
        form,
        heading=_("Correct the care log"),
        intro=_(
            "A confirmed log never changes. Your correction is a new entry linked to it; once "
            "everyone in the visit has confirmed it, it replaces this one."
        ),
        submit=_("Save the correction"),
        action="visits:log_correct",
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    log = _participant_log(request, pk)
    if log.status != CareLog.Status.PENDING:
        messages.error(request, _("Only a care log waiting for confirmation can be disputed."))
        return _back(log)
    _read(request, log)
    form = DisputeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.dispute_care_log(
                request.user, log, form.cleaned_data["reason"], request=request
            )
        except NotAllowed as error:
            raise PermissionDenied from error
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The Coach of the local circle is told and will help."))
            return _back(log)
    return render(
        request, "visits/log_dispute.html", {**selectors.log_page(request.user, log), "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    log = access.get_care_log_for(request.user, pk)
    if not selectors.settles_disputes(request.user, log.team):
        raise PermissionDenied
    if log.status != CareLog.Status.DISPUTED:
        messages.error(request, _("This care log is not disputed."))
        return _back(log)
    _read(request, log)
    form = ResolveForm(
        request.POST if request.method == "POST" else None,
        initial={"started_at": log.started_at, "ended_at": log.ended_at},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.resolve_dispute(
                request.user,
                log,
                data["outcome_note"],
                started_at=data["started_at"],
                ended_at=data["ended_at"],
                request=request,
            )
        except NotAllowed as error:
            raise PermissionDenied from error
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Settled. Everyone in the visit is asked to confirm."))
            return _back(log)
    return render(
        request, "visits/log_resolve.html", {**selectors.log_page(request.user, log), "form": form}
    )


def _with_times(page) -> None:
    for log in page.object_list:
        log.when = describe_time(log.started_at, log.ended_at)
        log.length = selectors.describe_length(log.minutes)


@login_required
def team_logs(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_calendar_team(request.user, team_id, "visits.view_care_logs")
    status = request.GET.get("status", "")
    if status not in CareLog.Status.values:
        status = ""
    page = Paginator(selectors.team_logs(team, status), PER_PAGE).get_page(request.GET.get("page"))
    _with_times(page)
    record_read(
        "visits.care_logs_listed",
        actor=request.user,
        target=team,
        subject=team.owner,
        request=request,
        detail={"status": status, "logs": [log.pk for log in page.object_list]},
    )
    return render(
        request,
        "visits/log_list.html",
        {
            "team": team,
            "page": page,
            "status": status,
            "statuses": CareLog.Status.choices,
            "query": urlencode({"status": status}) if status else "",
        },
    )


@login_required
def my_logs(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.waiting_for(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    _with_times(page)
    return render(request, "visits/log_waiting.html", {"page": page})

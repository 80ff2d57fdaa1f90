"""Trial pages: the trial, its observer, "sessions done", and "how did it go?".

HTTP only: access from ``teams.access``, every change from ``teams.services.trials``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopcare.errors import DomainError
from coopcare.teams import access
from coopcare.teams.forms import ObserverForm, TrialVerdictForm
from coopcare.teams.models import Trial
from coopcare.teams.page import names_visible_to
from coopcare.teams.services import trials as services
from coopcare.teams.views import form_error


def _render_trial(request: HttpRequest, trial: Trial, observer_form=None) -> HttpResponse:
    user = request.user
    side = services.side_of(user, trial)
    can_arrange = trial.is_open and user.has_perm("teams.arrange_support", trial.team)
    if can_arrange and observer_form is None:
        observer_form = ObserverForm(trial, initial={"observer": trial.observer_id})
    people = {trial.member.person_id, trial.observer_id, trial.sessions_done_by_id}
    return render(
        request,
        "teams/trial.html",
        {
            "trial": trial,
            "side": side,
            "my_verdict": getattr(trial, f"{side}_verdict") if side else "",
            "my_note": getattr(trial, f"{side}_note") if side else "",
            "can_mark_done": trial.status == Trial.Status.ARRANGED
            and user.has_perm("teams.mark_trial_sessions_done", trial),
            "observer_form": observer_form if can_arrange else None,
            "visible_names": names_visible_to(user, people - {None}) | {user.pk},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def trial_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "GET":
        return _render_trial(request, access.get_trial_for(request.user, pk))
    trial = access.get_trial_for(request.user, pk)
    access.require(request.user, "teams.arrange_support", trial.team)
    form = ObserverForm(trial, request.POST)
    if form.is_valid():
        try:
            services.set_trial_observer(
                request.user, trial, form.cleaned_data["observer"], request=request
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The observer is saved."))
            return redirect("teams:trial", pk=trial.pk)
    return _render_trial(request, trial, form)


@login_required
@require_POST
def sessions_done(request: HttpRequest, pk: int) -> HttpResponse:
    trial = access.get_trial_for(request.user, pk, "mark_trial_sessions_done")
    try:
        services.mark_trial_sessions_done(request.user, trial, request=request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Both sides are now asked how it went."))
    return redirect("teams:trial", pk=trial.pk)


@login_required
@require_http_methods(["GET", "POST"])
def verdict(request: HttpRequest, pk: int) -> HttpResponse:
    trial = access.get_trial_for(request.user, pk)
    side = services.side_of(request.user, trial)
    if side is None:
        access.require(request.user, "teams.give_trial_verdict_as_candidate", trial)
    if not trial.is_open or getattr(trial, f"{side}_verdict"):
        return redirect("teams:trial", pk=trial.pk)
    form = TrialVerdictForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_trial_verdict(
                request.user,
                trial,
                form.cleaned_data["verdict"],
                form.cleaned_data["note"],
                request=request,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Thank you. Your answer is recorded."))
            trial.refresh_from_db(fields=["status"])
            if trial.status == Trial.Status.ENDED and side == "candidate":
                return redirect("teams:list")
            return redirect("teams:trial", pk=trial.pk)
    return render(request, "teams/trial_verdict.html", {"trial": trial, "form": form, "side": side})

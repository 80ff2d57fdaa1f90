"""Who acts for the owner: the list, recording someone, and ending a representation early.

HTTP only: access from ``teams.access``, every change from ``teams.services.representatives``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coopcare.errors import DomainError
from coopcare.teams import access, page
from coopcare.teams.forms import RepresentativeForm
from coopcare.teams.models import Representative
from coopcare.teams.services import representatives as services
from coopcare.teams.views import form_error


@login_required
@require_http_methods(["GET", "POST"])
def representatives(request: HttpRequest, team_id: int) -> HttpResponse:
    """Everyone who has acted for the owner, current first; those who may, record more here."""
    team = access.get_team_for(request.user, team_id)
    can_manage = request.user.has_perm("teams.manage_representatives", team)
    form = (
        RepresentativeForm(request.POST if request.method == "POST" else None)
        if can_manage
        else None
    )
    if request.method == "POST":
        access.require(request.user, "teams.manage_representatives", team)
        if form.is_valid():
            data = form.cleaned_data
            try:
                rep = services.record_representative(
                    request.user,
                    team,
                    data["email"],
                    data["role"],
                    data["scope"],
                    data["ends_on"],
                    request=request,
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(person)s now acts for %(owner)s.")
                    % {"person": rep.person, "owner": team.owner},
                )
                return redirect("teams:representatives", team_id=team.pk)
    everyone = (
        Representative.objects.filter(team=team)
        .select_related("person__profile", "recorded_by__profile")
        .order_by(F("ended_at").asc(nulls_first=True), "-ends_on", "-pk")
    )
    reps = page.page_of(everyone, request.GET.get("page"))
    people = set()
    for rep in reps.object_list:
        rep.scope_labels = [page.SCOPE_LABELS.get(value, value) for value in rep.scope or []]
        people |= {rep.person_id, rep.recorded_by_id}
    return render(
        request,
        "teams/representatives.html",
        {
            "team": team,
            "page": reps,
            "form": form,
            "can_manage": can_manage,
            "visible_names": page.names_visible_to(request.user, people) | {request.user.pk},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def end_representative(request: HttpRequest, pk: int) -> HttpResponse:
    rep = access.get_representative_for(request.user, pk, "manage_representatives")
    if request.method == "POST":
        try:
            services.end_representation(request.user, rep, request=request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(person)s no longer acts for %(owner)s.")
                % {"person": rep.person, "owner": rep.team.owner},
            )
        return redirect("teams:representatives", team_id=rep.team_id)
    return render(request, "teams/representative_end.html", {"rep": rep})

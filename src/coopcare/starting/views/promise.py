"""The Getting Support Promise of a team: read it, sign it, see who signed and when."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coopcare.errors import DomainError
from coopcare.starting import access, gates, promise
from coopcare.starting.forms_team import PromiseForm, RecordPromiseForm
from coopcare.starting.services import promise as services
from coopcare.teams.selectors import acts_for_owner, current_representatives
from coopcare.teams.selectors import on_behalf_of as representation_of

User = get_user_model()


def _form(request: HttpRequest, team, data=None):
    """Owner side signs as themselves; a Team Starter records a signature given elsewhere."""
    if not request.user.has_perm("starting.sign_promise", team):
        return None
    if acts_for_owner(request.user, team, "sign_promise"):
        return PromiseForm(data)
    reps = User.objects.filter(
        pk__in=current_representatives(team).values("person")
    ).select_related("profile")
    return RecordPromiseForm(reps, data)


@login_required
@require_http_methods(["GET", "POST"])
def promise_page(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_team_for(request.user, team_id, "starting.view_promise")
    form = _form(request, team, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form is None:
            access.require(request.user, "starting.sign_promise", team)
        if form.is_valid():
            data = form.cleaned_data
            signer = data.get("signer")
            try:
                services.sign_promise(
                    request.user,
                    team,
                    funding=data["funding"],
                    agreed=data["agreed"],
                    signed_on=data.get("signed_on"),
                    signed_as=data.get("signed_as", ""),
                    signer_id=signer.pk if signer else None,
                    signer_name=data.get("signer_name", ""),
                    request=request,
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The Promise is signed. Thank you."))
                return redirect("starting:promise", team_id=team.pk)
    representation = representation_of(request.user, team)
    context = {
        "team": team,
        "signature": services.latest_signature(team),
        "sections": promise.sections(),
        "version": promise.CURRENT,
        "form": form,
        "representation": representation,
        "visit_recorded": gates.visit_recorded(team),
    }
    return render(request, "starting/promise.html", context)

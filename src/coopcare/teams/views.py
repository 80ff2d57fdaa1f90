"""The team page and "my teams". HTTP only: access from ``teams.access``, reads from
``teams.page``; the other team pages live in the ``views_*`` modules beside this one."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopcare.errors import DomainError
from coopcare.teams import access, page


def form_error(form, error: DomainError) -> None:
    """Put a service's refusal on the form: beside its field, or at the top."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    person = request.user
    return render(
        request,
        "teams/list.html",
        {
            "mine": page.my_teams_page(person, request.GET.get("page")),
            "supported": page.page_of(page.supported_teams(person), request.GET.get("starter")),
            "waiting_count": page.waiting_for_me(person).count(),
        },
    )


@login_required
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_team_for(request.user, team_id)
    context = page.team_page(request.user, team, request.GET.get("page"))
    # Links to the team's other pages (profile, discussion, decisions, concerns), each as
    # (label, url); the team page lists them under "More about this team".
    context["team_sections"] = []
    return render(request, "teams/detail.html", context)

"""The team page and "my teams". HTTP only: access from ``teams.access``, reads from
``teams.page``; the other team pages live in the ``views_*`` modules beside this one."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopcare.errors import DomainError
from coopcare.teams import access, page
from coopcare.teams.selectors import acts_for_owner, supports_team
from coopcare.visits.continuity import continuity_of


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
    context["team_sections"] = _team_sections(request.user, team)
    if request.user.has_perm("visits.view_calendar", team):
        context["continuity"] = continuity_of(team)
    return render(request, "teams/detail.html", context)


def _team_sections(user, team) -> list[tuple[str, str]]:
    """Links to the team's other pages that this viewer may open."""
    sections = []
    if user.has_perm("visits.view_calendar", team):
        sections += [
            (_("Calendar"), reverse("visits:team_calendar", args=[team.pk])),
            (_("Open slots to take"), reverse("visits:open_slots", args=[team.pk])),
            (_("Care logs"), reverse("visits:team_logs", args=[team.pk])),
        ]
    if user.has_perm("notes.view_notes", team):
        sections.append((_("Care notes"), reverse("notes:list", args=[team.pk])))
    if user.has_perm("medicines.view_mar", team):
        sections.append((_("Medicines (MAR)"), reverse("medicines:list", args=[team.pk])))
    sections += [
        (_("Getting Support Profile"), reverse("supportprofiles:team_profile", args=[team.pk])),
        (_("Team discussion"), reverse("discussion:index", args=[team.pk])),
        (_("Team decisions and hats"), reverse("team_decisions:list", args=[team.pk])),
        (_("Learning the team needs"), reverse("learning:team_needs", args=[team.pk])),
    ]
    if acts_for_owner(user, team) or supports_team(user, team):
        sections += [
            (_("Getting Support Promise"), reverse("starting:promise", args=[team.pk])),
            (
                _("Supportive Conversation"),
                reverse("starting:document", args=[team.pk, "supportive-conversation"]),
            ),
            (
                _("Trust Assessment"),
                reverse("starting:document", args=[team.pk, "trust-assessment"]),
            ),
        ]
    sections.append((_("Raise a concern"), reverse("concerns:new") + f"?team={team.pk}"))
    return sections

"""The Team Starter's cases: the list, one case's eight steps, the person, the team, visits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopcare.errors import DomainError
from coopcare.starting import access, selectors, steps
from coopcare.starting.forms import PersonForm, RelationshipForm, StartTeamForm, VisitForm
from coopcare.starting.models import NEEDS_VISIT, Case, kind_labels
from coopcare.starting.services import cases as services
from coopcare.starting.views.common import form_error, page_of


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "starting.list_cases")
    show = "closed" if request.GET.get("show") == "closed" else "open"
    cases = selectors.visible_cases(request.user).filter(stepped_back_at__isnull=(show == "open"))
    context = {
        "page": page_of(request, cases.order_by("-created_at", "-pk")),
        "show": show,
        "can_add": request.user.has_perm("starting.enter_enquiry"),
    }
    return render(request, "starting/case_list.html", context)


def _render_case(request: HttpRequest, case: Case, person_form=None, team_form=None):
    can_manage = request.user.has_perm("starting.manage_case", case) and case.is_open
    if can_manage and case.person_id is None:
        person_form = person_form or PersonForm(initial={"email": case.enquiry.email})
    if can_manage and case.person_id and case.team_id is None:
        team_form = team_form or StartTeamForm()
    context = {
        "case": case,
        "enquiry": case.enquiry,
        "support_kinds": kind_labels(case.enquiry.support_kinds),
        "needs_visit": bool(set(case.enquiry.support_kinds) & NEEDS_VISIT),
        "steps": steps.steps(case),
        "visits": case.visits.select_related("recorded_by__profile"),
        "call_outs": selectors.call_outs_of(case),
        "can_manage": can_manage,
        "person_form": person_form if can_manage else None,
        "team_form": team_form if can_manage else None,
    }
    return render(request, "starting/case_detail.html", context)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for(request.user, pk)
    services.read_case(request.user, case, request=request)
    return _render_case(request, case)


@login_required
@require_POST
def case_person(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for(request.user, pk, "manage_case")
    form = PersonForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"]
        try:
            if form.cleaned_data["action"] == PersonForm.LINK:
                services.link_case_person(request.user, case, email, request=request)
                messages.success(request, _("Linked. The person has been told."))
            else:
                services.invite_case_person(request.user, case, email, request=request)
                messages.success(request, _("Invitation sent to %(email)s.") % {"email": email})
        except DomainError as error:
            form_error(form, error)
        else:
            return redirect("starting:case", pk=case.pk)
    return _render_case(request, case, person_form=form)


@login_required
@require_POST
def case_start_team(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for(request.user, pk, "manage_case")
    form = StartTeamForm(request.POST)
    if form.is_valid():
        try:
            team = services.start_case_team(
                request.user, case, form.cleaned_data["name"], request=request
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("%(team)s is started.") % {"team": team.name})
            return redirect("starting:case", pk=case.pk)
    return _render_case(request, case, team_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def case_relationship(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for(request.user, pk, "manage_case")
    initial = {name: getattr(case, name) for name in services.NOTE_FIELDS}
    initial["talked_on"] = case.relationship_talk_on
    form = RelationshipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        notes = {name: form.cleaned_data[name] for name in services.NOTE_FIELDS}
        try:
            services.record_relationship_notes(
                request.user, case, form.cleaned_data["talked_on"], notes, request=request
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The notes are saved."))
            return redirect("starting:case", pk=case.pk)
    if request.method == "GET":
        services.read_relationship_notes(request.user, case, request=request)
    return render(request, "starting/case_relationship.html", {"case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def visit_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for(request.user, pk, "manage_case")
    form = VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_visit(
                request.user,
                case,
                data["visited_on"],
                data["present"],
                data["notes"],
                request=request,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The visit is recorded."))
            return redirect("starting:case", pk=case.pk)
    return render(request, "starting/visit_form.html", {"case": case, "form": form})


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Where the invitation email leads: sign up or sign in, then accept."""
    try:
        case, email = services.read_invitation(token)
    except DomainError as error:
        return render(request, "starting/invitation.html", {"problem": error.message}, status=404)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.accept_case_invitation(request.user, token, request=request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you: your Team Starter has been told."))
            return redirect("home")
    context = {"case": case, "email": email, "path": request.get_full_path()}
    return render(request, "starting/invitation.html", context)

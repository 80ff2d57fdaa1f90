"""Stepping back: the readiness checklist, external contacts and their hand-over, and the
step back itself (confirmed on its own page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coopcare.errors import DomainError
from coopcare.starting import access, selectors, steps
from coopcare.starting.forms_team import ContactForm, HandOverForm, ReadinessForm
from coopcare.starting.services import stepping_back as services
from coopcare.starting.views.common import form_error


def _readiness_context(case) -> dict:
    ready = steps.readiness(case)
    return {
        "case": case,
        "readiness": ready,
        "hats": list(zip(selectors.hat_names(list(ready.hats)), ready.hats.values(), strict=True)),
        "contacts": case.contacts.select_related("holder__profile"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def readiness(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for(request.user, pk)
    can_manage = request.user.has_perm("starting.manage_case", case) and case.is_open
    initial = {
        "rota_running": case.rota_running,
        "rota_note": case.rota_note,
        "owner_informed": case.owner_informed,
    }
    form = ReadinessForm(request.POST or None, initial=initial) if can_manage else None
    if request.method == "POST":
        access.require(request.user, "starting.manage_case", case)
        if form is not None and form.is_valid():
            try:
                services.update_readiness(request.user, case, **form.cleaned_data, request=request)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, _("The checklist is saved."))
                return redirect("starting:readiness", pk=case.pk)
    context = _readiness_context(case)
    context.update(form=form, can_manage=can_manage)
    return render(request, "starting/readiness.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for(request.user, pk, "manage_case")
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_external_contact(request.user, case, form.cleaned_data, request=request)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The contact is added."))
            return redirect("starting:readiness", pk=case.pk)
    return render(request, "starting/contact_form.html", {"case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def contact_hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    contact = access.get_contact_for(request.user, pk)
    case = contact.case
    if case.team_id is None:
        messages.error(request, _("Start the team first: contacts are handed to team members."))
        return redirect("starting:readiness", pk=case.pk)
    people = selectors.team_member_choices(case.team, exclude_id=case.team_starter_id)
    form = HandOverForm(people, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hand_over_contact(
                request.user, contact, form.cleaned_data["holder"], request=request
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Handed over. They have been told."))
            return redirect("starting:readiness", pk=case.pk)
    context = {"case": case, "contact": contact, "form": form}
    return render(request, "starting/contact_hand_over.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def step_back(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for(request.user, pk, "manage_case")
    if request.method == "POST":
        try:
            team = services.step_back(request.user, case, request=request)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("starting:readiness", pk=case.pk)
        messages.success(
            request, _("You stepped back. %(team)s is self-managing.") % {"team": team.name}
        )
        return redirect("starting:case", pk=case.pk)
    context = _readiness_context(case)
    return render(request, "starting/step_back_confirm.html", context)

"""Giving Support Profile pages: mine, editing it, my qualifications, and someone else's.

HTTP only: access from ``supportprofiles.access``, reads from ``services.reading`` (which logs a
read by anyone but the person), every change from ``services.giving``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coopcare.errors import DomainError
from coopcare.supportprofiles import access as gate
from coopcare.supportprofiles.forms import GivingProfileForm, QualificationForm
from coopcare.supportprofiles.selectors import giving_profile_by_person
from coopcare.supportprofiles.services import giving, reading


@login_required
@require_GET
def my_giving(request: HttpRequest) -> HttpResponse:
    profile = giving_profile_by_person(request.user.pk)
    view = reading.giving_view(request.user, profile) if profile else None
    return render(request, "supportprofiles/giving_mine.html", {"view": view})


@login_required
@require_http_methods(["GET", "POST"])
def giving_edit(request: HttpRequest) -> HttpResponse:
    me = request.user
    profile = giving_profile_by_person(me.pk)
    form = GivingProfileForm(
        request.POST or None, person=me, initial=GivingProfileForm.initial_from(profile)
    )
    if request.method == "POST" and form.is_valid():
        try:
            giving.update_giving_profile(me, me, form.service_data(), request=request)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Your Giving Support Profile has been saved."))
            return redirect("supportprofiles:my_giving")
    return render(
        request,
        "supportprofiles/giving_edit.html",
        {"form": form, "is_new": profile is None},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def giving_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    profile = gate.get_giving_profile_for(request.user, person_id)
    view = reading.read_giving_profile(request.user, profile, request=request)
    return render(request, "supportprofiles/giving_detail.html", {"view": view})


@login_required
@require_http_methods(["GET", "POST"])
def qualification_add(request: HttpRequest) -> HttpResponse:
    form = QualificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            giving.add_qualification(request.user, request.user, form.cleaned_data, request=request)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Qualification added."))
            return redirect("supportprofiles:my_giving")
    return render(
        request,
        "supportprofiles/qualification_add.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def qualification_remove(request: HttpRequest, pk: int) -> HttpResponse:
    qualification = gate.get_my_qualification(request.user, pk)
    if request.method == "POST":
        giving.remove_qualification(request.user, qualification, request=request)
        messages.success(
            request, _("“%(title)s” has been removed.") % {"title": qualification.title}
        )
        return redirect("supportprofiles:my_giving")
    return render(
        request, "supportprofiles/qualification_remove.html", {"qualification": qualification}
    )

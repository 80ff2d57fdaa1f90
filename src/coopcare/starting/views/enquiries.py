"""First contact: the public enquiry form, and the Team Starters' enquiry pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopcare.errors import DomainError
from coopcare.starting import access, selectors, spam
from coopcare.starting.forms import (
    OutcomeForm,
    PassOnForm,
    PublicEnquiryForm,
    StaffEnquiryForm,
)
from coopcare.starting.models import Enquiry, kind_labels
from coopcare.starting.services import enquiries as services
from coopcare.starting.views.common import form_error, page_of

EMAILED = "starting_enquiry_emailed"


@require_http_methods(["GET", "POST"])
def enquiry(request: HttpRequest) -> HttpResponse:
    """Anyone, signed in or not, may ask about support."""
    if request.method == "POST" and spam.limit_reached(request):
        return render(request, "starting/enquiry_limited.html", status=429)
    form = PublicEnquiryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                found = services.submit_enquiry(form.answers(), request=request)
            except DomainError as error:
                form_error(form, error)
            else:
                spam.count_enquiry(request)
                request.session[EMAILED] = bool(found.email)
                return redirect("starting:enquiry_thanks")
        form.refresh_started()
    return render(request, "starting/enquiry_form.html", {"form": form})


def enquiry_thanks(request: HttpRequest) -> HttpResponse:
    emailed = request.session.pop(EMAILED, False)
    return render(request, "starting/enquiry_thanks.html", {"emailed": emailed})


@login_required
def enquiry_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "starting.list_enquiries")
    chosen = request.GET.get("status", Enquiry.Status.NEW)
    if chosen not in Enquiry.Status.values:
        chosen = ""
    enquiries = selectors.visible_enquiries(request.user)
    if chosen:
        enquiries = enquiries.filter(status=chosen)
    context = {
        "page": page_of(request, enquiries.order_by("-created_at", "-pk")),
        "filters": [(value, str(label)) for value, label in Enquiry.Status.choices],
        "chosen": chosen,
        "can_add": request.user.has_perm("starting.enter_enquiry"),
    }
    return render(request, "starting/enquiry_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def enquiry_add(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "starting.enter_enquiry")
    circles = selectors.starter_circles(request.user)
    form = StaffEnquiryForm(circles, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.submit_enquiry(
                form.answers(),
                entered_by=request.user,
                channel=form.cleaned_data["channel"],
                local_circle=form.cleaned_data["local_circle"],
                request=request,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The enquiry is saved."))
            return redirect("starting:enquiry_detail", pk=found.pk)
    return render(request, "starting/enquiry_add.html", {"form": form})


def _render_detail(request, found: Enquiry, outcome=None, pass_on=None) -> HttpResponse:
    can_decide = request.user.has_perm("starting.decide_enquiry", found)
    is_open = found.status in (Enquiry.Status.NEW, Enquiry.Status.WAITING_LIST)
    if can_decide and is_open:
        outcome = outcome or OutcomeForm(
            selectors.starter_circles(request.user),
            initial={"local_circle": found.local_circle_id},
        )
        pass_on = pass_on or PassOnForm(selectors.local_circles())
    context = {
        "enquiry": found,
        "case": getattr(found, "case", None),
        "outcome_form": outcome if can_decide and is_open else None,
        "pass_on_form": pass_on if can_decide and is_open else None,
        "support_kinds": kind_labels(found.support_kinds),
    }
    return render(request, "starting/enquiry_detail.html", context)


@login_required
def enquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_enquiry_for(request.user, pk)
    services.read_enquiry(request.user, found, request=request)
    return _render_detail(request, found)


@login_required
@require_POST
def enquiry_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_enquiry_for(request.user, pk, "decide")
    form = OutcomeForm(selectors.starter_circles(request.user), request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decided = services.decide_enquiry(
                request.user,
                found,
                data["outcome"],
                local_circle=data["local_circle"],
                review_on=data["review_on"],
                signposted_to=data["signposted_to"],
                note=data["note"],
                request=request,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            status = decided.get_status_display()
            messages.success(request, _("Outcome saved: %(status)s.") % {"status": status})
            if decided.status == Enquiry.Status.PROCEED:
                return redirect("starting:case", pk=decided.case.pk)
            return redirect("starting:enquiry_detail", pk=decided.pk)
    return _render_detail(request, found, outcome=form)


@login_required
@require_POST
def enquiry_pass_on(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_enquiry_for(request.user, pk, "decide")
    form = PassOnForm(selectors.local_circles(), request.POST)
    if form.is_valid():
        circle = form.cleaned_data["local_circle"]
        try:
            passed = services.pass_on_enquiry(request.user, found, circle, request=request)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Passed to %(circle)s.") % {"circle": circle.name})
            if request.user.has_perm("starting.view_enquiry", passed):
                return redirect("starting:enquiry_detail", pk=passed.pk)
            return redirect("starting:enquiries")
    return _render_detail(request, found, pass_on=form)

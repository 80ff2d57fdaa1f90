"""Membership pages: apply, see your status, and (for admitters) decide applications.

HTTP only: access comes from ``members.access``, every change from ``services.membership``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from coopcare.errors import DomainError
from coopcare.members import questions
from coopcare.members.access import get_application_for, require
from coopcare.members.forms_membership import ApplicationForm, DecisionForm
from coopcare.members.models import MemberClass, Membership, MembershipApplication
from coopcare.members.selectors import open_application_for
from coopcare.members.services import membership as services

Status = MembershipApplication.Status
TEMPLATES = "members/membership/"


@login_required
def status(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.filter(person=request.user).order_by(
        F("ended_at").desc(nulls_first=True), "-started_at"
    )
    applications = list(
        MembershipApplication.objects.filter(applicant=request.user).order_by(
            "-submitted_at", "-id"
        )
    )
    return render(
        request,
        TEMPLATES + "status.html",
        {
            "memberships": memberships,
            "applications": applications,
            "has_open": any(a.status == Status.SUBMITTED for a in applications),
        },
    )


def _guidance() -> list[tuple[str, str, questions.ClassGuidance]]:
    return [(value, label, questions.CLASS_GUIDANCE[value]) for value, label in MemberClass.choices]


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    open_application = open_application_for(request.user)
    if open_application is not None:
        return render(
            request, TEMPLATES + "apply_blocked.html", {"open_application": open_application}
        )
    member_class = request.GET.get("member_class", "")
    if member_class not in MemberClass.values:
        return render(request, TEMPLATES + "apply_choose.html", {"classes": _guidance()})
    label = MemberClass(member_class).label
    if Membership.objects.active().filter(person=request.user, member_class=member_class).exists():
        return render(request, TEMPLATES + "apply_blocked.html", {"already_member": label})

    form = ApplicationForm(member_class, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.apply_for_membership(
                request.user,
                member_class,
                form.cleaned_data.get("worker_kind", ""),
                form.answers(),
                form.cleaned_data["accept_commitment"],
                request=request,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Thank you: your application has been sent."))
            return redirect("membership:application", pk=application.pk)
    return render(
        request,
        TEMPLATES + "apply_form.html",
        {
            "form": form,
            "member_class": member_class,
            "class_label": label,
            "guidance": questions.CLASS_GUIDANCE[member_class],
            "commitment": questions.COMMITMENT,
            "commitment_also": questions.COMMITMENT_ALSO,
        },
    )


FILTERS = [("", gettext_lazy("All")), *Status.choices]


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    require(request.user, "members.list_applications")
    chosen = request.GET.get("status", "")
    if chosen not in Status.values:
        chosen = ""
    queryset = MembershipApplication.objects.select_related("applicant__profile")
    if chosen:
        queryset = queryset.filter(status=chosen)
    is_open = When(status=Status.SUBMITTED, then=Value(0))
    # Open ones first and oldest first (first come, first decided); then the rest, newest first.
    queryset = queryset.order_by(
        Case(is_open, default=Value(1), output_field=IntegerField()),
        Case(When(status=Status.SUBMITTED, then=F("submitted_at"))).asc(nulls_last=True),
        "-submitted_at",
        "-id",
    )
    counts = dict(
        MembershipApplication.objects.values_list("status").annotate(n=Count("id")).order_by()
    )
    filters = [
        (value, label, sum(counts.values()) if not value else counts.get(value, 0))
        for value, label in FILTERS
    ]
    page = Paginator(queryset, 25).get_page(request.GET.get("page"))
    return render(
        request,
        TEMPLATES + "applications.html",
        {
            "page": page,
            "filters": filters,
            "chosen": chosen,
        },
    )


def _render_application(
    request: HttpRequest,
    application: MembershipApplication,
    form: DecisionForm | None = None,
) -> HttpResponse:
    can_decide = request.user.has_perm("members.decide_application", application)
    if can_decide and application.status == Status.SUBMITTED and form is None:
        form = DecisionForm()
    return render(
        request,
        TEMPLATES + "application.html",
        {
            "application": application,
            "answers": questions.answered(application.member_class, application.answers),
            "is_applicant": application.applicant_id == request.user.pk,
            "can_decide": can_decide,
            "form": form,
        },
    )


@login_required
def application(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_application_for(request.user, pk, "view")
    services.record_application_read(request.user, found, request=request)
    return _render_application(request, found)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_application_for(request.user, pk, "decide")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _render_application(request, found, form)
    decide_with = (
        services.admit_application
        if form.cleaned_data["decision"] == DecisionForm.ADMIT
        else services.decline_application
    )
    try:
        decided = decide_with(request.user, found, form.cleaned_data["reason"], request=request)
    except DomainError as error:
        if error.field in form.fields:
            form.add_error(error.field, error.message)
            return _render_application(request, found, form)
        messages.error(request, error.message)
        return redirect("membership:application", pk=found.pk)
    if decided.status == Status.ADMITTED:
        messages.success(
            request,
            _("You admitted %(person)s. They have been told by email.")
            % {"person": decided.applicant.display_name},
        )
    else:
        messages.success(
            request,
            _("You declined the application. %(person)s has been told by email.")
            % {"person": decided.applicant.display_name},
        )
    return redirect("membership:applications")


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_application_for(request.user, pk, "withdraw")
    if request.method == "GET":
        if found.status != Status.SUBMITTED:
            messages.error(request, _("This application is no longer open."))
            return redirect("membership:status")
        return render(request, TEMPLATES + "withdraw_confirm.html", {"application": found})
    try:
        services.withdraw_application(request.user, found, request=request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("You withdrew your application. You can apply again at any time.")
        )
    return redirect("membership:status")

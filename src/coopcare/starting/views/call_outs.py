"""Call-outs: the Team Starter publishes one; people in its audience see it and say they are
interested; the Team Starter follows them up."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopcare.errors import DomainError
from coopcare.starting import access, selectors
from coopcare.starting.forms_team import CallOutForm, FollowUpForm, InterestForm
from coopcare.starting.services import call_outs as services
from coopcare.starting.views.common import form_error, page_of

User = get_user_model()


@login_required
def call_out_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.open_call_outs_for(request.user))
    return render(request, "starting/call_out_list.html", {"page": page})


def _render(request: HttpRequest, call_out, interest_form=None) -> HttpResponse:
    user = request.user
    can_interest = user.has_perm("starting.express_interest", call_out)
    mine = call_out.interests.filter(person=user).first()
    can_see_interests = user.has_perm("starting.view_interests", call_out)
    context = {
        "call_out": call_out,
        "shared": call_out.shared(),
        "mine": mine,
        "interest_form": (interest_form or InterestForm()) if can_interest and not mine else None,
        "interests": selectors.interests_for(call_out) if can_see_interests else None,
        "can_follow_up": user.has_perm("starting.follow_up_interest", call_out),
        "follow_up_statuses": FollowUpForm.base_fields["status"].choices,
    }
    return render(request, "starting/call_out_detail.html", context)


@login_required
def call_out_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, access.get_call_out_for(request.user, pk))


@login_required
@require_POST
def call_out_interest(request: HttpRequest, pk: int) -> HttpResponse:
    call_out = access.get_call_out_for(request.user, pk, "express_interest")
    form = InterestForm(request.POST)
    if form.is_valid():
        try:
            services.express_interest(
                request.user, call_out, form.cleaned_data["message"], request=request
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Thank you: the Team Starter will be in touch."))
            return redirect("starting:call_out", pk=call_out.pk)
    return _render(request, call_out, interest_form=form)


@login_required
@require_POST
def call_out_close(request: HttpRequest, pk: int) -> HttpResponse:
    call_out = access.get_call_out_for(request.user, pk, "follow_up_interest")
    try:
        services.close_call_out(request.user, call_out, request=request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The call-out is closed."))
    return redirect("starting:call_out", pk=call_out.pk)


@login_required
@require_POST
def interest_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    interest = access.get_interest_for(request.user, pk)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how the follow-up is going."))
    else:
        try:
            services.follow_up_interest(
                request.user,
                interest,
                form.cleaned_data["status"],
                form.cleaned_data["note"],
                request=request,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Saved."))
    return redirect("starting:call_out", pk=interest.call_out_id)


@login_required
@require_http_methods(["GET", "POST"])
def call_out_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_case_for(request.user, pk, "manage_case")
    form = CallOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        emails = form.emails()
        named = list(User.objects.filter(email__in=emails, is_active=True))
        unknown = sorted(set(emails) - {p.email.lower() for p in named})
        if unknown:
            form.add_error("named_emails", _("No member uses: %(e)s.") % {"e": ", ".join(unknown)})
        else:
            try:
                call_out = services.publish_call_out(
                    request.user,
                    case,
                    texts={name: data[name] for name in services.CallOut.FIELDS},
                    shared_fields=data["shared_fields"],
                    audience=data["audience"],
                    named_people=named,
                    consent_confirmed=data["consent"],
                    request=request,
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, _("The call-out is published."))
                return redirect("starting:call_out", pk=call_out.pk)
    return render(request, "starting/call_out_form.html", {"case": case, "form": form})

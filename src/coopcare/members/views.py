"""People pages: my profile, my privacy choices, the member directory and a person's page.

HTTP only: access comes from ``members.access``, reads from ``members.directory``, and every
change from ``members.services.profiles``.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coopcare.errors import DomainError
from coopcare.members.access import get_person_for, require
from coopcare.members.directory import (
    directory_members,
    directory_rows,
    find_person_by_email,
    named_people_candidates,
    privacy_summary,
    reads_of,
    reads_of_section,
)
from coopcare.members.forms import (
    AccessLogFilterForm,
    DirectorySearchForm,
    PrivacyChoiceForm,
    ProfileForm,
)
from coopcare.members.models import Audience, Section
from coopcare.members.services.profiles import (
    PROFILE_FIELDS,
    read_person,
    set_privacy_choice,
    update_profile,
)

PER_PAGE = 25
SECTION_LABELS = dict(Section.choices)


def _add_domain_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    me = request.user
    current = getattr(me, "profile", None)
    initial = {name: getattr(current, name) for name in PROFILE_FIELDS} if current else {}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_profile(me, me, form.cleaned_data, request=request)
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("members:profile")
    return render(request, "members/profile.html", {"form": form, "email": me.email})


def _privacy_form(summary, candidates, labels, data=None) -> PrivacyChoiceForm:
    """The form for one section, offering circle-mates plus anyone already named."""
    choices = list(candidates)
    offered = {pk for pk, _label in choices}
    choices += [(pk, labels[pk]) for pk in summary.named_ids if pk not in offered and pk in labels]
    return PrivacyChoiceForm(
        data,
        prefix=summary.section,
        candidates=choices,
        section_label=summary.label,
        initial={"audience": summary.audience, "named_people": summary.named_ids},
    )


def _save_privacy_choice(request: HttpRequest, form: PrivacyChoiceForm, section: str) -> bool:
    audience = form.cleaned_data["audience"]
    named = list(form.cleaned_data["named_people"])
    email = form.cleaned_data["named_email"]
    if audience == Audience.NAMED and email:
        found = find_person_by_email(email)
        if found is None:
            form.add_error(
                "named_email",
                _("We could not find anyone with that email address. Check it with them."),
            )
            return False
        named.append(found.pk)
    try:
        set_privacy_choice(request.user, request.user, section, audience, named, request=request)
    except DomainError as error:
        _add_domain_error(form, error)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def privacy(request: HttpRequest) -> HttpResponse:
    me = request.user
    summary = privacy_summary(me)
    candidates = named_people_candidates(me)
    posted = request.POST.get("section") if request.method == "POST" else None
    status = 200
    rows = []
    for item in summary["sections"]:
        data = request.POST if item.section == posted else None
        form = _privacy_form(item, candidates, summary["labels"], data)
        if data is not None and form.is_valid() and _save_privacy_choice(request, form, posted):
            messages.success(
                request, _("Saved: who can see “%(section)s”.") % {"section": item.label}
            )
            return redirect(reverse("members:privacy") + f"#section-{posted}")
        if data is not None:
            status = 400
        rows.append({"summary": item, "form": form})
    if posted is not None and status == 200:
        messages.error(request, _("Choose one of the sections on this page."))
        status = 400

    log_filter = AccessLogFilterForm(request.GET or None)
    shown = log_filter.cleaned_data["viewed"] if log_filter.is_valid() else ""
    events = reads_of_section(me, shown) if shown else reads_of(me)
    views_page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "rows": rows,
        "circles": ", ".join(summary["circles"]),
        "log_filter": log_filter,
        "views_page": views_page,
        "views": [_view_row(event) for event in views_page.object_list],
        "viewed": shown,
        "page_query": urlencode({"viewed": shown}) if shown else "",
    }
    return render(request, "members/privacy.html", context, status=status)


def _view_row(event) -> dict:
    sections = (event.detail or {}).get("sections") or []
    what = [str(SECTION_LABELS.get(s, s)) for s in sections] if sections else [event.action]
    return {
        "who": str(event.actor) if event.actor else _("Someone not signed in"),
        "at": event.at,
        "route": event.route,
        "what": what,
    }


@login_required
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    require(request.user, "members.view_directory")
    form = DirectorySearchForm(request.GET or None)
    search = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = Paginator(directory_members(request.user, search), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "search": search,
        "page": page,
        "rows": directory_rows(page.object_list),
        "page_query": urlencode({"q": search}) if search else "",
    }
    return render(request, "members/directory.html", context)


@login_required
@require_GET
def person(request: HttpRequest, pk: int) -> HttpResponse:
    someone = get_person_for(request.user, pk)
    view = read_person(request.user, someone, request=request)
    return render(request, "members/person.html", {"view": view})

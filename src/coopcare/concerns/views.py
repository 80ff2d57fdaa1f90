"""Sharing Stuff pages: raise a concern, see your own, and (for handlers) the tracker.

HTTP only: ``access`` decides who reaches what, ``services`` makes every change and records
every handler's read.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from coopcare.concerns import access, selectors, services
from coopcare.concerns.forms import ConcernForm, UpdateForm
from coopcare.concerns.models import Concern, State
from coopcare.errors import DomainError
from coopcare.teams.selectors import teams_of

PER_PAGE = 25
FILTERS = [("", gettext_lazy("All")), *State.choices]


def _fail(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    teams = teams_of(request.user)
    team_id = request.GET.get("team", "")
    initial = {"team": int(team_id)} if team_id.isdigit() else {}
    data = request.POST if request.method == "POST" else None
    form = ConcernForm(data, teams=teams, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            concern = services.raise_concern(request.user, **fields, request=request)
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(
                request, _("Thank you. It has gone to the people who will look into it.")
            )
            return redirect("concerns:detail", pk=concern.pk)
    return render(request, "concerns/new.html", {"form": form})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    concerns = selectors.concerns_raised_by(request.user)
    page = Paginator(concerns, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "concerns/mine.html", {"page": page})


@login_required
def handler_list(request: HttpRequest) -> HttpResponse:
    access.require_handler(request.user)
    chosen = request.GET.get("state", "")
    if chosen not in State.values:
        chosen = ""
    mine = selectors.concerns_for_handler(request.user)
    counts = dict(mine.order_by().values_list("state").annotate(n=Count("pk")))
    filters = [
        (value, label, sum(counts.values()) if not value else counts.get(value, 0))
        for value, label in FILTERS
    ]
    shown = selectors.concerns_for_handler(request.user, chosen)
    page = Paginator(shown, PER_PAGE).get_page(request.GET.get("page"))
    for concern in page.object_list:
        concern.reporter_label = selectors.reporter_label(concern)
    context = {"page": page, "filters": filters, "chosen": chosen}
    return render(request, "concerns/list.html", context)


def _render_detail(
    request: HttpRequest, concern: Concern, form: UpdateForm | None = None
) -> HttpResponse:
    handling = request.user.has_perm("concerns.update_concern", concern)
    if handling:
        services.read_concern(request.user, concern, request=request)
        form = form or UpdateForm(concern=concern)
    entries = selectors.entries_for(request.user, concern, for_reporter=not handling)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.author_label = selectors.seen_name(entry.author)
    context = {
        "concern": concern,
        "handling": handling,
        "raised_by": selectors.reporter_label(concern) if handling else "",
        "page": page,
        "form": form,
        "states": State.choices,
    }
    return render(request, "concerns/detail.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, access.get_concern_for(request.user, pk))


@login_required
@require_POST
def update(request: HttpRequest, pk: int) -> HttpResponse:
    concern = access.get_concern_for(request.user, pk, "update")
    form = UpdateForm(request.POST, concern=concern)
    if form.is_valid():
        try:
            services.update_concern(request.user, concern, **form.cleaned_data, request=request)
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Your entry is added to the tracker."))
            return redirect("concerns:detail", pk=concern.pk)
    return _render_detail(request, concern, form)

"""Peer supervision pages: my pairs, asking or offering, a pair's page with its check-ins,
answering, changing how often, ending, and recording a check-in.

Only the two people in a pair reach its pages (``access.get_pair_for``: 404 for anyone else,
whatever hat they wear). HTTP only: ``services.supervision`` makes every change.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coopcare.errors import DomainError, NotAllowed
from coopcare.learning import access
from coopcare.learning.forms_peer import (
    AnswerForm,
    CadenceForm,
    CheckInForm,
    PairAskForm,
    PersonSearchForm,
)
from coopcare.learning.selectors import circle_ids_of
from coopcare.learning.services import supervision, welcome
from coopcare.learning.services.pathways import people_of_circles_q
from coopcare.learning.views_welcome import fail, link
from coopcare.permissions import takes_part

PER_PAGE = 20
CHOICES = 25


@login_required
@require_GET
def supervision_home(request: HttpRequest) -> HttpResponse:
    me = request.user
    pairs = list(supervision.pairs_of(me).filter(status__in=supervision.OPEN))
    for pair in pairs:
        pair.other = supervision.other_in(pair, me)
        pair.next_due = supervision.next_due(pair, pair.last_check_in)
    past = Paginator(
        supervision.pairs_of(me).exclude(status__in=supervision.OPEN), PER_PAGE
    ).get_page(request.GET.get("page"))
    for pair in past:
        pair.other = supervision.other_in(pair, me)
    context = {
        "supervisors": [p for p in pairs if p.status == "active" and p.supervisee_id == me.pk],
        "supervisees": [p for p in pairs if p.status == "active" and p.supervisor_id == me.pk],
        "asked": [p for p in pairs if p.status == "asked"],
        "past": past,
        "can_ask": takes_part.test(me),
        "routes": welcome.open_routes_of(me),
        "today": timezone.localdate(),
        "pathways_url": link("learning:pathways"),
        "home_url": link("learning:home"),
    }
    return render(request, "learning/supervision.html", context)


def _people(request: HttpRequest, q: str, posted: int | None = None) -> list:
    """People the viewer may choose, by a name they may see: the one posted, those matching
    ``q``, or else people in their own circles."""
    found = supervision.candidates(request.user)
    if posted is not None:
        found = found.filter(pk=posted)
    elif q:
        found = found.filter(profile__name__icontains=q)
    else:
        found = found.filter(people_of_circles_q(circle_ids_of(request.user)))
    return welcome.named_choices(request.user, found, limit=CHOICES)


def _posted_person(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("person", ""))
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def pair_ask(request: HttpRequest) -> HttpResponse:
    if not takes_part.test(request.user):
        raise PermissionDenied
    search = PersonSearchForm(request.GET)
    q = search.cleaned_data["q"].strip() if search.is_valid() else ""
    if request.method == "POST":
        people = _people(request, q, posted=_posted_person(request))
        form = PairAskForm(request.POST, people=people)
        if form.is_valid():
            other = people[0]
            try:
                supervision.ask_pair(
                    request.user, other, kind=form.cleaned_data["kind"], request=request
                )
            except NotAllowed:
                raise PermissionDenied from None
            except DomainError as error:
                fail(form, error)
            else:
                messages.success(
                    request,
                    _("Asked. %(person)s is told and can say yes or no.") % {"person": other},
                )
                return redirect("learning:supervision")
        else:
            form.fields["person"].choices = [
                (p.pk, p.display_name) for p in _people(request, q)
            ] or form.fields["person"].choices
    else:
        kind = request.GET.get("kind")
        form = PairAskForm(
            initial={"kind": kind if kind in (supervision.OFFER,) else supervision.ASK},
            people=_people(request, q),
        )
    context = {"form": form, "search": search, "q": q, "limit": CHOICES}
    return render(request, "learning/pair_ask.html", context)


@login_required
@require_GET
def pair_detail(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = access.get_pair_for(request.user, pair_id)
    me = request.user
    found = supervision.check_ins(me, pair, request=request)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    is_open = pair.status in supervision.OPEN
    context = {
        "pair": pair,
        "other": supervision.other_in(pair, me),
        "i_supervise": pair.supervisor_id == me.pk,
        "page": page,
        "next_due": supervision.next_due(pair),
        "today": timezone.localdate(),
        "can_answer": pair.status == "asked" and pair.asked_by_id != me.pk,
        "is_open": is_open,
        "cadence_form": CadenceForm(initial={"every_days": pair.every_days}) if is_open else None,
    }
    return render(request, "learning/pair.html", context)


@login_required
@require_POST
def pair_answer(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = access.get_pair_for(request.user, pair_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Answer yes or no."))
        return redirect("learning:pair", pair_id=pair.pk)
    accept = form.cleaned_data["answer"] == "yes"
    try:
        supervision.answer_pair(request.user, pair, accept, request=request)
    except NotAllowed:
        raise PermissionDenied from None
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if accept:
            messages.success(request, _("You are a peer supervision pair now."))
        else:
            messages.success(request, _("You said no. They are told."))
    return redirect("learning:pair", pair_id=pair.pk)


@login_required
@require_POST
def pair_cadence(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = access.get_pair_for(request.user, pair_id)
    form = CadenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check in every 7 to 90 days: at least every three months."))
        return redirect("learning:pair", pair_id=pair.pk)
    try:
        supervision.set_cadence(
            request.user, pair, form.cleaned_data["every_days"], request=request
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("You check in every %(n)s days.") % {"n": form.cleaned_data["every_days"]}
        )
    return redirect("learning:pair", pair_id=pair.pk)


@login_required
@require_http_methods(["GET", "POST"])
def pair_end(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = access.get_pair_for(request.user, pair_id)
    if request.method == "POST":
        try:
            supervision.end_pair(request.user, pair, request=request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The pair has ended. The other person is told."))
        return redirect("learning:supervision")
    context = {"pair": pair, "other": supervision.other_in(pair, request.user)}
    return render(request, "learning/pair_end.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def check_in_new(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = access.get_pair_for(request.user, pair_id)
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            try:
                supervision.record_check_in(
                    request.user,
                    pair,
                    held_on=form.cleaned_data["held_on"],
                    notes=form.cleaned_data["notes"],
                    request=request,
                )
            except DomainError as error:
                fail(form, error)
            else:
                messages.success(request, _("The check-in is recorded."))
                return redirect("learning:pair", pair_id=pair.pk)
    else:
        form = CheckInForm(initial={"held_on": timezone.localdate()})
    context = {"pair": pair, "other": supervision.other_in(pair, request.user), "form": form}
    return render(request, "learning/check_in_new.html", context)

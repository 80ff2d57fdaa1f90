"""Team decision pages: the decisions list, a proposal, proposing, answering, amending,
withdrawing. HTTP only: access comes from ``team_for``, every change from
``teams.services.decisions``. Hat nominations (``teams.services.hats``) are at the end.

Everyone who can see the team sees its decisions (members, those acting for the owner, and the
local circle's Team Starter and Coach); only people in the team, or someone acting for the owner
in team decisions, propose and answer. Anyone else gets 404, with no hint the team exists.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopcare import permissions  # noqa: F401  (registers the rules)
from coopcare.circles import consent_selectors as selectors
from coopcare.circles.consent import AMENDABLE, may_steer
from coopcare.circles.consent_models import HatNomination, Proposal, ProposalKind
from coopcare.errors import DomainError, NotAllowed
from coopcare.teams.access import get_team_for
from coopcare.teams.forms_decisions import (
    AmendForm,
    AnswerNominationForm,
    NominateForm,
    ProposalForm,
    RespondForm,
    WithdrawForm,
)
from coopcare.teams.models import Team
from coopcare.teams.services import decisions as services
from coopcare.teams.services import hats
from coopcare.teams.services.decisions import may_act_for_owner

T = "teams/decisions/"
PER_PAGE = 25


def team_for(user, team_id: int, action: str = "view") -> Team:
    """The team, if ``user`` may see it (else 404); ``action="take_part"`` also needs the right
    to propose and answer (else 403: they can see the page but not act)."""
    return get_team_for(user, team_id, "take_part" if action == "take_part" else "view_team")


def form_error(form, error: DomainError) -> None:
    """Show a service's refusal beside its field, or at the top of the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def proposal_for(team: Team, pk: int) -> Proposal:
    proposal = selectors.proposal_in(team.circle, pk)
    if proposal is None:
        raise Http404
    return proposal


def _owner_choice(user, team: Team, names) -> str | None:
    """The owner's name when the user may act for themself *or* for the owner here."""
    in_team = selectors.takes_part(team.circle, user)
    return names(team.owner_id) if in_team and may_act_for_owner(user, team) else None


@login_required
def decision_list(request: HttpRequest, team_id: int) -> HttpResponse:
    team = team_for(request.user, team_id)
    page = Paginator(selectors.proposals_in(team.circle), PER_PAGE).get_page(
        request.GET.get("page")
    )
    nominations = list(selectors.open_nominations_in(team.circle))
    rows, names = selectors.proposal_rows(request.user, page.object_list, nominations)
    return render(
        request,
        T + "list.html",
        {
            "team": team,
            "page": page,
            "rows": rows,
            "nominations": [(n, names(n.nominee_id)) for n in nominations],
            "unheld": selectors.unheld_essential_hats(team),
            "can_take_part": request.user.has_perm("teams.take_part", team),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, team_id: int) -> HttpResponse:
    team = team_for(request.user, team_id, "take_part")
    people = list(selectors.participants(team.circle).order_by("pk"))
    names = selectors.Names(request.user, [p.pk for p in people] + [team.owner_id])
    form = ProposalForm(
        [(p.pk, names(p.pk)) for p in people],
        _owner_choice(request.user, team, names),
        request.POST if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.propose_team_decision(
                request.user,
                team,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                statement=form.cleaned_data["statement"],
                reason=form.cleaned_data["reason"],
                review_on=form.cleaned_data["review_on"],
                closes_at=form.closes_at(),
                asked=[p for p in people if p.pk in form.asked_ids()],
                for_owner=form.for_owner(),
                request=request,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Your proposal is made. Everyone it affects is asked."))
            return redirect("team_decisions:detail", team_id=team.pk, pk=proposal.pk)
    return render(request, T + "propose.html", {"team": team, "form": form})


def _respond_form(request: HttpRequest, team: Team, proposal: Proposal, names, data=None):
    """The answer form, if this person may answer now (for themself or for the owner)."""
    if not proposal.is_open or not request.user.has_perm("teams.take_part", team):
        return None
    asked = {p.pk for p in proposal.asked.all()}
    self_asked = request.user.pk in asked and selectors.takes_part(team.circle, request.user)
    owner_asked = team.owner_id in asked and may_act_for_owner(request.user, team)
    if not (self_asked or owner_asked):
        return None
    whose = request.user if self_asked else team.owner
    current = selectors.current_answer(proposal, whose)
    initial = {"answer": current.answer, "reason": current.reason} if current else None
    owner_name = names(team.owner_id) if self_asked and owner_asked else None
    return RespondForm(owner_name, data, initial=initial)


def _render_detail(request: HttpRequest, team: Team, proposal: Proposal, form=None):
    page = selectors.decision_page(request.user, proposal)
    form = form or _respond_form(request, team, proposal, page["names"])
    steer = proposal.is_open and may_steer(request.user, proposal)
    return render(
        request,
        T + "detail.html",
        {
            **page,
            "team": team,
            "proposal": proposal,
            "form": form,
            "can_amend": steer and proposal.kind != ProposalKind.HAT_NOMINATION,
            "can_withdraw": steer,
        },
    )


@login_required
def detail(request: HttpRequest, team_id: int, pk: int) -> HttpResponse:
    team = team_for(request.user, team_id)
    return _render_detail(request, team, proposal_for(team, pk))


@login_required
@require_POST
def respond(request: HttpRequest, team_id: int, pk: int) -> HttpResponse:
    team = team_for(request.user, team_id, "take_part")
    proposal = proposal_for(team, pk)
    names = selectors.Names(request.user, [team.owner_id])
    form = _respond_form(request, team, proposal, names, request.POST)
    if form is None:
        messages.error(request, _("You cannot answer this proposal."))
        return redirect("team_decisions:detail", team_id=team.pk, pk=proposal.pk)
    if form.is_valid():
        try:
            services.respond_to_team_decision(
                request.user,
                team,
                proposal,
                form.cleaned_data["answer"],
                form.cleaned_data["reason"],
                for_owner=form.for_owner(),
                request=request,
            )
        except NotAllowed as error:
            messages.error(request, error.message)
        except DomainError as error:
            form_error(form, error)
            return _render_detail(request, team, proposal, form)
        else:
            messages.success(request, _("Thank you: your answer is recorded."))
        return redirect("team_decisions:detail", team_id=team.pk, pk=proposal.pk)
    return _render_detail(request, team, proposal, form)


def _steered(request: HttpRequest, team_id: int, pk: int) -> tuple[Team, Proposal]:
    team = team_for(request.user, team_id, "take_part")
    proposal = proposal_for(team, pk)
    if not may_steer(request.user, proposal):
        raise PermissionDenied
    return team, proposal


@login_required
@require_http_methods(["GET", "POST"])
def amend(request: HttpRequest, team_id: int, pk: int) -> HttpResponse:
    team, proposal = _steered(request, team_id, pk)
    initial = {name: getattr(proposal, name) for name in AMENDABLE}
    form = AmendForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in AMENDABLE}
        try:
            services.amend_team_decision(
                request.user,
                team,
                proposal,
                note=form.cleaned_data["note"],
                request=request,
                **fields,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The proposal is changed. Everyone is asked again."))
            return redirect("team_decisions:detail", team_id=team.pk, pk=proposal.pk)
    return render(request, T + "amend.html", {"team": team, "proposal": proposal, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, team_id: int, pk: int) -> HttpResponse:
    team, proposal = _steered(request, team_id, pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_team_decision(
                request.user, team, proposal, reason=form.cleaned_data["reason"], request=request
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("You withdrew the proposal."))
        return redirect("team_decisions:detail", team_id=team.pk, pk=proposal.pk)
    return render(request, T + "withdraw.html", {"team": team, "proposal": proposal, "form": form})


# --- Hat nominations ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def nominate(request: HttpRequest, team_id: int) -> HttpResponse:
    team = team_for(request.user, team_id, "take_part")
    people = list(selectors.participants(team.circle).order_by("pk"))
    hat_types = {t.slug: t for t in hats.essential_hat_types()}
    names = selectors.Names(request.user, [p.pk for p in people] + [team.owner_id])
    form = NominateForm(
        [(t.slug, f"{t.name}: {t.description}") for t in hat_types.values()],
        [(str(p.pk), names(p.pk)) for p in people],
        _owner_choice(request.user, team, names),
        request.POST if request.method == "POST" else None,
        initial={"hat_type": request.GET.get("hat", "")},
    )
    if request.method == "POST" and form.is_valid():
        nominee = next(p for p in people if str(p.pk) == form.cleaned_data["nominee"])
        try:
            nomination = hats.nominate_for_team_hat(
                request.user,
                team,
                hat_types[form.cleaned_data["hat_type"]],
                nominee,
                form.cleaned_data["reason"],
                review_on=form.cleaned_data["review_on"],
                for_owner=form.for_owner(),
                request=request,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Your nomination is made."))
            return redirect("team_decisions:nomination", team_id=team.pk, pk=nomination.pk)
    return render(request, T + "nominate.html", {"team": team, "form": form})


def _render_nomination(request: HttpRequest, team: Team, nomination, form=None) -> HttpResponse:
    waiting = nomination.status == HatNomination.Status.AWAITING_NOMINEE
    if form is None and waiting and hats.may_answer_nomination(request.user, nomination):
        form = AnswerNominationForm()
    names = selectors.Names(
        request.user,
        [nomination.nominee_id, nomination.nominated_by_id, nomination.on_behalf_of_id],
    )
    return render(
        request,
        T + "nomination.html",
        {
            "team": team,
            "nomination": nomination,
            "nominee": names(nomination.nominee_id),
            "by": names.acting(nomination.nominated_by_id, nomination.on_behalf_of_id),
            "form": form,
        },
    )


def _nomination_for(team: Team, pk: int) -> HatNomination:
    nomination = selectors.nomination_in(team.circle, pk)
    if nomination is None:
        raise Http404
    return nomination


@login_required
def nomination(request: HttpRequest, team_id: int, pk: int) -> HttpResponse:
    team = team_for(request.user, team_id)
    return _render_nomination(request, team, _nomination_for(team, pk))


@login_required
@require_POST
def answer_nomination(request: HttpRequest, team_id: int, pk: int) -> HttpResponse:
    team = team_for(request.user, team_id)
    found = _nomination_for(team, pk)
    if not hats.may_answer_nomination(request.user, found):
        raise PermissionDenied
    form = AnswerNominationForm(request.POST)
    if not form.is_valid():
        return _render_nomination(request, team, found, form)
    accept = form.cleaned_data["answer"] == AnswerNominationForm.ACCEPT
    try:
        hats.answer_hat_nomination(
            request.user, team, found, accept, form.cleaned_data["note"], request=request
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Thank you. The team is now asked whether it consents.")
            if accept
            else _("Thank you: you declined the nomination."),
        )
    return redirect("team_decisions:nomination", team_id=team.pk, pk=found.pk)

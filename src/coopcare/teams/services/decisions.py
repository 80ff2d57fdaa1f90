"""Team decisions by consent: a change that affects a team is proposed inside it and agreed by
the people it affects (ARCHITECTURE.md "Consent, not command").

These are the team's doors into the one consent engine (``coopcare.circles.consent``): they
check the team's rules — only people in the team, or someone acting for its owner in the
``team_decisions`` scope, take part — and work out when someone acts "on behalf of" the owner.
The engine itself refuses anyone outside the team's circle, so nobody outside can impose a
decision by calling it directly either.
"""

import datetime

from django.utils.translation import gettext as _

from coopcare import permissions  # noqa: F401  (registers the rules)
from coopcare.circles import consent
from coopcare.circles.consent_models import Proposal, ProposalKind, ProposalResponse
from coopcare.errors import DomainError, NotAllowed
from coopcare.teams.models import Scope, Team
from coopcare.teams.selectors import acts_for_owner, is_current_member

# What a team decides by proposal. Hats are nominated (services.hats), not proposed here.
TEAM_KINDS = (
    ProposalKind.TIMES,
    ProposalKind.NEW_MEMBER,
    ProposalKind.SUPPORT,
    ProposalKind.GENERAL,
)


def require_take_part(actor, team: Team) -> None:
    if not actor.has_perm("teams.take_part", team):
        raise NotAllowed(_("Only people in the team take part in its decisions."))
    if team.status == Team.Status.CLOSED:
        raise DomainError(_("This team has closed; it makes no new decisions."))


def may_act_for_owner(actor, team: Team) -> bool:
    """Someone other than the owner who may act for them in team decisions today."""
    return actor.pk != team.owner_id and acts_for_owner(actor, team, Scope.TEAM_DECISIONS)


def owner_or_none(actor, team: Team, for_owner: bool | None, *, asked_ids=None):
    """The owner when ``actor`` acts for them here, or None when they act for themself.

    ``for_owner=None`` decides by itself: someone who is not in the team themself (or, when
    answering, was not asked) but acts for the owner, acts for the owner.
    """
    acts = may_act_for_owner(actor, team)
    if for_owner is None:
        in_own_right = (
            actor.pk in asked_ids if asked_ids is not None else is_current_member(actor, team)
        )
        for_owner = acts and not in_own_right
    if for_owner and not acts:
        raise NotAllowed(_("You cannot act for the team's owner in team decisions."))
    return team.owner if for_owner else None


def _check_proposal(team: Team, proposal: Proposal) -> None:
    if proposal.circle_id != team.circle_id:
        raise DomainError(_("This proposal is not one of this team's."))


def propose_team_decision(
    actor,
    team: Team,
    *,
    kind: str,
    title: str,
    statement: str,
    reason: str,
    review_on: datetime.date | None = None,
    closes_at: datetime.datetime | None = None,
    asked=None,
    for_owner: bool | None = None,
    request=None,
) -> Proposal:
    """Propose a change to the team: times, a new member, what support is given, or other."""
    require_take_part(actor, team)
    if kind not in TEAM_KINDS:
        raise DomainError(_("Choose what the proposal is about."), field="kind")
    return consent.make_proposal(
        actor,
        team.circle,
        kind=kind,
        title=title,
        statement=statement,
        reason=reason,
        review_on=review_on,
        closes_at=closes_at,
        asked=asked,
        on_behalf_of=owner_or_none(actor, team, for_owner),
        request=request,
    )


def respond_to_team_decision(
    actor,
    team: Team,
    proposal: Proposal,
    answer: str,
    reason: str = "",
    *,
    for_owner: bool | None = None,
    request=None,
) -> ProposalResponse:
    """Answer "Can you live with this?" for oneself, or for the owner when acting for them."""
    require_take_part(actor, team)
    _check_proposal(team, proposal)
    asked_ids = set(proposal.asked.values_list("pk", flat=True))
    return consent.respond_to_proposal(
        actor,
        proposal,
        answer,
        reason,
        on_behalf_of=owner_or_none(actor, team, for_owner, asked_ids=asked_ids),
        request=request,
    )


def amend_team_decision(
    actor, team: Team, proposal: Proposal, *, note: str = "", request=None, **fields
) -> Proposal:
    require_take_part(actor, team)
    _check_proposal(team, proposal)
    return consent.amend_proposal(actor, proposal, note=note, request=request, **fields)


def withdraw_team_decision(
    actor, team: Team, proposal: Proposal, *, reason: str = "", request=None
) -> Proposal:
    require_take_part(actor, team)
    _check_proposal(team, proposal)
    return consent.withdraw_proposal(actor, proposal, reason=reason, request=request)

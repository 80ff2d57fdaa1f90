"""API endpoints for team decisions and team hat nominations: the same rules as the pages.

Someone outside the team gets 404 (no hint the team exists); someone who can see the team but not
take part in its decisions (a Team Starter) gets 403 on changes. People are named only where the
viewer may see their name; otherwise ``name`` is null.
"""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from coopcare.api.schemas import responses
from coopcare.circles import consent_selectors as selectors
from coopcare.circles.consent_models import HatNomination, Proposal
from coopcare.circles.models import HatType
from coopcare.errors import DomainError
from coopcare.teams.access import get_team_for
from coopcare.teams.services import decisions as services
from coopcare.teams.services import hats

router = Router()
PAGE_SIZE = 25


class PersonRef(Schema):
    id: int
    name: str | None = Field(
        description="Null when this person does not share their name with you."
    )


class ProposalItem(Schema):
    id: int
    kind: str
    title: str
    status: str
    version: int
    author: PersonRef
    on_behalf_of: PersonRef | None = Field(description="Whom the author acted for, if anyone.")
    created_at: datetime.datetime
    closes_at: datetime.datetime
    decided_at: datetime.datetime | None
    review_on: datetime.date


class AnswerOut(Schema):
    person: PersonRef = Field(description="Whose answer it is: one of the people asked.")
    answered_by: PersonRef = Field(description="Who gave it; differs when acting for someone.")
    version: int
    answer: str = Field(description="consent, concern or objection")
    reason: str
    updated_at: datetime.datetime


class AmendmentOut(Schema):
    version: int
    kind: str = Field(description="amend, shorten_term or add_measure")
    author: PersonRef
    on_behalf_of: PersonRef | None
    changes: dict[str, list[str]]
    note: str
    created_at: datetime.datetime


class ProposalDetail(ProposalItem):
    statement: str
    reason: str
    measure: str
    outcome_note: str
    asked: list[PersonRef]
    answers: list[AnswerOut] = Field(description="Answers to every version, newest version first.")
    amendments: list[AmendmentOut]


class ProposalIn(Schema):
    kind: str = Field(description="times, new_member, support or general")
    title: str
    statement: str
    reason: str
    review_on: datetime.date | None = None
    open_days: int = Field(7, ge=1, le=60)
    asked: list[int] | None = Field(None, description="Ids of the people it affects; all if null.")
    for_owner: bool | None = Field(None, description="Act on behalf of the owner.")


class AnswerIn(Schema):
    answer: str = Field(description="consent, concern or objection")
    reason: str = ""
    for_owner: bool | None = None


class AmendIn(Schema):
    title: str | None = None
    statement: str | None = None
    reason: str | None = None
    measure: str | None = None
    review_on: datetime.date | None = None
    note: str = ""


class WithdrawIn(Schema):
    reason: str = ""


class NominationIn(Schema):
    hat_type: str = Field(description="The slug of one of the essential team hats.")
    nominee: int
    reason: str
    review_on: datetime.date | None = None
    for_owner: bool | None = None


class NominationAnswerIn(Schema):
    accept: bool
    note: str = ""


class NominationOut(Schema):
    id: int
    hat_type: str
    nominee: PersonRef
    nominated_by: PersonRef
    on_behalf_of: PersonRef | None
    reason: str
    review_on: datetime.date
    status: str
    proposal: int | None
    hat: int | None


class HatTypeRef(Schema):
    slug: str
    name: str


def proposal_for(team, pk: int) -> Proposal:
    proposal = selectors.proposal_in(team.circle, pk)
    if proposal is None:
        raise Http404
    return proposal


def _ref(names: selectors.Names, pk: int | None) -> dict | None:
    return {"id": pk, "name": names.visible(pk)} if pk else None


def _item(proposal: Proposal, names: selectors.Names) -> dict[str, Any]:
    return {
        **{
            f: getattr(proposal, f)
            for f in ("id", "kind", "title", "status", "version", "created_at", "closes_at")
        },
        "decided_at": proposal.decided_at,
        "review_on": proposal.review_on,
        "author": _ref(names, proposal.author_id),
        "on_behalf_of": _ref(names, proposal.on_behalf_of_id),
    }


def _detail(viewer, proposal: Proposal) -> dict[str, Any]:
    page = selectors.decision_page(viewer, proposal)
    names: selectors.Names = page["names"]
    return {
        **_item(proposal, names),
        "statement": proposal.statement,
        "reason": proposal.reason,
        "measure": proposal.measure,
        "outcome_note": proposal.outcome_note,
        "asked": [_ref(names, p.pk) for p in proposal.asked.all()],
        "answers": [
            {
                "person": _ref(names, r.person_id),
                "answered_by": _ref(names, r.answered_by_id),
                **{f: getattr(r, f) for f in ("version", "answer", "reason", "updated_at")},
            }
            for r in proposal.responses.all()
        ],
        "amendments": [
            {
                "author": _ref(names, a.author_id),
                "on_behalf_of": _ref(names, a.on_behalf_of_id),
                **{f: getattr(a, f) for f in ("version", "kind", "changes", "note", "created_at")},
            }
            for a in proposal.amendments.all()
        ],
    }


def _nomination(viewer, nomination: HatNomination) -> dict[str, Any]:
    ids = [nomination.nominee_id, nomination.nominated_by_id, nomination.on_behalf_of_id]
    names = selectors.Names(viewer, ids)
    return {
        "id": nomination.pk,
        "hat_type": nomination.hat_type.slug,
        "nominee": _ref(names, nomination.nominee_id),
        "nominated_by": _ref(names, nomination.nominated_by_id),
        "on_behalf_of": _ref(names, nomination.on_behalf_of_id),
        **{f: getattr(nomination, f) for f in ("reason", "review_on", "status")},
        "proposal": nomination.proposal_id,
        "hat": nomination.hat_id,
    }


class DecisionPagination(PageNumberPagination):
    """Page numbers, with names resolved for the whole page in one query."""

    def paginate_queryset(self, queryset: QuerySet, pagination: Any, request, **params) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        _rows, names = selectors.proposal_rows(request.auth, page["items"])
        page["items"] = [_item(p, names) for p in page["items"]]
        return page


@router.get(
    "/teams/{team_id}/decisions",
    response=responses(list[ProposalItem], 404, 422),
    summary="A team's proposals and decisions",
)
@paginate(DecisionPagination, page_size=PAGE_SIZE)
def team_decision_list(request: HttpRequest, team_id: int) -> QuerySet:
    return selectors.proposals_in(get_team_for(request.auth, team_id).circle)


@router.post(
    "/teams/{team_id}/decisions",
    response=responses(ProposalDetail, 400, 403, 404, 422),
    summary="Propose a change to the team",
)
def team_decision_create(request: HttpRequest, team_id: int, body: ProposalIn) -> dict:
    team = get_team_for(request.auth, team_id, "take_part")
    asked = None
    if body.asked is not None:
        asked = list(selectors.participants(team.circle).filter(pk__in=body.asked))
        if len(asked) != len(set(body.asked)):
            raise DomainError(_("Only people in the team can be asked."), field="asked")
    proposal = services.propose_team_decision(
        request.auth,
        team,
        kind=body.kind,
        title=body.title,
        statement=body.statement,
        reason=body.reason,
        review_on=body.review_on,
        closes_at=timezone.now() + datetime.timedelta(days=body.open_days),
        asked=asked,
        for_owner=body.for_owner,
    )
    return _detail(request.auth, proposal_for(team, proposal.pk))


@router.get(
    "/teams/{team_id}/decisions/{proposal_id}",
    response=responses(ProposalDetail, 404),
    summary="One proposal, with its answers and amendments",
)
def team_decision_detail(request: HttpRequest, team_id: int, proposal_id: int) -> dict:
    team = get_team_for(request.auth, team_id)
    return _detail(request.auth, proposal_for(team, proposal_id))


@router.post(
    "/teams/{team_id}/decisions/{proposal_id}/answer",
    response=responses(AnswerOut, 400, 403, 404, 422),
    summary="Answer “Can you live with this?”",
)
def team_decision_answer(
    request: HttpRequest, team_id: int, proposal_id: int, body: AnswerIn
) -> dict:
    team = get_team_for(request.auth, team_id, "take_part")
    proposal = proposal_for(team, proposal_id)
    response = services.respond_to_team_decision(
        request.auth, team, proposal, body.answer, body.reason, for_owner=body.for_owner
    )
    names = selectors.Names(request.auth, [response.person_id, response.answered_by_id])
    return {
        "person": _ref(names, response.person_id),
        "answered_by": _ref(names, response.answered_by_id),
        **{f: getattr(response, f) for f in ("version", "answer", "reason", "updated_at")},
    }


@router.post(
    "/teams/{team_id}/decisions/{proposal_id}/amend",
    response=responses(ProposalDetail, 400, 403, 404, 422),
    summary="Amend a proposal (everyone is asked again)",
)
def team_decision_amend(
    request: HttpRequest, team_id: int, proposal_id: int, body: AmendIn
) -> dict:
    team = get_team_for(request.auth, team_id, "take_part")
    proposal = proposal_for(team, proposal_id)
    fields = body.dict(exclude_none=True, exclude={"note"})
    services.amend_team_decision(request.auth, team, proposal, note=body.note, **fields)
    return _detail(request.auth, proposal_for(team, proposal_id))


@router.post(
    "/teams/{team_id}/decisions/{proposal_id}/withdraw",
    response=responses(ProposalDetail, 400, 403, 404, 422),
    summary="Withdraw a proposal",
)
def team_decision_withdraw(
    request: HttpRequest, team_id: int, proposal_id: int, body: WithdrawIn
) -> dict:
    team = get_team_for(request.auth, team_id, "take_part")
    proposal = proposal_for(team, proposal_id)
    services.withdraw_team_decision(request.auth, team, proposal, reason=body.reason)
    return _detail(request.auth, proposal_for(team, proposal_id))


@router.get(
    "/teams/{team_id}/unheld-hats",
    response=responses(list[HatTypeRef], 404),
    summary="The essential team hats nobody wears",
)
def team_unheld_hats(request: HttpRequest, team_id: int) -> list[HatType]:
    return selectors.unheld_essential_hats(get_team_for(request.auth, team_id))


@router.post(
    "/teams/{team_id}/hat-nominations",
    response=responses(NominationOut, 400, 403, 404, 422),
    summary="Nominate someone in the team for an essential hat",
)
def team_hat_nominate(request: HttpRequest, team_id: int, body: NominationIn) -> dict:
    team = get_team_for(request.auth, team_id, "take_part")
    hat_type = hats.essential_hat_types().filter(slug=body.hat_type).first()
    nominee = selectors.participants(team.circle).filter(pk=body.nominee).first()
    if hat_type is None:
        raise DomainError(_("Choose one of the team's essential hats."), field="hat_type")
    if nominee is None:
        raise DomainError(_("Choose someone in the team to wear it."), field="nominee")
    nomination = hats.nominate_for_team_hat(
        request.auth,
        team,
        hat_type,
        nominee,
        body.reason,
        review_on=body.review_on,
        for_owner=body.for_owner,
    )
    return _nomination(request.auth, nomination)


def _nomination_in(team, nomination_id: int) -> HatNomination:
    nomination = selectors.nomination_in(team.circle, nomination_id)
    if nomination is None:
        raise Http404
    return nomination


@router.get(
    "/teams/{team_id}/hat-nominations/{nomination_id}",
    response=responses(NominationOut, 404),
    summary="One hat nomination",
)
def team_hat_nomination(request: HttpRequest, team_id: int, nomination_id: int) -> dict:
    team = get_team_for(request.auth, team_id)
    return _nomination(request.auth, _nomination_in(team, nomination_id))


@router.post(
    "/teams/{team_id}/hat-nominations/{nomination_id}/answer",
    response=responses(NominationOut, 400, 403, 404, 422),
    summary="The nominee accepts or declines",
)
def team_hat_nomination_answer(
    request: HttpRequest, team_id: int, nomination_id: int, body: NominationAnswerIn
) -> dict:
    team = get_team_for(request.auth, team_id)
    nomination = _nomination_in(team, nomination_id)
    hats.answer_hat_nomination(request.auth, team, nomination, body.accept, body.note)
    return _nomination(request.auth, _nomination_in(team, nomination_id))

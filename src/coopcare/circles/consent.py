"""The consent engine: make a proposal, answer it, amend it, withdraw it, close it.

The question asked of everyone is "Can you live with this?" (playbook §2.1). The rule that
decides a proposal, in full:

* It passes **as soon as everyone asked has answered the current version and nobody objects**
  (a concern is recorded, and does not stop it).
* Otherwise it stays open until ``closes_at`` (7 days unless the proposer chose otherwise). At
  that time, if an objection stands it is **not agreed**; if nobody objects and at least one
  person answered, it **passes** — everyone asked was told, and silence until the closing time
  is read as "I can live with it"; if nobody answered at all it **closes without a decision**.
* An objection does not end the proposal at once: it stays open so the proposer can integrate
  the objection by amending it (which asks everyone again) and the objector can change their
  answer. An objection needs a reason saying how the proposal would harm the circle's aim.

Each function takes the acting person first, checks the rules, changes state, writes an audit
event and notifies the people asked, in one transaction. ``consent_selectors.participants``
says who may take part, ``consent_selectors.acts_for`` who may answer for whom.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.circles import consent_selectors as selectors
from coopcare.circles.consent_models import (
    HatNomination,
    Proposal,
    ProposalAmendment,
    ProposalKind,
    ProposalResponse,
)
from coopcare.circles.models import Circle
from coopcare.circles.services import add_months, put_on_hat
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify

OPEN_DAYS = 7
REVIEW_MONTHS = 12
MAX_OPEN_DAYS = 60
Answer = ProposalResponse.Answer
Status = Proposal.Status


def _pk(person) -> int | None:
    return person.pk if person is not None else None


def _when(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def _acting_person(actor, circle: Circle, on_behalf_of) -> object:
    """The person whose place ``actor`` takes: themself, or someone they may act for."""
    if on_behalf_of is None or on_behalf_of.pk == actor.pk:
        if not selectors.takes_part(circle, actor):
            raise NotAllowed(
                _("Only people in %(circle)s take part in its decisions.") % {"circle": circle}
            )
        return actor
    if not selectors.acts_for(actor, on_behalf_of, circle):
        raise NotAllowed(
            _("You cannot act for %(person)s in this decision.") % {"person": on_behalf_of}
        )
    return on_behalf_of


def check_text(title: str, statement: str, reason: str) -> None:
    if not title.strip():
        raise DomainError(_("Give the proposal a short title."), field="title")
    if not statement.strip():
        raise DomainError(_("Say what you propose."), field="statement")
    if not reason.strip():
        raise DomainError(_("Say why you propose it."), field="reason")


def check_dates(review_on: datetime.date, closes_at: datetime.datetime) -> None:
    now = timezone.now()
    if closes_at <= now:
        raise DomainError(_("The closing time must be in the future."), field="closes_at")
    if closes_at > now + datetime.timedelta(days=MAX_OPEN_DAYS):
        raise DomainError(
            _("Keep a proposal open for %(days)d days at most.") % {"days": MAX_OPEN_DAYS},
            field="closes_at",
        )
    if review_on <= timezone.localdate(closes_at):
        raise DomainError(
            _("Every decision has a review date; choose one after the proposal closes."),
            field="review_on",
        )


def _ask(proposal: Proposal, people, title: str, body: str = "", skip=None) -> None:
    url = selectors.proposal_url(proposal)
    for person in people:
        if skip is None or person.pk != skip.pk:
            notify(person, "consent.asked", title, body=body, url=url)


@transaction.atomic
def make_proposal(
    actor,
    circle: Circle,
    *,
    kind: str,
    title: str,
    statement: str,
    reason: str,
    review_on: datetime.date | None = None,
    closes_at: datetime.datetime | None = None,
    asked=None,
    on_behalf_of=None,
    measure: str = "",
    request=None,
) -> Proposal:
    """Ask the people a change affects whether they can live with it.

    ``asked`` are the people it affects (default: everyone who takes part in the circle); each
    must take part. ``on_behalf_of`` is the person the actor acts for, if any.
    """
    _acting_person(actor, circle, on_behalf_of)
    if kind not in ProposalKind.values:
        raise DomainError(_("Choose what the proposal is about."), field="kind")
    title, statement, reason = title.strip(), statement.strip(), reason.strip()
    check_text(title, statement, reason)
    closes_at = closes_at or timezone.now() + datetime.timedelta(days=OPEN_DAYS)
    if review_on is None:
        review_on = add_months(timezone.localdate(closes_at), REVIEW_MONTHS)
    check_dates(review_on, closes_at)
    everyone = selectors.participants(circle)
    people = list(everyone if asked is None else everyone.filter(pk__in=[p.pk for p in asked]))
    if asked is not None and len(people) != len({p.pk for p in asked}):
        raise DomainError(
            _("Only people in %(circle)s can be asked.") % {"circle": circle}, field="asked"
        )
    if not people:
        raise DomainError(_("Choose at least one person it affects."), field="asked")
    on_behalf_of = on_behalf_of if on_behalf_of is not None and on_behalf_of != actor else None
    proposal = Proposal.objects.create(
        circle=circle,
        author=actor,
        on_behalf_of=on_behalf_of,
        kind=kind,
        title=title[:160],
        statement=statement,
        reason=reason,
        measure=measure.strip(),
        closes_at=closes_at,
        review_on=review_on,
    )
    proposal.asked.set(people)
    record(
        "consent.proposal_made",
        actor=actor,
        target=proposal,
        request=request,
        detail={
            "circle": circle.slug,
            "kind": kind,
            "on_behalf_of": _pk(on_behalf_of),
            "asked": sorted(p.pk for p in people),
            "closes_at": closes_at.isoformat(),
            "review_on": review_on.isoformat(),
        },
    )
    _ask(
        proposal,
        people,
        _("Can you live with this? %(title)s") % {"title": title},
        _("Please answer by %(when)s.") % {"when": _when(closes_at)},
        skip=actor,
    )
    return proposal


def _lock(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("circle")
        .get(pk=proposal.pk)
    )


def _refuse_if_closed(proposal: Proposal, field: str | None = None) -> None:
    if not proposal.is_open:
        raise DomainError(
            _("This proposal is closed: %(status)s.") % {"status": proposal.get_status_display()},
            field=field,
        )
    if proposal.closes_at <= timezone.now():
        raise DomainError(
            _("Answers closed at %(when)s.") % {"when": _when(proposal.closes_at)}, field=field
        )


@transaction.atomic
def respond_to_proposal(
    actor, proposal: Proposal, answer: str, reason: str = "", *, on_behalf_of=None, request=None
) -> ProposalResponse:
    """Answer "Can you live with this?" for the current version; answer again to change it."""
    proposal = _lock(proposal)
    person = _acting_person(actor, proposal.circle, on_behalf_of)
    _refuse_if_closed(proposal)
    if not proposal.asked.filter(pk=person.pk).exists():
        raise NotAllowed(_("%(person)s was not asked about this proposal.") % {"person": person})
    if answer not in Answer.values:
        raise DomainError(_("Choose whether you can live with it."), field="answer")
    reason = reason.strip()
    if answer == Answer.OBJECTION and not reason:
        raise DomainError(
            _("Say how the proposal would harm the aim, so it can be changed to meet it."),
            field="reason",
        )
    now = timezone.now()
    response, created = ProposalResponse.objects.get_or_create(
        proposal=proposal,
        person=person,
        version=proposal.version,
        defaults={"answered_by": actor, "answer": answer, "reason": reason, "created_at": now},
    )
    before = None if created else [response.answer, response.reason]
    if not created:
        response.answered_by, response.answer, response.reason = actor, answer, reason
        response.updated_at = now
        response.save(update_fields=["answered_by", "answer", "reason", "updated_at"])
    record(
        "consent.answered",
        actor=actor,
        target=proposal,
        subject=person,
        request=request,
        changes={"answer": [before[0] if before else None, answer]},
        detail={
            "version": proposal.version,
            "on_behalf_of": _pk(person if person != actor else None),
        },
    )
    if answer == Answer.OBJECTION and proposal.author_id != actor.pk:
        notify(
            proposal.author,
            "consent.objection",
            _("An objection to %(title)s") % {"title": proposal.title},
            body=_("You can amend the proposal to meet it before %(when)s.")
            % {"when": _when(proposal.closes_at)},
            url=selectors.proposal_url(proposal),
        )
    settle_proposal(proposal, now)
    return response


AMENDABLE = ("title", "statement", "reason", "review_on", "measure")


def _amendment_kind(changes: dict) -> str:
    fields = set(changes)
    if fields == {"review_on"} and changes["review_on"][1] < changes["review_on"][0]:
        return ProposalAmendment.Kind.SHORTEN_TERM
    if fields == {"measure"}:
        return ProposalAmendment.Kind.ADD_MEASURE
    return ProposalAmendment.Kind.AMEND


def may_steer(actor, proposal: Proposal) -> bool:
    """The author, the person they proposed for, or someone acting for that person."""
    if actor is None:
        return False
    if actor.pk in {proposal.author_id, proposal.on_behalf_of_id}:
        return True
    leader = proposal.on_behalf_of or proposal.author
    return selectors.acts_for(actor, leader, proposal.circle)


@transaction.atomic
def amend_proposal(
    actor, proposal: Proposal, *, note: str = "", request=None, **fields
) -> Proposal:
    """Change an open proposal to meet a concern or an objection.

    It becomes a new version: everyone is asked again, answers to earlier versions stay on the
    record but no longer count, and the closing time moves so people have time to answer.
    """
    unknown = set(fields) - set(AMENDABLE)
    if unknown:
        raise TypeError(f"amend_proposal() cannot change {', '.join(sorted(unknown))}")
    proposal = _lock(proposal)
    if not may_steer(actor, proposal):
        raise NotAllowed(_("Only the person who made a proposal can amend it."))
    _refuse_if_closed(proposal)
    if proposal.kind == ProposalKind.HAT_NOMINATION:
        raise DomainError(_("A hat nomination cannot be amended; withdraw it and nominate again."))
    values = {name: fields.get(name, getattr(proposal, name)) for name in AMENDABLE}
    for text in ("title", "statement", "reason", "measure"):
        values[text] = values[text].strip()
    check_text(values["title"], values["statement"], values["reason"])
    closes_at = max(proposal.closes_at, timezone.now() + datetime.timedelta(days=OPEN_DAYS))
    check_dates(values["review_on"], closes_at)
    changes = {
        name: [getattr(proposal, name), values[name]]
        for name in AMENDABLE
        if getattr(proposal, name) != values[name]
    }
    if not changes:
        raise DomainError(_("Change something in the proposal to amend it."))
    kind = _amendment_kind(changes)
    for name, (_before, after) in changes.items():
        setattr(proposal, name, after)
    proposal.version += 1
    proposal.closes_at = closes_at
    proposal.save(update_fields=[*changes, "version", "closes_at"])
    printable = {name: [str(before), str(after)] for name, (before, after) in changes.items()}
    on_behalf_of = proposal.on_behalf_of if actor.pk != proposal.on_behalf_of_id else None
    ProposalAmendment.objects.create(
        proposal=proposal,
        version=proposal.version,
        kind=kind,
        author=actor,
        on_behalf_of=on_behalf_of,
        changes=printable,
        note=note.strip(),
    )
    record(
        "consent.proposal_amended",
        actor=actor,
        target=proposal,
        request=request,
        changes=printable,
        detail={"version": proposal.version, "kind": kind, "on_behalf_of": _pk(on_behalf_of)},
    )
    _ask(
        proposal,
        selectors.participants(proposal.circle).filter(pk__in=proposal.asked.values("pk")),
        _("Changed: can you live with this now? %(title)s") % {"title": proposal.title},
        _("Your earlier answer no longer counts. Please answer by %(when)s.")
        % {"when": _when(closes_at)},
        skip=actor,
    )
    return proposal


@transaction.atomic
def withdraw_proposal(actor, proposal: Proposal, *, reason: str = "", request=None) -> Proposal:
    proposal = _lock(proposal)
    if not may_steer(actor, proposal):
        raise NotAllowed(_("Only the person who made a proposal can withdraw it."))
    if not proposal.is_open:
        raise DomainError(
            _("This proposal is closed: %(status)s.") % {"status": proposal.get_status_display()}
        )
    _decide(
        proposal, Status.WITHDRAWN, reason.strip()[:300] or _("Withdrawn by the proposer."), actor
    )
    return proposal


@transaction.atomic
def settle_proposal(proposal: Proposal, now: datetime.datetime | None = None) -> bool:
    """Decide an open proposal if the rule (module docstring) says it is decided; True if so."""
    now = now or timezone.now()
    if not proposal.is_open:
        return False
    count = selectors.tally(proposal)
    if count.everyone_answered and not count.objections:
        _decide(proposal, Status.CONSENTED, _("Everyone asked answered and nobody objected."))
        return True
    if proposal.closes_at > now:
        return False
    if count.objections:
        _decide(proposal, Status.OBJECTED, _("An objection stood when it closed."))
    elif count.answered:
        _decide(proposal, Status.CONSENTED, _("Nobody objected by the closing time."))
    else:
        _decide(proposal, Status.EXPIRED, _("Nobody answered by the closing time."))
    return True


def close_due_proposals(now: datetime.datetime | None = None) -> int:
    """Decide every open proposal whose closing time has come; returns how many were decided.

    Each proposal is decided in its own transaction, so one that fails leaves the others decided.
    Safe to run again: a decided proposal is never decided twice.
    """
    now = now or timezone.now()
    due = Proposal.objects.filter(status=Status.OPEN, closes_at__lte=now).values_list(
        "pk", flat=True
    )
    decided = 0
    for pk in list(due):
        with transaction.atomic():
            proposal = (
                Proposal.objects.select_for_update(of=("self",)).select_related("circle").get(pk=pk)
            )
            decided += settle_proposal(proposal, now)
    return decided


def _decide(proposal: Proposal, status: str, note: str, actor=None) -> None:
    proposal.status = status
    proposal.decided_at = timezone.now()
    proposal.outcome_note = note[:300]
    proposal.save(update_fields=["status", "decided_at", "outcome_note"])
    record(
        "consent.proposal_decided",
        actor=actor,
        target=proposal,
        changes={"status": [Status.OPEN, status]},
        detail={"version": proposal.version, "note": proposal.outcome_note},
    )
    nomination = HatNomination.objects.filter(proposal=proposal).first()
    if nomination is not None:
        _settle_nomination(nomination, proposal)
    people = {p.pk: p for p in proposal.asked.all()}
    people.setdefault(proposal.author_id, proposal.author)
    title = _("Decided: %(title)s — %(status)s") % {
        "title": proposal.title,
        "status": proposal.get_status_display(),
    }
    url = selectors.proposal_url(proposal)
    for person in people.values():
        if actor is None or person.pk != actor.pk:
            notify(person, "consent.decided", title, body=proposal.outcome_note, url=url)


def _settle_nomination(nomination: HatNomination, proposal: Proposal) -> None:
    """Both the wearer and the circle consented: put the hat on. Anything else: not agreed."""
    if proposal.status != Status.CONSENTED:
        nomination.status = (
            HatNomination.Status.WITHDRAWN
            if proposal.status == Status.WITHDRAWN
            else HatNomination.Status.NOT_AGREED
        )
        nomination.outcome_note = proposal.outcome_note
        nomination.save(update_fields=["status", "outcome_note"])
        return
    try:
        # A savepoint: if the hat cannot go on (the nominee left meanwhile), the decision
        # still stands and the nomination says why the hat is not on.
        with transaction.atomic():
            hat = put_on_hat(
                None,
                nomination.circle,
                nomination.hat_type,
                nomination.nominee,
                timezone.localdate(),
                review_on=max(nomination.review_on, timezone.localdate()),
            )
    except DomainError as error:
        nomination.status = HatNomination.Status.NOT_AGREED
        nomination.outcome_note = error.message[:300]
        nomination.save(update_fields=["status", "outcome_note"])
        return
    nomination.status = HatNomination.Status.AGREED
    nomination.hat = hat
    nomination.outcome_note = proposal.outcome_note
    nomination.save(update_fields=["status", "hat", "outcome_note"])
    record(
        "consent.hat_nomination_agreed",
        target=nomination,
        subject=nomination.nominee,
        detail={"proposal": proposal.pk, "hat": hat.pk, "review_on": hat.review_on.isoformat()},
    )

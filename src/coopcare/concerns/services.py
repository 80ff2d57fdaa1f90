"""Raising a concern, moving it through the tracker, and recording who reads it.

Audit events name the concern but never copy what it says: the audit log has a wider audience
than the people handling a concern.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record, record_read
from coopcare.concerns import selectors
from coopcare.concerns.models import (
    TRANSITIONS,
    Concern,
    ConcernEntry,
    Kind,
    Safeguarding,
    State,
)
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify
from coopcare.teams.selectors import teams_of

MAX_TEXT = 10_000


def _text(value: str, field: str, required_message: str = "") -> str:
    value = (value or "").strip()
    if required_message and not value:
        raise DomainError(required_message, field=field)
    if len(value) > MAX_TEXT:
        raise DomainError(
            _("Keep this to %(n)d characters or fewer.") % {"n": MAX_TEXT}, field=field
        )
    return value


def concern_url(concern: Concern) -> str:
    return reverse("concerns:detail", args=[concern.pk])


@transaction.atomic
def raise_concern(
    actor,
    *,
    what_happened: str,
    safeguarding: str,
    team=None,
    kind: str = Kind.CONCERN,
    happened_when: str = "",
    who_it_concerns: str = "",
    wants_reply: bool = False,
    share_name: bool = False,
    request=None,
) -> Concern:
    """Raise a concern (or feedback) and tell the people who will handle it.

    It goes to the Coaches of the routed circles (``selectors.routing_circles``) and, when it
    is or may be about safeguarding and about a team, to that team's Safeguarding Lead too.
    """
    if kind not in Kind.values:
        raise DomainError(_("Say whether this is a concern or feedback."), field="kind")
    if team is not None and not teams_of(actor).filter(pk=team.pk).exists():
        raise DomainError(_("Choose one of your own teams, or none."), field="team")
    what_happened = _text(what_happened, "what_happened", _("Say what happened."))
    happened_when = _text(happened_when, "happened_when")[:200]
    who_it_concerns = _text(who_it_concerns, "who_it_concerns")
    if safeguarding not in Safeguarding.values:
        raise DomainError(
            _("Say whether it is about someone's safety: yes, no or not sure."),
            field="safeguarding",
        )
    circles = selectors.routing_circles(actor, team)
    to_lead = team is not None and safeguarding != Safeguarding.NO
    handlers = selectors.coaches_in(circles)
    if to_lead:
        handlers = handlers | selectors.safeguarding_leads_of(team)
    handlers = list(handlers.distinct().order_by("pk"))
    if not handlers:
        raise DomainError(
            _(
                "Nobody is wearing the Coach hat yet, so there is no one to send this to here. "
                "Please email %(email)s, or if someone is in danger call 999."
            )
            % {"email": settings.CONTACT_EMAIL}
        )
    now = timezone.now()
    concern = Concern.objects.create(
        reporter=actor,
        team=team,
        kind=kind,
        what_happened=what_happened,
        happened_when=happened_when,
        who_it_concerns=who_it_concerns,
        safeguarding=safeguarding,
        wants_reply=bool(wants_reply),
        share_name=bool(share_name),
        to_safeguarding_lead=to_lead,
        created_at=now,
        updated_at=now,
    )
    concern.routed_circles.set(circles)
    record(
        "concerns.raised",
        actor=actor,
        target=concern,
        subject=actor,
        request=request,
        detail={
            "team": team.pk if team else None,
            "safeguarding": safeguarding,
            "routed_circles": sorted(c.slug for c in circles),
            "to_safeguarding_lead": to_lead,
            "told": [person.pk for person in handlers],
        },
    )
    _tell_handlers(actor, concern, handlers)
    return concern


def _tell_handlers(actor, concern: Concern, handlers: list) -> None:
    """No details in the notification (it may be emailed): the handler reads it here."""
    if concern.is_about_safeguarding:
        title = _("A safeguarding concern has been raised")
    elif concern.kind == Kind.FEEDBACK:
        title = _("Feedback has been shared")
    else:
        title = _("A concern has been raised")
    body = (
        _("It is about %(team)s.") % {"team": concern.team.name}
        if concern.team_id
        else _("It is not about a particular team.")
    )
    for person in handlers:
        if person.pk != actor.pk:
            notify(person, "concerns.raised", title, body=body, url=concern_url(concern))


@transaction.atomic
def update_concern(
    actor,
    concern: Concern,
    *,
    state: str,
    note: str,
    outcome: str = "",
    for_reporter: bool = False,
    request=None,
) -> ConcernEntry:
    """Add a dated entry: move the concern on (or keep its state) with a note.

    Moves follow ``TRANSITIONS``: "reviewed" comes only after an outcome, and an outcome needs
    its text. A note marked ``for_reporter`` is shown to the person who raised the concern.
    """
    concern = Concern.objects.select_for_update(of=("self",)).get(pk=concern.pk)
    if not actor.has_perm("concerns.update_concern", concern):
        raise NotAllowed(_("Only the people handling this concern can change it."))
    before = concern.state
    if state not in State.values:
        raise DomainError(_("Choose what state the concern is in now."), field="state")
    if state != before and state not in TRANSITIONS[before]:
        if state == State.REVIEWED:
            message = _("Record the outcome before marking the concern reviewed.")
        else:
            message = _("A concern that is “%(now)s” cannot move to “%(to)s”.") % {
                "now": State(before).label,
                "to": State(state).label,
            }
        raise DomainError(message, field="state")
    note = _text(note, "note", _("Write a note saying what happened or what was decided."))
    outcome = _text(outcome, "outcome")
    if state == State.OUTCOME:
        # Staying at "outcome" with only a note keeps the outcome already recorded.
        outcome = outcome or (concern.outcome if before == State.OUTCOME else "")
        if not outcome:
            raise DomainError(_("Describe the outcome."), field="outcome")
        concern.outcome = outcome
    elif outcome:
        raise DomainError(_("Choose “Outcome reached” to record an outcome."), field="outcome")
    entry = ConcernEntry.objects.create(
        concern=concern,
        author=actor,
        from_state=before,
        to_state=state,
        note=note,
        for_reporter=bool(for_reporter),
    )
    concern.state = state
    concern.updated_at = entry.created_at
    concern.save(update_fields=["state", "outcome", "updated_at"])
    record(
        "concerns.state_changed" if state != before else "concerns.note_added",
        actor=actor,
        target=concern,
        subject=concern.reporter,
        request=request,
        changes={"state": [before, state]} if state != before else {},
        detail={"entry": entry.pk, "for_reporter": entry.for_reporter},
    )
    if entry.for_reporter and concern.reporter_id != actor.pk:
        notify(
            concern.reporter,
            "concerns.updated",
            _("An update on something you raised"),
            body=_("It is now: %(state)s.") % {"state": State(state).label},
            url=concern_url(concern),
        )
    return entry


@transaction.atomic
def read_concern(actor, concern: Concern, request=None) -> None:
    """Record a handler's read in the access log of the person who raised it."""
    if concern.reporter_id != actor.pk:
        record_read(
            "concerns.concern_viewed",
            actor=actor,
            target=concern,
            subject=concern.reporter,
            request=request,
            purpose="handling a concern",
        )

"""Changes by consent: moving or cancelling a confirmed appointment, and the owner's outright
cancellation.

A confirmed appointment is a promise between people: the person getting support (or someone
acting for them) and every giver who has joined. Moving or cancelling it is a ``ChangeRequest``
that each of them must say yes to before the visit starts; one no ends it, and nobody else can
impose it (docs/decisions/0008-appointment-changes.md). The owner's side may still cancel
outright, with a reason: it is their support. A cancellation inside the circle's notice period
is flagged as late for the money rules.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify
from coopcare.teams.selectors import acting_detail, acts_for_owner
from coopcare.visits.models import Appointment, Attendee, ChangeAnswer, ChangeRequest
from coopcare.visits.services import booking

MAX_REASON = 1000
MAX_ANSWER_REASON = 300


def url_of(change: ChangeRequest) -> str:
    return reverse("visits:change", args=[change.pk])


def _lock(appointment: Appointment) -> Appointment:
    """The appointment, locked: every change to it (and to its requests) queues behind this."""
    return (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("team__owner", "team__circle")
        .get(pk=appointment.pk)
    )


def _lock_change(change: ChangeRequest) -> tuple[ChangeRequest, Appointment]:
    appointment = _lock(change.appointment)
    change = ChangeRequest.objects.select_for_update(of=("self",)).get(pk=change.pk)
    change.appointment = appointment
    return change, appointment


def affected_people(appointment: Appointment) -> list:
    """Who must agree to a change: the owner, then every giver who has joined."""
    people = {appointment.team.owner_id: appointment.team.owner}
    joined = (
        Attendee.objects.filter(
            appointment=appointment,
            role=Attendee.Role.GIVER,
            response=Attendee.Response.JOINED,
        )
        .select_related("person")
        .order_by("id")
    )
    for attendee in joined:
        people.setdefault(attendee.person_id, attendee.person)
    return list(people.values())


def answerable_for(actor, change: ChangeRequest) -> list:
    """The asked people whose answer ``actor`` may give now: themself, and the owner when they
    act for the owner. Empty once the request is closed."""
    if change.status != ChangeRequest.Status.OPEN or not getattr(actor, "is_authenticated", False):
        return []
    team = change.appointment.team
    answered = set(change.answers.values_list("person_id", flat=True))
    people = []
    for person in change.asked.all():
        if person.pk in answered:
            continue
        if person.pk == actor.pk or (person.pk == team.owner_id and acts_for_owner(actor, team)):
            people.append(person)
    return people


def describe_change(change: ChangeRequest) -> str:
    """'Move it to Monday 3 March 2025, 11:00–12:00' or 'Cancel it'."""
    if change.kind == ChangeRequest.Kind.MOVE:
        return _("Move it to %(when)s") % {
            "when": booking.describe_time(change.new_starts_at, change.new_ends_at)
        }
    return _("Cancel it")


def _check_reason(reason: str, limit: int = MAX_REASON, *, required: bool = True) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise DomainError(_("Say why, so everyone understands."), field="reason")
    if len(reason) > limit:
        raise DomainError(_("Keep the reason to %(n)s characters.") % {"n": limit}, field="reason")
    return reason


def _check_changeable(appointment: Appointment, now: datetime.datetime) -> None:
    if appointment.status == Appointment.Status.CANCELLED:
        raise DomainError(_("This appointment was cancelled."))
    if appointment.status != Appointment.Status.CONFIRMED:
        raise DomainError(
            _(
                "This appointment is not confirmed yet: the people who arrange the rota change "
                "it directly."
            )
        )
    if appointment.starts_at <= now:
        raise DomainError(_("This appointment has already started, so it cannot be changed."))


def _tell(people, actor, kind: str, title: str, body: str, url: str) -> None:
    seen: set[int] = set()
    for person in people:
        if person.pk in seen or (actor is not None and person.pk == actor.pk):
            continue
        seen.add(person.pk)
        notify(person, kind, title, body, url)


def _audit(action: str, actor, appointment: Appointment, request=None, **detail) -> None:
    """An audit event about the appointment, saying whom the actor acted for."""
    record(
        action,
        actor=actor,
        target=appointment,
        subject=appointment.team.owner,
        request=request,
        detail={**detail, **acting_detail(actor, appointment.team)},
    )


def _owner_side_others(appointment: Appointment) -> list:
    """Those acting for the owner (who may answer for them), without the owner."""
    return [p for p in booking.owner_side(appointment.team) if p.pk != appointment.team.owner_id]


# --- Asking -------------------------------------------------------------------------------------


@transaction.atomic
def request_change(
    actor,
    appointment: Appointment,
    *,
    kind: str,
    new_starts_at: datetime.datetime | None = None,
    new_ends_at: datetime.datetime | None = None,
    reason: str,
    request=None,
) -> ChangeRequest:
    """Ask the people in a confirmed appointment to move or cancel it.

    The owner (or someone acting for them) and each giver who has joined are asked; the
    proposer's own answer is a yes. Planned appointments are not asked about: nobody has
    committed to them yet, so the people who arrange the rota edit them directly.
    """
    now = timezone.now()
    appointment = _lock(appointment)
    team = appointment.team
    if not actor.has_perm("visits.request_change", appointment):
        raise NotAllowed(_("Only the people in this appointment ask to change it."))
    _check_changeable(appointment, now)
    if kind not in ChangeRequest.Kind.values:
        raise DomainError(_("Choose whether to move it or cancel it."), field="kind")
    reason = _check_reason(reason)
    if kind == ChangeRequest.Kind.MOVE:
        booking.check_times(new_starts_at, new_ends_at)
        if (new_starts_at, new_ends_at) == (appointment.starts_at, appointment.ends_at):
            raise DomainError(
                _("That is already when it is. Choose a new time."), field="starts_at"
            )
    else:
        new_starts_at = new_ends_at = None
    asked = affected_people(appointment)
    acting_for_owner = actor.pk != team.owner_id and acts_for_owner(actor, team)
    own_answers = [p for p in asked if p.pk == actor.pk]
    if acting_for_owner:
        own_answers.append(team.owner)
    if not own_answers:
        # A giver who was asked but has not joined (or declined) has nothing to change yet.
        raise NotAllowed(_("Only the people in this appointment ask to change it."))
    if appointment.change_requests.filter(status=ChangeRequest.Status.OPEN).exists():
        raise DomainError(_("A change to this appointment is already being asked about."))
    try:
        with transaction.atomic():
            change = ChangeRequest.objects.create(
                appointment=appointment,
                kind=kind,
                new_starts_at=new_starts_at,
                new_ends_at=new_ends_at,
                reason=reason,
                proposed_by=actor,
                on_behalf_of=team.owner if acting_for_owner else None,
                created_at=now,
            )
    except IntegrityError:
        # Someone else asked a moment ago (the partial unique index refused this one).
        raise DomainError(_("A change to this appointment is already being asked about.")) from None
    change.asked.set(asked)
    ChangeAnswer.objects.bulk_create(
        ChangeAnswer(
            change_request=change,
            person=person,
            answered_by=actor,
            answer=ChangeAnswer.Answer.YES,
            created_at=now,
        )
        for person in own_answers
    )
    _audit(
        "visits.change_requested",
        actor,
        appointment,
        request,
        change_request=change.pk,
        kind=kind,
        new_starts_at=new_starts_at.isoformat() if new_starts_at else None,
        new_ends_at=new_ends_at.isoformat() if new_ends_at else None,
    )
    what = describe_change(change)
    when = booking.describe_time(appointment.starts_at, appointment.ends_at)
    waiting = [p for p in asked if p not in own_answers]
    people = list(waiting)
    if team.owner in waiting:
        people += _owner_side_others(appointment)
    _tell(
        people,
        actor,
        "visits.change_requested",
        _("%(person)s asks: %(what)s? (%(title)s, %(when)s)")
        % {"person": actor, "what": what, "title": appointment.title, "when": when},
        _("It changes only if everyone asked says yes before the visit starts. Why: %(reason)s")
        % {"reason": reason},
        url_of(change),
    )
    if acting_for_owner:
        _tell(
            [team.owner],
            actor,
            "visits.change_requested",
            _("%(person)s asked, for you: %(what)s? (%(title)s, %(when)s)")
            % {"person": actor, "what": what, "title": appointment.title, "when": when},
            reason,
            url_of(change),
        )
    return change


# --- Answering ----------------------------------------------------------------------------------


@transaction.atomic
def answer_change(
    actor,
    change: ChangeRequest,
    answer: str,
    reason: str = "",
    on_behalf_of_owner: bool = False,
    request=None,
) -> ChangeRequest:
    """Say yes or no to a change. One no ends it; the last yes makes it happen.

    Making it happen re-checks every giver's time: if one of them is now booked elsewhere at
    the new time, this answer fails with the clash and nothing at all changes.
    """
    now = timezone.now()
    change, appointment = _lock_change(change)
    team = appointment.team
    asked_ids = set(change.asked.values_list("pk", flat=True))
    acts_for = acts_for_owner(actor, team)
    if on_behalf_of_owner:
        if not acts_for:
            raise NotAllowed(_("Only someone acting for the owner answers for them."))
        person = team.owner
    elif actor.pk in asked_ids:
        person = actor
    elif acts_for:
        person = team.owner
    else:
        raise NotAllowed(_("Only the people asked answer a change to this appointment."))
    if change.status != ChangeRequest.Status.OPEN:
        raise DomainError(
            _("This request is closed: %(status)s.") % {"status": change.get_status_display()}
        )
    if appointment.status == Appointment.Status.CANCELLED:
        raise DomainError(_("This appointment was cancelled."))
    if appointment.starts_at <= now:
        raise DomainError(_("The visit has started, so this request can no longer be agreed."))
    if answer not in ChangeAnswer.Answer.values:
        raise DomainError(_("Answer yes or no."), field="answer")
    reason = _check_reason(reason, MAX_ANSWER_REASON, required=False)
    if change.answers.filter(person=person).exists():
        if person.pk == actor.pk:
            raise DomainError(_("You have already answered."))
        raise DomainError(_("%(person)s has already answered.") % {"person": person})
    ChangeAnswer.objects.create(
        change_request=change,
        person=person,
        answered_by=actor,
        answer=answer,
        reason=reason,
        created_at=now,
    )
    _audit(
        "visits.change_answered",
        actor,
        appointment,
        request,
        change_request=change.pk,
        answer=answer,
        person=person.pk,
    )
    asked = list(change.asked.all())
    what = describe_change(change)
    when = booking.describe_time(appointment.starts_at, appointment.ends_at)
    if answer == ChangeAnswer.Answer.NO:
        _decide(change, ChangeRequest.Status.DECLINED, now)
        _audit("visits.change_declined", actor, appointment, request, change_request=change.pk)
        _tell(
            [*asked, change.proposed_by, *_owner_side_others(appointment)],
            actor,
            "visits.change_decided",
            _("Not agreed: %(what)s (%(title)s, %(when)s)")
            % {"what": what, "title": appointment.title, "when": when},
            " ".join(
                [_("%(person)s said no. The appointment stays as it was.") % {"person": person}]
                + ([reason] if reason else [])
            ),
            url_of(change),
        )
        return change
    answered = set(change.answers.values_list("person_id", flat=True))
    if answered >= asked_ids:
        _apply(change, appointment, actor, request)
        _decide(change, ChangeRequest.Status.AGREED, now)
    return change


def _decide(change: ChangeRequest, status: str, now: datetime.datetime) -> None:
    change.status = status
    change.decided_at = now
    change.save(update_fields=["status", "decided_at"])


def _apply(change: ChangeRequest, appointment: Appointment, actor, request) -> None:
    """Everyone said yes: move or cancel the appointment and tell everyone in it."""
    if change.kind == ChangeRequest.Kind.CANCEL:
        # booking.cancel tells everyone attending and the people who arrange the rota.
        booking.cancel(
            appointment,
            actor,
            change.reason,
            late=booking.is_late_cancellation(appointment),
            request=request,
        )
        _audit("visits.change_agreed", actor, appointment, request, change_request=change.pk)
        return
    before = booking.describe_time(appointment.starts_at, appointment.ends_at)
    booking.move(
        appointment, change.new_starts_at, change.new_ends_at, viewer=actor, request=request
    )
    _audit("visits.change_agreed", actor, appointment, request, change_request=change.pk)
    people = [
        a.person
        for a in appointment.attendees.select_related("person").exclude(
            response=Attendee.Response.DECLINED
        )
    ]
    _tell(
        [*people, *booking.arrangers(appointment.team)],
        actor,
        "visits.changed",
        _("Moved: %(title)s is now %(when)s")
        % {
            "title": appointment.title,
            "when": booking.describe_time(appointment.starts_at, appointment.ends_at),
        },
        _("Everyone asked agreed. It was %(before)s.") % {"before": before},
        booking.url_of(appointment),
    )


@transaction.atomic
def withdraw_change(actor, change: ChangeRequest, request=None) -> ChangeRequest:
    """The person who asked takes it back; the appointment stays as it was."""
    change, appointment = _lock_change(change)
    if change.proposed_by_id != actor.pk:
        raise NotAllowed(_("Only the person who asked withdraws a request."))
    if change.status != ChangeRequest.Status.OPEN:
        raise DomainError(
            _("This request is closed: %(status)s.") % {"status": change.get_status_display()}
        )
    _decide(change, ChangeRequest.Status.WITHDRAWN, timezone.now())
    _audit("visits.change_withdrawn", actor, appointment, request, change_request=change.pk)
    _tell(
        [*change.asked.all(), *_owner_side_others(appointment)],
        actor,
        "visits.change_decided",
        _("Withdrawn: %(what)s (%(title)s, %(when)s)")
        % {
            "what": describe_change(change),
            "title": appointment.title,
            "when": booking.describe_time(appointment.starts_at, appointment.ends_at),
        },
        _("%(person)s no longer asks for this change.") % {"person": actor},
        url_of(change),
    )
    return change


def lapse_changes(now: datetime.datetime | None = None) -> int:
    """Periodic job: requests still open when their visit starts (or is cancelled) lapse.

    Idempotent: only open requests are touched. Returns how many lapsed.
    """
    now = now or timezone.now()
    over = Q(appointment__starts_at__lte=now) | Q(appointment__status=Appointment.Status.CANCELLED)
    return (
        ChangeRequest.objects.filter(status=ChangeRequest.Status.OPEN)
        .filter(over)
        .update(status=ChangeRequest.Status.LAPSED, decided_at=now)
    )


# --- Cancelling outright ------------------------------------------------------------------------


@transaction.atomic
def cancel_outright(actor, appointment: Appointment, reason: str, request=None) -> Appointment:
    """The owner (or someone acting for them to arrange support) cancels, with a reason.

    No consent is needed: it is their support. Inside the circle's notice period the
    cancellation is flagged as late, which the money rules read. A request still open about this
    appointment is overtaken, so it is closed as withdrawn.
    """
    appointment = _lock(appointment)
    if not actor.has_perm("visits.cancel_outright", appointment):
        raise NotAllowed(_("Only the owner, or someone acting for them, cancels outright."))
    booking.check_not_over(appointment)
    reason = _check_reason(reason)
    now = timezone.now()
    booking.cancel(
        appointment,
        actor,
        reason,
        late=booking.is_late_cancellation(appointment, now),
        request=request,
    )
    ChangeRequest.objects.filter(appointment=appointment, status=ChangeRequest.Status.OPEN).update(
        status=ChangeRequest.Status.WITHDRAWN, decided_at=now
    )
    return appointment

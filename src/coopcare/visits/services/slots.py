"""Open slots: an appointment nobody has joined, offered to the whole team; the first eligible
member to take it becomes its giver.

Taking is race-safe: the appointment row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite's
immediate transactions take the whole database's write lock), and ``open_slot`` is read again
under the lock. Of many people pressing "Take this slot" at once, exactly one finds it still
open; everyone after them is told it has gone.
"""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify
from coopcare.teams.models import MemberKind, Team, TeamMember
from coopcare.teams.selectors import acting_detail
from coopcare.visits import selectors
from coopcare.visits.models import Appointment, Attendee
from coopcare.visits.services import booking


def _lock(appointment: Appointment) -> Appointment:
    return (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("team__owner", "team__circle")
        .get(pk=appointment.pk)
    )


def _audit(action: str, actor, appointment: Appointment, request=None, **detail) -> None:
    record(
        action,
        actor=actor,
        target=appointment,
        subject=appointment.team.owner,
        request=request,
        detail={**detail, **acting_detail(actor, appointment.team)},
    )


def may_give(member: TeamMember, support_kinds) -> bool:
    """A current member other than the owner; a volunteer never takes regulated support."""
    if member.kind == MemberKind.OWNER:
        return False
    return not (member.kind == MemberKind.VOLUNTEER and set(support_kinds) & booking.REGULATED)


def eligible_people(appointment: Appointment) -> list:
    """Team members who could take this slot."""
    members = (
        TeamMember.objects.current()
        .filter(team_id=appointment.team_id)
        .exclude(kind=MemberKind.OWNER)
        .select_related("person")
        .order_by("id")
    )
    people = {}
    for member in members:
        if may_give(member, appointment.support_kinds):
            people.setdefault(member.person_id, member.person)
    return list(people.values())


def has_joined_giver(appointment: Appointment) -> bool:
    return Attendee.objects.filter(
        appointment=appointment, role=Attendee.Role.GIVER, response=Attendee.Response.JOINED
    ).exists()


@transaction.atomic
def offer_slot(actor, appointment: Appointment, request=None) -> Appointment:
    """Offer an appointment nobody has joined yet to the whole team.

    Anyone already asked stays asked; whoever takes it first becomes a giver.
    """
    appointment = _lock(appointment)
    if not actor.has_perm("visits.arrange", appointment):
        raise NotAllowed(
            _("Only the owner, someone acting for them, or the Rota Holder offers a slot.")
        )
    booking.check_not_over(appointment)
    if appointment.open_slot:
        raise DomainError(_("This appointment is already offered to the team."))
    if appointment.status != Appointment.Status.PLANNED or has_joined_giver(appointment):
        raise DomainError(_("Someone has already joined this appointment, so it is not open."))
    appointment.open_slot = True
    appointment.updated_at = timezone.now()
    appointment.save(update_fields=["open_slot", "updated_at"])
    _audit("visits.slot_offered", actor, appointment, request)
    when = booking.describe_time(appointment.starts_at, appointment.ends_at)
    for person in eligible_people(appointment):
        if person.pk != actor.pk:
            notify(
                person,
                "visits.open_slot",
                _("Can you take it? %(title)s, %(when)s")
                % {"title": appointment.title, "when": when},
                _("%(team)s needs someone. The first to take it gets it.")
                % {"team": appointment.team.name},
                booking.url_of(appointment),
            )
    return appointment


@transaction.atomic
def take_slot(actor, appointment: Appointment, request=None) -> Attendee:
    """Take an open slot: become its giver, holding the time like anyone who joins."""
    if not actor.has_perm("visits.take_open_slot", appointment):
        raise NotAllowed(_("Only members of the team who give support take a slot."))
    # Everyone racing for the slot queues here; the first to get the lock takes it.
    appointment = _lock(appointment)
    if not appointment.open_slot:
        if has_joined_giver(appointment):
            raise DomainError(_("Someone has already taken this slot."))
        raise DomainError(_("This appointment is not offered to the team."))
    booking.check_not_over(appointment)
    booking.check_giver(appointment.team, actor, appointment.support_kinds)
    booking.check_learning(actor, appointment)
    attendee = (
        Attendee.objects.select_for_update(of=("self",))
        .filter(appointment=appointment, person=actor)
        .first()
    ) or Attendee(appointment=appointment, person=actor)
    travel = booking.travel_minutes_of(actor)
    attendee.role = Attendee.Role.GIVER
    attendee.response = Attendee.Response.JOINED
    attendee.responded_at = timezone.now()
    attendee.decline_reason = ""
    attendee.travel_minutes = travel
    attendee.rate_pence = booking.rate_of(actor)
    attendee.busy_from, attendee.busy_until = booking.busy_range(appointment, travel)
    booking.claim_time(actor, attendee)
    appointment.open_slot = False
    appointment.updated_at = timezone.now()
    appointment.save(update_fields=["open_slot", "updated_at"])
    confirmed = booking.refresh_status(appointment)
    _audit("visits.slot_taken", actor, appointment, request, rate_pence=attendee.rate_pence)
    when = booking.describe_time(appointment.starts_at, appointment.ends_at)
    for person in booking.arrangers(appointment.team):
        if person.pk != actor.pk:
            notify(
                person,
                "visits.confirmed" if confirmed else "visits.answered",
                _("%(person)s took the open slot: %(title)s, %(when)s")
                % {"person": actor, "title": appointment.title, "when": when},
                url=booking.url_of(appointment),
            )
    return attendee


def open_slots_for(team: Team, now: datetime.datetime | None = None) -> QuerySet:
    """The team's open slots still to come, soonest first."""
    now = now or timezone.now()
    return (
        Appointment.objects.filter(team=team, open_slot=True, ends_at__gt=now)
        .exclude(status=Appointment.Status.CANCELLED)
        .select_related("team")
        .order_by("starts_at", "id")
    )


def slots_person_may_take(team: Team, person, now: datetime.datetime | None = None) -> list:
    """Open slots ``person`` could take: none for someone who gives no support in the team, and
    for a volunteer only those without personal care or medicines.

    A team has few open slots at a time, so the kinds (a JSON list) are checked in Python.
    """
    member = selectors.membership_of(team, person)
    if member is None:
        return []
    return [a for a in open_slots_for(team, now) if may_give(member, a.support_kinds)]

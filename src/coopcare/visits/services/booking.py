"""Booking: making an appointment, givers joining or declining, and the no-double-booking rule.

The rule: a giver never holds two appointments whose times overlap, counting the travel time from
their Giving Support Profile after each one. ``_claim_time`` checks it with one indexed query
inside the caller's transaction. On SQLite every transaction is IMMEDIATE (it takes the write
lock when it begins), so two bookings can never interleave between the check and the write. On
PostgreSQL two transactions can, and the exclusion constraint of migration 0002 refuses the second
one; ``_claim_time`` turns that refusal into the same message.
"""

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify
from coopcare.starting.gates import check_team_support_allowed
from coopcare.starting.models import NEEDS_VISIT, SupportKind
from coopcare.teams.models import MemberKind, Team, TeamMember
from coopcare.teams.selectors import on_behalf_of
from coopcare.visits import selectors
from coopcare.visits.models import Appointment, Attendee, Place

MAX_LENGTH = datetime.timedelta(hours=24)
MAX_TITLE = 120
# Regulated activity: a volunteer never gives it (playbook §1.2).
REGULATED = NEEDS_VISIT


def url_of(appointment: Appointment) -> str:
    return reverse("visits:appointment", args=[appointment.pk])


def describe_time(start: datetime.datetime, end: datetime.datetime) -> str:
    """'Monday 3 March 2025, 10:00–11:00' in the co-op's time zone."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    day = date_format(start, "l j F Y")
    if start.date() == end.date():
        return f"{day}, {start:%H:%M}–{end:%H:%M}"
    return f"{day}, {start:%H:%M} – {date_format(end, 'l j F Y')}, {end:%H:%M}"


# --- Checking what is asked for -----------------------------------------------------------------


def check_times(starts_at: datetime.datetime, ends_at: datetime.datetime, *, future=True) -> None:
    if starts_at is None or ends_at is None:
        raise DomainError(_("Say when it starts and ends."), field="starts_at")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise DomainError(_("Times must carry a time zone."), field="starts_at")
    if ends_at <= starts_at:
        raise DomainError(_("It must end after it starts."), field="ends_at")
    if ends_at - starts_at > MAX_LENGTH:
        raise DomainError(_("An appointment lasts at most 24 hours."), field="ends_at")
    if future and starts_at <= timezone.now():
        raise DomainError(_("Choose a start time in the future."), field="starts_at")


def check_details(title: str, place: str, support_kinds: Iterable[str]) -> list[str]:
    if not title.strip():
        raise DomainError(_("Say what the appointment is, like “Morning visit”."), field="title")
    if len(title.strip()) > MAX_TITLE:
        raise DomainError(_("Keep the title to 120 characters."), field="title")
    if place not in Place.values:
        raise DomainError(_("Choose where it happens."), field="place")
    kinds = list(dict.fromkeys(support_kinds))
    if not kinds:
        raise DomainError(_("Choose at least one kind of support."), field="support_kinds")
    unknown = set(kinds) - set(SupportKind.values)
    if unknown:
        raise DomainError(
            _("Unknown kind of support: %(kinds)s.") % {"kinds": ", ".join(sorted(unknown))},
            field="support_kinds",
        )
    return kinds


def check_giver(team: Team, person, support_kinds: Iterable[str]) -> TeamMember:
    """A giver is a current member of the team (not its owner); a volunteer never gives
    personal care or help with medicines."""
    member = selectors.membership_of(team, person)
    if member is None or member.kind == MemberKind.OWNER:
        raise DomainError(
            _("%(person)s is not a member of this team who gives support.") % {"person": person},
            field="givers",
        )
    if member.kind == MemberKind.VOLUNTEER and set(support_kinds) & REGULATED:
        raise DomainError(
            _(
                "%(person)s is a volunteer: volunteers never give personal care or help with "
                "medicines."
            )
            % {"person": person},
            field="givers",
        )
    return member


def learning_gaps(person, appointment: Appointment) -> list:
    """What stops ``person`` giving this appointment's support yet (``requirements.Gap`` s).

    Gating is precise, not punitive: only learning that names one of the appointment's kinds
    of support, and is expired or missing on the day it happens, stands in the way (the
    learning policy of the team's circle decides which; ``learning.requirements``).
    """
    from coopcare.learning import requirements

    on = timezone.localtime(appointment.starts_at).date()
    return requirements.blocking_gaps(person, appointment.team, appointment.support_kinds, on)


def check_learning(person, appointment: Appointment) -> None:
    """Refuse, saying what to do about it, a giver whose learning does not cover this support."""
    from coopcare.learning import requirements

    gaps = learning_gaps(person, appointment)
    if gaps:
        raise DomainError(requirements.describe_gaps(person, gaps))


def check_observer(team: Team, person) -> None:
    if selectors.membership_of(team, person) is None:
        raise DomainError(
            _("%(person)s is not in this team, so cannot observe.") % {"person": person},
            field="observers",
        )


# --- Holding time -------------------------------------------------------------------------------


def travel_minutes_of(person) -> int:
    profile = getattr(person, "giving_support_profile", None)
    try:
        return int(profile.travel_minutes or 0) if profile is not None else 0
    except AttributeError:
        return 0


def rate_of(person) -> int | None:
    from coopcare.supportprofiles.models import GivingSupportProfile

    return (
        GivingSupportProfile.objects.filter(person=person)
        .values_list("hourly_rate_pence", flat=True)
        .first()
    )


def busy_range(
    appointment: Appointment, travel_minutes: int
) -> tuple[datetime.datetime, datetime.datetime]:
    return (
        appointment.starts_at,
        appointment.ends_at + datetime.timedelta(minutes=travel_minutes),
    )


def clash_for(attendee: Attendee) -> Attendee | None:
    """Another held time of the same person that overlaps this attendance's busy range."""
    return (
        Attendee.objects.filter(
            person_id=attendee.person_id,
            holds_time=True,
            busy_from__lt=attendee.busy_until,
            busy_until__gt=attendee.busy_from,
        )
        .exclude(pk=attendee.pk)
        .select_related("appointment__team")
        .order_by("busy_from")
        .first()
    )


def describe_clash(viewer, person, other: Appointment) -> str:
    """Name the other appointment as far as ``viewer`` may see it."""
    who = _("You are") if viewer is not None and viewer.pk == person.pk else None
    if viewer is not None and viewer.has_perm("visits.view_appointment", other):
        what = _("“%(title)s” with %(team)s, %(when)s") % {
            "title": other.title,
            "team": other.team.name,
            "when": describe_time(other.starts_at, other.ends_at),
        }
    else:
        what = _("another appointment at that time")
    if who:
        return _("You are already booked then: %(what)s. Nothing was saved.") % {"what": what}
    return _("%(person)s is already booked then: %(what)s. Nothing was saved.") % {
        "person": person,
        "what": what,
    }


def claim_time(viewer, attendee: Attendee) -> None:
    """Make ``attendee`` hold its time, or raise ``DomainError`` naming the clash.

    Call inside a transaction; ``attendee.busy_from``/``busy_until`` must be set.
    """
    other = clash_for(attendee)
    if other is not None:
        raise DomainError(describe_clash(viewer, attendee.person, other.appointment))
    attendee.holds_time = True
    try:
        with transaction.atomic():
            attendee.save()
    except IntegrityError:
        # PostgreSQL's exclusion constraint: someone booked the same time a moment ago.
        attendee.holds_time = False
        other = clash_for(attendee)
        if other is None:
            raise
        raise DomainError(describe_clash(viewer, attendee.person, other.appointment)) from None


def release_time(appointment: Appointment) -> None:
    Attendee.objects.filter(appointment=appointment, holds_time=True).update(holds_time=False)


def refresh_status(appointment: Appointment) -> bool:
    """Confirmed once at least one giver has joined and none is still to answer.

    Returns True when the appointment has just become confirmed.
    """
    if appointment.status == Appointment.Status.CANCELLED:
        return False
    responses = list(
        Attendee.objects.filter(appointment=appointment, role=Attendee.Role.GIVER).values_list(
            "response", flat=True
        )
    )
    joined = Attendee.Response.JOINED in responses
    waiting = Attendee.Response.INVITED in responses
    status = Appointment.Status.CONFIRMED if joined and not waiting else Appointment.Status.PLANNED
    became_confirmed = status == Appointment.Status.CONFIRMED and appointment.status != status
    if status != appointment.status:
        appointment.status = status
        appointment.updated_at = timezone.now()
        appointment.save(update_fields=["status", "updated_at"])
    return became_confirmed


def owner_side(team: Team) -> list:
    """The owner and anyone acting for them now with the scope to arrange support."""
    from coopcare.teams.selectors import owner_side as _owner_side

    return _owner_side(team, "arrange_support")


def arrangers(team: Team) -> list:
    """Who hears about the rota: the owner's side and the Rota Holder."""
    people = {p.pk: p for p in owner_side(team)}
    for person in selectors.team_hat_wearers(team, selectors.ROTA_HOLDER):
        people.setdefault(person.pk, person)
    return list(people.values())


def _audit(action: str, actor, appointment: Appointment, request=None, **detail) -> None:
    acting = on_behalf_of(actor, appointment.team) if actor is not None else None
    if acting is not None:
        detail["on_behalf_of"] = appointment.team.owner_id
    record(
        action,
        actor=actor,
        target=appointment,
        subject=appointment.team.owner,
        request=request,
        detail=detail,
    )


def _attendee(appointment: Appointment, person, role: str) -> Attendee:
    busy_from, busy_until = busy_range(appointment, 0)
    return Attendee(
        appointment=appointment,
        person=person,
        role=role,
        busy_from=busy_from,
        busy_until=busy_until,
    )


# --- Making an appointment ----------------------------------------------------------------------


@transaction.atomic
def create_appointment(
    actor,
    team: Team,
    *,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str,
    support_kinds: Iterable[str],
    givers: Iterable = (),
    observers: Iterable = (),
    place_detail: str = "",
    open_slot: bool = False,
    series=None,
    occurrence_key: datetime.datetime | None = None,
    notify_people: bool = True,
    request=None,
) -> Appointment:
    """Book an appointment for ``team``.

    Only the owner, their representative (with the scope to arrange support) or the Rota Holder
    books, and only once the Getting Support Promise is signed (and a face-to-face visit is
    recorded before personal care or medicines). Givers are asked to join; an ``open_slot`` has
    none yet and is offered to the team.
    """
    if actor is not None and not actor.has_perm("visits.arrange", team):
        raise NotAllowed(
            _("Only the owner, someone acting for them, or the Rota Holder books appointments.")
        )
    check_times(starts_at, ends_at)
    kinds = check_details(title, place, support_kinds)
    check_team_support_allowed(team, kinds)
    givers, observers = list(dict.fromkeys(givers)), list(dict.fromkeys(observers))
    if open_slot and givers:
        raise DomainError(_("An open slot has no givers yet: the team takes it."), field="givers")
    if not open_slot and not givers:
        raise DomainError(
            _("Choose at least one person to give support, or offer it to the team."),
            field="givers",
        )
    for person in givers:
        check_giver(team, person, kinds)
    for person in observers:
        if person in givers:
            raise DomainError(
                _("%(person)s cannot both give support and observe.") % {"person": person},
                field="observers",
            )
        check_observer(team, person)
    now = timezone.now()
    appointment = Appointment.objects.create(
        team=team,
        series=series,
        occurrence_key=occurrence_key,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        place_detail=place_detail.strip()[:200],
        support_kinds=kinds,
        open_slot=open_slot,
        created_by=actor if actor is not None else team.owner,
        created_at=now,
        updated_at=now,
    )
    Attendee.objects.bulk_create(
        [_attendee(appointment, p, Attendee.Role.GIVER) for p in givers]
        + [_attendee(appointment, p, Attendee.Role.OBSERVER) for p in observers]
    )
    _audit(
        "visits.appointment_created",
        actor,
        appointment,
        request,
        starts_at=starts_at.isoformat(),
        ends_at=ends_at.isoformat(),
        givers=[p.pk for p in givers],
        observers=[p.pk for p in observers],
        open_slot=open_slot,
        series=series.pk if series is not None else None,
    )
    if notify_people:
        when = describe_time(starts_at, ends_at)
        for person in givers:
            notify(
                person,
                "visits.asked_to_join",
                _("Can you give support? %(title)s, %(when)s") % {"title": title, "when": when},
                _("Join or decline it in %(team)s's calendar.") % {"team": team.name},
                url_of(appointment),
            )
        for person in observers:
            notify(
                person,
                "visits.asked_to_join",
                _("You are invited to observe: %(title)s, %(when)s")
                % {"title": title, "when": when},
                url=url_of(appointment),
            )
    return appointment


def _lock(appointment: Appointment) -> Appointment:
    return (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("team__owner", "team__circle")
        .get(pk=appointment.pk)
    )


def check_not_over(appointment: Appointment) -> None:
    if appointment.status == Appointment.Status.CANCELLED:
        raise DomainError(_("This appointment was cancelled."))
    if appointment.ends_at <= timezone.now():
        raise DomainError(_("This appointment has already happened."))


@transaction.atomic
def join_appointment(actor, appointment: Appointment, request=None) -> Attendee:
    """A giver says yes: they hold the time (plus their travel time) from now on."""
    appointment = _lock(appointment)
    check_not_over(appointment)
    attendee = (
        Attendee.objects.select_for_update(of=("self",))
        .select_related("person__giving_support_profile")
        .filter(appointment=appointment, person=actor, role=Attendee.Role.GIVER)
        .first()
    )
    if attendee is None:
        raise NotAllowed(_("Only the people asked to give support join an appointment."))
    if attendee.response == Attendee.Response.JOINED:
        raise DomainError(_("You have already joined this appointment."))
    check_giver(appointment.team, actor, appointment.support_kinds)
    check_learning(actor, appointment)
    travel = travel_minutes_of(actor)
    attendee.travel_minutes = travel
    attendee.busy_from, attendee.busy_until = busy_range(appointment, travel)
    attendee.rate_pence = rate_of(actor)
    attendee.response = Attendee.Response.JOINED
    attendee.responded_at = timezone.now()
    attendee.decline_reason = ""
    claim_time(actor, attendee)
    confirmed = refresh_status(appointment)
    _audit("visits.joined", actor, appointment, request, rate_pence=attendee.rate_pence)
    when = describe_time(appointment.starts_at, appointment.ends_at)
    for person in arrangers(appointment.team):
        if person.pk != actor.pk:
            notify(
                person,
                "visits.confirmed" if confirmed else "visits.answered",
                (
                    _("Confirmed: %(title)s, %(when)s")
                    if confirmed
                    else _("%(person)s joins %(title)s, %(when)s")
                )
                % {"person": actor, "title": appointment.title, "when": when},
                url=url_of(appointment),
            )
    return attendee


@transaction.atomic
def decline_appointment(actor, appointment: Appointment, reason: str = "", request=None):
    """A giver says no (a reason is optional). A giver who had joined frees the time."""
    appointment = _lock(appointment)
    check_not_over(appointment)
    attendee = (
        Attendee.objects.select_for_update(of=("self",))
        .filter(appointment=appointment, person=actor, role=Attendee.Role.GIVER)
        .first()
    )
    if attendee is None:
        raise NotAllowed(_("Only the people asked to give support decline an appointment."))
    if attendee.response == Attendee.Response.DECLINED:
        raise DomainError(_("You have already declined this appointment."))
    reason = reason.strip()
    if len(reason) > 300:
        raise DomainError(_("Keep the reason to 300 characters."), field="reason")
    attendee.response = Attendee.Response.DECLINED
    attendee.responded_at = timezone.now()
    attendee.decline_reason = reason
    attendee.holds_time = False
    attendee.save()
    refresh_status(appointment)
    _audit("visits.declined", actor, appointment, request)
    when = describe_time(appointment.starts_at, appointment.ends_at)
    for person in arrangers(appointment.team):
        if person.pk != actor.pk:
            notify(
                person,
                "visits.answered",
                _("%(person)s cannot make %(title)s, %(when)s")
                % {"person": actor, "title": appointment.title, "when": when},
                reason,
                url_of(appointment),
            )
    return attendee


def cancel(
    appointment: Appointment,
    actor,
    reason: str,
    *,
    late: bool,
    request=None,
    notify_people: bool = True,
) -> None:
    """Mark ``appointment`` cancelled, free everyone's time and tell the people attending
    (unless ``notify_people`` is False: a caller cancelling many sends one summary instead).

    The caller has checked who may cancel and holds the appointment's lock.
    """
    appointment.status = Appointment.Status.CANCELLED
    appointment.cancelled_at = timezone.now()
    appointment.cancelled_by = actor
    appointment.cancel_reason = reason
    appointment.late_cancellation = late
    appointment.updated_at = appointment.cancelled_at
    appointment.save(
        update_fields=[
            "status",
            "cancelled_at",
            "cancelled_by",
            "cancel_reason",
            "late_cancellation",
            "updated_at",
        ]
    )
    release_time(appointment)
    _audit("visits.cancelled", actor, appointment, request, late=late, reason=reason[:300])
    if not notify_people:
        return
    when = describe_time(appointment.starts_at, appointment.ends_at)
    people = {a.person_id: a.person for a in appointment.attendees.select_related("person")}
    for person in arrangers(appointment.team):
        people.setdefault(person.pk, person)
    for person in people.values():
        if actor is None or person.pk != actor.pk:
            notify(
                person,
                "visits.cancelled",
                _("Cancelled: %(title)s, %(when)s") % {"title": appointment.title, "when": when},
                reason,
                url_of(appointment),
            )


def is_late_cancellation(appointment: Appointment, now: datetime.datetime | None = None) -> bool:
    """Inside the local circle's notice period before the start (the money rules look at it)."""
    now = now or timezone.now()
    hours = selectors.policy_for(appointment.team).cancellation_notice_hours
    return appointment.starts_at - now < datetime.timedelta(hours=hours)


def move(appointment: Appointment, starts_at, ends_at, viewer, request=None) -> None:
    """Give ``appointment`` new times, re-checking every held time; the caller holds the lock.

    Raises ``DomainError`` (naming the clash as far as ``viewer`` may see it) if a giver who has
    joined is booked elsewhere at the new time; then nothing changes (the caller's transaction
    rolls back).
    """
    check_times(starts_at, ends_at)
    before = (appointment.starts_at, appointment.ends_at)
    appointment.starts_at, appointment.ends_at = starts_at, ends_at
    appointment.updated_at = timezone.now()
    if appointment.series_id:
        appointment.detached = True
    appointment.save(update_fields=["starts_at", "ends_at", "updated_at", "detached"])
    for attendee in (
        Attendee.objects.select_for_update(of=("self",))
        .filter(appointment=appointment)
        .select_related("person")
    ):
        attendee.busy_from, attendee.busy_until = busy_range(appointment, attendee.travel_minutes)
        if attendee.holds_time:
            attendee.holds_time = False
            attendee.save()
            claim_time(viewer, attendee)
        else:
            attendee.save()
    _audit(
        "visits.moved",
        viewer,
        appointment,
        request,
        before=[before[0].isoformat(), before[1].isoformat()],
        after=[starts_at.isoformat(), ends_at.isoformat()],
    )

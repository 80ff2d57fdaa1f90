"""Reminders before a visit, checking in when it starts, and the alert when nobody has.

``send_reminders`` and ``alert_missing_check_ins`` are periodic jobs (``visits.tasks``); each
marks what it sent on the appointment, so running them again sends nothing twice.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify
from coopcare.visits.models import Appointment, Attendee
from coopcare.visits.services.booking import arrangers, describe_time, url_of

REMIND_AHEAD = datetime.timedelta(hours=24)
CHECK_IN_GRACE = datetime.timedelta(minutes=15)
# Checking in opens a little before the start (a giver who arrives early) and closes at the end.
CHECK_IN_OPENS = datetime.timedelta(minutes=30)
# Alerts are for today's visits: a job that was down for a day does not alert about last week.
ALERT_LOOKBACK = datetime.timedelta(hours=6)
BATCH = 500


def _attending(appointment: Appointment) -> list:
    """Everyone who will be there: givers who joined, observers, and the owner."""
    people = {appointment.team.owner_id: appointment.team.owner}
    for attendee in appointment.attendees.all():
        if attendee.role == Attendee.Role.OBSERVER or attendee.response == Attendee.Response.JOINED:
            people.setdefault(attendee.person_id, attendee.person)
    return list(people.values())


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Remind everyone attending a confirmed appointment that starts within 24 hours."""
    now = now or timezone.now()
    due = (
        Appointment.objects.filter(
            status=Appointment.Status.CONFIRMED,
            reminded_at__isnull=True,
            starts_at__gt=now,
            starts_at__lte=now + REMIND_AHEAD,
        )
        .select_related("team__owner")
        .prefetch_related("attendees__person")
        .order_by("starts_at")[:BATCH]
    )
    sent = 0
    for appointment in due:
        with transaction.atomic():
            claimed = Appointment.objects.filter(
                pk=appointment.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            when = describe_time(appointment.starts_at, appointment.ends_at)
            for person in _attending(appointment):
                notify(
                    person,
                    "visits.reminder",
                    _("Tomorrow: %(title)s with %(team)s, %(when)s")
                    % {"title": appointment.title, "team": appointment.team.name, "when": when},
                    url=url_of(appointment),
                )
            sent += 1
    return sent


@transaction.atomic
def check_in(actor, appointment: Appointment, request=None) -> Appointment:
    """A giver at the appointment says they have arrived (or started, online)."""
    appointment = Appointment.objects.select_for_update(of=("self",)).get(pk=appointment.pk)
    joined = Attendee.objects.filter(
        appointment=appointment,
        person=actor,
        role=Attendee.Role.GIVER,
        response=Attendee.Response.JOINED,
    ).exists()
    if not joined:
        raise NotAllowed(_("Only a giver who has joined this appointment checks in."))
    if appointment.status != Appointment.Status.CONFIRMED:
        raise DomainError(_("Only a confirmed appointment can be checked in to."))
    now = timezone.now()
    if now < appointment.starts_at - CHECK_IN_OPENS:
        raise DomainError(_("Checking in opens 30 minutes before the start."))
    if now > appointment.ends_at:
        raise DomainError(_("This appointment has ended."))
    if appointment.checked_in_at is not None:
        raise DomainError(_("Someone has already checked in."))
    appointment.checked_in_at = now
    appointment.checked_in_by = actor
    appointment.save(update_fields=["checked_in_at", "checked_in_by"])
    record(
        "visits.checked_in",
        actor=actor,
        target=appointment,
        subject=appointment.team.owner,
        request=request,
    )
    return appointment


def alert_missing_check_ins(now: datetime.datetime | None = None) -> int:
    """Tell the owner's side and the Rota Holder when nobody has checked in 15 minutes after
    a confirmed appointment started."""
    now = now or timezone.now()
    late = (
        Appointment.objects.filter(
            status=Appointment.Status.CONFIRMED,
            checked_in_at__isnull=True,
            no_check_in_alerted_at__isnull=True,
            starts_at__lte=now - CHECK_IN_GRACE,
            starts_at__gte=now - ALERT_LOOKBACK,
        )
        .select_related("team__owner", "team__circle")
        .order_by("starts_at")[:BATCH]
    )
    alerted = 0
    for appointment in late:
        with transaction.atomic():
            claimed = Appointment.objects.filter(
                pk=appointment.pk, no_check_in_alerted_at__isnull=True
            ).update(no_check_in_alerted_at=now)
            if not claimed:
                continue
            title = _("Nobody has checked in: %(title)s, %(when)s") % {
                "title": appointment.title,
                "when": describe_time(appointment.starts_at, appointment.ends_at),
            }
            body = _("It started 15 minutes ago. Please check that support is happening.")
            for person in arrangers(appointment.team):
                notify(person, "visits.no_check_in", title, body, url_of(appointment))
            record(
                "visits.no_check_in_alerted",
                target=appointment,
                subject=appointment.team.owner,
            )
            alerted += 1
    return alerted

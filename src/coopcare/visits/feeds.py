"""Each person's secret iCal feed of the appointments they attend.

The feed carries no care details: only the time, the place and the team's name (a phone
calendar is often shared with family, synced to other companies, shown on a lock screen). Its
address holds a random token instead of a login; regenerating the token stops the old address
at once. Reading the feed is logged like any other access.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from coopcare.audit.services import record
from coopcare.visits.models import Appointment, Attendee, CalendarFeed, Place, new_feed_token

PAST = datetime.timedelta(days=31)
FUTURE = datetime.timedelta(days=366)
MAX_EVENTS = 2000


def feed_of(person) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(person=person)
    return feed


@transaction.atomic
def regenerate_feed(person, request=None) -> CalendarFeed:
    """A new secret address; the old one stops working."""
    feed = feed_of(person)
    feed.token = new_feed_token()
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    record("visits.feed_regenerated", actor=person, target=feed, subject=person, request=request)
    return feed


def person_for_token(token: str):
    feed = CalendarFeed.objects.select_related("person").filter(token=token).first()
    if feed is None or not feed.person.is_active:
        return None
    return feed.person


def feed_appointments(person, now: datetime.datetime | None = None):
    now = now or timezone.now()
    attending = Attendee.objects.filter(person=person).exclude(response=Attendee.Response.DECLINED)
    return (
        Appointment.objects.filter(
            pk__in=attending.values("appointment_id"),
            starts_at__gte=now - PAST,
            starts_at__lt=now + FUTURE,
        )
        .select_related("team__circle")
        .order_by("starts_at", "id")[:MAX_EVENTS]
    )


def calendar_for(person, domain: str, now: datetime.datetime | None = None) -> bytes:
    """The iCalendar document for ``person``: time, place and team name only."""
    calendar = Calendar()
    calendar.add("prodid", "-//coopcare//appointments//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("My coopcare visits"))
    stamp = now or timezone.now()
    places = dict(Place.choices)
    for appointment in feed_appointments(person, now):
        event = Event()
        event.add("uid", f"appointment-{appointment.pk}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", appointment.starts_at)
        event.add("dtend", appointment.ends_at)
        event.add("summary", _("Visit: %(team)s") % {"team": appointment.team.name})
        where = [str(places.get(appointment.place, ""))]
        if appointment.place_detail:
            where.append(appointment.place_detail)
        event.add("location", ", ".join(w for w in where if w))
        event.add("last-modified", appointment.updated_at)
        # Moving an appointment changes its times; phones take the highest sequence.
        event.add("sequence", int(appointment.updated_at.timestamp()) // 60 % 2_000_000_000)
        if appointment.status == Appointment.Status.CANCELLED:
            event.add("status", "CANCELLED")
        elif appointment.status == Appointment.Status.CONFIRMED:
            event.add("status", "CONFIRMED")
        else:
            event.add("status", "TENTATIVE")
        calendar.add_component(event)
    return calendar.to_ical()

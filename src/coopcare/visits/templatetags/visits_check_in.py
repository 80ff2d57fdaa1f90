"""``{% check_in_state appointment viewer as state %}``: what the check-in box on an appointment
page shows this viewer (who checked in, and whether they may check in now)."""

from django import template
from django.utils import timezone

from coopcare.visits.models import Appointment, Attendee
from coopcare.visits.services.reminders import CHECK_IN_OPENS

register = template.Library()


@register.simple_tag
def check_in_state(appointment: Appointment, viewer) -> dict:
    now = timezone.now()
    joined = any(
        a.person_id == getattr(viewer, "pk", None)
        and a.role == Attendee.Role.GIVER
        and a.response == Attendee.Response.JOINED
        for a in appointment.attendees.all()
    )
    open_now = (
        appointment.status == Appointment.Status.CONFIRMED
        and appointment.starts_at - CHECK_IN_OPENS <= now <= appointment.ends_at
    )
    return {
        "checked_in_at": appointment.checked_in_at,
        "checked_in_by": appointment.checked_in_by,
        "may_check_in": joined and open_now and appointment.checked_in_at is None,
    }

"""API endpoints for my calendar feed's address and for checking in to an appointment."""

import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from coopcare.api.schemas import responses
from coopcare.visits import access, feeds
from coopcare.visits.services import reminders

router = Router()


class FeedOut(Schema):
    url: str
    created_at: datetime.datetime


class CheckInOut(Schema):
    appointment_id: int
    checked_in_at: datetime.datetime


def _feed(request: HttpRequest, feed) -> dict:
    return {
        "url": request.build_absolute_uri(f"/visits/feed/{feed.token}.ics"),
        "created_at": feed.created_at,
    }


@router.get("/me/calendar-feed", response=responses(FeedOut), summary="My calendar feed address")
def visits_calendar_feed(request: HttpRequest) -> dict:
    """A secret iCal address of the appointments I attend: time, place and team name only."""
    return _feed(request, feeds.feed_of(request.auth))


@router.post(
    "/me/calendar-feed/regenerate",
    response=responses(FeedOut),
    summary="Make a new calendar feed address (the old one stops working)",
)
def visits_regenerate_calendar_feed(request: HttpRequest) -> dict:
    return _feed(request, feeds.regenerate_feed(request.auth, request=request))


@router.post(
    "/appointments/{int:appointment_id}/check-in",
    response=responses(CheckInOut, 400, 403, 404),
    summary="Check in: I have arrived",
)
def visits_check_in(request: HttpRequest, appointment_id: int) -> dict:
    appointment = access.get_appointment_for(request.auth, appointment_id, "visits.check_in")
    done = reminders.check_in(request.auth, appointment, request=request)
    return {"appointment_id": done.pk, "checked_in_at": done.checked_in_at}

"""Fetch appointments and care logs with permission: 404 outside the audience, 403 inside it
without the right. Pages and the API both use these."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from coopcare import permissions  # noqa: F401  (registers the rules)
from coopcare.teams.access import open_team
from coopcare.teams.models import Team
from coopcare.visits.models import Appointment, CareLog, ChangeRequest, Series


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def get_calendar_team(user, team_id: int, perm: str = "visits.view_calendar") -> Team:
    """The team whose calendar ``user`` may see, and (if asked) act on with ``perm``."""
    team = open_team(team_id)
    if not user.has_perm("visits.view_calendar", team):
        raise Http404
    if perm != "visits.view_calendar":
        require(user, perm, team)
    return team


def get_appointment_for(user, appointment_id: int, perm: str | None = None) -> Appointment:
    appointment = (
        Appointment.objects.select_related("team__circle", "team__owner__profile", "series")
        .filter(pk=appointment_id)
        .first()
    )
    if appointment is None or not user.has_perm("visits.view_appointment", appointment):
        raise Http404
    if perm:
        # Rules about the team (arranging) take the appointment too: it has a ``team``.
        require(user, perm, appointment)
    return appointment


def get_change_request_for(user, change_id: int) -> ChangeRequest:
    change = ChangeRequest.objects.select_related("appointment__team").filter(pk=change_id).first()
    if change is None or not user.has_perm("visits.view_appointment", change.appointment):
        raise Http404
    return change


def get_care_log_for(user, log_id: int, perm: str | None = None) -> CareLog:
    log = (
        CareLog.objects.select_related("appointment", "team__owner__profile")
        .filter(pk=log_id)
        .first()
    )
    if log is None:
        raise Http404
    if not (
        user.has_perm("visits.view_care_logs", log.team)
        or user.has_perm("visits.view_appointment", log.appointment)
    ):
        raise Http404
    if perm:
        require(user, perm, log.appointment)
    return log


def get_series_for(user, series_id: int, perm: str | None = None) -> Series:
    """The series if ``user`` may see its team's calendar (else 404), and act with ``perm``
    (else 403)."""
    series = (
        Series.objects.select_related("team__owner__profile", "team__circle")
        .filter(pk=series_id)
        .exclude(team__status=Team.Status.CLOSED)
        .first()
    )
    if series is None or not user.has_perm("visits.view_calendar", series.team):
        raise Http404
    if perm:
        require(user, perm, series.team)
    return series

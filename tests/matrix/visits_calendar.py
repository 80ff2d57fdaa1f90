"""Permission-matrix rows for the calendars, the appointment page and booking (visits pages and
``coopcare.visits.api_calendar``).

In the matrix's world alice (``member``) owns ``world["team"]``: she sees its calendar and its
appointment and may book, but she is not asked to give support at the appointment, so joining or
declining it is refused (403). Bob (outside the team), carol, the applicant and the superuser get
404 — no hint the team or the appointment exists. Everyone signed in has a calendar of their own.
"""

from django.urls import NoReverseMatch, reverse

from tests.test_permission_matrix import S

SIGNED_IN = S(302, 200, 200, 200, 200, 200)
TEAM_ONLY = S(302, 404, 200, 404, 404, 404)
TEAM_CANNOT = S(302, 404, 403, 404, 404, 404)

PAGE_ROWS = {
    "visits:team_calendar": ("GET", "visits_team", TEAM_ONLY),
    "visits:my_calendar": ("GET", None, SIGNED_IN),
    "visits:appointment": ("GET", "visits_appointment", TEAM_ONLY),
    "visits:book": ("GET", "visits_team", TEAM_ONLY),
    "visits:join": ("POST", "visits_appointment", TEAM_CANNOT),
    "visits:decline": ("POST", "visits_appointment", TEAM_CANNOT),
}

API_SIGNED_IN = S(401, 200, 200, 200, 200, 200)
API_TEAM_ONLY = S(401, 404, 200, 404, 404, 404)
API_TEAM_CANNOT = S(401, 404, 403, 404, 404, 404)
# The matrix posts a form body where JSON is expected: refused as unreadable before anything is
# looked up. tests/visits/test_api_calendar.py sends real JSON.
UNREADABLE = S(401, 400, 400, 400, 400, 400)

API_ROWS = {
    "api:visits_team_appointments": ("GET", "visits_api_team", API_TEAM_ONLY),
    "api:visits_my_appointments": ("GET", None, API_SIGNED_IN),
    "api:visits_appointment_detail": ("GET", "visits_api_appointment", API_TEAM_ONLY),
    "api:visits_book_appointment": ("POST", "visits_api_team", UNREADABLE),
    "api:visits_join": ("POST", "visits_api_appointment", API_TEAM_CANNOT),
    "api:visits_decline": ("POST", "visits_api_appointment", UNREADABLE),
}


def _api_mounted() -> bool:
    try:
        reverse("api:visits_my_appointments")
    except NoReverseMatch:
        return False
    return True


ROWS = {**PAGE_ROWS, **(API_ROWS if _api_mounted() else {})}


def objects(world) -> dict[str, dict]:
    """An appointment in alice's team with a worker asked to give support.

    Written straight to the database: the booking service's gates (the Getting Support Promise)
    are not what these rows test, and signing the Promise here would change other rows.
    """
    import datetime

    from django.utils import timezone

    from coopcare.teams.models import TeamMember
    from coopcare.visits.models import Appointment, Attendee
    from tests.factories import UserFactory

    team = world["team"]
    giver = UserFactory(email="matrix-giver@example.org")
    TeamMember.objects.create(team=team, person=giver, kind="independent_worker")
    starts_at = timezone.now() + datetime.timedelta(days=2)
    ends_at = starts_at + datetime.timedelta(hours=1)
    appointment = Appointment.objects.create(
        team=team,
        title="Matrix visit",
        starts_at=starts_at,
        ends_at=ends_at,
        place="home",
        support_kinds=["companionship"],
        created_by=team.owner,
    )
    Attendee.objects.create(
        appointment=appointment,
        person=giver,
        role=Attendee.Role.GIVER,
        busy_from=starts_at,
        busy_until=ends_at,
    )
    return {
        "visits_team": {"team_id": team.pk},
        "visits_appointment": {"pk": appointment.pk},
        "visits_api_team": {"team_id": team.pk},
        "visits_api_appointment": {"appointment_id": appointment.pk},
    }

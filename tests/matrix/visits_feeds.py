"""Permission-matrix rows for the calendar feed and checking in.

The feed needs no sign-in: its secret address is the key (alice's, here), so every persona gets
it. Checking in is for a giver who joined the visit: alice owns the team, so she sees the visit
and is refused (403); everyone else is outside the team (404).
"""

from tests.test_permission_matrix import S

EVERYONE = S(200, 200, 200, 200, 200, 200)
SIGNED_IN = S(302, 200, 200, 200, 200, 200)
REDIRECTED = S(302, 302, 302, 302, 302, 302)
API_SIGNED_IN = S(401, 200, 200, 200, 200, 200)

ROWS = {
    "visits:feed": ("GET", "feed", EVERYONE),
    "visits:feed_settings": ("GET", None, SIGNED_IN),
    "visits:feed_regenerate": ("POST", None, REDIRECTED),
    "visits:check_in": ("POST", "check_in", S(302, 404, 403, 404, 404, 404)),
    "api:visits_calendar_feed": ("GET", None, API_SIGNED_IN),
    "api:visits_regenerate_calendar_feed": ("POST", None, API_SIGNED_IN),
    "api:visits_check_in": ("POST", "api_check_in", S(401, 404, 403, 404, 404, 404)),
}


def objects(world) -> dict[str, dict]:
    import datetime

    from django.utils import timezone

    from coopcare.visits.feeds import feed_of
    from coopcare.visits.models import Appointment

    team = world["team"]
    start = timezone.now() + datetime.timedelta(days=2)
    appointment = Appointment.objects.create(
        team=team,
        title="Matrix check-in visit",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        place="home",
        support_kinds=["companionship"],
        created_by=team.owner,
    )
    return {
        "feed": {"token": feed_of(world["persona"]["member"]).token},
        "check_in": {"pk": appointment.pk},
        "api_check_in": {"appointment_id": appointment.pk},
    }

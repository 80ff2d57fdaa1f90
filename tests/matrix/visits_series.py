"""Permission-matrix rows for repeating visits (``coopcare.visits`` series pages and API).

alice (``member``) owns ``world["team"]``: she sees its series, makes and stops them and changes
one visit; she is not a giver, so joining all is refused (403). Bob, carol, the applicant and
the superuser are outside the team: the series does not exist for them (404).
"""

from django.urls import NoReverseMatch, reverse

from tests.test_permission_matrix import S

TEAM_ONLY = S(302, 404, 200, 404, 404, 404)
TEAM_CANNOT = S(302, 404, 403, 404, 404, 404)

# The cancel row comes last: alice's empty POST cancels the visit the other rows use.
PAGE_ROWS = {
    "visits:series_add": ("GET", "visits_series_team", TEAM_ONLY),
    "visits:series": ("GET", "visits_series", TEAM_ONLY),
    "visits:series_stop": ("GET", "visits_series", TEAM_ONLY),
    "visits:series_join": ("POST", "visits_series", TEAM_CANNOT),
    "visits:series_occurrence": ("GET", "visits_series_visit", TEAM_ONLY),
    "visits:series_occurrence_cancel": (
        "POST",
        "visits_series_visit",
        S(302, 404, 302, 404, 404, 404),
    ),
}

API_TEAM_ONLY = S(401, 404, 200, 404, 404, 404)
# The matrix posts a form body where JSON is expected: refused as unreadable before anything
# happens. tests/visits/test_recurrence_api.py sends real JSON.
UNREADABLE = S(401, 400, 400, 400, 400, 400)

API_ROWS = {
    "api:series_create": ("POST", "visits_series_api_team", UNREADABLE),
    "api:series_detail": ("GET", "visits_series_api", API_TEAM_ONLY),
    "api:series_join": ("POST", "visits_series_api", S(401, 404, 403, 404, 404, 404)),
    "api:series_stop": ("POST", "visits_series_api", UNREADABLE),
    "api:series_change_from": ("POST", "visits_series_api", UNREADABLE),
    # An empty change is refused (400, counted as let in) for alice.
    "api:series_occurrence_change": ("PATCH", "visits_series_api_visit", API_TEAM_ONLY),
    "api:series_occurrence_cancel": ("POST", "visits_series_api_visit", UNREADABLE),
}


def _api_mounted() -> bool:
    try:
        reverse("api:series_detail", kwargs={"series_id": 1})
    except NoReverseMatch:
        return False
    return True


ROWS = {**PAGE_ROWS, **(API_ROWS if _api_mounted() else {})}


def objects(world) -> dict[str, dict]:
    import datetime

    from django.utils import timezone

    from coopcare.starting.gates import promise_signed
    from coopcare.teams.models import TeamMember
    from coopcare.visits.services.recurrence import create_series
    from tests.factories import MembershipFactory, UserFactory, make_team_ready

    team = world["team"]
    if not promise_signed(team):
        # Companionship needs only the Promise; another module may have opened the team's case.
        make_team_ready(team, visit=False)
    giver = UserFactory(email="matrix-series-giver@example.org")
    MembershipFactory(person=giver)
    TeamMember.objects.create(team=team, person=giver, kind="independent_worker")
    series = create_series(
        world["persona"]["member"],
        team,
        title="Matrix weekly visit",
        rule="FREQ=WEEKLY;COUNT=3",
        first_start=timezone.now() + datetime.timedelta(days=3),
        duration_minutes=60,
        place="home",
        support_kinds=["companionship"],
        givers=[giver],
    )
    visit, api_visit = series.appointments.order_by("starts_at")[:2]
    return {
        "visits_series_team": {"team_id": team.pk},
        "visits_series": {"pk": series.pk},
        "visits_series_visit": {"pk": series.pk, "appointment_id": visit.pk},
        "visits_series_api_team": {"team_id": team.pk},
        "visits_series_api": {"series_id": series.pk},
        "visits_series_api_visit": {"series_id": series.pk, "appointment_id": api_visit.pk},
    }

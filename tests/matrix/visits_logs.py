"""Permission-matrix rows for care logs (``coopcare.visits`` log pages and API).

In the matrix's world alice (``member``) owns ``world["team"]``, so she is in every visit as the
person getting support: she reads, confirms, adjusts, disputes and corrects its logs, and is
refused (403) settling a dispute, which is the local circle's Coach's. Bob is outside the team
and Carol wears a hat in another circle: for them, as for the applicant and the superuser, the
logs do not exist (404). Everyone signed in has a (possibly empty) list of logs waiting for them.
"""

from tests.test_permission_matrix import S

SIGNED_IN = S(302, 200, 200, 200, 200, 200)
TEAM_ONLY = S(302, 404, 200, 404, 404, 404)
TEAM_CANNOT = S(302, 404, 403, 404, 404, 404)

# Reads before the rows that change the same log.
PAGE_ROWS = {
    "visits:my_logs": ("GET", None, SIGNED_IN),
    "visits:team_logs": ("GET", "care_log_team", TEAM_ONLY),
    "visits:log": ("GET", "care_log", TEAM_ONLY),
    "visits:log_adjust": ("GET", "care_log", TEAM_ONLY),
    "visits:log_dispute": ("GET", "care_log", TEAM_ONLY),
    "visits:log_resolve": ("GET", "care_log", TEAM_CANNOT),
    "visits:log_correct": ("GET", "care_log_confirmed", TEAM_ONLY),
    # Confirming sends alice back to the log.
    "visits:log_confirm": ("POST", "care_log", S(302, 404, 302, 404, 404, 404)),
}

API_SIGNED_IN = S(401, 200, 200, 200, 200, 200)
API_TEAM_ONLY = S(401, 404, 200, 404, 404, 404)
# The matrix posts a form body where JSON is expected: refused as unreadable before anything
# happens. tests/visits/test_care_log_api.py sends real JSON.
UNREADABLE = S(401, 400, 400, 400, 400, 400)

API_ROWS = {
    "api:care_log_waiting": ("GET", None, API_SIGNED_IN),
    "api:care_log_list": ("GET", "api_care_log_team", API_TEAM_ONLY),
    "api:care_log_detail": ("GET", "api_care_log", API_TEAM_ONLY),
    "api:care_log_adjust": ("POST", "api_care_log", UNREADABLE),
    "api:care_log_dispute": ("POST", "api_care_log", UNREADABLE),
    "api:care_log_resolve": ("POST", "api_care_log", UNREADABLE),
    "api:care_log_correct": ("POST", "api_care_log", UNREADABLE),
    "api:care_log_confirm": ("POST", "api_care_log", API_TEAM_ONLY),
}

ROWS = {**PAGE_ROWS, **API_ROWS}


def _ended_visit(team, giver, hours_ago: int):
    import datetime

    from django.utils import timezone

    from coopcare.visits.models import Appointment, Attendee

    start = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(hours=hours_ago)
    end = start + datetime.timedelta(hours=1)
    appointment = Appointment.objects.create(
        team=team,
        title="Matrix visit",
        starts_at=start,
        ends_at=end,
        place="home",
        support_kinds=["companionship"],
        status=Appointment.Status.CONFIRMED,
        created_by=team.owner,
        log_opened_at=end,
    )
    Attendee.objects.create(
        appointment=appointment,
        person=giver,
        role=Attendee.Role.GIVER,
        response=Attendee.Response.JOINED,
        busy_from=start,
        busy_until=end,
        holds_time=True,
    )
    return appointment


def objects(world) -> dict[str, dict]:
    from coopcare.teams.models import TeamMember
    from coopcare.visits.models import CareLog
    from tests.factories import MembershipFactory, UserFactory

    team = world["team"]
    giver = UserFactory(email="matrix-log-giver@example.org")
    MembershipFactory(person=giver)
    TeamMember.objects.create(team=team, person=giver, kind="independent_worker")
    logs = []
    for hours_ago, status in ((3, "pending"), (6, "confirmed"), (9, "pending")):
        appointment = _ended_visit(team, giver, hours_ago)
        logs.append(
            CareLog.objects.create(
                appointment=appointment,
                team=team,
                status=status,
                started_at=appointment.starts_at,
                ended_at=appointment.ends_at,
                confirmed_at=appointment.ends_at if status == "confirmed" else None,
            )
        )
    pending, confirmed, api_pending = logs
    return {
        "care_log_team": {"team_id": team.pk},
        "care_log": {"pk": pending.pk},
        "care_log_confirmed": {"pk": confirmed.pk},
        "api_care_log_team": {"team_id": team.pk},
        "api_care_log": {"log_id": api_pending.pk},
    }

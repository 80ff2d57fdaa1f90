"""Permission-matrix rows for changes by consent, cancelling outright and open slots
(``coopcare.visits`` change pages and API).

alice (``member``) owns ``world["team"]``: she may ask to change its confirmed visits, answer a
change a giver asked for (an empty answer is refused, 400), cancel outright, offer a visit to
the team and see its open slots. She gives no support, so taking a slot is refused (403), and
she did not ask for the change, so withdrawing it is refused (403). Bob, carol, the applicant and
the superuser are outside the team: none of it exists for them (404).
"""

from django.urls import NoReverseMatch, reverse

from tests.test_permission_matrix import S

TEAM_ONLY = S(302, 404, 200, 404, 404, 404)
TEAM_CANNOT = S(302, 404, 403, 404, 404, 404)

# Each acting row has its own appointment, so the order of rows does not matter.
PAGE_ROWS = {
    "visits:change_request": ("GET", "vc_confirmed", TEAM_ONLY),
    "visits:change": ("GET", "vc_change", TEAM_ONLY),
    "visits:change_answer": ("POST", "vc_change", S(302, 404, 400, 404, 404, 404)),
    "visits:change_withdraw": ("POST", "vc_change", TEAM_CANNOT),
    "visits:cancel": ("GET", "vc_confirmed", TEAM_ONLY),
    "visits:open_slots": ("GET", "vc_team", TEAM_ONLY),
    "visits:take_slot": ("POST", "vc_slot", TEAM_CANNOT),
    "visits:offer_slot": ("POST", "vc_planned", S(302, 404, 302, 404, 404, 404)),
}

API_TEAM_ONLY = S(401, 404, 200, 404, 404, 404)
API_TEAM_CANNOT = S(401, 404, 403, 404, 404, 404)
# The matrix posts a form body where JSON is expected: refused as unreadable before anything
# happens. tests/visits/test_changes_api.py sends real JSON.
UNREADABLE = S(401, 400, 400, 400, 400, 400)

API_ROWS = {
    "api:visits_change_request_create": ("POST", "vc_api_confirmed", UNREADABLE),
    "api:visits_change_request_detail": ("GET", "vc_api_change", API_TEAM_ONLY),
    "api:visits_change_request_answer": ("POST", "vc_api_change", UNREADABLE),
    "api:visits_change_request_withdraw": ("POST", "vc_api_change", API_TEAM_CANNOT),
    "api:visits_cancel": ("POST", "vc_api_confirmed", UNREADABLE),
    "api:visits_offer_slot": ("POST", "vc_api_planned", API_TEAM_ONLY),
    "api:visits_take_slot": ("POST", "vc_api_slot", API_TEAM_CANNOT),
}


def _api_mounted() -> bool:
    try:
        reverse("api:visits_change_request_detail", kwargs={"change_id": 1})
    except NoReverseMatch:
        return False
    return True


ROWS = {**PAGE_ROWS, **(API_ROWS if _api_mounted() else {})}


def objects(world) -> dict[str, dict]:
    import datetime

    from django.utils import timezone

    from coopcare.starting.gates import promise_signed
    from coopcare.teams.models import TeamMember
    from coopcare.visits.services.booking import create_appointment, join_appointment
    from coopcare.visits.services.changes import request_change
    from tests.factories import MembershipFactory, UserFactory, make_team_ready

    team = world["team"]
    alice = world["persona"]["member"]
    if not promise_signed(team):
        # Companionship needs only the Promise; another module may have opened the team's case.
        make_team_ready(team, visit=False)
    giver = UserFactory(email="matrix-changes-giver@example.org")
    MembershipFactory(person=giver)
    TeamMember.objects.create(team=team, person=giver, kind="independent_worker")
    first = timezone.now() + datetime.timedelta(days=20)

    def appointment(n: int, *, join: bool = True, open_slot: bool = False):
        start = first + datetime.timedelta(hours=3 * n)
        booked = create_appointment(
            alice,
            team,
            title="Matrix visit",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            place="home",
            support_kinds=["companionship"],
            givers=[] if open_slot else [giver],
            open_slot=open_slot,
        )
        if join and not open_slot:
            join_appointment(giver, booked)
        return booked

    def change(n: int):
        return request_change(giver, appointment(n), kind="cancel", reason="Matrix reason.")

    return {
        "vc_team": {"team_id": team.pk},
        "vc_confirmed": {"pk": appointment(0).pk},
        "vc_change": {"pk": change(1).pk},
        "vc_planned": {"pk": appointment(2, join=False).pk},
        "vc_slot": {"pk": appointment(3, open_slot=True).pk},
        "vc_api_confirmed": {"appointment_id": appointment(4).pk},
        "vc_api_change": {"change_id": change(5).pk},
        "vc_api_planned": {"appointment_id": appointment(6, join=False).pk},
        "vc_api_slot": {"appointment_id": appointment(7, open_slot=True).pk},
    }

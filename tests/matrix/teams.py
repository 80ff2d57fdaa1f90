"""Permission-matrix rows for joining teams, acting for the owner, trials and leaving
(``coopcare.teams`` pages and API).

In the matrix's world alice (``member``) owns ``world["team"]``: she sees it and does what the
owner's side does, and is refused (403) what only the other side may do — accepting an
invitation she sent, withdrawing someone else's request, giving notice in her own team, leaving
for someone else. Bob (``other_member``) is outside the team and gets 404 for all of it, except
what concerns him: he has asked to join (``team_request``), so he sees his request and may
withdraw it (but not decline it: 403), and as a co-op member he may ask to join. The applicant
and the superuser are not co-op members, so the team and its records do not exist for them.
"""

from django.urls import NoReverseMatch, reverse

from tests.test_permission_matrix import S

SIGNED_IN = S(302, 200, 200, 200, 200, 200)
TEAM_ONLY = S(302, 404, 200, 404, 404, 404)
TEAM_CANNOT = S(302, 404, 403, 404, 404, 404)

# Rows run in this order for each persona: a row that changes something comes after the rows
# that read the same thing.
PAGE_ROWS = {
    "teams:list": ("GET", None, SIGNED_IN),
    "teams:my_invitations": ("GET", None, SIGNED_IN),
    "teams:detail": ("GET", "team", TEAM_ONLY),
    "teams:invite": ("GET", "team", TEAM_ONLY),
    "teams:invitations": ("GET", "team", TEAM_ONLY),
    # Only members of the team's local circle may find it (carol is in the Purpose Circle).
    "teams:ask_to_join": ("GET", "team", S(302, 404, 403, 200, 404, 404)),
    "teams:representatives": ("GET", "team", TEAM_ONLY),
    "teams:end_representative": ("GET", "representative", TEAM_ONLY),
    "teams:give_notice": ("GET", "team", TEAM_CANNOT),
    "teams:invitation": ("GET", "team_invitation", TEAM_ONLY),
    "teams:accept": ("POST", "team_invitation", TEAM_CANNOT),
    "teams:decline": ("GET", "team_request", S(302, 404, 200, 403, 404, 404)),
    "teams:withdraw": ("GET", "team_request", S(302, 404, 403, 200, 404, 404)),
    "teams:trial": ("GET", "trial", TEAM_ONLY),
    "teams:trial_verdict": ("GET", "trial", TEAM_ONLY),
    "teams:sessions_done": ("POST", "trial", S(302, 404, 302, 404, 404, 404)),
    "teams:leave": ("GET", "leave", TEAM_ONLY),
    "teams:leave_now": ("GET", "leave", TEAM_CANNOT),
    "teams:stay": ("POST", "leave", TEAM_CANNOT),
    "teams:leave_take_off_hat": ("POST", "leave_hat", TEAM_CANNOT),
}

API_SIGNED_IN = S(401, 200, 200, 200, 200, 200)
API_TEAM_ONLY = S(401, 404, 200, 404, 404, 404)
# The matrix posts a form body where JSON is expected: refused as unreadable before anything
# happens. tests/teams/test_api.py sends real JSON.
UNREADABLE = S(401, 400, 400, 400, 400, 400)

# These count once the lead mounts ``coopcare.teams.api.router`` in api/api.py.
API_ROWS = {
    "api:team_list": ("GET", None, API_SIGNED_IN),
    "api:team_invitation_list": ("GET", None, API_SIGNED_IN),
    "api:team_detail": ("GET", "api_team", API_TEAM_ONLY),
    "api:team_invitation_detail": ("GET", "api_team_invitation", API_TEAM_ONLY),
    "api:team_invite": ("POST", "api_team", UNREADABLE),
    "api:team_join_request": ("POST", "api_team", UNREADABLE),
    "api:team_invitation_accept": ("POST", "api_team_invitation", UNREADABLE),
    "api:team_invitation_decline": ("POST", "api_team_request", UNREADABLE),
    "api:team_trial_verdict": ("POST", "api_trial", UNREADABLE),
    "api:team_give_notice": ("POST", "api_team", UNREADABLE),
    "api:team_trial_sessions_done": ("POST", "api_trial", S(401, 404, 200, 404, 404, 404)),
    "api:team_invitation_withdraw": ("POST", "api_team_request", S(401, 404, 403, 200, 404, 404)),
    # Acting for the owner and leaving well (``coopcare.teams.api_people``).
    "api:team_representative_list": ("GET", "api_team", API_TEAM_ONLY),
    "api:team_representative_record": ("POST", "api_team", UNREADABLE),
    "api:team_representative_end": ("POST", "api_representative", API_TEAM_ONLY),
    "api:team_leave_detail": ("GET", "api_leave", API_TEAM_ONLY),
    # Only the leaver acts on a leave: alice, the owner, sees it but may not (403).
    "api:team_leave_take_off_hat": ("POST", "api_leave_hat", S(401, 404, 403, 404, 404, 404)),
    "api:team_leave_complete": ("POST", "api_leave", S(401, 404, 403, 404, 404, 404)),
    "api:team_leave_withdraw": ("POST", "api_leave", S(401, 404, 403, 404, 404, 404)),
}


def _api_mounted() -> bool:
    try:
        reverse("api:team_list")
    except NoReverseMatch:
        return False
    return True


ROWS = {**PAGE_ROWS, **(API_ROWS if _api_mounted() else {})}


def objects(world) -> dict[str, dict]:
    import datetime

    from django.utils import timezone

    from coopcare.teams.models import Representative, TeamMember, Trial
    from coopcare.teams.services.leaving import give_notice
    from coopcare.teams.services.membership import invite_member, request_to_join
    from tests.factories import HatFactory, MembershipFactory, UserFactory, hat_type

    team = world["team"]
    alice, bob = world["persona"]["member"], world["persona"]["other_member"]
    invitation = invite_member(alice, team, "matrix-invitee@example.org", "family_friend")
    join_request = request_to_join(bob, team, "volunteer")
    rep = Representative.objects.create(
        team=team,
        person=UserFactory(email="matrix-rep@example.org"),
        role=Representative.Role.ADVOCATE,
        scope=["sign_promise"],
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
        recorded_by=alice,
    )
    candidate = TeamMember.objects.create(
        team=team, person=UserFactory(), kind="volunteer", status=TeamMember.Status.TRIAL
    )
    trial = Trial.objects.create(team=team, member=candidate, sessions_planned=1)
    # A second trial for the API rows: the pages' "sessions done" has closed the first one.
    api_candidate = TeamMember.objects.create(
        team=team, person=UserFactory(), kind="volunteer", status=TeamMember.Status.TRIAL
    )
    api_trial = Trial.objects.create(team=team, member=api_candidate, sessions_planned=1)
    leaver = UserFactory(email="matrix-leaver@example.org")
    MembershipFactory(person=leaver)
    TeamMember.objects.create(team=team, person=leaver, kind="independent_worker")
    leave = give_notice(leaver, team, timezone.localdate() + datetime.timedelta(days=7))
    hat = HatFactory(holder=leaver, circle=team.circle, hat_type=hat_type("rota-holder"))
    # Its own representation for the API to end, so the pages' rows always find theirs current.
    api_rep = Representative.objects.create(
        team=team,
        person=UserFactory(email="matrix-api-rep@example.org"),
        role=Representative.Role.ADVOCATE,
        scope=["sign_promise"],
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
        recorded_by=alice,
    )
    return {
        "team": {"team_id": team.pk},
        "team_invitation": {"pk": invitation.pk},
        "team_request": {"pk": join_request.pk},
        "representative": {"pk": rep.pk},
        "trial": {"pk": trial.pk},
        "leave": {"pk": leave.pk},
        "leave_hat": {"pk": leave.pk, "hat_id": hat.pk},
        "api_team": {"team_id": team.pk},
        "api_team_invitation": {"invitation_id": invitation.pk},
        "api_team_request": {"invitation_id": join_request.pk},
        "api_trial": {"trial_id": api_trial.pk},
        "api_representative": {"representative_id": api_rep.pk},
        "api_leave": {"leave_id": leave.pk},
        "api_leave_hat": {"leave_id": leave.pk, "hat_id": hat.pk},
    }

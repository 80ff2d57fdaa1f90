"""Permission-matrix rows for team decisions and team hat nominations.

In the matrix's world alice (``member``) owns ``world["team"]`` and is its only member; everyone
else is outside it and gets 404, with no hint that the team or its decisions exist.
"""

from tests.test_permission_matrix import S

TEAM_ONLY = S(302, 404, 200, 404, 404, 404)
API_TEAM_ONLY = S(401, 404, 200, 404, 404, 404)
# The matrix posts an empty form body; the API refuses it as unreadable JSON (400) before looking
# anything up, so it tells nobody whether the team exists. tests/teams/test_decisions_api.py
# checks who may write with a real body (outsiders 404, the Team Starter 403).
API_WRITE = S(401, 400, 400, 400, 400, 400)

ROWS = {
    "team_decisions:list": ("GET", "team_decisions", TEAM_ONLY),
    "team_decisions:new": ("GET", "team_decisions", TEAM_ONLY),
    "team_decisions:detail": ("GET", "team_decision", TEAM_ONLY),
    # alice posts an empty answer: the page comes back with the error (200), nothing changes.
    "team_decisions:respond": ("POST", "team_decision", TEAM_ONLY),
    "team_decisions:amend": ("GET", "team_decision", TEAM_ONLY),
    "team_decisions:withdraw": ("GET", "team_decision", TEAM_ONLY),
    "team_decisions:nominate": ("GET", "team_decisions", TEAM_ONLY),
    "team_decisions:nomination": ("GET", "team_nomination", TEAM_ONLY),
    "team_decisions:answer_nomination": ("POST", "team_nomination", TEAM_ONLY),
    "api:team_decision_list": ("GET", "api_team", API_TEAM_ONLY),
    "api:team_decision_create": ("POST", "api_team", API_WRITE),
    "api:team_decision_detail": ("GET", "api_team_decision", API_TEAM_ONLY),
    "api:team_decision_answer": ("POST", "api_team_decision", API_WRITE),
    "api:team_decision_amend": ("POST", "api_team_decision", API_WRITE),
    "api:team_decision_withdraw": ("POST", "api_team_decision", API_WRITE),
    "api:team_unheld_hats": ("GET", "api_team", API_TEAM_ONLY),
    "api:team_hat_nominate": ("POST", "api_team", API_WRITE),
    "api:team_hat_nomination": ("GET", "api_team_nomination", API_TEAM_ONLY),
    "api:team_hat_nomination_answer": ("POST", "api_team_nomination", API_WRITE),
}


def objects(world) -> dict[str, dict]:
    from coopcare.teams.services.decisions import propose_team_decision
    from coopcare.teams.services.hats import nominate_for_team_hat
    from tests.factories import hat_type

    team = world["team"]
    alice = world["persona"]["member"]
    proposal = propose_team_decision(
        alice,
        team,
        kind="times",
        title="Mornings at ten",
        statement="Morning visits start at ten.",
        reason="Slow mornings.",
    )
    nomination = nominate_for_team_hat(
        alice, team, hat_type("profile-holder"), alice, "I know my own profile best."
    )
    return {
        "team_decisions": {"team_id": team.pk},
        "team_decision": {"team_id": team.pk, "pk": proposal.pk},
        "team_nomination": {"team_id": team.pk, "pk": nomination.pk},
        "api_team": {"team_id": team.pk},
        "api_team_decision": {"team_id": team.pk, "proposal_id": proposal.pk},
        "api_team_nomination": {"team_id": team.pk, "nomination_id": nomination.pk},
    }

"""Permission-matrix rows for the learning policy and a team's learning needs
(``coopcare.learning`` policy part: pages and API).

In the matrix's world the Leeds circle's policy is read by every co-op member — alice, bob and
carol — and by nobody else (the applicant and the superuser are not members: 404). Nobody in the
world wears the Coach or Learning Lead hat in Leeds, so the pages and endpoints that change the
policy are 403 for members and 404 for the rest. Alice owns ``world["team"]``: she sees its
needs and marks and ends them; everyone else is outside the team (404). tests/learning/ checks
the Coach, the Learning Lead, the Profile Holder, workers and the Coach of another circle.
"""

from tests.test_permission_matrix import S

MEMBERS_READ = S(302, 404, 200, 200, 200, 404)
MEMBERS_CANNOT = S(302, 404, 403, 403, 403, 404)
TEAM_ONLY = S(302, 404, 200, 404, 404, 404)

API_MEMBERS_READ = S(401, 404, 200, 200, 200, 404)
API_MEMBERS_CANNOT = S(401, 404, 403, 403, 403, 404)
API_TEAM_ONLY = S(401, 404, 200, 404, 404, 404)
# The matrix posts a form body where JSON is expected: refused as unreadable (400) before
# anything is looked up. tests/learning/test_policy_api.py and test_team_needs_api.py send JSON.
API_UNREADABLE = S(401, 400, 400, 400, 400, 400)

ROWS = {
    "learning:policy": ("GET", "lp_circle", MEMBERS_READ),
    "learning:policy_changes": ("GET", "lp_circle", MEMBERS_READ),
    "learning:topic_new": ("GET", "lp_circle", MEMBERS_CANNOT),
    "learning:topic_edit": ("GET", "lp_topic", MEMBERS_CANNOT),
    "learning:topic_retire": ("GET", "lp_topic", MEMBERS_CANNOT),
    "learning:topic_restore": ("GET", "lp_retired", MEMBERS_CANNOT),
    "learning:team_needs": ("GET", "lp_team", TEAM_ONLY),
    "learning:team_need_end": ("GET", "lp_need", TEAM_ONLY),
    "api:learning_policy": ("GET", "lp_circle", API_MEMBERS_READ),
    "api:learning_policy_changes": ("GET", "lp_circle", API_MEMBERS_READ),
    "api:learning_topic_add": ("POST", "lp_circle", API_UNREADABLE),
    # An empty JSON body is a valid change request: the right to change is checked first.
    "api:learning_topic_change": ("PATCH", "lp_topic", API_MEMBERS_CANNOT),
    "api:learning_topic_retire": ("POST", "lp_topic", API_UNREADABLE),
    "api:learning_topic_restore": ("POST", "lp_retired", API_UNREADABLE),
    "api:learning_team_needs": ("GET", "lp_team", API_TEAM_ONLY),
    "api:learning_team_need_mark": ("POST", "lp_team", API_UNREADABLE),
    # Last: alice really ends the need.
    "api:learning_team_need_end": ("POST", "lp_need", API_TEAM_ONLY),
}


def objects(world) -> dict[str, dict]:
    from django.utils import timezone

    from coopcare.learning.requirements import current_topics, policy_for
    from coopcare.learning.services.needs import mark_need

    team = world["team"]
    circle = team.local_circle
    topics = current_topics(policy_for(circle))
    retired = topics[-1]
    retired.retired_at = timezone.now()
    retired.save(update_fields=["retired_at"])
    need = mark_need(world["persona"]["member"], team, "awareness-dementia")
    return {
        "lp_circle": {"circle_id": circle.pk},
        "lp_topic": {"topic_id": topics[0].pk},
        "lp_retired": {"topic_id": retired.pk},
        "lp_team": {"team_id": team.pk},
        "lp_need": {"need_id": need.pk},
    }

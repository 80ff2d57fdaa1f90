"""Permission-matrix rows for the team discussion (``coopcare.discussion``).

In the matrix's world alice (``member``) owns ``world["team"]`` and so reads and posts in its
discussion; everyone else — bob in the same circle, carol, the applicant, the superuser — is
outside the team and gets 404 for all of it.
"""

from django.urls import NoReverseMatch, reverse

from tests.test_permission_matrix import S

TEAM_ONLY = S(302, 404, 200, 404, 404, 404)
API_TEAM_ONLY = S(401, 404, 200, 404, 404, 404)
# The matrix posts a form body where JSON is expected: refused as unreadable (400) before
# anything is looked up. tests/discussion/test_api.py checks who may post with real JSON.
API_UNREADABLE = S(401, 400, 400, 400, 400, 400)

PAGE_ROWS = {
    "discussion:index": ("GET", "discussion_team", TEAM_ONLY),
    "discussion:thread": ("GET", "discussion_thread", TEAM_ONLY),
    "discussion:edit_message": ("GET", "discussion_message", TEAM_ONLY),
    "discussion:withdraw_message": ("GET", "discussion_withdrawable", TEAM_ONLY),
}

# These count once the lead mounts ``coopcare.discussion.api.router`` in api/api.py.
API_ROWS = {
    "api:discussion_threads": ("GET", "discussion_team", API_TEAM_ONLY),
    "api:discussion_start_thread": ("POST", "discussion_team", API_UNREADABLE),
    "api:discussion_messages": ("GET", "discussion_thread", API_TEAM_ONLY),
    "api:discussion_reply": ("POST", "discussion_thread", API_UNREADABLE),
    # An empty change is refused (400, counted as let in) for alice; 404 for everyone else.
    "api:discussion_edit_message": ("PATCH", "discussion_message", API_TEAM_ONLY),
    # Last: alice really withdraws her reply.
    "api:discussion_withdraw_message": ("POST", "discussion_withdrawable", API_TEAM_ONLY),
}


def _api_mounted() -> bool:
    try:
        reverse("api:discussion_threads", kwargs={"team_id": 1})
    except NoReverseMatch:
        return False
    return True


ROWS = {**PAGE_ROWS, **(API_ROWS if _api_mounted() else {})}


def objects(world) -> dict[str, dict]:
    from coopcare.discussion.services import post_reply, start_thread

    team = world["team"]
    alice = world["persona"]["member"]
    thread = start_thread(alice, team, "Matrix thread", "Hello, team.")
    reply = post_reply(alice, thread, "A reply to withdraw.")
    opening = thread.messages.get(opens_thread=True)
    return {
        "discussion_team": {"team_id": team.pk},
        "discussion_thread": {"team_id": team.pk, "thread_id": thread.pk},
        "discussion_message": {"team_id": team.pk, "message_id": opening.pk},
        "discussion_withdrawable": {"team_id": team.pk, "message_id": reply.pk},
    }

"""Permission-matrix rows for concerns, Sharing Stuff (``coopcare.concerns``).

Alice (``member``) has raised a concern about her team, routed to Cora, the Leeds circle's
Coach, who is none of the personas. Anyone signed in may raise one and see their own list; only
alice sees hers, and may not move it on (403); to everyone else it does not exist (404). No
persona handles concerns, so the handlers' list is refused to all (403).
"""

from django.urls import NoReverseMatch, reverse

from tests.test_permission_matrix import S

SIGNED_IN = S(302, 200, 200, 200, 200, 200)
HANDLERS_LIST = S(302, 403, 403, 403, 403, 403)
REPORTER_ONLY = S(302, 404, 200, 404, 404, 404)

PAGE_ROWS = {
    "concerns:list": ("GET", None, HANDLERS_LIST),
    "concerns:new": ("GET", None, SIGNED_IN),
    "concerns:mine": ("GET", None, SIGNED_IN),
    "concerns:detail": ("GET", "concern", REPORTER_ONLY),
    "concerns:update": ("POST", "concern", S(302, 404, 403, 404, 404, 404)),
}

# These count once the lead mounts ``coopcare.concerns.api.router`` in api/api.py.
API_ROWS = {
    # The matrix posts a form body where JSON is expected: refused as unreadable (400) before
    # anything happens. tests/concerns/test_api.py raises concerns with real JSON.
    "api:concern_raise": ("POST", None, S(401, 400, 400, 400, 400, 400)),
    "api:concern_mine": ("GET", None, S(401, 200, 200, 200, 200, 200)),
    "api:concern_list": ("GET", None, S(401, 403, 403, 403, 403, 403)),
    "api:concern_detail": ("GET", "api_concern", S(401, 404, 200, 404, 404, 404)),
    "api:concern_update": ("PATCH", "api_concern", S(401, 404, 403, 404, 404, 404)),
}


def _api_mounted() -> bool:
    try:
        reverse("api:concern_mine")
    except NoReverseMatch:
        return False
    return True


ROWS = {**PAGE_ROWS, **(API_ROWS if _api_mounted() else {})}


def objects(world) -> dict[str, dict]:
    from coopcare.concerns.services import raise_concern
    from tests.factories import HatFactory, MembershipFactory, UserFactory, hat_type

    team = world["team"]
    cora = UserFactory(email="cora.matrix@example.org", profile__name="Cora Coach")
    MembershipFactory(person=cora)
    HatFactory(holder=cora, circle=team.local_circle, hat_type=hat_type("coach"))
    concern = raise_concern(
        world["persona"]["member"],
        team=team,
        what_happened="Visits start late.",
        safeguarding="no",
    )
    return {"concern": {"pk": concern.pk}, "api_concern": {"concern_id": concern.pk}}

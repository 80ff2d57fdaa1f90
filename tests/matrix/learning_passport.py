"""Permission-matrix rows for the learning passport and the Learning Lead's measures.

The passport is the signed-in person's own: everyone signed in has one (an empty one without
circles), and there is no address for anyone else's. Links are alice's: only she reaches her
link's revoke page (404 for everyone else). The shared passport needs no sign-in — the secret in
its address is the key — so everyone gets alice's shared passport (a bad secret is a 404 for
everyone; tests/learning/test_passport_links.py checks it). The measures are for the Coach and
the Learning Lead of a circle: in the matrix's world nobody wears those hats in Leeds, so members
are refused (403) and people who are not co-op members get 404.
"""

from tests.test_permission_matrix import S

SIGNED_IN = S(302, 200, 200, 200, 200, 200)
EVERYONE = S(200, 200, 200, 200, 200, 200)
ALICES = S(302, 404, 200, 404, 404, 404)
HATS_ONLY = S(302, 404, 403, 403, 403, 404)
API_SIGNED_IN = S(401, 200, 200, 200, 200, 200)

ROWS = {
    "learning:passport": ("GET", None, SIGNED_IN),
    "learning:passport_json": ("GET", None, SIGNED_IN),
    "learning:passport_links": ("GET", None, SIGNED_IN),
    "learning:passport_link_revoke": ("GET", "passport_link", ALICES),
    "learning:passport_shared": ("GET", "passport_token", EVERYONE),
    "learning:passport_shared_json": ("GET", "passport_token", EVERYONE),
    "learning:measures": ("GET", "measures_circle", HATS_ONLY),
    "api:learning_passport": ("GET", None, API_SIGNED_IN),
    "api:learning_passport_links": ("GET", None, API_SIGNED_IN),
    # The matrix posts a form body where JSON is expected: refused as unreadable (400).
    "api:learning_passport_link_create": ("POST", None, S(401, 400, 400, 400, 400, 400)),
    # Alice really revokes her second link here; anyone else's link does not exist for them.
    "api:learning_passport_link_revoke": (
        "POST",
        "api_passport_link",
        S(401, 404, 200, 404, 404, 404),
    ),
    "api:learning_passport_shared": ("GET", "passport_token", EVERYONE),
    "api:learning_measures": ("GET", "measures_circle", S(401, 404, 403, 403, 403, 404)),
}


def objects(world) -> dict[str, dict]:
    from coopcare.learning.services.passport import create_link

    alice = world["persona"]["member"]
    link, raw = create_link(alice, alice, label="Matrix")
    other, _raw = create_link(alice, alice, label="To revoke")
    return {
        "passport_link": {"link_id": link.pk},
        "api_passport_link": {"link_id": other.pk},
        "passport_token": {"token": raw},
        "measures_circle": {"circle_id": world["team"].local_circle_id},
    }

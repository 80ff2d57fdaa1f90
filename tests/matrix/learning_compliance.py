"""Permission-matrix rows for the training matrix (``learning`` compliance pages and API).

In the matrix's world carol (``hat_holder``) is the Learning Lead of a circle of her own (not
its Coach: a Coach hat would open the concerns list to her), so she alone gets in; alice and bob
are co-op members without the hat there (403); the applicant and the superuser are not co-op
members, so the circle is not theirs to know about (404). tests/learning/test_matrix_*.py check
the Coach, the Coach of another circle and workers.
"""

from tests.test_permission_matrix import S

COACH_ONLY = S(302, 404, 403, 403, 200, 404)
API_COACH_ONLY = S(401, 404, 403, 403, 200, 404)

ROWS = {
    "learning:matrix": ("GET", "lc_circle", COACH_ONLY),
    "learning:matrix_csv": ("GET", "lc_circle", COACH_ONLY),
    "api:learning_matrix": ("GET", "lc_circle", API_COACH_ONLY),
    "api:learning_flagged_registrations": ("GET", "lc_circle", API_COACH_ONLY),
}


def objects(world) -> dict[str, dict]:
    from coopcare.circles.models import Circle
    from tests.factories import CircleFactory, HatFactory, hat_type

    carol = world["persona"]["hat_holder"]
    circle = CircleFactory(
        name="Matrix Coaching Circle",
        slug="matrix-coaching",
        parent=Circle.objects.get(slug="purpose"),
    )
    HatFactory(holder=carol, circle=circle, hat_type=hat_type("learning-lead"))
    return {"lc_circle": {"circle_id": circle.pk}}

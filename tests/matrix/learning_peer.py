"""Permission-matrix rows for welcome routes, pathways and peer supervision
(``coopcare.learning`` peer part, pages and API).

In the matrix's world a Coach of the Leeds circle (made here) started a welcome route for alice
(``member``); alice is on the volunteer-to-paid-work pathway; and alice is the supervisee of a
peer supervision pair with someone made here, with one check-in. So alice reaches her route,
her journey and her pair; bob (same circle), carol (a hat in another circle), the applicant and
the superuser reach none of them (404): check-in notes are for the pair alone, whatever hat or
admin rights anyone holds. The circle's welcome list is for its Coach, Learning Lead, Recruiter
and Peer Supervisor: other members are refused (403), people who are not members see nothing
(404). Confirming a stage is for the person's Coach or Learning Lead: alice herself gets 403.
"""

from django.urls import NoReverseMatch, reverse

from tests.test_permission_matrix import S

SIGNED_IN = S(302, 200, 200, 200, 200, 200)
ALICE_ONLY = S(302, 404, 200, 404, 404, 404)
# A POST with an empty form: alice is let in and told what is missing (redirect back).
ALICE_ONLY_POST = S(302, 404, 302, 404, 404, 404)
CIRCLE_HATS = S(302, 404, 403, 403, 403, 404)

PAGE_ROWS = {
    "learning:welcome_list": ("GET", "peer_circle", CIRCLE_HATS),
    "learning:welcome_new": ("GET", "peer_circle", CIRCLE_HATS),
    "learning:welcome": ("GET", "peer_route", ALICE_ONLY),
    "learning:welcome_buddy": ("GET", "peer_route", ALICE_ONLY),
    "learning:welcome_tick": ("POST", "peer_route", ALICE_ONLY_POST),
    "learning:pathways": ("GET", None, SIGNED_IN),
    # Starting: members and people in a team or circle. alice is already on it (sent back with
    # a message); bob and carol start one; the applicant and the superuser take no part.
    "learning:journey_start": ("POST", "peer_pathway", S(302, 403, 302, 302, 302, 403)),
    "learning:journey": ("GET", "peer_journey", ALICE_ONLY),
    "learning:journey_confirm": ("GET", "peer_journey", S(302, 404, 403, 404, 404, 404)),
    "learning:journey_end": ("GET", "peer_journey", ALICE_ONLY),
    "learning:supervision": ("GET", None, SIGNED_IN),
    "learning:pair_ask": ("GET", None, S(302, 403, 200, 200, 200, 403)),
    "learning:pair": ("GET", "peer_pair", ALICE_ONLY),
    "learning:pair_answer": ("POST", "peer_pair", ALICE_ONLY_POST),
    "learning:pair_cadence": ("POST", "peer_pair", ALICE_ONLY_POST),
    "learning:pair_end": ("GET", "peer_pair", ALICE_ONLY),
    "learning:check_in_new": ("GET", "peer_pair", ALICE_ONLY),
}

API_ALICE_ONLY = S(401, 404, 200, 404, 404, 404)
# The matrix posts a form body where JSON is expected: refused as unreadable before anything
# is looked up. tests/learning/test_*_api.py send real JSON.
UNREADABLE = S(401, 400, 400, 400, 400, 400)

API_ROWS = {
    "api:learning_welcome_list": ("GET", "api_peer_circle", S(401, 404, 403, 403, 403, 404)),
    "api:learning_welcome_start": ("POST", "api_peer_circle", UNREADABLE),
    "api:learning_welcome_detail": ("GET", "api_peer_route", API_ALICE_ONLY),
    "api:learning_welcome_tick": ("POST", "api_peer_route", UNREADABLE),
    "api:learning_welcome_buddy": ("POST", "api_peer_route", UNREADABLE),
    "api:learning_pathways": ("GET", None, S(401, 200, 200, 200, 200, 200)),
    # Everyone who takes part is already on it by now (the page row started bob's and carol's).
    "api:learning_journey_start": ("POST", "api_peer_pathway", S(401, 403, 400, 400, 400, 403)),
    "api:learning_journey_detail": ("GET", "api_peer_journey", API_ALICE_ONLY),
    "api:learning_journey_confirm": ("POST", "api_peer_journey", S(401, 404, 403, 404, 404, 404)),
    "api:learning_pairs": ("GET", None, S(401, 200, 200, 200, 200, 200)),
    "api:learning_pair_ask": ("POST", None, UNREADABLE),
    "api:learning_pair_detail": ("GET", "api_peer_pair", API_ALICE_ONLY),
    "api:learning_pair_answer": ("POST", "api_peer_pair", UNREADABLE),
    "api:learning_pair_cadence": ("POST", "api_peer_pair", UNREADABLE),
    "api:learning_check_ins": ("GET", "api_peer_pair", API_ALICE_ONLY),
    "api:learning_check_in_create": ("POST", "api_peer_pair", UNREADABLE),
    # Last: alice really ends her journey and her pair.
    "api:learning_journey_end": ("POST", "api_peer_journey", API_ALICE_ONLY),
    "api:learning_pair_end": ("POST", "api_peer_pair", API_ALICE_ONLY),
}


def _api_mounted() -> bool:
    try:
        reverse("api:learning_pairs")
    except NoReverseMatch:
        return False
    return True


ROWS = {**PAGE_ROWS, **(API_ROWS if _api_mounted() else {})}


def objects(world) -> dict[str, dict]:
    from django.utils import timezone

    from coopcare.learning.models import Pathway
    from coopcare.learning.services.pathways import (
        VOLUNTEER_TO_PAID,
        ensure_default_pathways,
        start_journey,
    )
    from coopcare.learning.services.supervision import answer_pair, ask_pair, record_check_in
    from coopcare.learning.services.welcome import start_welcome
    from tests.conftest import _member
    from tests.factories import HatFactory, hat_type

    alice = world["persona"]["member"]
    circle = world["team"].local_circle
    coach = _member(circle, email="matrix-coach@example.org", profile__name="Mia Matrix")
    HatFactory(holder=coach, circle=circle, hat_type=hat_type("coach"))
    peer = _member(circle, email="matrix-peer@example.org", profile__name="Pat Peer")
    route = start_welcome(coach, circle, alice)
    ensure_default_pathways()
    pathway = Pathway.objects.get(slug=VOLUNTEER_TO_PAID)
    journey = start_journey(alice, pathway)
    pair = answer_pair(peer, ask_pair(alice, peer), True)
    record_check_in(peer, pair, held_on=timezone.localdate(), notes="Private to the pair.")
    return {
        "peer_circle": {"circle_id": circle.pk},
        "peer_route": {"route_id": route.pk},
        "peer_pathway": {"pathway_id": pathway.pk},
        "peer_journey": {"journey_id": journey.pk},
        "peer_pair": {"pair_id": pair.pk},
        "api_peer_circle": {"circle_id": circle.pk},
        "api_peer_route": {"route_id": route.pk},
        "api_peer_pathway": {"pathway_id": pathway.pk},
        "api_peer_journey": {"journey_id": journey.pk},
        "api_peer_pair": {"pair_id": pair.pk},
    }

"""Permission-matrix rows for the Getting and Giving Support Profiles (supportprofiles).

In the matrix's world alice (``member``) owns ``world["team"]``: she reaches every page of its
Getting Support Profile, and bob (a Leeds member outside the team), carol, the applicant and the
superuser get 404 — no hint the team exists. Alice's Giving Support Profile is closed (not open to
new team owners), so only she sees it. Anyone signed in may write their own.
"""

from django.urls import NoReverseMatch, reverse

from tests.test_permission_matrix import S

SIGNED_IN = S(302, 200, 200, 200, 200, 200)
OWNER_ONLY = S(302, 404, 200, 404, 404, 404)
API_OWNER_ONLY = S(401, 404, 200, 404, 404, 404)

PAGE_ROWS = {
    "supportprofiles:my_giving": ("GET", None, SIGNED_IN),
    "supportprofiles:giving_edit": ("GET", None, SIGNED_IN),
    "supportprofiles:qualification_add": ("GET", None, SIGNED_IN),
    "supportprofiles:qualification_remove": ("GET", "sp_qualification", OWNER_ONLY),
    "supportprofiles:giving_detail": ("GET", "sp_person", OWNER_ONLY),
    "supportprofiles:team_profile": ("GET", "sp_team", OWNER_ONLY),
    "supportprofiles:audiences": ("GET", "sp_team", OWNER_ONLY),
    "supportprofiles:section_edit": ("GET", "sp_section", OWNER_ONLY),
    "supportprofiles:contact_add": ("GET", "sp_team", OWNER_ONLY),
    "supportprofiles:contact_edit": ("GET", "sp_contact", OWNER_ONLY),
    "supportprofiles:contact_remove": ("GET", "sp_contact", OWNER_ONLY),
}

# The API rows count once the lead mounts ``coopcare.supportprofiles.api.router`` in api/api.py;
# until then those routes do not exist (tests/supportprofiles/test_api_*.py test the router on
# its own, through tests/supportprofiles/api_urls.py).
API_ROWS = {
    "api:team_getting_profile": ("GET", "sp_api_team", API_OWNER_ONLY),
    # An empty change: alice gets her section back unchanged; outsiders 404.
    "api:change_getting_profile_section": ("PATCH", "sp_api_section", API_OWNER_ONLY),
    # An empty body lacks the required "audience": refused (422) before anything is looked up.
    "api:set_getting_profile_audience": ("PUT", "sp_api_section", S(401, 200, 200, 200, 200, 200)),
    # The matrix posts a form body where JSON is expected: refused before anything is looked up.
    "api:add_team_key_contact": ("POST", "sp_api_team", S(401, 400, 400, 400, 400, 400)),
    "api:change_team_key_contact": ("PATCH", "sp_api_contact", API_OWNER_ONLY),
    "api:giving_profile_detail": ("GET", "sp_api_person", API_OWNER_ONLY),
    "api:my_giving_profile": ("GET", None, API_OWNER_ONLY),  # only alice has written one
    "api:change_my_giving_profile": ("PATCH", None, S(401, 200, 200, 200, 200, 200)),
    "api:add_my_qualification": ("POST", None, S(401, 400, 400, 400, 400, 400)),
    # Deletions last: alice's really happen.
    "api:remove_team_key_contact": ("DELETE", "sp_api_contact", S(401, 404, 204, 404, 404, 404)),
    "api:remove_my_qualification": (
        "DELETE",
        "sp_api_qualification",
        S(401, 404, 204, 404, 404, 404),
    ),
}


def _api_mounted() -> bool:
    try:
        reverse("api:my_giving_profile")
    except NoReverseMatch:
        return False
    return True


ROWS = {**PAGE_ROWS, **(API_ROWS if _api_mounted() else {})}


def objects(world) -> dict[str, dict]:
    import datetime

    from coopcare.supportprofiles.services.contacts import add_key_contact
    from coopcare.supportprofiles.services.giving import add_qualification, update_giving_profile

    team = world["team"]
    alice = world["persona"]["member"]
    update_giving_profile(alice, alice, {"about_me": "Alice.", "open_to_new_owners": False})
    qualification = add_qualification(
        alice, alice, {"title": "First aid", "achieved_on": datetime.date(2024, 1, 31)}
    )
    contact = add_key_contact(
        alice, team, {"name": "Dr Amir Shah", "relationship": "GP", "how_to_reach": "Surgery"}
    )
    return {
        "sp_person": {"person_id": alice.pk},
        "sp_qualification": {"pk": qualification.pk},
        "sp_team": {"team_id": team.pk},
        "sp_section": {"team_id": team.pk, "section": "about_me"},
        "sp_contact": {"team_id": team.pk, "pk": contact.pk},
        "sp_api_team": {"team_id": team.pk},
        "sp_api_section": {"team_id": team.pk, "section": "about_me"},
        "sp_api_contact": {"team_id": team.pk, "contact_id": contact.pk},
        "sp_api_person": {"person_id": alice.pk},
        "sp_api_qualification": {"qualification_id": qualification.pk},
    }

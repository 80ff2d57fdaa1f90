"""Permission-matrix rows for the medicines record, the MAR (``coopcare.medicines``).

In the matrix's world alice (``member``) owns ``world["team"]``: she sees its MAR and keeps its
list (the owner's side does), but does not record doses — only a giver at a visit with help
with medicines, or the MAR Holder, does (403). Everyone else is outside the team, so the MAR
does not exist for them (404): bob, carol, the applicant and the superuser alike.
"""

from django.urls import NoReverseMatch, reverse

from tests.test_permission_matrix import S

TEAM_ONLY = S(302, 404, 200, 404, 404, 404)
TEAM_CANNOT = S(302, 404, 403, 404, 404, 404)

PAGE_ROWS = {
    "medicines:list": ("GET", "mar_team", TEAM_ONLY),
    "medicines:new": ("GET", "mar_team", TEAM_ONLY),
    "medicines:edit": ("GET", "mar_medicine", TEAM_ONLY),
    "medicines:stop": ("GET", "mar_medicine", TEAM_ONLY),
    "medicines:chart": ("GET", "mar_team", TEAM_ONLY),
    "medicines:record_dose": ("POST", "mar_medicine", TEAM_CANNOT),
}

API_TEAM_ONLY = S(401, 404, 200, 404, 404, 404)
# The matrix posts a form body where JSON is expected: refused as unreadable before anything
# happens. tests/medicines/test_api.py sends real JSON.
UNREADABLE = S(401, 400, 400, 400, 400, 400)

API_ROWS = {
    "api:medicine_list": ("GET", "api_mar_team", API_TEAM_ONLY),
    "api:dose_list": ("GET", "api_mar_team", API_TEAM_ONLY),
    "api:medicine_create": ("POST", "api_mar_team", UNREADABLE),
    # An empty JSON body changes nothing: alice may, everyone else is outside.
    "api:medicine_update": ("PATCH", "api_mar_medicine", API_TEAM_ONLY),
    "api:medicine_stop": ("POST", "api_mar_medicine", UNREADABLE),
    "api:dose_record": ("POST", "api_mar_medicine", UNREADABLE),
}


def _api_mounted() -> bool:
    try:
        reverse("api:medicine_list", kwargs={"team_id": 1})
    except NoReverseMatch:
        return False
    return True


ROWS = {**PAGE_ROWS, **(API_ROWS if _api_mounted() else {})}


def objects(world) -> dict[str, dict]:
    from coopcare.medicines.services import create_medicine

    team = world["team"]
    medicine = create_medicine(
        world["persona"]["member"], team, name="Metformin", dose="500 mg", times=["08:00"]
    )
    return {
        "mar_team": {"team_id": team.pk},
        "mar_medicine": {"team_id": team.pk, "pk": medicine.pk},
        "api_mar_team": {"team_id": team.pk},
        "api_mar_medicine": {"team_id": team.pk, "medicine_id": medicine.pk},
    }

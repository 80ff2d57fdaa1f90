"""Permission-matrix rows for starting a team (``coopcare.starting``).

In the matrix's world alice (``member``) owns ``world["team"]``; here she is also the person on
its team-starting case, led by Tess, a Team Starter in Leeds who is none of the personas. So no
persona may see enquiries or cases (Team Starters' and Coaches' work only): the lists are 403,
things in them 404. Alice reads and writes her own Promise, Supportive Conversation and its
audience. The call-out is shared with the Leeds circle: bob (a Leeds member) sees it and may say
he is interested; alice sees it as its owner but may not answer her own; carol (Purpose Circle),
the applicant and the superuser are outside it.
"""

from django.urls import NoReverseMatch, reverse

from tests.test_permission_matrix import S

EVERYONE = S(200, 200, 200, 200, 200, 200)
SIGNED_IN = S(302, 200, 200, 200, 200, 200)
STARTERS_LIST = S(302, 403, 403, 403, 403, 403)
STARTERS_ONLY = S(302, 404, 404, 404, 404, 404)
OWNER_ONLY = S(302, 404, 200, 404, 404, 404)
CIRCLE_AUDIENCE = S(302, 404, 200, 200, 404, 404)
FORM_REFUSED = S(401, 400, 400, 400, 400, 400)
API_STARTERS_ONLY = S(401, 404, 404, 404, 404, 404)
API_OWNER_ONLY = S(401, 404, 200, 404, 404, 404)
CIRCLE_API_AUDIENCE = S(401, 404, 200, 200, 404, 404)

PAGE_ROWS = {
    "starting:enquiry": ("GET", None, EVERYONE),
    "starting:enquiry_thanks": ("GET", None, EVERYONE),
    "starting:enquiries": ("GET", None, STARTERS_LIST),
    "starting:enquiry_add": ("GET", None, STARTERS_LIST),
    "starting:enquiry_detail": ("GET", "starting_enquiry", STARTERS_ONLY),
    "starting:enquiry_outcome": ("POST", "starting_enquiry", STARTERS_ONLY),
    "starting:enquiry_pass_on": ("POST", "starting_enquiry", STARTERS_ONLY),
    "starting:cases": ("GET", None, STARTERS_LIST),
    "starting:case": ("GET", "starting_case", STARTERS_ONLY),
    "starting:case_person": ("POST", "starting_case", STARTERS_ONLY),
    "starting:case_start_team": ("POST", "starting_case", STARTERS_ONLY),
    "starting:case_relationship": ("GET", "starting_case", STARTERS_ONLY),
    "starting:visit_add": ("GET", "starting_case", STARTERS_ONLY),
    "starting:call_out_add": ("GET", "starting_case", STARTERS_ONLY),
    "starting:readiness": ("GET", "starting_case", STARTERS_ONLY),
    "starting:contact_add": ("GET", "starting_case", STARTERS_ONLY),
    "starting:step_back": ("GET", "starting_case", STARTERS_ONLY),
    "starting:contact_hand_over": ("GET", "starting_contact", STARTERS_ONLY),
    # A link that is not a real invitation: nothing to show anybody.
    "starting:invitation": ("GET", "starting_bad_invitation", S(404, 404, 404, 404, 404, 404)),
    "starting:promise": ("GET", "starting_team", OWNER_ONLY),
    "starting:document": ("GET", "starting_document", OWNER_ONLY),
    "starting:document_edit": ("GET", "starting_document", OWNER_ONLY),
    "starting:document_versions": ("GET", "starting_document", OWNER_ONLY),
    "starting:document_version": ("GET", "starting_document_version", OWNER_ONLY),
    "starting:document_audience": ("GET", "starting_document", OWNER_ONLY),
    "starting:call_outs": ("GET", None, SIGNED_IN),
    "starting:call_out": ("GET", "starting_call_out", CIRCLE_AUDIENCE),
    # bob says he is interested (an empty message is fine) and is sent back to the call-out.
    "starting:call_out_interest": ("POST", "starting_call_out", S(302, 404, 403, 302, 404, 404)),
    "starting:call_out_close": ("POST", "starting_call_out", S(302, 404, 403, 403, 404, 404)),
    # alice may read who is interested in her call-out, but following up is the Team Starter's.
    "starting:interest_follow_up": ("POST", "starting_interest", S(302, 404, 403, 404, 404, 404)),
}

# The API rows count once the lead mounts ``coopcare.starting.api.router`` in api/api.py; until
# then those routes do not exist (tests/starting/test_api.py tests the router on its own).
API_ROWS = {
    "api:starting_support_allowed": ("GET", "starting_api_team", S(401, 404, 200, 404, 404, 404)),
    "api:starting_case_list": ("GET", None, S(401, 403, 403, 403, 403, 403)),
    "api:starting_case_detail": ("GET", "starting_api_case", S(401, 404, 404, 404, 404, 404)),
    "api:starting_call_out_list": ("GET", None, S(401, 200, 200, 200, 200, 200)),
    # The matrix posts a form body where JSON is expected: refused as unreadable (400) before
    # anything is looked up. tests/starting/test_api.py checks who may answer with real JSON.
    "api:starting_express_interest": (
        "POST",
        "starting_api_call_out",
        S(401, 400, 400, 400, 400, 400),
    ),
    # The same for every action below: tests/starting/test_api_actions.py checks who may act.
    "api:starting_enquiry_outcome": ("POST", "starting_api_enquiry", FORM_REFUSED),
    "api:starting_sign_promise": ("POST", "starting_api_team", FORM_REFUSED),
    "api:starting_record_visit": ("POST", "starting_api_case", FORM_REFUSED),
    "api:starting_save_document": ("POST", "starting_api_document", FORM_REFUSED),
    "api:starting_document": ("GET", "starting_api_document", S(401, 404, 200, 404, 404, 404)),
    # The later steps (starting.api_steps). Cases are Tess's, so every persona is outside them;
    # the routes with a body refuse the matrix's form post as unreadable, and
    # tests/starting/test_api_steps.py checks who may act with real JSON.
    "api:starting_case_call_outs": ("GET", "starting_api_case", API_STARTERS_ONLY),
    "api:starting_publish_call_out": ("POST", "starting_api_case", FORM_REFUSED),
    "api:starting_call_out_detail": ("GET", "starting_api_call_out", CIRCLE_API_AUDIENCE),
    # alice sees her own call-out and bob is in its audience, but closing is the Team Starter's.
    "api:starting_close_call_out": (
        "POST",
        "starting_api_call_out",
        S(401, 404, 403, 403, 404, 404),
    ),
    "api:starting_follow_up_interest": ("POST", "starting_api_interest", FORM_REFUSED),
    "api:starting_case_person": ("POST", "starting_api_case", FORM_REFUSED),
    "api:starting_start_case_team": ("POST", "starting_api_case", FORM_REFUSED),
    "api:starting_relationship_notes": ("GET", "starting_api_case", API_STARTERS_ONLY),
    "api:starting_record_relationship_notes": ("POST", "starting_api_case", FORM_REFUSED),
    "api:starting_pass_on_enquiry": ("POST", "starting_api_enquiry", FORM_REFUSED),
    "api:starting_readiness": ("GET", "starting_api_case", API_STARTERS_ONLY),
    "api:starting_update_readiness": ("POST", "starting_api_case", FORM_REFUSED),
    "api:starting_add_contact": ("POST", "starting_api_case", FORM_REFUSED),
    "api:starting_hand_over_contact": ("POST", "starting_api_contact", FORM_REFUSED),
    "api:starting_step_back": ("POST", "starting_api_case", API_STARTERS_ONLY),
    "api:starting_document_audience": ("GET", "starting_api_document", API_OWNER_ONLY),
    "api:starting_set_document_audience": ("POST", "starting_api_document", FORM_REFUSED),
}


def _api_mounted() -> bool:
    try:
        reverse("api:starting_call_out_list")
    except NoReverseMatch:
        return False
    return True


ROWS = {**PAGE_ROWS, **(API_ROWS if _api_mounted() else {})}


def objects(world) -> dict[str, dict]:
    from coopcare.starting.models import Case, Enquiry, TeamDocument
    from coopcare.starting.services.call_outs import express_interest, publish_call_out
    from coopcare.starting.services.documents import save_document_version
    from coopcare.starting.services.stepping_back import add_external_contact
    from tests.factories import (
        CircleMembershipFactory,
        HatFactory,
        MembershipFactory,
        UserFactory,
        hat_type,
    )

    team = world["team"]
    alice = world["persona"]["member"]
    leeds = team.local_circle
    tess = UserFactory(email="tess.matrix@example.org", profile__name="Tess Thornton")
    MembershipFactory(person=tess)
    CircleMembershipFactory(person=tess, circle=leeds)
    HatFactory(holder=tess, circle=leeds, hat_type=hat_type("team-starter"))
    ivy = UserFactory(email="ivy.matrix@example.org", profile__name="Ivy Ingram")
    MembershipFactory(person=ivy)
    CircleMembershipFactory(person=ivy, circle=leeds)

    enquiry = Enquiry.objects.create(
        for_whom="self",
        contact_name="Nadia New",
        email="nadia@example.org",
        support_kinds=["companionship"],
        needs="Company.",
        postcode="LS6 1AA",
        funding="not_sure",
    )
    proceeded = Enquiry.objects.create(
        for_whom="self",
        contact_name="Alice Ashworth",
        email=alice.email,
        support_kinds=["companionship"],
        needs="Company.",
        postcode="LS6 1AA",
        funding="self_funded",
        status="proceed",
        local_circle=leeds,
    )
    case = Case.objects.create(
        enquiry=proceeded,
        local_circle=leeds,
        team_starter=tess,
        person=alice,
        team=team,
        created_by=tess,
    )
    essentials = {
        "about_yourself": "Me.",
        "date_of_birth": "1950-01-01",
        "conditions": "None.",
        "medication": "No.",
        "documents": "None.",
    }
    save_document_version(tess, team, TeamDocument.Kind.SUPPORTIVE_CONVERSATION, essentials)
    call_out = publish_call_out(
        tess,
        case,
        texts=dict.fromkeys(("key_needs", "where_and_when", "qualities", "relationship"), "x"),
        shared_fields=["qualities"],
        audience="circle",
        consent_confirmed=True,
    )
    interest = express_interest(ivy, call_out, "Hello")
    contact = add_external_contact(
        tess, case, {"name": "Sam Social", "role": "Social worker", "how_to_reach": "Phone"}
    )
    document = {"team_id": team.pk, "kind": "supportive-conversation"}
    return {
        "starting_enquiry": {"pk": enquiry.pk},
        "starting_case": {"pk": case.pk},
        "starting_contact": {"pk": contact.pk},
        "starting_bad_invitation": {"token": "not-a-real-invitation"},
        "starting_team": {"team_id": team.pk},
        "starting_document": document,
        "starting_document_version": {**document, "number": 1},
        "starting_call_out": {"pk": call_out.pk},
        "starting_interest": {"pk": interest.pk},
        "starting_api_team": {"team_id": team.pk},
        "starting_api_case": {"case_id": case.pk},
        "starting_api_call_out": {"call_out_id": call_out.pk},
        "starting_api_enquiry": {"enquiry_id": enquiry.pk},
        "starting_api_document": {"team_id": team.pk, "kind": "supportive-conversation"},
        "starting_api_interest": {"interest_id": interest.pk},
        "starting_api_contact": {"contact_id": contact.pk},
    }

"""The Team Starter's later steps through the API: call-outs, the case's person and team,
relationship notes, passing enquiries on, stepping back, and a document's audience."""

import datetime
import json

import pytest
from django.core import mail
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.notifications.models import Notification
from coopcare.starting.models import CallOut, Case, ExternalContact, Interest, TeamDocument
from coopcare.starting.services.call_outs import express_interest, publish_call_out
from coopcare.starting.services.enquiries import decide_enquiry
from coopcare.starting.services.stepping_back import (
    add_external_contact,
    hand_over_contact,
    update_readiness,
)
from coopcare.teams.models import Team
from tests.factories import UserFactory
from tests.starting.test_call_outs import TEXTS
from tests.starting.test_stepping_back import CONTACT, wear_essential_hats

TODAY = datetime.date.today


def url(name: str, **kwargs) -> str:
    return reverse(f"api:starting_{name}", kwargs=kwargs)


def post(client, where: str, data: dict):
    return client.post(where, data=json.dumps(data), content_type="application/json")


@pytest.fixture
def new_case(team_starter, enquiry, leeds_circle) -> Case:
    """Mo's case: just proceeded, no account linked, no team yet."""
    return decide_enquiry(team_starter, enquiry, "proceed", local_circle=leeds_circle).case


@pytest.fixture
def call_out(case) -> CallOut:
    """Shared with the Leeds circle; only where-and-when and qualities were agreed."""
    return publish_call_out(
        case.team_starter,
        case,
        texts=TEXTS,
        shared_fields=["where_and_when", "qualities"],
        audience="circle",
        consent_confirmed=True,
    )


@pytest.fixture
def interest(call_out, alice) -> Interest:
    return express_interest(alice, call_out, "I live nearby.")


@pytest.fixture
def ready_case(case, worker) -> Case:
    """Everything in place: hats worn by Wren, rota running, Olive told, contact handed over."""
    wear_essential_hats(case.team, worker)
    update_readiness(
        case.team_starter, case, rota_running=True, rota_note="Filled", owner_informed=True
    )
    hand_over_contact(
        case.team_starter, add_external_contact(case.team_starter, case, CONTACT), worker
    )
    return case


# --- Call-outs ----------------------------------------------------------------------------------

CALL_OUT = {**TEXTS, "shared_fields": ["where_and_when"], "consent": True, "audience": "circle"}


def test_it_publishes_a_call_out_showing_only_the_shared_parts(
    as_person, team_starter, case, alice
):
    response = post(as_person(team_starter), url("publish_call_out", case_id=case.pk), CALL_OUT)
    assert response.status_code == 200
    body = response.json()
    assert [part["field"] for part in body["shared"]] == ["where_and_when"]
    assert body["can_follow_up"] is True
    assert body["interests"] == []
    assert body["case"] == case.pk
    call_out = CallOut.objects.get()
    assert call_out.shared_fields == ["where_and_when"]
    seen = as_person(alice).get(url("call_out_detail", call_out_id=call_out.pk))
    assert seen.status_code == 200
    assert "SECRET-NEEDS" not in seen.content.decode()
    assert seen.json()["can_express_interest"] is True
    assert seen.json()["interests"] is None
    assert seen.json()["case"] is None


def test_it_publishes_to_named_members(as_person, team_starter, case, bob):
    data = {**CALL_OUT, "audience": "named", "named_emails": [" BOB@example.org "]}
    response = post(as_person(team_starter), url("publish_call_out", case_id=case.pk), data)
    assert response.status_code == 200
    assert list(CallOut.objects.get().named_people.all()) == [bob]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"consent": False}, "consent"),
        ({"shared_fields": []}, "shared_fields"),
        ({"key_needs": "  "}, "key_needs"),
        ({"audience": "everyone"}, "audience"),
        ({"audience": "named", "named_emails": ["nobody@example.org"]}, "named_emails"),
    ],
)
def test_it_refuses_a_call_out_the_person_did_not_agree_to(
    as_person, team_starter, case, changes, field
):
    data = {**CALL_OUT, **changes}
    response = post(as_person(team_starter), url("publish_call_out", case_id=case.pk), data)
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["detail"]
    assert not CallOut.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [{"shared_fields": ["where_and_when", "diagnosis"]}, {"audience": None}, {"consent": "maybe"}],
)
def test_it_rejects_a_malformed_call_out(as_person, team_starter, case, changes):
    data = {**CALL_OUT, **changes}
    response = post(as_person(team_starter), url("publish_call_out", case_id=case.pk), data)
    assert response.status_code == 422
    assert not CallOut.objects.exists()


def test_it_refuses_publishing_to_people_who_do_not_lead_the_case(as_person, coach, owner, case):
    where = url("publish_call_out", case_id=case.pk)
    assert post(as_person(coach), where, CALL_OUT).status_code == 403
    assert post(as_person(owner), where, CALL_OUT).status_code == 404
    assert not CallOut.objects.exists()


def test_it_lists_a_cases_call_outs_to_its_supporters(
    as_person, team_starter, coach, outsider, interest
):
    where = url("case_call_outs", case_id=interest.call_out.case_id)
    body = as_person(coach).get(where).json()
    assert body["count"] == 1
    assert body["items"][0] == {
        "id": interest.call_out_id,
        "published_at": body["items"][0]["published_at"],
        "status": "open",
        "audience": "circle",
        "interested": 1,
    }
    assert as_person(team_starter).get(where).status_code == 200
    assert as_person(outsider).get(where).status_code == 404


def test_it_shows_the_team_starter_who_is_interested(as_person, team_starter, owner, interest):
    where = url("call_out_detail", call_out_id=interest.call_out_id)
    body = as_person(team_starter).get(where).json()
    assert body["interests"][0]["person_name"] == "Alice Ashworth"
    assert body["interests"][0]["message"] == "I live nearby."
    mine = as_person(interest.person).get(where).json()
    assert mine["mine"]["status"] == "new"
    assert mine["can_express_interest"] is False
    olive = as_person(owner).get(where).json()
    assert olive["interests"][0]["id"] == interest.pk
    assert olive["can_follow_up"] is False


def test_it_hides_a_call_out_from_people_outside_its_audience(as_person, dan, call_out):
    assert as_person(dan).get(url("call_out_detail", call_out_id=call_out.pk)).status_code == 404


def test_it_closes_a_call_out(as_person, team_starter, call_out):
    where = url("close_call_out", call_out_id=call_out.pk)
    response = as_person(team_starter).post(where)
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    again = as_person(team_starter).post(where)
    assert again.status_code == 400
    assert again.json()["detail"] == "This call-out is already closed."


def test_it_refuses_to_close_a_call_out_to_anyone_but_its_team_starter(
    as_person, alice, owner, dan, call_out
):
    where = url("close_call_out", call_out_id=call_out.pk)
    assert as_person(alice).post(where).status_code == 403
    assert as_person(owner).post(where).status_code == 403
    assert as_person(dan).post(where).status_code == 404
    call_out.refresh_from_db()
    assert call_out.status == CallOut.Status.OPEN


def test_it_follows_up_an_interest(as_person, team_starter, interest):
    where = url("follow_up_interest", interest_id=interest.pk)
    response = post(as_person(team_starter), where, {"status": "contacted", "note": "Phoned"})
    assert response.status_code == 200
    assert response.json()["status"] == "contacted"
    assert response.json()["status_note"] == "Phoned"
    assert Notification.objects.filter(
        recipient=interest.person, kind="starting.interest_followed_up"
    ).exists()


def test_it_refuses_a_follow_up_from_the_wrong_people_or_with_a_bad_status(
    as_person, team_starter, owner, outsider, interest
):
    where = url("follow_up_interest", interest_id=interest.pk)
    bad = post(as_person(team_starter), where, {"status": "hired"})
    assert bad.status_code == 400
    assert bad.json() == {"detail": "Choose how the follow-up is going.", "field": "status"}
    assert post(as_person(team_starter), where, {"note": "No status"}).status_code == 422
    assert post(as_person(owner), where, {"status": "contacted"}).status_code == 403
    assert post(as_person(outsider), where, {"status": "contacted"}).status_code == 404
    interest.refresh_from_db()
    assert interest.status == Interest.Status.NEW


# --- The case's person and team -----------------------------------------------------------------


def test_it_links_the_persons_account(as_person, team_starter, new_case):
    mo = UserFactory(email="mo@example.org", profile__name="Mo Patel")
    where = url("case_person", case_id=new_case.pk)
    response = post(as_person(team_starter), where, {"email": "MO@example.org", "action": "link"})
    assert response.status_code == 200
    assert response.json()["person"] == mo.pk
    new_case.refresh_from_db()
    assert new_case.person == mo


def test_it_invites_the_person_by_email(
    as_person, team_starter, new_case, django_capture_on_commit_callbacks
):
    where = url("case_person", case_id=new_case.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            as_person(team_starter), where, {"email": "mo@example.org", "action": "invite"}
        )
    assert response.status_code == 200
    assert response.json()["invited_email"] == "mo@example.org"
    assert response.json()["person"] is None
    assert mail.outbox[0].to == ["mo@example.org"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "nobody@example.org", "action": "link"}, "Send an invitation instead."),
        ({"email": "tess@example.org", "action": "invite"}, "link it instead."),
        ({"email": "not an address", "action": "invite"}, "Enter an email address"),
    ],
)
def test_it_says_why_the_person_cannot_be_linked(as_person, team_starter, new_case, data, message):
    response = post(as_person(team_starter), url("case_person", case_id=new_case.pk), data)
    assert response.status_code == 400
    assert message in response.json()["detail"]
    new_case.refresh_from_db()
    assert (new_case.person_id, new_case.invited_email) == (None, "")


def test_it_refuses_linking_to_the_wrong_people_or_a_strange_action(
    as_person, team_starter, coach, outsider, new_case, alice
):
    where = url("case_person", case_id=new_case.pk)
    data = {"email": alice.email, "action": "link"}
    assert post(as_person(coach), where, data).status_code == 403
    assert post(as_person(outsider), where, data).status_code == 404
    assert post(as_person(team_starter), where, {**data, "action": "adopt"}).status_code == 422
    new_case.refresh_from_db()
    assert new_case.person is None


def test_it_starts_the_persons_team(as_person, team_starter, new_case, alice):
    new_case.person = alice
    new_case.save()
    response = post(as_person(team_starter), url("start_case_team", case_id=new_case.pk), {})
    assert response.status_code == 200
    team = Team.objects.get(pk=response.json()["team"])
    assert team.owner == alice
    new_case.refresh_from_db()
    assert new_case.team == team


def test_it_refuses_to_start_a_team_before_the_person_is_linked(
    as_person, team_starter, coach, outsider, new_case
):
    where = url("start_case_team", case_id=new_case.pk)
    response = post(as_person(team_starter), where, {"name": "Mo's team"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Link the person's account before starting their team."
    assert post(as_person(team_starter), where, {"name": "x" * 121}).status_code == 422
    assert post(as_person(coach), where, {}).status_code == 403
    assert post(as_person(outsider), where, {}).status_code == 404
    assert not Team.objects.exists()


# --- Relationship notes -------------------------------------------------------------------------


def test_it_records_and_reads_the_relationship_notes(as_person, team_starter, case):
    where = url("record_relationship_notes", case_id=case.pk)
    data = {"talked_on": TODAY().isoformat(), "daily_life": "Gardens.", "risks": "Stairs."}
    response = post(as_person(team_starter), where, data)
    assert response.status_code == 200
    body = as_person(team_starter).get(url("relationship_notes", case_id=case.pk)).json()
    assert body["talked_on"] == TODAY().isoformat()
    assert (body["daily_life"], body["risks"], body["preferences"]) == ("Gardens.", "Stairs.", "")
    assert AuditEvent.objects.filter(action="starting.relationship_noted").count() == 1


def test_it_refuses_relationship_notes_without_a_good_date(as_person, team_starter, case):
    where = url("record_relationship_notes", case_id=case.pk)
    starter = as_person(team_starter)
    missing = post(starter, where, {"daily_life": "Gardens."})
    assert missing.status_code == 400
    assert missing.json() == {"detail": "Enter the date you talked.", "field": "talked_on"}
    tomorrow = (TODAY() + datetime.timedelta(days=1)).isoformat()
    assert post(starter, where, {"talked_on": tomorrow}).status_code == 400
    assert post(starter, where, {"talked_on": "last Tuesday"}).status_code == 422
    case.refresh_from_db()
    assert (case.relationship_talk_on, case.daily_life) == (None, "")


def test_it_keeps_relationship_notes_from_coaches_and_strangers(as_person, coach, outsider, case):
    data = {"talked_on": TODAY().isoformat(), "daily_life": "Gardens."}
    assert as_person(coach).get(url("relationship_notes", case_id=case.pk)).status_code == 403
    where = url("record_relationship_notes", case_id=case.pk)
    assert post(as_person(coach), where, data).status_code == 403
    assert post(as_person(outsider), where, data).status_code == 404
    case.refresh_from_db()
    assert case.relationship_talk_on is None


# --- Passing an enquiry on ----------------------------------------------------------------------


def test_it_passes_an_enquiry_on_to_another_local_circle(
    as_person, team_starter, hebden_starter, enquiry, hebden_circle
):
    where = url("pass_on_enquiry", enquiry_id=enquiry.pk)
    response = post(as_person(team_starter), where, {"local_circle": "hebden"})
    assert response.status_code == 200
    assert response.json() == {"id": enquiry.pk, "local_circle": "hebden", "can_view": False}
    enquiry.refresh_from_db()
    assert enquiry.local_circle == hebden_circle
    assert Notification.objects.filter(recipient=hebden_starter).exists()


def test_it_refuses_to_pass_an_enquiry_anywhere_but_a_local_circle(
    as_person, team_starter, coach, outsider, enquiry, hebden_circle
):
    where = url("pass_on_enquiry", enquiry_id=enquiry.pk)
    starter = as_person(team_starter)
    nowhere = post(starter, where, {"local_circle": "nowhere"})
    assert nowhere.status_code == 400
    assert nowhere.json()["field"] == "local_circle"
    purpose = post(starter, where, {"local_circle": "purpose"})
    assert purpose.status_code == 400
    assert purpose.json()["detail"] == "Choose a local circle."
    assert post(starter, where, {}).status_code == 422
    assert post(as_person(coach), where, {"local_circle": "hebden"}).status_code == 403
    assert post(as_person(outsider), where, {"local_circle": "hebden"}).status_code == 404
    enquiry.refresh_from_db()
    assert enquiry.local_circle is None


# --- Stepping back ------------------------------------------------------------------------------


def test_it_shows_the_readiness_checklist_to_the_cases_supporters(
    as_person, team_starter, coach, outsider, case
):
    add_external_contact(team_starter, case, CONTACT)
    body = as_person(coach).get(url("readiness", case_id=case.pk)).json()
    assert body["ready"] is False
    assert "The rota is not yet running consistently." in body["missing"]
    assert len(body["hats"]) == 6
    assert body["contacts"][0]["holder_name"] == "Tess Thornton"
    assert as_person(outsider).get(url("readiness", case_id=case.pk)).status_code == 404


def test_it_updates_the_readiness_checklist(as_person, team_starter, case):
    where = url("update_readiness", case_id=case.pk)
    data = {"rota_running": True, "rota_note": "Four weeks filled", "owner_informed": True}
    response = post(as_person(team_starter), where, data)
    assert response.status_code == 200
    assert response.json()["rota_running"] is True
    assert "The rota is not yet running consistently." not in response.json()["missing"]
    case.refresh_from_db()
    assert (case.rota_running, case.owner_informed) == (True, True)


def test_it_refuses_a_readiness_checklist_it_cannot_trust(
    as_person, team_starter, coach, outsider, case
):
    where = url("update_readiness", case_id=case.pk)
    data = {"rota_running": True, "owner_informed": True}
    no_note = post(as_person(team_starter), where, data)
    assert no_note.status_code == 400
    assert no_note.json()["field"] == "rota_note"
    assert post(as_person(team_starter), where, {"rota_running": True}).status_code == 422
    full = {**data, "rota_note": "Filled"}
    assert post(as_person(coach), where, full).status_code == 403
    assert post(as_person(outsider), where, full).status_code == 404
    case.refresh_from_db()
    assert (case.rota_running, case.owner_informed) == (False, False)


def test_it_adds_an_external_contact(as_person, team_starter, case):
    response = post(as_person(team_starter), url("add_contact", case_id=case.pk), CONTACT)
    assert response.status_code == 200
    assert response.json()["holder"] == team_starter.pk
    assert ExternalContact.objects.get().name == "Sam Social"


def test_it_refuses_a_contact_without_what_it_needs(as_person, team_starter, coach, outsider, case):
    where = url("add_contact", case_id=case.pk)
    no_way = post(as_person(team_starter), where, {**CONTACT, "how_to_reach": " "})
    assert no_way.status_code == 400
    assert no_way.json() == {"detail": "Say how to reach them.", "field": "how_to_reach"}
    assert post(as_person(team_starter), where, {**CONTACT, "name": "x" * 121}).status_code == 422
    assert post(as_person(coach), where, CONTACT).status_code == 403
    assert post(as_person(outsider), where, CONTACT).status_code == 404
    assert not ExternalContact.objects.exists()


def test_it_hands_a_contact_over_to_a_team_member(as_person, team_starter, worker, case):
    contact = add_external_contact(team_starter, case, CONTACT)
    where = url("hand_over_contact", contact_id=contact.pk)
    response = post(as_person(team_starter), where, {"holder": worker.pk})
    assert response.status_code == 200
    assert response.json()["holder_name"] == "Wren Walker"
    assert response.json()["handed_over_at"] is not None
    assert Notification.objects.filter(
        recipient=worker, kind="starting.contact_handed_over"
    ).exists()


def test_it_refuses_to_hand_a_contact_to_someone_outside_the_team(
    as_person, team_starter, coach, outsider, worker, case
):
    contact = add_external_contact(team_starter, case, CONTACT)
    where = url("hand_over_contact", contact_id=contact.pk)
    starter = as_person(team_starter)
    for holder in (outsider.pk, team_starter.pk, 0):
        refused = post(starter, where, {"holder": holder})
        assert refused.status_code == 400
        assert refused.json() == {"detail": "Choose someone in the team.", "field": "holder"}
    assert post(starter, where, {"holder": "Wren"}).status_code == 422
    assert post(as_person(coach), where, {"holder": worker.pk}).status_code == 403
    assert post(as_person(outsider), where, {"holder": worker.pk}).status_code == 404
    contact.refresh_from_db()
    assert contact.holder == team_starter


def test_it_refuses_to_step_back_before_the_checklist_is_complete(as_person, team_starter, case):
    response = as_person(team_starter).post(url("step_back", case_id=case.pk))
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Not ready to step back yet:")
    assert "The rota is not yet running consistently." in response.json()["detail"]
    case.refresh_from_db()
    assert case.stepped_back_at is None
    assert case.team.status != Team.Status.SELF_MANAGING


def test_it_steps_back_when_the_team_is_ready(as_person, team_starter, ready_case):
    opened = publish_call_out(
        team_starter,
        ready_case,
        texts=TEXTS,
        shared_fields=["qualities"],
        audience="circle",
        consent_confirmed=True,
    )
    where = url("step_back", case_id=ready_case.pk)
    response = as_person(team_starter).post(where)
    assert response.status_code == 200
    assert response.json()["team_status"] == Team.Status.SELF_MANAGING
    assert response.json()["stepped_back_at"] is not None
    opened.refresh_from_db()
    assert opened.status == CallOut.Status.CLOSED
    again = as_person(team_starter).post(where)
    assert again.status_code == 400
    assert "stepped back" in again.json()["detail"]


def test_it_lets_nobody_else_step_back(as_person, coach, owner, ready_case):
    where = url("step_back", case_id=ready_case.pk)
    assert as_person(coach).post(where).status_code == 403
    assert as_person(owner).post(where).status_code == 404
    ready_case.refresh_from_db()
    assert ready_case.stepped_back_at is None


# --- A document's audience ----------------------------------------------------------------------


def test_it_lets_the_owner_choose_who_reads_a_document(as_person, owner, team):
    audience = url("document_audience", team_id=team.pk, kind="trust-assessment")
    assert as_person(owner).get(audience).json()["audience"] == "owner_side"
    where = url("set_document_audience", team_id=team.pk, kind="trust-assessment")
    response = post(as_person(owner), where, {"audience": "team"})
    assert response.status_code == 200
    assert response.json() == {"team": team.pk, "kind": "trust-assessment", "audience": "team"}
    document = TeamDocument.objects.get(team=team, kind="trust_assessment")
    assert document.audience_set_by == owner


def test_it_refuses_a_document_audience_from_others_or_out_of_its_choices(
    as_person, owner, team_starter, worker, team, case
):
    where = url("set_document_audience", team_id=team.pk, kind="supportive-conversation")
    bad = post(as_person(owner), where, {"audience": "everyone"})
    assert bad.status_code == 400
    assert bad.json() == {"detail": "Choose who may read it.", "field": "audience"}
    assert post(as_person(owner), where, {}).status_code == 422
    # Tess may read and write Olive's documents, but only Olive's side chooses who else does.
    assert post(as_person(team_starter), where, {"audience": "team"}).status_code == 403
    assert post(as_person(worker), where, {"audience": "team"}).status_code == 404
    elsewhere = url("set_document_audience", team_id=team.pk, kind="diary")
    assert post(as_person(owner), elsewhere, {"audience": "team"}).status_code == 404
    assert not TeamDocument.objects.exists()


def test_it_needs_a_signed_in_caller(client, case):
    assert post(client, url("update_readiness", case_id=case.pk), {}).status_code == 401
    assert client.post(url("step_back", case_id=case.pk)).status_code == 401
    case.refresh_from_db()
    assert (case.rota_running, case.stepped_back_at) == (False, None)

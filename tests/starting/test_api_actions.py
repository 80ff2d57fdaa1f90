"""The starting API's actions: enquiry outcomes, the Promise, visits and team documents."""

import datetime

from coopcare.audit.models import AuditEvent
from coopcare.starting.models import (
    Case,
    DocumentVersion,
    Enquiry,
    FaceToFaceVisit,
    PromiseSignature,
)
from tests.starting.conftest import make_enquiry
from tests.starting.test_documents import ESSENTIALS

TODAY = datetime.date.today
JSON = "application/json"


def post(client, url: str, data: dict):
    return client.post(url, data, content_type=JSON)


# --- Enquiry outcome ----------------------------------------------------------------------------


def test_it_lets_a_team_starter_proceed_with_an_enquiry(as_person, team_starter, enquiry):
    url = f"/api/start/enquiries/{enquiry.pk}/outcome"
    response = post(as_person(team_starter), url, {"outcome": "proceed", "local_circle": "leeds"})
    assert response.status_code == 200
    body = response.json()
    case = Case.objects.get(enquiry=enquiry)
    assert body["status"] == "proceed"
    assert body["case"] == case.pk
    assert case.team_starter == team_starter


def test_it_puts_an_enquiry_on_the_waiting_list(as_person, team_starter, enquiry):
    review = TODAY() + datetime.timedelta(days=30)
    url = f"/api/start/enquiries/{enquiry.pk}/outcome"
    data = {"outcome": "waiting_list", "local_circle": "leeds", "review_on": review.isoformat()}
    body = post(as_person(team_starter), url, data).json()
    assert body["status"] == "waiting_list"
    assert body["review_on"] == review.isoformat()
    assert body["case"] is None


def test_it_refuses_an_outcome_without_what_it_needs(as_person, team_starter, enquiry):
    url = f"/api/start/enquiries/{enquiry.pk}/outcome"
    response = post(as_person(team_starter), url, {"outcome": "signposted"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Say where you signposted them to."
    unknown = post(as_person(team_starter), url, {"outcome": "proceed", "local_circle": "nowhere"})
    assert unknown.status_code == 400
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW
    assert not Case.objects.exists()


def test_it_hides_enquiries_from_people_who_do_not_start_teams(as_person, outsider, enquiry):
    url = f"/api/start/enquiries/{enquiry.pk}/outcome"
    response = post(as_person(outsider), url, {"outcome": "proceed", "local_circle": "leeds"})
    assert response.status_code == 404
    assert not Case.objects.exists()


# --- The Promise --------------------------------------------------------------------------------


def test_it_lets_the_owner_sign_the_promise(as_person, owner, team):
    url = f"/api/start/teams/{team.pk}/promise"
    response = post(as_person(owner), url, {"funding": "self_funded", "agreed": True})
    assert response.status_code == 200
    assert response.json()["signed_as"] == "owner"
    assert PromiseSignature.objects.get().signer == owner


def test_it_signs_the_promise_on_behalf_of_the_owner(as_person, representative, team):
    url = f"/api/start/teams/{team.pk}/promise"
    body = post(as_person(representative), url, {"funding": "council", "agreed": True}).json()
    assert body["signed_as"] == "representative"
    assert body["signer"] == representative.pk
    event = AuditEvent.objects.get(action="starting.promise_signed")
    assert event.detail["on_behalf_of"] == team.owner_id


def test_it_lets_a_team_starter_record_a_paper_signature(as_person, team_starter, team, case):
    url = f"/api/start/teams/{team.pk}/promise"
    data = {
        "funding": "self_funded",
        "agreed": True,
        "signed_as": "owner",
        "signed_on": (TODAY() - datetime.timedelta(days=2)).isoformat(),
    }
    body = post(as_person(team_starter), url, data).json()
    assert body["signer"] == team.owner_id
    assert body["recorded_by"] == team_starter.pk


def test_it_refuses_an_unagreed_promise(as_person, owner, team):
    url = f"/api/start/teams/{team.pk}/promise"
    response = post(as_person(owner), url, {"funding": "self_funded"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Tick the box to confirm the Promise was agreed."
    assert not PromiseSignature.objects.exists()


def test_it_refuses_the_promise_to_people_who_may_not_sign(as_person, worker, outsider, team):
    url = f"/api/start/teams/{team.pk}/promise"
    data = {"funding": "self_funded", "agreed": True}
    assert post(as_person(worker), url, data).status_code == 403
    assert post(as_person(outsider), url, data).status_code == 404
    assert not PromiseSignature.objects.exists()


# --- Face-to-face visits ------------------------------------------------------------------------


def test_it_records_a_visit(as_person, team_starter, case):
    url = f"/api/start/cases/{case.pk}/visits"
    data = {"visited_on": TODAY().isoformat(), "present": "Olive and Tess", "notes": "Tea."}
    response = post(as_person(team_starter), url, data)
    assert response.status_code == 200
    assert response.json()["present"] == "Olive and Tess"
    assert FaceToFaceVisit.objects.get().case == case


def test_it_refuses_a_visit_in_the_future(as_person, team_starter, case):
    url = f"/api/start/cases/{case.pk}/visits"
    tomorrow = TODAY() + datetime.timedelta(days=1)
    response = post(
        as_person(team_starter), url, {"visited_on": tomorrow.isoformat(), "present": "x"}
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Record a visit once it has happened."
    assert not FaceToFaceVisit.objects.exists()


def test_it_refuses_visits_to_people_who_do_not_lead_the_case(as_person, coach, owner, case):
    url = f"/api/start/cases/{case.pk}/visits"
    data = {"visited_on": TODAY().isoformat(), "present": "Olive"}
    assert post(as_person(coach), url, data).status_code == 403
    assert post(as_person(owner), url, data).status_code == 404
    assert not FaceToFaceVisit.objects.exists()


# --- Supportive Conversation and Trust Assessment -----------------------------------------------


def test_it_saves_and_reads_the_supportive_conversation(as_person, owner, team_starter, team, case):
    url = f"/api/start/teams/{team.pk}/documents/supportive-conversation"
    assert as_person(owner).get(url).status_code == 404
    response = post(as_person(owner), url, {"answers": ESSENTIALS, "note": "First go"})
    assert response.status_code == 200
    assert response.json()["number"] == 1
    body = as_person(team_starter).get(url).json()
    assert body["answers"]["about_yourself"] == ESSENTIALS["about_yourself"]
    assert body["written_by"] == "Olive Oyelaran"
    assert AuditEvent.objects.filter(
        action="starting.supportive_conversation_read", actor=team_starter
    ).exists()


def test_it_refuses_a_document_missing_an_essential_answer(as_person, owner, team):
    url = f"/api/start/teams/{team.pk}/documents/supportive-conversation"
    answers = {**ESSENTIALS, "conditions": ""}
    response = post(as_person(owner), url, {"answers": answers})
    assert response.status_code == 400
    assert response.json()["field"] == "conditions"
    assert not DocumentVersion.objects.exists()


def test_it_hides_documents_from_people_outside_their_audience(as_person, owner, worker, team):
    url = f"/api/start/teams/{team.pk}/documents/trust-assessment"
    assert post(as_person(worker), url, {"answers": ESSENTIALS}).status_code == 404
    assert as_person(worker).get(url).status_code == 404
    assert as_person(owner).get(f"/api/start/teams/{team.pk}/documents/diary").status_code == 404
    assert not DocumentVersion.objects.exists()


def test_it_shows_a_representative_wrote_on_behalf_of_the_owner(as_person, representative, team):
    url = f"/api/start/teams/{team.pk}/documents/supportive-conversation"
    body = post(as_person(representative), url, {"answers": ESSENTIALS}).json()
    assert body["on_behalf_of"] == "Olive Oyelaran"


def test_it_refuses_to_decide_an_enquiry_twice(as_person, team_starter):
    found = make_enquiry(status=Enquiry.Status.SIGNPOSTED, signposted_to="Age UK")
    url = f"/api/start/enquiries/{found.pk}/outcome"
    response = post(as_person(team_starter), url, {"outcome": "proceed", "local_circle": "leeds"})
    assert response.status_code == 400
    assert not Case.objects.exists()
    found.refresh_from_db()
    assert found.status == Enquiry.Status.SIGNPOSTED

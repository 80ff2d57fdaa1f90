"""Learning records through the JSON API: the same access, services and access log as the
pages, with every refusal in the documented shape."""

import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from coopcare.api.services import create_token
from coopcare.audit.models import AuditEvent
from coopcare.learning.models import LearningRecord, Method
from coopcare.learning.services.records import create_record, topic_for
from tests.conftest import _team_member
from tests.learning.conftest import days_ago, learned

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
COMPETENCE = "medicines-competence"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def api():
    """``api(person)``: a client calling the API with a new token of theirs."""
    cache.clear()

    def make(person) -> Client:
        _token, raw = create_token(person, "test script", 30)
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    yield make
    cache.clear()


@pytest.fixture
def assessor(team):
    person = _team_member(
        team, "independent_worker", email="ada@example.org", profile__name="Ada Assessor"
    )
    learned(person, COMPETENCE, days_ago(30), observed=True)
    return person


def _post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def _record_body(**kwargs) -> dict:
    body = {
        "topic": "fire-safety",
        "completed_on": days_ago(2).isoformat(),
        "method": "e_learning",
        "provider": "Fire Co",
    }
    body.update(kwargs)
    return body


def test_it_needs_a_signed_in_person(client, worker):
    assert client.get("/api/learning/me/requirements").status_code == 401
    assert (
        _post(client, f"/api/learning/people/{worker.pk}/records", _record_body()).status_code
        == 401
    )


def test_my_requirements_say_status_and_expiry(worker, api):
    learned(worker, "fire-safety", days_ago(340))
    rows = {r["topic"]: r for r in api(worker).get("/api/learning/me/requirements").json()}
    assert rows["fire-safety"]["status"] == "due"
    assert rows["fire-safety"]["status_label"] == "Due within 60 days"
    assert rows["fire-safety"]["expires_on"] == days_ago(340 - 365).isoformat()
    assert rows["first-aid"]["status"] == "missing" and rows["first-aid"]["expires_on"] is None


def test_a_worker_records_their_learning_with_json(worker, api):
    response = _post(api(worker), f"/api/learning/people/{worker.pk}/records", _record_body())
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["topic"] == "fire-safety" and body["state"] == "counts"
    assert body["expires_on"] == days_ago(2 - 365).isoformat() or body["expires_on"]
    assert body["evidence_url"] is None


def test_refusals_have_the_documented_shapes(worker, other_coach, api):
    client = api(worker)
    url = f"/api/learning/people/{worker.pk}/records"
    bad_topic = _post(client, url, _record_body(topic="juggling"))
    assert bad_topic.status_code == 400 and bad_topic.json()["field"] == "topic"
    future = _post(client, url, _record_body(completed_on=days_ago(-1).isoformat()))
    assert future.status_code == 400 and future.json()["field"] == "completed_on"
    bad_method = _post(client, url, _record_body(method="osmosis"))
    assert bad_method.status_code == 400 and bad_method.json()["field"] == "method"
    shapeless = _post(client, url, {"topic": "fire-safety", "completed_on": "not a date"})
    assert shapeless.status_code == 422 and isinstance(shapeless.json()["detail"], list)
    stranger = _post(api(other_coach), url, _record_body())
    assert stranger.status_code == 404 and "detail" in stranger.json()
    assert not LearningRecord.objects.exists()


def test_a_reader_by_privacy_choice_is_refused_with_403(worker, alice, api):
    from coopcare.members.models import PrivacyChoice

    PrivacyChoice.objects.create(person=worker, section="learning", audience="members")
    response = _post(api(alice), f"/api/learning/people/{worker.pk}/records", _record_body())
    assert response.status_code == 403 and response.json()["detail"]
    assert api(alice).get(f"/api/learning/people/{worker.pk}").status_code == 200


def test_the_coach_reads_a_persons_learning_and_it_is_logged(worker, coach, api):
    learned(worker, "fire-safety", days_ago(5))
    body = api(coach).get(f"/api/learning/people/{worker.pk}").json()
    assert body["person"] == {"id": worker.pk, "name": "Wren Walker"}
    assert body["records"]["count"] == 1 and body["records"]["items"][0]["state"] == "counts"
    assert any(r["topic"] == "fire-safety" for r in body["requirements"])
    event = AuditEvent.objects.get(action="learning.records_viewed")
    assert (event.actor_id, event.subject_id, event.kind) == (coach.pk, worker.pk, "read")


def test_records_come_a_page_at_a_time_in_few_queries(worker, coach, api):
    client = api(coach)
    url = f"/api/learning/people/{worker.pk}/records"

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    learned(worker, "fire-safety", days_ago(5))
    count()
    small = count()
    for n in range(25):
        learned(worker, "first-aid", days_ago(n + 6))
    assert count() == small
    body = client.get(url, {"page": 2}).json()
    assert body["count"] == 26 and len(body["items"]) == 6
    assert client.get(url, {"page": 0}).status_code == 422


def test_evidence_is_added_with_multipart_and_downloaded_through_the_api(worker, coach, api):
    record = learned(worker, "fire-safety", days_ago(3))
    url = f"/api/learning/records/{record.pk}/evidence"
    bad = api(worker).post(url, {"file": SimpleUploadedFile("cert.pdf", b"MZ\x90\x00binary")})
    assert bad.status_code == 400 and bad.json()["field"] == "evidence"
    missing = api(worker).post(url, {})
    assert missing.status_code == 400
    added = api(worker).post(url, {"file": SimpleUploadedFile("cert.pdf", PDF)})
    assert added.status_code == 200 and added.json()["evidence_url"] == url
    assert api(coach).post(url, {"file": SimpleUploadedFile("c.pdf", PDF)}).status_code == 400
    response = api(coach).get(url)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEvent.objects.filter(action="learning.records_viewed", actor=coach).count() == 1


def test_the_named_assessor_signs_off_through_the_api(worker, assessor, api):
    record = create_record(
        worker,
        worker,
        topic=topic_for(worker, COMPETENCE),
        completed_on=days_ago(1),
        method=Method.OBSERVED,
        assessor=assessor,
        note="Private to Wren",
    )
    asked = api(assessor).get("/api/learning/me/sign-offs").json()
    assert [a["id"] for a in asked] == [record.pk] and "note" not in asked[0]
    assert api(assessor).get(f"/api/learning/records/{record.pk}").status_code == 404
    own = _post(api(worker), f"/api/learning/records/{record.pk}/sign-off")
    assert own.status_code == 403
    response = _post(api(assessor), f"/api/learning/records/{record.pk}/sign-off")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "signed_off" and body["note"] == ""
    assert body["assessor"] == {"id": assessor.pk, "name": "Ada Assessor"}
    again = _post(api(assessor), f"/api/learning/records/{record.pk}/sign-off")
    assert again.status_code == 404


def test_a_record_is_withdrawn_with_a_reason(worker, other_coach, api):
    record = learned(worker, "fire-safety", days_ago(3))
    url = f"/api/learning/records/{record.pk}/withdraw"
    assert _post(api(other_coach), url, {"reason": "x"}).status_code == 404
    assert _post(api(worker), url, {}).status_code == 422
    assert _post(api(worker), url, {"reason": " "}).json()["field"] == "reason"
    body = _post(api(worker), url, {"reason": "Wrong topic"}).json()
    assert body["state"] == "withdrawn" and body["withdrawn_reason"] == "Wrong topic"
    assert _post(api(worker), url, {"reason": "Again"}).status_code == 400


def test_unknown_things_are_not_found(worker, api):
    client = api(worker)
    assert client.get("/api/learning/people/999999").status_code == 404
    assert client.get("/api/learning/records/999999").status_code == 404
    assert _post(client, "/api/learning/records/999999/sign-off").status_code == 404


# --- Choosing an assessor by id ------------------------------------------------------------------


def test_an_assessor_outside_the_list_is_refused_without_a_name(worker, outsider, api):
    """An id is not a way to learn a name or a competence: Otto holds it, but is in no circle
    of Wren's; nobody signs off themself; an unknown id is refused the same way."""
    learned(outsider, COMPETENCE, days_ago(30), observed=True)
    url = f"/api/learning/people/{worker.pk}/records"
    for someone in (outsider, worker, 999_999):
        pk = getattr(someone, "pk", someone)
        response = _post(api(worker), url, _record_body(topic=COMPETENCE, assessor_id=pk))
        assert response.status_code == 400, response.content
        body = response.json()
        assert body["field"] == "assessor"
        assert (
            body["detail"] == "Choose the assessor from the list of people who can sign this off."
        )
        assert b"Otto" not in response.content and b"Ormerod" not in response.content
    assert not LearningRecord.objects.filter(person=worker).exists()


def test_an_assessor_on_the_list_is_asked(worker, assessor, api):
    url = f"/api/learning/people/{worker.pk}/records"
    response = _post(
        api(worker),
        url,
        _record_body(topic=COMPETENCE, method="observed", assessor_id=assessor.pk),
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "waiting"
    assert LearningRecord.objects.get(person=worker).assessor_id == assessor.pk


def test_an_assessor_whose_name_is_hidden_is_not_on_the_list(worker, assessor, api):
    from coopcare.members.models import Audience, PrivacyChoice, Section

    PrivacyChoice.objects.create(person=assessor, section=Section.NAME, audience=Audience.ONLY_ME)
    response = _post(
        api(worker),
        f"/api/learning/people/{worker.pk}/records",
        _record_body(topic=COMPETENCE, method="observed", assessor_id=assessor.pk),
    )
    assert response.status_code == 400 and response.json()["field"] == "assessor"
    assert b"Ada" not in response.content


# --- What a reader by privacy choice sees ------------------------------------------------------


def test_needs_driven_topics_are_kept_from_readers_by_privacy_choice(
    worker, alice, coach, team, owner, api
):
    from coopcare.learning.models import TeamNeed
    from coopcare.members.models import PrivacyChoice

    TeamNeed.objects.create(team=team, topic_slug="awareness-dementia", marked_by=owner)
    PrivacyChoice.objects.create(person=worker, section="learning", audience="members")

    def topics(person) -> set[str]:
        body = api(person).get(f"/api/learning/people/{worker.pk}").json()
        return {r["topic"] for r in body["requirements"]}

    assert "awareness-dementia" in topics(coach)
    assert "awareness-dementia" in {
        r["topic"] for r in api(worker).get("/api/learning/me/requirements").json()
    }
    seen = topics(alice)
    assert "fire-safety" in seen and "awareness-dementia" not in seen


def test_the_sign_off_list_is_a_logged_read(worker, assessor, api):
    assert api(assessor).get("/api/learning/me/sign-offs").json() == []
    assert not AuditEvent.objects.filter(action="learning.records_viewed").exists()
    create_record(
        worker,
        worker,
        topic=topic_for(worker, COMPETENCE),
        completed_on=days_ago(1),
        method=Method.OBSERVED,
        assessor=assessor,
    )
    assert len(api(assessor).get("/api/learning/me/sign-offs").json()) == 1
    event = AuditEvent.objects.get(action="learning.records_viewed")
    assert (event.actor_id, event.subject_id) == (assessor.pk, worker.pk)
    assert event.detail["what"] == "sign_off_list"
    assert event.detail["sections"] == ["learning"]

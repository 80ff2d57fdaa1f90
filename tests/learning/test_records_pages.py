"""The record pages: recording learning, one record, evidence, sign-off and withdrawing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.learning.models import LearningRecord, Method
from coopcare.learning.services.records import create_record, topic_for
from tests.conftest import _team_member, client_for
from tests.learning.conftest import days_ago, learned

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
COMPETENCE = "medicines-competence"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def assessor(team):
    person = _team_member(
        team, "independent_worker", email="ada@example.org", profile__name="Ada Assessor"
    )
    learned(person, COMPETENCE, days_ago(30), observed=True)
    return person


def _new(person) -> str:
    return reverse("learning:record_new", args=[person.pk])


def _form(**kwargs) -> dict:
    data = {
        "topic": "fire-safety",
        "completed_on": days_ago(2).isoformat(),
        "method": Method.E_LEARNING,
        "provider": "Fire Co",
        "note": "",
    }
    data.update(kwargs)
    return data


def test_the_form_offers_the_topics_of_the_persons_circles(worker):
    page = client_for(worker).get(_new(worker)).content.decode()
    assert '<option value="fire-safety">Fire safety</option>' in page
    assert "Medicines support: competence observed (observed)" in page
    assert '<optgroup label="Care Certificate">' in page
    assert 'accept=".pdf,.jpg,.jpeg,.png,' in page
    # A worker does not record external assessors; that is for the Coach.
    assert 'name="assessor_name"' not in page


def test_the_form_starts_on_the_topic_asked_for(worker):
    page = client_for(worker).get(_new(worker), {"topic": "first-aid"}).content.decode()
    assert '<option value="first-aid" selected>First aid</option>' in page


def test_a_worker_records_learning_with_evidence(worker, media):
    client = client_for(worker)
    data = _form(evidence=SimpleUploadedFile("certificate.pdf", PDF, "application/pdf"))
    response = client.post(_new(worker), data)
    record = LearningRecord.objects.get(person=worker)
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:record", args=[record.pk])
    assert record.evidence_name == "certificate.pdf" and record.provider == "Fire Co"
    page = client.get(response["Location"]).content.decode()
    assert "Your learning is recorded." in page and "Counts" in page
    assert "Download certificate.pdf" in page


def test_a_mistake_is_explained_next_to_the_field(worker):
    response = client_for(worker).post(
        _new(worker),
        _form(completed_on=days_ago(-3).isoformat(), evidence=SimpleUploadedFile("x.txt", b"hi")),
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert 'aria-describedby="id_evidence_hint id_evidence_error"' in page
    assert "only PDF documents, JPEG photos and PNG pictures can" in page
    assert not LearningRecord.objects.exists()


def test_a_future_date_is_refused_by_the_service_with_the_field_marked(worker):
    response = client_for(worker).post(_new(worker), _form(completed_on=days_ago(-3).isoformat()))
    page = response.content.decode()
    assert "The date cannot be in the future." in page and 'id="id_completed_on_error"' in page


def test_naming_an_assessor_for_a_plain_topic_is_refused(worker, assessor):
    response = client_for(worker).post(_new(worker), _form(assessor=assessor.pk))
    assert "does not need an assessor" in response.content.decode()
    assert not LearningRecord.objects.filter(person=worker).exists()


def test_own_observed_competence_waits_for_the_named_assessor(worker, assessor):
    client = client_for(worker)
    page = client.get(_new(worker)).content.decode()
    assert f'<option value="{assessor.pk}">Ada Assessor' in page
    response = client.post(
        _new(worker), _form(topic=COMPETENCE, method=Method.OBSERVED, assessor=assessor.pk)
    )
    record = LearningRecord.objects.get(person=worker)
    assert record.signed_off_at is None and record.assessor == assessor
    page = client.get(response["Location"]).content.decode()
    assert "It waits for Ada Assessor to confirm they observed it." in page
    assert "Waiting for sign-off" in page


def test_the_assessor_signs_off_from_their_page(worker, assessor):
    record = create_record(
        worker,
        worker,
        topic=topic_for(worker, COMPETENCE),
        completed_on=days_ago(1),
        method=Method.OBSERVED,
        assessor=assessor,
    )
    client = client_for(assessor)
    url = reverse("learning:record_sign_off", args=[record.pk])
    assert url in client.get(reverse("learning:home")).content.decode()
    page = client.get(url).content.decode()
    assert "Wren Walker" in page and "I observed it: sign off" in page
    assert "Olive" not in page  # only what they confirm, not the person's other learning
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("learning:home")
    record.refresh_from_db()
    assert record.is_signed_off
    # Once signed off, the record is no longer theirs to see.
    assert client.get(url).status_code == 404
    assert client.get(reverse("learning:record", args=[record.pk])).status_code == 404


def test_someone_not_asked_cannot_open_the_sign_off_page(worker, assessor, team):
    other = _team_member(team, "independent_worker", email="oth@example.org")
    learned(other, COMPETENCE, days_ago(5), observed=True)
    record = create_record(
        worker,
        worker,
        topic=topic_for(worker, COMPETENCE),
        completed_on=days_ago(1),
        method=Method.OBSERVED,
        assessor=assessor,
    )
    url = reverse("learning:record_sign_off", args=[record.pk])
    assert client_for(other).get(url).status_code == 404
    assert client_for(other).post(url).status_code == 404


def test_the_coach_verifies_a_waiting_record(worker, coach):
    learned(coach, COMPETENCE, days_ago(10), observed=True)
    record = create_record(
        worker,
        worker,
        topic=topic_for(worker, COMPETENCE),
        completed_on=days_ago(1),
        method=Method.OBSERVED,
    )
    client = client_for(coach)
    detail = client.get(reverse("learning:record", args=[record.pk])).content.decode()
    assert "Verify: sign off" in detail
    response = client.post(reverse("learning:record_sign_off", args=[record.pk]))
    assert response["Location"] == reverse("learning:record", args=[record.pk])
    record.refresh_from_db()
    assert record.assessor == coach and record.is_signed_off


def test_the_coach_records_an_external_assessor_for_a_worker(worker, coach):
    client = client_for(coach)
    page = client.get(_new(worker)).content.decode()
    assert "Record learning for Wren Walker" in page and 'name="assessor_name"' in page
    client.post(
        _new(worker),
        _form(topic=COMPETENCE, method=Method.OBSERVED, assessor_name="Sam, Leeds Pharmacy"),
    )
    record = LearningRecord.objects.get(person=worker)
    assert record.is_signed_off and record.recorded_by == coach


def test_the_person_withdraws_a_record_after_confirming(worker):
    record = learned(worker, "fire-safety", days_ago(3))
    url = reverse("learning:record_withdraw", args=[record.pk])
    client = client_for(worker)
    page = client.get(url).content.decode()
    assert "will no longer count" in page and "Keep it" in page
    assert "Say why" not in page
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "There is a problem" in refused.content.decode()
    response = client.post(url, {"reason": "Recorded twice"})
    assert response["Location"] == reverse("learning:record", args=[record.pk])
    record.refresh_from_db()
    assert record.withdrawn_reason == "Recorded twice"
    page = client.get(response["Location"]).content.decode()
    assert "Withdrawn: does not count" in page and "Recorded twice" in page
    assert "Withdraw this record" not in page


def test_evidence_downloads_as_an_attachment_that_is_never_sniffed(worker, coach):
    record = learned(worker, "fire-safety", days_ago(3))
    client_for(worker).post(
        reverse("learning:record_evidence_add", args=[record.pk]),
        {"evidence": SimpleUploadedFile("my cert.pdf", PDF)},
    )
    response = client_for(coach).get(reverse("learning:record_evidence", args=[record.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "my cert.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert AuditEvent.objects.filter(
        action="learning.records_viewed", actor=coach, detail__what="evidence"
    ).exists()


def test_evidence_of_a_withdrawn_record_is_no_longer_offered(worker):
    record = learned(worker, "fire-safety", days_ago(3))
    client = client_for(worker)
    client.post(
        reverse("learning:record_evidence_add", args=[record.pk]),
        {"evidence": SimpleUploadedFile("cert.pdf", PDF)},
    )
    client.post(reverse("learning:record_withdraw", args=[record.pk]), {"reason": "Not mine"})
    assert client.get(reverse("learning:record_evidence", args=[record.pk])).status_code == 404


def test_a_record_without_evidence_has_no_download(worker):
    record = learned(worker, "fire-safety", days_ago(3))
    assert (
        client_for(worker).get(reverse("learning:record_evidence", args=[record.pk])).status_code
        == 404
    )


def test_a_request_too_big_is_refused_before_reading(worker):
    response = client_for(worker).post(_new(worker), _form(), CONTENT_LENGTH=str(7 * 1024 * 1024))
    assert response.status_code == 413 and "too big" in response.content.decode()


def test_someone_in_no_circle_is_told_why_there_is_nothing_to_record(applicant):
    page = client_for(applicant).get(_new(applicant)).content.decode()
    assert "There is nothing to record yet" in page


def test_a_session_record_names_its_facilitator_only_as_privacy_allows(worker, coach, leeds_circle):
    """Sessions used to copy the facilitators' names into ``provider``: next to the
    privacy-filtered facilitator, that text is not shown."""
    from coopcare.learning.services.passport import passport_of
    from coopcare.members.models import Audience, PrivacyChoice, Section
    from tests.learning.sessions_support import offer

    session = offer(coach, leeds_circle)
    PrivacyChoice.objects.create(person=coach, section=Section.NAME, audience=Audience.ONLY_ME)
    record = learned(
        worker,
        "fire-safety",
        days_ago(1),
        session=session,
        facilitator=coach,
        provider="Cora Coach",
    )
    page = client_for(worker).get(reverse("learning:record", args=[record.pk])).content.decode()
    assert "Cora" not in page and "Learned at a learning session" in page
    assert passport_of(worker, shared=True).learning[0].provider == "A peer learning session"
    assert passport_of(worker).learning[0].provider == "A peer learning session"

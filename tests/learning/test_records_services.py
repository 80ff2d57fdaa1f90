"""Recording, signing off and withdrawing learning, and evidence files (services)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import LearningRecord, Method, Policy
from coopcare.learning.requirements import latest_dates, policy_for
from coopcare.learning.services.records import (
    assessor_candidates,
    attach_evidence,
    create_record,
    record_learning,
    recordable_topics,
    sign_off_record,
    topic_for,
    withdraw_record,
)
from coopcare.notifications.models import Notification
from tests.conftest import _team_member
from tests.learning.conftest import days_ago, learned

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
COMPETENCE = "medicines-competence"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def assessor(team):
    """Ada, a worker in the team who holds medicines competence in date."""
    person = _team_member(
        team, "independent_worker", email="ada@example.org", profile__name="Ada Assessor"
    )
    learned(person, COMPETENCE, days_ago(30), observed=True)
    return person


def _competence(person):
    return topic_for(person, COMPETENCE)


def _counts(person, slug) -> bool:
    """A counting record of ``slug`` exists (whether or not a circle requires it of them)."""
    return (person.pk, slug) in latest_dates([person.pk], [topic_for(person, slug)])


def _observed(actor, person, **kwargs):
    kwargs.setdefault("completed_on", days_ago(1))
    kwargs.setdefault("method", Method.OBSERVED)
    return create_record(actor, person, topic=_competence(person), **kwargs)


# --- Topics -------------------------------------------------------------------------------------


def test_recordable_topics_are_the_union_of_the_persons_circles(
    worker, leeds_circle, hebden_circle
):
    from tests.factories import CircleMembershipFactory

    CircleMembershipFactory(person=worker, circle=hebden_circle)
    leeds = policy_for(leeds_circle)
    hebden = policy_for(hebden_circle)
    leeds.topics.filter(slug="fire-safety").update(retired_at=timezone.now())
    hebden.topics.filter(slug="dignity").update(observed=True)
    topics = {t.slug: t for t in recordable_topics(worker)}
    assert "fire-safety" in topics  # still in Hebden's policy
    assert topics["dignity"].observed  # the stricter topic stands for the slug
    assert len(topics) == len(set(topics))
    assert Policy.objects.count() == 2


def test_someone_in_no_circle_has_nothing_to_record(applicant):
    assert recordable_topics(applicant) == []


# --- Recording ----------------------------------------------------------------------------------


def test_a_person_records_their_own_learning_and_it_counts(worker):
    topic = topic_for(worker, "fire-safety")
    record = create_record(
        worker,
        worker,
        topic=topic,
        completed_on=days_ago(3),
        method=Method.E_LEARNING,
        provider="  Fire Co  ",
    )
    assert record.provider == "Fire Co" and record.recorded_by == worker
    assert _counts(worker, "fire-safety")
    event = AuditEvent.objects.get(action="learning.record_created")
    assert event.subject_id == worker.pk and event.detail["topic"] == "fire-safety"


def test_a_date_in_the_future_is_refused(worker):
    with pytest.raises(DomainError) as error:
        create_record(
            worker,
            worker,
            topic=topic_for(worker, "fire-safety"),
            completed_on=days_ago(-1),
            method=Method.E_LEARNING,
        )
    assert error.value.field == "completed_on"


def test_another_worker_cannot_record_for_someone(worker, team):
    other = _team_member(team, "volunteer", email="vi@example.org")
    with pytest.raises(NotAllowed):
        create_record(
            other,
            worker,
            topic=topic_for(worker, "fire-safety"),
            completed_on=days_ago(1),
            method=Method.E_LEARNING,
        )


def test_the_coach_records_for_a_worker(worker, coach):
    record = create_record(
        coach,
        worker,
        topic=topic_for(worker, "fire-safety"),
        completed_on=days_ago(1),
        method=Method.EXTERNAL_COURSE,
    )
    assert record.recorded_by == coach and _counts(worker, "fire-safety")


def test_own_observed_competence_without_an_assessor_waits(worker):
    record = _observed(worker, worker)
    assert record.signed_off_at is None and not _counts(worker, COMPETENCE)


def test_naming_an_assessor_asks_them_and_waits_for_them(worker, assessor):
    record = _observed(worker, worker, assessor=assessor)
    assert record.assessor == assessor and record.signed_off_at is None
    assert not _counts(worker, COMPETENCE)
    asked = Notification.objects.get(recipient=assessor, kind="learning.sign_off_asked")
    assert f"/learning/records/{record.pk}/sign-off/" in asked.url


def test_an_assessor_without_the_competence_in_date_is_refused(worker, team):
    lapsed = _team_member(team, "independent_worker", email="lap@example.org")
    learned(lapsed, COMPETENCE, days_ago(400), observed=True)
    with pytest.raises(DomainError) as error:
        _observed(worker, worker, assessor=lapsed)
    assert error.value.field == "assessor"
    assert not LearningRecord.objects.filter(person=worker).exists()


def test_the_coach_naming_an_assessor_signs_it_off(worker, coach, assessor):
    record = _observed(coach, worker, assessor=assessor)
    assert record.signed_off_at is not None and _counts(worker, COMPETENCE)


def test_the_coach_records_an_external_assessor(worker, coach):
    record = _observed(coach, worker, assessor_name="Sam from the pharmacy")
    assert record.is_signed_off and _counts(worker, COMPETENCE)
    event = AuditEvent.objects.get(action="learning.record_created")
    assert "Sam" not in str(event.detail) and event.detail["external_assessor"] is True


def test_a_worker_cannot_name_an_external_assessor(worker):
    with pytest.raises(NotAllowed):
        _observed(worker, worker, assessor_name="My friend")


def test_a_coach_cannot_sign_off_their_own_competence_externally(coach, team):
    from coopcare.teams.models import TeamMember

    TeamMember.objects.create(team=team, person=coach, kind="independent_worker")
    with pytest.raises(NotAllowed):
        _observed(coach, coach, assessor_name="A friend")


def test_a_session_signs_off_as_it_records(worker, assessor):
    record = _observed(None, worker, assessor=assessor, method=Method.PEER_SESSION)
    assert record.is_signed_off and record.recorded_by == worker


# --- Sign-off -----------------------------------------------------------------------------------


def test_the_named_assessor_signs_off_and_the_person_is_told(worker, assessor):
    record = _observed(worker, worker, assessor=assessor)
    sign_off_record(assessor, record)
    record.refresh_from_db()
    assert record.is_signed_off and _counts(worker, COMPETENCE)
    told = Notification.objects.get(recipient=worker, kind="learning.record_signed_off")
    assert f"/learning/records/{record.pk}/" in told.url
    assert AuditEvent.objects.filter(action="learning.record_signed_off", actor=assessor).exists()


def test_a_coach_holding_the_competence_signs_off_a_waiting_record(worker, coach):
    learned(coach, COMPETENCE, days_ago(10), observed=True)
    record = _observed(worker, worker)
    sign_off_record(coach, record)
    record.refresh_from_db()
    assert record.assessor == coach and record.is_signed_off


def test_a_coach_without_the_competence_cannot_sign_off(worker, coach):
    record = _observed(worker, worker)
    with pytest.raises(DomainError):
        sign_off_record(coach, record)


def test_someone_not_asked_cannot_sign_off(worker, assessor, team):
    other = _team_member(team, "independent_worker", email="oth@example.org")
    learned(other, COMPETENCE, days_ago(5), observed=True)
    record = _observed(worker, worker, assessor=assessor)
    with pytest.raises(NotAllowed):
        sign_off_record(other, record)


def test_nobody_signs_off_their_own(worker):
    learned(worker, COMPETENCE, days_ago(500), observed=True)
    record = _observed(worker, worker)
    with pytest.raises(NotAllowed):
        sign_off_record(worker, record)


def test_an_assessor_whose_competence_lapsed_since_asking_cannot_sign_off(worker, assessor):
    record = _observed(worker, worker, assessor=assessor, completed_on=days_ago(1))
    LearningRecord.objects.filter(person=assessor).update(withdrawn_at=timezone.now())
    with pytest.raises(DomainError):
        sign_off_record(assessor, record)


def test_a_plain_topic_needs_no_sign_off(worker, coach):
    learned(coach, "fire-safety", days_ago(1))
    record = create_record(
        worker,
        worker,
        topic=topic_for(worker, "fire-safety"),
        completed_on=days_ago(1),
        method=Method.E_LEARNING,
    )
    with pytest.raises(DomainError):
        sign_off_record(coach, record)


def test_a_signed_off_record_is_not_signed_twice(worker, assessor):
    record = _observed(worker, worker, assessor=assessor)
    sign_off_record(assessor, record)
    with pytest.raises(DomainError):
        sign_off_record(assessor, record)


def test_assessor_candidates_hold_an_observed_topic_in_date(worker, assessor, team, coach):
    lapsed = _team_member(team, "independent_worker", email="lap@example.org")
    learned(lapsed, COMPETENCE, days_ago(400), observed=True)
    found = dict(assessor_candidates(worker, worker, recordable_topics(worker)))
    assert list(found) == [assessor.pk]
    assert "Ada Assessor" in found[assessor.pk] and "competence observed" in found[assessor.pk]


# --- Withdrawing --------------------------------------------------------------------------------


def test_withdrawing_keeps_the_record_and_it_stops_counting(worker):
    record = learned(worker, "fire-safety", days_ago(3))
    withdraw_record(worker, record, "Wrong date, sorry")
    record.refresh_from_db()
    assert record.withdrawn_at and record.withdrawn_by == worker
    assert record.withdrawn_reason == "Wrong date, sorry"
    assert latest_dates([worker.pk], [topic_for(worker, "fire-safety")]) == {}
    event = AuditEvent.objects.get(action="learning.record_withdrawn")
    assert "Wrong date" not in str(event.detail)


def test_withdrawing_needs_a_reason_and_happens_once(worker, coach):
    record = learned(worker, "fire-safety", days_ago(3))
    with pytest.raises(DomainError) as error:
        withdraw_record(worker, record, "  ")
    assert error.value.field == "reason"
    withdraw_record(coach, record, "Duplicate")
    with pytest.raises(DomainError):
        withdraw_record(worker, record, "Again")


def test_the_coach_of_another_circle_cannot_withdraw(worker, other_coach):
    record = learned(worker, "fire-safety", days_ago(3))
    with pytest.raises(NotAllowed):
        withdraw_record(other_coach, record, "Mine now")


# --- Evidence -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("cert.pdf", PDF, "application/pdf"),
        ("c.JPG", JPEG, "image/jpeg"),
        ("c.png", PNG, "image/png"),
    ],
)
def test_evidence_is_kept_under_a_random_token(worker, media, name, data, kind):
    record = record_learning(
        worker,
        worker,
        topic=topic_for(worker, "fire-safety"),
        completed_on=days_ago(1),
        method=Method.EXTERNAL_COURSE,
        evidence=SimpleUploadedFile(name, data, "text/html"),
    )
    assert (record.evidence_name, record.evidence_type) == (name, kind)
    assert len(record.evidence_token) >= 32
    assert record.evidence.name == f"learning/{worker.pk}/{record.evidence_token}"
    assert (media / record.evidence.name).read_bytes() == data


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("notes.txt", b"plain text is not evidence\n"),
        ("cert.pdf", b"#!/bin/sh\nrm -rf /\n"),
        ("cert.png", PDF),
        ("cert.pdf", b""),
        ("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024)),
    ],
)
def test_a_bad_file_records_nothing(worker, media, name, data):
    with pytest.raises(DomainError) as error:
        record_learning(
            worker,
            worker,
            topic=topic_for(worker, "fire-safety"),
            completed_on=days_ago(1),
            method=Method.EXTERNAL_COURSE,
            evidence=SimpleUploadedFile(name, data),
        )
    assert error.value.field == "evidence"
    assert not LearningRecord.objects.exists() and not any(media.rglob("*"))


def test_a_failed_record_leaves_no_file_behind(worker, media):
    with pytest.raises(DomainError):
        record_learning(
            worker,
            worker,
            topic=topic_for(worker, "fire-safety"),
            completed_on=days_ago(-5),
            method=Method.EXTERNAL_COURSE,
            evidence=SimpleUploadedFile("c.pdf", PDF),
        )
    assert not any(p.is_file() for p in media.rglob("*"))


def test_evidence_is_added_once_and_not_to_a_withdrawn_record(worker):
    record = learned(worker, "fire-safety", days_ago(3))
    attach_evidence(worker, record, SimpleUploadedFile("a.pdf", PDF))
    with pytest.raises(DomainError):
        attach_evidence(worker, record, SimpleUploadedFile("b.pdf", PDF))
    other = learned(worker, "first-aid", days_ago(3))
    withdraw_record(worker, other, "Wrong")
    with pytest.raises(DomainError):
        attach_evidence(worker, other, SimpleUploadedFile("b.pdf", PDF))
    assert AuditEvent.objects.filter(action="learning.evidence_added").count() == 1


def test_only_the_person_or_their_coach_adds_evidence(worker, other_coach):
    record = learned(worker, "fire-safety", days_ago(3))
    with pytest.raises(NotAllowed):
        attach_evidence(other_coach, record, SimpleUploadedFile("a.pdf", PDF))

"""“My learning” (learning:home): the signed-in person's requirements with their status, their
records a page at a time, qualifications, registrations and links to the rest of learning."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.learning.models import Qualification, Registration
from tests.conftest import client_for
from tests.learning.conftest import days_ago, learned

HOME = "/learning/"


def test_it_sends_a_visitor_to_sign_in(client):
    response = client.get(HOME)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_shows_required_topics_with_their_status_in_words(worker):
    learned(worker, "fire-safety", days_ago(340))  # due within 60 days
    learned(worker, "moving-stuff", days_ago(400))  # expired
    learned(worker, "first-aid", days_ago(10))  # in date for three years
    page = client_for(worker).get(HOME).content.decode()
    assert "My learning" in page
    assert 'class="status status-due"' in page and "Due within 60 days" in page
    assert 'class="status status-expired"' in page and "Expired" in page
    assert 'class="status status-valid"' in page and "In date" in page
    assert 'class="status status-missing"' in page and "Missing" in page
    # The status is never colour alone: the mark is hidden, the words are not.
    assert '<span class="status-mark" aria-hidden="true">' in page


def test_it_offers_to_record_a_missing_topic(worker):
    page = client_for(worker).get(HOME).content.decode()
    url = reverse("learning:record_new", args=[worker.pk])
    assert f'href="{url}"' in page
    assert f"{url}?topic=first-aid" in page


def test_it_lists_records_newest_first_a_page_at_a_time(worker):
    for n in range(25):
        learned(worker, "fire-safety", days_ago(n + 1), name=f"Fire {n:02d}")
    client = client_for(worker)
    first = client.get(HOME).content.decode()
    assert "Fire 00" in first and "Fire 19" in first and "Fire 20" not in first
    assert "Page 1 of 2" in first
    second = client.get(HOME, {"page": 2}).content.decode()
    assert "Fire 24" in second and "Fire 00" not in second


def test_reading_ones_own_learning_is_not_logged(worker):
    learned(worker, "fire-safety", days_ago(3))
    client_for(worker).get(HOME)
    assert not AuditEvent.objects.filter(action="learning.records_viewed").exists()


def test_it_shows_qualifications_and_flags_an_expired_registration(worker):
    Qualification.objects.create(
        person=worker,
        title="Diploma in Care",
        level="Level 3",
        achieved_on=days_ago(800),
        recorded_by=worker,
    )
    Registration.objects.create(
        person=worker, body="nmc", number="12A3456E", expires_on=days_ago(2), recorded_by=worker
    )
    page = client_for(worker).get(HOME).content.decode()
    assert "Diploma in Care" in page and "Level 3" in page
    assert "Nursing and Midwifery Council" in page and "12A3456E" in page
    assert "status status-expired" in page


def test_the_query_count_does_not_grow_with_records(worker):
    client = client_for(worker)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(HOME).status_code == 200
        return len(ctx)

    learned(worker, "fire-safety", days_ago(5))
    Qualification.objects.create(
        person=worker, title="Q0", achieved_on=days_ago(5), recorded_by=worker
    )
    count()
    small = count()
    for n in range(30):
        learned(worker, "first-aid" if n % 2 else "moving-stuff", days_ago(n + 6))
    for n in range(5):
        Qualification.objects.create(
            person=worker, title=f"Q{n + 1}", achieved_on=days_ago(5), recorded_by=worker
        )
        Registration.objects.create(
            person=worker,
            body="hcpc",
            number=f"SW{n}",
            expires_on=days_ago(-90),
            recorded_by=worker,
        )
    assert count() == small


def test_a_coach_sees_their_circles(coach, leeds_circle):
    page = client_for(coach).get(HOME).content.decode()
    assert "Your circles" in page and leeds_circle.name in page


def test_someone_without_a_learning_hat_sees_no_circles_section(worker):
    assert "Your circles" not in client_for(worker).get(HOME).content.decode()


def test_the_main_navigation_links_to_learning(alice):
    page = client_for(alice).get(reverse("home")).content.decode()
    assert f'href="{HOME}"' in page and ">Learning<" in page


def test_someone_in_no_circle_sees_an_empty_page(applicant):
    page = client_for(applicant).get(HOME).content.decode()
    assert "Nothing is required of you today" in page and "No learning is recorded yet." in page


@pytest.mark.parametrize("status", ["valid", "due", "expired", "missing", "not_required"])
def test_the_status_include_renders_words_for_every_status(status):
    from django.template.loader import render_to_string

    from coopcare.learning.requirements import STATUS_LABELS, Status

    html = render_to_string(
        "learning/_status.html", {"status": Status(status), "label": STATUS_LABELS[status]}
    )
    assert f"status-{status}" in html and str(STATUS_LABELS[status]) in html


def test_a_person_asked_to_sign_off_sees_it_on_their_page(worker, coach):
    from coopcare.learning.models import LearningRecord

    record = learned(worker, "medicines-competence", days_ago(1))
    LearningRecord.objects.filter(pk=record.pk).update(
        assessor=coach, signed_off_at=None, assessor_name=""
    )
    page = client_for(coach).get(HOME).content.decode()
    assert "Waiting for your sign-off" in page
    assert reverse("learning:record_sign_off", args=[record.pk]) in page


def test_the_coachs_view_of_a_person_costs_the_same_however_many_records(worker, coach):
    client = client_for(coach)
    url = reverse("learning:person", args=[worker.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    learned(worker, "fire-safety", days_ago(5))
    count()
    small = count()
    for n in range(30):
        learned(worker, "first-aid", days_ago(n + 6))
    assert count() == small


def test_the_sign_off_list_is_a_logged_read_only_when_someone_is_on_it(worker, coach):
    from coopcare.learning.models import LearningRecord

    client_for(coach).get(HOME)
    assert not AuditEvent.objects.filter(action="learning.records_viewed").exists()
    for slug in ("medicines-competence", "moving-people"):
        record = learned(worker, slug, days_ago(1))
        LearningRecord.objects.filter(pk=record.pk).update(
            assessor=coach, signed_off_at=None, assessor_name=""
        )
    client_for(coach).get(HOME)
    read = AuditEvent.objects.get(action="learning.records_viewed")  # one per person shown
    assert (read.actor_id, read.subject_id) == (coach.pk, worker.pk)
    assert read.detail["what"] == "sign_off_list" and read.detail["sections"] == ["learning"]


def test_needs_driven_topics_are_kept_from_readers_by_privacy_choice(
    worker, alice, coach, team, owner
):
    from coopcare.learning.models import TeamNeed
    from coopcare.members.models import PrivacyChoice

    TeamNeed.objects.create(team=team, topic_slug="awareness-dementia", marked_by=owner)
    PrivacyChoice.objects.create(person=worker, section="learning", audience="members")
    url = reverse("learning:person", args=[worker.pk])
    assert "Dementia awareness" in client_for(coach).get(url).content.decode()
    assert "Dementia awareness" in client_for(worker).get(HOME).content.decode()
    page = client_for(alice).get(url).content.decode()
    assert "Fire safety" in page and "Dementia awareness" not in page


def test_a_malformed_content_length_is_not_an_error(worker):
    url = reverse("learning:record_new", args=[worker.pk])
    response = client_for(worker).post(url, {}, CONTENT_LENGTH="lots")
    assert response.status_code in (200, 400)

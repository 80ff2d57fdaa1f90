"""Who may read and change someone's learning (pages, API, evidence), and the access log.

Learning records are personal data: the person, the Coach and the Learning Lead of their
circles, and anyone else only by the person's privacy choice for "learning". A worker cannot
read another worker's records; the Coach of another circle cannot either; a superuser gets no
special access. Every read by someone else is in the access log.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.learning.models import Qualification, Registration
from coopcare.learning.services.records import attach_evidence
from coopcare.members.models import Audience, PrivacyChoice, Section
from tests.conftest import _team_member, client_for
from tests.learning.conftest import days_ago, learned

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def other_worker(team):
    """Will, another independent worker in the same team as Wren."""
    return _team_member(
        team, "independent_worker", email="will@example.org", profile__name="Will Webb"
    )


@pytest.fixture
def wrens(worker):
    """Wren's learning: a record with evidence, a qualification and a registration."""
    record = learned(worker, "fire-safety", days_ago(20))
    attach_evidence(worker, record, SimpleUploadedFile("certificate.pdf", PDF))
    qualification = Qualification.objects.create(
        person=worker, title="Diploma", achieved_on=days_ago(400), recorded_by=worker
    )
    registration = Registration.objects.create(
        person=worker, body="nmc", number="12A3456E", expires_on=days_ago(-200), recorded_by=worker
    )
    return {"record": record, "qualification": qualification, "registration": registration}


def _reads(worker, wrens) -> dict[str, str]:
    record = wrens["record"]
    return {
        "page": reverse("learning:person", args=[worker.pk]),
        "record": reverse("learning:record", args=[record.pk]),
        "evidence": reverse("learning:record_evidence", args=[record.pk]),
        "api person": reverse("api:learning_person", kwargs={"person_id": worker.pk}),
        "api records": reverse("api:learning_person_records", kwargs={"person_id": worker.pk}),
        "api record": reverse("api:learning_record", kwargs={"record_id": record.pk}),
        "api evidence": reverse("api:learning_record_evidence", kwargs={"record_id": record.pk}),
    }


def _statuses(person, urls) -> dict[str, int]:
    client = client_for(person)
    return {name: client.get(url).status_code for name, url in urls.items()}


@pytest.mark.parametrize("stranger", ["other_worker", "other_coach", "admin", "alice", "family"])
def test_a_stranger_to_the_persons_learning_gets_404_everywhere(request, worker, wrens, stranger):
    """Another worker in the same team, the Coach of another circle, a superuser, a member of
    the same circle and a family member of the team all get "not found"."""
    person = request.getfixturevalue(stranger)
    urls = _reads(worker, wrens)
    writes = {
        "record new": reverse("learning:record_new", args=[worker.pk]),
        "withdraw": reverse("learning:record_withdraw", args=[wrens["record"].pk]),
        "qualification new": reverse("learning:qualification_new", args=[worker.pk]),
        "registration new": reverse("learning:registration_new", args=[worker.pk]),
        "registration check": reverse(
            "learning:registration_check", args=[wrens["registration"].pk]
        ),
        "qualification withdraw": reverse(
            "learning:qualification_withdraw", args=[wrens["qualification"].pk]
        ),
    }
    got = _statuses(person, {**urls, **writes})
    assert set(got.values()) == {404}, got
    assert not AuditEvent.objects.filter(action="learning.records_viewed").exists()


@pytest.mark.parametrize("holder", ["coach", "learning_lead"])
def test_the_coach_and_learning_lead_of_the_persons_circle_read_it(request, worker, wrens, holder):
    person = request.getfixturevalue(holder)
    got = _statuses(person, _reads(worker, wrens))
    assert set(got.values()) == {200}, got


@pytest.mark.parametrize("holder", ["coach", "learning_lead"])
def test_every_read_by_them_is_in_the_access_log(request, worker, wrens, holder):
    person = request.getfixturevalue(holder)
    urls = _reads(worker, wrens)
    client = client_for(person)
    for name, url in urls.items():
        before = AuditEvent.objects.filter(action="learning.records_viewed").count()
        assert client.get(url).status_code == 200
        events = AuditEvent.objects.filter(action="learning.records_viewed").order_by("-id")
        assert events.count() == before + 1, name
        event = events.first()
        assert event.kind == AuditEvent.Kind.READ
        assert (event.actor_id, event.subject_id) == (person.pk, worker.pk)


def test_the_person_reads_their_own_without_a_log_entry(worker, wrens):
    urls = _reads(worker, wrens)
    del urls["page"]  # their own person page sends them to "My learning"
    got = _statuses(worker, urls)
    assert set(got.values()) == {200}, got
    assert not AuditEvent.objects.filter(action="learning.records_viewed").exists()
    response = client_for(worker).get(reverse("learning:person", args=[worker.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("learning:home")


def test_a_member_reads_it_when_the_person_chose_all_members(worker, wrens, alice, dan):
    PrivacyChoice.objects.create(person=worker, section=Section.LEARNING, audience=Audience.MEMBERS)
    for member in (alice, dan):
        got = _statuses(member, _reads(worker, wrens))
        assert set(got.values()) == {200}, got
    assert AuditEvent.objects.filter(
        action="learning.records_viewed", actor=alice, subject=worker
    ).exists()


def test_a_reader_by_privacy_choice_may_not_change_anything(worker, wrens, alice):
    PrivacyChoice.objects.create(person=worker, section=Section.LEARNING, audience=Audience.MEMBERS)
    client = client_for(alice)
    for url in (
        reverse("learning:record_new", args=[worker.pk]),
        reverse("learning:record_withdraw", args=[wrens["record"].pk]),
        reverse("learning:qualification_new", args=[worker.pk]),
        reverse("learning:registration_new", args=[worker.pk]),
        reverse("learning:registration_check", args=[wrens["registration"].pk]),
        reverse("learning:registration_withdraw", args=[wrens["registration"].pk]),
    ):
        assert client.get(url).status_code == 403, url
    page = client.get(reverse("learning:person", args=[worker.pk])).content.decode()
    assert "Record learning for them" not in page and "Check registration" not in page


def test_the_circle_choice_does_not_reach_another_circle(worker, wrens, alice, dan):
    PrivacyChoice.objects.create(person=worker, section=Section.LEARNING, audience=Audience.CIRCLE)
    # Wren is in Olive's team, not a member of the Leeds circle: "my circle" reaches nobody yet.
    assert client_for(dan).get(reverse("learning:person", args=[worker.pk])).status_code == 404


def test_the_coach_sees_the_coach_actions(worker, wrens, coach):
    page = client_for(coach).get(reverse("learning:person", args=[worker.pk])).content.decode()
    assert "Record learning for them" in page and "Check registration" in page


def test_the_person_does_not_check_their_own_registration(worker, wrens):
    url = reverse("learning:registration_check", args=[wrens["registration"].pk])
    assert client_for(worker).get(url).status_code == 403


def test_a_closed_account_is_not_found(worker, wrens, coach):
    worker.is_active = False
    worker.save(update_fields=["is_active"])
    url = reverse("learning:person", args=[worker.pk])
    assert client_for(coach).get(url).status_code == 404

"""Applying for membership: /membership/apply/."""

import pytest
from django.core import mail
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.members.models import MembershipApplication
from coopcare.members.questions import CLASS_QUESTIONS, QUESTIONS
from coopcare.members.services.membership import apply_for_membership
from coopcare.notifications.models import Notification
from tests.factories import UserFactory

URL = reverse("membership:apply")


def url_for(member_class: str) -> str:
    return f"{URL}?member_class={member_class}"


def valid_data(member_class: str) -> dict[str, str]:
    data = {q.key: f"My answer to {q.key}." for q in CLASS_QUESTIONS[member_class]}
    data["accept_commitment"] = "on"
    if member_class == "worker":
        data["worker_kind"] = "volunteer"
    return data


@pytest.fixture
def newcomer(db):
    return UserFactory(email="newcomer@example.org", profile__name="Nia Newcomer")


def test_it_sends_anonymous_people_to_sign_in(client, db):
    response = client.get(url_for("supported"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_it_explains_each_member_class_and_who_can_apply(as_person, newcomer):
    response = as_person(newcomer).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    for member_class in ("supported", "advocate", "worker", "investor"):
        assert f"?member_class={member_class}" in page
    assert "at least 2 hours a week" in page
    assert "10% of the vote" in page


def test_it_shows_the_choice_again_for_an_unknown_class(as_person, newcomer):
    response = as_person(newcomer).get(url_for("director"))
    assert response.status_code == 200
    assert "?member_class=supported" in response.content.decode()
    assert "accept_commitment" not in response.content.decode()


@pytest.mark.parametrize("member_class", ["supported", "advocate", "worker", "investor"])
def test_it_asks_exactly_the_questions_of_the_chosen_class(as_person, newcomer, member_class):
    page = as_person(newcomer).get(url_for(member_class)).content.decode()
    asked = {q.key for q in CLASS_QUESTIONS[member_class]}
    for key in QUESTIONS:
        assert (f'name="{key}"' in page) is (key in asked)
    assert ('name="worker_kind"' in page) is (member_class == "worker")
    assert "I will take part as far as I can." in page


def test_it_saves_a_worker_application_and_says_what_happens_next(as_person, newcomer):
    client = as_person(newcomer)
    response = client.post(url_for("worker"), valid_data("worker"), follow=True)
    application = MembershipApplication.objects.get(applicant=newcomer)
    assert response.redirect_chain[-1][0] == reverse(
        "membership:application", args=[application.pk]
    )
    assert application.member_class == "worker"
    assert application.worker_kind == "volunteer"
    assert application.status == "submitted"
    assert application.accepted_commitment_at is not None
    assert application.answers == {
        "why_member": "My answer to why_member.",
        "vision_matters": "My answer to vision_matters.",
        "contribution_over_time": "My answer to contribution_over_time.",
    }
    assert "What happens next" in response.content.decode()


@pytest.mark.parametrize(
    ("member_class", "key"),
    [(c, q.key) for c, qs in CLASS_QUESTIONS.items() for q in qs],
)
def test_it_requires_every_question_of_the_class(as_person, newcomer, member_class, key):
    data = valid_data(member_class)
    data[key] = "   "
    response = as_person(newcomer).post(url_for(member_class), data)
    assert response.status_code == 200
    assert "Please answer this question." in response.content.decode()
    assert not MembershipApplication.objects.exists()


def test_it_keeps_what_was_typed_when_something_is_missing(as_person, newcomer):
    data = valid_data("supported")
    del data["accept_commitment"]
    response = as_person(newcomer).post(url_for("supported"), data)
    page = response.content.decode()
    assert "Tick the box to agree to the Members&#x27; Commitment." in page
    assert "My answer to concern_to_change." in page
    assert not MembershipApplication.objects.exists()


def test_it_requires_a_kind_of_work_from_workers(as_person, newcomer):
    data = valid_data("worker")
    data["worker_kind"] = "director"
    response = as_person(newcomer).post(url_for("worker"), data)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not MembershipApplication.objects.exists()


def test_it_refuses_a_second_open_application(as_person, applicant):
    client = as_person(applicant)
    response = client.get(url_for("investor"))
    assert "Your application is waiting for a decision" in response.content.decode()
    client.post(url_for("investor"), valid_data("investor"))
    assert MembershipApplication.objects.filter(applicant=applicant).count() == 1


def test_it_refuses_a_class_the_person_already_holds(as_person, alice):
    response = as_person(alice).post(url_for("worker"), valid_data("worker"))
    assert "You are already a member" in response.content.decode()
    assert not MembershipApplication.objects.exists()


def test_a_member_may_apply_for_another_class(as_person, alice):
    as_person(alice).post(url_for("investor"), valid_data("investor"))
    assert MembershipApplication.objects.get(applicant=alice).member_class == "investor"


def test_it_audits_and_tells_every_admitter(
    as_person, newcomer, carol, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        as_person(newcomer).post(url_for("advocate"), valid_data("advocate"))
    application = MembershipApplication.objects.get(applicant=newcomer)
    event = AuditEvent.objects.get(action="membership.applied")
    assert (event.actor, event.subject, event.target_id) == (
        newcomer,
        newcomer,
        str(application.pk),
    )
    notification = Notification.objects.get(kind="membership.applied")
    assert notification.recipient == carol
    assert notification.url == reverse("membership:application", args=[application.pk])
    assert [m.to for m in mail.outbox] == [["carol@example.org"]]


def test_the_service_refuses_answers_to_questions_not_asked(newcomer):
    answers = {**valid_data("investor"), "concern_to_change": "Extra"}
    answers.pop("accept_commitment")
    with pytest.raises(DomainError):
        apply_for_membership(newcomer, "investor", "", answers, True)
    assert not MembershipApplication.objects.exists()


def test_the_service_refuses_without_the_commitment(newcomer):
    answers = {q.key: "Yes." for q in CLASS_QUESTIONS["investor"]}
    with pytest.raises(DomainError) as error:
        apply_for_membership(newcomer, "investor", "", answers, False)
    assert error.value.field == "accept_commitment"
    assert not AuditEvent.objects.exists()


def test_the_service_refuses_a_kind_of_work_for_other_classes(newcomer):
    answers = {q.key: "Yes." for q in CLASS_QUESTIONS["investor"]}
    with pytest.raises(DomainError):
        apply_for_membership(newcomer, "investor", "employed", answers, True)


def test_the_service_refuses_a_deactivated_account(newcomer):
    newcomer.is_active = False
    answers = {q.key: "Yes." for q in CLASS_QUESTIONS["investor"]}
    with pytest.raises(NotAllowed):
        apply_for_membership(newcomer, "investor", "", answers, True)

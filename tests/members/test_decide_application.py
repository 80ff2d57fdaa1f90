"""Admissions: the list of applications, one application, and admitting or declining it."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.members.models import Membership, MembershipApplication
from coopcare.members.services.membership import admit_application, decline_application
from coopcare.notifications.models import Notification
from tests.factories import MembershipApplicationFactory

LIST_URL = reverse("membership:applications")


@pytest.fixture
def application(applicant):
    return MembershipApplication.objects.get(applicant=applicant)


def detail_url(application) -> str:
    return reverse("membership:application", args=[application.pk])


def decide_url(application) -> str:
    return reverse("membership:decide", args=[application.pk])


def test_it_lets_an_admitter_admit_and_the_applicant_is_emailed(
    as_person, carol, applicant, application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_person(carol).post(
            decide_url(application), {"decision": "admit", "reason": "Clear and kind answers."}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.decided_by) == ("admitted", carol)
    membership = Membership.objects.get(person=applicant)
    assert membership.is_active
    assert membership.member_class == application.member_class
    assert membership.application == application
    assert membership.basis == "Admitted on application: Clear and kind answers."
    event = AuditEvent.objects.get(action="membership.admitted")
    assert (event.actor, event.subject) == (carol, applicant)
    assert Notification.objects.get(recipient=applicant).kind == "membership.decided"
    assert [m.to for m in mail.outbox] == [["applicant@example.org"]]
    assert "Clear and kind answers." in mail.outbox[0].body


def test_it_carries_the_kind_of_work_into_the_membership(carol):
    worker_application = MembershipApplicationFactory(
        member_class="worker",
        worker_kind="employed",
        answers={"why_member": "a", "vision_matters": "b", "contribution_over_time": "c"},
    )
    admit_application(carol, worker_application, "Finished probation.")
    membership = Membership.objects.get(application=worker_application)
    assert (membership.member_class, membership.worker_kind) == ("worker", "employed")


def test_it_lets_an_admitter_decline_with_a_reason(
    as_person, carol, applicant, application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        as_person(carol).post(
            decide_url(application), {"decision": "decline", "reason": "Not yet eligible."}
        )
    application.refresh_from_db()
    assert (application.status, application.decision_reason) == ("declined", "Not yet eligible.")
    assert not Membership.objects.filter(person=applicant).exists()
    assert AuditEvent.objects.filter(action="membership.declined", subject=applicant).exists()
    assert "declined" in mail.outbox[0].subject


@pytest.mark.parametrize("decision", ["admit", "decline"])
def test_it_requires_a_reason_either_way(as_person, carol, application, decision):
    response = as_person(carol).post(decide_url(application), {"decision": decision, "reason": " "})
    assert response.status_code == 200
    assert "Give a reason for the decision" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"
    assert not Membership.objects.filter(application=application).exists()
    assert not AuditEvent.objects.filter(action__startswith="membership.").exists()


def test_it_refuses_to_decide_an_application_twice(as_person, carol, application):
    client = as_person(carol)
    client.post(decide_url(application), {"decision": "admit", "reason": "Welcome."})
    response = client.post(
        decide_url(application), {"decision": "decline", "reason": "Changed my mind."}, follow=True
    )
    assert "This application is no longer open" in response.content.decode()
    application.refresh_from_db()
    assert (application.status, application.decision_reason) == ("admitted", "Welcome.")
    assert Membership.objects.filter(application=application).count() == 1


def test_it_refuses_the_applicant_their_own_decision(as_person, applicant, application):
    response = as_person(applicant).post(
        decide_url(application), {"decision": "admit", "reason": "I am great."}
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == "submitted"


def test_it_hides_the_application_from_a_member_without_the_hat(as_person, bob, application):
    client = as_person(bob)
    assert client.get(detail_url(application)).status_code == 404
    response = client.post(decide_url(application), {"decision": "admit", "reason": "Hi."})
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == "submitted"


def test_it_sends_anonymous_people_to_sign_in(client, application):
    assert client.get(detail_url(application)).status_code == 302
    assert client.post(decide_url(application), {"decision": "admit"}).status_code == 302


def test_the_service_refuses_someone_without_the_hat(bob, application):
    with pytest.raises(NotAllowed):
        admit_application(bob, application, "Looks fine.")
    with pytest.raises(DomainError):
        decline_application(bob, application, "")
    assert not Membership.objects.filter(application=application).exists()


def test_an_admitter_reads_the_answers_and_the_read_is_logged(as_person, carol, application):
    response = as_person(carol).get(detail_url(application))
    page = response.content.decode()
    assert "Rushed visits." in page
    assert f'action="{decide_url(application)}"' in page
    event = AuditEvent.objects.get(action="membership.application_viewed")
    assert (event.kind, event.actor, event.subject) == ("read", carol, application.applicant)


def test_the_applicant_sees_their_application_without_a_decision_form(
    as_person, applicant, application
):
    page = as_person(applicant).get(detail_url(application)).content.decode()
    assert "Rushed visits." in page
    assert decide_url(application) not in page
    assert not AuditEvent.objects.filter(action="membership.application_viewed").exists()


def test_the_list_is_for_admitters_only(as_person, carol, bob, applicant, client):
    assert as_person(carol).get(LIST_URL).status_code == 200
    assert as_person(bob).get(LIST_URL).status_code == 403
    assert as_person(applicant).get(LIST_URL).status_code == 403
    assert client.get(LIST_URL).status_code == 302


def test_the_list_shows_open_applications_first_and_filters_by_status(as_person, carol):
    decided = MembershipApplicationFactory(
        status="declined", applicant__profile__name="Dora Declined"
    )
    MembershipApplicationFactory(applicant__profile__name="Olly Open")
    client = as_person(carol)
    page = client.get(LIST_URL).content.decode()
    assert page.index("Olly Open") < page.index("Dora Declined")
    filtered = client.get(LIST_URL, {"status": "declined"}).content.decode()
    assert decided.applicant.display_name in filtered
    assert "Olly Open" not in filtered


def test_the_list_pages_by_25_with_the_same_queries_at_any_size(as_person, carol):
    client = as_person(carol)
    MembershipApplicationFactory.create_batch(2)
    client.get(LIST_URL)
    with CaptureQueriesContext(connection) as small:
        client.get(LIST_URL)
    MembershipApplicationFactory.create_batch(30)
    with CaptureQueriesContext(connection) as large:
        response = client.get(LIST_URL)
    assert len(response.context["page"].object_list) == 25
    assert len(large) == len(small)


def test_deciding_needs_a_post(as_person, carol, application):
    assert as_person(carol).get(decide_url(application)).status_code == 405

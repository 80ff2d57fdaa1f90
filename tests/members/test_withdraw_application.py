"""Withdrawing an open application: /membership/applications/<id>/withdraw/."""

import pytest
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.members.models import MembershipApplication
from coopcare.members.services.membership import admit_application, withdraw_application


@pytest.fixture
def application(applicant):
    return MembershipApplication.objects.get(applicant=applicant)


def url(application) -> str:
    return reverse("membership:withdraw", args=[application.pk])


def test_it_asks_the_applicant_to_confirm_first(as_person, applicant, application):
    response = as_person(applicant).get(url(application))
    assert response.status_code == 200
    assert "Yes, withdraw my application" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"


def test_it_withdraws_and_audits(as_person, applicant, application):
    response = as_person(applicant).post(url(application), follow=True)
    assert response.redirect_chain[-1][0] == reverse("membership:status")
    assert "You withdrew your application" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "withdrawn"
    event = AuditEvent.objects.get(action="membership.withdrawn")
    assert (event.actor, event.subject, event.target_id) == (
        applicant,
        applicant,
        str(application.pk),
    )


def test_the_applicant_may_apply_again_after_withdrawing(as_person, applicant, application):
    client = as_person(applicant)
    client.post(url(application))
    response = client.get(reverse("membership:apply"))
    assert "?member_class=supported" in response.content.decode()


def test_it_refuses_an_admitter_who_is_not_the_applicant(as_person, carol, application):
    assert as_person(carol).post(url(application)).status_code == 403
    application.refresh_from_db()
    assert application.status == "submitted"


def test_it_hides_the_application_from_other_members(as_person, bob, application):
    assert as_person(bob).post(url(application)).status_code == 404
    assert as_person(bob).get(url(application)).status_code == 404
    application.refresh_from_db()
    assert application.status == "submitted"


def test_it_cannot_withdraw_a_decided_application(as_person, carol, applicant, application):
    admit_application(carol, application, "Welcome.")
    client = as_person(applicant)
    response = client.post(url(application), follow=True)
    assert "This application is no longer open" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "admitted"
    assert client.get(url(application)).status_code == 302
    assert not AuditEvent.objects.filter(action="membership.withdrawn").exists()


def test_the_service_checks_who_is_withdrawing(bob, carol, applicant, application):
    with pytest.raises(NotAllowed):
        withdraw_application(bob, application)
    withdraw_application(applicant, application)
    with pytest.raises(DomainError):
        withdraw_application(applicant, application)

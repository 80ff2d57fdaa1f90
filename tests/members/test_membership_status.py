"""A person's own membership page: /membership/."""

import datetime

from django.urls import reverse
from django.utils import timezone

from coopcare.members.models import Membership, MembershipApplication
from tests.factories import MembershipApplicationFactory, MembershipFactory, UserFactory

URL = reverse("membership:status")


def test_it_sends_anonymous_people_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_it_shows_an_open_application_with_a_way_to_withdraw(as_person, applicant):
    application = MembershipApplication.objects.get(applicant=applicant)
    page = as_person(applicant).get(URL).content.decode()
    assert "Waiting for a decision" in page
    assert reverse("membership:withdraw", args=[application.pk]) in page
    assert "You are not a member yet." in page
    assert reverse("membership:apply") not in page


def test_it_shows_a_decision_and_its_reason(as_person, db):
    person = UserFactory()
    MembershipApplicationFactory(
        applicant=person,
        status="declined",
        decision_reason="Please apply after probation.",
        decided_at=timezone.now(),
    )
    page = as_person(person).get(URL).content.decode()
    assert "Declined" in page
    assert "Please apply after probation." in page
    assert "/withdraw/" not in page
    assert reverse("membership:apply") in page


def test_it_shows_current_and_ended_memberships_with_reasons(as_person, alice):
    MembershipFactory(
        person=alice,
        member_class="investor",
        worker_kind="",
        basis="Holds shares",
        ended_at=timezone.make_aware(datetime.datetime(2025, 3, 4, 12)),
        end_reason="expired",
        end_note="Its end date, 3 March 2025, has passed.",
    )
    page = as_person(alice).get(URL).content.decode()
    assert "Worker member" in page
    assert "Admitted on application" in page
    assert "Ended on 4 March 2025" in page
    assert "Reached its end date" in page
    assert "Its end date, 3 March 2025, has passed." in page
    assert page.index("Worker member") < page.index("Investor member")


def test_it_shows_only_the_persons_own_memberships(as_person, alice, bob):
    bob_membership = Membership.objects.get(person=bob)
    bob_membership.basis = "Bob's own reason"
    bob_membership.save()
    assert "Bob&#x27;s own reason" not in as_person(alice).get(URL).content.decode()

"""Linking the person to their case (an existing account, or an invitation) and starting
their team."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from coopcare.errors import DomainError
from coopcare.notifications.models import Notification
from coopcare.starting.services.cases import (
    accept_case_invitation,
    invite_case_person,
    link_case_person,
    start_case_team,
)
from coopcare.starting.services.enquiries import decide_enquiry
from coopcare.teams.models import Team
from tests.factories import UserFactory


@pytest.fixture
def new_case(team_starter, enquiry, leeds_circle):
    """Mo's case: just proceeded, no account linked, no team yet."""
    return decide_enquiry(team_starter, enquiry, "proceed", local_circle=leeds_circle).case


@pytest.fixture
def mo(db):
    return UserFactory(email="mo@example.org", profile__name="Mo Patel")


def person_url(case) -> str:
    return reverse("starting:case_person", args=[case.pk])


def test_it_links_an_existing_account_by_email(as_person, team_starter, new_case, mo):
    response = as_person(team_starter).post(
        person_url(new_case), {"email": "MO@example.org", "action": "link"}
    )
    assert response.status_code == 302
    new_case.refresh_from_db()
    assert new_case.person == mo
    assert Notification.objects.filter(recipient=mo, kind="starting.case_linked").exists()


def test_it_says_when_nobody_has_that_email(as_person, team_starter, new_case):
    response = as_person(team_starter).post(
        person_url(new_case), {"email": "nobody@example.org", "action": "link"}
    )
    assert "Send an invitation instead" in response.content.decode()
    new_case.refresh_from_db()
    assert new_case.person is None


def test_it_refuses_a_coach_with_403(as_person, coach, new_case, mo):
    response = as_person(coach).post(person_url(new_case), {"email": mo.email, "action": "link"})
    assert response.status_code == 403
    new_case.refresh_from_db()
    assert new_case.person is None


def test_it_emails_an_invitation_with_a_link(
    team_starter, new_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_case_person(team_starter, new_case, "mo@example.org")
    new_case.refresh_from_db()
    assert new_case.invited_email == "mo@example.org"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["mo@example.org"]
    assert "/start/invitation/" in mail.outbox[0].body
    assert "/accounts/signup/" in mail.outbox[0].body


def test_it_does_not_invite_someone_who_already_has_an_account(team_starter, new_case, mo):
    with pytest.raises(DomainError, match="link it instead"):
        invite_case_person(team_starter, new_case, mo.email)


def test_it_links_the_case_when_the_invited_person_accepts(as_person, team_starter, new_case):
    token = invite_case_person(team_starter, new_case, "mo@example.org")
    mo = UserFactory(email="mo@example.org")  # signed up (and confirmed) with that address
    url = reverse("starting:invitation", args=[token])
    assert "Accept the invitation" in as_person(mo).get(url).content.decode()
    response = as_person(mo).post(url)
    assert response.status_code == 302
    new_case.refresh_from_db()
    assert new_case.person == mo
    assert Notification.objects.filter(recipient=team_starter, kind="starting.case_linked").exists()


def test_it_refuses_an_invitation_from_an_account_with_another_address(
    team_starter, new_case, alice
):
    token = invite_case_person(team_starter, new_case, "mo@example.org")
    with pytest.raises(DomainError, match="Sign in with that address"):
        accept_case_invitation(alice, token)
    new_case.refresh_from_db()
    assert new_case.person is None


def test_it_refuses_an_unconfirmed_address(team_starter, new_case):
    token = invite_case_person(team_starter, new_case, "mo@example.org")
    mo = UserFactory(email="mo@example.org", verified=False)
    EmailAddress.objects.create(user=mo, email=mo.email, verified=False, primary=True)
    with pytest.raises(DomainError):
        accept_case_invitation(mo, token)


def test_it_shows_anonymous_visitors_how_to_sign_up(client, team_starter, new_case):
    token = invite_case_person(team_starter, new_case, "mo@example.org")
    page = client.get(reverse("starting:invitation", args=[token])).content.decode()
    assert "Create an account with mo@example.org" in page


def test_it_refuses_a_forged_or_replaced_invitation(client, team_starter, new_case):
    first = invite_case_person(team_starter, new_case, "mo@example.org")
    invite_case_person(team_starter, new_case, "mo.patel@example.org")
    assert client.get(reverse("starting:invitation", args=[first])).status_code == 404
    assert client.get(reverse("starting:invitation", args=["forged"])).status_code == 404


def test_it_starts_the_team_once_the_person_has_an_account(
    as_person, team_starter, new_case, mo, leeds_circle
):
    link_case_person(team_starter, new_case, mo.email)
    response = as_person(team_starter).post(
        reverse("starting:case_start_team", args=[new_case.pk]), {"name": ""}
    )
    assert response.status_code == 302
    new_case.refresh_from_db()
    team = new_case.team
    assert team.owner == mo
    assert team.local_circle == leeds_circle
    assert team.status == Team.Status.STARTING


def test_it_cannot_start_a_team_without_the_persons_account(team_starter, new_case):
    with pytest.raises(DomainError, match="Link the person's account"):
        start_case_team(team_starter, new_case)
    assert not Team.objects.exists()


def test_it_refuses_to_link_a_second_person(team_starter, case, mo):
    with pytest.raises(DomainError, match="already linked"):
        link_case_person(team_starter, case, mo.email)

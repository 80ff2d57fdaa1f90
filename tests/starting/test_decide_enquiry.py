"""Deciding an enquiry's outcome, and passing it to another circle."""

import datetime

import pytest
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.starting.models import Case, Enquiry
from coopcare.starting.services.enquiries import decide_enquiry, pass_on_enquiry

TOMORROW = datetime.date.today() + datetime.timedelta(days=1)


def outcome_url(enquiry) -> str:
    return reverse("starting:enquiry_outcome", args=[enquiry.pk])


def test_it_starts_a_case_led_by_the_team_starter_on_proceed(
    as_person, team_starter, enquiry, leeds_circle
):
    response = as_person(team_starter).post(
        outcome_url(enquiry), {"outcome": "proceed", "local_circle": leeds_circle.pk}
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("starting:case", args=[case.pk])
    assert case.team_starter == team_starter
    assert case.local_circle == leeds_circle
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.PROCEED
    assert enquiry.decided_by == team_starter
    assert AuditEvent.objects.filter(action="starting.enquiry_decided").exists()


def test_it_requires_a_future_review_date_for_the_waiting_list(team_starter, enquiry, leeds_circle):
    with pytest.raises(DomainError) as error:
        decide_enquiry(team_starter, enquiry, "waiting_list", local_circle=leeds_circle)
    assert error.value.field == "review_on"
    with pytest.raises(DomainError):
        decide_enquiry(
            team_starter,
            enquiry,
            "waiting_list",
            local_circle=leeds_circle,
            review_on=datetime.date.today(),
        )
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW


def test_it_puts_an_enquiry_on_the_waiting_list(as_person, team_starter, enquiry, leeds_circle):
    as_person(team_starter).post(
        outcome_url(enquiry),
        {"outcome": "waiting_list", "local_circle": leeds_circle.pk, "review_on": TOMORROW},
    )
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.WAITING_LIST
    assert enquiry.review_on == TOMORROW
    assert not Case.objects.exists()


def test_it_requires_where_an_enquiry_was_signposted(as_person, team_starter, enquiry):
    response = as_person(team_starter).post(outcome_url(enquiry), {"outcome": "signposted"})
    assert "Say where you signposted them to" in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW


def test_it_records_where_an_enquiry_was_signposted(team_starter, enquiry):
    decide_enquiry(
        team_starter, enquiry, "signposted", local_circle=None, signposted_to="Age UK Leeds"
    )
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.SIGNPOSTED
    assert enquiry.signposted_to == "Age UK Leeds"


def test_it_requires_a_circle_to_proceed(team_starter, enquiry):
    with pytest.raises(DomainError) as error:
        decide_enquiry(team_starter, enquiry, "proceed", local_circle=None)
    assert error.value.field == "local_circle"


def test_it_refuses_a_circle_where_the_starter_has_no_hat(team_starter, enquiry, hebden_circle):
    with pytest.raises(DomainError, match="pass the enquiry on"):
        decide_enquiry(team_starter, enquiry, "proceed", local_circle=hebden_circle)
    assert not Case.objects.exists()


def test_it_refuses_a_coach_with_403(as_person, coach, enquiry, leeds_circle):
    response = as_person(coach).post(
        outcome_url(enquiry), {"outcome": "proceed", "local_circle": leeds_circle.pk}
    )
    assert response.status_code == 403
    with pytest.raises(NotAllowed):
        decide_enquiry(coach, enquiry, "proceed", local_circle=leeds_circle)
    assert not Case.objects.exists()


def test_it_refuses_people_outside_with_404(as_person, worker, enquiry, leeds_circle):
    response = as_person(worker).post(
        outcome_url(enquiry), {"outcome": "proceed", "local_circle": leeds_circle.pk}
    )
    assert response.status_code == 404


def test_it_refuses_to_decide_twice(team_starter, enquiry, leeds_circle):
    decide_enquiry(team_starter, enquiry, "proceed", local_circle=leeds_circle)
    with pytest.raises(DomainError, match="already been decided"):
        decide_enquiry(team_starter, enquiry, "signposted", local_circle=None, signposted_to="x")
    assert Case.objects.count() == 1


def test_it_lets_a_waiting_list_entry_proceed_later(team_starter, enquiry, leeds_circle):
    decide_enquiry(
        team_starter, enquiry, "waiting_list", local_circle=leeds_circle, review_on=TOMORROW
    )
    decide_enquiry(team_starter, enquiry, "proceed", local_circle=leeds_circle)
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.PROCEED
    assert enquiry.review_on is None


def test_it_passes_an_enquiry_to_another_circle_and_tells_its_starters(
    as_person, team_starter, hebden_starter, enquiry, hebden_circle
):
    response = as_person(team_starter).post(
        reverse("starting:enquiry_pass_on", args=[enquiry.pk]),
        {"local_circle": hebden_circle.pk},
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.local_circle == hebden_circle
    assert Notification.objects.filter(
        recipient=hebden_starter, kind="starting.enquiry_passed_on"
    ).exists()
    # Passed on, it is now that circle's: Tess no longer sees it.
    assert response["Location"] == reverse("starting:enquiries")
    url = reverse("starting:enquiry_detail", args=[enquiry.pk])
    assert as_person(team_starter).get(url).status_code == 404


def test_it_passes_on_only_to_local_circles(team_starter, enquiry, purpose_circle):
    with pytest.raises(DomainError):
        pass_on_enquiry(team_starter, enquiry, purpose_circle)
    enquiry.refresh_from_db()
    assert enquiry.local_circle is None

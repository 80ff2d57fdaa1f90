"""The check-in box on an appointment page, and checking in through the page."""

import datetime

import pytest
from django.urls import reverse

from coopcare.visits.models import Appointment
from coopcare.visits.services.booking import join_appointment
from tests.conftest import client_for
from tests.visits.conftest import at, book


@pytest.fixture
def confirmed(ready_team, owner, worker):
    appointment = book(owner, ready_team, [worker], start=at(2, 10))
    join_appointment(worker, appointment)
    return appointment


def test_the_giver_checks_in_from_the_page(confirmed, worker, owner, time_machine):
    time_machine.move_to(confirmed.starts_at - datetime.timedelta(minutes=10))
    page = reverse("visits:appointment", args=[confirmed.pk])
    wren = client_for(worker)
    assert "Check in: I have arrived" in wren.get(page).content.decode()
    assert "Check in: I have arrived" not in client_for(owner).get(page).content.decode()
    response = wren.post(reverse("visits:check_in", args=[confirmed.pk]), follow=True)
    assert "You have checked in" in response.content.decode()
    assert Appointment.objects.get(pk=confirmed.pk).checked_in_by == worker


def test_no_check_in_box_days_before(confirmed, worker):
    page = client_for(worker).get(reverse("visits:appointment", args=[confirmed.pk]))
    assert "Check in: I have arrived" not in page.content.decode()


def test_checking_in_too_early_says_why_and_changes_nothing(confirmed, worker):
    response = client_for(worker).post(reverse("visits:check_in", args=[confirmed.pk]), follow=True)
    assert "Checking in opens 30 minutes before the start." in response.content.decode()
    assert Appointment.objects.get(pk=confirmed.pk).checked_in_at is None

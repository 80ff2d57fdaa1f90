"""``manage.py review_waiting_list``: reminders when a waiting-list review date comes."""

import datetime
from io import StringIO

import time_machine
from django.core.management import call_command

from coopcare.notifications.models import Notification
from coopcare.starting.models import Enquiry
from coopcare.starting.services.enquiries import remind_waiting_list
from tests.starting.conftest import make_enquiry

TODAY = datetime.date.today()


def waiting(circle, review_on) -> Enquiry:
    return make_enquiry(status="waiting_list", review_on=review_on, local_circle=circle)


def reminders(person) -> int:
    return Notification.objects.filter(
        recipient=person, kind="starting.waiting_list_review"
    ).count()


def test_it_reminds_the_circles_team_starters_when_the_date_comes(
    team_starter, hebden_starter, leeds_circle
):
    waiting(leeds_circle, TODAY)
    out = StringIO()
    call_command("review_waiting_list", stdout=out)
    assert "Sent reminders about 1 enquiry" in out.getvalue()
    assert reminders(team_starter) == 1
    assert reminders(hebden_starter) == 0


def test_it_does_not_remind_before_the_date(team_starter, leeds_circle):
    waiting(leeds_circle, TODAY + datetime.timedelta(days=1))
    assert remind_waiting_list() == 0
    assert reminders(team_starter) == 0


def test_it_reminds_once_per_review_date(team_starter, leeds_circle):
    found = waiting(leeds_circle, TODAY)
    remind_waiting_list()
    remind_waiting_list()
    assert reminders(team_starter) == 1
    found.review_on = TODAY + datetime.timedelta(days=7)
    found.save()
    with time_machine.travel(TODAY + datetime.timedelta(days=8)):
        assert remind_waiting_list() == 1
    assert reminders(team_starter) == 2


def test_it_catches_up_on_dates_that_passed(team_starter, leeds_circle):
    waiting(leeds_circle, TODAY - datetime.timedelta(days=3))
    assert remind_waiting_list() == 1


def test_it_ignores_enquiries_no_longer_waiting(team_starter, leeds_circle):
    found = waiting(leeds_circle, TODAY)
    found.status = "signposted"
    found.signposted_to = "Elsewhere"
    found.save()
    assert remind_waiting_list() == 0


def test_it_can_run_in_the_same_process(team_starter, leeds_circle):
    waiting(leeds_circle, TODAY)
    out = StringIO()
    call_command("review_waiting_list", "--now", stdout=out)
    assert reminders(team_starter) == 1

"""Booking, the calendars and joining, in a real browser on a 360-px phone: every page accessible
(axe, WCAG 2.2 AA) and nothing wider than the screen. (That each action works without JavaScript
is shown by the page tests beside this file, which post the same forms.)"""

import datetime

import pytest

from coopcare.visits import calendar
from coopcare.visits.models import Appointment
from tests.browser.conftest import (
    browser_type_launch_args,  # noqa: F401  (a fixture)
)
from tests.discussion.browser import check, phone_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_rota_holder_books_and_a_worker_joins_on_a_phone(
    live_server, browser, ready_team, rota_holder, worker, volunteer
):
    day = calendar.today() + datetime.timedelta(days=7)
    rosa = phone_page(browser, live_server, rota_holder)
    rosa.goto(f"{live_server.url}/visits/teams/{ready_team.pk}/calendar/?week={day}")
    check(rosa)
    rosa.get_by_role("link", name="Book an appointment").click()
    check(rosa)
    rosa.get_by_label("What is it?").fill("Morning visit")
    rosa.get_by_label("Date").fill(day.isoformat())
    rosa.get_by_label("Starts at").fill("09:00")
    rosa.get_by_label("Ends at").fill("10:00")
    rosa.get_by_label("Companionship").check()
    rosa.get_by_label("Wren Walker").first.check()
    rosa.get_by_role("button", name="Book it").click()
    assert "Booked." in rosa.content()
    check(rosa)
    # A mistake shows the error summary, accessible too.
    rosa.goto(f"{live_server.url}/visits/teams/{ready_team.pk}/book/")
    rosa.get_by_role("button", name="Book it").click()
    assert "There is a problem" in rosa.content()
    check(rosa)

    wren = phone_page(browser, live_server, worker)
    wren.goto(f"{live_server.url}/visits/mine/?week={day}")
    check(wren)
    wren.get_by_role("link", name="09:00–10:00 · Morning visit").click()
    check(wren)
    wren.get_by_role("button", name="Join").click()
    assert "You have joined" in wren.content()
    check(wren)
    assert Appointment.objects.get().status == "confirmed"
    wren.goto(f"{live_server.url}/visits/mine/?view=list")
    check(wren)

"""Booking, the calendars and joining, in a real browser on a 360-px phone: every page accessible
(axe, WCAG 2.2 AA) and nothing wider than the screen. (That each action works without JavaScript
is shown by the page tests beside this file, which post the same forms.)"""

import datetime

import pytest
from django.conf import settings

from coopcare.visits import calendar
from coopcare.visits.models import Appointment
from tests.browser.conftest import (
    axe_violations,
    browser_type_launch_args,  # noqa: F401  (a fixture)
)
from tests.conftest import client_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _phone(browser, live_server, person):
    context = browser.new_context(
        bypass_csp=True, locale="en-GB", viewport={"width": 360, "height": 740}
    )
    session = client_for(person).cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context.new_page()


def _check(page) -> None:
    assert axe_violations(page) == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_the_rota_holder_books_and_a_worker_joins_on_a_phone(
    live_server, browser, ready_team, rota_holder, worker, volunteer
):
    day = calendar.today() + datetime.timedelta(days=7)
    rosa = _phone(browser, live_server, rota_holder)
    rosa.goto(f"{live_server.url}/visits/teams/{ready_team.pk}/calendar/?week={day}")
    _check(rosa)
    rosa.get_by_role("link", name="Book an appointment").click()
    _check(rosa)
    rosa.get_by_label("What is it?").fill("Morning visit")
    rosa.get_by_label("Date").fill(day.isoformat())
    rosa.get_by_label("Starts at").fill("09:00")
    rosa.get_by_label("Ends at").fill("10:00")
    rosa.get_by_label("Companionship").check()
    rosa.get_by_label("Wren Walker").first.check()
    rosa.get_by_role("button", name="Book it").click()
    assert "Booked." in rosa.content()
    _check(rosa)
    # A mistake shows the error summary, accessible too.
    rosa.goto(f"{live_server.url}/visits/teams/{ready_team.pk}/book/")
    rosa.get_by_role("button", name="Book it").click()
    assert "There is a problem" in rosa.content()
    _check(rosa)

    wren = _phone(browser, live_server, worker)
    wren.goto(f"{live_server.url}/visits/mine/?week={day}")
    _check(wren)
    wren.get_by_role("link", name="09:00–10:00 · Morning visit").click()
    _check(wren)
    wren.get_by_role("button", name="Join").click()
    assert "You have joined" in wren.content()
    _check(wren)
    assert Appointment.objects.get().status == "confirmed"
    wren.goto(f"{live_server.url}/visits/mine/?view=list")
    _check(wren)

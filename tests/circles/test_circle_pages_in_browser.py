"""The circle tree and a circle's page in a real browser on a 360-px phone: accessible, nothing
wider than the screen, and the tree's links lead to each circle."""

import datetime

import pytest
from django.conf import settings

from coopcare.circles.models import Circle
from tests.browser.conftest import axe_violations
from tests.conftest import client_for
from tests.factories import CircleFactory, HatFactory, hat_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page) -> None:
    assert axe_violations(page) == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_it_shows_the_tree_and_a_circle_on_a_phone(live_server, browser, alice, bob, leeds_circle):
    places = CircleFactory(
        name="West Yorkshire Places Circle", kind=Circle.Kind.PLACES, parent=leeds_circle.parent
    )
    CircleFactory(
        name="Winter Cover Helping Circle",
        kind=Circle.Kind.HELPING,
        parent=places,
        closes_on=datetime.date(2030, 3, 31),
    )
    HatFactory(
        holder=bob,
        circle=leeds_circle,
        hat_type=hat_type("leader"),
        review_on=datetime.date(2030, 1, 1),
        ends_on=datetime.date(2031, 1, 1),
    )
    context = browser.new_context(
        bypass_csp=True, locale="en-GB", viewport={"width": 360, "height": 740}
    )
    session = client_for(alice).cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/circles/")
    assert "Closes on 31 March 2030" in page.content()
    _check(page)

    page.get_by_role("link", name="Leeds Circle").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Leeds Circle"
    assert page.get_by_role("row", name="Leader Bob Brierley").count() == 1
    _check(page)
    context.close()

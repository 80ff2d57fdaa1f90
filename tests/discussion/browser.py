"""A signed-in phone-sized browser page, and the checks every page must pass."""

from django.conf import settings

from tests.browser.conftest import axe_violations
from tests.conftest import client_for


def phone_page(browser, live_server, person):
    """A new 360-px-wide page, signed in as ``person``."""
    context = browser.new_context(
        bypass_csp=True, locale="en-GB", viewport={"width": 360, "height": 740}
    )
    session = client_for(person).cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context.new_page()


def check(page) -> None:
    """axe-core finds no WCAG 2.2 A/AA problem, and nothing is wider than the phone."""
    assert axe_violations(page) == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url

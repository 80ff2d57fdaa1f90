"""The tokens pages in a real browser on a 360-px phone: accessible, and the whole life of a
token — make it, copy it, revoke it — works by keyboard and pointer without any page script."""

import pytest
from django.conf import settings

from tests.browser.conftest import axe_violations
from tests.conftest import client_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _signed_in_page(browser, live_server, person):
    # axe is injected as an inline script, so this context alone bypasses the CSP.
    context = browser.new_context(
        bypass_csp=True, locale="en-GB", viewport={"width": 360, "height": 740}
    )
    session = client_for(person).cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context, context.new_page()


def _check(page) -> None:
    assert axe_violations(page) == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_it_makes_shows_once_and_revokes_a_token(
    allow_orm_beside_playwright, live_server, browser, alice
):
    context, page = _signed_in_page(browser, live_server, alice)
    page.goto(f"{live_server.url}/tokens/")
    _check(page)

    page.get_by_role("button", name="Make the token").click()
    assert page.locator(".error-summary").is_visible()
    _check(page)

    page.get_by_label("Name").fill("rota script")
    page.get_by_label("Days until it stops working").fill("30")
    page.get_by_role("button", name="Make the token").click()
    assert "You will not see it again" in page.content()
    raw = page.get_by_label("Token “rota script”").input_value()
    assert raw.startswith("cc_")
    _check(page)

    page.get_by_role("link", name="I have copied it: back to my tokens").click()
    assert raw not in page.content()
    page.get_by_role("link", name="Revoke rota script").click()
    _check(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Yes, revoke it").click()
    assert "is revoked" in page.content()
    assert page.get_by_role("link", name="Revoke rota script").count() == 0
    _check(page)
    context.close()

"""The pages anyone can reach before signing in: accessible, and usable on a 360-px phone."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = ["/", "/help/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_it_has_no_wcag_violations_on_a_phone(live_server, page, assert_accessible, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + path)
    assert_accessible(page)
    # No sideways scrolling at 360 px (WCAG 1.4.10 reflow).
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_it_lets_a_keyboard_user_skip_to_the_content(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_it_allows_pasting_into_the_sign_in_fields(live_server, page):
    """WCAG 3.3.8: no cognitive test at sign in; password managers and paste work."""
    page.goto(live_server.url + "/accounts/login/")
    assert page.locator("#id_login").get_attribute("autocomplete") == "email"
    assert page.locator("#id_password").get_attribute("autocomplete") == "current-password"

"""Marking a notification read with htmx updates the unread count in the menu too."""

import pytest
from django.conf import settings

from coopcare.notifications.models import Notification
from tests.browser.conftest import (
    axe_violations,
    browser_type_launch_args,  # noqa: F401  (a fixture)
)
from tests.conftest import client_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_menu_count_goes_down_as_notifications_are_read(live_server, browser, alice):
    for title in ("First news", "Second news"):
        Notification.objects.create(recipient=alice, kind="membership.decided", title=title)
    context = browser.new_context(bypass_csp=True, locale="en-GB")
    session = client_for(alice).cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/notifications/")
    badge = page.locator("#unread-badge")
    assert badge.inner_text().strip().startswith("2")
    page.get_by_role("button", name="Mark as read").first.click()
    page.wait_for_function(
        "document.querySelector('#unread-badge').innerText.trim().startsWith('1')"
    )
    assert axe_violations(page) == []
    page.get_by_role("button", name="Mark as read").first.click()
    page.wait_for_function("document.querySelector('#unread-badge').innerText.trim() === ''")
    context.close()

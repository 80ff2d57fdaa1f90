"""The discussion in a real browser on a 360-px phone: start a thread on the owner's behalf,
reply, change a reply, withdraw it — accessible at every step."""

import pytest

from tests.discussion.browser import check, phone_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_representative_talks_with_the_team(live_server, browser, team, worker, representative):
    page = phone_page(browser, live_server, representative)
    page.goto(f"{live_server.url}/teams/{team.pk}/discussion/")
    check(page)
    page.get_by_role("button", name="Start the thread").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    check(page)

    page.get_by_label("Title").fill("Quiet mornings")
    page.get_by_label("First message").fill("Olive would like quiet mornings.")
    page.get_by_label("Post this on behalf of Olive Oyelaran").check()
    page.get_by_role("button", name="Start the thread").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Quiet mornings"
    assert "on behalf of" in page.get_by_role("heading", level=3).first.inner_text()
    check(page)

    page.get_by_label("Your message").fill("And from me: thank you all.")
    page.get_by_role("button", name="Post the reply").click()
    page.wait_for_load_state()
    assert "And from me: thank you all." in page.content()

    page.get_by_role("link", name="Change this message").last.click()
    page.wait_for_load_state()
    check(page)
    page.get_by_label("Message").fill("And from me: thanks, everyone.")
    page.get_by_role("button", name="Save the change").click()
    page.wait_for_load_state()
    assert "thanks, everyone." in page.content()

    page.get_by_role("link", name="Withdraw this message").last.click()
    page.wait_for_load_state()
    check(page)
    page.get_by_role("button", name="Withdraw the message").click()
    page.wait_for_load_state()
    assert "Withdrawn by the author." in page.content()
    check(page)
    page.context.close()

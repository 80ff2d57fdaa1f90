"""Sharing Stuff in a real browser on a 360-px phone: Fay raises a concern, the Coach moves it
on, Fay reads the note for her — accessible at every step."""

import pytest

from tests.discussion.browser import check, phone_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_concern_goes_from_the_form_to_the_coach_and_back(
    live_server, browser, team, family, coach
):
    page = phone_page(browser, live_server, family)
    page.goto(f"{live_server.url}/concerns/new/?team={team.pk}")
    check(page)
    page.get_by_role("button", name="Send it").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    check(page)
    page.get_by_label("What happened?").fill("Visits keep starting late.")
    page.get_by_label("Not sure").check()
    page.get_by_role("group", name="Would you like a reply?").get_by_label("Yes").check()
    page.get_by_role("group", name="Can we share your name").get_by_label("No").check()
    page.get_by_role("button", name="Send it").click()
    page.wait_for_load_state()
    assert "Concern raised on" in page.get_by_role("heading", level=1).inner_text()
    check(page)

    handler = phone_page(browser, live_server, coach)
    handler.goto(f"{live_server.url}/concerns/")
    check(handler)
    handler.get_by_role("row").nth(1).get_by_role("link").click()
    handler.wait_for_load_state()
    assert "Someone in the team" in handler.content()
    handler.get_by_label("State", exact=True).select_option("outcome")
    handler.get_by_label("Note", exact=True).fill("Spoke to the team.")
    handler.get_by_role("button", name="Add the entry").click()
    handler.wait_for_load_state()
    assert "Describe the outcome." in handler.content()
    check(handler)
    handler.get_by_label("State", exact=True).select_option("exploring")
    handler.get_by_label("Note", exact=True).fill("We are looking into it with the team.")
    handler.get_by_label("Show this note to the person who raised it").check()
    handler.get_by_role("button", name="Add the entry").click()
    handler.wait_for_load_state()
    check(handler)

    page.goto(f"{live_server.url}/concerns/mine/")
    check(page)
    page.get_by_role("row").nth(1).get_by_role("link").click()
    page.wait_for_load_state()
    assert "We are looking into it with the team." in page.content()
    check(page)
    page.context.close()
    handler.context.close()

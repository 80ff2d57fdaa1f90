"""The support-profile pages in a real browser on a 360-px phone: each accessible (axe-core,
WCAG 2.2 AA), nothing wider than the screen, and every action done with the keyboard-reachable
forms alone."""

import pytest
from django.conf import settings

from coopcare.supportprofiles.models import GettingSupportProfile, GivingSupportProfile
from tests.browser.conftest import axe_violations
from tests.conftest import client_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page) -> None:
    assert axe_violations(page) == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def _phone(browser, live_server, person):
    context = browser.new_context(
        bypass_csp=True, locale="en-GB", viewport={"width": 360, "height": 740}
    )
    session = client_for(person).cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context


def test_the_owner_writes_and_shares_their_profile_on_a_phone(
    live_server, browser, owner, team, worker
):
    context = _phone(browser, live_server, owner)
    page = context.new_page()
    page.goto(f"{live_server.url}/support-profiles/team/{team.pk}/")
    _check(page)

    page.get_by_role("link", name="Change “Essentials”").click()
    _check(page)
    page.get_by_label("Where the MAR chart is kept").fill("Kitchen drawer")
    page.get_by_role("button", name="Save").click()
    assert "Kitchen drawer" in page.content()

    page.get_by_role("link", name="Choose who can see each section").click()
    _check(page)
    essentials = page.locator("#section-essentials")
    essentials.get_by_label("My team", exact=True).check()
    essentials.get_by_role("button", name="Save").click()
    assert "Saved: who can see “Essentials”." in page.content()

    page.goto(f"{live_server.url}/support-profiles/team/{team.pk}/contacts/add/")
    _check(page)
    context.close()
    assert GettingSupportProfile.objects.get(team=team).mar_chart_location == "Kitchen drawer"

    context = _phone(browser, live_server, worker)
    page = context.new_page()
    page.goto(f"{live_server.url}/support-profiles/team/{team.pk}/")
    assert "Kitchen drawer" in page.content()
    _check(page)
    context.close()


def test_a_worker_writes_their_giving_support_profile_on_a_phone(live_server, browser, worker):
    context = _phone(browser, live_server, worker)
    page = context.new_page()
    page.goto(f"{live_server.url}/support-profiles/giving/")
    _check(page)
    page.get_by_role("link", name="Write my Giving Support Profile").click()
    _check(page)
    page.get_by_label("My hourly rate, in pounds").fill("21.555")
    page.get_by_role("button", name="Save my profile").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    _check(page)
    page.get_by_label("My hourly rate, in pounds").fill("21.55")
    page.get_by_label("Companionship").check()
    page.locator("fieldset", has_text="Monday").get_by_label("Morning").check()
    page.get_by_role("button", name="Save my profile").click()
    assert "£21.55 an hour" in page.content()
    _check(page)
    page.get_by_role("link", name="Add a qualification").click()
    _check(page)
    context.close()
    profile = GivingSupportProfile.objects.get(person=worker)
    assert (profile.hourly_rate_pence, profile.availability) == (2155, ["monday-morning"])

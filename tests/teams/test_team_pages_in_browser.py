"""Joining, a trial and leaving, in a real browser on a 360-px phone: every page accessible
(axe, WCAG 2.2 AA) and nothing wider than the screen. (That each action works without
JavaScript is shown by the page tests beside this file, which post the same forms.)"""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from coopcare.teams.models import TeamMember
from tests.browser.conftest import axe_violations
from tests.conftest import client_for
from tests.factories import HatFactory, hat_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _phone(browser, live_server, person):
    context = browser.new_context(
        bypass_csp=True,
        locale="en-GB",
        viewport={"width": 360, "height": 740},
    )
    session = client_for(person).cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page = context.new_page()
    # Say yes to the "are you sure?" questions that data-confirm asks.
    page.on("dialog", lambda dialog: dialog.accept())
    return page


def _check(page) -> None:
    assert axe_violations(page) == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_invite_trial_join_and_leave_on_a_phone(
    live_server, browser, owner, team, outsider, worker
):
    HatFactory(holder=worker, circle=team.circle, hat_type=hat_type("rota-holder"))
    olive = _phone(browser, live_server, owner)
    olive.goto(f"{live_server.url}/teams/{team.pk}/")
    _check(olive)
    olive.get_by_role("link", name="Invite someone").click()
    _check(olive)
    olive.get_by_label("Their email address").fill(outsider.email)
    olive.get_by_label("Independent worker").check()
    olive.get_by_label("Start with a trial").check()
    olive.get_by_label("Number of trial sessions").fill("2")
    olive.get_by_role("button", name="Send the invitation").click()
    assert "Invitation sent to otto@example.org." in olive.content()
    _check(olive)

    otto = _phone(browser, live_server, outsider)
    otto.goto(f"{live_server.url}/teams/invitations/")
    _check(otto)
    otto.get_by_role("link", name="Invitation to join Team Olive Oyelaran").click()
    _check(otto)
    otto.get_by_role("button", name="Yes, start the trial").click()
    assert otto.get_by_role("heading", level=1).inner_text() == "Team Olive Oyelaran"
    otto.get_by_role("link", name="See your trial").click()
    _check(otto)

    olive.goto(f"{live_server.url}/teams/{team.pk}/")
    olive.get_by_role("link", name="About the trial").click()
    olive.get_by_role("button", name="The sessions are done: ask both sides how it went").click()
    olive.get_by_role("link", name="Say how it went").click()
    _check(olive)
    olive.get_by_label("Yes").check()
    olive.get_by_role("button", name="Send my answer").click()

    otto.reload()
    otto.get_by_role("link", name="Say how it went").click()
    otto.get_by_label("Yes").check()
    otto.get_by_role("button", name="Send my answer").click()
    assert TeamMember.objects.get(team=team, person=outsider).status == "member"

    wren = _phone(browser, live_server, worker)
    wren.goto(f"{live_server.url}/teams/{team.pk}/")
    wren.get_by_role("link", name="Give notice that you are leaving").click()
    _check(wren)
    day = timezone.localdate() + datetime.timedelta(days=14)
    wren.get_by_label("Your leaving date").fill(day.isoformat())
    wren.get_by_label("A farewell message").fill("Thank you, all of you.")
    wren.get_by_role("button", name="Give notice").click()
    assert "Rota Holder" in wren.content()
    _check(wren)
    wren.get_by_role("button", name="Take off the Rota Holder hat").click()
    wren.get_by_role("link", name="Leave now, before the date").click()
    _check(wren)
    wren.get_by_role("button", name="Leave today").click()
    assert TeamMember.objects.get(team=team, person=worker).status == "left"
    _check(wren)

    olive.goto(f"{live_server.url}/teams/{team.pk}/")
    assert "Thank you, all of you." in olive.content()
    _check(olive)
    olive.get_by_role("link", name="Who acts for the owner").click()
    _check(olive)

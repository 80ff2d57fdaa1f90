"""A lapsed medicines competence, in a real browser on a 360-px phone: it blocks the one
appointment that includes help with medicines, with a clear message and a way to fix it, while
the other can be joined; the Coach opens the training matrix and sees it expired. Every page is
accessible (axe, WCAG 2.2 AA) and nothing is wider than the screen."""

import pytest

from coopcare.supportprofiles.models import GivingSupportProfile
from coopcare.visits.models import Attendee
from tests.browser.conftest import (
    browser_type_launch_args,  # noqa: F401  (a fixture)
)
from tests.discussion.browser import check, phone_page
from tests.factories import make_team_ready
from tests.learning.conftest import days_ago, learned
from tests.visits.conftest import at, book

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lapsed_competence_blocks_one_visit_and_the_coach_sees_it(
    live_server, browser, team, owner, worker, coach
):
    make_team_ready(team)
    GivingSupportProfile.objects.create(person=worker, support_kinds=["medicines", "companionship"])
    learned(worker, "medicines-support", days_ago(100))
    learned(worker, "medicines-competence", days_ago(400), observed=True)
    medicines = book(owner, team, [worker], start=at(3, 8), kinds=["medicines"], title="Pills")
    walk = book(owner, team, [worker], start=at(4, 14), kinds=["companionship"], title="A walk")

    wren = phone_page(browser, live_server, worker)
    wren.goto(f"{live_server.url}/visits/{medicines.pk}/")
    assert wren.get_by_role("heading", name="You cannot give this support yet").is_visible()
    assert "Medicines support: competence observed expired on" in wren.content()
    assert wren.get_by_role("button", name="Join").count() == 0
    assert wren.get_by_role("link", name="See your learning and find a session").is_visible()
    check(wren)

    wren.goto(f"{live_server.url}/visits/{walk.pk}/")
    wren.get_by_role("button", name="Join").click()
    assert "You have joined" in wren.content()
    check(wren)
    assert Attendee.objects.get(appointment=walk, person=worker).holds_time
    assert not Attendee.objects.get(appointment=medicines, person=worker).holds_time

    # Olive, who arranges her visits, sees why Wren cannot join the first.
    olive = phone_page(browser, live_server, owner)
    olive.goto(f"{live_server.url}/visits/{medicines.pk}/")
    assert "Cannot give this support yet:" in olive.content()
    check(olive)

    cora = phone_page(browser, live_server, coach)
    cora.goto(f"{live_server.url}/learning/circles/{team.local_circle_id}/matrix/")
    assert cora.get_by_role("heading", name="Training matrix of Leeds Circle").is_visible()
    row = cora.get_by_role("row").filter(has_text="Wren Walker")
    expired = row.locator("td.matrix-expired")
    assert expired.count() == 1
    assert expired.first.get_attribute("title").startswith("Expired on")
    assert "Expired" in expired.first.inner_text() or expired.first.inner_text() == "Exp"
    check(cora)
    # Only the people with gaps, through the form.
    cora.get_by_label("Show").select_option("gaps")
    cora.get_by_role("button", name="Show").click()
    assert cora.get_by_role("row").filter(has_text="Wren Walker").count() == 1
    check(cora)

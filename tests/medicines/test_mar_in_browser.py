"""The MAR on a 360-px phone: the MAR Holder keeps the list, Wren records the morning doses at
her visit — accessible, and without sideways scrolling, at every step."""

import pytest

from tests.discussion.browser import check, phone_page
from tests.medicines.conftest import DAY, local

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_mar_from_the_list_to_a_recorded_dose(
    live_server, browser, clock, ready_team, visit, worker, mar_holder, metformin
):
    base = f"{live_server.url}/teams/{ready_team.pk}/medicines/"
    keeper = phone_page(browser, live_server, mar_holder)
    keeper.goto(base)
    check(keeper)
    keeper.get_by_role("link", name="Add a medicine").click()
    keeper.wait_for_load_state()
    keeper.get_by_label("Medicine", exact=True).fill("Insulin")
    keeper.get_by_label("Dose", exact=True).fill("10 units")
    keeper.get_by_label("Times each day").fill("08:00, 25:00")
    keeper.get_by_role("button", name="Add it to the list").click()
    keeper.wait_for_load_state()
    assert keeper.locator(".error-summary").is_visible()
    check(keeper)
    keeper.get_by_label("Times each day").fill("08:00")
    keeper.get_by_label("Time-critical").check()
    keeper.get_by_role("button", name="Add it to the list").click()
    keeper.wait_for_load_state()
    assert "Insulin is on the list." in keeper.content()
    keeper.get_by_role("link", name="Stop Metformin").click()
    keeper.wait_for_load_state()
    check(keeper)
    keeper.context.close()

    clock.move_to(local(DAY, 8, 5))
    giver = phone_page(browser, live_server, worker)
    giver.goto(f"{base}record/?day={DAY.isoformat()}")
    check(giver)
    dose = giver.locator(".card", has_text="Insulin")
    dose.get_by_label("Refused").check()
    dose.get_by_role("button", name="Record this dose").click()
    giver.wait_for_load_state()
    assert "Say why the dose was refused or not given." in giver.content()
    check(giver)
    giver.get_by_label("Reason, if it was not given").fill("Said she had already had it")
    giver.get_by_role("button", name="Record this dose").click()
    giver.wait_for_load_state()
    assert "Recorded: Insulin due at 08:00" in giver.content()
    assert giver.locator(".card", has_text="Insulin").get_by_text("Refused").is_visible()
    check(giver)
    giver.context.close()

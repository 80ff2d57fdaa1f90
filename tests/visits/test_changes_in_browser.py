"""Changes, cancelling and open slots in a real browser on a 360-px phone: a worker asks to move
a visit, the owner agrees, the owner cancels another, a worker takes an open slot — accessible
at every step, with no sideways scrolling."""

import pytest

from coopcare.visits.models import Appointment, ChangeRequest
from coopcare.visits.services.booking import join_appointment
from tests.browser.conftest import (
    browser_type_launch_args,  # noqa: F401  (a fixture)
)
from tests.discussion.browser import check, phone_page
from tests.visits.conftest import at, book

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_move_is_asked_and_agreed_on_a_phone(live_server, browser, ready_team, owner, worker):
    appointment = book(owner, ready_team, [worker], start=at(5, 10))
    join_appointment(worker, appointment)

    page = phone_page(browser, live_server, worker)
    page.goto(f"{live_server.url}/visits/{appointment.pk}/")
    page.get_by_role("link", name="Ask to move or cancel").click()
    page.wait_for_load_state()
    check(page)
    page.get_by_role("button", name="Ask everyone").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    check(page)
    page.get_by_role("radio", name="Move it").check()
    page.get_by_label("New date").fill(at(6, 14).date().isoformat())
    page.get_by_label("New start time").fill("14:00")
    page.get_by_label("New end time").fill("15:00")
    page.get_by_label("Why?").fill("I have a clinic appointment in the morning.")
    page.get_by_role("button", name="Ask everyone").click()
    page.wait_for_load_state()
    assert "Withdraw this request" in page.content()
    check(page)
    page.context.close()

    page = phone_page(browser, live_server, owner)
    page.goto(f"{live_server.url}/visits/{appointment.pk}/")
    page.get_by_role("link", name="See who has answered, and answer").click()
    page.wait_for_load_state()
    check(page)
    page.get_by_role("radio", name="Yes, that works for me").check()
    page.get_by_role("button", name="Send answer").click()
    page.wait_for_load_state()
    assert "Everyone agreed" in page.content()
    check(page)
    page.context.close()
    assert ChangeRequest.objects.get().status == "agreed"
    assert Appointment.objects.get(pk=appointment.pk).starts_at == at(6, 14)


def test_the_owner_cancels_and_a_worker_takes_a_slot_on_a_phone(
    live_server, browser, ready_team, owner, worker
):
    appointment = book(owner, ready_team, [worker], start=at(1, 10))
    slot = book(owner, ready_team, [], start=at(3, 10), open_slot=True, title="Shopping trip")

    page = phone_page(browser, live_server, owner)
    page.goto(f"{live_server.url}/visits/{appointment.pk}/")
    check(page)
    page.get_by_role("link", name="Cancel this appointment").click()
    page.wait_for_load_state()
    assert "late cancellation" in page.content()
    check(page)
    page.get_by_label("Why are you cancelling?").fill("I'm staying with my sister.")
    page.get_by_role("button", name="Cancel the appointment").click()
    page.wait_for_load_state()
    assert "Cancelled. Everyone in the appointment has been told." in page.content()
    check(page)
    page.context.close()

    page = phone_page(browser, live_server, worker)
    page.goto(f"{live_server.url}/visits/teams/{ready_team.pk}/open-slots/")
    check(page)
    page.get_by_role("button", name="Take this slot").click()
    page.wait_for_load_state()
    assert "It is yours." in page.content()
    check(page)
    page.context.close()
    assert Appointment.objects.get(pk=slot.pk).status == "confirmed"

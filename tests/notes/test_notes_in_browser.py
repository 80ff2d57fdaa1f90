"""Care notes in a real browser on a 360-px phone: a worker writes a health note with a photo,
the owner reads it, the worker withdraws it — accessible at every step."""

import pytest

from tests.discussion.browser import check, phone_page
from tests.notes.conftest import PNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_writes_a_health_note_the_owner_reads_it(
    live_server, browser, team, owner, worker, volunteer, tmp_path
):
    page = phone_page(browser, live_server, worker)
    page.goto(f"{live_server.url}/teams/{team.pk}/notes/")
    check(page)
    page.get_by_role("link", name="Write a note").click()
    page.wait_for_load_state()
    check(page)
    page.get_by_role("button", name="Save the note").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    check(page)

    photo = tmp_path / "rash.png"
    photo.write_bytes(PNG)
    page.get_by_label("Title").fill("A rash on the left arm")
    page.get_by_role("radio", name="Health", exact=True).check()
    page.get_by_label("The note").fill("Red, not itchy. Keep an eye on it tomorrow.")
    page.get_by_label("Files").set_input_files(str(photo))
    page.get_by_role("button", name="Save the note").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "A rash on the left arm"
    assert "the paid workers in the team" in page.content()
    check(page)
    page.context.close()

    page = phone_page(browser, live_server, owner)
    page.goto(f"{live_server.url}/teams/{team.pk}/notes/")
    check(page)
    page.get_by_role("link", name="A rash on the left arm").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="rash.png").is_visible()
    check(page)
    page.context.close()

    page = phone_page(browser, live_server, volunteer)
    page.goto(f"{live_server.url}/teams/{team.pk}/notes/")
    assert "A rash on the left arm" not in page.content()
    check(page)
    page.context.close()

    page = phone_page(browser, live_server, worker)
    page.goto(f"{live_server.url}/teams/{team.pk}/notes/")
    page.get_by_role("link", name="A rash on the left arm").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Withdraw this note").click()
    page.wait_for_load_state()
    check(page)
    page.get_by_role("button", name="Withdraw the note").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Withdrawn by the author"
    check(page)
    page.context.close()

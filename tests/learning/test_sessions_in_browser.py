"""Anyone can teach, in a real browser on a 360-px phone: Fay (family, in Olive's team) offers a
fire safety session, Wren (the team's worker, who has none recorded) books and comes, Fay
completes it, and the Coach's training matrix shows Wren's fire safety in date. Every page is
checked with axe-core (WCAG 2.2 AA) and must fit the phone's width."""

import datetime
import re

import pytest
from django.utils import timezone

from coopcare.learning.models import LearningRecord, LearningSession
from tests.browser.conftest import (
    axe_violations,
    browser_type_launch_args,  # noqa: F401  (a fixture)
)
from tests.discussion.browser import check, phone_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _matrix_cell(page, person: str, topic: str) -> str:
    """The words of one cell of the training matrix (its title, which a screen reader also
    reads): the row of ``person``, the column of ``topic``."""
    return page.evaluate(
        """([person, topic]) => {
            const named = th => th.textContent.trim() === topic;
            const table = [...document.querySelectorAll('table')]
                .find(t => [...t.querySelectorAll('thead th')].some(named));
            const column = [...table.querySelectorAll('thead th')].findIndex(named);
            const row = [...table.querySelectorAll('tbody tr')]
                .find(tr => tr.querySelector('th').textContent.includes(person));
            const cell = row.children[column];
            return (cell.getAttribute('title') || cell.textContent).trim();
        }""",
        [person, topic],
    )


def test_a_family_member_teaches_and_the_matrix_turns_green(
    live_server, browser, team, owner, family, worker, coach, leeds_circle, time_machine
):
    assert not LearningRecord.objects.filter(person=worker, topic_slug="fire-safety").exists()
    day = timezone.localdate() + datetime.timedelta(days=2)

    # Fay offers a session for her team, on her phone. A mistake shows the error summary first.
    fay = phone_page(browser, live_server, family)
    fay.goto(f"{live_server.url}/learning/sessions/")
    check(fay)
    fay.get_by_role("link", name="Offer a session").click()
    check(fay)
    fay.get_by_role("button", name="Offer it").click()
    assert "There is a problem" in fay.content()
    check(fay)
    fay.get_by_label("Kind of session").select_option(label="Buddy meeting")
    fay.get_by_label("Title").fill("Fire safety at Olive's")
    fay.get_by_label("Fire safety", exact=True).check()
    fay.get_by_label("In a team").check()
    fay.get_by_label(re.compile(r"^Team")).select_option(label=team.name)
    fay.get_by_label("Where exactly").fill("Olive's kitchen")
    fay.get_by_label("Postcode district").fill("ls7")
    fay.get_by_label("Date").fill(day.isoformat())
    fay.get_by_label("Starts at").fill("18:00")
    fay.get_by_label("Ends at").fill("19:30")
    fay.get_by_label("Places").fill("4")
    fay.get_by_role("button", name="Offer it").click()
    assert "Your session is offered" in fay.content()
    assert axe_violations(fay) == []
    check(fay)
    session = LearningSession.objects.get()
    assert session.team == team and session.offered_by == family
    fay.context.close()

    # Wren finds it first in the list, in his team, and books a place.
    wren = phone_page(browser, live_server, worker)
    wren.goto(f"{live_server.url}/learning/sessions/")
    assert wren.get_by_role("heading", name="In your team").is_visible()
    check(wren)
    wren.get_by_role("link", name="Fire safety at Olive's").click()
    check(wren)
    wren.get_by_role("button", name="Book a place").click()
    assert "You have a place." in wren.content()
    check(wren)
    wren.context.close()

    # The session happens: Fay marks who came, then completes it once it has ended.
    time_machine.move_to(session.starts_at + datetime.timedelta(minutes=10), tick=True)
    fay = phone_page(browser, live_server, family)
    fay.goto(f"{live_server.url}/learning/sessions/{session.pk}/")
    fay.get_by_role("link", name="Mark who came").click()
    check(fay)
    fay.get_by_role("group", name="Wren Walker").get_by_label("Came", exact=True).check()
    fay.get_by_role("button", name="Save attendance").click()
    assert "Attendance is saved." in fay.content()
    fay.context.close()

    time_machine.move_to(session.ends_at + datetime.timedelta(minutes=10), tick=True)
    fay = phone_page(browser, live_server, family)
    fay.goto(f"{live_server.url}/learning/sessions/{session.pk}/")
    fay.get_by_role("link", name="Complete it").click()
    check(fay)
    fay.get_by_role("button", name="Complete the session").click()
    assert "everyone who came has it recorded" in fay.content()
    check(fay)
    fay.context.close()
    record = LearningRecord.objects.get(person=worker, topic_slug="fire-safety")
    assert record.session == session and record.facilitator == family

    # The Coach's training matrix now shows Wren's fire safety in date.
    cora = phone_page(browser, live_server, coach)
    cora.goto(f"{live_server.url}/learning/circles/{leeds_circle.pk}/matrix/?q=Wren")
    assert axe_violations(cora) == []
    assert _matrix_cell(cora, "Wren Walker", "Fire safety").startswith("In date")
    cora.context.close()

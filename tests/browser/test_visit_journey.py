"""The team's week in a real browser on a 360-px phone: the Rota Holder books a weekly visit, a
worker joins it, a move is asked and consented, the visit happens, and both sides confirm the
care log. Every page is checked with axe-core (WCAG 2.2 AA) and for sideways scrolling."""

import datetime

import pytest
from django.utils import timezone

from coopcare.supportprofiles.models import GivingSupportProfile
from coopcare.teams.models import TeamMember
from coopcare.visits.models import Appointment, CareLog, ChangeRequest, Series
from coopcare.visits.services.care_logs import open_care_logs
from tests.conftest import _member
from tests.discussion.browser import check, phone_page
from tests.factories import HatFactory, hat_type, make_team_ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page) -> None:
    page.wait_for_load_state()
    check(page)


def test_a_week_of_support_on_a_phone(live_server, browser, team, owner, worker, time_machine):
    make_team_ready(team)
    GivingSupportProfile.objects.create(person=worker, travel_minutes=15, hourly_rate_pence=1800)
    rosa = _member(email="rosa@example.org", profile__name="Rosa Reid")
    TeamMember.objects.create(team=team, person=rosa, kind="family_friend")
    HatFactory(holder=rosa, circle=team.circle, hat_type=hat_type("rota-holder"))
    monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())

    # The Rota Holder books a weekly visit from the team calendar.
    page = phone_page(browser, live_server, rosa)
    page.goto(f"{live_server.url}/teams/{team.pk}/")
    page.get_by_role("link", name="Calendar", exact=True).click()
    _check(page)
    page.goto(f"{live_server.url}/visits/teams/{team.pk}/book/")
    page.get_by_role("link", name="Book a regular, repeating visit instead").click()
    _check(page)
    page.get_by_label("What it is").fill("Morning visit")
    page.get_by_label("First day").fill(monday.isoformat())
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Ends at").fill("11:00")
    page.get_by_role("radio", name="Every week, on the days chosen below").check()
    page.get_by_role("checkbox", name="Monday").check()
    page.get_by_role("radio", name="After a number of visits").check()
    page.locator("#id_times").fill("6")
    page.get_by_role("radio", name="At home").check()
    page.get_by_role("checkbox", name="Companionship").check()
    page.get_by_role("group", name="Who gives support").get_by_label("Wren Walker").check()
    page.get_by_role("button", name="Make the repeating visit").click()
    _check(page)
    series = Series.objects.get()
    assert series.appointments.count() == 6
    page.context.close()

    # Wren joins every visit of it.
    page = phone_page(browser, live_server, worker)
    page.goto(f"{live_server.url}/visits/series/{series.pk}/")
    _check(page)
    page.get_by_role("button", name="Join all the visits I am asked to").click()
    _check(page)
    first = series.appointments.order_by("starts_at").first()
    assert Appointment.objects.get(pk=first.pk).status == "confirmed"

    # Wren asks to move the first visit to the afternoon; Olive agrees.
    page.goto(f"{live_server.url}/visits/{first.pk}/")
    page.get_by_role("link", name="Ask to move or cancel").click()
    _check(page)
    page.get_by_role("radio", name="Move it").check()
    page.get_by_label("New date").fill(monday.isoformat())
    page.get_by_label("New start time").fill("14:00")
    page.get_by_label("New end time").fill("15:00")
    page.get_by_label("Why?").fill("I have a clinic appointment in the morning.")
    page.get_by_role("button", name="Ask everyone").click()
    _check(page)
    page.context.close()

    page = phone_page(browser, live_server, owner)
    page.goto(f"{live_server.url}/visits/{first.pk}/")
    page.get_by_role("link", name="See who has answered, and answer").click()
    _check(page)
    page.get_by_role("radio", name="Yes, that works for me").check()
    page.get_by_role("button", name="Send answer").click()
    _check(page)
    assert ChangeRequest.objects.get().status == "agreed"
    moved = Appointment.objects.get(pk=first.pk)
    assert timezone.localtime(moved.starts_at).hour == 14
    page.context.close()

    # The visit happens; the care log opens; both sides confirm it.
    time_machine.move_to(moved.ends_at + datetime.timedelta(minutes=5), tick=True)
    assert open_care_logs() == 1
    log = CareLog.objects.get(appointment=moved)
    for person in (worker, owner):
        page = phone_page(browser, live_server, person)
        page.goto(f"{live_server.url}/visits/logs/waiting/")
        _check(page)
        page.goto(f"{live_server.url}/visits/logs/{log.pk}/")
        _check(page)
        page.get_by_role("button", name="Yes, confirm the log").click()
        _check(page)
        page.context.close()
    assert CareLog.objects.get(pk=log.pk).status == "confirmed"

"""The team calendar and my calendar: who sees them, the week and list views, and a query count
that does not grow with the number of appointments."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coopcare.teams.services.starting import start_team
from coopcare.visits import calendar
from coopcare.visits.services.booking import decline_appointment, join_appointment
from tests.factories import make_team_ready
from tests.visits.conftest import at, book


def team_url(team, **query) -> str:
    url = reverse("visits:team_calendar", args=[team.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def next_monday() -> datetime.date:
    return calendar.monday_of(calendar.today()) + datetime.timedelta(days=7)


def on(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return calendar.local_datetime(day, datetime.time(hour, minute), "start_time")


def test_signed_out_visitors_are_sent_to_sign_in(client, ready_team):
    assert client.get(team_url(ready_team)).status_code == 302
    assert client.get(reverse("visits:my_calendar")).status_code == 302


@pytest.mark.parametrize("persona", ["owner", "worker", "family", "representative", "team_starter"])
def test_the_team_and_its_supporters_see_the_team_calendar(request, as_person, ready_team, persona):
    person = request.getfixturevalue(persona)
    assert as_person(person).get(team_url(ready_team)).status_code == 200


def test_an_outsider_gets_404_and_so_does_an_unknown_team(as_person, ready_team, outsider, owner):
    assert as_person(outsider).get(team_url(ready_team)).status_code == 404
    unknown = reverse("visits:team_calendar", args=[ready_team.pk + 999])
    assert as_person(owner).get(unknown).status_code == 404


def test_the_week_shows_each_appointment_with_its_givers_and_answers(
    as_person, ready_team, owner, worker, volunteer
):
    monday = next_monday()
    first = book(owner, ready_team, [worker, volunteer], start=on(monday, 9), title="Breakfast")
    join_appointment(worker, first)
    book(owner, ready_team, [], start=on(monday + datetime.timedelta(days=2), 14), open_slot=True)
    response = as_person(owner).get(team_url(ready_team, week=monday.isoformat()))
    html = response.content.decode()
    assert "09:00–10:00 · Breakfast" in html
    assert "Wren Walker (joined)" in html
    assert "Vic Vaughan (asked to join)" in html
    assert "Waiting for givers to join" in html
    assert "Open slot: offered to the team" in html
    assert html.count("Nothing booked.") == 5
    # Seven days, Monday first, each its own heading (stacked on a phone: one list of days).
    assert response.context["days"][0].date == monday
    assert len(response.context["days"]) == 7


def test_previous_next_and_this_week_links_move_by_a_week(as_person, ready_team, owner):
    monday = next_monday()
    html = as_person(owner).get(team_url(ready_team, week=monday.isoformat())).content.decode()
    assert f"?week={(monday - datetime.timedelta(days=7)).isoformat()}" in html
    assert f"?week={(monday + datetime.timedelta(days=7)).isoformat()}" in html
    assert f'href="?week={calendar.monday_of(calendar.today()).isoformat()}"' in html


def test_any_day_of_the_week_or_a_bad_date_shows_a_whole_week(as_person, ready_team, owner):
    monday = next_monday()
    wednesday = (monday + datetime.timedelta(days=2)).isoformat()
    response = as_person(owner).get(team_url(ready_team, week=wednesday))
    assert response.context["monday"] == monday
    response = as_person(owner).get(team_url(ready_team, week="not-a-date"))
    assert response.context["monday"] == calendar.monday_of(calendar.today())
    assert response.context["is_this_week"]


def test_a_cancelled_appointment_is_shown_as_cancelled(as_person, ready_team, owner, worker):
    from coopcare.visits.services.booking import cancel

    appointment = book(owner, ready_team, [worker], start=on(next_monday(), 11))
    cancel(appointment, owner, "Olive is in hospital.", late=False)
    html = (
        as_person(worker).get(team_url(ready_team, week=next_monday().isoformat())).content.decode()
    )
    assert "Cancelled" in html


def test_only_those_who_arrange_see_the_book_link(
    as_person, ready_team, owner, worker, rota_holder
):
    book_url = reverse("visits:book", args=[ready_team.pk])
    assert book_url in as_person(owner).get(team_url(ready_team)).content.decode()
    assert book_url in as_person(rota_holder).get(team_url(ready_team)).content.decode()
    assert book_url not in as_person(worker).get(team_url(ready_team)).content.decode()


def test_the_list_shows_what_is_coming_up_25_at_a_time(as_person, ready_team, owner, worker):
    for n in range(27):
        book(owner, ready_team, [worker], start=at(1 + n, 10), title=f"Visit {n:02d}")
    response = as_person(owner).get(team_url(ready_team, view="list"))
    html = response.content.decode()
    assert "Visit 00" in html and "Visit 24" in html and "Visit 25" not in html
    assert "?view=list&amp;page=2" in html
    html = as_person(owner).get(team_url(ready_team, view="list", page=2)).content.decode()
    assert "Visit 25" in html and "Visit 26" in html


def test_a_name_not_shared_with_the_viewer_is_not_shown(as_person, ready_team, owner, worker):
    from coopcare.members.models import PrivacyChoice

    PrivacyChoice.objects.create(person=worker, section="name", audience="only_me")
    book(owner, ready_team, [worker], start=on(next_monday(), 9))
    html = (
        as_person(owner).get(team_url(ready_team, week=next_monday().isoformat())).content.decode()
    )
    assert "Wren Walker" not in html
    assert "Name not shared with you" in html


def test_my_calendar_shows_what_i_attend_across_teams_with_the_team_name(
    as_person, ready_team, owner, worker, alice
):
    other = make_team_ready(start_team(None, alice, ready_team.local_circle))
    from coopcare.teams.models import TeamMember

    TeamMember.objects.create(team=other, person=worker, kind="independent_worker")
    monday = next_monday()
    book(owner, ready_team, [worker], start=on(monday, 9), title="Breakfast")
    book(alice, other, [worker], start=on(monday, 14), title="Walk in the park")
    declined = book(owner, ready_team, [worker], start=on(monday, 18), title="Supper")
    decline_appointment(worker, declined)
    html = (
        as_person(worker)
        .get(reverse("visits:my_calendar") + f"?week={monday.isoformat()}")
        .content.decode()
    )
    assert "Breakfast" in html and "Walk in the park" in html
    assert "Supper" not in html
    assert ready_team.name in html and other.name in html
    assert "Waiting for your answer" in html


def test_my_calendar_list_and_nothing_for_someone_in_no_team(
    as_person, ready_team, owner, worker, bob
):
    book(owner, ready_team, [worker], start=at(3, 10), title="Breakfast")
    assert "Breakfast" in (
        as_person(worker).get(reverse("visits:my_calendar") + "?view=list").content.decode()
    )
    html = as_person(bob).get(reverse("visits:my_calendar") + "?view=list").content.decode()
    assert "Nothing is booked from now on." in html


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("view", ["week", "list"])
def test_the_calendars_cost_the_same_queries_for_2_or_20_appointments(
    as_person, ready_team, owner, worker, volunteer, view
):
    monday = next_monday()
    query = f"?view={view}&week={monday.isoformat()}"
    team_page = team_url(ready_team) + query
    mine = reverse("visits:my_calendar") + query

    def add(n: int, offset: int) -> None:
        for i in range(n):
            day = monday + datetime.timedelta(days=(offset + i) % 7)
            start = on(day, 6 + (offset + i) // 7)
            book(owner, ready_team, [worker, volunteer], start=start, minutes=30)

    add(2, 0)
    owner_client, worker_client = as_person(owner), as_person(worker)
    _count(owner_client, team_page)  # warm caches (content types, sessions)
    small = (_count(owner_client, team_page), _count(worker_client, mine))
    add(18, 2)
    large = (_count(owner_client, team_page), _count(worker_client, mine))
    assert small == large

"""The calendar feed: secret, regenerable, valid iCalendar, and no care details in it."""

import icalendar
import pytest
from django.urls import reverse

from coopcare.visits.feeds import feed_of
from coopcare.visits.services.booking import decline_appointment, join_appointment
from tests.visits.conftest import at, book


@pytest.fixture
def booked(ready_team, owner, worker):
    first = book(
        owner,
        ready_team,
        [worker],
        start=at(2, 10),
        title="Help with a bath",
        kinds=["personal_care"],
        place_detail="3 Elm Road",
    )
    join_appointment(worker, first)
    declined = book(owner, ready_team, [worker], start=at(3, 10), title="Shopping")
    decline_appointment(worker, declined)
    return first


def test_the_feed_parses_and_shows_time_place_and_team_only(client, booked, worker):
    url = reverse("visits:feed", args=[feed_of(worker).token])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1  # the declined one is not there
    event = events[0]
    assert event.decoded("dtstart") == booked.starts_at
    assert str(event["summary"]) == f"Visit: {booked.team.name}"
    assert "3 Elm Road" in str(event["location"])
    text = response.content.decode()
    assert "bath" not in text.lower() and "personal" not in text.lower()


def test_a_wrong_token_is_not_found(client, booked):
    assert client.get(reverse("visits:feed", args=["not-a-token"])).status_code == 404


def test_regenerating_stops_the_old_address(client, booked, worker):
    old = feed_of(worker).token
    client.force_login(worker)
    assert client.post(reverse("visits:feed_regenerate")).status_code == 302
    client.logout()
    assert client.get(reverse("visits:feed", args=[old])).status_code == 404
    assert client.get(reverse("visits:feed", args=[feed_of(worker).token])).status_code == 200


def test_the_settings_page_shows_my_address(client, worker):
    client.force_login(worker)
    response = client.get(reverse("visits:feed_settings"))
    assert feed_of(worker).token in response.content.decode()


def test_the_api_gives_and_regenerates_the_address(client, worker):
    client.force_login(worker)
    first = client.get("/api/me/calendar-feed").json()["url"]
    second = client.post("/api/me/calendar-feed/regenerate").json()["url"]
    assert first != second and second.endswith(".ics")
    client.logout()
    assert client.get("/api/me/calendar-feed").status_code == 401

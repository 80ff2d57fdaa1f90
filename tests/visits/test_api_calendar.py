"""The calendar API: the same services and the same refusals as the pages."""

import datetime
import json
from urllib.parse import urlencode

import pytest
from django.core.cache import cache

from coopcare.visits import calendar
from coopcare.visits.models import Appointment, Attendee
from coopcare.visits.services.booking import join_appointment
from tests.visits.conftest import at, book


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The API's rate limits live in the cache, keyed by account id; ids are reused between tests.
    cache.clear()
    yield
    cache.clear()


def post(client, url: str, body: dict | None = None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def team_url(team) -> str:
    return f"/api/teams/{team.pk}/appointments"


def week_query() -> str:
    start = at(0, 0)
    end = start + datetime.timedelta(days=7)
    # "+00:00" must be escaped in a query string, or "+" reads as a space.
    return "?" + urlencode({"start": start.isoformat(), "end": end.isoformat()})


def body(start: datetime.datetime, **extra) -> dict:
    data = {
        "title": "Morning visit",
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=1)).isoformat(),
        "place": "home",
        "support_kinds": ["companionship"],
    }
    data.update(extra)
    return data


@pytest.fixture
def appointment(ready_team, owner, worker):
    return book(owner, ready_team, [worker], start=at(2, 10), title="Breakfast")


def test_it_needs_credentials(client, ready_team, appointment):
    assert client.get(team_url(ready_team)).status_code == 401
    assert client.get("/api/me/appointments").status_code == 401
    assert client.get(f"/api/appointments/{appointment.pk}").status_code == 401


def test_the_team_calendar_lists_appointments_with_attendees(
    as_person, ready_team, appointment, family
):
    response = as_person(family).get(team_url(ready_team) + week_query())
    assert response.status_code == 200
    [item] = response.json()
    assert (item["id"], item["title"], item["status"]) == (appointment.pk, "Breakfast", "planned")
    assert item["team_name"] == ready_team.name
    assert item["attendees"] == [
        {
            "person": {"id": appointment.attendees.get().person_id, "name": "Wren Walker"},
            "role": "giver",
            "response": "invited",
            "decline_reason": "",
        }
    ]
    assert item["my_response"] is None


def test_the_team_calendar_defaults_to_this_week(as_person, ready_team, owner):
    book(owner, ready_team, [], start=at(14, 10), open_slot=True)
    assert as_person(owner).get(team_url(ready_team)).json() == []


def test_an_outsider_gets_404(as_person, ready_team, appointment, outsider):
    assert as_person(outsider).get(team_url(ready_team)).status_code == 404
    assert as_person(outsider).get(f"/api/appointments/{appointment.pk}").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "?start=2025-01-01T00:00:00Z&end=2025-03-05T00:00:00Z",  # 63 days
        "?start=2025-01-08T00:00:00Z&end=2025-01-01T00:00:00Z",  # backwards
        "?start=not-a-time",
    ],
)
def test_a_bad_range_is_422(as_person, ready_team, owner, query):
    assert as_person(owner).get(team_url(ready_team) + query).status_code == 422
    assert as_person(owner).get("/api/me/appointments" + query).status_code == 422


def test_62_days_is_fine_and_times_without_an_offset_are_uk_time(as_person, ready_team, owner):
    ok = "?start=2025-01-01T00:00:00Z&end=2025-03-04T00:00:00Z"
    assert as_person(owner).get(team_url(ready_team) + ok).status_code == 200
    appointment = book(owner, ready_team, [], start=at(2, 0, 30), open_slot=True)
    day = calendar.today() + datetime.timedelta(days=2)
    # Local midnight to 01:00: in summer that is 23:00–00:00 UTC the night before.
    query = f"?start={day.isoformat()}T00:00:00&end={day.isoformat()}T01:00:00"
    [item] = as_person(owner).get(team_url(ready_team) + query).json()
    assert item["id"] == appointment.pk


def test_my_calendar_shows_what_i_attend_with_my_answer(as_person, appointment, worker, owner):
    [item] = as_person(worker).get("/api/me/appointments" + week_query()).json()
    assert (item["id"], item["my_response"]) == (appointment.pk, "invited")
    assert as_person(owner).get("/api/me/appointments" + week_query()).json() == []


def test_one_appointment_for_the_team_and_those_attending(
    as_person, appointment, worker, family, team_starter
):
    for person in (worker, family, team_starter):
        response = as_person(person).get(f"/api/appointments/{appointment.pk}")
        assert response.status_code == 200
        assert response.json()["title"] == "Breakfast"
    assert as_person(worker).get("/api/appointments/99999").status_code == 404


def test_the_owner_books_and_the_giver_is_asked(as_person, ready_team, owner, worker):
    start = at(3, 9)
    response = post(
        as_person(owner),
        team_url(ready_team),
        body(start, giver_ids=[worker.pk], place_detail="Back door"),
    )
    assert response.status_code == 200, response.json()
    item = response.json()
    appointment = Appointment.objects.get(pk=item["id"])
    assert appointment.starts_at == start
    assert item["attendees"][0]["person"]["id"] == worker.pk
    assert item["place_detail"] == "Back door"


def test_a_time_without_an_offset_is_uk_wall_clock_time(as_person, ready_team, owner, worker):
    day = calendar.today() + datetime.timedelta(days=3)
    data = body(at(3, 9), giver_ids=[worker.pk])
    data["starts_at"], data["ends_at"] = f"{day}T09:00:00", f"{day}T10:00:00"
    item = post(as_person(owner), team_url(ready_team), data).json()
    assert Appointment.objects.get(pk=item["id"]).starts_at == at(3, 9)


def test_the_rota_holder_books_an_open_slot(as_person, ready_team, rota_holder):
    response = post(as_person(rota_holder), team_url(ready_team), body(at(3, 9), open_slot=True))
    assert response.status_code == 200
    assert response.json()["open_slot"] is True


def test_a_team_member_without_the_right_gets_403_and_an_outsider_404(
    as_person, ready_team, worker, family, outsider
):
    data = body(at(3, 9), giver_ids=[worker.pk])
    assert post(as_person(family), team_url(ready_team), data).status_code == 403
    assert post(as_person(worker), team_url(ready_team), data).status_code == 403
    assert post(as_person(outsider), team_url(ready_team), data).status_code == 404
    assert not Appointment.objects.exists()


def test_someone_outside_the_team_cannot_be_asked_and_is_not_named(
    as_person, ready_team, owner, outsider
):
    response = post(as_person(owner), team_url(ready_team), body(at(3, 9), giver_ids=[outsider.pk]))
    assert response.status_code == 400
    assert response.json()["field"] == "giver_ids"
    assert "Otto" not in response.json()["detail"]
    assert not Appointment.objects.exists()


def test_a_rule_error_names_the_api_field(as_person, ready_team, owner, volunteer):
    data = body(at(3, 9), giver_ids=[volunteer.pk], support_kinds=["personal_care"])
    response = post(as_person(owner), team_url(ready_team), data)
    assert response.status_code == 400
    assert response.json()["field"] == "giver_ids"
    assert "volunteer" in response.json()["detail"]


def test_a_badly_shaped_booking_is_422(as_person, ready_team, owner):
    response = post(as_person(owner), team_url(ready_team), {"title": "No times"})
    assert response.status_code == 422
    assert not Appointment.objects.exists()


def test_a_time_that_never_happens_is_refused(as_person, ready_team, owner, worker):
    from tests.visits.test_booking_pages import next_clock_change

    day = next_clock_change(3)
    data = body(at(3, 9), giver_ids=[worker.pk])
    data["starts_at"], data["ends_at"] = f"{day}T01:30:00", f"{day}T03:00:00"
    response = post(as_person(owner), team_url(ready_team), data)
    assert response.status_code == 400
    assert response.json()["field"] == "starts_at"
    assert not Appointment.objects.exists()


def test_a_giver_joins_then_a_clash_is_refused_and_nothing_is_saved(
    as_person, ready_team, owner, worker, appointment
):
    client = as_person(worker)
    response = post(client, f"/api/appointments/{appointment.pk}/join")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["my_response"]) == ("confirmed", "joined")
    other = book(owner, ready_team, [worker], start=at(2, 10, 30), title="Shopping")
    response = post(client, f"/api/appointments/{other.pk}/join")
    assert response.status_code == 400
    assert "already booked then: “Breakfast”" in response.json()["detail"]
    assert Attendee.objects.get(appointment=other).response == "invited"


def test_a_giver_declines_with_a_reason(as_person, appointment, worker):
    response = post(
        as_person(worker), f"/api/appointments/{appointment.pk}/decline", {"reason": "Away."}
    )
    assert response.status_code == 200
    [attendee] = response.json()["attendees"]
    assert (attendee["response"], attendee["decline_reason"]) == ("declined", "Away.")


def test_only_an_asked_giver_answers(as_person, appointment, family, outsider, worker):
    for action in ("join", "decline"):
        assert (
            post(as_person(family), f"/api/appointments/{appointment.pk}/{action}").status_code
            == 403
        )
        assert (
            post(as_person(outsider), f"/api/appointments/{appointment.pk}/{action}").status_code
            == 404
        )
    join_appointment(worker, appointment)
    again = post(as_person(worker), f"/api/appointments/{appointment.pk}/join")
    assert again.status_code == 400
    assert again.json()["detail"] == "You have already joined this appointment."


def test_a_range_off_the_end_of_time_is_422(as_person, owner, ready_team):
    query = "?" + urlencode({"start": "9999-12-31T12:00:00+00:00"})
    assert as_person(owner).get(team_url(ready_team) + query).status_code == 422

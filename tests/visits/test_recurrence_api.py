"""The series API: the same services and the same refusals as the pages."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.utils import timezone

from coopcare.visits.models import Appointment, Series
from coopcare.visits.services.booking import join_appointment
from tests.visits.conftest import at
from tests.visits.test_recurrence import make_series


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The API's rate limits live in the cache, keyed by account id; ids are reused between tests.
    cache.clear()
    yield
    cache.clear()


def send(client, url: str, body: dict | None = None, method: str = "post"):
    return getattr(client, method)(
        url, data=json.dumps(body or {}), content_type="application/json"
    )


def new_series(team, worker, **changes) -> dict:
    return {
        "title": "Morning visit",
        "rule": "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8",
        "first_start": at(1, 10).isoformat(),
        "duration_minutes": 60,
        "place": "home",
        "support_kinds": ["companionship"],
        "givers": [worker.pk],
        **changes,
    }


def test_the_rota_holder_makes_a_series(as_person, ready_team, rota_holder, worker):
    response = send(
        as_person(rota_holder), f"/api/teams/{ready_team.pk}/series", new_series(ready_team, worker)
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["rule"] == "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8"
    assert body["description"] == "Every week on Monday and Thursday, 10:00–11:00, 8 times"
    assert body["givers"] == [{"id": worker.pk, "name": "Wren Walker"}]
    assert len(body["upcoming"]) == 8
    assert {v["status"] for v in body["upcoming"]} == {"planned"}


def test_making_a_series_is_refused_to_the_wrong_people(
    as_person, ready_team, family, outsider, worker
):
    url = f"/api/teams/{ready_team.pk}/series"
    assert send(as_person(family), url, new_series(ready_team, worker)).status_code == 403
    assert send(as_person(outsider), url, new_series(ready_team, worker)).status_code == 404
    assert not Series.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"rule": "FREQ=HOURLY;COUNT=3"}, "rule"),
        ({"rule": "DTSTART:20270101T100000\nRRULE:FREQ=DAILY;COUNT=3"}, "rule"),
        ({"first_start": at(-2, 10).isoformat()}, "first_start"),
        ({"duration_minutes": -5}, "duration_minutes"),
        ({"givers": [123456]}, "givers"),
    ],
)
def test_a_bad_series_gets_400_with_the_field(as_person, ready_team, owner, worker, changes, field):
    response = send(
        as_person(owner),
        f"/api/teams/{ready_team.pk}/series",
        new_series(ready_team, worker, **changes),
    )
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert not Series.objects.exists() and not Appointment.objects.exists()


def test_a_badly_shaped_series_gets_422(as_person, ready_team, owner, worker):
    body = new_series(ready_team, worker)
    del body["rule"]
    response = send(as_person(owner), f"/api/teams/{ready_team.pk}/series", body)
    assert response.status_code == 422
    assert not Series.objects.exists()


def test_the_team_reads_a_series_and_outsiders_get_404(
    as_person, ready_team, owner, worker, family, outsider
):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=3")
    body = as_person(family).get(f"/api/series/{series.pk}").json()
    assert (body["id"], body["title"], len(body["upcoming"])) == (series.pk, "Morning visit", 3)
    assert body["upcoming"][0]["my_response"] is None
    mine = as_person(worker).get(f"/api/series/{series.pk}").json()
    assert mine["upcoming"][0]["my_response"] == "invited"
    assert as_person(outsider).get(f"/api/series/{series.pk}").status_code == 404
    assert as_person(outsider).get("/api/series/999999").status_code == 404


def test_a_giver_joins_all_and_hears_which_clashed(as_person, ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=3")
    from tests.visits.conftest import book

    clash = book(owner, ready_team, [worker], start=at(2, 10))
    join_appointment(worker, clash)
    response = send(as_person(worker), f"/api/series/{series.pk}/join")
    assert response.status_code == 200
    body = response.json()
    assert len(body["joined"]) == 2
    [skipped] = body["not_joined"]
    assert "already booked" in skipped["detail"]
    assert send(as_person(owner), f"/api/series/{series.pk}/join").status_code == 403


def test_an_arranger_stops_a_series(as_person, ready_team, owner, worker, family):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=4")
    url = f"/api/series/{series.pk}/stop"
    stop = {"from_date": at(3, 0).date().isoformat(), "reason": "Going on holiday"}
    assert send(as_person(family), url, stop).status_code == 403
    response = send(as_person(owner), url, stop)
    assert response.status_code == 200
    body = response.json()
    assert len(body["cancelled"]) == 2 and body["kept"] == []
    assert body["series"]["ends_at"] is not None
    again = send(as_person(owner), url, stop)
    assert again.status_code == 400 and again.json()["field"] == "from_date"


def test_one_visit_is_changed_or_cancelled_through_the_api(as_person, ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=3")
    first, second, third = series.appointments.order_by("starts_at")
    url = f"/api/series/{series.pk}/occurrences"
    later = (first.starts_at + datetime.timedelta(hours=2)).isoformat()
    changed = send(
        as_person(owner), f"{url}/{first.pk}", {"starts_at": later, "title": "Late"}, "patch"
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["title"], changed.json()["detached"]) == ("Late", True)
    cancelled = send(as_person(owner), f"{url}/{second.pk}/cancel", {"reason": "Away"})
    assert cancelled.json()["status"] == "cancelled"
    assert send(as_person(worker), f"{url}/{third.pk}", {"title": "X"}, "patch").status_code == 403
    join_appointment(worker, third)
    refused = send(as_person(owner), f"{url}/{third.pk}", {"title": "X"}, "patch")
    assert refused.status_code == 400 and "ask for a change" in refused.json()["detail"]
    other = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=1", first=at(1, 18))
    mixed = f"/api/series/{other.pk}/occurrences/{third.pk}"
    assert send(as_person(owner), mixed, {"title": "X"}, "patch").status_code == 404


def test_a_series_is_changed_from_one_visit_on(as_person, ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=4")
    second = series.appointments.order_by("starts_at")[1]
    response = send(
        as_person(owner),
        f"/api/series/{series.pk}/change-from",
        {"from_appointment_id": second.pk, "start_time": "15:30", "duration_minutes": 30},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["rule"] == "FREQ=DAILY;COUNT=3"
    assert body["description"] == "Every day, 15:30–16:00, 3 times"
    starts = [datetime.datetime.fromisoformat(v["starts_at"]) for v in body["upcoming"]]
    assert [timezone.localtime(s).strftime("%H:%M") for s in starts] == ["15:30"] * 3

"""Pages for repeating visits: making one in words, seeing it, joining all of it, stopping it, and
changing or cancelling one visit."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coopcare.visits.models import Appointment, Series
from coopcare.visits.services.booking import join_appointment
from coopcare.visits.services.recurrence_rules import describe
from tests.visits.conftest import at, book
from tests.visits.test_recurrence import make_series


def form_data(worker, **changes) -> dict:
    first = timezone.localdate() + datetime.timedelta(days=1)
    return {
        "title": "Morning visit",
        "first_date": first.isoformat(),
        "start_time": "10:00",
        "end_time": "11:00",
        "repeats": "weekly",
        "weekdays": ["MO", "TH"],
        "ends": "until",
        "until": (first + datetime.timedelta(days=27)).isoformat(),
        "place": "home",
        "support_kinds": ["companionship"],
        "givers": [worker.pk],
        **changes,
    }


def test_the_rota_holder_makes_a_weekly_visit_in_words(as_person, ready_team, rota_holder, worker):
    client = as_person(rota_holder)
    url = reverse("visits:series_add", args=[ready_team.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Wren Walker" in page.content.decode() and "RRULE" not in page.content.decode()
    response = client.post(url, form_data(worker))
    series = Series.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("visits:series", args=[series.pk])
    until = timezone.localdate() + datetime.timedelta(days=28)
    assert series.rule.startswith(f"FREQ=WEEKLY;BYDAY=MO,TH;UNTIL={until:%Y%m%d}T")
    assert describe(series).endswith(f"until {until.day} {until:%B %Y}")
    assert series.appointments.count() == 8
    assert {
        timezone.localtime(a.starts_at).strftime("%a %H:%M") for a in series.appointments.all()
    } == {
        "Mon 10:00",
        "Thu 10:00",
    }


def test_every_few_weeks_and_a_number_of_times(as_person, ready_team, owner, worker):
    data = form_data(worker, repeats="weeks", weeks_apart="2", ends="times", times="3", until="")
    response = as_person(owner).post(reverse("visits:series_add", args=[ready_team.pk]), data)
    assert response.status_code == 302
    series = Series.objects.get()
    assert series.rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=3"
    assert series.appointments.count() == 3


def test_every_day_needs_no_weekdays(as_person, ready_team, owner, worker):
    data = form_data(worker, repeats="daily", weekdays=[], ends="times", times="5")
    response = as_person(owner).post(reverse("visits:series_add", args=[ready_team.pk]), data)
    assert response.status_code == 302
    assert Series.objects.get().rule == "FREQ=DAILY;COUNT=5"


def test_a_form_with_mistakes_says_what_to_fix_and_makes_nothing(
    as_person, ready_team, owner, worker
):
    client = as_person(owner)
    url = reverse("visits:series_add", args=[ready_team.pk])
    cases = [
        ({"weekdays": []}, "Choose at least one day of the week."),
        ({"end_time": "09:00"}, "It must end after it starts"),
        ({"repeats": "weeks"}, "Say how many weeks apart"),
        ({"until": ""}, "Choose the last day."),
        ({"until": "2099-01-01"}, "at most two years"),
        ({"givers": []}, "Choose at least one person to give support."),
        ({"first_date": "2020-01-01"}, "Choose a first visit in the future."),
    ]
    for changes, message in cases:
        response = client.post(url, form_data(worker, **changes))
        assert response.status_code == 200, changes
        assert message in response.content.decode(), changes
        assert "There is a problem" in response.content.decode()
    assert not Series.objects.exists() and not Appointment.objects.exists()


def test_making_a_series_is_for_arrangers_only(as_person, ready_team, family, outsider, worker):
    url = reverse("visits:series_add", args=[ready_team.pk])
    assert as_person(family).get(url).status_code == 403
    assert as_person(outsider).get(url).status_code == 404
    assert as_person(family).post(url, form_data(worker)).status_code == 403
    assert not Series.objects.exists()


def test_the_series_page_says_the_rule_in_words_and_lists_the_visits(
    as_person, ready_team, owner, worker, family, outsider
):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=25")
    url = reverse("visits:series", args=[series.pk])
    page = as_person(family).get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Every day, 10:00–11:00, 25 times" in text
    assert text.count('class="card"') == 20 and "Page 1 of 2" in text
    assert "Join all" not in text and "Stop repeating" not in text
    assert "Change or cancel this visit only" not in text
    assert as_person(outsider).get(url).status_code == 404
    mine = as_person(worker).get(url).content.decode()
    assert "Join all the visits I am asked to" in mine
    arranging = as_person(owner).get(url).content.decode()
    assert "Stop repeating from a date" in arranging
    assert "Change or cancel this visit only" in arranging


def test_the_series_page_keeps_its_query_count_as_visits_grow(as_person, ready_team, owner, worker):
    few = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=3")
    many = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=40", first=at(1, 15))
    client = as_person(owner)
    client.get(reverse("visits:series", args=[few.pk]))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("visits:series", args=[few.pk]))
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("visits:series", args=[many.pk]))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_giver_joins_all_from_the_page(as_person, ready_team, owner, worker, family):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=3")
    clash = book(owner, ready_team, [worker], start=at(2, 10), title="Dentist trip")
    join_appointment(worker, clash)
    url = reverse("visits:series_join", args=[series.pk])
    assert as_person(family).post(url).status_code == 403
    response = as_person(worker).post(url, follow=True)
    text = response.content.decode()
    assert "You joined 2 visits." in text
    assert "Not joined:" in text and "Dentist trip" in text
    assert as_person(worker).get(url).status_code == 405


def test_an_arranger_stops_repeating_from_a_date(as_person, ready_team, owner, worker, family):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=5")
    url = reverse("visits:series_stop", args=[series.pk])
    assert as_person(family).get(url).status_code == 403
    client = as_person(owner)
    assert client.get(url).status_code == 200
    empty = client.post(url, {})
    assert empty.status_code == 200 and "Say why it stops repeating." in empty.content.decode()
    data = {"from_date": at(3, 0).date().isoformat(), "reason": "Moving away"}
    response = client.post(url, data, follow=True)
    assert "3 visits were cancelled." in response.content.decode()
    series.refresh_from_db()
    assert series.ends_at == at(3, 0)
    assert "No visit from" in response.content.decode()


def test_the_rota_holder_hears_which_confirmed_visits_stay(
    as_person, ready_team, rota_holder, worker
):
    series = make_series(rota_holder, ready_team, [worker], rule="FREQ=DAILY;COUNT=3")
    join_appointment(worker, series.appointments.order_by("starts_at")[2])
    data = {"from_date": at(2, 0).date().isoformat(), "reason": "Rota change"}
    response = as_person(rota_holder).post(
        reverse("visits:series_stop", args=[series.pk]), data, follow=True
    )
    text = response.content.decode()
    assert "1 visit was cancelled." in text and "Still booked:" in text


def test_an_arranger_changes_one_visit_on_its_own(as_person, ready_team, rota_holder, worker):
    series = make_series(rota_holder, ready_team, [worker], rule="FREQ=DAILY;COUNT=3")
    first, second, third = series.appointments.order_by("starts_at")
    url = reverse("visits:series_occurrence", args=[series.pk, second.pk])
    client = as_person(rota_holder)
    page = client.get(url)
    assert page.status_code == 200 and 'value="Morning visit"' in page.content.decode()
    data = {
        "title": "Later visit",
        "day": at(2, 0).date().isoformat(),
        "start_time": "15:00",
        "end_time": "16:30",
        "place": "home",
        "place_detail": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.title, second.detached) == ("Later visit", True)
    assert (second.starts_at, second.ends_at) == (at(2, 15), at(2, 16, 30))
    first.refresh_from_db()
    assert (first.title, first.detached) == ("Morning visit", False)
    cancel = reverse("visits:series_occurrence_cancel", args=[series.pk, third.pk])
    client.post(cancel, {"reason": "Away"})
    third.refresh_from_db()
    assert third.status == "cancelled"


def test_changing_one_visit_is_refused_to_others_and_for_confirmed_visits(
    as_person, ready_team, owner, worker, family
):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=2")
    first = series.appointments.order_by("starts_at")[0]
    url = reverse("visits:series_occurrence", args=[series.pk, first.pk])
    assert as_person(family).get(url).status_code == 403
    join_appointment(worker, first)
    page = as_person(owner).get(url).content.decode()
    assert "ask for a change" in page and "Save this visit" not in page
    cancel = reverse("visits:series_occurrence_cancel", args=[series.pk, first.pk])
    response = as_person(owner).post(cancel, {"reason": "x"}, follow=True)
    assert "ask for a change instead" in response.content.decode()
    first.refresh_from_db()
    assert first.status == "confirmed"
    single = book(owner, ready_team, [worker], start=at(5, 10))
    wrong = reverse("visits:series_occurrence", args=[series.pk, single.pk])
    assert as_person(owner).get(wrong).status_code == 404

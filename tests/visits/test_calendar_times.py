"""Weeks and wall-clock times in London, twice a year the hard way."""

import datetime

import pytest

from coopcare.errors import DomainError
from coopcare.visits import calendar

UTC = datetime.UTC
SPRING = datetime.date(2025, 3, 30)  # clocks go forward at 01:00 GMT
AUTUMN = datetime.date(2025, 10, 26)  # clocks go back at 02:00 BST


def utc(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "time", "expected"),
    [
        (SPRING, datetime.time(0, 30), utc(SPRING, 0, 30)),
        (SPRING, datetime.time(2, 0), utc(SPRING, 1)),
        (SPRING, datetime.time(9, 0), utc(SPRING, 8)),
        (AUTUMN, datetime.time(1, 30), utc(AUTUMN, 0, 30)),  # the first 01:30 (BST)
        (AUTUMN, datetime.time(9, 0), utc(AUTUMN, 9)),
        (datetime.date(2025, 7, 1), datetime.time(9, 0), utc(datetime.date(2025, 7, 1), 8)),
    ],
)
def test_a_wall_clock_time_is_the_moment_people_mean(day, time, expected):
    assert calendar.local_datetime(day, time, "start_time") == expected


def test_a_time_the_clocks_skip_is_refused_on_its_field():
    with pytest.raises(DomainError, match="There is no 01:30 on Sunday 30 March 2025") as caught:
        calendar.local_datetime(SPRING, datetime.time(1, 30), "end_time")
    assert caught.value.field == "end_time"


def test_an_end_before_the_start_is_the_next_morning():
    start, end = calendar.times_from(datetime.date(2025, 1, 6), datetime.time(22), datetime.time(7))
    assert (start, end) == (utc(datetime.date(2025, 1, 6), 22), utc(datetime.date(2025, 1, 7), 7))


def test_a_week_runs_monday_to_monday_in_london_time():
    monday = calendar.parse_week("2025-03-26")
    assert monday == datetime.date(2025, 3, 24)
    start, end = calendar.week_bounds(monday)
    assert start == utc(monday, 0)
    # The week holding the spring change is an hour short.
    assert end == utc(datetime.date(2025, 3, 30), 23)
    assert end - start == datetime.timedelta(days=7, hours=-1)


def test_an_api_time_without_an_offset_is_london_time():
    naive = datetime.datetime(2025, 7, 1, 9, 0)
    assert calendar.aware(naive, "starts_at") == utc(datetime.date(2025, 7, 1), 8)
    moment = utc(datetime.date(2025, 7, 1), 9)
    assert calendar.aware(moment, "starts_at") is moment

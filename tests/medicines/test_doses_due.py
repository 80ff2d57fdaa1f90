"""Which doses fall due when: wall-clock times in Europe/London, right across the clock changes."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.medicines import selectors
from coopcare.medicines.services import create_medicine, record_dose, stop_medicine
from tests.medicines.conftest import DAY, local

UTC = datetime.UTC


def _medicine(owner, team, times, **kwargs):
    return create_medicine(
        owner,
        team,
        name=kwargs.pop("name", "Levodopa"),
        dose="1 tablet",
        times=times,
        starts_on=kwargs.pop("starts_on", datetime.date(2025, 1, 1)),
        **kwargs,
    )


def _utc(doses):
    return [d.due_at.astimezone(UTC).strftime("%d %H:%M") for d in doses]


def test_it_lists_each_time_once_a_day_in_time_order(ready_team, owner, metformin):
    _medicine(owner, ready_team, ["07:00", "12:00"], name="Aspirin")
    doses = selectors.doses_on(ready_team, DAY)
    assert [(d.due_at.strftime("%H:%M"), d.medicine.name) for d in doses] == [
        ("07:00", "Aspirin"),
        ("08:00", "Metformin"),
        ("12:00", "Aspirin"),
        ("18:00", "Metformin"),
    ]
    assert all(record is None for _medicine_, _due, record in doses)


def test_on_the_spring_forward_day_the_wall_time_holds(ready_team, owner):
    _medicine(owner, ready_team, ["01:30", "08:00"])
    before = selectors.doses_on(ready_team, datetime.date(2025, 3, 29))
    change = selectors.doses_on(ready_team, datetime.date(2025, 3, 30))
    assert _utc(before) == ["29 01:30", "29 08:00"]
    # 08:00 BST is 07:00 UTC; 01:30 does not exist that night, so it falls due at 02:30 BST.
    assert _utc(change) == ["30 01:30", "30 07:00"]
    assert [d.due_at.strftime("%H:%M") for d in change] == ["02:30", "08:00"]


def test_on_the_autumn_day_a_repeated_time_falls_due_once(ready_team, owner):
    _medicine(owner, ready_team, ["01:30", "08:00"])
    change = selectors.doses_on(ready_team, datetime.date(2025, 10, 26))
    # 01:30 happens twice; the dose is due at the first (BST, 00:30 UTC). 08:00 GMT is 08:00 UTC.
    assert _utc(change) == ["26 00:30", "26 08:00"]


def test_a_medicine_is_due_only_from_its_first_to_its_last_day(ready_team, owner, metformin):
    stop_medicine(owner, metformin, DAY)
    assert len(selectors.doses_on(ready_team, DAY)) == 2
    assert selectors.doses_on(ready_team, DAY + datetime.timedelta(days=1)) == []
    assert selectors.doses_on(ready_team, metformin.starts_on - datetime.timedelta(days=1)) == []


def test_it_reads_medicines_and_records_in_two_queries(
    clock, ready_team, owner, metformin, mar_holder
):
    for n in range(5):
        _medicine(owner, ready_team, ["09:00", "21:00"], name=f"Medicine {n}")
    clock.move_to(local(DAY, 8, 10))
    record_dose(mar_holder, metformin, local(DAY, 8), "given")
    start = local(DAY, 0)
    with CaptureQueriesContext(connection) as queries:
        doses = selectors.doses_due(ready_team, start, start + datetime.timedelta(days=7))
        [d.record.recorded_by.profile.name for d in doses if d.record]
    assert len(queries) == 2
    assert len(doses) == 7 * 2 + 5 * 7 * 2


def test_a_record_stays_on_the_chart_when_the_times_change(
    clock, ready_team, owner, metformin, mar_holder
):
    from coopcare.medicines.services import update_medicine

    clock.move_to(local(DAY, 8, 10))
    record_dose(mar_holder, metformin, local(DAY, 8), "given")
    update_medicine(owner, metformin, times=["09:00", "18:00"])
    doses = selectors.doses_on(ready_team, DAY)
    assert [(d.due_at.strftime("%H:%M"), d.record is not None) for d in doses] == [
        ("08:00", True),
        ("09:00", False),
        ("18:00", False),
    ]


def test_a_visit_shows_the_doses_due_from_its_start_less_the_window_to_its_end(
    ready_team, owner, visit
):
    _medicine(owner, ready_team, ["07:00", "08:30", "08:45"], window_minutes=30, name="A")
    _medicine(owner, ready_team, ["06:59"], window_minutes=30, name="B")
    shown = selectors.doses_at_appointment(visit)  # 07:30–08:30
    assert [(d.medicine.name, d.due_at.strftime("%H:%M")) for d in shown] == [
        ("A", "07:00"),
        ("A", "08:30"),
    ]

"""Changing a repeating visit: one visit on its own, joining all of it, stopping it, and changing
it from one visit on — always leaving the rest of the series as it was."""

import datetime

import pytest
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.visits.models import Appointment, Series
from coopcare.visits.services import recurrence
from coopcare.visits.services.booking import join_appointment
from tests.visits.conftest import at, book
from tests.visits.test_recurrence import make_series


def visits(series: Series) -> list[Appointment]:
    return list(series.appointments.order_by("starts_at"))


# --- One visit on its own -----------------------------------------------------------------------


def test_an_arranger_moves_one_visit_and_the_rest_stay(ready_team, rota_holder, worker):
    series = make_series(rota_holder, ready_team, [worker], rule="FREQ=DAILY;COUNT=5")
    first, second, *rest = visits(series)
    later = second.starts_at + datetime.timedelta(hours=4)
    recurrence.edit_occurrence(
        rota_holder, second, starts_at=later, place="out", place_detail="Park"
    )
    second.refresh_from_db()
    assert (second.starts_at, second.ends_at, second.place, second.detached) == (
        later,
        later + datetime.timedelta(hours=1),
        "out",
        True,
    )
    assert second.occurrence_key != second.starts_at
    assert all(not v.detached and v.starts_at == v.occurrence_key for v in [first, *rest])
    assert Notification.objects.filter(kind="visits.changed", recipient=worker).count() == 1
    assert AuditEvent.objects.filter(action="visits.occurrence_changed").count() == 1
    assert AuditEvent.objects.filter(action="visits.moved").count() == 1


def test_a_confirmed_visit_changes_only_through_a_change_request(ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=3")
    first = visits(series)[0]
    join_appointment(worker, first)
    with pytest.raises(DomainError, match="ask for a change"):
        recurrence.edit_occurrence(owner, first, title="Another title")
    with pytest.raises(DomainError, match="ask for a change"):
        recurrence.cancel_occurrence(owner, first, "Away")
    first.refresh_from_db()
    assert (first.title, first.status, first.detached) == ("Morning visit", "confirmed", False)


def test_only_an_arranger_changes_a_visit(ready_team, owner, worker, family):
    first = visits(make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=3"))[0]
    with pytest.raises(NotAllowed):
        recurrence.edit_occurrence(worker, first, title="Mine now")
    with pytest.raises(NotAllowed):
        recurrence.cancel_occurrence(family, first)
    first.refresh_from_db()
    assert (first.title, first.status) == ("Morning visit", "planned")


def test_a_change_that_changes_nothing_or_breaks_a_rule_is_refused(ready_team, owner, worker):
    first = visits(make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=3"))[0]
    with pytest.raises(DomainError, match="Nothing was changed"):
        recurrence.edit_occurrence(owner, first, title="Morning visit")
    with pytest.raises(DomainError, match="Say what"):
        recurrence.edit_occurrence(owner, first, title="  ")
    with pytest.raises(DomainError, match="future"):
        recurrence.edit_occurrence(owner, first, starts_at=at(-1, 10))
    first.refresh_from_db()
    assert (first.title, first.detached, first.starts_at) == ("Morning visit", False, at(1, 10))


def test_a_move_that_clashes_for_a_giver_who_joined_changes_nothing(
    ready_team, owner, worker, rota_holder
):
    series = make_series(owner, ready_team, [worker, rota_holder], rule="FREQ=DAILY;COUNT=3")
    first = visits(series)[0]
    join_appointment(worker, first)  # still planned: Rosa has not answered
    other = book(owner, ready_team, [worker], start=at(1, 14))
    join_appointment(worker, other)
    with pytest.raises(DomainError, match="already booked"):
        recurrence.edit_occurrence(owner, first, starts_at=at(1, 13, 30))
    first.refresh_from_db()
    assert (first.starts_at, first.detached) == (at(1, 10), False)


def test_an_arranger_cancels_one_planned_visit_and_the_rest_go_ahead(ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=4")
    second = visits(series)[1]
    recurrence.cancel_occurrence(owner, second, "Hospital appointment")
    statuses = [v.status for v in visits(series)]
    assert statuses == ["planned", "cancelled", "planned", "planned"]
    second.refresh_from_db()
    assert second.cancel_reason == "Hospital appointment"
    note = Notification.objects.get(kind="visits.cancelled", recipient=worker)
    assert "Morning visit" in note.title
    with pytest.raises(DomainError, match="cancelled"):
        recurrence.cancel_occurrence(owner, second)


def test_a_one_off_appointment_is_not_changed_here(ready_team, owner, worker):
    single = book(owner, ready_team, [worker])
    with pytest.raises(DomainError, match="does not repeat"):
        recurrence.edit_occurrence(owner, single, title="Other")


# --- Joining all of it --------------------------------------------------------------------------


def test_a_giver_joins_all_and_a_clash_skips_only_that_visit(ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=5")
    clash = book(owner, ready_team, [worker], start=at(3, 10, 30), title="Dentist trip")
    join_appointment(worker, clash)
    result = recurrence.join_series(worker, series)
    assert len(result.joined) == 4
    [(skipped, reason)] = result.clashes
    assert timezone.localtime(skipped.starts_at).date() == at(3, 10).date()
    assert "already booked" in reason and "Dentist trip" in reason
    assert [v.status for v in visits(series)] == ["confirmed"] * 2 + ["planned"] + ["confirmed"] * 2
    event = AuditEvent.objects.get(action="visits.series_joined")
    assert event.detail["not_joined"] == [skipped.pk]


def test_joining_all_leaves_visits_already_answered(ready_team, owner, worker):
    from coopcare.visits.services.booking import decline_appointment

    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=3")
    first, second, third = visits(series)
    decline_appointment(worker, first, "Away")
    join_appointment(worker, second)
    result = recurrence.join_series(worker, series)
    assert result.joined == [third] and result.clashes == []
    with pytest.raises(DomainError, match="no visits"):
        recurrence.join_series(worker, series)


def test_only_a_giver_of_the_series_joins_all(ready_team, owner, worker, rota_holder):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=3")
    with pytest.raises(NotAllowed):
        recurrence.join_series(rota_holder, series)
    assert {v.status for v in visits(series)} == {"planned"}


# --- Stopping it --------------------------------------------------------------------------------


def test_the_owner_stops_a_series_and_each_person_hears_once(ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=10")
    join_appointment(worker, visits(series)[5])
    result = recurrence.stop_series(owner, series, at(4, 0).date(), "Moving to a care home")
    assert len(result.cancelled) == 7 and result.kept == []
    assert [v.status for v in visits(series)].count("cancelled") == 7
    series.refresh_from_db()
    assert series.ends_at == at(4, 0)
    assert Notification.objects.filter(kind="visits.cancelled", recipient=worker).count() == 1
    assert AuditEvent.objects.filter(action="visits.series_stopped").count() == 1
    assert AuditEvent.objects.filter(action="visits.cancelled").count() == 7


def test_the_rota_holder_stops_a_series_but_confirmed_visits_stay(ready_team, rota_holder, worker):
    series = make_series(rota_holder, ready_team, [worker], rule="FREQ=DAILY;COUNT=6")
    confirmed = visits(series)[4]
    join_appointment(worker, confirmed)
    result = recurrence.stop_series(rota_holder, series, at(3, 0).date(), "Rota change")
    assert result.kept == [confirmed]
    assert len(result.cancelled) == 3
    confirmed.refresh_from_db()
    assert confirmed.status == "confirmed"


def test_a_visit_changed_on_its_own_stays_when_the_series_stops(ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=5")
    last = visits(series)[-1]
    recurrence.edit_occurrence(owner, last, title="Birthday outing")
    recurrence.stop_series(owner, series, at(2, 0).date(), "Ends")
    last.refresh_from_db()
    assert last.status == "planned"


@pytest.mark.parametrize(
    ("day", "reason", "message"),
    [(-1, "Ends", "today or a later"), (2, " ", "Say why")],
)
def test_a_stop_needs_a_date_to_come_and_a_reason(ready_team, owner, worker, day, reason, message):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=3")
    with pytest.raises(DomainError, match=message):
        recurrence.stop_series(owner, series, at(day, 0).date(), reason)
    series.refresh_from_db()
    assert series.ends_at is None and {v.status for v in visits(series)} == {"planned"}


def test_only_an_arranger_stops_a_series(ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=3")
    with pytest.raises(NotAllowed):
        recurrence.stop_series(worker, series, at(1, 0).date(), "I want to")


# --- Changing it from one visit on --------------------------------------------------------------


def test_changing_from_a_visit_ends_the_old_series_and_starts_a_new_one(ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=6")
    third = visits(series)[2]
    new = recurrence.edit_series_from(
        owner, series, third, start_time=datetime.time(14, 0), title="Afternoon visit"
    )
    series.refresh_from_db()
    assert series.ends_at == third.occurrence_key
    assert [v.status for v in visits(series)] == ["planned"] * 2 + ["cancelled"] * 4
    assert new.rule == "FREQ=DAILY;COUNT=4"
    assert [timezone.localtime(v.starts_at).hour for v in visits(new)] == [14] * 4
    assert timezone.localtime(visits(new)[0].starts_at).date() == at(3, 0).date()
    assert {v.title for v in visits(new)} == {"Afternoon visit"}
    assert list(new.givers.all()) == [worker]
    event = AuditEvent.objects.get(action="visits.series_changed")
    assert event.detail["new"] == new.pk


def test_changing_from_a_visit_is_refused_while_a_later_one_is_confirmed(ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=6")
    join_appointment(worker, visits(series)[4])
    with pytest.raises(DomainError, match="confirmed"):
        recurrence.edit_series_from(owner, series, visits(series)[2], title="Other")
    series.refresh_from_db()
    assert series.ends_at is None and Series.objects.count() == 1
    assert [v.status for v in visits(series)].count("cancelled") == 0


def test_a_bad_change_from_a_visit_changes_nothing(ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=6")
    with pytest.raises(DomainError, match="daily, weekly or monthly"):
        recurrence.edit_series_from(owner, series, visits(series)[2], rule="FREQ=YEARLY;COUNT=2")
    series.refresh_from_db()
    assert series.ends_at is None and Series.objects.count() == 1
    assert {v.status for v in visits(series)} == {"planned"}


def test_a_new_rule_from_a_visit_on(ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=6")
    new = recurrence.edit_series_from(
        owner, series, visits(series)[1], rule="FREQ=WEEKLY;COUNT=3", givers=[worker.pk]
    )
    days = [timezone.localtime(v.starts_at).date() for v in visits(new)]
    assert days == [at(2 + 7 * n, 0).date() for n in range(3)]

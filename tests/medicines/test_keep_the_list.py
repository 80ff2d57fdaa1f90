"""Keeping the medicines list: who may, what is checked, and stopping without deleting."""

import datetime

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.medicines.models import Medicine
from coopcare.medicines.services import create_medicine, stop_medicine, update_medicine
from tests.medicines.conftest import DAY


def _add(actor, team, **kwargs):
    fields = {"name": "Aspirin", "dose": "75 mg", "times": ["08:00"]} | kwargs
    return create_medicine(actor, team, **fields)


def test_the_mar_holder_and_the_owners_side_add_medicines(
    ready_team, mar_holder, owner, representative
):
    for person in (mar_holder, owner, representative):
        assert _add(person, ready_team).created_by == person
    event = AuditEvent.objects.filter(action="medicines.medicine_added").order_by("pk").last()
    assert event.detail["on_behalf_of"] == owner.pk


def test_givers_and_family_do_not_keep_the_list(ready_team, worker, family, rota_holder):
    for person in (worker, family, rota_holder):
        with pytest.raises(NotAllowed):
            _add(person, ready_team)
    assert not Medicine.objects.exists()


def test_times_are_tidied_into_order(ready_team, owner):
    medicine = _add(owner, ready_team, times="18:00, 8:00 12:30")
    assert medicine.times == ["08:00", "12:30", "18:00"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": " "}, "name", "Say which medicine"),
        ({"dose": ""}, "dose", "Say how much"),
        ({"times": []}, "times", "at least one time"),
        ({"times": ["8am"]}, "times", "not a time"),
        ({"times": ["24:00"]}, "times", "not a time"),
        ({"times": ["08:00", "8:00"]}, "times", "there twice"),
        ({"window_minutes": 4}, "window_minutes", "between 5 and 240"),
        ({"window_minutes": 241}, "window_minutes", "between 5 and 240"),
        ({"stops_on": DAY - datetime.timedelta(days=1)}, "stops_on", "before the first"),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(ready_team, owner, fields, field, message):
    with pytest.raises(DomainError, match=message) as error:
        _add(owner, ready_team, **fields)
    assert error.value.field == field
    assert not Medicine.objects.exists()


def test_a_change_is_audited_and_kept_in_history(ready_team, owner, metformin):
    update_medicine(owner, metformin, dose="1 g", times=["07:00"])
    metformin.refresh_from_db()
    assert (metformin.dose, metformin.times) == ("1 g", ["07:00"])
    event = AuditEvent.objects.get(action="medicines.medicine_changed")
    assert event.changes["dose"] == ["500 mg", "1 g"]
    assert metformin.history.count() == 2


def test_stopping_sets_the_last_day_and_deletes_nothing(ready_team, mar_holder, metformin):
    stop_medicine(mar_holder, metformin)
    metformin.refresh_from_db()
    assert metformin.stops_on == DAY
    assert Medicine.objects.count() == 1
    assert AuditEvent.objects.filter(action="medicines.medicine_stopped").exists()


def test_a_stopped_medicine_is_neither_stopped_nor_changed_again(ready_team, owner, metformin):
    stop_medicine(owner, metformin, DAY - datetime.timedelta(days=1))
    with pytest.raises(DomainError, match="already stopped"):
        stop_medicine(owner, metformin)
    with pytest.raises(DomainError, match="Add it again"):
        update_medicine(owner, metformin, dose="1 g")


def test_it_cannot_stop_before_it_starts(ready_team, owner, metformin):
    with pytest.raises(DomainError, match="cannot stop before then") as error:
        stop_medicine(owner, metformin, metformin.starts_on - datetime.timedelta(days=1))
    assert error.value.field == "stops_on"

import datetime

import pytest
import time_machine

from coopcare.audit.models import AuditEvent
from coopcare.circles.services import take_off_hat
from coopcare.errors import DomainError
from coopcare.notifications.models import Notification
from tests.factories import HatFactory, hat_type


@pytest.fixture
def hat(alice, leeds_circle):
    return HatFactory(
        holder=alice,
        circle=leeds_circle,
        hat_type=hat_type("recruiter"),
        started_on=datetime.date(2026, 1, 1),
    )


def test_it_ends_the_hat_and_records_it(admin, alice, hat):
    take_off_hat(admin, hat, datetime.date(2026, 6, 30))
    hat.refresh_from_db()
    assert hat.ends_on == datetime.date(2026, 6, 30)
    event = AuditEvent.objects.get(action="hat.taken_off")
    assert (event.actor, event.subject) == (admin, alice)
    assert event.changes == {"ends_on": [None, "2026-06-30"]}
    assert Notification.objects.get(recipient=alice).title == (
        "Your Recruiter hat in Leeds Circle comes off on 30 June 2026"
    )


def test_it_does_not_notify_a_holder_who_takes_off_their_own_hat(alice, hat):
    take_off_hat(alice, hat, datetime.date(2026, 6, 30))
    assert not Notification.objects.exists()


def test_it_refuses_an_end_before_the_start(hat):
    with pytest.raises(DomainError) as error:
        take_off_hat(None, hat, datetime.date(2025, 12, 31))
    assert error.value.field == "ends_on"
    hat.refresh_from_db()
    assert hat.ends_on is None
    assert not AuditEvent.objects.exists()


@time_machine.travel(datetime.date(2026, 8, 1))
def test_it_refuses_a_hat_that_already_came_off(hat):
    hat.ends_on = datetime.date(2026, 3, 1)
    hat.save()
    with pytest.raises(DomainError, match="already came off on 1 March 2026"):
        take_off_hat(None, hat, datetime.date(2026, 9, 1))
    hat.refresh_from_db()
    assert hat.ends_on == datetime.date(2026, 3, 1)


@time_machine.travel(datetime.date(2026, 2, 1))
def test_it_brings_a_planned_end_forward(hat):
    hat.ends_on = datetime.date(2026, 12, 31)
    hat.save()
    take_off_hat(None, hat, datetime.date(2026, 6, 30))
    hat.refresh_from_db()
    assert hat.ends_on == datetime.date(2026, 6, 30)


@time_machine.travel(datetime.date(2026, 2, 1))
def test_it_refuses_to_lengthen_a_term(hat):
    """A longer term is a new decision, and could overlap the holder's next hat."""
    hat.ends_on = datetime.date(2026, 6, 30)
    hat.save()
    with pytest.raises(DomainError, match="can be shortened but not lengthened") as error:
        take_off_hat(None, hat, datetime.date(2026, 12, 31))
    assert error.value.field == "ends_on"
    hat.refresh_from_db()
    assert hat.ends_on == datetime.date(2026, 6, 30)
    assert not AuditEvent.objects.exists()

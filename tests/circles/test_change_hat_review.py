import datetime

import pytest
import time_machine

from coopcare.audit.models import AuditEvent
from coopcare.circles.models import Hat
from coopcare.circles.services import change_hat_review
from coopcare.errors import DomainError
from tests.factories import HatFactory, hat_type


@pytest.fixture
def hat(alice, leeds_circle) -> Hat:
    return HatFactory(
        holder=alice,
        circle=leeds_circle,
        hat_type=hat_type("facilitator"),
        started_on=datetime.date(2026, 1, 1),
        review_on=datetime.date(2027, 1, 1),
    )


def test_it_moves_the_review_date_and_records_it(admin, alice, hat):
    change_hat_review(admin, hat, datetime.date(2026, 7, 1))
    hat.refresh_from_db()
    assert hat.review_on == datetime.date(2026, 7, 1)
    event = AuditEvent.objects.get(action="hat.review_changed")
    assert (event.actor, event.subject, event.target_id) == (admin, alice, str(hat.pk))
    assert event.changes == {"review_on": ["2027-01-01", "2026-07-01"]}
    assert event.detail == {"circle": "leeds", "hat_type": "facilitator"}


def test_it_records_nothing_when_the_date_is_the_same(hat):
    change_hat_review(None, hat, datetime.date(2027, 1, 1))
    assert not AuditEvent.objects.exists()


def test_it_refuses_a_review_before_the_start(hat):
    with pytest.raises(DomainError, match="on or after the start") as error:
        change_hat_review(None, hat, datetime.date(2025, 12, 31))
    assert error.value.field == "review_on"
    hat.refresh_from_db()
    assert hat.review_on == datetime.date(2027, 1, 1)
    assert not AuditEvent.objects.exists()


@time_machine.travel(datetime.date(2026, 8, 1))
def test_it_refuses_a_hat_that_already_came_off(hat):
    hat.ends_on = datetime.date(2026, 3, 1)
    hat.save()
    with pytest.raises(DomainError, match="already came off on 1 March 2026"):
        change_hat_review(None, hat, datetime.date(2026, 9, 1))
    hat.refresh_from_db()
    assert hat.review_on == datetime.date(2027, 1, 1)

import datetime

import pytest
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.circles.models import Hat
from coopcare.circles.services import add_circle_member, add_months, put_on_hat
from coopcare.errors import DomainError
from coopcare.notifications.models import Notification
from tests.factories import HatFactory, hat_type

START = datetime.date(2026, 1, 31)


def test_it_puts_a_hat_on_a_circle_member(admin, alice, leeds_circle):
    hat = put_on_hat(
        admin,
        leeds_circle,
        hat_type("facilitator"),
        alice,
        START,
        review_on=datetime.date(2026, 7, 31),
        ends_on=datetime.date(2027, 1, 30),
    )
    assert (hat.holder, hat.circle, hat.review_on) == (
        alice,
        leeds_circle,
        datetime.date(2026, 7, 31),
    )
    event = AuditEvent.objects.get(action="hat.put_on")
    assert (event.actor, event.subject, event.target_id) == (admin, alice, str(hat.pk))
    assert event.detail["hat_type"] == "facilitator"


def test_it_tells_the_holder(admin, alice, leeds_circle):
    put_on_hat(admin, leeds_circle, hat_type("secretary"), alice, START)
    notification = Notification.objects.get(recipient=alice)
    assert notification.title == "You now wear the Secretary hat in Leeds Circle"
    assert notification.url == "/circles/leeds/"


def test_it_sets_the_review_date_from_the_hat_types_term(alice, leeds_circle):
    facilitator = hat_type("facilitator")
    facilitator.default_term_months = 13
    facilitator.save()
    hat = put_on_hat(None, leeds_circle, facilitator, alice, START)
    assert hat.review_on == datetime.date(2027, 2, 28)


def test_it_adds_months_to_the_last_day_of_a_shorter_month():
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2025, 11, 15), 14) == datetime.date(2027, 1, 15)


def test_it_refuses_a_delegate_who_is_the_leader(alice, leeds_circle):
    put_on_hat(None, leeds_circle, hat_type("leader"), alice, START)
    with pytest.raises(DomainError, match="Leader and the Delegate") as error:
        put_on_hat(None, leeds_circle, hat_type("delegate"), alice, START)
    assert error.value.field == "holder"
    assert not Hat.objects.filter(hat_type__slug="delegate").exists()
    assert AuditEvent.objects.filter(action="hat.put_on").count() == 1


def test_it_refuses_a_leader_who_is_the_delegate(alice, leeds_circle):
    HatFactory(
        holder=alice,
        circle=leeds_circle,
        hat_type=hat_type("delegate"),
        started_on=START,
        ends_on=datetime.date(2026, 12, 31),
    )
    with pytest.raises(DomainError, match="Leader and the Delegate"):
        put_on_hat(None, leeds_circle, hat_type("leader"), alice, datetime.date(2026, 6, 1))


def test_it_lets_a_former_delegate_become_leader(alice, leeds_circle):
    HatFactory(
        holder=alice,
        circle=leeds_circle,
        hat_type=hat_type("delegate"),
        started_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2025, 1, 1),
    )
    assert put_on_hat(None, leeds_circle, hat_type("leader"), alice, START).pk


def test_it_lets_the_leader_be_delegate_in_another_circle(alice, leeds_circle, purpose_circle):
    put_on_hat(None, leeds_circle, hat_type("leader"), alice, START)
    add_circle_member(None, purpose_circle, alice, "full")
    assert put_on_hat(None, purpose_circle, hat_type("delegate"), alice, START).pk


def test_it_refuses_a_holder_who_is_not_in_the_circle(dan, leeds_circle):
    with pytest.raises(DomainError, match="must be a member of Leeds Circle") as error:
        put_on_hat(None, leeds_circle, hat_type("coach"), dan, START)
    assert error.value.field == "holder"
    assert not Hat.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_refuses_the_same_hat_twice(alice, leeds_circle):
    put_on_hat(None, leeds_circle, hat_type("coach"), alice, START)
    with pytest.raises(DomainError, match="already wears the Coach hat"):
        put_on_hat(None, leeds_circle, hat_type("coach"), alice, START)
    assert Hat.objects.count() == 1


@pytest.mark.parametrize(
    ("review_on", "ends_on", "field"),
    [
        (datetime.date(2025, 12, 31), None, "review_on"),
        (None, datetime.date(2026, 1, 1), "ends_on"),
    ],
)
def test_it_refuses_dates_before_the_start(alice, leeds_circle, review_on, ends_on, field):
    with pytest.raises(DomainError) as error:
        put_on_hat(
            None,
            leeds_circle,
            hat_type("coach"),
            alice,
            datetime.date(2026, 1, 2),
            review_on=review_on,
            ends_on=ends_on,
        )
    assert error.value.field == field
    assert not Hat.objects.exists()


def test_it_keeps_the_admissions_hat_to_the_purpose_circle(alice, leeds_circle):
    with pytest.raises(DomainError, match="Only the Purpose Circle") as error:
        put_on_hat(None, leeds_circle, hat_type("admissions"), alice, START)
    assert error.value.field == "hat_type"
    assert not Hat.objects.exists()


def test_it_refuses_a_circle_member_whose_membership_has_ended(alice, leeds_circle):
    alice.memberships.update(ended_at=timezone.now(), end_reason="resigned")
    alice._coopcare_is_member = None
    with pytest.raises(DomainError, match="Only current members"):
        put_on_hat(None, leeds_circle, hat_type("coach"), alice, START)
    assert not Hat.objects.exists()

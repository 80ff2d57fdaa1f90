import datetime

import pytest
import time_machine

from coopcare.audit.models import AuditEvent
from coopcare.circles.models import CircleMembership
from coopcare.circles.selectors import is_current_circle_member
from coopcare.circles.services import add_circle_member, remove_circle_member, take_off_hat
from coopcare.errors import DomainError
from coopcare.notifications.models import Notification
from tests.factories import HatFactory, hat_type

TODAY = datetime.date(2026, 6, 15)
pytestmark = pytest.mark.usefixtures("time_travel")


@pytest.fixture
def time_travel():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0)):
        yield


@pytest.fixture
def membership(dan, leeds_circle) -> CircleMembership:
    return add_circle_member(None, leeds_circle, dan, "full", datetime.date(2026, 1, 10))


def test_it_records_the_leaving_date_and_keeps_the_membership(admin, dan, membership):
    remove_circle_member(admin, membership, TODAY)
    membership.refresh_from_db()
    assert membership.left_on == TODAY
    assert not is_current_circle_member(membership.circle, dan)
    event = AuditEvent.objects.get(action="circle.member_removed")
    assert (event.actor, event.subject, event.target_id) == (admin, dan, str(membership.pk))
    assert event.changes == {"left_on": [None, "2026-06-15"]}


def test_it_tells_the_person(admin, dan, membership):
    Notification.objects.all().delete()
    remove_circle_member(admin, membership, TODAY)
    notification = Notification.objects.get(recipient=dan)
    assert notification.title == "You are no longer a member of Leeds Circle"
    assert notification.kind == "circles.member_removed"


def test_it_does_not_tell_someone_who_leaves_by_themself(dan, membership):
    Notification.objects.all().delete()
    remove_circle_member(dan, membership, TODAY)
    assert not Notification.objects.exists()


def test_it_lets_someone_rejoin_later(dan, membership):
    remove_circle_member(None, membership, TODAY)
    assert add_circle_member(None, membership.circle, dan, "guest").pk != membership.pk


@pytest.mark.parametrize(
    ("left_on", "message"),
    [
        (datetime.date(2026, 1, 9), r"on or after the day they joined \(10 January 2026\)"),
        (datetime.date(2026, 6, 16), "cannot be in the future"),
    ],
)
def test_it_refuses_a_leaving_date_outside_the_membership(membership, left_on, message):
    with pytest.raises(DomainError, match=message) as error:
        remove_circle_member(None, membership, left_on)
    assert error.value.field == "left_on"
    membership.refresh_from_db()
    assert membership.left_on is None
    assert not AuditEvent.objects.filter(action="circle.member_removed").exists()


def test_it_refuses_someone_who_already_left(membership):
    remove_circle_member(None, membership, datetime.date(2026, 5, 1))
    with pytest.raises(DomainError, match="left Leeds Circle on 1 May 2026"):
        remove_circle_member(None, membership, TODAY)


def test_it_refuses_a_member_who_still_wears_a_hat_in_the_circle(dan, membership):
    HatFactory(holder=dan, circle=membership.circle, hat_type=hat_type("coach"))
    with pytest.raises(DomainError, match=r"hats in Leeds Circle first \(Coach\)"):
        remove_circle_member(None, membership, TODAY)
    membership.refresh_from_db()
    assert membership.left_on is None


def test_it_lets_a_member_leave_once_their_hat_has_come_off(dan, membership):
    hat = HatFactory(
        holder=dan,
        circle=membership.circle,
        hat_type=hat_type("coach"),
        started_on=datetime.date(2026, 2, 1),
    )
    take_off_hat(None, hat, TODAY)
    remove_circle_member(None, membership, TODAY)
    assert membership.left_on == TODAY

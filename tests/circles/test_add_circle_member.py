import datetime

import pytest
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.circles.models import CircleMembership
from coopcare.circles.services import add_circle_member
from coopcare.errors import DomainError
from coopcare.notifications.models import Notification


def test_it_adds_a_member_to_a_circle(admin, dan, leeds_circle):
    membership = add_circle_member(admin, leeds_circle, dan, "learning")
    assert membership.participation == "learning"
    event = AuditEvent.objects.get(action="circle.member_added")
    assert (event.actor, event.subject) == (admin, dan)
    assert event.detail["circle"] == "leeds"
    assert event.detail["participation"] == "learning"


def test_it_records_an_earlier_joining_date(dan, leeds_circle):
    membership = add_circle_member(None, leeds_circle, dan, "full", datetime.date(2024, 5, 1))
    assert membership.joined_on == datetime.date(2024, 5, 1)


def test_it_refuses_a_joining_date_in_the_future(dan, leeds_circle):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(DomainError) as error:
        add_circle_member(None, leeds_circle, dan, "full", tomorrow)
    assert error.value.field == "joined_on"
    assert not CircleMembership.objects.filter(person=dan, circle=leeds_circle).exists()


def test_it_refuses_someone_already_in_the_circle(alice, leeds_circle):
    with pytest.raises(DomainError, match="already in Leeds Circle"):
        add_circle_member(None, leeds_circle, alice, "full")
    assert CircleMembership.objects.filter(person=alice).count() == 1


def test_it_refuses_someone_who_is_not_a_member_of_the_co_op(applicant, leeds_circle):
    with pytest.raises(DomainError) as error:
        add_circle_member(None, leeds_circle, applicant, "guest")
    assert error.value.field == "person"
    assert not CircleMembership.objects.filter(person=applicant).exists()


def test_it_refuses_an_unknown_kind_of_participation(dan, leeds_circle):
    with pytest.raises(DomainError) as error:
        add_circle_member(None, leeds_circle, dan, "boss")
    assert error.value.field == "participation"
    assert not AuditEvent.objects.exists()


def test_it_tells_the_person_they_joined(admin, dan, leeds_circle):
    add_circle_member(admin, leeds_circle, dan, "full")
    notification = Notification.objects.get(recipient=dan)
    assert notification.title == "You are now a member of Leeds Circle"
    assert notification.url == "/circles/leeds/"

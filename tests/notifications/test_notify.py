"""notify(): store the notification, then email now, leave it for the digest, or never email."""

import pytest
from django.core import mail
from django.db import transaction

from coopcare.notifications.models import Notification
from coopcare.notifications.services import notify, set_notification_preference
from tests.factories import UserFactory


def test_it_stores_and_emails_a_decision_straight_away_by_default(
    alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(alice, "membership.decided", "You are a member", "Welcome.", url="/membership/")
    notification = Notification.objects.get(recipient=alice)
    assert (notification.kind, notification.delivery) == ("membership.decided", "immediately")
    assert notification.emailed_at is not None
    assert notification.read_at is None
    [message] = mail.outbox
    assert message.to == ["alice@example.org"]
    assert "You are a member" in message.subject
    assert "Welcome." in message.body
    assert "http://127.0.0.1:8000/membership/" in message.body
    assert "/notifications/preferences/" in message.body


def test_it_emails_nobody_when_the_change_is_rolled_back(alice, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(alice, "membership.decided", "You are a member")
        raise RuntimeError("the decision failed")
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_it_leaves_a_digest_preference_for_the_digest(alice, django_capture_on_commit_callbacks):
    set_notification_preference(alice, "membership.decided", "digest")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(alice, "membership.decided", "You are a member")
    assert notification.delivery == "digest"
    assert notification.emailed_at is None
    assert mail.outbox == []


def test_it_never_emails_when_the_person_chose_never(alice, django_capture_on_commit_callbacks):
    set_notification_preference(alice, "membership.decided", "never")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(alice, "membership.decided", "You are a member")
    assert (notification.delivery, notification.emailed_at) == ("never", None)
    assert mail.outbox == []


def test_it_keeps_the_notification_of_someone_without_an_email_address(
    db, django_capture_on_commit_callbacks
):
    person = UserFactory(email="", verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(person, "membership.decided", "You are a member")
    assert Notification.objects.get(recipient=person).emailed_at is None
    assert mail.outbox == []


def test_it_does_not_email_a_deactivated_account(alice, django_capture_on_commit_callbacks):
    alice.is_active = False
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(alice, "membership.decided", "You are a member")
    assert Notification.objects.filter(recipient=alice).count() == 1
    assert mail.outbox == []

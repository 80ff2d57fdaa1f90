"""set_notification_preference(): one person's choice for one kind of notification."""

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError
from coopcare.notifications.models import NotificationPreference
from coopcare.notifications.services import delivery_for, set_notification_preference


def test_it_stores_the_choice(alice):
    set_notification_preference(alice, "membership.decided", "digest")
    assert delivery_for(alice, "membership.decided") == "digest"


def test_it_refuses_an_unknown_kind_and_stores_nothing(alice):
    with pytest.raises(DomainError) as raised:
        set_notification_preference(alice, "weather.sunny", "digest")
    assert "weather.sunny" in raised.value.message
    assert not NotificationPreference.objects.exists()


def test_it_refuses_an_unknown_delivery_and_stores_nothing(alice):
    with pytest.raises(DomainError):
        set_notification_preference(alice, "membership.decided", "fax")
    assert not NotificationPreference.objects.exists()


def test_it_records_a_change_but_not_a_choice_that_changes_nothing(alice):
    set_notification_preference(alice, "membership.decided", "immediately")
    assert not AuditEvent.objects.exists()
    set_notification_preference(alice, "membership.decided", "never")
    event = AuditEvent.objects.get(action="notifications.preference_changed")
    assert event.changes == {"delivery": ["immediately", "never"]}
    assert event.detail == {"kind": "membership.decided"}
    set_notification_preference(alice, "membership.decided", "never")
    assert AuditEvent.objects.count() == 1
    assert NotificationPreference.objects.filter(person=alice).count() == 1

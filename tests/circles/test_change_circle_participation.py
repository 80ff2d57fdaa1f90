import datetime

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.circles.services import change_circle_participation
from coopcare.errors import DomainError


def test_it_changes_how_someone_takes_part_and_records_it(admin, bob):
    membership = bob.circle_memberships.get()
    change_circle_participation(admin, membership, "learning")
    membership.refresh_from_db()
    assert membership.participation == "learning"
    event = AuditEvent.objects.get(action="circle.participation_changed")
    assert (event.actor, event.subject) == (admin, bob)
    assert event.changes == {"participation": ["full", "learning"]}
    assert event.detail == {"circle": "leeds"}


def test_it_records_nothing_when_nothing_changes(bob):
    change_circle_participation(None, bob.circle_memberships.get(), "full")
    assert not AuditEvent.objects.exists()


def test_it_refuses_an_unknown_way_of_taking_part(bob):
    membership = bob.circle_memberships.get()
    with pytest.raises(DomainError) as error:
        change_circle_participation(None, membership, "observer")
    assert error.value.field == "participation"
    membership.refresh_from_db()
    assert membership.participation == "full"


def test_it_refuses_someone_who_has_left(bob):
    membership = bob.circle_memberships.get()
    membership.left_on = datetime.date(2026, 3, 1)
    membership.save()
    with pytest.raises(DomainError, match="Bob Brierley left Leeds Circle on 1 March 2026"):
        change_circle_participation(None, membership, "guest")
    assert not AuditEvent.objects.exists()

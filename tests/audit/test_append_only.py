"""Audit events are append-only: the model, the queryset and the database refuse changes."""

import pytest
from django.db import DatabaseError, connection, transaction

from coopcare.audit.models import AppendOnlyError, AuditEvent
from coopcare.audit.services import record


@pytest.fixture
def event(alice):
    return record("profile.changed", actor=alice, subject=alice, target=alice.profile)


def _stored_action(event: AuditEvent) -> str:
    return AuditEvent.objects.values_list("action", flat=True).get(pk=event.pk)


def _raw(sql: str, event: AuditEvent) -> None:
    # A savepoint, so the refused statement does not spoil the test's transaction on PostgreSQL.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])


def test_it_refuses_to_save_a_changed_event(event):
    event.action = "profile.forged"
    with pytest.raises(AppendOnlyError):
        event.save()
    assert _stored_action(event) == "profile.changed"


def test_it_refuses_to_delete_an_event(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_it_refuses_a_queryset_update(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="profile.forged")
    assert _stored_action(event) == "profile.changed"


def test_it_refuses_a_queryset_delete(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_a_raw_update(event):
    """SQLite and PostgreSQL both have a trigger against UPDATE (migration 0003)."""
    with pytest.raises(DatabaseError):
        _raw("UPDATE audit_auditevent SET action = 'profile.forged' WHERE id = %s", event)
    assert _stored_action(event) == "profile.changed"


def test_postgresql_refuses_a_raw_delete(event):
    if connection.vendor != "postgresql":
        # SQLite's test-database flush deletes rows, so there DELETE is refused in Python only.
        pytest.skip("needs PostgreSQL triggers")
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM audit_auditevent WHERE id = %s", event)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_postgresql_refuses_a_raw_update(event):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL triggers")
    with pytest.raises(DatabaseError):
        _raw("UPDATE audit_auditevent SET purpose = 'covering tracks' WHERE id = %s", event)
    assert AuditEvent.objects.get(pk=event.pk).purpose == ""

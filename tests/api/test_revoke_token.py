import pytest

from coopcare.api.models import PersonalAccessToken
from coopcare.api.services import create_token, revoke_token
from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed


def test_it_revokes_the_owners_token_and_records_it(alice):
    token, _raw = create_token(alice, "rota script", 30)
    revoke_token(alice, token)
    token.refresh_from_db()
    assert token.revoked_at is not None and not token.is_usable
    event = AuditEvent.objects.get(action="api_token.revoked")
    assert event.actor == alice and event.target_id == str(token.pk)


def test_it_refuses_someone_elses_token_and_changes_nothing(alice, bob):
    token, _raw = create_token(alice, "rota script", 30)
    with pytest.raises(NotAllowed):
        revoke_token(bob, token)
    assert PersonalAccessToken.objects.get(pk=token.pk).revoked_at is None
    assert not AuditEvent.objects.filter(action="api_token.revoked").exists()


def test_it_refuses_to_revoke_twice(alice):
    token, _raw = create_token(alice, "rota script", 30)
    revoke_token(alice, token)
    first = PersonalAccessToken.objects.get(pk=token.pk).revoked_at
    with pytest.raises(DomainError, match="already been revoked"):
        revoke_token(alice, token)
    assert PersonalAccessToken.objects.get(pk=token.pk).revoked_at == first
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1

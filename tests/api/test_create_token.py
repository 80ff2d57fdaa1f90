import pytest
from django.test import override_settings

from coopcare.api.models import PersonalAccessToken, hash_token
from coopcare.api.services import create_token
from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed


def test_it_returns_the_raw_token_once_and_stores_only_its_hash(alice):
    token, raw = create_token(alice, "rota script", 30)
    assert raw.startswith("cc_") and len(raw) > 40
    stored = PersonalAccessToken.objects.get(pk=token.pk)
    assert stored.token_hash == hash_token(raw)
    assert raw not in {stored.token_hash, stored.prefix, stored.name}
    assert raw.startswith(stored.prefix) and len(stored.prefix) == 11


def test_it_makes_a_different_token_every_time(alice):
    raws = {create_token(alice, "script", 1)[1] for _ in range(5)}
    assert len(raws) == 5


def test_it_sets_the_expiry_from_the_days_chosen(alice):
    token, _raw = create_token(alice, "rota script", 30)
    assert (token.expires_at - token.created_at).days == 30
    assert token.is_usable


def test_it_records_the_creation_without_the_token(alice):
    token, raw = create_token(alice, "rota script", 30)
    event = AuditEvent.objects.get(action="api_token.created")
    assert event.actor == alice and event.subject == alice
    assert event.target_id == str(token.pk)
    assert raw not in str(event.detail) and raw not in event.target_repr


@pytest.mark.parametrize(
    ("name", "days", "field"),
    [
        ("", 30, "name"),
        ("   ", 30, "name"),
        ("x" * 81, 30, "name"),
        ("script", 0, "days"),
        ("script", -3, "days"),
        ("script", 366, "days"),
        ("script", "30", "days"),
        ("script", True, "days"),
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(alice, name, days, field):
    with pytest.raises(DomainError) as error:
        create_token(alice, name, days)
    assert error.value.field == field and error.value.message
    assert not PersonalAccessToken.objects.exists()
    assert not AuditEvent.objects.filter(action="api_token.created").exists()


@override_settings(API_TOKEN_MAX_DAYS=7)
def test_it_follows_the_longest_life_the_co_op_allows(alice):
    with pytest.raises(DomainError, match="between 1 and 7 days"):
        create_token(alice, "script", 8)
    assert create_token(alice, "script", 7)[0].is_usable


def test_it_refuses_an_inactive_account(alice):
    alice.is_active = False
    with pytest.raises(NotAllowed):
        create_token(alice, "script", 30)
    assert not PersonalAccessToken.objects.exists()

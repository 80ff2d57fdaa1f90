import datetime

import time_machine
from django.test import Client
from django.utils import timezone

from coopcare.api.models import PersonalAccessToken
from coopcare.api.services import create_token, revoke_token
from tests.api.conftest import bearer

URL = "/api/me"


def test_it_lets_a_valid_token_in_as_its_owner(alice):
    _token, raw = create_token(alice, "script", 30)
    response = bearer(raw).get(URL)
    assert response.status_code == 200
    assert response.json()["email"] == "alice@example.org"


def test_it_refuses_a_call_without_credentials(db):
    response = Client().get(URL)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_it_refuses_a_revoked_token(alice):
    token, raw = create_token(alice, "script", 30)
    revoke_token(alice, token)
    assert bearer(raw).get(URL).status_code == 401


def test_it_refuses_an_expired_token(alice):
    _token, raw = create_token(alice, "script", 1)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, seconds=1)):
        assert bearer(raw).get(URL).status_code == 401


def test_it_refuses_a_token_of_a_deactivated_account(alice):
    _token, raw = create_token(alice, "script", 30)
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert bearer(raw).get(URL).status_code == 401


def test_it_refuses_a_made_up_or_altered_token(alice):
    _token, raw = create_token(alice, "script", 30)
    assert bearer(raw[:-1] + ("A" if raw[-1] != "A" else "B")).get(URL).status_code == 401
    assert bearer("cc_nonsense").get(URL).status_code == 401
    assert Client(HTTP_AUTHORIZATION=f"Token {raw}").get(URL).status_code == 401


def test_it_notes_when_a_token_was_last_used_at_most_once_a_minute(alice):
    token, raw = create_token(alice, "script", 30)
    client = bearer(raw)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get(URL)
    assert PersonalAccessToken.objects.get(pk=token.pk).last_used_at == start
    with time_machine.travel(start + datetime.timedelta(seconds=59), tick=False):
        client.get(URL)
    assert PersonalAccessToken.objects.get(pk=token.pk).last_used_at == start
    later = start + datetime.timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        client.get(URL)
    assert PersonalAccessToken.objects.get(pk=token.pk).last_used_at == later


def test_it_does_not_write_on_every_request(alice, django_assert_num_queries):
    _token, raw = create_token(alice, "script", 30)
    client = bearer(raw)
    client.get(URL)
    # The token lookup, the memberships, and the membership check: no UPDATE this time.
    with django_assert_num_queries(3) as captured:
        client.get(URL)
    assert not any(q["sql"].startswith("UPDATE") for q in captured.captured_queries)


def test_it_slows_down_an_address_that_keeps_sending_wrong_tokens(alice):
    _token, raw = create_token(alice, "script", 30)
    for _ in range(20):
        assert bearer("cc_wrong").get(URL).status_code == 401
    assert bearer("cc_wrong").get(URL).status_code == 429
    assert bearer(raw).get(URL).status_code == 429

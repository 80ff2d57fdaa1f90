from coopcare.api.api import api
from coopcare.api.services import create_token
from tests.api.conftest import bearer
from tests.conftest import client_for


def test_it_limits_each_person_however_they_sign_in(monkeypatch, alice, bob):
    for throttle in api.throttle:
        monkeypatch.setattr(throttle, "num_requests", 3)
    _token, raw = create_token(alice, "script", 30)
    by_token, by_session = bearer(raw), client_for(alice)
    assert [by_token.get("/api/me").status_code for _ in range(2)] == [200, 200]
    assert by_session.get("/api/me").status_code == 200
    refused = by_session.get("/api/me")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert by_token.get("/api/me").status_code == 429
    # Another person has their own allowance.
    assert client_for(bob).get("/api/me").status_code == 200

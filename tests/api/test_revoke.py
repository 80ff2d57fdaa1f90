from coopcare.api.models import PersonalAccessToken
from coopcare.api.services import create_token
from tests.api.conftest import bearer


def _url(token) -> str:
    return f"/tokens/{token.pk}/revoke/"


def test_it_asks_for_confirmation_first(as_person, alice):
    token, _raw = create_token(alice, "rota script", 30)
    response = as_person(alice).get(_url(token))
    assert response.status_code == 200
    assert "Yes, revoke it" in response.content.decode()
    assert PersonalAccessToken.objects.get(pk=token.pk).revoked_at is None


def test_it_revokes_on_confirmation_and_the_token_stops_working(as_person, alice):
    token, raw = create_token(alice, "rota script", 30)
    assert bearer(raw).get("/api/me").status_code == 200
    response = as_person(alice).post(_url(token))
    assert response.status_code == 302 and response["Location"] == "/tokens/"
    assert PersonalAccessToken.objects.get(pk=token.pk).revoked_at is not None
    assert bearer(raw).get("/api/me").status_code == 401


def test_it_hides_another_persons_token(as_person, alice, bob):
    token, raw = create_token(alice, "rota script", 30)
    client = as_person(bob)
    assert client.get(_url(token)).status_code == 404
    assert client.post(_url(token)).status_code == 404
    assert PersonalAccessToken.objects.get(pk=token.pk).revoked_at is None
    assert bearer(raw).get("/api/me").status_code == 200


def test_it_says_so_when_the_token_was_already_revoked(as_person, alice):
    token, _raw = create_token(alice, "rota script", 30)
    client = as_person(alice)
    client.post(_url(token))
    response = client.post(_url(token), follow=True)
    assert "already been revoked" in response.content.decode()


def test_it_asks_an_anonymous_visitor_to_sign_in(client, alice):
    token, _raw = create_token(alice, "rota script", 30)
    assert client.post(_url(token)).status_code == 302
    assert PersonalAccessToken.objects.get(pk=token.pk).revoked_at is None

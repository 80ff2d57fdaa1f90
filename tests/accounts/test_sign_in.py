from django.core.cache import cache

from tests.factories import PASSWORD


def test_it_signs_in_with_email_and_password(client, alice):
    response = client.post("/accounts/login/", {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/members/profile/").status_code == 200


def test_it_rate_limits_repeated_failed_sign_ins(client, alice):
    cache.clear()
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": alice.email, "password": "wrong"})
        assert response.status_code == 200
    response = client.post("/accounts/login/", {"login": alice.email, "password": PASSWORD})
    # Locked out even with the right password until the window passes.
    assert b"Too many failed login attempts" in response.content
    assert client.get("/members/profile/").status_code == 302
    cache.clear()


def test_it_signs_out(as_person, alice):
    client = as_person(alice)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/members/profile/").status_code == 302

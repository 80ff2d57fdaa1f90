"""TOTP two-factor authentication with recovery codes, through django-allauth's MFA app."""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import hotp_value
from django.core.cache import cache

from tests.factories import PASSWORD


def current_code(secret: str) -> str:
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_it_turns_on_totp_and_then_asks_for_a_code_at_sign_in(client, alice):
    cache.clear()
    r = client.post("/accounts/login/", {"login": alice.email, "password": PASSWORD})
    assert r.status_code == 302
    # Turning on 2FA asks for the password again, even just after signing in.
    assert client.get("/accounts/2fa/totp/activate/").status_code == 302
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=alice, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=alice, type=Authenticator.Type.RECOVERY_CODES).exists()

    client.post("/accounts/logout/")
    cache.clear()
    response = client.post("/accounts/login/", {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"
    assert client.get("/members/profile/").status_code == 302  # not signed in yet
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert client.get("/members/profile/").status_code == 302
    client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert client.get("/members/profile/").status_code == 200

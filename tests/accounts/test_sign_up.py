"""Creating an account: email and password, then verifying the email address."""

import re

from allauth.account.models import EmailAddress
from django.core import mail

from coopcare.members.models import User

PASSWORD = "a long and memorable passphrase"


def sign_up(client, email="new.person@example.org"):
    return client.post(
        "/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_it_sends_a_verification_email_and_holds_sign_in_until_it_is_used(client, db):
    response = sign_up(client)
    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert "new.person@example.org" in mail.outbox[0].to
    assert not EmailAddress.objects.get(email="new.person@example.org").verified

    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="new.person@example.org").verified


def test_it_refuses_a_weak_password_and_creates_nothing(client, db):
    response = client.post(
        "/accounts/signup/",
        {"email": "weak@example.org", "password1": "password", "password2": "password"},
    )
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not User.objects.filter(email="weak@example.org").exists()


def test_it_sends_a_password_reset_link(client, alice):
    response = client.post("/accounts/password/reset/", {"email": alice.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body

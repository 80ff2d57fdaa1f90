from django.test import Client

from coopcare.api.services import create_token
from coopcare.members.models import Profile

URL = "/api/me/profile"


def _csrf_client(person) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _csrf_token(client: Client) -> str:
    client.get("/tokens/")  # any page with a form sets the CSRF cookie
    return client.cookies["csrftoken"].value


def test_it_lets_a_signed_in_browser_read_without_a_csrf_token(alice):
    response = _csrf_client(alice).get(URL)
    assert response.status_code == 200
    assert response.json()["name"] == "Alice Ashworth"


def test_it_refuses_a_change_from_the_session_without_a_csrf_token(alice):
    client = _csrf_client(alice)
    _csrf_token(client)
    response = client.patch(URL, {"pronouns": "she/her"}, content_type="application/json")
    assert response.status_code == 403
    assert Profile.objects.get(person=alice).pronouns == "they/them"


def test_it_accepts_a_change_from_the_session_with_the_csrf_token(alice):
    client = _csrf_client(alice)
    token = _csrf_token(client)
    response = client.patch(
        URL, {"pronouns": "she/her"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200
    assert Profile.objects.get(person=alice).pronouns == "she/her"


def test_it_needs_no_csrf_token_for_a_change_made_with_a_bearer_token(alice):
    _token, raw = create_token(alice, "script", 30)
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = client.patch(URL, {"pronouns": "she/her"}, content_type="application/json")
    assert response.status_code == 200
    assert Profile.objects.get(person=alice).pronouns == "she/her"

from coopcare.audit.models import AuditEvent
from coopcare.members.models import Profile

URL = "/api/me/profile"


def test_it_shows_me_my_whole_profile(as_token, alice):
    body = as_token(alice).get(URL).json()
    assert body["name"] == "Alice Ashworth"
    assert body["postcode"] == "LS6 1AA" and body["pronouns"] == "they/them"
    assert set(body) >= {"phone", "address", "languages", "communication_needs", "updated_at"}


def test_it_changes_only_the_fields_sent(as_token, alice):
    client = as_token(alice)
    response = client.patch(
        URL, {"pronouns": "she/her", "postcode": "ls6 2bb"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["postcode"] == "LS6 2BB"
    profile = Profile.objects.get(person=alice)
    assert (profile.pronouns, profile.postcode, profile.name) == (
        "she/her",
        "LS6 2BB",
        "Alice Ashworth",
    )
    event = AuditEvent.objects.get(action="profile.updated")
    assert event.actor == alice and event.route == "PATCH /api/me/profile"


def test_it_refuses_bad_input_with_the_reason_and_changes_nothing(as_token, alice):
    response = as_token(alice).patch(
        URL,
        {"pronouns": "she/her", "postcode": "12345"},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "postcode" and "postcode" in body["detail"]
    profile = Profile.objects.get(person=alice)
    assert (profile.pronouns, profile.postcode) == ("they/them", "LS6 1AA")
    assert not AuditEvent.objects.filter(action="profile.updated").exists()


def test_it_refuses_an_empty_name(as_token, alice):
    response = as_token(alice).patch(URL, {"name": "  "}, content_type="application/json")
    assert response.status_code == 400 and response.json()["field"] == "name"
    assert Profile.objects.get(person=alice).name == "Alice Ashworth"


def test_it_refuses_a_body_of_the_wrong_shape(as_token, alice):
    response = as_token(alice).patch(URL, {"name": None}, content_type="application/json")
    assert response.status_code == 422
    assert Profile.objects.get(person=alice).name == "Alice Ashworth"


def test_it_ignores_fields_that_are_not_part_of_the_profile(as_token, alice):
    response = as_token(alice).patch(
        URL, {"email": "mallory@example.org"}, content_type="application/json"
    )
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.email == "alice@example.org"


def test_it_lets_an_applicant_edit_their_own_profile(as_person, applicant):
    response = as_person(applicant).patch(
        URL, {"pronouns": "he/him"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert Profile.objects.get(person=applicant).pronouns == "he/him"

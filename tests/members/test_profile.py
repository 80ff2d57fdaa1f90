"""/members/profile/ and the update_profile service."""

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.members.models import Profile
from coopcare.members.services.profiles import update_profile
from tests.factories import UserFactory

URL = "/members/profile/"

GOOD = {
    "name": "Alice Ashworth",
    "pronouns": "she/her",
    "phone": "07700 900123",
    "address": "1 Hyde Park Road\nLeeds",
    "postcode": "ls6 1aa",
    "languages": "English,  BSL ,",
    "communication_needs": "Please write things down for me.",
}


def _profile_state(person) -> dict:
    return Profile.objects.filter(person=person).values(*GOOD).get()


def test_it_sends_anonymous_people_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_shows_my_profile_in_the_form(as_person, alice):
    response = as_person(alice).get(URL)
    assert response.status_code == 200
    assert b'value="Alice Ashworth"' in response.content
    assert b"<h1>My profile</h1>" in response.content


def test_it_saves_my_profile_with_a_tidy_postcode_and_audits_it(as_person, alice):
    response = as_person(alice).post(URL, GOOD, follow=True)
    assert response.redirect_chain[-1][0] == URL
    assert b"Your profile has been saved." in response.content
    profile = Profile.objects.get(person=alice)
    assert profile.postcode == "LS6 1AA"
    assert profile.languages == "English, BSL"
    assert profile.communication_needs == GOOD["communication_needs"]
    event = AuditEvent.objects.get(action="profile.updated")
    assert event.actor == alice and event.subject == alice
    assert event.route == "POST /members/profile/"
    assert event.changes["pronouns"] == ["they/them", "she/her"]
    assert "name" not in event.changes  # unchanged fields are not listed
    latest = profile.history.latest()
    assert latest.history_user == alice and latest.pronouns == "she/her"


def test_it_lets_an_applicant_edit_their_profile(as_person, applicant):
    response = as_person(applicant).post(URL, {**GOOD, "name": "Ann Applicant"})
    assert response.status_code == 302
    assert Profile.objects.get(person=applicant).pronouns == "she/her"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "LS6 1A", b"Enter a UK postcode, like LS6 1AA."),
        ("postcode", "NOT A CODE", b"Enter a UK postcode"),
        ("phone", "call me maybe", b"Enter a phone number"),
        ("phone", "123", b"Enter a phone number"),
        ("name", "   ", b"This field is required."),
        ("pronouns", "x" * 41, b"Ensure this value has at most 40 characters"),
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(as_person, alice, field, value, message):
    before = _profile_state(alice)
    response = as_person(alice).post(URL, {**GOOD, field: value})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert message in response.content
    assert f'href="#id_{field}"'.encode() in response.content
    assert _profile_state(alice) == before
    assert not AuditEvent.objects.filter(action="profile.updated").exists()


@pytest.mark.parametrize(
    ("given", "stored"),
    [("ls61aa", "LS6 1AA"), ("SW1A 1AA", "SW1A 1AA"), (" m1  1ae ", "M1 1AE"), ("", "")],
)
def test_it_normalises_uk_postcodes(alice, given, stored):
    assert update_profile(alice, alice, {"postcode": given}).postcode == stored


def test_it_refuses_to_let_someone_edit_another_persons_profile(alice, bob):
    with pytest.raises(NotAllowed):
        update_profile(bob, alice, {"pronouns": "he/him"})
    assert Profile.objects.get(person=alice).pronouns == "they/them"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "x@example.org"}, "email"),
        ({"name": 42}, "name"),
        ({"address": "a\x00b"}, "address"),
        ({"communication_needs": "x" * 2001}, "communication_needs"),
    ],
)
def test_it_refuses_fields_it_does_not_own_and_bad_values(alice, data, field):
    with pytest.raises(DomainError) as caught:
        update_profile(alice, alice, data)
    assert caught.value.field == field
    assert not AuditEvent.objects.exists()


def test_it_creates_a_profile_when_the_person_has_none(db):
    person = UserFactory(profile=None)
    profile = update_profile(person, person, {"name": "New Person"})
    assert Profile.objects.get(person=person).name == "New Person" == profile.name
    assert AuditEvent.objects.get(action="profile.updated").changes == {"name": ["", "New Person"]}


def test_it_writes_nothing_when_nothing_changed(alice):
    history_before = Profile.objects.get(person=alice).history.count()
    update_profile(alice, alice, {"name": "Alice Ashworth"})
    assert not AuditEvent.objects.exists()
    assert Profile.objects.get(person=alice).history.count() == history_before

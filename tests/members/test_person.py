"""/members/<id>/ — a person's page, and the read_person service behind it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.audit.models import AuditEvent
from coopcare.members.privacy import ALL_SECTIONS
from coopcare.members.services.profiles import read_person, set_privacy_choice, update_profile
from tests.factories import HatFactory, MembershipFactory, UserFactory, hat_type


def _url(person) -> str:
    return f"/members/{person.pk}/"


@pytest.fixture
def alice_shared(alice, leeds_circle):
    """Alice with a full profile and a hat, on her default privacy choices."""
    update_profile(
        alice,
        alice,
        {
            "phone": "07700 900555",
            "address": "1 Secret Street",
            "postcode": "LS2 9JT",
            "languages": "English, Urdu",
        },
    )
    HatFactory(holder=alice, circle=leeds_circle, hat_type=hat_type("coach"))
    return alice


def test_it_sends_anonymous_people_to_sign_in(client, alice):
    response = client.get(_url(alice))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_hides_members_from_an_applicant(as_person, applicant, alice):
    assert as_person(applicant).get(_url(alice)).status_code == 404
    assert not AuditEvent.objects.filter(kind="read").exists()


def test_it_hides_applicants_and_unknown_or_closed_accounts_from_members(
    as_person, alice, applicant
):
    closed = UserFactory(is_active=False)
    MembershipFactory(person=closed)
    client = as_person(alice)
    for path in (_url(applicant), _url(closed), "/members/999999/"):
        assert client.get(path).status_code == 404, path


def test_it_shows_a_member_only_the_sections_they_may_see(as_person, alice_shared, bob):
    html = as_person(bob).get(_url(alice_shared)).content.decode()
    assert "<h1>Alice Ashworth</h1>" in html
    assert "Worker member" in html  # membership: shared with her circle by default
    assert "Coach in Leeds Circle" in html  # hats: shared with all members
    for hidden in ("alice@example.org", "07700 900555", "Secret Street", "LS2 9JT", "Urdu"):
        assert hidden not in html
    assert "Email address" not in html and "Postcode" not in html  # absent, not "hidden"


def test_it_shows_less_to_a_member_of_another_circle(as_person, alice_shared, dan):
    html = as_person(dan).get(_url(alice_shared)).content.decode()
    assert "Alice Ashworth" in html and "Coach in Leeds Circle" in html
    assert "Worker member" not in html


def test_it_shows_contact_details_to_a_person_named(as_person, alice_shared, bob, dan):
    set_privacy_choice(alice_shared, alice_shared, "contact", "named", [dan])
    assert "07700 900555" in as_person(dan).get(_url(alice_shared)).content.decode()
    assert "07700 900555" not in as_person(bob).get(_url(alice_shared)).content.decode()


def test_it_records_the_read_in_the_access_log(as_person, alice_shared, bob):
    as_person(bob).get(_url(alice_shared))
    event = AuditEvent.objects.get(kind="read")
    assert event.action == "profile.viewed"
    assert (event.actor, event.subject) == (bob, alice_shared)
    assert event.route == f"GET /members/{alice_shared.pk}/"
    assert event.target_type == "members.profile"
    assert event.detail == {"sections": ["name", "membership", "hats"]}


def test_it_does_not_record_my_own_reads(as_person, alice_shared):
    html = as_person(alice_shared).get(_url(alice_shared)).content.decode()
    assert "07700 900555" in html and "LS2 9JT" in html
    assert not AuditEvent.objects.filter(kind="read").exists()


def test_it_records_nothing_when_nothing_is_shared(as_person, alice, bob):
    for section in ALL_SECTIONS:
        set_privacy_choice(alice, alice, section, "only_me")
    response = as_person(bob).get(_url(alice))
    assert response.status_code == 200
    html = response.content.decode()
    assert "A member (name not shared)" in html and "Alice" not in html
    assert not AuditEvent.objects.filter(kind="read").exists()


def test_it_returns_only_visible_fields_from_the_service(alice_shared, dan):
    view = read_person(dan, alice_shared)
    assert view.sections == ["name", "hats"]
    assert view.name == "Alice Ashworth" and view.hats[0]["hat"] == "Coach"
    assert view.email is None and view.phone is None and view.postcode is None
    assert view.memberships is None and view.languages is None


def _count_queries(client, person) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(person)).status_code == 200
    return len(queries)


def test_its_query_count_does_not_grow_with_the_persons_data(
    as_person, alice_shared, bob, dan, leeds_circle
):
    set_privacy_choice(alice_shared, alice_shared, "contact", "named", [bob])
    client = as_person(bob)
    one_hat = _count_queries(client, alice_shared)
    for slug in ("recruiter", "leader", "secretary", "learning-lead"):
        HatFactory(holder=alice_shared, circle=leeds_circle, hat_type=hat_type(slug))
    set_privacy_choice(alice_shared, alice_shared, "contact", "named", [bob, dan])
    assert _count_queries(client, alice_shared) == one_hat

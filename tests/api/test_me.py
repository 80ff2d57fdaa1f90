from coopcare.members.models import Membership
from tests.factories import MembershipFactory

URL = "/api/me"


def test_it_tells_a_member_who_they_are(as_token, alice):
    MembershipFactory(person=alice, member_class="investor", worker_kind="")
    ended = MembershipFactory(person=alice, member_class="advocate", worker_kind="")
    Membership.objects.filter(pk=ended.pk).update(ended_at="2025-01-01T00:00Z")
    body = as_token(alice).get(URL).json()
    assert body["id"] == alice.pk
    assert body["email"] == "alice@example.org"
    assert body["name"] == "Alice Ashworth"
    assert body["is_member"] is True
    classes = [(m["member_class"], m["worker_kind"]) for m in body["memberships"]]
    assert classes == [("worker", "independent"), ("investor", "")]
    assert all(m["since"] for m in body["memberships"])


def test_it_tells_an_applicant_they_are_not_yet_a_member(as_person, applicant):
    body = as_person(applicant).get(URL).json()
    assert body["is_member"] is False and body["memberships"] == []


def test_it_refuses_an_anonymous_caller(client, db):
    assert client.get(URL).status_code == 401

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.members.models import PrivacyChoice
from tests.factories import HatFactory, MembershipFactory, UserFactory, hat_type

URL = "/api/hats"


def test_it_lists_the_hats_worn_now_in_one_circle(as_token, alice, bob, carol, leeds_circle):
    leader = HatFactory(holder=bob, circle=leeds_circle, hat_type=hat_type("leader"))
    body = as_token(alice).get(URL + "?circle=leeds").json()
    assert body["count"] == 1
    assert body["items"][0]["id"] == leader.pk
    assert body["items"][0]["holder"] == {"id": bob.pk, "name": "Bob Brierley"}
    everywhere = as_token(alice).get(URL).json()
    assert everywhere["count"] == 2  # carol's admissions hat too


def test_it_names_a_holder_only_where_their_name_is_visible(as_token, alice, dan, leeds_circle):
    HatFactory(holder=dan, circle=leeds_circle, hat_type=hat_type("coach"))
    PrivacyChoice.objects.create(person=dan, section="name", audience="circle")
    body = as_token(alice).get(URL + "?circle=leeds").json()
    assert body["items"][0]["holder"] is None
    assert "Dan Dewhurst" not in str(body)


def test_it_keeps_the_query_count_flat_as_hats_and_holders_grow(as_token, alice, leeds_circle):
    client = as_token(alice)
    HatFactory(holder=alice, circle=leeds_circle)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx)

    client.get(URL)
    small = count()
    for _ in range(30):
        holder = UserFactory()
        MembershipFactory(person=holder)
        HatFactory(holder=holder, circle=leeds_circle)
    assert count() == small
    assert len(client.get(URL).json()["items"]) == 25


def test_it_answers_404_for_an_unknown_circle(as_token, alice):
    assert as_token(alice).get(URL + "?circle=atlantis").status_code == 404


def test_it_refuses_someone_who_is_not_a_member(as_person, applicant):
    assert as_person(applicant).get(URL).status_code == 403

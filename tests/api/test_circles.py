import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.members.models import PrivacyChoice
from tests.factories import CircleFactory, HatFactory, hat_type

LIST = "/api/circles"


def test_it_lists_circles_a_page_at_a_time(as_token, alice, leeds_circle, hebden_circle):
    body = as_token(alice).get(LIST).json()
    assert body["count"] == 3
    rows = {row["slug"]: row for row in body["items"]}
    assert rows["leeds"] == {
        "id": leeds_circle.pk,
        "slug": "leeds",
        "name": "Leeds Circle",
        "kind": "local",
        "parent": "purpose",
    }
    assert rows["purpose"]["parent"] is None


def test_it_keeps_the_list_query_count_flat(as_token, alice, leeds_circle):
    client = as_token(alice)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST).status_code == 200
        return len(ctx)

    client.get(LIST)
    small = count()
    for n in range(30):
        CircleFactory(parent=leeds_circle, name=f"Street circle {n}")
    assert count() == small
    page_two = client.get(LIST + "?page=2").json()
    assert page_two["count"] == 32 and len(page_two["items"]) == 7


def test_it_keeps_the_detail_query_count_flat(as_token, alice, leeds_circle):
    client = as_token(alice)
    HatFactory(holder=alice, circle=leeds_circle)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{LIST}/leeds").status_code == 200
        return len(ctx)

    client.get(f"{LIST}/leeds")
    small = count()
    for n in range(10):
        CircleFactory(parent=leeds_circle, name=f"Street circle {n}")
        HatFactory(circle=leeds_circle)
    assert count() == small


def test_it_shows_a_circle_with_its_parent_children_and_hats(as_token, alice, bob, leeds_circle):
    CircleFactory(
        name="Headingley Helping Circle",
        slug="headingley",
        kind="helping",
        parent=leeds_circle,
        closes_on=datetime.date(2030, 1, 31),
    )
    hat = HatFactory(
        holder=bob,
        circle=leeds_circle,
        hat_type=hat_type("leader"),
        review_on=datetime.date(2030, 4, 1),
    )
    body = as_token(alice).get(f"{LIST}/leeds").json()
    assert body["aim"] == leeds_circle.aim and body["domain"] == leeds_circle.domain
    assert body["parent"] == {"slug": "purpose", "name": "Purpose Circle"}
    assert body["children"] == [{"slug": "headingley", "name": "Headingley Helping Circle"}]
    assert body["hats"] == [
        {
            "id": hat.pk,
            "circle": "leeds",
            "hat_type": {"slug": "leader", "name": "Leader", "scope": "process"},
            "holder": {"id": bob.pk, "name": "Bob Brierley"},
            "started_on": hat.started_on.isoformat(),
            "review_on": "2030-04-01",
            "ends_on": None,
        }
    ]


def test_it_hides_a_holder_who_does_not_share_their_hats(as_token, alice, bob, leeds_circle):
    HatFactory(holder=bob, circle=leeds_circle, hat_type=hat_type("leader"))
    PrivacyChoice.objects.create(person=bob, section="hats", audience="only_me")
    body = as_token(alice).get(f"{LIST}/leeds").json()
    assert body["hats"][0]["hat_type"]["slug"] == "leader"
    assert body["hats"][0]["holder"] is None
    assert "Bob Brierley" not in str(body)


def test_it_leaves_out_hats_that_have_ended(as_token, alice, bob, leeds_circle):
    HatFactory(
        holder=bob,
        circle=leeds_circle,
        started_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 1, 1),
    )
    assert as_token(alice).get(f"{LIST}/leeds").json()["hats"] == []


def test_it_answers_404_for_an_unknown_circle(as_token, alice):
    assert as_token(alice).get(f"{LIST}/atlantis").status_code == 404


def test_it_refuses_someone_who_is_not_a_member(as_person, applicant, leeds_circle):
    client = as_person(applicant)
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}/leeds").status_code == 403
    # Not a member: refused before the lookup, so an unknown slug says nothing more.
    assert client.get(f"{LIST}/atlantis").status_code == 403

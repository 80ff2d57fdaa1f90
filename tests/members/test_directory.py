"""/members/ — the member directory."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coopcare.members.services.profiles import set_privacy_choice, update_profile
from tests.factories import (
    CircleMembershipFactory,
    HatFactory,
    MembershipFactory,
    UserFactory,
    hat_type,
)

URL = "/members/"


def _members(count: int, circle=None, **profile) -> list:
    people = []
    for _ in range(count):
        person = UserFactory(**{f"profile__{k}": v for k, v in profile.items()})
        MembershipFactory(person=person)
        if circle is not None:
            CircleMembershipFactory(person=person, circle=circle)
        people.append(person)
    return people


def _names(html: str) -> list[str]:
    return re.findall(r'<a href="/members/\d+/">([^<]+)</a>', html)


def test_it_sends_anonymous_people_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_refuses_a_signed_in_non_member(as_person, applicant):
    assert as_person(applicant).get(URL).status_code == 403


def test_it_lists_current_members_only_ordered_by_name(as_person, alice, bob, dan, applicant):
    former = UserFactory(profile__name="Fay Former")
    MembershipFactory(person=former, ended_at=timezone.now(), end_reason="resigned")
    html = as_person(bob).get(URL).content.decode()
    assert _names(html) == ["Alice Ashworth", "Bob Brierley", "Dan Dewhurst"]
    assert "Ann Applicant" not in html and "Fay Former" not in html


def test_it_shows_a_hidden_name_as_a_member_without_a_name(as_person, alice, bob, dan):
    set_privacy_choice(alice, alice, "name", "only_me")
    html = as_person(dan).get(URL).content.decode()
    assert "Alice Ashworth" not in html
    # People whose name is hidden come last, so the order gives nothing away.
    assert _names(html) == ["Bob Brierley", "Dan Dewhurst", "A member (name not shared)"]
    assert f'href="/members/{alice.pk}/"' in html


def test_it_shows_only_the_columns_each_member_shares(as_person, alice, bob, dan, leeds_circle):
    update_profile(alice, alice, {"postcode": "LS2 9JT"})
    set_privacy_choice(alice, alice, "location", "circle")
    HatFactory(holder=alice, circle=leeds_circle, hat_type=hat_type("coach"))
    bob_sees = as_person(bob).get(URL).content.decode()
    dan_sees = as_person(dan).get(URL).content.decode()
    assert "LS2 9JT" in bob_sees and "LS2 9JT" not in dan_sees
    assert "Coach (Leeds Circle)" in bob_sees and "Coach (Leeds Circle)" in dan_sees


def test_it_searches_names_the_viewer_may_see(as_person, alice, bob, dan):
    html = as_person(alice).get(URL, {"q": "brier"}).content.decode()
    assert _names(html) == ["Bob Brierley"]
    assert "1 member whose name matches" in html


def test_its_search_never_finds_a_hidden_name(as_person, alice, bob, dan):
    set_privacy_choice(dan, dan, "name", "circle")  # Hebden only: alice may not see it
    for term in ("Dewhurst", "dew", "D"):
        html = as_person(alice).get(URL, {"q": term}).content.decode()
        assert _names(html) == []
        assert "Dan Dewhurst" not in html
    assert "Dan Dewhurst" in as_person(dan).get(URL, {"q": "Dewhurst"}).content.decode()


def test_it_refuses_an_overlong_search_without_failing(as_person, alice):
    response = as_person(alice).get(URL, {"q": "x" * 101})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_it_shows_25_members_a_page(as_person, alice, leeds_circle):
    _members(30, leeds_circle)
    client = as_person(alice)
    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": 2}).content.decode()
    assert len(_names(first)) == 25 and len(_names(second)) == 6
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    assert not set(_names(first)) & set(_names(second))
    assert client.get(URL, {"page": "lots"}).status_code == 200


def _count_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


def test_its_query_count_is_the_same_with_5_and_40_members(as_person, alice, leeds_circle):
    client = as_person(alice)
    _members(4, leeds_circle)
    few, few_search = _count_queries(client), _count_queries(client, q="a")
    people = _members(36, leeds_circle, name="Anna Example")
    for person in people[::3]:
        set_privacy_choice(person, person, "name", "circle")
        HatFactory(holder=person, circle=leeds_circle)
    assert _count_queries(client) == few
    assert _count_queries(client, q="a") == few_search


def _hrefs(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<a href="/members/(\d+)/">', html)]


def _everyone_in_order(client, pages: int) -> list[int]:
    seen = []
    for number in range(1, pages + 1):
        seen += _hrefs(client.get(URL, {"page": number}).content.decode())
    return seen


def _by_name(person) -> tuple[str, int]:
    return person.profile.name.lower(), person.pk


def test_it_lists_every_member_once_names_first_then_the_rest_by_id(
    as_person, alice, bob, dan, leeds_circle, hebden_circle
):
    """28 members on two pages: the 21 names end inside page 1, where the other 7 begin."""
    shown = [alice, bob, dan]
    rest = []
    for n, person in enumerate(_members(21, leeds_circle)):
        # Names run against the order of ids, so an order by hidden names would show.
        backwards = 20 - n
        update_profile(
            person, person, {"name": f"Zed {chr(97 + backwards // 26)}{chr(97 + backwards % 26)}"}
        )
        if n % 7 == 0:
            set_privacy_choice(person, person, "name", "only_me")
            rest.append(person)
        elif n % 7 == 1:
            set_privacy_choice(person, person, "name", "circle")  # alice shares Leeds
            shown.append(person)
        else:
            shown.append(person)
    for person in _members(2, hebden_circle, name="Yan Hebden"):
        set_privacy_choice(person, person, "name", "circle")  # not alice's circle
        rest.append(person)
    for person in _members(2, leeds_circle):
        person.profile.delete()  # a member who has not written a profile yet
        rest.append(person)
    client = as_person(alice)
    first = client.get(URL).content.decode()
    assert "28 members" in first and "Page 1 of 2" in first
    for person in shown:
        person.profile.refresh_from_db()
    expected = [p.pk for p in sorted(shown, key=_by_name)]
    expected += sorted(p.pk for p in rest)
    assert _everyone_in_order(client, 2) == expected
    names = _names(first)
    assert names[:21] == [p.profile.name for p in sorted(shown, key=_by_name)]
    assert names[21:] == ["A member (name not shared)"] * 4


def test_its_count_and_search_count_only_names_the_viewer_may_see(as_person, alice, bob, dan):
    set_privacy_choice(dan, dan, "name", "circle")
    client = as_person(alice)
    assert "3 members" in client.get(URL).content.decode()
    html = client.get(URL, {"q": "d"}).content.decode()
    assert "0 members whose names match" in html  # Dan's name is hidden from alice
    assert "1 member whose name matches" in as_person(bob).get(URL, {"q": "brier"}).content.decode()


def test_its_query_count_is_the_same_on_every_page(as_person, alice, leeds_circle):
    for n, person in enumerate(_members(40, leeds_circle)):
        if n % 4 == 0:
            set_privacy_choice(person, person, "name", "only_me")
    client = as_person(alice)  # page 1: names only; page 2: the last names, then the rest
    counts = {page: _count_queries(client, page=page) for page in (1, 2)}
    assert len(set(counts.values())) == 1, counts

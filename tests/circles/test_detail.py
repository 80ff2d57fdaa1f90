import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.circles.models import Circle
from coopcare.members.models import Audience, PrivacyChoice, Section
from tests.factories import (
    CircleFactory,
    CircleMembershipFactory,
    HatFactory,
    MembershipFactory,
    UserFactory,
    hat_type,
)

URL = "/circles/leeds/"


def _hats_table(html: str) -> str:
    return html[html.index('id="hats"') : html.index("Hats nobody wears")]


def _count(client, url: str = URL) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx), "\n".join(q["sql"] for q in ctx.captured_queries)


def _new_member(circle, participation: str = "full"):
    person = UserFactory()
    MembershipFactory(person=person)
    CircleMembershipFactory(person=person, circle=circle, participation=participation)
    return person


def test_it_shows_a_member_the_circle_with_its_members_and_hats(
    as_person, alice, bob, leeds_circle, purpose_circle
):
    CircleFactory(
        name="Headingley Helping Circle",
        kind=Circle.Kind.HELPING,
        parent=leeds_circle,
        closes_on=datetime.date(2030, 1, 31),
    )
    CircleMembershipFactory(
        person=_new_member(purpose_circle), circle=leeds_circle, participation="guest"
    )
    HatFactory(
        holder=bob,
        circle=leeds_circle,
        hat_type=hat_type("leader"),
        started_on=datetime.date(2025, 4, 1),
        review_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2099, 3, 31),
    )
    response = as_person(alice).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Start, support and end teams in our area." in html
    assert "Teams in our area; local recruiting." in html
    assert 'href="/circles/purpose/"' in html
    assert "Headingley Helping Circle" in html and "Closes on 31 January 2030" in html
    assert "Alice Ashworth" in html and "Bob Brierley" in html
    assert "Full participant" in html and "Guest" in html
    hats = _hats_table(html)
    assert "Leader" in hats and "Bob Brierley" in hats
    assert "1 Apr 2025" in hats and "1 Apr 2026" in hats and "31 Mar 2099" in hats
    unworn = html[html.index("Hats nobody wears") : html.index('id="members"')]
    assert "<strong>Delegate</strong>" in unworn and "<strong>Leader</strong>" not in unworn
    # Admitting members is the Purpose Circle's domain, not a local circle's.
    assert "Admissions" not in unworn


def test_it_lists_the_admissions_hat_only_in_the_purpose_circle(as_person, carol):
    html = as_person(carol).get("/circles/purpose/").content.decode()
    assert "Admissions" in _hats_table(html)


def test_it_leaves_out_hats_that_have_ended(as_person, alice, bob, leeds_circle):
    HatFactory(
        holder=bob,
        circle=leeds_circle,
        hat_type=hat_type("secretary"),
        started_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 1, 1),
    )
    html = as_person(alice).get(URL).content.decode()
    assert "Secretary" not in _hats_table(html)


def test_it_hides_a_holder_who_does_not_share_their_name(as_person, alice, bob, leeds_circle):
    PrivacyChoice.objects.create(person=bob, section=Section.NAME, audience=Audience.ONLY_ME)
    HatFactory(holder=bob, circle=leeds_circle, hat_type=hat_type("facilitator"))
    html = as_person(alice).get(URL).content.decode()
    assert "Bob Brierley" not in html
    assert "A member (name not shared)" in _hats_table(html)


def test_it_hides_a_holder_who_does_not_share_their_hats(as_person, alice, bob, leeds_circle):
    PrivacyChoice.objects.create(person=bob, section=Section.HATS, audience=Audience.ONLY_ME)
    HatFactory(holder=bob, circle=leeds_circle, hat_type=hat_type("facilitator"))
    html = as_person(alice).get(URL).content.decode()
    hats = _hats_table(html)
    assert "Bob Brierley" not in hats and "A member (name not shared)" in hats


def test_it_shows_the_holder_to_themself(as_person, bob, leeds_circle):
    PrivacyChoice.objects.create(person=bob, section=Section.NAME, audience=Audience.ONLY_ME)
    HatFactory(holder=bob, circle=leeds_circle, hat_type=hat_type("facilitator"))
    assert "Bob Brierley" in _hats_table(as_person(bob).get(URL).content.decode())


def test_it_refuses_an_applicant(as_person, applicant, leeds_circle):
    assert as_person(applicant).get(URL).status_code == 403


def test_it_refuses_an_applicant_an_unknown_circle_the_same_way(as_person, applicant):
    assert as_person(applicant).get("/circles/no-such-circle/").status_code == 403


def test_it_sends_an_anonymous_visitor_to_sign_in(client, leeds_circle):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_answers_404_for_an_unknown_circle(as_person, alice):
    assert as_person(alice).get("/circles/no-such-circle/").status_code == 404


def test_it_shows_a_member_of_another_circle_too(as_person, dan, leeds_circle):
    assert as_person(dan).get(URL).status_code == 200


def test_it_pages_a_long_member_list(as_person, alice, leeds_circle):
    for _ in range(30):
        _new_member(leeds_circle)
    client = as_person(alice)
    first = client.get(URL).content.decode()
    assert "Members (31)" in first and "Page 1 of 2" in first
    second = client.get(URL + "?page=2").content.decode()
    assert "Page 2 of 2" in second
    assert second.count('<th scope="row">') == 6  # 31 members, 25 on page one


def test_it_uses_the_same_number_of_queries_for_few_and_many_members_and_hats(
    as_person, alice, bob, leeds_circle, hebden_circle
):
    HatFactory(holder=bob, circle=leeds_circle, hat_type=hat_type("leader"))
    CircleFactory(parent=leeds_circle)
    client = as_person(alice)
    client.get(URL)  # warm caches that are not about circles (sessions, content types)
    few, _ = _count(client)
    slugs = [
        "delegate",
        "facilitator",
        "secretary",
        "logbook-keeper",
        "coach",
        "recruiter",
        "team-starter",
        "learning-lead",
    ]
    for n in range(40):
        person = _new_member(leeds_circle, participation=["full", "learning", "guest"][n % 3])
        if n % 4 == 0:
            PrivacyChoice.objects.create(
                person=person, section=Section.NAME, audience=Audience.CIRCLE
            )
        if n < len(slugs):
            HatFactory(holder=person, circle=leeds_circle, hat_type=hat_type(slugs[n]))
    for _ in range(5):
        CircleFactory(parent=leeds_circle)
    many, sql = _count(client)
    assert many == few, sql
    assert _count(client, URL + "?page=2")[0] == few


def test_it_lists_members_with_hidden_names_last(as_person, alice, bob, leeds_circle):
    hidden = _new_member(leeds_circle)
    hidden.profile.name = "Aaron Aardvark"
    hidden.profile.save()
    PrivacyChoice.objects.create(person=hidden, section=Section.NAME, audience=Audience.ONLY_ME)
    html = as_person(alice).get(URL).content.decode()
    members = html[html.index('id="members"') :]
    assert "Aaron Aardvark" not in html
    assert members.index("Bob Brierley") < members.index("A member (name not shared)")

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.circles.models import Circle
from tests.factories import CircleFactory

URL = "/circles/"


def _queries(client) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert response.status_code == 200
    return len(ctx), [q["sql"] for q in ctx.captured_queries]


def test_it_shows_the_whole_tree_to_a_member(as_person, alice, dan, purpose_circle):
    places = CircleFactory(
        name="Yorkshire Places Circle", kind=Circle.Kind.PLACES, parent=purpose_circle
    )
    CircleFactory(name="Otley Circle", parent=places, aim="Care in and around Otley.")
    response = as_person(alice).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for name in [
        "Purpose Circle",
        "Leeds Circle",
        "Hebden Circle",
        "Yorkshire Places Circle",
        "Otley Circle",
        "Care in and around Otley.",
    ]:
        assert name in html
    assert 'href="/circles/leeds/"' in html
    assert "Places Circle</span>" in html
    # Nested: Otley sits inside Yorkshire Places, which sits inside Purpose.
    assert html.index("Purpose Circle") < html.index("Yorkshire Places") < html.index("Otley")


def test_it_marks_a_helping_circle_with_its_closing_date(as_person, alice, purpose_circle):
    CircleFactory(
        name="Winter Cover Helping Circle",
        kind=Circle.Kind.HELPING,
        parent=purpose_circle,
        closes_on="2030-03-31",
    )
    response = as_person(alice).get(URL)
    assert "Closes on 31 March 2030" in response.content.decode()


def test_it_refuses_an_applicant(as_person, applicant, purpose_circle):
    assert as_person(applicant).get(URL).status_code == 403


def test_it_sends_an_anonymous_visitor_to_sign_in(client, purpose_circle):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_uses_the_same_number_of_queries_for_3_and_30_circles(as_person, alice, leeds_circle):
    client = as_person(alice)
    CircleFactory(parent=leeds_circle)
    client.get(URL)  # warm caches that are not about circles (sessions, content types)
    small, _ = _queries(client)
    parent = leeds_circle
    for n in range(27):
        parent = CircleFactory(parent=parent if n % 3 else leeds_circle)
    assert Circle.objects.count() == 30
    large, sql = _queries(client)
    assert large == small, "\n".join(sql)

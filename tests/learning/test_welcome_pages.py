"""Welcome route pages: the circle's list, starting one, the checklist, ticking, the buddy."""

from django.urls import reverse

from coopcare.learning.models import WelcomeRoute
from coopcare.learning.services.welcome import start_welcome


def test_the_coach_lists_and_starts_routes(as_person, coach, leeds_circle, alice, worker):
    client = as_person(coach)
    url = reverse("learning:welcome_list", args=[leeds_circle.pk])
    assert b"no open or recent" in client.get(url).content
    form = client.get(reverse("learning:welcome_new", args=[leeds_circle.pk]))
    assert "Alice Ashworth" in form.content.decode()
    response = client.post(
        reverse("learning:welcome_new", args=[leeds_circle.pk]),
        {"newcomer": alice.pk, "welcomer": "", "buddy": worker.pk},
    )
    route = WelcomeRoute.objects.get()
    assert response.url == reverse("learning:welcome", args=[route.pk])
    listed = client.get(url).content.decode()
    assert "Alice Ashworth" in listed and "Wren Walker" in listed


def test_a_refused_start_explains_itself(as_person, coach, leeds_circle, alice):
    start_welcome(coach, leeds_circle, alice)
    response = as_person(coach).post(
        reverse("learning:welcome_new", args=[leeds_circle.pk]), {"newcomer": alice.pk}
    )
    assert response.status_code == 200
    assert "already have a welcome route open" in response.content.decode()
    assert WelcomeRoute.objects.count() == 1


def test_a_coach_of_another_circle_and_members_are_refused(
    as_person, other_coach, alice, leeds_circle, outsider
):
    for person, status in ((other_coach, 403), (alice, 403)):
        client = as_person(person)
        assert client.get(reverse("learning:welcome_list", args=[leeds_circle.pk])).status_code == (
            status
        )
        response = client.post(
            reverse("learning:welcome_new", args=[leeds_circle.pk]), {"newcomer": outsider.pk}
        )
        assert response.status_code == status
    assert not WelcomeRoute.objects.exists()


def test_the_newcomer_sees_and_ticks_their_route(as_person, coach, leeds_circle, alice):
    route = start_welcome(coach, leeds_circle, alice)
    client = as_person(alice)
    page = client.get(reverse("learning:welcome", args=[route.pk])).content.decode()
    assert "Welcome!" in page and "Cora Coach" in page
    response = client.post(
        reverse("learning:welcome_tick", args=[route.pk]),
        {"step": "circle_meeting", "done": "1", "note": "Warm welcome"},
    )
    assert response.status_code == 302
    page = client.get(reverse("learning:welcome", args=[route.pk])).content.decode()
    assert "Warm welcome" in page and "Ticked: Came to a first circle meeting." in page


def test_a_bad_tick_is_refused_with_a_message(as_person, coach, leeds_circle, alice):
    route = start_welcome(coach, leeds_circle, alice)
    client = as_person(alice)
    response = client.post(
        reverse("learning:welcome_tick", args=[route.pk]),
        {"step": "buddy", "done": "1"},
        follow=True,
    )
    assert "Choose the buddy first" in response.content.decode()
    response = client.post(reverse("learning:welcome_tick", args=[route.pk]), {}, follow=True)
    assert "Choose a step" in response.content.decode()
    assert not route.ticks.exists()


def test_the_route_is_hidden_from_everyone_else(
    as_person, coach, leeds_circle, alice, bob, other_coach, admin
):
    route = start_welcome(coach, leeds_circle, alice)
    for person in (bob, other_coach, admin):
        client = as_person(person)
        assert client.get(reverse("learning:welcome", args=[route.pk])).status_code == 404
        tick = client.post(
            reverse("learning:welcome_tick", args=[route.pk]), {"step": "shadowing", "done": "1"}
        )
        assert tick.status_code == 404
        assert client.get(reverse("learning:welcome_buddy", args=[route.pk])).status_code == 404
    assert not route.ticks.exists()


def test_choosing_a_buddy_ticks_the_step(as_person, coach, leeds_circle, alice, worker):
    route = start_welcome(coach, leeds_circle, alice)
    client = as_person(coach)
    assert (
        "Wren Walker"
        in client.get(reverse("learning:welcome_buddy", args=[route.pk])).content.decode()
    )
    response = client.post(reverse("learning:welcome_buddy", args=[route.pk]), {"buddy": worker.pk})
    assert response.status_code == 302
    route.refresh_from_db()
    assert route.buddy == worker and route.ticks.filter(step="buddy").exists()


def test_the_learning_step_links_to_the_sessions(as_person, coach, leeds_circle, alice):
    route = start_welcome(coach, leeds_circle, alice)
    page = as_person(alice).get(reverse("learning:welcome", args=[route.pk])).content.decode()
    try:
        sessions = reverse("learning:sessions")
    except Exception:  # the sessions part is not mounted yet
        return
    assert f'href="{sessions}"' in page


def test_the_list_query_count_does_not_grow_with_routes(as_person, coach, leeds_circle, worker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import _member

    client = as_person(coach)
    url = reverse("learning:welcome_list", args=[leeds_circle.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    start_welcome(coach, leeds_circle, worker)
    small = count()
    for i in range(5):
        person = _member(leeds_circle, email=f"new{i}@example.org", profile__name=f"New {i}")
        start_welcome(coach, leeds_circle, person, buddy=worker)
    assert count() == small

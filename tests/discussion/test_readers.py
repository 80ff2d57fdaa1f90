"""Who reads a team's discussion: the team as it was when each message was posted."""

import datetime

from django.utils import timezone

from coopcare.discussion.selectors import reading_windows
from coopcare.discussion.services import post_reply, start_thread
from coopcare.teams.models import Representative
from tests.discussion.helpers import joined, left, posted_days_ago, representation_ended


def _url(team, thread=None) -> str:
    if thread is None:
        return f"/teams/{team.pk}/discussion/"
    return f"/teams/{team.pk}/discussion/threads/{thread.pk}/"


def test_it_shows_a_member_the_thread_and_its_messages(as_person, team, thread, family):
    page = as_person(family).get(_url(team, thread)).content.decode()
    assert "Can someone swap with me on Tuesday?" in page
    assert "I can do Tuesday." in page
    assert "Tuesday&#x27;s visit" in as_person(family).get(_url(team)).content.decode()


def test_it_answers_404_to_someone_outside_the_team(as_person, team, thread, outsider, bob):
    for person in (outsider, bob):
        assert as_person(person).get(_url(team)).status_code == 404
        assert as_person(person).get(_url(team, thread)).status_code == 404


def test_it_answers_404_to_a_superuser_and_to_the_team_starter(
    as_person, team, thread, admin, team_starter
):
    for person in (admin, team_starter):
        assert as_person(person).get(_url(team, thread)).status_code == 404


def test_it_answers_404_for_a_team_that_does_not_exist(as_person, owner):
    assert as_person(owner).get("/teams/999999/discussion/").status_code == 404


def test_it_sends_an_anonymous_visitor_to_sign_in(client, team, thread):
    response = client.get(_url(team, thread))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_lets_a_representative_read_and_post(as_person, team, thread, representative):
    client = as_person(representative)
    assert "I can do Tuesday." in client.get(_url(team, thread)).content.decode()
    response = client.post(_url(team, thread), {"body": "I will ring the agency."})
    assert response.status_code == 302
    assert thread.messages.filter(author=representative).exists()


def test_it_hides_messages_posted_after_a_member_left(as_person, team, owner, worker):
    joined(team, worker, 10)
    earlier = start_thread(owner, team, "Rota", "The rota for May is up.")
    posted_days_ago(earlier.messages.get(), 5)
    left(team, worker, 2)
    later = start_thread(owner, team, "After Wren", "Who covers Wren's Fridays?")
    reply = post_reply(owner, earlier, "The June rota is up too.")

    client = as_person(worker)
    listing = client.get(_url(team)).content.decode()
    assert "Rota" in listing and "After Wren" not in listing
    page = client.get(_url(team, earlier)).content.decode()
    assert "The rota for May is up." in page
    assert "The June rota is up too." not in page
    assert client.get(_url(team, later)).status_code == 404
    assert client.get(f"{_url(team)}messages/{reply.pk}/withdraw/").status_code == 404


def test_it_lets_a_former_member_read_but_not_post(as_person, team, owner, worker):
    joined(team, worker, 10)
    earlier = start_thread(owner, team, "Rota", "The rota for May is up.")
    posted_days_ago(earlier.messages.get(), 5)
    left(team, worker, 2)
    client = as_person(worker)
    page = client.get(_url(team, earlier)).content.decode()
    assert "no longer in this team" in page and "Post the reply" not in page
    assert client.post(_url(team, earlier), {"body": "Still here!"}).status_code == 403
    assert client.post(_url(team), {"title": "Hi", "body": "Still here!"}).status_code == 403
    assert earlier.messages.count() == 1


def test_it_does_not_show_a_new_member_what_was_said_before_they_joined(
    as_person, team, owner, worker
):
    earlier = start_thread(owner, team, "Old news", "Said before Wren joined.")
    posted_days_ago(earlier.messages.get(), 3)
    post_reply(owner, earlier, "Said after Wren joined.")
    page = as_person(worker).get(_url(team, earlier)).content.decode()
    assert "Said after Wren joined." in page
    assert "Said before Wren joined." not in page
    assert "began before you could read" in page


def test_it_shows_the_owner_everything(as_person, team, owner, worker):
    joined(team, owner, 0)
    earlier = start_thread(owner, team, "Old news", "Said long ago.")
    posted_days_ago(earlier.messages.get(), 400)
    assert "Said long ago." in as_person(owner).get(_url(team, earlier)).content.decode()


def test_it_closes_a_representatives_window_when_their_representation_ends(
    as_person, team, owner, representative
):
    Representative.objects.filter(person=representative).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=30)
    )
    during = start_thread(owner, team, "During", "While Rhys acts for Olive.")
    posted_days_ago(during.messages.get(), 10)
    representation_ended(team, representative, 5)
    after = start_thread(owner, team, "After", "After Rhys stopped.")
    client = as_person(representative)
    assert "While Rhys acts for Olive." in client.get(_url(team, during)).content.decode()
    assert client.get(_url(team, after)).status_code == 404
    assert client.post(_url(team, during), {"body": "Hello"}).status_code == 403


def test_it_gives_nobody_a_window_who_was_never_in_the_team(outsider, team):
    assert reading_windows(outsider, team) == []

"""The discussion page of a team: its threads, newest activity first, and starting one."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.discussion.models import Thread
from coopcare.discussion.services import post_reply, start_thread
from tests.discussion.helpers import posted_days_ago
from tests.factories import MembershipFactory


def _url(team) -> str:
    return f"/teams/{team.pk}/discussion/"


def test_it_lists_threads_with_the_latest_activity_first(as_person, team, owner, worker):
    older = start_thread(owner, team, "Older thread", "First.")
    newer = start_thread(owner, team, "Newer thread", "Second.")
    posted_days_ago(newer.messages.get(), 1)
    posted_days_ago(older.messages.get(), 2)
    post_reply(worker, older, "Bumps the older thread.")
    html = as_person(owner).get(_url(team)).content.decode()
    assert html.index("Older thread") < html.index("Newer thread")


def test_it_starts_a_thread_from_the_form(as_person, team, owner):
    response = as_person(owner).post(_url(team), {"title": "Garden", "body": "Who can help?"})
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/teams/{team.pk}/discussion/threads/{thread.pk}/"


def test_it_shows_what_is_missing_and_changes_nothing(as_person, team, owner):
    response = as_person(owner).post(_url(team), {"title": "", "body": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert not Thread.objects.exists()


def test_it_offers_on_behalf_only_to_someone_acting_for_the_owner(
    as_person, team, owner, worker, representative
):
    html = as_person(representative).get(_url(team)).content.decode()
    # Rhys is not a co-op member, but he is Olive's team-mate, so he sees her name.
    assert "Post this on behalf of Olive Oyelaran" in html
    for person in (owner, worker):
        assert "on behalf of" not in as_person(person).get(_url(team)).content.decode()


def test_it_names_the_owner_to_a_representative_who_may_see_the_name(
    as_person, team, representative
):
    MembershipFactory(person=representative)
    html = as_person(representative).get(_url(team)).content.decode()
    assert "Post this on behalf of Olive Oyelaran" in html


def test_it_pages_a_long_list_of_threads(as_person, team, owner):
    for n in range(27):
        start_thread(owner, team, f"Thread number {n}", "Hello.")
    client = as_person(owner)
    assert "Page 1 of 2" in client.get(_url(team)).content.decode()
    assert client.get(_url(team) + "?page=2").content.decode().count('<th scope="row">') == 2


def test_it_uses_the_same_number_of_queries_for_few_and_many_threads(
    as_person, team, owner, worker
):
    start_thread(owner, team, "First", "Hello.")
    client = as_person(worker)
    client.get(_url(team))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(team)).status_code == 200
        return len(ctx)

    few = count()
    for n in range(30):
        thread = start_thread(owner, team, f"Thread {n}", "Hello.")
        post_reply(worker, thread, "Reply.")
    assert count() == few

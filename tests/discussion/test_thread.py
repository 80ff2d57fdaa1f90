"""One thread's page: its messages, names as privacy allows, "X on behalf of Y", replying."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.discussion.services import post_reply, start_thread
from coopcare.members.models import Audience, PrivacyChoice, Section
from coopcare.notifications.models import Notification


def _url(team, thread) -> str:
    return f"/teams/{team.pk}/discussion/threads/{thread.pk}/"


def test_it_shows_a_representative_posting_on_behalf_of_the_owner(
    as_person, team, owner, worker, representative
):
    thread = start_thread(representative, team, "For Olive", "Olive asks for quiet mornings.", True)
    post_reply(representative, thread, "And this is from me.")
    PrivacyChoice.objects.filter(person=representative).delete()
    html = as_person(owner).get(_url(team, thread)).content.decode()
    assert "on behalf of Olive Oyelaran" in html
    assert html.count("on behalf of") == 1


def test_it_hides_an_author_who_does_not_share_their_name(as_person, team, owner, worker):
    PrivacyChoice.objects.create(person=worker, section=Section.NAME, audience=Audience.ONLY_ME)
    thread = start_thread(worker, team, "Hello", "Hello from Wren.")
    assert "Wren Walker" not in as_person(owner).get(_url(team, thread)).content.decode()
    assert "Wren Walker" in as_person(worker).get(_url(team, thread)).content.decode()


def test_it_posts_a_reply_and_goes_to_it(as_person, team, thread, family):
    response = as_person(family).post(_url(team, thread), {"body": "Lunch is on me."})
    reply = thread.messages.get(author=family)
    assert response["Location"] == f"{_url(team, thread)}?message={reply.pk}#message-{reply.pk}"
    assert Notification.objects.filter(kind="discussion.message").exists()


def test_it_refuses_an_empty_reply_with_a_message(as_person, team, thread, family):
    response = as_person(family).post(_url(team, thread), {"body": ""})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert thread.messages.count() == 2


def test_it_opens_the_page_that_holds_a_linked_message(as_person, team, owner, worker):
    thread = start_thread(owner, team, "Long", "Message 0")
    replies = [post_reply(worker, thread, f"Reply number {n}") for n in range(30)]
    html = as_person(owner).get(f"{_url(team, thread)}?message={replies[-1].pk}").content.decode()
    assert "Page 2 of 2" in html and "Reply number 29" in html


def test_it_offers_the_author_to_change_or_withdraw_only_their_own(as_person, team, thread, worker):
    html = as_person(worker).get(_url(team, thread)).content.decode()
    mine = thread.messages.get(author=worker)
    other = thread.messages.get(opens_thread=True)
    assert f"messages/{mine.pk}/edit/" in html and f"messages/{mine.pk}/withdraw/" in html
    assert f"messages/{other.pk}/edit/" not in html


def test_it_uses_the_same_number_of_queries_for_few_and_many_messages(
    as_person, team, owner, worker, family, representative
):
    thread = start_thread(owner, team, "Busy", "Hello.")
    # One message of each kind, so the few and the many prefetch the same relations.
    post_reply(representative, thread, "For Olive", on_behalf=True)
    client = as_person(worker)
    client.get(_url(team, thread))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(team, thread)).status_code == 200
        return len(ctx)

    few = count()
    for n in range(10):
        post_reply(family, thread, f"Family {n}")
        post_reply(representative, thread, f"For Olive {n}", on_behalf=True)
        post_reply(worker, thread, f"Wren {n}")
    assert count() == few

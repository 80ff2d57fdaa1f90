"""The discussion through the JSON API: the same readers and rules as the pages."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coopcare.discussion.models import Message
from coopcare.discussion.services import post_reply
from tests.discussion.helpers import joined, left, posted_days_ago


def _base(team) -> str:
    return f"/api/teams/{team.pk}/discussion"


def test_it_lists_threads_for_a_member(as_token, team, thread, family):
    body = as_token(family).get(f"{_base(team)}/threads").json()
    assert body["count"] == 1
    [row] = body["items"]
    assert (row["id"], row["title"], row["message_count"]) == (thread.pk, "Tuesday's visit", 2)


def test_it_answers_404_to_someone_outside_the_team(as_token, team, thread, outsider):
    client = as_token(outsider)
    assert client.get(f"{_base(team)}/threads").status_code == 404
    assert client.get(f"{_base(team)}/threads/{thread.pk}/messages").status_code == 404
    response = client.post(
        f"{_base(team)}/threads", {"title": "Hi", "body": "Hi"}, content_type="application/json"
    )
    assert response.status_code == 404


def test_it_lists_messages_with_who_said_them(as_token, team, thread, owner, worker):
    body = as_token(owner).get(f"{_base(team)}/threads/{thread.pk}/messages").json()
    first, second = body["items"]
    assert first["author"] == {"id": owner.pk, "name": "Olive Oyelaran"}
    assert first["opens_thread"] and first["is_mine"]
    assert second["author"]["name"] == "Wren Walker" and not second["is_mine"]


def test_it_starts_a_thread_and_replies_on_behalf_of_the_owner(
    as_token, team, owner, representative
):
    client = as_token(representative)
    response = client.post(
        f"{_base(team)}/threads",
        {"title": "For Olive", "body": "Olive asks for quiet mornings.", "on_behalf": True},
        content_type="application/json",
    )
    assert response.status_code == 200
    opening = response.json()
    assert opening["posted_on_behalf"] and opening["is_mine"]
    # Olive sees her own name; Rhys sees it only if Olive's privacy choices let him.
    listed = as_token(owner).get(f"{_base(team)}/threads/{opening['thread']}/messages").json()
    assert listed["items"][0]["on_behalf_of"] == {"id": owner.pk, "name": "Olive Oyelaran"}
    reply = client.post(
        f"{_base(team)}/threads/{opening['thread']}/messages",
        {"body": "From me."},
        content_type="application/json",
    ).json()
    assert not reply["posted_on_behalf"] and reply["on_behalf_of"] is None


def test_it_refuses_bad_input_with_the_field_at_fault(as_token, team, owner):
    response = as_token(owner).post(
        f"{_base(team)}/threads", {"title": " ", "body": "x"}, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["field"] == "title"
    assert not Message.objects.exists()


def test_it_refuses_a_former_member_posting(as_token, team, thread, worker):
    joined(team, worker, 10)
    for message in thread.messages.all():
        posted_days_ago(message, 5)
    left(team, worker, 1)
    client = as_token(worker)
    assert client.get(f"{_base(team)}/threads").json()["count"] == 1
    response = client.post(
        f"{_base(team)}/threads/{thread.pk}/messages",
        {"body": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_it_changes_and_withdraws_ones_own_message(as_token, team, thread, worker, owner):
    mine = thread.messages.get(author=worker)
    client = as_token(worker)
    changed = client.patch(
        f"{_base(team)}/messages/{mine.pk}",
        {"body": "Tuesday works."},
        content_type="application/json",
    ).json()
    assert changed["body"] == "Tuesday works." and changed["edited_at"] is not None
    assert as_token(owner).post(f"{_base(team)}/messages/{mine.pk}/withdraw").status_code == 403
    withdrawn = client.post(f"{_base(team)}/messages/{mine.pk}/withdraw").json()
    assert withdrawn["withdrawn"] and withdrawn["body"] == ""


def test_it_refuses_a_change_after_15_minutes(as_token, team, thread, worker):
    mine = thread.messages.get(author=worker)
    Message.objects.filter(pk=mine.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    response = as_token(worker).patch(
        f"{_base(team)}/messages/{mine.pk}", {"body": "Late."}, content_type="application/json"
    )
    assert response.status_code == 400


def test_it_keeps_the_message_list_query_count_flat(as_token, team, thread, worker, family):
    client = as_token(family)
    url = f"{_base(team)}/threads/{thread.pk}/messages"
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    few = count()
    for n in range(8):
        post_reply(worker, thread, f"Reply {n}")
        post_reply(family, thread, f"Answer {n}")
    assert count() == few


def test_it_documents_the_endpoints_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/teams/{team_id}/discussion/threads" in paths
    assert "/api/teams/{team_id}/discussion/messages/{message_id}/withdraw" in paths
    assert "/api/concerns/{concern_id}" in paths

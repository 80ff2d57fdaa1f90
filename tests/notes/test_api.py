"""Care notes through the JSON API: the same readers, rules and access log as the pages."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.notes.models import CareNote, Readership
from tests.notes.conftest import PNG, note, upload


def _base(team) -> str:
    return f"/api/teams/{team.pk}/notes"


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_it_lists_the_notes_the_viewer_may_read(team, worker, family, as_token):
    note(worker, team, title="Porridge", body="With honey. " * 30)
    note(worker, team, title="BP", topic="health")
    body = as_token(family).get(_base(team)).json()
    assert body["count"] == 1
    [row] = body["items"]
    assert row["title"] == "Porridge" and row["topic"] == "general"
    assert row["author"] == {"id": worker.pk, "name": "Wren Walker"}
    assert len(row["excerpt"]) <= 160 and row["excerpt"].endswith("…")
    assert not row["is_mine"] and not row["withdrawn"]


def test_it_searches_and_filters(team, family, as_token):
    note(family, team, title="Garden", body="Roses")
    note(family, team, title="BP", body="Roses too", topic="health", readership="team")
    client = as_token(family)
    assert client.get(_base(team), {"q": "roses", "topic": "health"}).json()["count"] == 1
    assert client.get(_base(team), {"q": "roses"}).json()["count"] == 2
    response = client.get(_base(team), {"topic": "gossip"})
    assert response.status_code == 400 and response.json()["field"] == "topic"


def test_the_list_query_count_does_not_grow_with_notes(team, worker, family, as_token):
    client = as_token(family)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_base(team)).status_code == 200
        return len(ctx)

    for i in range(2):
        note(worker, team, title=f"N{i}")
    count()  # the first call records that the token was used
    small = count()
    for i in range(18):
        note(worker, team, title=f"M{i}", topic="health" if i % 2 else "general")
    assert count() == small


def test_it_writes_a_sensitive_note_for_the_usual_readers(team, family, as_token):
    response = _post(
        as_token(family), _base(team), {"topic": "health", "title": "BP", "body": "140/90"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["readership"] == Readership.GIVERS_AND_OWNER and body["is_mine"]
    assert body["body"] == "140/90" and body["attachments"] == []


def test_it_writes_a_named_note_on_behalf_of_the_owner(
    team, owner, representative, named, as_token
):
    response = _post(
        as_token(representative),
        _base(team),
        {
            "topic": "general",
            "readership": "named",
            "title": "Birthday",
            "body": "A surprise for Nia's helper.",
            "named_readers": [named.pk],
            "on_behalf": True,
        },
    )
    body = response.json()
    assert body["written_on_behalf"] and body["on_behalf_of"]["id"] == owner.pk
    assert body["named_readers"] == [{"id": named.pk, "name": "Nia Nolan"}]


def test_it_refuses_bad_input_with_the_field_at_fault(team, family, outsider, as_token):
    client = as_token(family)
    response = _post(client, _base(team), {"topic": "general", "title": " ", "body": "x"})
    assert response.status_code == 400 and response.json()["field"] == "title"
    response = _post(
        client,
        _base(team),
        {
            "topic": "general",
            "readership": "named",
            "title": "x",
            "body": "y",
            "named_readers": [outsider.pk],
        },
    )
    assert response.status_code == 400 and response.json()["field"] == "named_readers"
    assert _post(client, _base(team), {"title": "x"}).status_code == 422
    assert not CareNote.objects.exists()


def test_it_answers_404_to_the_circle_and_outsiders(team, family, team_starter, outsider, as_token):
    written = note(family, team)
    for person in (team_starter, outsider):
        client = as_token(person)
        assert client.get(_base(team)).status_code == 404
        assert client.get(f"{_base(team)}/{written.pk}").status_code == 404
        body = {"topic": "general", "title": "x", "body": "y"}
        assert _post(client, _base(team), body).status_code == 404
        assert client.post(f"{_base(team)}/{written.pk}/withdraw").status_code == 404
    assert CareNote.objects.count() == 1


def test_only_the_author_withdraws(team, family, owner, as_token):
    written = note(family, team, title="Keys")
    assert as_token(owner).post(f"{_base(team)}/{written.pk}/withdraw").status_code == 403
    response = as_token(family).post(f"{_base(team)}/{written.pk}/withdraw")
    assert response.status_code == 200 and response.json()["withdrawn"]
    assert "Keys" not in response.json()["title"]
    again = as_token(family).post(f"{_base(team)}/{written.pk}/withdraw")
    assert again.status_code == 400


def test_the_author_attaches_files_and_a_reader_downloads_them(
    team, worker, employed, family, as_token
):
    written = note(worker, team, topic="health")
    url = f"{_base(team)}/{written.pk}/attachments"
    response = as_token(worker).post(url, {"files": [upload("chart.png", PNG)]})
    assert response.status_code == 200
    [attachment] = response.json()["attachments"]
    assert attachment["content_type"] == "image/png" and attachment["name"] == "chart.png"
    download = as_token(employed).get(attachment["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    assert download["Content-Disposition"].startswith("attachment;")
    assert as_token(family).get(attachment["url"]).status_code == 404


def test_attaching_is_refused_for_false_files_others_and_nothing(team, worker, owner, as_token):
    written = note(worker, team)
    url = f"{_base(team)}/{written.pk}/attachments"
    refused = as_token(worker).post(url, {"files": [upload("x.png", b"<?php system($_GET[1]);")]})
    assert refused.status_code == 400 and refused.json()["field"] == "attachments"
    assert as_token(worker).post(url, {}).status_code == 400
    assert as_token(owner).post(url, {"files": [upload("c.png", PNG)]}).status_code == 403
    assert not written.attachments.exists()

"""The care note pages: the notebook, writing a note, one note, withdrawing it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.notes.models import CareNote, Readership
from tests.notes.conftest import PNG, note, upload


def list_url(team) -> str:
    return reverse("notes:list", args=[team.pk])


def new_url(team) -> str:
    return reverse("notes:new", args=[team.pk])


def test_the_list_shows_only_what_the_viewer_may_read(team, worker, family, as_person):
    note(worker, team, title="Porridge")
    note(worker, team, title="Blood pressure", topic="health")
    page = as_person(family).get(list_url(team)).content.decode()
    assert "Porridge" in page and "Blood pressure" not in page
    page = as_person(team.owner).get(list_url(team)).content.decode()
    assert "Porridge" in page and "Blood pressure" in page


def test_the_list_shows_a_short_excerpt(team, family, as_person):
    note(family, team, body="Start of it. " + "x" * 300 + " THE END")
    page = as_person(family).get(list_url(team)).content.decode()
    assert "Start of it." in page and "THE END" not in page


def test_it_searches_titles_and_text_and_filters_by_topic(team, family, as_person):
    note(family, team, title="Porridge", body="With honey.")
    note(family, team, title="Garden", body="Loves the roses.")
    note(family, team, title="Roses again", body="Pruned", topic="health", readership="team")
    client = as_person(family)
    found = client.get(list_url(team), {"q": "roses"}).content.decode()
    assert "Garden" in found and "Roses again" in found and "Porridge" not in found
    found = client.get(list_url(team), {"q": "roses", "topic": "health"}).content.decode()
    assert "Roses again" in found and "Garden" not in found
    nothing = client.get(list_url(team), {"q": "zzz"}).content.decode()
    assert "No note you may read matches" in nothing


def test_it_pages_by_25_and_keeps_the_search(team, family, as_person):
    for i in range(26):
        note(family, team, title=f"Walk {i}")
    page = as_person(family).get(list_url(team), {"q": "walk"}).content.decode()
    assert "Page 1 of 2" in page and "q=walk&amp;page=2" in page


def test_the_list_query_count_does_not_grow_with_notes(team, worker, family, named, as_person):
    client = as_person(named)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(list_url(team)).status_code == 200
        return len(ctx)

    note(worker, team, title="One", attachments=[upload("a.png", PNG)])
    note(family, team, title="Two", readership="named", named_readers=[named])
    small = count()
    for i in range(18):
        note(
            family if i % 2 else worker,
            team,
            title=f"More {i}",
            readership="named",
            named_readers=[named],
            on_behalf=False,
        )
    assert count() == small


def test_the_new_note_form_explains_who_reads_what(team, family, volunteer, as_person):
    page = as_person(family).get(new_url(team)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert "The usual for what it is about" in page
    assert "for health and safeguarding notes only Olive Oyelaran" in page
    assert "Vic Vaughan" in page  # may be named
    assert "on behalf of" not in page


def test_a_representative_is_offered_to_write_on_behalf_of_the_owner(
    team, representative, as_person
):
    page = as_person(representative).get(new_url(team)).content.decode()
    assert "Write this on behalf of Olive Oyelaran" in page


def test_it_writes_a_note_with_files(team, family, named, as_person):
    response = as_person(family).post(
        new_url(team),
        {
            "title": "Keys",
            "topic": "safeguarding",
            "body": "The back door key is missing.",
            "readership": "named",
            "named_readers": [named.pk],
            "attachments": [upload("door.png", PNG), upload("list.txt", b"Key, lock")],
        },
    )
    written = CareNote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("notes:detail", args=[team.pk, written.pk])
    assert written.readership == Readership.NAMED and list(written.named_readers.all()) == [named]
    assert written.attachments.count() == 2


def test_the_usual_readership_is_chosen_when_left_as_it_is(team, family, as_person):
    as_person(family).post(
        new_url(team), {"title": "BP", "topic": "health", "body": "High", "readership": ""}
    )
    assert CareNote.objects.get().readership == Readership.GIVERS_AND_OWNER


def test_a_false_file_is_refused_and_nothing_is_written(team, family, as_person, media):
    response = as_person(family).post(
        new_url(team),
        {
            "title": "Photo",
            "topic": "general",
            "body": "See the picture.",
            "attachments": [upload("photo.png", b"#!/bin/sh\nrm -rf /\n", "image/png")],
        },
    )
    assert response.status_code == 200
    assert "is named as a PNG picture but it is not one" in response.content.decode()
    assert not CareNote.objects.exists() and not any(media.iterdir())


def test_six_files_are_refused_at_the_form(team, family, as_person):
    response = as_person(family).post(
        new_url(team),
        {
            "title": "Photos",
            "topic": "general",
            "body": "Six of them.",
            "attachments": [upload(f"p{i}.png", PNG) for i in range(6)],
        },
    )
    assert "at most 5 files" in response.content.decode()
    assert not CareNote.objects.exists()


def test_a_request_too_big_for_any_note_is_refused_before_it_is_read(team, family, as_person):
    from coopcare.notes.views import MAX_REQUEST_BYTES

    response = as_person(family).post(
        new_url(team), {"title": "x"}, CONTENT_LENGTH=str(MAX_REQUEST_BYTES + 1)
    )
    assert response.status_code == 413
    assert "too big together" in response.content.decode()
    assert not CareNote.objects.exists()


def test_naming_someone_outside_the_team_is_a_form_error(team, family, named, outsider, as_person):
    response = as_person(family).post(
        new_url(team),
        {
            "title": "x",
            "topic": "general",
            "body": "y",
            "readership": "named",
            "named_readers": [outsider.pk],
        },
    )
    assert response.status_code == 200 and not CareNote.objects.exists()
    assert "named_readers" in response.context["form"].errors


def test_the_note_page_shows_it_and_logs_the_read(team, worker, employed, as_person):
    written = note(worker, team, topic="health", title="BP", body="140 over 90.")
    response = as_person(employed).get(reverse("notes:detail", args=[team.pk, written.pk]))
    page = response.content.decode()
    assert "140 over 90." in page and "the paid workers in the team" in page
    assert "Withdraw this note" not in page
    event = AuditEvent.objects.get(action="notes.note_read")
    assert (event.kind, event.actor, event.subject) == ("read", employed, team.owner)
    assert event.target_id == str(written.pk)


def test_the_author_withdraws_after_confirming(team, family, owner, as_person):
    written = note(family, team, title="Keys")
    url = reverse("notes:withdraw", args=[team.pk, written.pk])
    assert as_person(owner).get(url).status_code == 403
    assert as_person(owner).post(url).status_code == 403
    client = as_person(family)
    assert "Withdraw your note?" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    written.refresh_from_db()
    assert written.withdrawn_at is not None
    page = client.get(response["Location"]).content.decode()
    assert "Withdrawn by the author" in page and "Keys" not in page


@pytest.mark.parametrize("person", ["team_starter", "outsider"])
def test_every_page_is_404_outside_the_team(request, team, family, as_person, person):
    written = note(family, team)
    client = as_person(request.getfixturevalue(person))
    for url in [
        list_url(team),
        new_url(team),
        reverse("notes:detail", args=[team.pk, written.pk]),
        reverse("notes:withdraw", args=[team.pk, written.pk]),
    ]:
        assert client.get(url).status_code == 404, url

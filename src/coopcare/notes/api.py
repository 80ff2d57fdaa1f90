"""API endpoints for care notes: the same access rules, services and access log as the pages.

Mounted with ``api.add_router("/", notes_router, tags=["care notes"])``; the paths carry
``/teams/{team_id}/notes``. Writing takes JSON; files are added to one's own note with a
multipart request, and downloaded through the API too, never from a public address.
"""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Query, Router
from ninja.files import UploadedFile

from coopcare.api.schemas import responses
from coopcare.errors import DomainError
from coopcare.notes import access, selectors, services
from coopcare.notes.downloads import attachment_response
from coopcare.notes.models import CareNote, Topic
from coopcare.notes.schemas import NoteDetail, NoteIn, NotePage

PAGE_SIZE = 25
BASE = "/teams/{int:team_id}/notes"

router = Router()
FILES = File(None, description="PDF, JPEG, PNG or plain text files, at most 5 MB each.")


def _person(person) -> dict[str, Any] | None:
    if person is None or not getattr(person, "can_see_name", False):
        return None
    return {"id": person.pk, "name": person.display_name}


def note_out(note: CareNote, viewer) -> dict[str, Any]:
    excerpt = getattr(note, "excerpt", None)
    if excerpt is None:
        excerpt = note.body[: selectors.EXCERPT + 1]
    if len(excerpt) > selectors.EXCERPT:
        excerpt = excerpt[: selectors.EXCERPT - 1].rstrip() + "…"
    count = getattr(note, "attachment_count", None)
    if count is None:
        count = len(note.attachments.all())
    return {
        "id": note.pk,
        "topic": note.topic,
        "readership": note.readership,
        "title": note.title,
        "excerpt": excerpt,
        "author": _person(note.author),
        "on_behalf_of": _person(note.on_behalf_of),
        "written_on_behalf": note.on_behalf_of_id is not None,
        "is_mine": note.author_id == viewer.pk,
        "withdrawn": note.withdrawn_at is not None,
        "created_at": note.created_at,
        "attachment_count": count,
    }


def note_detail_out(note: CareNote, viewer) -> dict[str, Any]:
    return {
        **note_out(note, viewer),
        "body": note.body,
        "withdrawn_at": note.withdrawn_at,
        "named_readers": [_person(person) for person in note.named_readers.all()],
        "attachments": [
            {
                "id": attachment.pk,
                "name": attachment.original_name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "url": reverse(
                    "api:notes_attachment",
                    kwargs={
                        "team_id": note.team_id,
                        "note_id": note.pk,
                        "attachment_id": attachment.pk,
                    },
                ),
            }
            for attachment in note.attachments.all()
        ],
    }


def _shown(viewer, team_id: int, note_id: int) -> dict[str, Any]:
    """A note as the viewer sees it, fetched again after a change (not logged: the viewer is its
    author and has just written it)."""
    return note_detail_out(access.get_note_for(viewer, team_id, note_id), viewer)


@router.get(
    BASE,
    response=responses(NotePage, 400, 404, 422),
    summary="Care notes you may read",
)
def notes_list(
    request: HttpRequest,
    team_id: int,
    q: str = Query("", description="Words to find in the title or the note."),
    topic: str = Query("", description="general, health or safeguarding; empty for all."),
    page: int = Query(1, ge=1),
) -> dict[str, Any]:
    """Newest first, 25 to a page. Each page read is written to the access log."""
    team = access.get_notebook_for(request.auth, team_id)
    if topic and topic not in Topic.values:
        raise DomainError(_("Choose general, health or safeguarding, or leave it out."), "topic")
    notes = selectors.listed_notes(request.auth, team, q, topic)
    shown = Paginator(notes, PAGE_SIZE).get_page(page)
    services.read_note_list(request.auth, team, [n.pk for n in shown], request=request)
    return {
        "items": [note_out(note, request.auth) for note in shown],
        "count": shown.paginator.count,
    }


@router.get(
    BASE + "/{int:note_id}",
    response=responses(NoteDetail, 404),
    summary="One care note",
)
def notes_detail(request: HttpRequest, team_id: int, note_id: int) -> dict[str, Any]:
    """The whole note; the read is written to the access log."""
    note = access.get_note_for(request.auth, team_id, note_id)
    services.read_note(request.auth, note, request=request)
    return note_detail_out(note, request.auth)


@router.post(
    BASE,
    response=responses(NoteDetail, 400, 403, 404, 422),
    summary="Write a care note",
)
def notes_write(request: HttpRequest, team_id: int, payload: NoteIn) -> dict[str, Any]:
    """People named (readership ``named``) are told a note is shared with them. Attach files
    afterwards with the multipart endpoint."""
    team = access.get_notebook_for(request.auth, team_id, "write")
    note = services.write_note(
        request.auth,
        team,
        topic=payload.topic,
        readership=payload.readership,
        title=payload.title,
        body=payload.body,
        named_readers=payload.named_readers,
        on_behalf=payload.on_behalf,
        request=request,
    )
    return _shown(request.auth, team.pk, note.pk)


@router.post(
    BASE + "/{int:note_id}/withdraw",
    response=responses(NoteDetail, 400, 403, 404),
    summary="Withdraw your care note",
)
def notes_withdraw(request: HttpRequest, team_id: int, note_id: int) -> dict[str, Any]:
    """Its title and text are replaced by “withdrawn” words and its files are no longer
    offered; nothing is deleted."""
    note = access.get_note_for(request.auth, team_id, note_id, "withdraw")
    services.withdraw_note(request.auth, note, request=request)
    return _shown(request.auth, team_id, note_id)


@router.post(
    BASE + "/{int:note_id}/attachments",
    response=responses(NoteDetail, 400, 403, 404, 422),
    summary="Attach files to your care note",
)
def notes_add_attachments(
    request: HttpRequest,
    team_id: int,
    note_id: int,
    files: list[UploadedFile] = FILES,
) -> dict[str, Any]:
    """A multipart request with one or more ``files``: at most 5 per note. Each file is checked
    by its content, not its name or the type the client claims."""
    note = access.get_note_for(request.auth, team_id, note_id, "attach")
    services.add_attachments(request.auth, note, files or [], request=request)
    return _shown(request.auth, team_id, note_id)


@router.get(
    BASE + "/{int:note_id}/attachments/{int:attachment_id}",
    response=responses(None, 404),
    summary="Download a file of a care note",
    openapi_extra={
        "responses": {200: {"description": "The file, as an attachment to save."}},
    },
)
def notes_attachment(
    request: HttpRequest, team_id: int, note_id: int, attachment_id: int
) -> HttpResponse:
    """The download is written to the access log."""
    found = access.get_attachment_for(request.auth, team_id, note_id, attachment_id)
    response = attachment_response(found)
    services.read_attachment(request.auth, found, request=request)
    return response

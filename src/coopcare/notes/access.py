"""Fetch a team's care notes with permission.

The notebook is the team's (``notes.view_notes``): anyone else — the circle's Team Starter and
Coach included, and a giver from another team — gets 404 for all of it. Inside the team, a note
the viewer may not read (``selectors.readable_notes``) is 404 too: nothing says it exists. Only
its author may withdraw a note (403 for other readers). Pages and the API both use these.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from coopcare import permissions  # noqa: F401  (registers the rules)
from coopcare.notes import selectors
from coopcare.notes.models import CareNote, NoteAttachment
from coopcare.teams.access import open_team
from coopcare.teams.models import Team


def get_notebook_for(user, team_id: int, action: str = "view") -> Team:
    """The team whose notebook ``user`` may open; ``action`` "write" also asks to write in it."""
    team = open_team(team_id)
    if not user.has_perm("notes.view_notes", team):
        raise Http404
    if action == "write" and not user.has_perm("notes.write_note", team):
        raise PermissionDenied
    return team


def get_note_for(user, team_id: int, note_id: int, action: str = "view") -> CareNote:
    """One note ``user`` may read; ``action`` "withdraw" (or "attach") also asks to be its
    author."""
    team = get_notebook_for(user, team_id)
    note = selectors.note_for(user, team, note_id)
    if note is None:
        raise Http404
    note.team = team  # fetched above with its circle and owner
    if action in {"withdraw", "attach"} and note.author_id != user.pk:
        raise PermissionDenied
    return note


def get_attachment_for(user, team_id: int, note_id: int, attachment_id: int) -> NoteAttachment:
    """A file of a note ``user`` may read, while the note is not withdrawn."""
    note = get_note_for(user, team_id, note_id)
    attachment = next((a for a in note.attachments.all() if a.pk == attachment_id), None)
    if attachment is None:
        raise Http404
    # The note as fetched (with its team and owner) serves the access log without a query.
    attachment.note = note
    return attachment

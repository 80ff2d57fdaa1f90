"""Permission-matrix rows for care notes (``coopcare.notes`` pages and API).

In the matrix's world alice (``member``) owns ``world["team"]``: the notebook is hers, she reads
every note and withdraws her own. Everyone else — bob in the same circle, carol, the applicant,
the superuser — is outside the team and gets 404 for all of it. tests/notes/ checks each
readership inside the team.
"""

import atexit
import shutil
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from tests.test_permission_matrix import S

TEAM_ONLY = S(302, 404, 200, 404, 404, 404)
API_TEAM_ONLY = S(401, 404, 200, 404, 404, 404)
# The matrix posts a form body where JSON is expected: refused as unreadable (400) before
# anything is looked up. tests/notes/test_api.py checks who may write with real JSON.
API_UNREADABLE = S(401, 400, 400, 400, 400, 400)

PAGE_ROWS = {
    "notes:list": ("GET", "notes_team", TEAM_ONLY),
    "notes:new": ("GET", "notes_team", TEAM_ONLY),
    "notes:detail": ("GET", "notes_note", TEAM_ONLY),
    "notes:attachment": ("GET", "notes_attachment", TEAM_ONLY),
    "notes:withdraw": ("GET", "notes_withdrawable", TEAM_ONLY),
}

API_ROWS = {
    "api:notes_list": ("GET", "notes_team", API_TEAM_ONLY),
    "api:notes_detail": ("GET", "api_notes_note", API_TEAM_ONLY),
    "api:notes_attachment": ("GET", "api_notes_attachment", API_TEAM_ONLY),
    "api:notes_write": ("POST", "notes_team", API_UNREADABLE),
    # Let in, but a request with no file is refused (400) for alice, the author; 404 for others.
    "api:notes_add_attachments": ("POST", "api_notes_note", S(401, 404, 400, 404, 404, 404)),
    # Last: alice really withdraws her second note.
    "api:notes_withdraw": ("POST", "api_notes_withdrawable", API_TEAM_ONLY),
}


def _api_mounted() -> bool:
    try:
        reverse("api:notes_list", kwargs={"team_id": 1})
    except NoReverseMatch:
        return False
    return True


ROWS = {**PAGE_ROWS, **(API_ROWS if _api_mounted() else {})}

_media: list[str] = []


def _private_media() -> None:
    """The attachment row needs a real file: keep the matrix's files in a folder of its own,
    removed when the test process ends, rather than wherever MEDIA_ROOT points."""
    if not _media:
        _media.append(tempfile.mkdtemp(prefix="coopcare-matrix-media-"))
        atexit.register(shutil.rmtree, _media[0], True)
        override_settings(MEDIA_ROOT=_media[0]).enable()


def objects(world) -> dict[str, dict]:
    from coopcare.notes.services import write_note

    _private_media()
    team = world["team"]
    alice = world["persona"]["member"]
    png = SimpleUploadedFile("plan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32)
    note = write_note(
        alice,
        team,
        topic="health",
        readership=None,
        title="Matrix note",
        body="How Alice slept.",
        attachments=[png],
    )
    other = write_note(
        alice, team, topic="general", readership=None, title="To withdraw", body="Soon gone."
    )
    attachment = note.attachments.get()
    return {
        "notes_team": {"team_id": team.pk},
        "notes_note": {"team_id": team.pk, "pk": note.pk},
        "notes_attachment": {"team_id": team.pk, "pk": note.pk, "att_pk": attachment.pk},
        "notes_withdrawable": {"team_id": team.pk, "pk": other.pk},
        "api_notes_note": {"team_id": team.pk, "note_id": note.pk},
        "api_notes_attachment": {
            "team_id": team.pk,
            "note_id": note.pk,
            "attachment_id": attachment.pk,
        },
        "api_notes_withdrawable": {"team_id": team.pk, "note_id": other.pk},
    }

"""Every change to the care notes, and the access log of every read.

Notes are never deleted. Withdrawing one replaces its title and text and keeps the row (and its
files, which are no longer offered), so the record that it was written remains. Audit events
name the note, its topic and who may read it, but never copy its text: the audit log is read by
other people than the note's readers.
"""

import secrets
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record, record_read
from coopcare.errors import DomainError, NotAllowed
from coopcare.notes import files, selectors
from coopcare.notes.models import (
    SENSITIVE_TOPICS,
    CareNote,
    NoteAttachment,
    Readership,
    Topic,
)
from coopcare.notifications.services import notify
from coopcare.teams.models import Team
from coopcare.teams.selectors import on_behalf_of

User = get_user_model()

MAX_TITLE = 150
MAX_BODY = 20_000
SHARED_KIND = "notes.shared_with_you"


def default_readership(topic: str) -> str:
    """Health and safeguarding notes start with the owner's side and the paid givers only."""
    return Readership.GIVERS_AND_OWNER if topic in SENSITIVE_TOPICS else Readership.TEAM


def _check_text(title: str, body: str) -> tuple[str, str]:
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        raise DomainError(_("Give the note a title."), field="title")
    if len(title) > MAX_TITLE:
        raise DomainError(
            _("Keep the title to %(n)d characters or fewer.") % {"n": MAX_TITLE}, field="title"
        )
    if not body:
        raise DomainError(_("Write the note."), field="body")
    if len(body) > MAX_BODY:
        raise DomainError(
            _("Keep a note to %(n)d characters or fewer; split a longer one in two.")
            % {"n": MAX_BODY},
            field="body",
        )
    return title, body


def _check_readership(topic: str, readership: str | None) -> str:
    if topic not in Topic.values:
        raise DomainError(
            _("Choose what the note is about: day to day, health or safeguarding."), field="topic"
        )
    if not readership:
        return default_readership(topic)
    if readership not in Readership.values:
        raise DomainError(_("Choose who may read the note."), field="readership")
    return readership


def _check_named(team: Team, actor, readership: str, named_readers: Iterable) -> set[int]:
    outside = DomainError(
        _("You can name only people who are in the team now."), field="named_readers"
    )
    try:
        ids = {int(getattr(person, "pk", person)) for person in named_readers} - {actor.pk}
    except (TypeError, ValueError):
        raise outside from None
    if readership != Readership.NAMED:
        if ids:
            raise DomainError(
                _("Name people only when the note is for the people you name."),
                field="named_readers",
            )
        return set()
    if not ids:
        raise DomainError(
            _("Name at least one person in the team who may read the note."),
            field="named_readers",
        )
    if selectors.current_member_ids(team, ids) != ids:
        raise outside
    return ids


def _writer(actor, team: Team, on_behalf: bool):
    """Who the note is from: ``(owner or None, representation or None)``."""
    if not actor.has_perm("notes.write_note", team):
        raise NotAllowed(
            _("Only the team's members and the people acting for its owner write care notes.")
        )
    if not on_behalf:
        return None, None
    representation = on_behalf_of(actor, team)
    if representation is None:
        raise DomainError(
            _("Only someone acting for the team owner now can write on their behalf."),
            field="on_behalf",
        )
    return team.owner, representation


def _store(actor, note: CareNote, checked: list[files.CheckedFile], stored: list[str]) -> None:
    """Keep each checked file under a random token; never the uploader's name in the path."""
    for upload in checked:
        attachment = NoteAttachment(
            note=note,
            token=secrets.token_urlsafe(24),
            original_name=upload.name,
            content_type=upload.content_type,
            size=upload.size,
            uploaded_by=actor,
        )
        attachment.file.save(attachment.token, ContentFile(upload.data), save=False)
        stored.append(attachment.file.name)
        attachment.save()


def _forget_files(names: list[str]) -> None:
    """Remove files written for a change that did not happen."""
    for name in names:
        NoteAttachment._meta.get_field("file").storage.delete(name)


def _tell_named(actor, note: CareNote, ids: set[int]) -> None:
    """The notification names the team, never the note's title or text: emails leave the
    co-op's hands, and the reader follows the link to read it here."""
    team = note.team
    url = reverse("notes:detail", args=[team.pk, note.pk])
    title = _("A care note is shared with you in %(team)s") % {"team": team.name}
    body = _("Open the team's care notes to read it.")
    for person in User.objects.filter(pk__in=ids, is_active=True).order_by("pk"):
        notify(person, SHARED_KIND, title, body=body, url=url)


def write_note(
    actor,
    team: Team,
    *,
    topic: str,
    readership: str | None,
    title: str,
    body: str,
    named_readers: Iterable = (),
    attachments: Iterable = (),
    on_behalf: bool = False,
    request=None,
) -> CareNote:
    """Write a care note. ``readership`` empty means the default for the topic (health and
    safeguarding: the owner's side and the paid givers; otherwise the whole team); the author
    may choose the whole team for a sensitive note. ``on_behalf``: someone acting for the owner
    writes "X on behalf of <owner>"."""
    title, body = _check_text(title, body)
    readership = _check_readership(topic, readership)
    owner, representation = _writer(actor, team, on_behalf)
    ids = _check_named(team, actor, readership, named_readers)
    checked = files.check_files(attachments)
    stored: list[str] = []
    try:
        with transaction.atomic():
            note = CareNote.objects.create(
                team=team,
                author=actor,
                on_behalf_of=owner,
                topic=topic,
                readership=readership,
                title=title,
                body=body,
            )
            note.named_readers.set(ids)
            _store(actor, note, checked, stored)
            record(
                "notes.note_written",
                actor=actor,
                target=note,
                subject=team.owner,
                request=request,
                detail={
                    "team": team.pk,
                    "topic": topic,
                    "readership": readership,
                    "named_readers": sorted(ids),
                    "attachments": len(checked),
                    "on_behalf_of": owner.pk if owner else None,
                    "representative": representation.pk if representation else None,
                },
            )
            _tell_named(actor, note, ids)
    except BaseException:
        _forget_files(stored)
        raise
    return note


def add_attachments(actor, note: CareNote, attachments: Iterable, request=None) -> CareNote:
    """Attach more files to a note (its author only), up to five in all."""
    checked: list[files.CheckedFile] = []
    stored: list[str] = []
    try:
        with transaction.atomic():
            note = (
                CareNote.objects.select_for_update(of=("self",))
                .select_related("team__owner")
                .get(pk=note.pk)
            )
            if note.author_id != actor.pk:
                raise NotAllowed(_("Only the author can add files to a note."))
            if note.withdrawn_at is not None:
                raise DomainError(_("This note has been withdrawn, so files cannot be added."))
            checked = files.check_files(attachments, already=note.attachments.count())
            if not checked:
                raise DomainError(_("Choose a file to attach."), field=files.FIELD)
            _store(actor, note, checked, stored)
            record(
                "notes.attachments_added",
                actor=actor,
                target=note,
                subject=note.team.owner,
                request=request,
                detail={"team": note.team_id, "attachments": len(checked)},
            )
    except BaseException:
        _forget_files(stored)
        raise
    return note


@transaction.atomic
def withdraw_note(actor, note: CareNote, request=None) -> CareNote:
    """Take back a note: its title and text are replaced for every reader and its files are no
    longer offered. Nothing is deleted; the record that it was written remains."""
    note = (
        CareNote.objects.select_for_update(of=("self",))
        .select_related("team__owner")
        .get(pk=note.pk)
    )
    if note.author_id != actor.pk:
        raise NotAllowed(_("Only the author can withdraw a note."))
    if note.withdrawn_at is not None:
        raise DomainError(_("This note has already been withdrawn."))
    note.title = _("Withdrawn by the author")
    note.body = _("The author withdrew this note. Its text is no longer kept.")
    note.withdrawn_at = timezone.now()
    note.save(update_fields=["title", "body", "withdrawn_at"])
    record(
        "notes.note_withdrawn",
        actor=actor,
        target=note,
        subject=note.team.owner,
        request=request,
        detail={"team": note.team_id},
    )
    return note


# --- The access log: every read of a care note ---------------------------------------------------


def read_note(viewer, note: CareNote, request=None) -> None:
    """Log that ``viewer`` read a note in full (callers have checked that they may)."""
    record_read(
        "notes.note_read",
        actor=viewer,
        target=note,
        subject=note.team.owner,
        request=request,
        detail={"team": note.team_id},
    )


def read_note_list(viewer, team: Team, note_ids: list[int], request=None) -> None:
    """Log one page of the list: it shows each note's title and the start of its text."""
    if not note_ids:
        return
    record_read(
        "notes.note_list_read",
        actor=viewer,
        target=team,
        subject=team.owner,
        request=request,
        detail={"team": team.pk, "notes": list(note_ids)},
    )


def read_attachment(viewer, attachment: NoteAttachment, request=None) -> None:
    note = attachment.note
    record_read(
        "notes.attachment_read",
        actor=viewer,
        target=attachment,
        subject=note.team.owner,
        request=request,
        detail={"team": note.team_id, "note": note.pk},
    )

"""Every change to a team discussion: start a thread, reply, change or withdraw a message.

Messages are never deleted. Withdrawing one replaces its text (and, for a thread's opening
message, the thread's title) and keeps the record that it was there. Audit events name the
thread and message but never copy their text: the audit log is read by other people than the
team, and what a team says among itself stays with the team.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.discussion import selectors
from coopcare.discussion.models import Message, Thread
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify
from coopcare.teams.models import Team
from coopcare.teams.selectors import on_behalf_of

User = get_user_model()

MAX_TITLE = 150
MAX_BODY = 10_000
KIND = "discussion.message"


def _check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the thread a title."), field="title")
    if len(title) > MAX_TITLE:
        raise DomainError(
            _("Keep the title to %(n)d characters or fewer.") % {"n": MAX_TITLE}, field="title"
        )
    return title


def _check_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Write a message."), field="body")
    if len(body) > MAX_BODY:
        raise DomainError(
            _("Keep a message to %(n)d characters or fewer; split a longer one in two.")
            % {"n": MAX_BODY},
            field="body",
        )
    return body


def _speaker(actor, team: Team, on_behalf: bool):
    """Who the message is from: ``(owner or None, representation or None)``."""
    if not actor.has_perm("discussion.post_message", team):
        raise NotAllowed(
            _("Only the team's members and the people acting for its owner post here.")
        )
    if not on_behalf:
        return None, None
    representation = on_behalf_of(actor, team)
    if representation is None:
        raise DomainError(
            _("Only someone acting for the team owner now can post on their behalf."),
            field="on_behalf",
        )
    return team.owner, representation


def _post(actor, thread: Thread, body: str, on_behalf: bool, opens: bool, request) -> Message:
    team = thread.team
    owner, representation = _speaker(actor, team, on_behalf)
    message = Message.objects.create(
        thread=thread, opens_thread=opens, author=actor, on_behalf_of=owner, body=body
    )
    record(
        "discussion.thread_started" if opens else "discussion.message_posted",
        actor=actor,
        target=message,
        subject=owner,
        request=request,
        detail={
            "team": team.pk,
            "thread": thread.pk,
            "on_behalf_of": owner.pk if owner else None,
            "representative": representation.pk if representation else None,
        },
    )
    _tell_readers(actor, thread, message)
    return message


def _tell_readers(actor, thread: Thread, message: Message) -> None:
    """Tell everyone who reads the discussion now, except the author, as each prefers.

    The notification names the team and thread but carries no text of the message: emails
    leave the co-op's hands, and the reader follows the link to read it here.
    """
    team = thread.team
    ids = selectors.current_reader_ids(team) - {actor.pk}
    url = reverse("discussion:thread", args=[team.pk, thread.pk])
    url = f"{url}?message={message.pk}#message-{message.pk}"
    title = _("New message in the %(team)s discussion") % {"team": team.name}
    body = _("In “%(thread)s”. Open the discussion to read it.") % {
        "thread": thread.title or _("a thread")
    }
    for person in User.objects.filter(pk__in=ids, is_active=True).order_by("pk"):
        notify(person, KIND, title, body=body, url=url)


@transaction.atomic
def start_thread(
    actor, team: Team, title: str, body: str, on_behalf: bool = False, request=None
) -> Thread:
    """Open a thread with its first message. ``on_behalf``: a representative posts as
    "X on behalf of <owner>" (otherwise everyone posts as themself)."""
    title, body = _check_title(title), _check_body(body)
    thread = Thread.objects.create(team=team, title=title)
    _post(actor, thread, body, on_behalf, opens=True, request=request)
    return thread


@transaction.atomic
def post_reply(actor, thread: Thread, body: str, on_behalf: bool = False, request=None) -> Message:
    body = _check_body(body)
    return _post(actor, thread, body, on_behalf, opens=False, request=request)


@transaction.atomic
def edit_message(
    actor, message: Message, body: str, title: str | None = None, request=None
) -> Message:
    """Change a message in the first 15 minutes after posting it (its author only).

    ``title`` changes the thread's title too, when the message opens the thread.
    """
    message = (
        Message.objects.select_for_update(of=("self",))
        .select_related("thread__team")
        .get(pk=message.pk)
    )
    if not actor.has_perm("discussion.change_message", message):
        raise NotAllowed(_("Only the author can change a message, while they are in the team."))
    if message.is_withdrawn:
        raise DomainError(_("This message has been withdrawn, so it cannot be changed."))
    if timezone.now() > message.editable_until():
        raise DomainError(
            _("A message can be changed only in the 15 minutes after it is posted."), field="body"
        )
    message.body = _check_body(body)
    message.edited_at = timezone.now()
    message.save(update_fields=["body", "edited_at"])
    title_changed = False
    if title is not None and message.opens_thread:
        new_title = _check_title(title)
        title_changed = new_title != message.thread.title
        if title_changed:
            message.thread.title = new_title
            message.thread.save(update_fields=["title"])
    record(
        "discussion.message_edited",
        actor=actor,
        target=message,
        request=request,
        detail={
            "team": message.thread.team_id,
            "thread": message.thread_id,
            "title": title_changed,
        },
    )
    return message


@transaction.atomic
def withdraw_message(actor, message: Message, request=None) -> Message:
    """Take back a message: its text (and an opening message's thread title) is replaced by
    "withdrawn by the author". Nothing is deleted; the record that it was there remains."""
    message = (
        Message.objects.select_for_update(of=("self",))
        .select_related("thread__team")
        .get(pk=message.pk)
    )
    if not actor.has_perm("discussion.withdraw_message", message):
        raise NotAllowed(_("Only the author can withdraw a message."))
    if message.is_withdrawn:
        raise DomainError(_("This message has already been withdrawn."))
    message.body = ""
    message.withdrawn_at = timezone.now()
    message.save(update_fields=["body", "withdrawn_at"])
    if message.opens_thread:
        message.thread.title = ""
        message.thread.save(update_fields=["title"])
    record(
        "discussion.message_withdrawn",
        actor=actor,
        target=message,
        request=request,
        detail={"team": message.thread.team_id, "thread": message.thread_id},
    )
    return message

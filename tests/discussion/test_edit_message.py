import datetime

import pytest
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.discussion.models import Message
from coopcare.discussion.services import edit_message, withdraw_message
from coopcare.errors import DomainError, NotAllowed


def _older(message: Message, minutes: int) -> Message:
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )
    message.refresh_from_db()
    return message


def test_it_lets_the_author_change_a_message_within_15_minutes(thread, worker):
    reply = _older(thread.messages.get(author=worker), 14)
    edit_message(worker, reply, "I can do Tuesday afternoon.")
    reply.refresh_from_db()
    assert reply.body == "I can do Tuesday afternoon." and reply.edited_at is not None
    event = AuditEvent.objects.get(action="discussion.message_edited")
    assert event.actor == worker and "afternoon" not in str(event.detail)


def test_it_refuses_a_change_after_15_minutes(thread, worker):
    reply = _older(thread.messages.get(author=worker), 16)
    with pytest.raises(DomainError):
        edit_message(worker, reply, "Too late.")
    reply.refresh_from_db()
    assert reply.body == "I can do Tuesday." and reply.edited_at is None


def test_it_refuses_anyone_but_the_author(thread, owner, worker):
    reply = thread.messages.get(author=worker)
    with pytest.raises(NotAllowed):
        edit_message(owner, reply, "Olive rewrites Wren.")
    reply.refresh_from_db()
    assert reply.body == "I can do Tuesday."


def test_it_refuses_to_change_a_withdrawn_message(thread, worker):
    reply = withdraw_message(worker, thread.messages.get(author=worker))
    with pytest.raises(DomainError):
        edit_message(worker, reply, "Back again.")


def test_it_changes_the_title_with_the_opening_message(thread, owner):
    opening = thread.messages.get(opens_thread=True)
    edit_message(owner, opening, "Can someone swap Wednesday?", title="Wednesday's visit")
    thread.refresh_from_db()
    assert thread.title == "Wednesday's visit"


def test_it_refuses_an_empty_change(thread, worker):
    reply = thread.messages.get(author=worker)
    with pytest.raises(DomainError):
        edit_message(worker, reply, " ")
    reply.refresh_from_db()
    assert reply.body == "I can do Tuesday."

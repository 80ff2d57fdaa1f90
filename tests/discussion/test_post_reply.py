import pytest

from coopcare.audit.models import AuditEvent
from coopcare.discussion.services import post_reply
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from tests.discussion.helpers import left


def test_it_adds_a_reply_to_the_thread(thread, family):
    reply = post_reply(family, thread, "I'll bring lunch.")
    assert reply.thread == thread and not reply.opens_thread
    assert thread.messages.count() == 3
    assert AuditEvent.objects.filter(action="discussion.message_posted", actor=family).exists()


def test_it_notifies_everyone_reading_but_the_author(thread, owner, worker, family):
    Notification.objects.all().delete()
    post_reply(family, thread, "I'll bring lunch.")
    recipients = set(Notification.objects.values_list("recipient", flat=True))
    assert recipients == {owner.pk, worker.pk}


def test_it_refuses_an_empty_reply(thread, family):
    with pytest.raises(DomainError):
        post_reply(family, thread, "  ")
    assert thread.messages.count() == 2


def test_it_refuses_someone_who_has_left(team, thread, worker):
    left(team, worker, 0)
    with pytest.raises(NotAllowed):
        post_reply(worker, thread, "Still here?")
    assert thread.messages.count() == 2

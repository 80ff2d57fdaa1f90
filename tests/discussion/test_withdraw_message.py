import pytest

from coopcare.audit.models import AuditEvent
from coopcare.discussion.services import withdraw_message
from coopcare.errors import DomainError, NotAllowed


def test_it_replaces_the_text_and_keeps_the_message(thread, worker):
    reply = withdraw_message(worker, thread.messages.get(author=worker))
    reply.refresh_from_db()
    assert reply.body == "" and reply.withdrawn_at is not None
    assert thread.messages.count() == 2
    event = AuditEvent.objects.get(action="discussion.message_withdrawn")
    assert event.actor == worker and event.target_id == str(reply.pk)


def test_it_withdraws_the_title_with_the_opening_message(thread, owner):
    withdraw_message(owner, thread.messages.get(opens_thread=True))
    thread.refresh_from_db()
    assert thread.title == ""


def test_it_refuses_anyone_but_the_author(thread, owner, worker):
    with pytest.raises(NotAllowed):
        withdraw_message(owner, thread.messages.get(author=worker))
    assert thread.messages.get(author=worker).withdrawn_at is None


def test_it_refuses_to_withdraw_twice(thread, worker):
    reply = withdraw_message(worker, thread.messages.get(author=worker))
    with pytest.raises(DomainError):
        withdraw_message(worker, reply)
    assert AuditEvent.objects.filter(action="discussion.message_withdrawn").count() == 1


def test_it_shows_withdrawn_by_the_author_on_the_page(as_person, team, thread, worker, owner):
    withdraw_message(worker, thread.messages.get(author=worker))
    page = as_person(owner).get(f"/teams/{team.pk}/discussion/threads/{thread.pk}/")
    html = page.content.decode()
    assert "Withdrawn by the author." in html and "I can do Tuesday." not in html

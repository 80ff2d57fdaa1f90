import pytest
from django.core import mail

from coopcare.audit.models import AuditEvent
from coopcare.discussion.models import Message, Thread
from coopcare.discussion.services import start_thread
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.notifications.services import set_notification_preference


def test_it_opens_a_thread_with_its_first_message(team, owner):
    thread = start_thread(owner, team, "  Garden  ", "Who can help with the garden?")
    message = thread.messages.get()
    assert thread.title == "Garden"
    assert (message.author, message.opens_thread, message.on_behalf_of) == (owner, True, None)
    assert message.body == "Who can help with the garden?"


def test_it_audits_the_thread_without_copying_what_was_said(team, owner):
    thread = start_thread(owner, team, "Garden", "Who can help with the garden?")
    event = AuditEvent.objects.get(action="discussion.thread_started")
    assert event.actor == owner
    assert event.detail["thread"] == thread.pk and event.detail["team"] == team.pk
    assert "garden" not in str(event.detail).lower() and "garden" not in event.target_repr.lower()


def test_it_notifies_the_other_readers_in_a_daily_digest_by_default(
    team, owner, worker, family, representative, outsider
):
    start_thread(owner, team, "Garden", "Who can help with the garden?")
    notified = Notification.objects.filter(kind="discussion.message")
    assert set(notified.values_list("recipient", flat=True)) == {
        worker.pk,
        family.pk,
        representative.pk,
    }
    assert set(notified.values_list("delivery", flat=True)) == {"digest"}
    assert mail.outbox == []
    note = notified.first()
    assert "Team Olive Oyelaran" in note.title and "Garden" in note.body
    assert "help with the garden" not in note.body
    assert note.url.startswith(f"/teams/{team.pk}/discussion/threads/")


def test_it_follows_each_readers_own_preference(
    team, owner, worker, family, django_capture_on_commit_callbacks
):
    set_notification_preference(worker, "discussion.message", "immediately")
    set_notification_preference(family, "discussion.message", "never")
    with django_capture_on_commit_callbacks(execute=True):
        start_thread(owner, team, "Garden", "Who can help with the garden?")
    deliveries = dict(
        Notification.objects.filter(kind="discussion.message").values_list("recipient", "delivery")
    )
    assert deliveries == {worker.pk: "immediately", family.pk: "never"}
    assert [m.to for m in mail.outbox] == [["wren@example.org"]]


def test_it_does_not_notify_someone_who_has_left(team, owner, worker):
    from tests.discussion.helpers import left

    left(team, worker, 0)
    start_thread(owner, team, "Garden", "Who can help?")
    assert not Notification.objects.filter(recipient=worker).exists()


def test_it_shows_a_representative_on_behalf_of_the_owner_only_when_they_choose(
    team, owner, representative
):
    as_self = start_thread(representative, team, "Mine", "From Rhys himself.")
    for_owner = start_thread(representative, team, "Olive's", "From Olive, via Rhys.", True)
    assert as_self.messages.get().on_behalf_of is None
    assert for_owner.messages.get().on_behalf_of == owner
    event = AuditEvent.objects.filter(action="discussion.thread_started").latest("pk")
    assert event.subject == owner and event.detail["on_behalf_of"] == owner.pk
    assert event.detail["representative"] is not None


def test_it_refuses_on_behalf_for_someone_not_acting_for_the_owner(team, owner, worker):
    for person in (owner, worker):
        with pytest.raises(DomainError) as refused:
            start_thread(person, team, "Hi", "Hello", on_behalf=True)
        assert refused.value.field == "on_behalf"
    assert not Thread.objects.exists() and not Message.objects.exists()


@pytest.mark.parametrize(
    ("title", "body", "field"),
    [("", "Hello", "title"), ("Hi", "   ", "body"), ("x" * 151, "Hello", "title")],
)
def test_it_refuses_bad_input_and_changes_nothing(team, owner, worker, title, body, field):
    with pytest.raises(DomainError) as refused:
        start_thread(owner, team, title, body)
    assert refused.value.field == field
    assert not Thread.objects.exists() and not Notification.objects.exists()


def test_it_refuses_someone_outside_the_team(team, outsider):
    with pytest.raises(NotAllowed):
        start_thread(outsider, team, "Hi", "Hello")
    assert not Thread.objects.exists()

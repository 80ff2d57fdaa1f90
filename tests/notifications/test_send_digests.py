"""manage.py send_digests: one email per person, listing what waited for the daily digest."""

from io import StringIO

from django.core import mail
from django.core.management import call_command

from coopcare.notifications.models import Notification
from coopcare.notifications.services import notify, set_notification_preference
from tests.factories import UserFactory


def _digest_for(person, *titles: str) -> None:
    set_notification_preference(person, "membership.applied", "digest")
    for title in titles:
        notify(person, "membership.applied", title, "Have a look.", url="/membership/")


def _send_digests(capture) -> str:
    out = StringIO()
    with capture(execute=True):
        call_command("send_digests", stdout=out)
    return out.getvalue()


def test_it_sends_one_email_per_person_listing_their_notifications(
    alice, bob, django_capture_on_commit_callbacks
):
    _digest_for(alice, "Ann applied", "Sam applied")
    _digest_for(bob, "Ann applied")
    output = _send_digests(django_capture_on_commit_callbacks)
    assert "Sent 2 digest(s)." in output
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]
    [to_alice] = [m for m in mail.outbox if m.to == ["alice@example.org"]]
    assert "2 notifications" in to_alice.subject
    assert "Ann applied" in to_alice.body and "Sam applied" in to_alice.body
    assert "http://127.0.0.1:8000/membership/" in to_alice.body
    assert "http://127.0.0.1:8000/notifications/" in to_alice.body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_it_sends_nothing_new_when_run_twice(alice, django_capture_on_commit_callbacks):
    _digest_for(alice, "Ann applied")
    _send_digests(django_capture_on_commit_callbacks)
    output = _send_digests(django_capture_on_commit_callbacks)
    assert "Sent 0 digest(s)." in output
    assert len(mail.outbox) == 1


def test_it_leaves_out_notifications_already_read_or_emailed(
    alice, django_capture_on_commit_callbacks
):
    _digest_for(alice, "Read already", "Still waiting")
    Notification.objects.filter(title="Read already").update(read_at="2026-01-01T10:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        notify(alice, "membership.decided", "Emailed straight away")
    mail.outbox.clear()
    _send_digests(django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "Still waiting" in message.body
    assert "Read already" not in message.body
    assert "Emailed straight away" not in message.body


def test_it_is_safe_when_a_person_has_no_email_address(db, django_capture_on_commit_callbacks):
    person = UserFactory(email="", verified=False)
    _digest_for(person, "Ann applied")
    output = _send_digests(django_capture_on_commit_callbacks)
    assert "Sent 0 digest(s)." in output
    assert mail.outbox == []


def test_it_lists_at_most_fifty_and_counts_the_rest(alice, django_capture_on_commit_callbacks):
    _digest_for(alice, *[f"Application {n}" for n in range(53)])
    _send_digests(django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "53 notifications" in message.subject
    assert "Application 49" in message.body
    assert "Application 50" not in message.body
    assert "And 3 more." in message.body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()

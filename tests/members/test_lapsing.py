"""Memberships lapse when their reason ends: the check registry, the task and the command."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.members import lapsing
from coopcare.members.models import Membership
from coopcare.members.services.membership import end_membership, resign_membership
from coopcare.notifications.models import Notification
from tests.factories import MembershipFactory


def yesterday() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=1)


def run_command(*args: str) -> str:
    out = StringIO()
    call_command("check_memberships", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def registered():
    """Register checks for one test and leave the registry as it was."""
    added: list = []

    def register(member_class, fn, **kwargs):
        added.append((member_class, fn))
        return lapsing.register_check(member_class, fn, **kwargs)

    yield register
    for member_class, fn in added:
        lapsing.unregister_check(member_class, fn)


def test_the_command_ends_a_membership_whose_end_date_has_passed(
    alice, django_capture_on_commit_callbacks
):
    membership = Membership.objects.get(person=alice)
    membership.ends_on = yesterday()
    membership.save()
    with django_capture_on_commit_callbacks(execute=True):
        output = run_command()
    assert "Ended 1 membership." in output
    membership.refresh_from_db()
    assert not membership.is_active
    assert membership.end_reason == "expired"
    assert "has passed" in membership.end_note
    event = AuditEvent.objects.get(action="membership.ended")
    assert (event.actor, event.subject) == (None, alice)
    assert Notification.objects.get(recipient=alice).kind == "membership.ended"
    assert mail.outbox[0].to == ["alice@example.org"]
    assert membership.history.first().end_reason == "expired"


def test_it_leaves_memberships_that_end_today_or_later(alice, bob):
    for person, ends_on in ((alice, timezone.localdate()), (bob, None)):
        Membership.objects.filter(person=person).update(ends_on=ends_on)
    assert "Ended 0 memberships." in run_command()
    assert Membership.objects.active().count() == 2


def test_running_it_again_ends_nothing_more(alice):
    Membership.objects.filter(person=alice).update(ends_on=yesterday())
    assert "Ended 1 membership." in run_command()
    assert "Ended 0 memberships." in run_command("--now")
    assert AuditEvent.objects.filter(action="membership.ended").count() == 1


def test_it_runs_a_registered_check_for_its_class_only(alice, bob, registered):
    seen: list[str] = []

    def support_stopped(memberships):
        seen.extend(m.member_class for m in memberships)
        for membership in memberships.filter(person=alice):
            yield membership, "Regular support stopped."

    registered("worker", support_stopped)
    MembershipFactory(person=alice, member_class="supported", worker_kind="")
    assert lapsing.run_checks() == 1
    assert set(seen) == {"worker"}
    ended = Membership.objects.get(person=alice, ended_at__isnull=False)
    assert (ended.member_class, ended.end_reason) == ("worker", "lapsed")
    assert ended.end_note == "Regular support stopped."
    assert Membership.objects.get(person=bob).is_active


def test_a_failing_check_does_not_stop_the_others(alice, registered):
    def broken(memberships):
        raise RuntimeError("the rota service is down")

    registered("worker", broken)
    Membership.objects.filter(person=alice).update(ends_on=yesterday())
    assert lapsing.run_checks() == 1


def test_registering_the_same_check_twice_runs_it_once(registered):
    def check(memberships):
        return []

    registered("investor", check)
    registered("investor", check)
    assert [c for c, _ in lapsing.checks_for("investor")].count(check) == 1
    with pytest.raises(ValueError):
        lapsing.register_check("director", check)


def test_only_an_admitter_or_the_system_may_end_someone_elses_membership(alice, bob, carol):
    membership = Membership.objects.get(person=alice)
    with pytest.raises(NotAllowed):
        end_membership(bob, membership, Membership.EndReason.REMOVED)
    assert membership.is_active
    end_membership(carol, membership, Membership.EndReason.REMOVED, note="Members' meeting.")
    assert membership.end_reason == "removed"
    with pytest.raises(DomainError):
        end_membership(None, membership, Membership.EndReason.LAPSED)


def test_a_member_may_resign_their_own_membership_only(alice, bob):
    membership = Membership.objects.get(person=alice)
    with pytest.raises(NotAllowed):
        resign_membership(bob, membership)
    resign_membership(alice, membership)
    assert membership.end_reason == "resigned"
    assert AuditEvent.objects.get(action="membership.ended").actor == alice


def test_it_refuses_an_unknown_end_reason(alice):
    membership = Membership.objects.get(person=alice)
    with pytest.raises(DomainError):
        end_membership(None, membership, "bored")
    membership.refresh_from_db()
    assert membership.is_active

"""Peer supervision (services.supervision): choosing each other, cadence, check-ins, privacy."""

import datetime

import pytest
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import CheckIn, SupervisionPair
from coopcare.learning.services.supervision import (
    OFFER,
    answer_pair,
    ask_pair,
    check_ins,
    default_every_days,
    end_pair,
    next_due,
    record_check_in,
    set_cadence,
)
from coopcare.learning.services.welcome import start_welcome
from coopcare.members.models import Membership
from coopcare.notifications.models import Notification
from coopcare.teams.models import TeamMember
from tests.conftest import _member

TODAY = timezone.localdate


def _active(supervisee, supervisor):
    pair = ask_pair(supervisee, supervisor)
    return answer_pair(supervisor, pair, True)


def test_asking_tells_the_other_person_and_nothing_starts_yet(worker, alice):
    pair = ask_pair(worker, alice)
    assert (pair.supervisor, pair.supervisee, pair.status) == (alice, worker, "asked")
    assert pair.every_days == 90
    told = Notification.objects.get(recipient=alice, kind="learning.supervision")
    assert "Wren Walker asks you" in told.title
    assert next_due(pair) is None


def test_only_the_other_person_accepts(worker, alice, bob):
    pair = ask_pair(worker, alice)
    with pytest.raises(NotAllowed):
        answer_pair(worker, pair, True)
    with pytest.raises(NotAllowed):
        answer_pair(bob, pair, True)
    pair = answer_pair(alice, pair, True)
    assert pair.status == "active" and pair.started_on == TODAY()
    assert Notification.objects.filter(recipient=worker, title__contains="said yes").exists()
    with pytest.raises(DomainError, match="already been answered"):
        answer_pair(alice, pair, False)


def test_an_offer_makes_the_asker_the_supervisor(worker, alice):
    pair = ask_pair(alice, worker, kind=OFFER)
    assert pair.supervisor == alice and pair.supervisee == worker
    pair = answer_pair(worker, pair, False)
    assert pair.status == "declined"
    assert AuditEvent.objects.filter(action="learning.pair_declined").exists()


def test_nobody_supervises_themself_or_a_stranger(worker, applicant, alice):
    with pytest.raises(DomainError) as refused:
        ask_pair(worker, worker)
    assert refused.value.field == "person"
    with pytest.raises(DomainError) as refused:
        ask_pair(worker, applicant)
    assert refused.value.field == "person"
    with pytest.raises(NotAllowed):
        ask_pair(applicant, alice)
    assert not SupervisionPair.objects.exists()


def test_a_non_member_giving_support_in_my_circle_can_be_asked(alice, team):
    from tests.factories import UserFactory

    helper = UserFactory(email="vic@example.org", profile__name="Vic Volunteer")
    TeamMember.objects.create(team=team, person=helper, kind="volunteer")
    pair = ask_pair(alice, helper, kind=OFFER)
    assert pair.supervisee == helper


def test_a_supervisee_has_one_active_supervisor(worker, alice, bob):
    _active(worker, alice)
    with pytest.raises(DomainError, match="already have a peer supervisor"):
        ask_pair(worker, bob)
    with pytest.raises(DomainError, match="They already have"):
        ask_pair(bob, worker, kind=OFFER)


def test_the_one_supervisor_rule_holds_when_two_requests_cross(worker, alice, bob):
    first = ask_pair(worker, alice)
    second = ask_pair(worker, bob)
    answer_pair(alice, first, True)
    with pytest.raises(DomainError, match="one peer supervisor at a time"):
        answer_pair(bob, second, True)
    second.refresh_from_db()
    assert second.status == "asked"


def test_the_cadence_defaults_by_how_the_supervisee_works(worker, team, alice, leeds_circle):
    assert default_every_days(worker) == 90
    employed = _member(leeds_circle, email="emma@example.org", profile__name="Emma")
    TeamMember.objects.create(team=team, person=employed, kind="employed_worker")
    assert default_every_days(employed) == 60
    Membership.objects.filter(person=alice).update(worker_kind="employed")
    assert default_every_days(alice) == 60
    assert ask_pair(employed, alice).every_days == 60


def test_the_pair_changes_the_cadence_within_7_to_90_days(worker, alice, bob):
    pair = _active(worker, alice)
    for wrong in (6, 91, None):
        with pytest.raises(DomainError) as refused:
            set_cadence(worker, pair, wrong)
        assert refused.value.field == "every_days"
    with pytest.raises(NotAllowed):
        set_cadence(bob, pair, 30)
    pair = set_cadence(alice, pair, 30)
    assert pair.every_days == 30
    assert next_due(pair) == TODAY() + datetime.timedelta(days=30)


def test_check_ins_move_the_next_due_date(worker, alice):
    pair = _active(worker, alice)
    assert next_due(pair) == TODAY() + datetime.timedelta(days=90)
    record_check_in(alice, pair, held_on=TODAY(), notes="We talked about boundaries.")
    pair.refresh_from_db()
    assert next_due(pair) == TODAY() + datetime.timedelta(days=90)


def test_a_check_in_date_is_checked(worker, alice):
    pair = _active(worker, alice)
    for day, words in (
        (None, "Say when"),
        (TODAY() + datetime.timedelta(days=1), "future"),
        (TODAY() - datetime.timedelta(days=1), "started on"),
    ):
        with pytest.raises(DomainError, match=words) as refused:
            record_check_in(worker, pair, held_on=day)
        assert refused.value.field == "held_on"
    with pytest.raises(DomainError):
        record_check_in(worker, pair, held_on=TODAY(), notes="x" * 5001)
    assert not CheckIn.objects.exists()


def test_check_in_notes_never_leave_the_pair(worker, alice, bob, coach, admin):
    pair = _active(worker, alice)
    secret = "I am finding nights hard."
    record_check_in(worker, pair, held_on=TODAY(), notes=secret)
    for person in (bob, coach, admin):
        with pytest.raises(NotAllowed):
            record_check_in(person, pair, held_on=TODAY(), notes="x")
        with pytest.raises(NotAllowed):
            check_ins(person, pair)
    assert [c.notes for c in check_ins(alice, pair)] == [secret]
    for event in AuditEvent.objects.all():
        assert secret not in f"{event.detail} {event.changes} {event.target_repr}"
    for note in Notification.objects.all():
        assert secret not in f"{note.title} {note.body}"
    assert AuditEvent.objects.filter(action="learning.check_ins_viewed").count() == 1


def test_no_check_in_outside_an_active_pair(worker, alice):
    pair = ask_pair(worker, alice)
    with pytest.raises(DomainError, match="active"):
        record_check_in(worker, pair, held_on=TODAY())


def test_either_person_ends_it(worker, alice, bob):
    pair = _active(worker, alice)
    with pytest.raises(NotAllowed):
        end_pair(bob, pair)
    pair = end_pair(worker, pair)
    assert pair.status == "ended" and pair.ended_on == TODAY()
    assert Notification.objects.filter(recipient=alice, title__contains="ended").exists()
    with pytest.raises(DomainError, match="already ended"):
        end_pair(alice, pair)
    assert ask_pair(worker, bob).status == "asked"


def test_the_asked_person_ending_a_request_declines_it(worker, alice):
    pair = end_pair(alice, ask_pair(worker, alice))
    assert pair.status == "declined"
    withdrawn = end_pair(worker, ask_pair(worker, alice))
    assert withdrawn.status == "ended"


def test_a_pair_becoming_active_ticks_the_welcome_route(worker, alice, coach, leeds_circle):
    route = start_welcome(coach, leeds_circle, worker)
    _active(worker, alice)
    tick = route.ticks.get(step="supervisor")
    assert tick.done_by == alice

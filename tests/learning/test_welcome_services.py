"""Welcome routes (services.welcome): who starts one, for whom, ticking and completing."""

import pytest
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import WelcomeRoute, WelcomeStep
from coopcare.learning.services.welcome import (
    choose_buddy,
    start_welcome,
    tick_welcome,
)
from coopcare.notifications.models import Notification
from tests.factories import HatFactory, hat_type


def _route(coach, leeds_circle, newcomer, **kwargs):
    return start_welcome(coach, leeds_circle, newcomer, **kwargs)


def test_a_coach_starts_a_route_with_a_buddy_and_both_are_told(coach, leeds_circle, alice, worker):
    route = _route(coach, leeds_circle, alice, buddy=worker)
    assert route.welcomer == coach and route.buddy == worker
    assert list(route.ticks.values_list("step", flat=True)) == [WelcomeStep.BUDDY]
    told = Notification.objects.filter(kind="learning.welcome")
    assert set(told.values_list("recipient", flat=True)) == {alice.pk, worker.pk}
    event = AuditEvent.objects.get(action="learning.welcome_started")
    assert event.subject_id == alice.pk and event.detail["buddy"] == worker.pk


def test_a_recruiter_or_peer_supervisor_may_start_one_and_name_another_welcomer(
    leeds_circle, alice, bob
):
    from tests.conftest import _member

    recruiter = _member(leeds_circle, email="rita@example.org", profile__name="Rita")
    HatFactory(holder=recruiter, circle=leeds_circle, hat_type=hat_type("recruiter"))
    route = start_welcome(recruiter, leeds_circle, alice, welcomer=bob)
    assert route.welcomer == bob and route.buddy is None


def test_it_refuses_a_coach_of_another_circle_and_a_member_without_the_hat(
    other_coach, bob, leeds_circle, alice
):
    for person in (other_coach, bob):
        with pytest.raises(NotAllowed):
            start_welcome(person, leeds_circle, alice)
    assert not WelcomeRoute.objects.exists()


def test_the_newcomer_must_be_one_of_the_circles_people(coach, leeds_circle, outsider):
    with pytest.raises(DomainError) as refused:
        start_welcome(coach, leeds_circle, outsider)
    assert refused.value.field == "newcomer"


def test_the_buddy_must_give_support_in_the_circle_and_not_be_the_newcomer(
    coach, leeds_circle, alice, bob, worker
):
    with pytest.raises(DomainError) as refused:
        start_welcome(coach, leeds_circle, alice, buddy=bob)
    assert refused.value.field == "buddy"
    with pytest.raises(DomainError) as refused:
        start_welcome(coach, leeds_circle, worker, buddy=worker)
    assert refused.value.field == "buddy"


def test_the_welcomer_is_someone_else_in_the_circle(coach, leeds_circle, alice, outsider):
    with pytest.raises(DomainError) as refused:
        start_welcome(coach, leeds_circle, alice, welcomer=alice)
    assert refused.value.field == "welcomer"
    with pytest.raises(DomainError) as refused:
        start_welcome(coach, leeds_circle, alice, welcomer=outsider)
    assert refused.value.field == "welcomer"


def test_a_newcomer_has_one_open_route_per_circle(coach, leeds_circle, alice):
    start_welcome(coach, leeds_circle, alice)
    with pytest.raises(DomainError, match="already"):
        start_welcome(coach, leeds_circle, alice)


def test_ticking_every_step_completes_the_route(coach, leeds_circle, alice, worker):
    route = _route(coach, leeds_circle, alice, buddy=worker)
    tick_welcome(alice, route, "circle_meeting", note="Loved it")
    tick_welcome(worker, route, "shadowing")
    tick_welcome(coach, route, "learning_shown")
    route.refresh_from_db()
    assert route.completed_on is None
    tick = tick_welcome(coach, route, "supervisor")
    route.refresh_from_db()
    assert route.completed_on == timezone.localdate()
    assert tick.done_by == coach
    assert AuditEvent.objects.filter(action="learning.welcome_completed").count() == 1
    with pytest.raises(DomainError, match="complete"):
        tick_welcome(coach, route, "shadowing", done=False)


def test_the_note_is_kept_but_not_in_the_audit_log(coach, leeds_circle, alice):
    route = _route(coach, leeds_circle, alice)
    tick = tick_welcome(alice, route, "circle_meeting", note="Met everyone")
    assert tick.note == "Met everyone"
    event = AuditEvent.objects.get(action="learning.welcome_ticked")
    assert "Met everyone" not in str(event.detail)


def test_ticking_twice_changes_nothing_and_unticking_removes_the_tick(coach, leeds_circle, alice):
    route = _route(coach, leeds_circle, alice)
    first = tick_welcome(coach, route, "shadowing")
    assert tick_welcome(coach, route, "shadowing").pk == first.pk
    assert tick_welcome(coach, route, "shadowing", done=False) is None
    assert not route.ticks.exists()
    assert AuditEvent.objects.filter(action="learning.welcome_unticked").count() == 1


def test_buddy_is_ticked_by_choosing_one(coach, leeds_circle, alice, worker):
    route = _route(coach, leeds_circle, alice)
    with pytest.raises(DomainError, match="buddy first"):
        tick_welcome(coach, route, "buddy")
    choose_buddy(alice, route, worker)
    route.refresh_from_db()
    assert route.buddy == worker
    assert route.ticks.filter(step="buddy").exists()
    assert Notification.objects.filter(recipient=worker, kind="learning.welcome").exists()


def test_unticking_buddy_leaves_the_newcomer_without_one(coach, leeds_circle, alice, worker):
    route = _route(coach, leeds_circle, alice, buddy=worker)
    tick_welcome(coach, route, "buddy", done=False)
    route.refresh_from_db()
    assert route.buddy is None


def test_only_the_people_on_the_route_and_the_circles_hats_tick(
    coach, leeds_circle, alice, bob, other_coach, admin, worker
):
    route = _route(coach, leeds_circle, alice, buddy=worker)
    for person in (bob, other_coach, admin):
        with pytest.raises(NotAllowed):
            tick_welcome(person, route, "shadowing")
    assert tick_welcome(worker, route, "shadowing")


def test_it_refuses_an_unknown_step_and_a_long_note(coach, leeds_circle, alice):
    route = _route(coach, leeds_circle, alice)
    with pytest.raises(DomainError) as refused:
        tick_welcome(coach, route, "dance")
    assert refused.value.field == "step"
    with pytest.raises(DomainError) as refused:
        tick_welcome(coach, route, "shadowing", note="x" * 301)
    assert refused.value.field == "note"

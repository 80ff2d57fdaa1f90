"""Learning sessions, service by service: offering (anyone can teach; competence-based topics
need a competent facilitator), places and the waiting list, attendance, completion writing
learning records, and feedback — with the refusals that keep it fair and private."""

import datetime

import pytest
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import LearningRecord, LearningSession, Method, Place, Setting
from coopcare.learning.requirements import Status, requirements_of
from coopcare.learning.services import sessions as services
from coopcare.learning.services.teachers import give_feedback
from coopcare.learning.sessions_selectors import can_see_session, upcoming_sessions
from coopcare.notifications.models import Notification
from tests.learning.conftest import days_ago, learned
from tests.learning.sessions_support import after, during, offer, tomorrow_at


def _error(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    return caught.value


# --- Offering -------------------------------------------------------------------------------------


def test_a_family_member_offers_a_session_for_their_team(team, family, leeds_circle):
    session = offer(family, setting=Setting.TEAM, team=team, area="ls6 1aa")
    assert session.team == team and session.circle == leeds_circle
    assert session.area == "LS6" and session.offered_by == family
    assert list(session.facilitators.all()) == [family]
    assert AuditEvent.objects.filter(action="learning.session_offered").count() == 1


def test_it_refuses_a_team_the_offerer_is_not_in(team, alice):
    error = _error(offer, alice, setting=Setting.TEAM, team=team)
    assert error.field == "team"


def test_it_refuses_a_circle_that_is_not_the_offerers(alice, hebden_circle, leeds_circle):
    assert _error(offer, alice, hebden_circle).field == "circle"
    assert offer(alice, leeds_circle).circle == leeds_circle


def test_it_refuses_someone_who_takes_no_part(applicant, leeds_circle):
    with pytest.raises(NotAllowed):
        offer(applicant, leeds_circle)


@pytest.mark.parametrize(
    ("starts", "ends", "field"),
    [
        (-2, 1, "starts_at"),
        (18, 17, "ends_at"),
        (6, 19, "ends_at"),
    ],
)
def test_it_checks_the_times(alice, leeds_circle, starts, ends, field):
    starts_at = timezone.now() - datetime.timedelta(hours=2) if starts < 0 else tomorrow_at(starts)
    error = _error(offer, alice, leeds_circle, starts_at=starts_at, ends_at=tomorrow_at(ends))
    assert error.field == field


def test_it_checks_the_area_capacity_and_topics(alice, leeds_circle):
    assert _error(offer, alice, leeds_circle, area="nowhere").field == "area"
    assert _error(offer, alice, leeds_circle, setting="community", area="").field == "area"
    assert _error(offer, alice, leeds_circle, capacity=0).field == "capacity"
    assert _error(offer, alice, leeds_circle, capacity=201).field == "capacity"
    error = _error(offer, alice, leeds_circle, topic_slugs=["juggling"])
    assert error.field == "topic_slugs" and "juggling" in error.message
    online = offer(alice, leeds_circle, setting=Setting.ONLINE, area="LS6")
    assert online.area == ""


def test_a_competence_topic_needs_a_facilitator_who_holds_it(team, family, worker, leeds_circle):
    error = _error(offer, family, leeds_circle, topic_slugs=["medicines-competence"])
    assert error.field == "topic_slugs" and "observed" in error.message
    learned(worker, "medicines-competence", days_ago(30), observed=True)
    session = offer(
        family, leeds_circle, topic_slugs=["medicines-competence"], co_facilitators=[worker]
    )
    assert set(session.facilitators.all()) == {family, worker}


def test_a_lapsed_competence_does_not_count(team, family, worker, leeds_circle):
    learned(worker, "medicines-competence", days_ago(400), observed=True)
    error = _error(
        offer,
        family,
        leeds_circle,
        topic_slugs=["medicines-competence"],
        co_facilitators=[worker],
    )
    assert error.field == "topic_slugs"


def test_a_co_facilitator_must_take_part_in_the_circle(alice, outsider, leeds_circle):
    error = _error(offer, alice, leeds_circle, co_facilitators=[outsider])
    assert error.field == "co_facilitators"


def test_a_refused_co_facilitator_is_named_only_if_their_name_is_visible(
    alice, outsider, leeds_circle
):
    from coopcare.members.models import Audience, PrivacyChoice, Section

    assert "Otto" in _error(offer, alice, leeds_circle, co_facilitators=[outsider]).message
    PrivacyChoice.objects.create(person=outsider, section=Section.NAME, audience=Audience.ONLY_ME)
    error = _error(offer, alice, leeds_circle, co_facilitators=[outsider])
    assert error.field == "co_facilitators" and "Otto" not in error.message


# --- Places and the waiting list ------------------------------------------------------------------


def test_capacity_is_kept_and_the_waiting_list_moves_up(alice, bob, worker, family, leeds_circle):
    session = offer(family, leeds_circle, capacity=1)
    assert services.book_place(alice, session).status == Place.Status.BOOKED
    assert services.book_place(bob, session).status == Place.Status.WAITING
    assert services.book_place(worker, session).status == Place.Status.WAITING
    services.leave_place(alice, session)
    statuses = dict(Place.objects.values_list("person__email", "status"))
    assert statuses == {
        "alice@example.org": "cancelled",
        "bob@example.org": "booked",
        "wren@example.org": "waiting",
    }
    told = Notification.objects.get(kind="learning.session_place")
    assert told.recipient == bob and "place" in told.title
    # Coming back after leaving: to the end of the queue.
    assert services.book_place(alice, session).status == Place.Status.WAITING


def test_one_place_per_person_and_facilitators_do_not_book(alice, bob, leeds_circle):
    session = offer(alice, leeds_circle)
    services.book_place(bob, session)
    assert "already" in _error(services.book_place, bob, session).message
    assert "facilitate" in _error(services.book_place, alice, session).message


def test_leaving_without_a_place_is_refused(alice, bob, leeds_circle):
    session = offer(alice, leeds_circle)
    assert "no place" in _error(services.leave_place, bob, session).message


def test_nobody_books_a_session_they_may_not_see(team, family, worker, alice):
    session = offer(family, setting=Setting.TEAM, team=team)
    with pytest.raises(NotAllowed):
        services.book_place(alice, session)
    assert not Place.objects.exists()
    assert services.book_place(worker, session).status == Place.Status.BOOKED


def test_a_started_session_cannot_be_booked(alice, bob, leeds_circle):
    session = offer(alice, leeds_circle)
    with during(session):
        assert "started" in _error(services.book_place, bob, session).message


# --- Who sees what --------------------------------------------------------------------------------


def test_an_outsider_cannot_see_a_team_session(team, family, worker, outsider, alice):
    session = offer(family, setting=Setting.TEAM, team=team)
    assert can_see_session(worker, session)
    assert not can_see_session(outsider, session)
    assert not can_see_session(alice, session)
    assert session not in upcoming_sessions(outsider)
    assert session in upcoming_sessions(worker)


def test_a_circle_session_is_open_to_everyone_who_takes_part(alice, outsider, applicant):
    session = offer(alice, alice.circle_memberships.get().circle)
    assert can_see_session(outsider, session)
    assert not can_see_session(applicant, session)


def test_the_learning_lead_sees_a_team_session(team, family, learning_lead):
    session = offer(family, setting=Setting.TEAM, team=team)
    assert can_see_session(learning_lead, session)
    assert learning_lead.has_perm("learning.manage_session", session)


# --- Changing and cancelling ----------------------------------------------------------------------


def test_a_non_facilitator_cannot_change_or_cancel(alice, bob, leeds_circle):
    session = offer(alice, leeds_circle)
    with pytest.raises(NotAllowed):
        services.edit_session(bob, session, title="Mine now")
    with pytest.raises(NotAllowed):
        services.cancel_session(bob, session, "No")


def test_changing_the_time_tells_the_people_booked(alice, bob, leeds_circle):
    session = offer(alice, leeds_circle)
    services.book_place(bob, session)
    services.edit_session(alice, session, starts_at=tomorrow_at(17), ends_at=tomorrow_at(19))
    session.refresh_from_db()
    assert timezone.localtime(session.starts_at).hour == 17
    assert Notification.objects.filter(recipient=bob, kind="learning.session_changed").exists()


def test_capacity_cannot_drop_below_the_people_booked_and_more_places_move_people_up(
    alice, bob, worker, family, leeds_circle
):
    session = offer(alice, leeds_circle, capacity=1)
    services.book_place(bob, session)
    services.book_place(worker, session)
    session = LearningSession.objects.get(pk=session.pk)
    services.edit_session(alice, session, capacity=2)
    assert Place.objects.get(person=worker).status == Place.Status.BOOKED
    services.book_place(family, session)
    with pytest.raises(DomainError) as caught:
        services.edit_session(alice, session, capacity=1)
    assert caught.value.field == "capacity"


def test_cancelling_needs_a_reason_and_tells_everyone_holding_a_place(alice, bob, leeds_circle):
    session = offer(alice, leeds_circle, capacity=1)
    services.book_place(bob, session)
    assert _error(services.cancel_session, alice, session, " ").field == "reason"
    services.cancel_session(alice, session, "The room flooded")
    session.refresh_from_db()
    assert session.status == LearningSession.Status.CANCELLED
    told = Notification.objects.get(recipient=bob, kind="learning.session_changed")
    assert "flooded" in told.body
    assert Place.objects.get(person=bob).status == Place.Status.CANCELLED


# --- Attendance and completion --------------------------------------------------------------------


def test_completion_writes_a_record_for_each_attendee_and_topic(
    team, family, worker, bob, leeds_circle
):
    session = offer(family, leeds_circle, topic_slugs=["fire-safety", "first-aid"])
    services.book_place(worker, session)
    services.book_place(bob, session)
    assert "started" in _error(services.mark_attendance, family, session, {worker.pk: True}).message
    with during(session):
        services.mark_attendance(family, session, {worker.pk: True, bob.pk: False})
    with after(session):
        services.complete_session(family, session)
        records = LearningRecord.objects.filter(session=session)
        assert {(r.person, r.topic_slug) for r in records} == {
            (worker, "fire-safety"),
            (worker, "first-aid"),
        }
        record = records.get(topic_slug="fire-safety")
        assert record.method == Method.PEER_SESSION and record.facilitator == family
        # No names in the free-text provider: the facilitator and session say who ran it.
        assert record.provider == "" and record.session == session
        assert record.recorded_by == family
        assert record.completed_on == timezone.localtime(session.starts_at).date()
        cells = {c.topic.slug: c.status for c in requirements_of(worker)}
        assert cells["fire-safety"] == Status.VALID
    session.refresh_from_db()
    assert session.status == LearningSession.Status.COMPLETED and session.completed_by == family
    asked = Notification.objects.get(recipient=worker, kind=services.COMPLETED)
    assert asked.url.endswith(f"/sessions/{session.pk}/feedback/")
    assert not Notification.objects.filter(recipient=bob, kind=services.COMPLETED).exists()


def test_an_external_course_writes_external_course_records(alice, bob, leeds_circle):
    session = offer(alice, leeds_circle, kind="external_course")
    services.book_place(bob, session)
    with during(session):
        services.mark_attendance(alice, session, {bob.pk: True})
    with after(session):
        services.complete_session(alice, session)
    record = LearningRecord.objects.get(person=bob)
    assert record.method == Method.EXTERNAL_COURSE
    # Neither the facilitator's name nor the session's place (an address, a private link).
    assert record.provider == ""


def test_an_observed_topic_is_signed_off_by_the_facilitator_who_holds_it(
    team, family, worker, bob, leeds_circle
):
    learned(worker, "medicines-competence", days_ago(30), observed=True)
    session = offer(
        family, leeds_circle, topic_slugs=["medicines-competence"], co_facilitators=[worker]
    )
    services.book_place(bob, session)
    with during(session):
        services.mark_attendance(family, session, {bob.pk: True})
    with after(session):
        services.complete_session(family, session)
    record = LearningRecord.objects.get(person=bob)
    assert record.assessor == worker and record.signed_off_at is not None
    assert record.facilitator == worker


def test_completion_waits_for_attendance_and_for_the_end(alice, bob, leeds_circle):
    session = offer(alice, leeds_circle)
    services.book_place(bob, session)
    with during(session):
        assert "ended" in _error(services.complete_session, alice, session).message
    with after(session):
        assert "Mark" in _error(services.complete_session, alice, session).message


def test_a_non_facilitator_cannot_mark_or_complete(alice, bob, leeds_circle):
    session = offer(alice, leeds_circle)
    services.book_place(bob, session)
    with after(session):
        with pytest.raises(NotAllowed):
            services.mark_attendance(bob, session, {bob.pk: True})
        with pytest.raises(NotAllowed):
            services.complete_session(bob, session)


def test_only_people_who_booked_are_marked(alice, bob, dan, leeds_circle):
    session = offer(alice, leeds_circle)
    services.book_place(bob, session)
    with during(session):
        error = _error(services.mark_attendance, alice, session, {dan.pk: True})
    assert error.field == "marks"


# --- Feedback -------------------------------------------------------------------------------------


def _completed(alice, bob, circle):
    session = offer(alice, circle)
    services.book_place(bob, session)
    with during(session):
        services.mark_attendance(alice, session, {bob.pk: True})
    with after(session):
        services.complete_session(alice, session)
    return session


def test_an_attendee_rates_once_and_the_teachers_hear(alice, bob, leeds_circle):
    session = _completed(alice, bob, leeds_circle)
    assert _error(give_feedback, bob, session, 6).field == "rating"
    give_feedback(bob, session, 5, "Clear and kind")
    assert "already" in _error(give_feedback, bob, session, 4).message
    assert Notification.objects.filter(recipient=alice, kind="learning.session_feedback").exists()


def test_nobody_rates_a_session_they_did_not_attend(alice, bob, carol, leeds_circle):
    session = _completed(alice, bob, leeds_circle)
    with pytest.raises(NotAllowed):
        give_feedback(carol, session, 5)
    with pytest.raises(NotAllowed):
        give_feedback(alice, session, 5)

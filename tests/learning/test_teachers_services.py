"""Recognising teachers: only the circle's Learning Lead, for someone who takes part there; a new
level replaces the old one; ending is kept, never deleted; the person is told."""

import pytest

from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import TeacherLevel, TeacherRecognition
from coopcare.learning.services.teachers import end_recognition, recognise_teacher
from coopcare.learning.sessions_selectors import decorate, session_for_page
from coopcare.notifications.models import Notification
from tests.learning.sessions_support import offer


def test_the_learning_lead_recognises_a_teacher_and_it_shows_on_sessions(
    learning_lead, alice, bob, leeds_circle
):
    session = offer(alice, leeds_circle)
    recognition = recognise_teacher(learning_lead, leeds_circle, alice, TeacherLevel.ASSOCIATE)
    assert recognition.recognised_by == learning_lead
    assert Notification.objects.get(recipient=alice, kind="learning.teacher_recognised")
    [shown] = decorate([session_for_page(session)], bob)
    assert [(t.name, t.level) for t in shown.teachers] == [("Alice Ashworth", "associate")]


def test_a_new_level_replaces_the_old_one(learning_lead, alice, leeds_circle):
    first = recognise_teacher(learning_lead, leeds_circle, alice, TeacherLevel.ASSOCIATE)
    with pytest.raises(DomainError) as caught:
        recognise_teacher(learning_lead, leeds_circle, alice, TeacherLevel.ASSOCIATE)
    assert caught.value.field == "level"
    recognise_teacher(learning_lead, leeds_circle, alice, TeacherLevel.TEACHER)
    first.refresh_from_db()
    assert first.ended_on is not None
    current = TeacherRecognition.objects.get(person=alice, ended_on__isnull=True)
    assert current.level == TeacherLevel.TEACHER


def test_only_the_learning_lead_of_that_circle_recognises(
    coach, learning_lead, alice, bob, leeds_circle, hebden_circle, dan
):
    with pytest.raises(NotAllowed):
        recognise_teacher(coach, leeds_circle, alice, TeacherLevel.TEACHER)
    with pytest.raises(NotAllowed):
        recognise_teacher(bob, leeds_circle, alice, TeacherLevel.TEACHER)
    with pytest.raises(NotAllowed):
        recognise_teacher(learning_lead, hebden_circle, dan, TeacherLevel.TEACHER)


def test_someone_outside_the_circle_is_not_recognised_there(learning_lead, dan, leeds_circle):
    with pytest.raises(DomainError) as caught:
        recognise_teacher(learning_lead, leeds_circle, dan, TeacherLevel.TEACHER)
    assert caught.value.field == "person"


def test_ending_a_recognition_keeps_it_and_tells_the_person(
    learning_lead, alice, bob, leeds_circle
):
    recognition = recognise_teacher(learning_lead, leeds_circle, alice, TeacherLevel.TEACHER)
    with pytest.raises(NotAllowed):
        end_recognition(bob, recognition)
    end_recognition(learning_lead, recognition)
    recognition.refresh_from_db()
    assert recognition.ended_on is not None
    assert Notification.objects.filter(recipient=alice, kind="learning.teacher_recognised").count()
    with pytest.raises(DomainError):
        end_recognition(learning_lead, recognition)

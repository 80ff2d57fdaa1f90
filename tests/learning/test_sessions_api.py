"""Learning sessions through the JSON API: the same rules as the pages, with real JSON for each
refusal (401 not signed in, 403 not allowed, 404 not visible, 400 a rule, 422 a bad shape)."""

import json

import pytest
from django.core.cache import cache

from coopcare.learning.models import LearningRecord, LearningSession, Place, TeacherRecognition
from coopcare.learning.services import sessions as services
from coopcare.learning.services.teachers import give_feedback, recognise_teacher
from tests.api.conftest import bearer
from tests.learning.sessions_support import after, during, offer, tomorrow_at

BASE = "/api/learning"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def as_token():
    from coopcare.api.services import create_token

    def make(person):
        _token, raw = create_token(person, "test script", 30)
        return bearer(raw)

    return make


def _post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def _new(circle, **changes) -> dict:
    body = {
        "kind": "buddy",
        "title": "Fire safety at home",
        "topic_slugs": ["fire-safety"],
        "setting": "circle",
        "circle_id": circle.pk,
        "area": "ls7",
        "starts_at": tomorrow_at(18).isoformat(),
        "ends_at": tomorrow_at(20).isoformat(),
        "capacity": 1,
    }
    body.update(changes)
    return body


def test_it_offers_lists_and_shows_a_session(as_token, alice, bob, leeds_circle):
    response = _post(as_token(alice), f"{BASE}/sessions", _new(leeds_circle))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["area"] == "LS7" and body["can_manage"] and body["places"] == []
    assert body["facilitators"] == [{"id": alice.pk, "name": "Alice Ashworth", "recognition": None}]
    assert body["topics"] == [{"slug": "fire-safety", "name": "Fire safety", "observed": False}]
    listed = as_token(bob).get(f"{BASE}/sessions").json()
    assert listed["count"] == 1 and listed["items"][0]["distance"] == "In your circle"
    shown = as_token(bob).get(f"{BASE}/sessions/{body['id']}").json()
    assert shown["places"] is None and not shown["can_manage"]


def test_a_rule_is_a_400_naming_the_field(as_token, family, team, leeds_circle):
    client = as_token(family)
    response = _post(
        client, f"{BASE}/sessions", _new(leeds_circle, topic_slugs=["medicines-competence"])
    )
    assert response.status_code == 400
    assert response.json()["field"] == "topic_slugs" and "observed" in response.json()["detail"]
    response = _post(client, f"{BASE}/sessions", _new(leeds_circle, co_facilitator_ids=[99999]))
    assert response.status_code == 400 and response.json()["field"] == "co_facilitators"
    response = client.get(f"{BASE}/sessions", {"kind": "juggling"})
    assert response.status_code == 400 and response.json()["field"] == "kind"


def test_a_bad_shape_is_a_422(as_token, alice, leeds_circle):
    response = _post(as_token(alice), f"{BASE}/sessions", _new(leeds_circle, capacity="lots"))
    assert response.status_code == 422 and isinstance(response.json()["detail"], list)


def test_without_credentials_it_is_a_401(client, alice, leeds_circle):
    session = offer(alice, leeds_circle)
    assert client.get(f"{BASE}/sessions").status_code == 401
    response = client.post(f"{BASE}/sessions/{session.pk}/book")
    assert response.status_code == 401 and "detail" in response.json()


def test_someone_who_takes_no_part_is_refused_with_403(as_token, applicant):
    response = as_token(applicant).get(f"{BASE}/sessions")
    assert response.status_code == 403 and response.json()["detail"]


def test_an_outsider_gets_404_for_a_teams_session(as_token, team, family, outsider):
    session = offer(family, setting="team", team=team)
    client = as_token(outsider)
    assert client.get(f"{BASE}/sessions/{session.pk}").status_code == 404
    response = _post(client, f"{BASE}/sessions/{session.pk}/book")
    assert response.status_code == 404 and response.json()["detail"]


def test_booking_the_waiting_list_and_leaving(as_token, alice, bob, worker, leeds_circle):
    session = offer(alice, leeds_circle, capacity=1)
    booked = _post(as_token(bob), f"{BASE}/sessions/{session.pk}/book").json()
    assert booked["my_place"] == {"status": "booked", "waiting_position": None}
    waiting = _post(as_token(worker), f"{BASE}/sessions/{session.pk}/book").json()
    assert waiting["my_place"] == {"status": "waiting", "waiting_position": 1}
    again = _post(as_token(worker), f"{BASE}/sessions/{session.pk}/book")
    assert again.status_code == 400 and "already" in again.json()["detail"]
    _post(as_token(bob), f"{BASE}/sessions/{session.pk}/leave")
    assert Place.objects.get(person=worker).status == Place.Status.BOOKED


def test_changing_and_cancelling_need_the_right(as_token, alice, bob, leeds_circle):
    session = offer(alice, leeds_circle)
    url = f"{BASE}/sessions/{session.pk}"
    patch = {"title": "New"}
    response = as_token(bob).patch(url, json.dumps(patch), content_type="application/json")
    assert response.status_code == 403
    response = as_token(alice).patch(url, json.dumps(patch), content_type="application/json")
    assert response.status_code == 200 and response.json()["title"] == "New"
    response = as_token(alice).patch(
        url, json.dumps({"capacity": 0}), content_type="application/json"
    )
    assert response.status_code == 422
    assert _post(as_token(bob), f"{url}/cancel", {"reason": "No"}).status_code == 403
    cancelled = _post(as_token(alice), f"{url}/cancel", {"reason": "Ill"}).json()
    assert cancelled["status"] == "cancelled" and cancelled["cancel_reason"] == "Ill"


def test_attendance_completion_and_feedback(as_token, alice, bob, carol, leeds_circle):
    session = offer(alice, leeds_circle)
    services.book_place(bob, session)
    url = f"{BASE}/sessions/{session.pk}"
    with during(session):
        marks = {"marks": [{"person_id": bob.pk, "attended": True}]}
        assert _post(as_token(bob), f"{url}/attendance", marks).status_code == 403
        response = _post(as_token(alice), f"{url}/attendance", marks)
        assert response.json()["places"][0]["status"] == "attended"
        response = _post(as_token(alice), f"{url}/complete")
        assert response.status_code == 400 and "ended" in response.json()["detail"]
    with after(session):
        assert _post(as_token(alice), f"{url}/complete").json()["status"] == "completed"
        assert LearningRecord.objects.get().person == bob
        response = _post(as_token(carol), f"{url}/feedback", {"rating": 5})
        assert response.status_code == 403
        response = _post(as_token(bob), f"{url}/feedback", {"rating": 9})
        assert response.status_code == 422
        response = _post(as_token(bob), f"{url}/feedback", {"rating": 4, "comment": "Good"})
        assert response.status_code == 200 and response.json()["rating"] == 4
        teaching = as_token(alice).get(f"{BASE}/teaching").json()
        [item] = teaching["items"]
        assert item["average_rating"] == 4 and item["feedback"][0]["comment"] == "Good"
        assert item["records"] == [{"topic": "Fire safety", "records": 1}]


def test_teachers_recognition_and_evaluation(
    as_token, learning_lead, coach, alice, bob, leeds_circle
):
    session = offer(alice, leeds_circle)
    services.book_place(bob, session)
    with during(session):
        services.mark_attendance(alice, session, {bob.pk: True})
    with after(session):
        services.complete_session(alice, session)
        give_feedback(bob, session, 5, "Loved it")
    url = f"{BASE}/circles/{leeds_circle.pk}/teachers"
    assert as_token(coach).get(url).status_code == 403
    [row] = as_token(learning_lead).get(url).json()["items"]
    assert row["person"]["id"] == alice.pk and row["sessions"] == 1
    assert row["average_rating"] == 5 and row["takes_part_as"][0].startswith("Worker member")
    response = _post(as_token(learning_lead), url, {"person_id": alice.pk, "level": "teacher"})
    assert response.status_code == 200 and response.json()["level"] == "teacher"
    response = _post(as_token(learning_lead), url, {"person_id": alice.pk, "level": "teacher"})
    assert response.status_code == 400 and response.json()["field"] == "level"
    response = _post(as_token(learning_lead), url, {"person_id": alice.pk, "level": "guru"})
    assert response.status_code == 422
    recognition = TeacherRecognition.objects.get()
    end = f"{BASE}/teacher-recognitions/{recognition.pk}/end"
    assert _post(as_token(bob), end).status_code == 403
    assert _post(as_token(learning_lead), end).json()["ended_on"] is not None
    evaluation = f"{BASE}/circles/{leeds_circle.pk}/session-evaluation"
    seen = as_token(coach).get(evaluation).json()
    assert seen["feedback"] is None and seen["topics"][0]["in_date"] == 1
    assert seen["kinds"][0] == {
        "kind": "buddy",
        "sessions": 1,
        "attendees": 1,
        "ratings": 1,
        "average_rating": 5.0,
    }
    assert as_token(learning_lead).get(evaluation).json()["feedback"][0]["comment"] == "Loved it"
    assert as_token(bob).get(evaluation).status_code == 403


def test_an_unknown_circle_or_recognition_is_a_404(as_token, learning_lead):
    assert as_token(learning_lead).get(f"{BASE}/circles/99999/teachers").status_code == 404
    response = _post(as_token(learning_lead), f"{BASE}/teacher-recognitions/99999/end")
    assert response.status_code == 404


def test_the_session_counts_stay_right_after_a_recognition(as_token, learning_lead, alice, bob):
    circle = alice.circle_memberships.get().circle
    session = offer(alice, circle)
    recognise_teacher(learning_lead, circle, alice, "associate")
    body = as_token(bob).get(f"{BASE}/sessions/{session.pk}").json()
    assert body["facilitators"][0]["recognition"] == "associate"
    assert LearningSession.objects.count() == 1


# --- Privacy --------------------------------------------------------------------------------------


def test_a_co_facilitator_id_outside_the_choices_is_refused_without_a_name(
    as_token, alice, bob, outsider, leeds_circle
):
    from coopcare.members.models import Audience, PrivacyChoice, Section

    client = as_token(alice)
    # Someone in another circle: not offered, so not named.
    response = _post(
        client, f"{BASE}/sessions", _new(leeds_circle, co_facilitator_ids=[outsider.pk])
    )
    assert response.status_code == 400 and response.json()["field"] == "co_facilitators"
    assert response.json()["detail"] == "Choose co-facilitators from the list."
    assert "Otto" not in response.content.decode()
    # A circle-mate who keeps their name to themself is not offered either.
    PrivacyChoice.objects.create(person=bob, section=Section.NAME, audience=Audience.ONLY_ME)
    response = _post(client, f"{BASE}/sessions", _new(leeds_circle, co_facilitator_ids=[bob.pk]))
    assert response.status_code == 400 and "Bob" not in response.content.decode()
    assert not LearningSession.objects.exists()


def test_a_co_facilitator_from_the_choices_is_accepted_and_kept_on_a_change(
    as_token, alice, bob, learning_lead, leeds_circle
):
    response = _post(
        as_token(alice),
        f"{BASE}/sessions",
        _new(leeds_circle, co_facilitator_ids=[alice.pk, bob.pk]),
    )
    assert response.status_code == 200, response.json()
    session = LearningSession.objects.get()
    assert set(session.facilitators.all()) == {alice, bob}
    # The Learning Lead changes it, keeping the co-facilitator already there.
    body = json.dumps({"title": "New", "co_facilitator_ids": [bob.pk]})
    url = f"{BASE}/sessions/{session.pk}"
    response = as_token(learning_lead).patch(url, body, content_type="application/json")
    assert response.status_code == 200, response.json()


def test_a_facilitators_hidden_name_is_not_shown(as_token, alice, bob, family, leeds_circle):
    from coopcare.members.models import Audience, PrivacyChoice, Section

    PrivacyChoice.objects.create(person=alice, section=Section.NAME, audience=Audience.CIRCLE)
    session = offer(alice, leeds_circle)
    url = f"{BASE}/sessions/{session.pk}"
    # Fay is in a team, not a member: a circle session is open to her, Alice's name is not.
    [seen] = as_token(family).get(url).json()["facilitators"]
    assert seen["name"] == "Someone in the co-op (name not shared)"
    listed = as_token(family).get(f"{BASE}/sessions").json()["items"][0]["facilitators"]
    assert listed == [seen] and "Alice" not in json.dumps(listed)
    [seen] = as_token(bob).get(url).json()["facilitators"]
    assert seen["name"] == "Alice Ashworth"


def test_waiting_positions_count_from_the_front(as_token, alice, bob, worker, dan, leeds_circle):
    session = offer(alice, leeds_circle, capacity=1)
    services.book_place(bob, session)
    services.book_place(worker, session)
    services.book_place(dan, session)
    seen = as_token(dan).get(f"{BASE}/sessions/{session.pk}").json()
    assert seen["my_place"] == {"status": "waiting", "waiting_position": 2}
    listed = as_token(dan).get(f"{BASE}/sessions").json()["items"][0]
    assert listed["my_place"]["waiting_position"] == 2

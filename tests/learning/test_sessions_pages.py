"""The learning-session pages: the list nearest first, offering, booking and the waiting list,
running a session, feedback, teaching, teachers and how well learning works."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coopcare.learning.models import LearningRecord, LearningSession, Place, TeacherRecognition
from coopcare.learning.services import sessions as services
from coopcare.learning.services.teachers import give_feedback
from tests.learning.sessions_support import after, during, offer, tomorrow_at

LIST = reverse("learning:sessions")


def _url(name, session) -> str:
    return reverse(f"learning:{name}", args=[session.pk])


def _held(alice, bob, circle, **changes):
    session = offer(alice, circle, **changes)
    services.book_place(bob, session)
    with during(session):
        services.mark_attendance(alice, session, {bob.pk: True})
    with after(session):
        services.complete_session(alice, session)
    return session


# --- Finding a session ----------------------------------------------------------------------------


def test_the_list_puts_the_nearest_first(
    as_person, team, family, worker, alice, outsider, leeds_circle, hebden_circle
):
    worker.profile.postcode = "LS7 3AB"
    worker.profile.save()
    elsewhere = offer(outsider, hebden_circle, title="Elsewhere", area="HX7")
    online = offer(outsider, hebden_circle, title="Online", setting="online")
    region = offer(outsider, hebden_circle, title="Region", area="LS28")
    nearby = offer(outsider, hebden_circle, title="Nearby", area="LS7")
    circle = offer(
        alice, leeds_circle, title="Circle", starts_at=tomorrow_at(9), ends_at=tomorrow_at(10)
    )
    in_team = offer(
        family,
        setting="team",
        team=team,
        title="Team",
        starts_at=tomorrow_at(21),
        ends_at=tomorrow_at(22),
    )
    response = as_person(worker).get(LIST)
    assert response.status_code == 200
    shown = [s.pk for s in response.context["sessions"]]
    assert shown == [in_team.pk, circle.pk, nearby.pk, region.pk, online.pk, elsewhere.pk]
    html = response.content.decode()
    for label in ("In your team", "In your circle", "Nearby", "Online", "Elsewhere"):
        assert f">{label}</h3>" in html
    assert "2 places left" in html


def test_an_outsider_does_not_see_a_teams_session(as_person, team, family, outsider, hebden_circle):
    offer(family, setting="team", team=team, title="Just for Olive's team")
    offer(outsider, hebden_circle, title="Open to all")
    html = as_person(outsider).get(LIST).content.decode()
    assert "Open to all" in html and "Just for Olive" not in html


def test_it_filters_by_topic_kind_and_words(as_person, alice, bob, leeds_circle):
    offer(alice, leeds_circle, title="Fire at home")
    offer(
        alice,
        leeds_circle,
        title="First aid basics",
        topic_slugs=["first-aid"],
        kind="action_learning",
    )
    client = as_person(bob)

    def titles(**query):
        return [s.title for s in client.get(LIST, query).context["sessions"]]

    assert titles(topic="first-aid") == ["First aid basics"]
    assert titles(kind="buddy") == ["Fire at home"]
    assert titles(q="basics") == ["First aid basics"]


def test_the_list_query_count_does_not_grow(as_person, alice, bob, worker, leeds_circle):
    client = as_person(bob)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST).status_code == 200
        return len(ctx)

    offer(alice, leeds_circle)
    small = count()
    for i in range(6):
        offer(
            worker if i % 2 else alice,
            leeds_circle,
            title=f"S{i}",
            topic_slugs=["fire-safety", "first-aid"],
            co_facilitators=[bob] if i % 2 else [],
        )
    assert count() == small


def test_a_facilitators_hidden_name_is_not_shown(as_person, alice, bob, family, leeds_circle):
    from coopcare.members.models import Audience, PrivacyChoice, Section

    PrivacyChoice.objects.create(person=alice, section=Section.NAME, audience=Audience.CIRCLE)
    session = offer(alice, leeds_circle)
    page = reverse("learning:session", args=[session.pk])
    # Fay is in a team, not a member: she sees the session, not Alice's name.
    for url in (LIST, page):
        content = as_person(family).get(url).content.decode()
        assert "Alice" not in content and "name not shared" in content
    assert "Alice Ashworth" in as_person(bob).get(page).content.decode()


def test_someone_who_takes_no_part_is_refused(as_person, applicant):
    assert as_person(applicant).get(LIST).status_code == 403
    assert as_person(applicant).get(reverse("learning:session_new")).status_code == 403


# --- Offering -------------------------------------------------------------------------------------


def _form(**changes) -> dict:
    day = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    data = {
        "kind": "buddy",
        "title": "Fire safety at home",
        "description": "",
        "topic_slugs": ["fire-safety"],
        "setting": "circle",
        "circle": "",
        "place_detail": "Olive's front room",
        "area": "LS7",
        "date": day,
        "start_time": "18:00",
        "end_time": "19:30",
        "capacity": "4",
    }
    data.update(changes)
    return data


def test_a_family_member_offers_a_session_through_the_form(as_person, team, family, leeds_circle):
    client = as_person(family)
    assert client.get(reverse("learning:session_new")).status_code == 200
    response = client.post(
        reverse("learning:session_new"), _form(setting="team", team=str(team.pk))
    )
    session = LearningSession.objects.get()
    assert response.status_code == 302 and response.url == _url("session", session)
    assert session.team == team and session.circle == leeds_circle
    assert session.ends_at - session.starts_at == datetime.timedelta(minutes=90)


def test_the_form_explains_a_missing_competent_facilitator(as_person, team, family, leeds_circle):
    response = as_person(family).post(
        reverse("learning:session_new"),
        _form(circle=str(leeds_circle.pk), topic_slugs=["medicines-competence"]),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "must be observed" in html
    assert 'id="id_topic_slugs_error"' in html
    assert not LearningSession.objects.exists()


# --- Booking, the waiting list --------------------------------------------------------------------


def test_booking_then_the_waiting_list_with_its_position(
    as_person, alice, bob, worker, family, leeds_circle
):
    session = offer(alice, leeds_circle, capacity=1)
    as_person(bob).post(_url("session_book", session))
    response = as_person(worker).post(_url("session_book", session), follow=True)
    html = response.content.decode()
    assert "waiting list" in html and "number 1 on the waiting list" in html
    as_person(family).post(_url("session_book", session))
    assert "number 2 on" in as_person(family).get(_url("session", session)).content.decode()
    as_person(bob).post(_url("session_leave", session))
    assert Place.objects.get(person=worker).status == Place.Status.BOOKED
    assert "number 1 on" in as_person(family).get(_url("session", session)).content.decode()


def test_a_facilitator_booking_is_told_why_not(as_person, alice, leeds_circle):
    session = offer(alice, leeds_circle)
    response = as_person(alice).post(_url("session_book", session), follow=True)
    assert "no need to book" in response.content.decode()
    assert not Place.objects.exists()


def test_an_outsider_gets_404_for_a_teams_session(as_person, team, family, outsider):
    session = offer(family, setting="team", team=team)
    for name in ("session", "session_edit", "session_attendance"):
        assert as_person(outsider).get(_url(name, session)).status_code == 404
    assert as_person(outsider).post(_url("session_book", session)).status_code == 404


def test_only_facilitators_and_the_learning_lead_run_it(
    as_person, alice, bob, learning_lead, leeds_circle
):
    session = offer(alice, leeds_circle)
    for name in ("session_edit", "session_cancel", "session_attendance", "session_complete"):
        assert as_person(bob).get(_url(name, session)).status_code == 403
        assert as_person(learning_lead).get(_url(name, session)).status_code == 200


# --- Running it -----------------------------------------------------------------------------------


def test_changing_a_session(as_person, alice, leeds_circle):
    session = offer(alice, leeds_circle)
    client = as_person(alice)
    form = client.get(_url("session_edit", session)).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        title="Fire safety, again",
        capacity="5",
        circle=str(leeds_circle.pk),
        date=data["date"].isoformat(),
        start_time="18:00",
        end_time="20:00",
    )
    data.pop("team", None)
    response = client.post(_url("session_edit", session), data)
    assert response.status_code == 302, response.context["form"].errors
    session.refresh_from_db()
    assert session.title == "Fire safety, again" and session.capacity == 5


def test_cancelling_asks_for_a_reason(as_person, alice, bob, leeds_circle):
    session = offer(alice, leeds_circle)
    client = as_person(alice)
    assert "cannot be undone" in client.get(_url("session_cancel", session)).content.decode()
    response = client.post(_url("session_cancel", session), {"reason": ""})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    response = client.post(_url("session_cancel", session), {"reason": "Ill"})
    assert response.status_code == 302
    assert LearningSession.objects.get().status == LearningSession.Status.CANCELLED


def test_attendance_then_completion_records_the_learning(as_person, alice, bob, leeds_circle):
    session = offer(alice, leeds_circle)
    services.book_place(bob, session)
    # Sessions end after 30 idle minutes: sign in again at each time.
    with during(session):
        client = as_person(alice)
        assert "Came" in client.get(_url("session_attendance", session)).content.decode()
        response = client.post(_url("session_attendance", session), {f"person_{bob.pk}": "1"})
        assert response.status_code == 302
    with after(session):
        client = as_person(alice)
        html = client.get(_url("session_complete", session)).content.decode()
        assert "1 person came" in html and "Fire safety" in html
        response = client.post(_url("session_complete", session), follow=True)
        assert "everyone who came has it recorded" in response.content.decode()
        assert "Fire safety: 1 person" in response.content.decode()
    assert LearningRecord.objects.get().person == bob


# --- Feedback, teaching, teachers -----------------------------------------------------------------


def test_feedback_once_from_an_attendee(as_person, alice, bob, carol, leeds_circle):
    session = _held(alice, bob, leeds_circle)
    assert "Rate this session" in as_person(bob).get(_url("session", session)).content.decode()
    response = as_person(carol).get(_url("session_feedback", session))
    assert response.status_code == 302
    client = as_person(bob)
    response = client.post(_url("session_feedback", session), {"rating": "4", "comment": "Good"})
    assert response.status_code == 302
    assert "You rated it 4" in client.get(_url("session_feedback", session)).content.decode()


def test_teaching_shows_ratings_comments_and_records(as_person, alice, bob, leeds_circle):
    session = _held(alice, bob, leeds_circle)
    give_feedback(bob, session, 4, "Very practical")
    html = as_person(alice).get(reverse("learning:teaching")).content.decode()
    assert "Rated 4.0 out of 5 by 1 person" in html and "Very practical" in html
    assert "1 learning record written" in html
    assert "Bob" not in html
    html = as_person(alice).get(_url("session", session)).content.decode()
    assert "Rated 4.0 out of 5 by 1 person." in html and "Very practical" in html


def test_the_learning_lead_sees_and_recognises_teachers(
    as_person, learning_lead, coach, team, alice, bob, family, leeds_circle
):
    session = _held(alice, bob, leeds_circle)
    give_feedback(bob, session, 5)
    offer(family, setting="team", team=team)
    url = reverse("learning:teachers", args=[leeds_circle.pk])
    assert as_person(coach).get(url).status_code == 403
    assert as_person(alice).get(url).status_code == 403
    html = as_person(learning_lead).get(url).content.decode()
    assert "Alice Ashworth" in html and "Worker member (independent" in html
    assert "Fay Oyelaran" in html and "5.0" in html
    recognise = reverse("learning:teacher_recognise", args=[leeds_circle.pk])
    response = as_person(learning_lead).post(recognise, {"person": alice.pk, "level": "teacher"})
    assert response.status_code == 302
    recognition = TeacherRecognition.objects.get()
    html = as_person(bob).get(_url("session", session)).content.decode()
    assert "Alice Ashworth (Teacher)" in html
    end = reverse("learning:teacher_end", args=[recognition.pk])
    assert as_person(alice).get(end).status_code == 403
    assert as_person(learning_lead).post(end).status_code == 302
    recognition.refresh_from_db()
    assert recognition.ended_on is not None


def test_the_coach_sees_whether_learning_lasts_without_comments(
    as_person, coach, learning_lead, alice, bob, leeds_circle, outsider, other_coach
):
    session = _held(alice, bob, leeds_circle)
    give_feedback(bob, session, 3, "A secret comment")
    url = reverse("learning:session_evaluation", args=[leeds_circle.pk])
    html = as_person(coach).get(url).content.decode()
    assert "Buddy meeting" in html and "Fire safety" in html and "1 of 1" in html
    assert "A secret comment" not in html
    assert "A secret comment" in as_person(learning_lead).get(url).content.decode()
    assert as_person(other_coach).get(url).status_code == 403
    assert as_person(bob).get(url).status_code == 403

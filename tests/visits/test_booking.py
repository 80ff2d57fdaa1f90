"""Booking: who may book, the gates, joining and declining, and no double booking."""

import datetime

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.visits.models import Appointment, Attendee
from coopcare.visits.services.booking import decline_appointment, join_appointment
from tests.factories import make_team_ready
from tests.visits.conftest import at, book


def test_the_owner_books_and_the_giver_is_asked(ready_team, owner, worker):
    appointment = book(owner, ready_team, [worker])
    assert appointment.status == "planned"
    assert appointment.attendees.get().response == "invited"
    note = Notification.objects.get(kind="visits.asked_to_join")
    assert note.recipient == worker and "Morning visit" in note.title
    assert AuditEvent.objects.filter(action="visits.appointment_created").count() == 1


def test_the_rota_holder_books_but_a_team_mate_may_not(ready_team, rota_holder, worker, family):
    assert book(rota_holder, ready_team, [worker]).pk
    with pytest.raises(NotAllowed):
        book(family, ready_team, [worker])


def test_nothing_is_booked_before_the_promise_is_signed(team, owner, family):
    with pytest.raises(DomainError, match="Promise"):
        book(owner, team, [family])
    assert not Appointment.objects.exists()


def test_personal_care_needs_a_face_to_face_visit_first(team, owner, family):
    make_team_ready(team, visit=False)
    assert book(owner, team, [family], kinds=["companionship"]).pk
    with pytest.raises(DomainError, match="face-to-face visit"):
        book(owner, team, [family], start=at(3, 10), kinds=["personal_care"])


def test_a_volunteer_never_gives_personal_care(ready_team, owner, volunteer):
    with pytest.raises(DomainError, match="volunteer"):
        book(owner, ready_team, [volunteer], kinds=["personal_care"])
    assert book(owner, ready_team, [volunteer], kinds=["companionship"]).pk


def test_someone_outside_the_team_cannot_be_a_giver(ready_team, owner, outsider):
    with pytest.raises(DomainError, match="not a member"):
        book(owner, ready_team, [outsider])


@pytest.mark.parametrize(
    ("start", "minutes", "message"),
    [
        (at(-1, 10), 60, "future"),
        (at(2, 10), 0, "end after"),
        (at(2, 10), 25 * 60, "24 hours"),
    ],
)
def test_bad_times_are_refused(ready_team, owner, worker, start, minutes, message):
    with pytest.raises(DomainError, match=message):
        book(owner, ready_team, [worker], start=start, minutes=minutes)
    assert not Appointment.objects.exists()


def test_joining_confirms_and_snapshots_the_rate(ready_team, owner, worker):
    appointment = book(owner, ready_team, [worker])
    attendee = join_appointment(worker, appointment)
    appointment.refresh_from_db()
    assert appointment.status == "confirmed"
    assert (attendee.rate_pence, attendee.holds_time, attendee.travel_minutes) == (1800, True, 15)
    assert attendee.busy_until == appointment.ends_at + datetime.timedelta(minutes=15)
    assert Notification.objects.filter(kind="visits.confirmed", recipient=owner).exists()


def test_only_an_asked_giver_joins(ready_team, owner, worker, family):
    appointment = book(owner, ready_team, [worker])
    with pytest.raises(NotAllowed):
        join_appointment(family, appointment)


def test_a_clash_names_the_other_appointment_and_saves_nothing(ready_team, owner, worker):
    first = book(owner, ready_team, [worker], start=at(2, 10), title="Breakfast")
    join_appointment(worker, first)
    # Starts 10 minutes after the first ends: inside Wren's 15 minutes of travel.
    second = book(owner, ready_team, [worker], start=at(2, 11, 10), title="Shopping")
    with pytest.raises(DomainError, match="already booked then: “Breakfast”"):
        join_appointment(worker, second)
    assert Attendee.objects.get(appointment=second).response == "invited"
    assert Appointment.objects.get(pk=second.pk).status == "planned"


def test_back_to_back_is_fine_once_travel_time_is_kept(ready_team, owner, worker):
    join_appointment(worker, book(owner, ready_team, [worker], start=at(2, 10)))
    later = book(owner, ready_team, [worker], start=at(2, 11, 15))
    join_appointment(worker, later)
    assert Appointment.objects.get(pk=later.pk).status == "confirmed"


def test_declining_frees_the_time_and_tells_the_owner(ready_team, owner, worker):
    appointment = book(owner, ready_team, [worker])
    join_appointment(worker, appointment)
    decline_appointment(worker, appointment, "My car broke down.")
    attendee = Attendee.objects.get(appointment=appointment)
    assert (attendee.response, attendee.holds_time) == ("declined", False)
    assert Appointment.objects.get(pk=appointment.pk).status == "planned"
    note = Notification.objects.filter(kind="visits.answered", recipient=owner).latest("id")
    assert note.body == "My car broke down."
    # Now the time is free for another booking.
    join_appointment(worker, book(owner, ready_team, [worker], start=at(2, 10, 30)))


def test_a_past_appointment_cannot_be_joined(ready_team, owner, worker, time_machine):
    appointment = book(owner, ready_team, [worker])
    time_machine.move_to(appointment.ends_at + datetime.timedelta(minutes=1))
    with pytest.raises(DomainError, match="already happened"):
        join_appointment(worker, appointment)

"""Changes by consent: everyone in a confirmed appointment says yes before it moves or is
cancelled; one no keeps it; nobody else can impose it."""

import datetime

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.visits.models import Appointment, Attendee, ChangeAnswer, ChangeRequest
from coopcare.visits.services.booking import join_appointment
from coopcare.visits.services.changes import (
    answer_change,
    lapse_changes,
    request_change,
    withdraw_change,
)
from tests.visits.conftest import at, book


def confirmed(owner, team, givers, start=None, **kwargs):
    appointment = book(owner, team, givers, start=start or at(5, 10), **kwargs)
    for giver in givers:
        join_appointment(giver, appointment)
    appointment.refresh_from_db()
    assert appointment.status == "confirmed"
    return appointment


def move(actor, appointment, start, minutes=60, reason="My car is in the garage."):
    return request_change(
        actor,
        appointment,
        kind="move",
        new_starts_at=start,
        new_ends_at=start + datetime.timedelta(minutes=minutes),
        reason=reason,
    )


def answers(change):
    return {
        (a.person.email, a.answered_by.email, a.answer)
        for a in ChangeAnswer.objects.filter(change_request=change).select_related(
            "person", "answered_by"
        )
    }


def test_a_giver_asks_and_the_owner_and_those_acting_for_her_are_told(
    ready_team, owner, worker, representative
):
    appointment = confirmed(owner, ready_team, [worker])
    change = move(worker, appointment, at(6, 14))
    assert change.status == "open" and change.on_behalf_of is None
    assert set(change.asked.all()) == {owner, worker}
    assert answers(change) == {("wren@example.org", "wren@example.org", "yes")}
    told = set(
        Notification.objects.filter(kind="visits.change_requested").values_list(
            "recipient__email", flat=True
        )
    )
    assert told == {"olive@example.org", "rhys@example.org"}
    assert AuditEvent.objects.filter(action="visits.change_requested").count() == 1


def test_when_everyone_says_yes_it_moves_and_everyone_is_told(ready_team, owner, worker):
    appointment = confirmed(owner, ready_team, [worker])
    change = move(worker, appointment, at(6, 14))
    answer_change(owner, change, "yes")
    appointment.refresh_from_db()
    assert (appointment.starts_at, appointment.status) == (at(6, 14), "confirmed")
    attendee = Attendee.objects.get(appointment=appointment)
    assert attendee.holds_time
    assert attendee.busy_until == at(6, 15) + datetime.timedelta(minutes=15)
    assert ChangeRequest.objects.get(pk=change.pk).status == "agreed"
    assert Notification.objects.filter(kind="visits.changed", recipient=worker).exists()


def test_one_no_keeps_the_appointment_as_it_was(ready_team, owner, worker):
    appointment = confirmed(owner, ready_team, [worker])
    change = move(worker, appointment, at(6, 14))
    answer_change(owner, change, "no", "I have the nurse then.")
    appointment.refresh_from_db()
    assert appointment.starts_at == at(5, 10)
    change.refresh_from_db()
    assert change.status == "declined" and change.decided_at is not None
    note = Notification.objects.get(kind="visits.change_decided", recipient=worker)
    assert "I have the nurse then." in note.body


def test_every_giver_who_joined_must_agree(ready_team, owner, worker, rota_holder):
    appointment = confirmed(owner, ready_team, [worker, rota_holder])
    change = request_change(owner, appointment, kind="cancel", reason="I'm in hospital.")
    assert set(change.asked.all()) == {owner, worker, rota_holder}
    answer_change(worker, change, "yes")
    assert Appointment.objects.get(pk=appointment.pk).status == "confirmed"
    answer_change(rota_holder, change, "yes")
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"
    assert appointment.cancel_reason == "I'm in hospital."
    assert not Attendee.objects.filter(appointment=appointment, holds_time=True).exists()


def test_a_representative_answers_for_the_owner(ready_team, owner, worker, representative):
    appointment = confirmed(owner, ready_team, [worker])
    change = move(worker, appointment, at(6, 14))
    answer_change(representative, change, "yes")
    assert ("olive@example.org", "rhys@example.org", "yes") in answers(change)
    assert ChangeRequest.objects.get(pk=change.pk).status == "agreed"
    event = AuditEvent.objects.get(action="visits.change_answered")
    assert event.detail["on_behalf_of"] == owner.pk


def test_the_owner_and_her_representative_count_once(ready_team, owner, worker, representative):
    appointment = confirmed(owner, ready_team, [worker])
    change = request_change(owner, appointment, kind="cancel", reason="Away that week.")
    with pytest.raises(DomainError, match="already answered"):
        answer_change(representative, change, "no", on_behalf_of_owner=True)
    assert ChangeRequest.objects.get(pk=change.pk).status == "open"


def test_a_representative_asks_for_the_owner(ready_team, owner, worker, representative):
    appointment = confirmed(owner, ready_team, [worker], start=at(1, 10))
    change = request_change(representative, appointment, kind="cancel", reason="Olive is unwell.")
    assert change.on_behalf_of == owner
    assert answers(change) == {("olive@example.org", "rhys@example.org", "yes")}
    assert Notification.objects.filter(kind="visits.change_requested", recipient=owner).exists()
    answer_change(worker, change, "yes")
    appointment.refresh_from_db()
    # Tomorrow is inside the default 48 hours' notice: the money rules see a late cancellation.
    assert (appointment.status, appointment.late_cancellation) == ("cancelled", True)
    assert Notification.objects.filter(kind="visits.cancelled", recipient=owner).exists()


def test_a_clash_on_the_new_time_stops_the_whole_answer(ready_team, owner, worker):
    appointment = confirmed(owner, ready_team, [worker], title="Breakfast")
    confirmed(owner, ready_team, [worker], start=at(6, 14), title="Shopping")
    change = move(worker, appointment, at(6, 14, 30))
    with pytest.raises(DomainError, match="already booked then: “Shopping”"):
        answer_change(owner, change, "yes")
    appointment.refresh_from_db()
    assert appointment.starts_at == at(5, 10)
    assert Attendee.objects.get(appointment=appointment).busy_from == at(5, 10)
    assert ChangeRequest.objects.get(pk=change.pk).status == "open"
    assert not ChangeAnswer.objects.filter(change_request=change, person=owner).exists()
    assert not Notification.objects.filter(kind="visits.changed").exists()


def test_a_giver_outside_the_team_cannot_ask_or_answer(ready_team, owner, worker, outsider):
    appointment = confirmed(owner, ready_team, [worker])
    with pytest.raises(NotAllowed):
        move(outsider, appointment, at(6, 14))
    change = move(worker, appointment, at(6, 14))
    with pytest.raises(NotAllowed):
        answer_change(outsider, change, "yes")
    with pytest.raises(NotAllowed):
        answer_change(outsider, change, "yes", on_behalf_of_owner=True)
    assert ChangeRequest.objects.get(pk=change.pk).status == "open"


def test_a_team_mate_not_in_the_appointment_cannot_impose_a_change(
    ready_team, owner, worker, family, rota_holder
):
    appointment = confirmed(owner, ready_team, [worker])
    with pytest.raises(NotAllowed):
        request_change(family, appointment, kind="cancel", reason="Let's not.")
    change = move(worker, appointment, at(6, 14))
    for person in (family, rota_holder):
        with pytest.raises(NotAllowed):
            answer_change(person, change, "yes")
    assert Appointment.objects.get(pk=appointment.pk).starts_at == at(5, 10)


def test_a_giver_who_declined_has_nothing_to_change(ready_team, owner, worker, rota_holder):
    appointment = book(owner, ready_team, [worker, rota_holder], start=at(5, 10))
    join_appointment(worker, appointment)
    from coopcare.visits.services.booking import decline_appointment

    decline_appointment(rota_holder, appointment)
    with pytest.raises(NotAllowed):
        request_change(rota_holder, appointment, kind="cancel", reason="Not me.")


def test_only_one_request_is_open_at_a_time(ready_team, owner, worker):
    appointment = confirmed(owner, ready_team, [worker])
    move(worker, appointment, at(6, 14))
    with pytest.raises(DomainError, match="already being asked about"):
        request_change(owner, appointment, kind="cancel", reason="Away.")
    assert ChangeRequest.objects.count() == 1


def test_a_planned_appointment_is_edited_not_asked_about(ready_team, owner, worker):
    appointment = book(owner, ready_team, [worker], start=at(5, 10))
    with pytest.raises(DomainError, match="not confirmed yet"):
        request_change(owner, appointment, kind="cancel", reason="Away.")


def test_nothing_changes_once_the_visit_has_started(ready_team, owner, worker, time_machine):
    appointment = confirmed(owner, ready_team, [worker])
    change = move(worker, appointment, at(6, 14))
    time_machine.move_to(appointment.starts_at + datetime.timedelta(minutes=5))
    with pytest.raises(DomainError, match="started"):
        answer_change(owner, change, "yes")
    with pytest.raises(DomainError, match="already started"):
        request_change(owner, appointment, kind="cancel", reason="Too late.")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "shorten", "reason": "Why not."}, "move it or cancel"),
        ({"kind": "cancel", "reason": "   "}, "Say why"),
        ({"kind": "move", "reason": "Later please."}, "starts and ends"),
        (
            {
                "kind": "move",
                "reason": "Earlier please.",
                "new_starts_at": at(-1, 10),
                "new_ends_at": at(-1, 11),
            },
            "future",
        ),
        (
            {
                "kind": "move",
                "reason": "No change.",
                "new_starts_at": at(5, 10),
                "new_ends_at": at(5, 11),
            },
            "already when it is",
        ),
    ],
)
def test_bad_requests_are_refused_and_save_nothing(ready_team, owner, worker, kwargs, message):
    appointment = confirmed(owner, ready_team, [worker])
    with pytest.raises(DomainError, match=message):
        request_change(worker, appointment, **kwargs)
    assert not ChangeRequest.objects.exists()


def test_an_answer_is_yes_or_no_and_given_once(ready_team, owner, worker, rota_holder):
    appointment = confirmed(owner, ready_team, [worker, rota_holder])
    change = move(worker, appointment, at(6, 14))
    with pytest.raises(DomainError, match="yes or no"):
        answer_change(owner, change, "maybe")
    with pytest.raises(DomainError, match="already answered"):
        answer_change(worker, change, "no")
    answer_change(owner, change, "yes")
    with pytest.raises(DomainError, match="already answered"):
        answer_change(owner, change, "no")


def test_only_the_person_who_asked_withdraws(ready_team, owner, worker):
    appointment = confirmed(owner, ready_team, [worker])
    change = move(worker, appointment, at(6, 14))
    with pytest.raises(NotAllowed):
        withdraw_change(owner, change)
    withdraw_change(worker, change)
    assert ChangeRequest.objects.get(pk=change.pk).status == "withdrawn"
    assert Notification.objects.filter(kind="visits.change_decided", recipient=owner).exists()
    with pytest.raises(DomainError, match="closed"):
        answer_change(owner, change, "yes")
    # Withdrawn, so a new request may be made.
    assert request_change(owner, appointment, kind="cancel", reason="Away.").status == "open"


def test_open_requests_lapse_when_the_visit_starts(ready_team, owner, worker, time_machine):
    appointment = confirmed(owner, ready_team, [worker])
    later = confirmed(owner, ready_team, [worker], start=at(8, 10))
    change = move(worker, appointment, at(6, 14))
    waiting = move(worker, later, at(9, 14))
    assert lapse_changes() == 0
    time_machine.move_to(appointment.starts_at)
    assert lapse_changes() == 1
    assert lapse_changes() == 0
    assert ChangeRequest.objects.get(pk=change.pk).status == "lapsed"
    assert ChangeRequest.objects.get(pk=waiting.pk).status == "open"

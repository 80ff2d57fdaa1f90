"""Cancelling outright: the owner's side may cancel with a reason, no consent needed; inside
the circle's notice period it counts as late. The page asks for confirmation first."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.visits.models import Appointment, Attendee, ChangeRequest, VisitPolicy
from coopcare.visits.services.booking import join_appointment
from coopcare.visits.services.changes import cancel_outright, request_change
from tests.visits.conftest import at, book


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The API's rate limits live in the cache, keyed by account id; ids are reused between tests.
    cache.clear()
    yield
    cache.clear()


def joined(owner, team, worker, start):
    appointment = book(owner, team, [worker], start=start)
    join_appointment(worker, appointment)
    appointment.refresh_from_db()
    return appointment


def test_the_owner_cancels_with_a_reason_and_everyone_is_told(ready_team, owner, worker):
    appointment = joined(owner, ready_team, worker, at(5, 10))
    cancel_outright(owner, appointment, "I'm going to my sister's.")
    appointment.refresh_from_db()
    assert appointment.status == "cancelled" and not appointment.late_cancellation
    assert appointment.cancel_reason == "I'm going to my sister's."
    assert not Attendee.objects.get(appointment=appointment).holds_time
    note = Notification.objects.get(kind="visits.cancelled", recipient=worker)
    assert note.body == "I'm going to my sister's."


def test_inside_the_notice_period_it_is_a_late_cancellation(ready_team, owner, worker):
    appointment = joined(owner, ready_team, worker, at(1, 10))
    cancel_outright(owner, appointment, "Unwell.")
    assert Appointment.objects.get(pk=appointment.pk).late_cancellation


def test_the_circle_sets_the_notice_period(ready_team, owner, worker):
    VisitPolicy.objects.create(circle=ready_team.local_circle, cancellation_notice_hours=24 * 7)
    appointment = joined(owner, ready_team, worker, at(5, 10))
    cancel_outright(owner, appointment, "Unwell.")
    assert Appointment.objects.get(pk=appointment.pk).late_cancellation


def test_a_representative_cancels_for_the_owner(ready_team, owner, worker, representative):
    appointment = joined(owner, ready_team, worker, at(5, 10))
    cancel_outright(representative, appointment, "Olive is in hospital.")
    assert Appointment.objects.get(pk=appointment.pk).is_cancelled
    event = AuditEvent.objects.get(action="visits.cancelled")
    assert event.detail["on_behalf_of"] == owner.pk
    assert Notification.objects.filter(kind="visits.cancelled", recipient=owner).exists()


def test_a_planned_appointment_may_be_cancelled_too(ready_team, owner, worker):
    appointment = book(owner, ready_team, [worker], start=at(5, 10))
    cancel_outright(owner, appointment, "Not needed after all.")
    assert Appointment.objects.get(pk=appointment.pk).is_cancelled


@pytest.mark.parametrize("who", ["worker", "rota_holder", "family", "outsider"])
def test_only_the_owners_side_cancels_outright(request, ready_team, owner, worker, who):
    appointment = joined(owner, ready_team, worker, at(5, 10))
    with pytest.raises(NotAllowed):
        cancel_outright(request.getfixturevalue(who), appointment, "Because.")
    assert Appointment.objects.get(pk=appointment.pk).status == "confirmed"


def test_a_reason_is_needed(ready_team, owner, worker):
    appointment = joined(owner, ready_team, worker, at(5, 10))
    with pytest.raises(DomainError, match="Say why"):
        cancel_outright(owner, appointment, "  ")
    assert Appointment.objects.get(pk=appointment.pk).status == "confirmed"


def test_what_is_over_cannot_be_cancelled(ready_team, owner, worker, time_machine):
    appointment = joined(owner, ready_team, worker, at(5, 10))
    cancel_outright(owner, appointment, "Away.")
    with pytest.raises(DomainError, match="was cancelled"):
        cancel_outright(owner, appointment, "Away.")
    later = joined(owner, ready_team, worker, at(6, 10))
    time_machine.move_to(later.ends_at + datetime.timedelta(minutes=1))
    with pytest.raises(DomainError, match="already happened"):
        cancel_outright(owner, later, "Too late.")


def test_a_change_still_being_asked_about_is_overtaken(ready_team, owner, worker):
    appointment = joined(owner, ready_team, worker, at(5, 10))
    change = request_change(worker, appointment, kind="cancel", reason="Holiday.")
    cancel_outright(owner, appointment, "Away.")
    assert ChangeRequest.objects.get(pk=change.pk).status == "withdrawn"


# --- The page -----------------------------------------------------------------------------------


def test_the_page_asks_for_confirmation_first(as_person, ready_team, owner, worker):
    appointment = joined(owner, ready_team, worker, at(1, 10))
    url = reverse("visits:cancel", args=[appointment.pk])
    response = as_person(owner).get(url)
    assert response.status_code == 200
    assert "cannot be undone" in response.text
    assert "late cancellation" in response.text
    assert Appointment.objects.get(pk=appointment.pk).status == "confirmed"


def test_the_page_needs_a_reason_and_then_cancels(as_person, ready_team, owner, worker):
    appointment = joined(owner, ready_team, worker, at(5, 10))
    url = reverse("visits:cancel", args=[appointment.pk])
    client = as_person(owner)
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Say why" in response.text
    assert Appointment.objects.get(pk=appointment.pk).status == "confirmed"
    response = client.post(url, {"reason": "Away."})
    assert response.status_code == 302
    assert response.url == reverse("visits:appointment", args=[appointment.pk])
    assert Appointment.objects.get(pk=appointment.pk).is_cancelled


def test_the_appointment_page_links_to_it_for_the_owners_side_only(
    as_person, ready_team, owner, worker
):
    appointment = joined(owner, ready_team, worker, at(5, 10))
    page = reverse("visits:appointment", args=[appointment.pk])
    assert "Cancel this appointment" in as_person(owner).get(page).text
    assert "Cancel this appointment" not in as_person(worker).get(page).text


def test_the_page_refuses_givers_and_hides_from_outsiders(
    as_person, ready_team, owner, worker, outsider
):
    appointment = joined(owner, ready_team, worker, at(5, 10))
    url = reverse("visits:cancel", args=[appointment.pk])
    assert as_person(worker).get(url).status_code == 403
    assert as_person(worker).post(url, {"reason": "x"}).status_code == 403
    assert as_person(outsider).post(url, {"reason": "x"}).status_code == 404
    assert Appointment.objects.get(pk=appointment.pk).status == "confirmed"


# --- The API ------------------------------------------------------------------------------------


def api_cancel(client, appointment, body):
    return client.post(
        f"/api/appointments/{appointment.pk}/cancel",
        data=json.dumps(body),
        content_type="application/json",
    )


def test_the_api_cancels_with_the_same_rules(as_person, ready_team, owner, worker, outsider):
    appointment = joined(owner, ready_team, worker, at(1, 10))
    assert api_cancel(as_person(outsider), appointment, {"reason": "x"}).status_code == 404
    assert api_cancel(as_person(worker), appointment, {"reason": "x"}).status_code == 403
    assert api_cancel(as_person(owner), appointment, {}).status_code == 422
    response = api_cancel(as_person(owner), appointment, {"reason": " "})
    assert (response.status_code, response.json()["field"]) == (400, "reason")
    assert Appointment.objects.get(pk=appointment.pk).status == "confirmed"
    body = api_cancel(as_person(owner), appointment, {"reason": "Unwell."}).json()
    assert (body["status"], body["late_cancellation"], body["cancel_reason"]) == (
        "cancelled",
        True,
        "Unwell.",
    )

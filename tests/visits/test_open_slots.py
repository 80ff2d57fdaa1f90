"""Open slots: the people who arrange the rota offer an appointment nobody has joined; the
first eligible team member to take it becomes its giver, and nobody after them."""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.visits.models import Appointment, Attendee
from coopcare.visits.services.booking import decline_appointment, join_appointment
from coopcare.visits.services.slots import offer_slot, take_slot
from tests.visits.conftest import at, book


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def open_slot(actor, team, kinds=("companionship",), start=None):
    return book(actor, team, [], start=start or at(5, 10), kinds=kinds, open_slot=True)


def test_the_rota_holder_offers_a_visit_nobody_can_make(
    ready_team, owner, worker, family, volunteer, rota_holder
):
    appointment = book(rota_holder, ready_team, [worker], kinds=["personal_care"])
    decline_appointment(worker, appointment, "I'm away.")
    offer_slot(rota_holder, appointment)
    assert Appointment.objects.get(pk=appointment.pk).open_slot
    told = set(
        Notification.objects.filter(kind="visits.open_slot").values_list(
            "recipient__email", flat=True
        )
    )
    # Not the owner, not Rosa who offered it, and not Vic: volunteers never give personal care.
    assert told == {"wren@example.org", "fay@example.org"}
    assert AuditEvent.objects.filter(action="visits.slot_offered").count() == 1


def test_only_those_who_arrange_offer_and_only_what_nobody_has_joined(
    ready_team, owner, worker, family
):
    appointment = book(owner, ready_team, [worker])
    with pytest.raises(NotAllowed):
        offer_slot(family, appointment)
    join_appointment(worker, appointment)
    with pytest.raises(DomainError, match="already joined"):
        offer_slot(owner, appointment)
    assert not Appointment.objects.get(pk=appointment.pk).open_slot


def test_the_first_to_take_it_gives_support(ready_team, owner, worker, rota_holder):
    appointment = open_slot(owner, ready_team)
    attendee = take_slot(worker, appointment)
    appointment.refresh_from_db()
    assert (appointment.open_slot, appointment.status) == (False, "confirmed")
    assert (attendee.role, attendee.response, attendee.holds_time) == ("giver", "joined", True)
    assert (attendee.rate_pence, attendee.travel_minutes) == (1800, 15)
    assert Notification.objects.filter(kind="visits.confirmed", recipient=owner).exists()
    assert Notification.objects.filter(kind="visits.confirmed", recipient=rota_holder).exists()
    with pytest.raises(DomainError, match="Someone has already taken this slot"):
        take_slot(rota_holder, appointment)
    assert list(
        Attendee.objects.filter(appointment=appointment).values_list("person", flat=True)
    ) == [worker.pk]


def test_one_winner_when_several_try_one_after_another(
    ready_team, owner, worker, family, rota_holder, volunteer
):
    """The same rule as the PostgreSQL race test, taken in turn (SQLite runs one writer)."""
    appointment = open_slot(owner, ready_team)
    outcomes = []
    for person in (family, worker, rota_holder, volunteer):
        try:
            take_slot(person, appointment)
        except DomainError as error:
            outcomes.append(error.message)
        else:
            outcomes.append("taken")
    assert outcomes == ["taken"] + ["Someone has already taken this slot."] * 3
    assert Attendee.objects.get(appointment=appointment).person == family


def test_a_giver_asked_earlier_may_take_it(ready_team, owner, worker):
    appointment = book(owner, ready_team, [worker])
    decline_appointment(worker, appointment)
    offer_slot(owner, appointment)
    take_slot(worker, appointment)
    attendee = Attendee.objects.get(appointment=appointment)
    assert (attendee.response, attendee.decline_reason) == ("joined", "")
    assert Appointment.objects.get(pk=appointment.pk).status == "confirmed"


def test_a_volunteer_cannot_take_personal_care(ready_team, owner, volunteer):
    appointment = open_slot(owner, ready_team, kinds=["personal_care"])
    with pytest.raises(DomainError, match="volunteer"):
        take_slot(volunteer, appointment)
    assert Appointment.objects.get(pk=appointment.pk).open_slot
    assert not Attendee.objects.exists()


@pytest.mark.parametrize("who", ["owner", "outsider", "representative"])
def test_only_team_members_who_give_support_take_it(request, ready_team, owner, who):
    appointment = open_slot(owner, ready_team)
    with pytest.raises(NotAllowed):
        take_slot(request.getfixturevalue(who), appointment)
    assert Appointment.objects.get(pk=appointment.pk).open_slot


def test_a_clash_leaves_the_slot_open(ready_team, owner, worker):
    join_appointment(worker, book(owner, ready_team, [worker], start=at(5, 9, 30)))
    appointment = open_slot(owner, ready_team, start=at(5, 10))
    with pytest.raises(DomainError, match="already booked"):
        take_slot(worker, appointment)
    appointment.refresh_from_db()
    assert (appointment.open_slot, appointment.status) == (True, "planned")


def test_a_slot_that_was_never_offered_cannot_be_taken(ready_team, owner, worker, family):
    appointment = book(owner, ready_team, [worker])
    with pytest.raises(DomainError, match="not offered"):
        take_slot(family, appointment)


# --- Pages --------------------------------------------------------------------------------------


def test_the_list_shows_the_slots_i_may_take(as_person, ready_team, owner, worker, volunteer):
    open_slot(owner, ready_team, kinds=["personal_care"])
    open_slot(owner, ready_team, start=at(6, 10))
    url = reverse("visits:open_slots", args=[ready_team.pk])
    mine = as_person(worker).get(url)
    assert mine.status_code == 200
    assert mine.text.count("Take this slot") == 2
    theirs = as_person(volunteer).get(url)
    assert theirs.text.count("Take this slot") == 1
    arranging = as_person(owner).get(url)
    assert arranging.status_code == 200 and "Take this slot" not in arranging.text
    assert arranging.text.count("Morning visit") == 2


def test_the_list_is_hidden_from_outsiders(as_person, ready_team, outsider):
    url = reverse("visits:open_slots", args=[ready_team.pk])
    assert as_person(outsider).get(url).status_code == 404


def test_taking_a_slot_from_the_appointment_page(as_person, ready_team, owner, worker, family):
    appointment = open_slot(owner, ready_team)
    page = reverse("visits:appointment", args=[appointment.pk])
    assert "Take this slot" in as_person(worker).get(page).text
    take = reverse("visits:take_slot", args=[appointment.pk])
    response = as_person(worker).post(take)
    assert (response.status_code, response.url) == (302, page)
    assert Appointment.objects.get(pk=appointment.pk).status == "confirmed"
    late = as_person(family).post(take, follow=True)
    assert "Someone has already taken this slot." in late.text
    assert as_person(owner).post(take).status_code == 403


def test_offering_from_the_appointment_page(as_person, ready_team, owner, worker, family):
    appointment = book(owner, ready_team, [worker])
    page = reverse("visits:appointment", args=[appointment.pk])
    assert "Offer it to the team" in as_person(owner).get(page).text
    assert "Offer it to the team" not in as_person(family).get(page).text
    offer = reverse("visits:offer_slot", args=[appointment.pk])
    assert as_person(family).post(offer).status_code == 403
    assert as_person(owner).post(offer).status_code == 302
    assert Appointment.objects.get(pk=appointment.pk).open_slot


# --- API ----------------------------------------------------------------------------------------


def test_the_api_offers_and_takes(as_person, ready_team, owner, worker, family, outsider):
    appointment = book(owner, ready_team, [worker])
    offer = f"/api/appointments/{appointment.pk}/offer"
    take = f"/api/appointments/{appointment.pk}/take"
    assert as_person(outsider).post(offer).status_code == 404
    assert as_person(family).post(offer).status_code == 403
    body = as_person(owner).post(offer).json()
    assert (body["open_slot"], body["status"]) == (True, "planned")
    assert as_person(owner).post(take).status_code == 403
    body = as_person(family).post(take).json()
    assert (body["open_slot"], body["status"], body["my_response"]) == (False, "planned", "joined")
    response = as_person(worker).post(take, data=json.dumps({}), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Someone has already taken this slot."

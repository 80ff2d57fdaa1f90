"""The pages for asking to move or cancel, answering and withdrawing."""

import datetime

import pytest
from django.urls import reverse

from coopcare.visits.models import Appointment, ChangeAnswer, ChangeRequest
from coopcare.visits.services.booking import join_appointment
from coopcare.visits.services.changes import request_change
from tests.visits.conftest import at, book


@pytest.fixture
def appointment(ready_team, owner, worker):
    appointment = book(owner, ready_team, [worker], start=at(5, 10))
    join_appointment(worker, appointment)
    appointment.refresh_from_db()
    return appointment


@pytest.fixture
def change(appointment, worker):
    return request_change(
        worker,
        appointment,
        kind="move",
        new_starts_at=at(6, 14),
        new_ends_at=at(6, 15),
        reason="Clinic in the morning.",
    )


def move_form(**overrides):
    day = (datetime.date.today() + datetime.timedelta(days=6)).isoformat()
    form = {
        "kind": "move",
        "new_date": day,
        "new_start": "14:00",
        "new_end": "15:00",
        "reason": "Clinic in the morning.",
    }
    return {**form, **overrides}


def test_the_appointment_page_offers_to_ask(as_person, appointment, owner, worker, family):
    page = reverse("visits:appointment", args=[appointment.pk])
    for person in (owner, worker):
        assert "Ask to move or cancel" in as_person(person).get(page).text
    assert "Ask to move or cancel" not in as_person(family).get(page).text


def test_a_giver_asks_to_move_it(as_person, appointment, worker):
    url = reverse("visits:change_request", args=[appointment.pk])
    client = as_person(worker)
    assert client.get(url).status_code == 200
    response = client.post(url, move_form())
    change = ChangeRequest.objects.get()
    assert (response.status_code, response.url) == (302, reverse("visits:change", args=[change.pk]))
    assert (change.new_starts_at, change.new_ends_at) == (at(6, 14), at(6, 15))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"new_date": ""}, "Enter the new date."),
        ({"new_end": "14:00"}, "It must end after it starts."),
        ({"reason": ""}, "Say why"),
        ({"kind": ""}, "Choose whether to move it or cancel it."),
        ({"new_date": (datetime.date.today() - datetime.timedelta(days=1)).isoformat()}, "future"),
    ],
)
def test_a_bad_request_is_explained_and_saves_nothing(
    as_person, appointment, worker, overrides, message
):
    url = reverse("visits:change_request", args=[appointment.pk])
    response = as_person(worker).post(url, move_form(**overrides))
    assert response.status_code == 400
    assert message in response.text
    assert not ChangeRequest.objects.exists()


def test_a_cancel_needs_no_new_time(as_person, appointment, owner):
    url = reverse("visits:change_request", args=[appointment.pk])
    response = as_person(owner).post(url, {"kind": "cancel", "reason": "Away that week."})
    assert response.status_code == 302
    assert ChangeRequest.objects.get().kind == "cancel"


def test_the_request_page_points_to_the_one_already_open(as_person, change, owner):
    url = reverse("visits:change_request", args=[change.appointment_id])
    response = as_person(owner).get(url)
    assert "already being asked about" in response.text
    assert reverse("visits:change", args=[change.pk]) in response.text


def test_others_in_the_team_may_not_ask_and_outsiders_see_nothing(
    as_person, appointment, family, outsider
):
    url = reverse("visits:change_request", args=[appointment.pk])
    assert as_person(family).get(url).status_code == 403
    assert as_person(outsider).get(url).status_code == 404
    assert as_person(outsider).post(url, move_form()).status_code == 404
    assert not ChangeRequest.objects.exists()


def test_the_owner_sees_who_is_asked_and_says_yes(as_person, change, owner):
    url = reverse("visits:change", args=[change.pk])
    client = as_person(owner)
    page = client.get(url)
    assert page.status_code == 200
    assert "Wren Walker" in page.text and "Your answer" in page.text
    response = client.post(reverse("visits:change_answer", args=[change.pk]), {"answer": "yes"})
    assert (response.status_code, response.url) == (302, url)
    assert Appointment.objects.get(pk=change.appointment_id).starts_at == at(6, 14)
    assert "Everyone agreed" in client.get(url).text


def test_a_representative_answers_for_the_owner(as_person, change, owner, representative):
    url = reverse("visits:change", args=[change.pk])
    client = as_person(representative)
    assert "Answer for Olive Oyelaran" in client.get(url).text
    response = client.post(
        reverse("visits:change_answer", args=[change.pk]),
        {"answer": "no", "reason": "She has the nurse then.", "for_owner": "True"},
    )
    assert response.status_code == 302
    answer = ChangeAnswer.objects.get(person=owner)
    assert (answer.answered_by, answer.answer) == (representative, "no")
    assert ChangeRequest.objects.get(pk=change.pk).status == "declined"


def test_an_answer_must_be_chosen(as_person, change, owner):
    response = as_person(owner).post(reverse("visits:change_answer", args=[change.pk]), {})
    assert response.status_code == 400
    assert "Answer yes or no." in response.text
    assert ChangeRequest.objects.get(pk=change.pk).status == "open"


def test_a_clash_is_shown_and_nothing_changes(as_person, ready_team, change, owner, worker):
    other = book(owner, ready_team, [worker], start=at(6, 14, 30), title="Shopping")
    join_appointment(worker, other)
    response = as_person(owner).post(
        reverse("visits:change_answer", args=[change.pk]), {"answer": "yes"}
    )
    assert response.status_code == 400
    assert "already booked then" in response.text
    assert Appointment.objects.get(pk=change.appointment_id).starts_at == at(5, 10)
    assert ChangeRequest.objects.get(pk=change.pk).status == "open"


def test_team_mates_see_it_but_cannot_answer_and_outsiders_get_404(
    as_person, change, family, outsider
):
    url = reverse("visits:change", args=[change.pk])
    answer = reverse("visits:change_answer", args=[change.pk])
    page = as_person(family).get(url)
    assert page.status_code == 200 and "Your answer" not in page.text
    assert as_person(family).post(answer, {"answer": "no"}).status_code == 403
    assert as_person(outsider).get(url).status_code == 404
    assert as_person(outsider).post(answer, {"answer": "no"}).status_code == 404
    assert ChangeRequest.objects.get(pk=change.pk).status == "open"


def test_only_the_person_who_asked_withdraws(as_person, change, owner, worker):
    withdraw = reverse("visits:change_withdraw", args=[change.pk])
    assert (
        "Withdraw this request"
        not in as_person(owner).get(reverse("visits:change", args=[change.pk])).text
    )
    assert as_person(owner).post(withdraw).status_code == 403
    assert as_person(worker).post(withdraw).status_code == 302
    assert ChangeRequest.objects.get(pk=change.pk).status == "withdrawn"
    response = as_person(worker).post(withdraw)
    assert response.status_code == 400 and "closed" in response.text

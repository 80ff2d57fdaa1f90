"""The appointment page, and joining or declining from it."""

import pytest
from django.urls import reverse

from coopcare.visits.models import Appointment, Attendee
from coopcare.visits.services.booking import cancel, join_appointment
from tests.visits.conftest import at, book


def url(appointment, name: str = "appointment") -> str:
    return reverse(f"visits:{name}", args=[appointment.pk])


@pytest.fixture
def appointment(ready_team, owner, worker, volunteer):
    return book(
        owner,
        ready_team,
        [worker],
        observers=[volunteer],
        title="Breakfast",
        place="out",
        place_detail="The café on Otley Road",
        kinds=["companionship", "out_and_about"],
    )


@pytest.mark.parametrize("persona", ["owner", "worker", "volunteer", "family", "team_starter"])
def test_the_team_and_the_people_in_it_see_the_page(request, as_person, appointment, persona):
    response = as_person(request.getfixturevalue(persona)).get(url(appointment))
    assert response.status_code == 200


def test_an_outsider_and_a_signed_out_visitor_do_not(as_person, client, appointment, outsider):
    assert as_person(outsider).get(url(appointment)).status_code == 404
    assert as_person(outsider).get(reverse("visits:appointment", args=[9999])).status_code == 404
    assert client.get(url(appointment)).status_code == 302


def test_it_shows_the_details_and_who_is_there(as_person, appointment, owner):
    html = as_person(owner).get(url(appointment)).content.decode()
    assert "Breakfast" in html
    assert "Out and about: The café on Otley Road" in html
    assert "Companionship" in html and "Getting out and about" in html
    assert "Wren Walker: asked to join" in html
    assert "Vic Vaughan" in html and "Observing" in html
    assert "Waiting for givers to join" in html
    # Only an asked giver gets the buttons.
    assert url(appointment, "join") not in html


def test_the_pages_of_other_helpers_are_included(as_person, appointment, owner):
    names = [t.name for t in as_person(owner).get(url(appointment)).templates]
    for part in ("changes", "log", "medicines"):
        assert f"visits/_appointment_{part}.html" in names


def test_an_asked_giver_joins_and_the_appointment_is_confirmed(as_person, appointment, worker):
    client = as_person(worker)
    assert url(appointment, "join") in client.get(url(appointment)).content.decode()
    response = client.post(url(appointment, "join"))
    assert response.status_code == 302 and response["Location"] == url(appointment)
    assert Appointment.objects.get(pk=appointment.pk).status == "confirmed"
    html = client.get(url(appointment)).content.decode()
    assert "You have joined" in html
    assert "Wren Walker (you): joined" in html
    assert url(appointment, "join") not in html


def test_a_clash_is_shown_on_the_page_and_nothing_is_saved(
    as_person, ready_team, owner, worker, appointment
):
    first = book(owner, ready_team, [worker], start=at(2, 9, 30), title="Early wash")
    join_appointment(worker, first)
    response = as_person(worker).post(url(appointment, "join"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "You are already booked then: “Early wash”" in html
    attendee = Attendee.objects.get(appointment=appointment, person=worker)
    assert (attendee.response, attendee.holds_time) == ("invited", False)
    assert Appointment.objects.get(pk=appointment.pk).status == "planned"


def test_a_giver_declines_with_a_reason(as_person, appointment, worker):
    response = as_person(worker).post(
        url(appointment, "decline"), {"reason": "I am away that week."}
    )
    assert response.status_code == 302
    attendee = Attendee.objects.get(appointment=appointment, person=worker)
    assert (attendee.response, attendee.decline_reason) == ("declined", "I am away that week.")
    html = as_person(worker).get(url(appointment)).content.decode()
    assert "declined — “I am away that week.”" in html
    # Having declined, they may still change their mind and join.
    assert url(appointment, "join") in html and url(appointment, "decline") not in html


def test_a_reason_too_long_is_refused_on_the_field(as_person, appointment, worker):
    response = as_person(worker).post(url(appointment, "decline"), {"reason": "x" * 301})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert Attendee.objects.get(appointment=appointment, person=worker).response == "invited"


def test_a_team_mate_who_is_not_asked_is_refused_and_an_outsider_gets_404(
    as_person, appointment, family, outsider
):
    for name in ("join", "decline"):
        assert as_person(family).post(url(appointment, name)).status_code == 403
        assert as_person(outsider).post(url(appointment, name)).status_code == 404
    assert Attendee.objects.filter(response="invited").count() == 2


def test_joining_and_declining_are_posts_only(as_person, appointment, worker):
    assert as_person(worker).get(url(appointment, "join")).status_code == 405
    assert as_person(worker).get(url(appointment, "decline")).status_code == 405


def test_a_cancelled_appointment_offers_no_answer_and_refuses_one(
    as_person, appointment, owner, worker
):
    cancel(appointment, owner, "Olive is unwell.", late=False)
    client = as_person(worker)
    html = client.get(url(appointment)).content.decode()
    assert "Olive is unwell." in html
    assert url(appointment, "join") not in html
    response = client.post(url(appointment, "join"))
    assert response.status_code == 400
    assert "This appointment was cancelled." in response.content.decode()

"""Booking a one-off appointment from the page: who may, what it saves, and UK clock changes."""

import datetime

import pytest
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.teams.models import Team
from coopcare.visits import calendar
from coopcare.visits.models import Appointment, Attendee
from coopcare.visits.services.booking import join_appointment
from tests.visits.conftest import at, book

UTC = datetime.UTC


def url(team) -> str:
    return reverse("visits:book", args=[team.pk])


def last_sunday(year: int, month: int) -> datetime.date:
    day = datetime.date(year, month, 31)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


def next_clock_change(month: int) -> datetime.date:
    """The next last Sunday of March (clocks forward) or October (back) after today."""
    year = calendar.today().year
    day = last_sunday(year, month)
    return day if day > calendar.today() else last_sunday(year + 1, month)


def form(day: datetime.date, start="10:00", end="11:00", **extra):
    data = {
        "title": "Morning visit",
        "date": day.isoformat(),
        "start_time": start,
        "end_time": end,
        "place": "home",
        "support_kinds": ["companionship"],
    }
    data.update(extra)
    return data


@pytest.fixture
def soon():
    return calendar.today() + datetime.timedelta(days=3)


@pytest.mark.parametrize("persona", ["owner", "representative", "rota_holder"])
def test_those_who_arrange_see_the_form(request, as_person, ready_team, persona):
    response = as_person(request.getfixturevalue(persona)).get(url(ready_team))
    assert response.status_code == 200
    assert "Book an appointment for Team Olive Oyelaran" in response.content.decode()


def test_team_members_without_the_right_get_403_and_outsiders_404(
    as_person, client, ready_team, worker, family, team_starter, outsider, soon
):
    for person in (worker, family, team_starter):
        assert as_person(person).get(url(ready_team)).status_code == 403
        assert as_person(person).post(url(ready_team), form(soon)).status_code == 403
    assert as_person(outsider).get(url(ready_team)).status_code == 404
    assert as_person(outsider).post(url(ready_team), form(soon)).status_code == 404
    assert client.get(url(ready_team)).status_code == 302
    assert not Appointment.objects.exists()


def test_the_givers_offered_are_the_team_members_but_not_the_owner(
    as_person, ready_team, owner, worker, volunteer
):
    form_ = as_person(owner).get(url(ready_team)).context["form"]
    assert set(form_.fields["givers"].queryset) == {worker, volunteer}


def test_the_owner_books_and_the_giver_is_asked(as_person, ready_team, owner, worker, soon):
    data = form(soon, givers=[worker.pk], place_detail="Back door", support_kinds=["practical"])
    response = as_person(owner).post(url(ready_team), data)
    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:appointment", args=[appointment.pk])
    assert appointment.starts_at == calendar.local_datetime(soon, datetime.time(10), "start_time")
    assert appointment.ends_at - appointment.starts_at == datetime.timedelta(hours=1)
    assert (appointment.place_detail, appointment.support_kinds) == ("Back door", ["practical"])
    assert Attendee.objects.get().person == worker
    assert AuditEvent.objects.filter(action="visits.appointment_created").exists()


def test_a_representative_books_on_behalf_of_the_owner(
    as_person, ready_team, representative, worker, soon
):
    page = as_person(representative).get(url(ready_team)).content.decode()
    assert "You are booking on behalf of Olive Oyelaran" in page
    as_person(representative).post(url(ready_team), form(soon, givers=[worker.pk]))
    event = AuditEvent.objects.get(action="visits.appointment_created")
    assert event.detail["on_behalf_of"] == ready_team.owner_id


def test_an_open_slot_has_no_givers(as_person, ready_team, rota_holder, worker, soon):
    as_person(rota_holder).post(url(ready_team), form(soon, open_slot="on"))
    appointment = Appointment.objects.get()
    assert appointment.open_slot and not appointment.attendees.exists()


def test_an_open_slot_with_givers_is_refused_on_the_givers(
    as_person, ready_team, owner, worker, soon
):
    response = as_person(owner).post(
        url(ready_team), form(soon, open_slot="on", givers=[worker.pk])
    )
    assert response.status_code == 400
    assert "An open slot has no givers yet" in str(response.context["form"].errors["givers"])
    assert not Appointment.objects.exists()


def test_a_rule_error_lands_on_its_field_and_nothing_is_saved(
    as_person, ready_team, owner, volunteer, soon
):
    data = form(soon, givers=[volunteer.pk], support_kinds=["personal_care"])
    response = as_person(owner).post(url(ready_team), data)
    assert response.status_code == 400
    assert "volunteers never give personal care" in str(response.context["form"].errors["givers"])
    assert "There is a problem" in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_time_in_the_past_is_refused_on_the_start_time(as_person, ready_team, owner, worker):
    yesterday = calendar.today() - datetime.timedelta(days=1)
    response = as_person(owner).post(url(ready_team), form(yesterday, givers=[worker.pk]))
    assert "future" in str(response.context["form"].errors["start_time"])
    assert not Appointment.objects.exists()


def test_missing_answers_are_asked_for(as_person, ready_team, owner):
    response = as_person(owner).post(url(ready_team), {})
    errors = response.context["form"].errors
    assert response.status_code == 400
    assert {"title", "date", "start_time", "end_time", "support_kinds"} <= set(errors)
    assert not Appointment.objects.exists()


def test_nothing_is_booked_before_the_promise_is_signed(as_person, team, owner, soon):
    from coopcare.teams.models import TeamMember
    from tests.conftest import _member

    worker = _member(email="w2@example.org")
    TeamMember.objects.create(team=team, person=worker, kind="independent_worker")
    page = as_person(owner).get(url(team)).content.decode()
    assert "Getting Support Promise has not been signed" in page
    response = as_person(owner).post(url(team), form(soon, givers=[worker.pk]))
    assert response.status_code == 400
    assert "Promise" in str(response.context["form"].non_field_errors())
    assert not Appointment.objects.exists()


def test_a_giver_already_booked_can_still_be_asked_but_not_join(
    as_person, ready_team, owner, worker, soon
):
    first = book(owner, ready_team, [worker], start=at(3, 10))
    join_appointment(worker, first)
    as_person(owner).post(
        url(ready_team), form(soon, start="10:30", end="11:30", givers=[worker.pk])
    )
    second = Appointment.objects.exclude(pk=first.pk).get()
    response = as_person(worker).post(reverse("visits:join", args=[second.pk]))
    assert "already booked" in response.content.decode()


def test_an_end_before_the_start_means_the_next_morning(as_person, ready_team, owner, worker, soon):
    as_person(owner).post(
        url(ready_team), form(soon, start="22:00", end="07:00", givers=[worker.pk])
    )
    appointment = Appointment.objects.get()
    assert appointment.ends_at - appointment.starts_at == datetime.timedelta(hours=9)
    assert calendar.Entry(appointment, [], [], None).ends.date() == soon + datetime.timedelta(
        days=1
    )


def test_the_same_start_and_end_is_refused(as_person, ready_team, owner, worker, soon):
    response = as_person(owner).post(url(ready_team), form(soon, start="10:00", end="10:00"))
    assert "end after it starts" in str(response.context["form"].errors["end_time"])


def test_the_date_is_filled_in_from_the_calendar(as_person, ready_team, owner, soon):
    response = as_person(owner).get(url(ready_team) + f"?date={soon.isoformat()}")
    assert response.context["form"].initial["date"] == soon
    assert as_person(owner).get(url(ready_team) + "?date=nonsense").status_code == 200


# --- The clocks change --------------------------------------------------------------------------


def test_9am_on_the_day_the_clocks_go_forward_is_8am_utc(as_person, ready_team, owner, worker):
    day = next_clock_change(3)
    as_person(owner).post(
        url(ready_team), form(day, start="09:00", end="10:00", givers=[worker.pk])
    )
    appointment = Appointment.objects.get()
    assert appointment.starts_at == datetime.datetime.combine(day, datetime.time(8), tzinfo=UTC)
    assert appointment.ends_at == datetime.datetime.combine(day, datetime.time(9), tzinfo=UTC)


def test_9am_on_the_day_the_clocks_go_back_is_9am_utc(as_person, ready_team, owner, worker):
    day = next_clock_change(10)
    as_person(owner).post(
        url(ready_team), form(day, start="09:00", end="10:00", givers=[worker.pk])
    )
    appointment = Appointment.objects.get()
    assert appointment.starts_at == datetime.datetime.combine(day, datetime.time(9), tzinfo=UTC)


def test_0130_on_the_day_the_clocks_go_forward_does_not_exist(as_person, ready_team, owner, worker):
    day = next_clock_change(3)
    response = as_person(owner).post(
        url(ready_team), form(day, start="01:30", end="03:00", givers=[worker.pk])
    )
    assert response.status_code == 400
    error = str(response.context["form"].errors["start_time"])
    assert "There is no 01:30 on" in error and "the clocks go forward" in error
    assert not Appointment.objects.exists()


def test_a_night_across_the_clocks_going_forward_is_an_hour_shorter(
    as_person, ready_team, owner, worker
):
    day = next_clock_change(3) - datetime.timedelta(days=1)
    as_person(owner).post(
        url(ready_team), form(day, start="22:00", end="07:00", givers=[worker.pk])
    )
    appointment = Appointment.objects.get()
    assert appointment.ends_at - appointment.starts_at == datetime.timedelta(hours=8)


def test_0130_on_the_day_the_clocks_go_back_is_the_first_0130(as_person, ready_team, owner, worker):
    day = next_clock_change(10)
    as_person(owner).post(
        url(ready_team), form(day, start="01:30", end="02:30", givers=[worker.pk])
    )
    appointment = Appointment.objects.get()
    # 01:30 BST is 00:30 UTC; 02:30 GMT is 02:30 UTC: two hours pass on the clock-back night.
    assert appointment.starts_at == datetime.datetime.combine(day, datetime.time(0, 30), tzinfo=UTC)
    assert appointment.ends_at - appointment.starts_at == datetime.timedelta(hours=2)


def test_a_closed_team_has_no_booking_page(as_person, ready_team, owner):
    Team.objects.filter(pk=ready_team.pk).update(status=Team.Status.CLOSED)
    assert as_person(owner).get(url(ready_team)).status_code == 404

"""The MAR chart for a day, and recording a dose from a page."""

from django.urls import reverse

from coopcare.medicines.models import DoseRecord
from tests.conftest import client_for
from tests.medicines.conftest import DAY, local


def _chart(team, day=DAY):
    return reverse("medicines:chart", args=[team.pk]) + f"?day={day.isoformat()}"


def _record_url(medicine):
    return reverse("medicines:record_dose", args=[medicine.team_id, medicine.pk])


def test_the_chart_lists_each_dose_with_its_state(clock, ready_team, metformin, mar_holder, family):
    clock.move_to(local(DAY, 8, 10))
    client_for(mar_holder).post(
        _record_url(metformin),
        {"due_at": local(DAY, 8).isoformat(), "outcome": "refused", "reason": "Felt sick"},
    )
    clock.move_to(local(DAY, 19))
    page = client_for(family).get(_chart(ready_team)).content.decode()
    assert "Refused" in page and "Felt sick" in page and "by Mo Mensah at 08:10" in page
    assert "Not recorded in time" in page  # the 18:00 dose
    assert "Record this dose" not in page  # family never record


def test_a_bad_day_shows_today(ready_team, metformin, worker):
    page = client_for(worker).get(reverse("medicines:chart", args=[ready_team.pk]) + "?day=x")
    assert page.status_code == 200 and "Tuesday 10 June 2025" in page.content.decode()


def test_an_empty_day_says_so(ready_team, worker):
    assert b"No doses are due on this day." in client_for(worker).get(_chart(ready_team)).content


def test_a_giver_gets_a_form_only_for_doses_their_visit_covers(
    clock, ready_team, visit, worker, metformin
):
    clock.move_to(local(DAY, 8, 5))
    page = client_for(worker).get(_chart(ready_team)).content.decode()
    assert page.count("Record this dose") == 1
    assert f'name="appointment" value="{visit.pk}"' in page
    assert "What happened to the 08:00 dose of Metformin?" in page


def test_a_giver_records_a_dose_and_returns_where_they_were(
    clock, ready_team, visit, worker, metformin
):
    clock.move_to(local(DAY, 8, 5))
    response = client_for(worker).post(
        _record_url(metformin),
        {
            "due_at": local(DAY, 8).isoformat(),
            "outcome": "given",
            "appointment": visit.pk,
            "next": "/visits/1/",
        },
    )
    assert response.status_code == 302 and response.url == "/visits/1/"
    assert DoseRecord.objects.get().appointment == visit


def test_it_never_sends_someone_to_another_site(clock, ready_team, mar_holder, metformin):
    clock.move_to(local(DAY, 8, 5))
    response = client_for(mar_holder).post(
        _record_url(metformin),
        {"due_at": local(DAY, 8).isoformat(), "outcome": "given", "next": "https://evil.test/"},
    )
    assert response.url == _chart(ready_team)


def test_a_missing_reason_is_shown_and_nothing_is_saved(clock, ready_team, mar_holder, metformin):
    clock.move_to(local(DAY, 8, 5))
    response = client_for(mar_holder).post(
        _record_url(metformin), {"due_at": local(DAY, 8).isoformat(), "outcome": "not_given"}
    )
    assert response.status_code == 200
    assert "Say why the dose was refused or not given." in response.content.decode()
    assert not DoseRecord.objects.exists()


def test_a_second_record_is_refused_with_who_and_when(clock, ready_team, mar_holder, metformin):
    clock.move_to(local(DAY, 8, 5))
    data = {"due_at": local(DAY, 8).isoformat(), "outcome": "given"}
    client_for(mar_holder).post(_record_url(metformin), data)
    again = client_for(mar_holder).post(_record_url(metformin), data)
    assert "already recorded by you at 08:05" in again.content.decode()
    assert DoseRecord.objects.count() == 1


def test_who_may_not_record_is_refused(
    clock, ready_team, visit, metformin, family, owner, outsider, worker
):
    clock.move_to(local(DAY, 8, 5))
    data = {"due_at": local(DAY, 8).isoformat(), "outcome": "given"}
    assert client_for(family).post(_record_url(metformin), data).status_code == 403
    assert client_for(owner).post(_record_url(metformin), data).status_code == 403
    assert client_for(outsider).post(_record_url(metformin), data).status_code == 404
    # A giver without a visit: the service says why (403).
    refused = client_for(worker).post(_record_url(metformin), data)
    assert refused.status_code == 403 and "Record it from the visit" in refused.content.decode()
    assert client_for(worker).get(_record_url(metformin)).status_code == 405
    assert not DoseRecord.objects.exists()

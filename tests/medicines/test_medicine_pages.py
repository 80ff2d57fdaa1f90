"""The medicines list, adding, changing and stopping a medicine, as pages."""

import pytest
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.medicines.models import Medicine
from tests.conftest import client_for
from tests.factories import HatFactory, hat_type
from tests.medicines.conftest import DAY


def _url(name, team, *args):
    return reverse(f"medicines:{name}", args=[team.pk, *args])


def test_the_team_sees_the_list_and_only_keepers_may_add(ready_team, metformin, worker, mar_holder):
    page = client_for(worker).get(_url("list", ready_team))
    assert page.status_code == 200
    assert b"Metformin" in page.content and b"08:00, 18:00" in page.content
    assert b"Add a medicine" not in page.content
    assert b"Add a medicine" in client_for(mar_holder).get(_url("list", ready_team)).content
    assert AuditEvent.objects.filter(action="medicines.mar_viewed", subject=ready_team.owner)


def test_the_list_is_hidden_from_outside_the_team(
    client, ready_team, metformin, outsider, team_starter
):
    assert client.get(_url("list", ready_team)).status_code == 302
    for person in (outsider, team_starter):
        assert client_for(person).get(_url("list", ready_team)).status_code == 404


def test_a_mar_holder_hat_worn_elsewhere_gives_nothing_here(ready_team, metformin, outsider):
    from coopcare.circles.models import Circle

    HatFactory(
        holder=outsider, circle=Circle.objects.get(slug="hebden"), hat_type=hat_type("mar-holder")
    )
    assert client_for(outsider).get(_url("chart", ready_team)).status_code == 404


def test_the_mar_holder_adds_a_medicine(ready_team, mar_holder):
    response = client_for(mar_holder).post(
        _url("new", ready_team),
        {
            "name": "Insulin",
            "dose": "10 units",
            "times": "08:00, 20:00",
            "time_critical": "on",
            "window_minutes": "15",
            "starts_on": DAY.isoformat(),
        },
    )
    assert response.status_code == 302 and response.url == _url("list", ready_team)
    medicine = Medicine.objects.get()
    assert (medicine.times, medicine.time_critical, medicine.window_minutes) == (
        ["08:00", "20:00"],
        True,
        15,
    )


def test_bad_times_are_shown_and_nothing_is_added(ready_team, owner):
    response = client_for(owner).post(
        _url("new", ready_team),
        {
            "name": "X",
            "dose": "1",
            "times": "8 in the morning",
            "window_minutes": "30",
            "starts_on": DAY.isoformat(),
        },
    )
    assert response.status_code == 200
    assert "is not a time" in response.content.decode()
    assert not Medicine.objects.exists()


def test_a_giver_may_not_open_the_form(ready_team, worker, metformin):
    client = client_for(worker)
    assert client.get(_url("new", ready_team)).status_code == 403
    assert client.get(_url("edit", ready_team, metformin.pk)).status_code == 403
    assert client.post(_url("stop", ready_team, metformin.pk), {}).status_code == 403


def test_the_owner_changes_a_medicine(ready_team, owner, metformin):
    client = client_for(owner)
    form = client.get(_url("edit", ready_team, metformin.pk))
    assert b'value="08:00, 18:00"' in form.content
    response = client.post(
        _url("edit", ready_team, metformin.pk),
        {
            "name": "Metformin",
            "dose": "1 g",
            "times": "08:00",
            "window_minutes": "60",
            "starts_on": metformin.starts_on.isoformat(),
        },
    )
    assert response.status_code == 302
    metformin.refresh_from_db()
    assert (metformin.dose, metformin.times, metformin.window_minutes) == ("1 g", ["08:00"], 60)


def test_stopping_asks_first_then_moves_it_to_the_stopped_list(ready_team, owner, metformin):
    client = client_for(owner)
    confirm = client.get(_url("stop", ready_team, metformin.pk))
    assert confirm.status_code == 200 and b"Nothing is deleted" in confirm.content
    previous = DAY.replace(day=DAY.day - 1).isoformat()
    assert (
        client.post(_url("stop", ready_team, metformin.pk), {"stops_on": previous}).status_code
        == 302
    )
    listing = client.get(_url("list", ready_team)).content.decode()
    assert "No medicines are on the list." in listing and "given from" in listing
    assert client.get(_url("edit", ready_team, metformin.pk)).status_code == 404


@pytest.mark.parametrize("name", ["edit", "stop"])
def test_another_teams_medicine_is_not_found(ready_team, owner, metformin, outsider, name):
    from coopcare.teams.services.starting import start_team

    other = start_team(None, outsider, ready_team.local_circle)
    # Outsider owns the other team, but the medicine is on Olive's list.
    assert client_for(outsider).get(_url(name, other, metformin.pk)).status_code == 404

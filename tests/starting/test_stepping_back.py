"""Stepping back: readiness, handing over external contacts, and the step back itself."""

import datetime

import pytest
from django.urls import reverse

from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.starting.selectors import ESSENTIAL_HATS
from coopcare.starting.services.stepping_back import (
    add_external_contact,
    hand_over_contact,
    step_back,
    update_readiness,
)
from coopcare.starting.steps import readiness
from coopcare.teams.models import Team
from tests.factories import HatFactory, hat_type

CONTACT = {"name": "Sam Social", "role": "Social worker", "how_to_reach": "0113 496 0000"}


def wear_essential_hats(team, person) -> None:
    for slug in ESSENTIAL_HATS:
        HatFactory(holder=person, circle=team.circle, hat_type=hat_type(slug))


@pytest.fixture
def ready_case(case, worker):
    """Everything in place: hats worn by Wren, rota running, Olive told, contact handed over."""
    wear_essential_hats(case.team, worker)
    update_readiness(
        case.team_starter,
        case,
        rota_running=True,
        rota_note="Four weeks filled",
        owner_informed=True,
    )
    contact = add_external_contact(case.team_starter, case, CONTACT)
    hand_over_contact(case.team_starter, contact, worker)
    case.refresh_from_db()
    return case


def test_it_is_not_ready_at_first(case):
    missing = readiness(case).missing
    assert any("Essential hats" in m for m in missing)
    assert "The rota is not yet running consistently." in missing
    assert "The person getting support has not yet been told." in missing


def test_it_does_not_count_hats_worn_by_the_team_starter(case, team_starter):
    wear_essential_hats(case.team, team_starter)
    assert not any(readiness(case).hats.values())


def test_it_does_not_count_hats_worn_by_people_outside_the_team(case, outsider):
    wear_essential_hats(case.team, outsider)
    assert not any(readiness(case).hats.values())


def test_it_counts_hats_worn_by_team_members_and_the_owner(case, worker, owner):
    wear_essential_hats(case.team, worker)
    HatFactory(holder=owner, circle=case.team.circle, hat_type=hat_type("rota-holder"))
    assert all(readiness(case).hats.values())


def test_it_needs_a_note_saying_how_the_rota_runs(case):
    with pytest.raises(DomainError) as error:
        update_readiness(
            case.team_starter, case, rota_running=True, rota_note="", owner_informed=True
        )
    assert error.value.field == "rota_note"
    case.refresh_from_db()
    assert not case.rota_running


def test_it_refuses_to_step_back_before_the_team_is_ready(as_person, case):
    response = as_person(case.team_starter).post(reverse("starting:step_back", args=[case.pk]))
    assert response.status_code == 302
    case.refresh_from_db()
    case.team.refresh_from_db()
    assert case.stepped_back_at is None
    assert case.team.status == Team.Status.STARTING
    with pytest.raises(DomainError, match="Not ready to step back"):
        step_back(case.team_starter, case)


def test_it_refuses_while_contacts_are_still_with_the_team_starter(ready_case):
    add_external_contact(ready_case.team_starter, ready_case, {**CONTACT, "name": "Rae Referrer"})
    with pytest.raises(DomainError, match="External contacts"):
        step_back(ready_case.team_starter, ready_case)


def test_it_hands_a_contact_to_a_team_member_who_is_told(as_person, case, worker):
    contact = add_external_contact(case.team_starter, case, CONTACT)
    assert contact.holder == case.team_starter
    url = reverse("starting:contact_hand_over", args=[contact.pk])
    assert as_person(case.team_starter).post(url, {"holder": worker.pk}).status_code == 302
    contact.refresh_from_db()
    assert contact.holder == worker
    assert contact.handed_over_at is not None
    assert Notification.objects.filter(recipient=worker, kind="starting.contact_handed_over")


def test_it_hands_contacts_only_to_people_in_the_team(case, outsider):
    contact = add_external_contact(case.team_starter, case, CONTACT)
    with pytest.raises(DomainError):
        hand_over_contact(case.team_starter, contact, outsider)
    with pytest.raises(DomainError):
        hand_over_contact(case.team_starter, contact, case.team_starter)
    contact.refresh_from_db()
    assert contact.holder == case.team_starter


def test_it_steps_back_and_tells_the_circle_and_the_team(
    as_person, ready_case, worker, owner, coach, leeds_circle, team_starter
):
    leader = HatFactory(circle=leeds_circle, hat_type=hat_type("leader")).holder
    url = reverse("starting:step_back", args=[ready_case.pk])
    assert "Yes, step back" in as_person(team_starter).get(url).content.decode()
    response = as_person(team_starter).post(url)
    assert response.status_code == 302
    ready_case.refresh_from_db()
    team = Team.objects.get(pk=ready_case.team_id)
    assert team.status == Team.Status.SELF_MANAGING
    assert team.self_managing_since == datetime.date.today()
    assert ready_case.stepped_back_by == team_starter
    for person in (leader, coach, worker, owner):
        assert Notification.objects.filter(
            recipient=person, kind="starting.team_self_managing"
        ).exists()


def test_it_closes_the_case_and_its_call_outs_once_stepped_back(ready_case):
    from coopcare.starting.services.call_outs import publish_call_out

    call_out = publish_call_out(
        ready_case.team_starter,
        ready_case,
        texts=dict.fromkeys(("key_needs", "where_and_when", "qualities", "relationship"), "x"),
        shared_fields=["qualities"],
        audience="circle",
        consent_confirmed=True,
    )
    step_back(ready_case.team_starter, ready_case)
    call_out.refresh_from_db()
    assert call_out.status == "closed"
    ready_case.refresh_from_db()
    with pytest.raises(DomainError, match="this case is closed"):
        add_external_contact(ready_case.team_starter, ready_case, CONTACT)


def test_it_refuses_a_coach_with_403(as_person, ready_case, coach):
    response = as_person(coach).post(reverse("starting:step_back", args=[ready_case.pk]))
    assert response.status_code == 403
    with pytest.raises(NotAllowed):
        step_back(coach, ready_case)


def test_it_shows_the_checklist_to_a_coach_read_only(as_person, case, coach):
    response = as_person(coach).get(reverse("starting:readiness", args=[case.pk]))
    assert response.status_code == 200
    assert response.context["form"] is None
    response = as_person(coach).post(
        reverse("starting:readiness", args=[case.pk]), {"owner_informed": "on"}
    )
    assert response.status_code == 403


def test_it_hides_the_checklist_from_the_team(as_person, case, worker):
    assert as_person(worker).get(reverse("starting:readiness", args=[case.pk])).status_code == 404

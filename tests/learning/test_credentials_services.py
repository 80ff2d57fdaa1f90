"""Qualifications and professional registrations: added, checked and withdrawn (kept)."""

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.requirements import Status
from coopcare.learning.services.credentials import (
    add_qualification,
    add_registration,
    check_registration,
    registration_status,
    withdraw_qualification,
    withdraw_registration,
)
from tests.conftest import _team_member
from tests.learning.conftest import days_ago


def _qualification(actor, person, **kwargs):
    kwargs.setdefault("title", "Diploma in Adult Care")
    kwargs.setdefault("achieved_on", days_ago(300))
    return add_qualification(actor, person, **kwargs)


def _registration(actor, person, **kwargs):
    kwargs.setdefault("body", "nmc")
    kwargs.setdefault("number", "12A3456E")
    kwargs.setdefault("expires_on", days_ago(-200))
    return add_registration(actor, person, **kwargs)


def test_a_person_adds_their_qualification(worker):
    found = _qualification(
        worker, worker, accredited=True, level=" Level 3 ", awarding_body="City & Guilds"
    )
    assert (found.level, found.accredited, found.recorded_by) == ("Level 3", True, worker)
    event = AuditEvent.objects.get(action="learning.qualification_added")
    assert event.subject_id == worker.pk and "Diploma" not in str(event.detail)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"achieved_on": days_ago(-1)}, "achieved_on"),
        ({"achieved_on": None}, "achieved_on"),
        ({"accredited": True, "awarding_body": ""}, "awarding_body"),
        ({"level": "x" * 41}, "level"),
    ],
)
def test_a_qualification_is_checked(worker, kwargs, field):
    with pytest.raises(DomainError) as error:
        _qualification(worker, worker, **kwargs)
    assert error.value.field == field


def test_the_coach_adds_and_withdraws_a_qualification(worker, coach):
    found = _qualification(coach, worker)
    withdraw_qualification(coach, found)
    found.refresh_from_db()
    assert found.withdrawn_at is not None
    with pytest.raises(DomainError):
        withdraw_qualification(worker, found)
    assert AuditEvent.objects.filter(action="learning.qualification_withdrawn").count() == 1


@pytest.mark.parametrize("stranger", ["other_coach", "alice", "admin"])
def test_a_stranger_cannot_add_or_withdraw(request, worker, stranger):
    person = request.getfixturevalue(stranger)
    with pytest.raises(NotAllowed):
        _qualification(person, worker)
    with pytest.raises(NotAllowed):
        _registration(person, worker)
    found = _qualification(worker, worker)
    with pytest.raises(NotAllowed):
        withdraw_qualification(person, found)


def test_a_registration_is_added_with_its_number_tidied(worker):
    found = _registration(worker, worker, number="  SW  12345 ")
    assert found.number == "SW 12345" and found.body_name == ""


def test_another_body_must_be_named(worker):
    with pytest.raises(DomainError) as error:
        _registration(worker, worker, body="other")
    assert error.value.field == "body_name"
    found = _registration(worker, worker, body="other", body_name="Osteopathic Council")
    assert found.body_name == "Osteopathic Council"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"body": "guild"}, "body"),
        ({"number": ""}, "number"),
        ({"number": "1" * 61}, "number"),
        ({"number": "<script>"}, "number"),
        ({"expires_on": None}, "expires_on"),
    ],
)
def test_a_registration_is_checked(worker, kwargs, field):
    with pytest.raises(DomainError) as error:
        _registration(worker, worker, **kwargs)
    assert error.value.field == field


def test_an_expired_registration_is_kept_and_flagged(worker):
    found = _registration(worker, worker, expires_on=days_ago(3))
    assert registration_status(found)[0] == Status.EXPIRED
    event = AuditEvent.objects.get(action="learning.registration_added")
    assert event.detail["expired"] is True and "12A" not in str(event.detail)


def test_registration_status_turns_due_then_expired():
    from coopcare.learning.models import Registration

    found = Registration(expires_on=days_ago(-61))
    assert registration_status(found, days_ago(0))[0] == Status.VALID
    assert registration_status(found, days_ago(-1))[0] == Status.DUE
    assert registration_status(found, days_ago(-61)) == (Status.EXPIRED, "Expired")


def test_the_coach_checks_a_registration_on_the_register(worker, coach):
    found = _registration(worker, worker)
    check_registration(coach, found, days_ago(1))
    found.refresh_from_db()
    assert (found.checked_by, found.checked_on) == (coach, days_ago(1))
    assert AuditEvent.objects.filter(action="learning.registration_checked").exists()


def test_a_check_cannot_be_dated_in_the_future(worker, coach):
    with pytest.raises(DomainError) as error:
        check_registration(coach, _registration(worker, worker), days_ago(-1))
    assert error.value.field == "checked_on"


def test_only_the_coach_or_learning_lead_checks(worker, team, other_coach, learning_lead):
    found = _registration(worker, worker)
    mate = _team_member(team, "independent_worker", email="mate@example.org")
    for person in (worker, mate, other_coach):
        with pytest.raises(NotAllowed):
            check_registration(person, found)
    check_registration(learning_lead, found)


def test_a_coach_does_not_check_their_own(coach, team):
    from coopcare.teams.models import TeamMember

    TeamMember.objects.create(team=team, person=coach, kind="independent_worker")
    with pytest.raises(NotAllowed):
        check_registration(coach, _registration(coach, coach))


def test_a_withdrawn_registration_is_not_checked(worker, coach):
    found = _registration(worker, worker)
    withdraw_registration(worker, found)
    with pytest.raises(DomainError):
        check_registration(coach, found)
    with pytest.raises(DomainError):
        withdraw_registration(coach, found)


def test_a_check_defaults_to_today(worker, coach):
    found = _registration(worker, worker)
    check_registration(coach, found)
    found.refresh_from_db()
    assert found.checked_on == days_ago(0)

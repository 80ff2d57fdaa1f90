"""Recording a dose: who may, when, with what, and only once."""

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.medicines.models import DoseRecord
from coopcare.medicines.services import create_medicine, record_dose
from coopcare.teams.models import TeamMember
from coopcare.visits.services.booking import create_appointment
from tests.factories import HatFactory, hat_type
from tests.medicines.conftest import DAY, book, local


@pytest.fixture
def at_eight_oh_five(clock):
    clock.move_to(local(DAY, 8, 5))


def test_a_giver_records_a_dose_given_at_the_visit(visit, worker, metformin, at_eight_oh_five):
    dose = record_dose(worker, metformin, local(DAY, 8), "given", appointment=visit)
    assert (dose.outcome, dose.appointment, dose.recorded_by) == ("given", visit, worker)
    event = AuditEvent.objects.get(action="medicines.dose_recorded")
    assert event.detail["appointment"] == visit.pk and event.subject == visit.team.owner


@pytest.mark.parametrize("outcome", ["refused", "not_given"])
def test_a_dose_not_given_needs_a_reason(visit, worker, metformin, at_eight_oh_five, outcome):
    with pytest.raises(DomainError) as error:
        record_dose(worker, metformin, local(DAY, 8), outcome, "  ", appointment=visit)
    assert error.value.field == "reason"
    assert not DoseRecord.objects.exists()
    dose = record_dose(worker, metformin, local(DAY, 8), outcome, "Asleep", appointment=visit)
    assert dose.reason == "Asleep"


def test_a_dose_is_recorded_only_once(visit, worker, mar_holder, metformin, at_eight_oh_five):
    record_dose(worker, metformin, local(DAY, 8), "given", appointment=visit)
    with pytest.raises(DomainError, match="already recorded by Wren Walker at 08:05"):
        record_dose(mar_holder, metformin, local(DAY, 8), "not_given", "Out")
    assert DoseRecord.objects.count() == 1


def test_it_refuses_a_time_that_is_not_a_due_time(visit, worker, metformin, at_eight_oh_five):
    with pytest.raises(DomainError, match="no dose due then"):
        record_dose(worker, metformin, local(DAY, 8, 10), "given", appointment=visit)


def test_it_refuses_a_dose_before_its_window_opens(visit, worker, metformin, clock):
    clock.move_to(local(DAY, 7, 29))
    with pytest.raises(DomainError, match="not due yet: record it from 07:30"):
        record_dose(worker, metformin, local(DAY, 8), "given", appointment=visit)
    clock.move_to(local(DAY, 7, 30))
    assert record_dose(worker, metformin, local(DAY, 8), "given", appointment=visit).pk


@pytest.mark.parametrize(("window", "covered"), [(30, True), (29, False)])
def test_a_giver_records_only_doses_the_visit_covers(
    clock, ready_team, owner, visit, worker, window, covered
):
    """The visit is 07:30–08:30: a 09:00 dose is covered only with a 30-minute window."""
    late = create_medicine(
        owner, ready_team, name="Late", dose="1", times=["09:00"], window_minutes=window
    )
    clock.move_to(local(DAY, 8, 40))
    if covered:
        assert record_dose(worker, late, local(DAY, 9), "given", appointment=visit).pk
    else:
        with pytest.raises(DomainError, match="not due during that visit"):
            record_dose(worker, late, local(DAY, 9), "given", appointment=visit)


def test_a_giver_does_not_record_the_evening_dose_at_a_morning_visit(
    visit, worker, metformin, clock
):
    clock.move_to(local(DAY, 18, 5))
    with pytest.raises(DomainError, match="not due during that visit"):
        record_dose(worker, metformin, local(DAY, 18), "given", appointment=visit)


def test_a_giver_records_only_at_a_visit(visit, worker, metformin, at_eight_oh_five):
    with pytest.raises(NotAllowed):
        record_dose(worker, metformin, local(DAY, 8), "given")


def test_a_visit_without_help_with_medicines_does_not_count(
    ready_team, owner, worker, metformin, clock
):
    from coopcare.visits.services.booking import join_appointment

    appointment = book(owner, ready_team, [worker], start=local(DAY, 7, 30), kinds=["practical"])
    join_appointment(worker, appointment)
    clock.move_to(local(DAY, 8, 5))
    with pytest.raises(DomainError, match="does not include help with medicines"):
        record_dose(worker, metformin, local(DAY, 8), "given", appointment=appointment)


def test_a_giver_who_has_not_joined_may_not_record(
    ready_team, owner, worker, metformin, at_eight_oh_five
):
    appointment = create_appointment(
        owner,
        ready_team,
        title="Medicines",
        starts_at=local(DAY, 9),
        ends_at=local(DAY, 10),
        place="home",
        support_kinds=["medicines"],
        givers=[worker],
    )
    with pytest.raises(NotAllowed):
        record_dose(worker, metformin, local(DAY, 8), "given", appointment=appointment)


def test_the_mar_holder_records_without_a_visit(mar_holder, metformin, at_eight_oh_five):
    dose = record_dose(mar_holder, metformin, local(DAY, 8), "not_given", "In hospital")
    assert dose.appointment is None and dose.recorded_by == mar_holder


def test_the_owner_family_and_others_do_not_record(
    visit, owner, family, representative, rota_holder, metformin, at_eight_oh_five
):
    for person in (owner, family, representative, rota_holder):
        with pytest.raises(NotAllowed):
            record_dose(person, metformin, local(DAY, 8), "given", appointment=visit)
    assert not DoseRecord.objects.exists()


def test_a_volunteer_never_records_even_wearing_the_mar_holder_hat(
    ready_team, volunteer, metformin, at_eight_oh_five
):
    HatFactory(holder=volunteer, circle=ready_team.circle, hat_type=hat_type("mar-holder"))
    with pytest.raises(NotAllowed, match="Volunteers never"):
        record_dose(volunteer, metformin, local(DAY, 8), "given")


def test_a_visit_of_another_team_does_not_count(
    visit, worker, metformin, outsider, at_eight_oh_five
):
    from coopcare.teams.services.starting import start_team

    other = start_team(None, outsider, visit.team.local_circle)
    TeamMember.objects.create(team=other, person=worker, kind="independent_worker")
    theirs = create_medicine(outsider, other, name="X", dose="1", times=["08:00"])
    with pytest.raises(DomainError, match="not one of this team's"):
        record_dose(worker, theirs, local(DAY, 8), "given", appointment=visit)

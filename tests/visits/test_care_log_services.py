"""Care logs: opening when a visit ends, confirming in any order, adjusting, and immutability."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.teams.models import TeamMember
from coopcare.visits.models import Appointment, CareLog, CareLogConfirmation
from coopcare.visits.services.booking import join_appointment
from coopcare.visits.services.care_logs import (
    adjust_care_log,
    confirm_care_log,
    dispute_care_log,
    open_care_logs,
)
from tests.conftest import _member
from tests.visits.conftest import book
from tests.visits.test_care_log_helpers import ended_visit, hours_ago, open_log


@pytest.fixture
def second_worker(ready_team):
    person = _member(email="gil@example.org", profile__name="Gil Green")
    TeamMember.objects.create(team=ready_team, person=person, kind="independent_worker")
    return person


def confirmed_by(log) -> set[int]:
    return set(
        CareLogConfirmation.objects.filter(care_log=log, version=log.version).values_list(
            "person_id", flat=True
        )
    )


# --- Opening -------------------------------------------------------------------------------------


def test_a_pending_log_opens_when_a_confirmed_visit_ends(ready_team, owner, worker, representative):
    appointment = ended_visit(ready_team, [worker])
    assert open_care_logs() == 1
    log = CareLog.objects.get()
    assert (log.status, log.version, log.team) == ("pending", 1, ready_team)
    assert (log.started_at, log.ended_at) == (appointment.starts_at, appointment.ends_at)
    appointment.refresh_from_db()
    assert appointment.log_opened_at is not None
    told = set(
        Notification.objects.filter(kind="visits.care_log_to_confirm").values_list(
            "recipient", flat=True
        )
    )
    assert told == {worker.pk, owner.pk, representative.pk}


def test_opening_is_idempotent(ready_team, worker):
    ended_visit(ready_team, [worker])
    assert open_care_logs() == 1
    assert open_care_logs() == 0
    assert CareLog.objects.count() == 1
    assert Notification.objects.filter(kind="visits.care_log_to_confirm").count() == 2


def test_no_log_for_visits_not_confirmed_or_not_over(ready_team, worker):
    ended_visit(ready_team, [worker], status=Appointment.Status.CANCELLED)
    ended_visit(ready_team, [], status=Appointment.Status.PLANNED, start=hours_ago(6))
    ended_visit(ready_team, [worker], start=hours_ago(0.5), minutes=60)
    assert open_care_logs() == 0
    assert not CareLog.objects.exists()


def test_a_visit_booked_ahead_gets_its_log_once_it_has_happened(
    ready_team, owner, worker, time_machine
):
    appointment = book(owner, ready_team, [worker])
    join_appointment(worker, appointment)
    assert open_care_logs() == 0
    time_machine.move_to(appointment.ends_at + datetime.timedelta(minutes=5))
    assert open_care_logs() == 1
    assert CareLog.objects.get().ended_at == appointment.ends_at


def _queries_to_open(team, givers, count: int, first: int = 30) -> int:
    # Two hours apart, and apart from any earlier batch: a giver never holds overlapping times.
    for n in range(count):
        ended_visit(team, givers, start=hours_ago(first + 2 * n))
    with CaptureQueriesContext(connection) as queries:
        open_care_logs()
    # Each notification is its own row (with its own preference look-up and savepoint): those
    # grow with the people told, not with the work of opening logs, so leave them out.
    return len(
        [
            q
            for q in queries
            if "notification" not in q["sql"] and not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
        ]
    )


def test_opening_a_batch_takes_the_same_queries_whatever_its_size(ready_team, worker):
    few = _queries_to_open(ready_team, [worker], 2)
    many = _queries_to_open(ready_team, [worker], 6, first=60)
    assert few == many


# --- Confirming ----------------------------------------------------------------------------------


@pytest.mark.parametrize("first", ["owner", "worker"])
def test_giver_and_receiver_confirm_in_any_order(request, ready_team, owner, worker, first):
    log = open_log(ready_team, [worker])
    people = {"owner": owner, "worker": worker}
    confirm_care_log(people[first], log)
    log.refresh_from_db()
    assert log.status == "pending"
    second = worker if first == "owner" else owner
    confirm_care_log(second, log)
    log.refresh_from_db()
    assert log.status == "confirmed" and log.confirmed_at is not None
    assert not log.auto_confirmed


def test_every_giver_who_joined_must_confirm(ready_team, owner, worker, second_worker):
    log = open_log(ready_team, [worker, second_worker])
    confirm_care_log(owner, log)
    confirm_care_log(worker, log)
    log.refresh_from_db()
    assert log.status == "pending"
    confirm_care_log(second_worker, log)
    log.refresh_from_db()
    assert log.status == "confirmed"


def test_a_representative_confirms_for_the_owner(ready_team, owner, worker, representative):
    log = open_log(ready_team, [worker])
    confirm_care_log(representative, log)
    confirmation = CareLogConfirmation.objects.get()
    assert (confirmation.person, confirmation.confirmed_by) == (owner, representative)
    event = AuditEvent.objects.get(action="visits.care_log_confirmed")
    assert event.actor == representative and event.detail["on_behalf_of"] == owner.pk
    with pytest.raises(DomainError, match="already confirmed"):
        confirm_care_log(owner, log)
    confirm_care_log(worker, log)
    log.refresh_from_db()
    assert log.status == "confirmed"


@pytest.mark.parametrize("persona", ["family", "outsider", "volunteer", "rota_holder"])
def test_people_not_in_the_visit_cannot_confirm(request, ready_team, worker, persona):
    person = request.getfixturevalue(persona)
    log = open_log(ready_team, [worker])
    with pytest.raises(NotAllowed):
        confirm_care_log(person, log)
    assert not CareLogConfirmation.objects.exists()


def test_a_giver_who_declined_is_not_in_the_visit(ready_team, worker, second_worker):
    log = open_log(ready_team, [worker], declined=[second_worker])
    with pytest.raises(NotAllowed):
        confirm_care_log(second_worker, log)


def test_confirming_twice_is_refused(ready_team, worker):
    log = open_log(ready_team, [worker])
    confirm_care_log(worker, log)
    with pytest.raises(DomainError, match="already confirmed"):
        confirm_care_log(worker, log)
    assert CareLogConfirmation.objects.count() == 1


def test_confirming_a_version_someone_has_changed_is_refused(ready_team, owner, worker):
    log = open_log(ready_team, [worker])
    adjust_care_log(owner, log, notes="Lovely chat about the garden.")
    with pytest.raises(DomainError, match="changed this care log"):
        confirm_care_log(worker, log, version=1)
    confirm_care_log(worker, log, version=2)
    log.refresh_from_db()
    assert log.status == "confirmed"


def test_a_confirmed_log_never_changes(ready_team, owner, worker):
    log = open_log(ready_team, [worker])
    confirm_care_log(worker, log)
    confirm_care_log(owner, log)
    for attempt in (
        lambda: confirm_care_log(worker, log),
        lambda: adjust_care_log(worker, log, notes="Something else"),
        lambda: dispute_care_log(owner, log, "Too short"),
    ):
        with pytest.raises(DomainError, match="confirmed and cannot change"):
            attempt()
    log.refresh_from_db()
    assert (log.status, log.version, log.notes) == ("confirmed", 1, "")


# --- Adjusting -----------------------------------------------------------------------------------


def test_adjusting_makes_a_new_version_and_asks_the_others_again(ready_team, owner, worker):
    log = open_log(ready_team, [worker])
    confirm_care_log(owner, log)
    later = log.started_at + datetime.timedelta(minutes=10)
    Notification.objects.all().delete()
    adjust_care_log(
        worker,
        log,
        started_at=later,
        mood="good",
        tasks=["company", "food_and_drink", "company"],
        eaten="most",
        food_and_drink="Soup and tea",
        water_in_reach=True,
        pendant_in_reach=False,
        notes="  Talked about the garden.  ",
    )
    log.refresh_from_db()
    assert (log.version, log.status, log.started_at, log.adjusted_by) == (
        2,
        "pending",
        later,
        worker,
    )
    assert log.tasks == ["food_and_drink", "company"]
    assert log.notes == "Talked about the garden."
    assert (log.water_in_reach, log.pendant_in_reach) == (True, False)
    # The owner's earlier confirmation stays on record but no longer counts.
    assert CareLogConfirmation.objects.filter(care_log=log, version=1, person=owner).exists()
    assert confirmed_by(log) == {worker.pk}
    assert list(Notification.objects.values_list("recipient", flat=True)) == [owner.pk]
    event = AuditEvent.objects.get(action="visits.care_log_adjusted")
    assert event.changes["mood"] == ["", "good"]
    assert event.detail["notes_changed"] == ["food_and_drink", "notes"]
    assert "garden" not in str(event.detail) + str(event.changes)
    confirm_care_log(owner, log)
    log.refresh_from_db()
    assert log.status == "confirmed"


def test_the_owners_side_adjusts_for_the_owner(ready_team, owner, worker, representative):
    log = open_log(ready_team, [worker])
    adjust_care_log(representative, log, follow_up="Ask the GP about the cough.")
    assert confirmed_by(log.__class__.objects.get(pk=log.pk)) == {owner.pk}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ended_at": hours_ago(4)}, "end after"),
        ({"ended_at": hours_ago(-30)}, "24 hours"),
        ({"started_at": hours_ago(40), "ended_at": hours_ago(39)}, "within a day"),
        ({"ended_at": hours_ago(-1)}, "future"),
        ({"tasks": ["juggling"]}, "juggling"),
        ({"mood": "ecstatic"}, "mood"),
        ({"eaten": "loads"}, "eaten"),
        ({"water_in_reach": "maybe"}, "yes or no"),
        ({"notes": "x" * 5001}, "5000"),
        ({}, "Nothing was changed"),
    ],
)
def test_bad_adjustments_change_nothing(ready_team, worker, change, message):
    log = open_log(ready_team, [worker])
    with pytest.raises(DomainError, match=message):
        adjust_care_log(worker, log, **change)
    log.refresh_from_db()
    assert (log.version, log.adjusted_by) == (1, None)
    assert not CareLogConfirmation.objects.exists()


def test_someone_not_in_the_visit_cannot_adjust(ready_team, worker, family):
    log = open_log(ready_team, [worker])
    with pytest.raises(NotAllowed):
        adjust_care_log(family, log, notes="I heard it went well")

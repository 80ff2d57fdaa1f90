"""Care logs: disputes settled by the Coach, corrections, confirming on its own, and the clean
interface money invoices and pays from."""

import datetime

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.visits.models import CareLog, VisitPolicy
from coopcare.visits.services.care_logs import (
    adjust_care_log,
    auto_confirm_care_logs,
    confirm_care_log,
    correct_care_log,
    dispute_care_log,
    resolve_dispute,
)
from coopcare.visits.services.confirmed_logs import (
    ConfirmedCareLog,
    GiverShare,
    confirmed_care_logs,
)
from tests.visits.test_care_log_helpers import hours_ago, make_coach, open_log


@pytest.fixture
def coach(leeds_circle):
    return make_coach(leeds_circle)


def confirm_all(log, *people) -> CareLog:
    for person in people:
        confirm_care_log(person, log)
    log.refresh_from_db()
    return log


# --- Disputes ------------------------------------------------------------------------------------


def test_a_dispute_goes_to_the_coach_of_the_local_circle(ready_team, owner, worker, coach):
    log = open_log(ready_team, [worker])
    Notification.objects.all().delete()
    dispute_care_log(owner, log, "Wren left at 10:40, not 11:00.")
    log.refresh_from_db()
    assert (log.status, log.disputed_by, log.dispute_reason) == (
        "disputed",
        owner,
        "Wren left at 10:40, not 11:00.",
    )
    told = dict(
        Notification.objects.filter(kind="visits.care_log_disputed").values_list(
            "recipient", "title"
        )
    )
    assert set(told) == {coach.pk, worker.pk}
    assert "needs your help" in told[coach.pk]
    # Notifications may be emailed: the reason stays on the page.
    assert not Notification.objects.filter(body__contains="10:40").exists()
    assert coach.has_perm("visits.view_care_logs", ready_team)


def test_a_disputed_log_waits_for_the_coach(ready_team, owner, worker, coach):
    log = open_log(ready_team, [worker])
    dispute_care_log(worker, log, "I stayed longer.")
    with pytest.raises(DomainError, match="disputed"):
        confirm_care_log(owner, log)
    with pytest.raises(DomainError, match="disputed"):
        adjust_care_log(owner, log, notes="Fine")


def test_a_dispute_needs_a_reason_and_a_participant(ready_team, worker, family):
    log = open_log(ready_team, [worker])
    with pytest.raises(DomainError, match="disagree"):
        dispute_care_log(worker, log, "   ")
    with pytest.raises(NotAllowed):
        dispute_care_log(family, log, "I was not there but")
    log.refresh_from_db()
    assert log.status == "pending"


def test_without_a_coach_the_team_starter_is_asked(ready_team, owner, worker, team_starter):
    log = open_log(ready_team, [worker])
    dispute_care_log(owner, log, "Wrong times.")
    assert Notification.objects.filter(
        kind="visits.care_log_disputed", recipient=team_starter
    ).exists()
    resolve_dispute(team_starter, log, "Agreed at the review.")
    log.refresh_from_db()
    assert log.status == "pending"


def test_the_coach_settles_and_everyone_confirms_again(ready_team, owner, worker, coach):
    log = open_log(ready_team, [worker])
    confirm_care_log(worker, log)
    dispute_care_log(owner, log, "Wren left early.")
    start, end = log.started_at, log.started_at + datetime.timedelta(minutes=40)
    Notification.objects.all().delete()
    resolve_dispute(coach, log, "We agreed Wren left at 40 minutes.", ended_at=end)
    log.refresh_from_db()
    assert (log.status, log.version, log.started_at, log.ended_at) == ("pending", 2, start, end)
    assert log.adjusted_by == coach
    event = AuditEvent.objects.get(action="visits.care_log_dispute_resolved")
    assert event.detail["outcome_note"] == "We agreed Wren left at 40 minutes."
    asked = set(
        Notification.objects.filter(kind="visits.care_log_to_confirm").values_list(
            "recipient", flat=True
        )
    )
    assert asked == {owner.pk, worker.pk}
    log = confirm_all(log, owner, worker)
    assert log.status == "confirmed" and log.minutes == 40


def test_only_the_coach_settles(ready_team, owner, worker, coach, team_starter):
    log = open_log(ready_team, [worker])
    for person in (worker, owner, team_starter):
        with pytest.raises(NotAllowed):
            resolve_dispute(person, log, "Agreed")
    with pytest.raises(DomainError, match="not disputed"):
        resolve_dispute(coach, log, "Agreed")
    dispute_care_log(owner, log, "Wrong")
    with pytest.raises(DomainError, match="what was agreed"):
        resolve_dispute(coach, log, "")
    with pytest.raises(DomainError, match="end after"):
        resolve_dispute(coach, log, "Agreed", ended_at=log.started_at)
    log.refresh_from_db()
    assert (log.status, log.version) == ("disputed", 1)


# --- Corrections ---------------------------------------------------------------------------------


def test_a_correction_replaces_a_confirmed_log_once_confirmed(ready_team, owner, worker):
    log = confirm_all(open_log(ready_team, [worker]), owner, worker)
    end = log.ended_at - datetime.timedelta(minutes=15)
    correction = correct_care_log(worker, log, ended_at=end, reason="I left early.")
    assert (correction.corrects, correction.status, correction.ended_at) == (log, "pending", end)
    log.refresh_from_db()
    assert log.status == "confirmed"
    with pytest.raises(DomainError, match="already waiting"):
        correct_care_log(owner, log, notes="Another")
    assert [c.log_id for c in confirmed_care_logs()] == [log.pk]
    confirm_care_log(owner, correction)
    log.refresh_from_db()
    correction.refresh_from_db()
    assert (log.status, correction.status) == ("superseded", "confirmed")
    assert [(c.log_id, c.corrects_id, c.minutes) for c in confirmed_care_logs()] == [
        (correction.pk, log.pk, 45)
    ]
    with pytest.raises(DomainError, match="already replaced"):
        correct_care_log(worker, log, notes="Again")


def test_only_a_confirmed_log_is_corrected(ready_team, owner, worker, family):
    log = open_log(ready_team, [worker])
    with pytest.raises(DomainError, match="adjust it instead"):
        correct_care_log(worker, log, notes="x")
    log = confirm_all(log, owner, worker)
    with pytest.raises(NotAllowed):
        correct_care_log(family, log, notes="x")
    with pytest.raises(DomainError, match="Nothing was changed"):
        correct_care_log(worker, log, notes="")
    assert CareLog.objects.count() == 1


# --- Confirming on its own -----------------------------------------------------------------------


def test_auto_confirmation_is_off_by_default(ready_team, worker):
    log = open_log(ready_team, [worker])
    assert auto_confirm_care_logs(now=log.created_at + datetime.timedelta(days=60)) == 0
    log.refresh_from_db()
    assert log.status == "pending"


def test_auto_confirmation_follows_the_circles_policy(ready_team, owner, worker, coach):
    VisitPolicy.objects.create(circle=ready_team.local_circle, auto_confirm_hours=48)
    old = open_log(ready_team, [worker], start=hours_ago(10))
    fresh = open_log(ready_team, [worker], start=hours_ago(5))
    disputed = open_log(ready_team, [worker], start=hours_ago(8))
    dispute_care_log(owner, disputed, "Wrong")
    resolve_dispute(coach, disputed, "Sorted")
    later = old.created_at + datetime.timedelta(hours=49)
    CareLog.objects.filter(pk=fresh.pk).update(created_at=later - datetime.timedelta(hours=47))
    assert auto_confirm_care_logs(now=later) == 1
    old.refresh_from_db()
    assert (old.status, old.auto_confirmed, old.confirmed_at) == ("confirmed", True, later)
    event = AuditEvent.objects.get(action="visits.care_log_auto_confirmed")
    assert event.actor is None and event.target_id == str(old.pk)
    assert CareLog.objects.get(pk=fresh.pk).status == "pending"
    assert CareLog.objects.get(pk=disputed.pk).status == "pending"
    assert auto_confirm_care_logs(now=later) == 0


def test_an_adjustment_restarts_the_clock(ready_team, owner, worker):
    VisitPolicy.objects.create(circle=ready_team.local_circle, auto_confirm_hours=24)
    log = open_log(ready_team, [worker])
    adjust_care_log(owner, log, notes="Added a note")
    log.refresh_from_db()
    assert auto_confirm_care_logs(now=log.adjusted_at + datetime.timedelta(hours=23)) == 0
    assert auto_confirm_care_logs(now=log.adjusted_at + datetime.timedelta(hours=25)) == 1


# --- For money -----------------------------------------------------------------------------------


def test_money_sees_only_confirmed_logs_with_payer_givers_and_rates(
    ready_team, owner, worker, volunteer, coach
):
    done = confirm_all(
        open_log(ready_team, [worker, volunteer], minutes=90), owner, worker, volunteer
    )
    open_log(ready_team, [worker], start=hours_ago(30))
    disputed = open_log(ready_team, [worker], start=hours_ago(50))
    dispute_care_log(owner, disputed, "No")
    [item] = list(confirmed_care_logs())
    assert item == ConfirmedCareLog(
        log_id=done.pk,
        appointment_id=done.appointment_id,
        team_id=ready_team.pk,
        payer_id=owner.pk,
        givers=(GiverShare(worker.pk, 1800), GiverShare(volunteer.pk, 1800)),
        minutes=90,
        started_at=done.started_at,
        ended_at=done.ended_at,
        confirmed_at=done.confirmed_at,
        auto_confirmed=False,
        corrects_id=None,
    )
    with pytest.raises(AttributeError):
        item.minutes = 1  # frozen


def test_money_filters_by_team_and_time(ready_team, team, owner, worker):
    log = confirm_all(open_log(ready_team, [worker]), owner, worker)
    assert len(list(confirmed_care_logs(team=ready_team))) == 1
    assert list(confirmed_care_logs(start=log.started_at + datetime.timedelta(minutes=1))) == []
    assert list(confirmed_care_logs(end=log.started_at)) == []
    assert len(list(confirmed_care_logs(start=log.started_at, end=log.ended_at))) == 1

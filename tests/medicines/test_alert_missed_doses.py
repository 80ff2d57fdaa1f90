"""The periodic job: a time-critical dose not recorded within its window alerts, once, the owner,
those acting for them, and the MAR Holder."""

import datetime

from coopcare.audit.models import AuditEvent
from coopcare.medicines.models import MissedDoseAlert
from coopcare.medicines.services import alert_missed_doses, create_medicine, record_dose
from coopcare.notifications.models import Notification
from tests.medicines.conftest import DAY, local


def _alerted():
    return set(
        Notification.objects.filter(kind="medicines.missed_dose").values_list(
            "recipient__email", flat=True
        )
    )


def test_it_alerts_once_when_the_window_has_passed(
    ready_team, insulin, representative, mar_holder, worker
):
    assert alert_missed_doses(local(DAY, 8, 30)) == 0  # still inside its window
    assert alert_missed_doses(local(DAY, 8, 31)) == 1
    assert _alerted() == {"olive@example.org", "rhys@example.org", "mo@example.org"}
    note = Notification.objects.filter(kind="medicines.missed_dose").first()
    assert "08:00" in note.title and "Insulin" not in note.title
    assert note.url.endswith(f"/teams/{ready_team.pk}/medicines/record/?day=2025-06-10")
    assert alert_missed_doses(local(DAY, 9)) == 0
    assert MissedDoseAlert.objects.get().due_at == local(DAY, 8)
    assert AuditEvent.objects.filter(action="medicines.missed_dose_alerted").count() == 1
    assert Notification.objects.filter(kind="medicines.missed_dose").count() == 3


def test_a_recorded_dose_is_not_missed(clock, insulin, mar_holder):
    clock.move_to(local(DAY, 8, 20))
    record_dose(mar_holder, insulin, local(DAY, 8), "refused", "Said no")
    assert alert_missed_doses(local(DAY, 9)) == 0


def test_a_medicine_that_is_not_time_critical_never_alerts(metformin, mar_holder):
    assert alert_missed_doses(local(DAY, 23)) == 0
    assert not MissedDoseAlert.objects.exists()


def test_it_looks_back_24_hours_only(insulin, mar_holder):
    later = local(DAY, 8) + datetime.timedelta(hours=24, minutes=1)
    # Yesterday's dose was due before the medicine was on the list; today's is over 24 hours
    # old by the time the job first runs, so nobody is woken about it now.
    assert alert_missed_doses(later) == 0


def test_a_dose_due_before_the_medicine_was_added_does_not_alert(clock, ready_team, owner):
    clock.move_to(local(DAY, 12))
    create_medicine(
        owner, ready_team, name="Insulin", dose="10 units", times=["08:00"], time_critical=True
    )
    assert alert_missed_doses(local(DAY, 13)) == 0
    assert alert_missed_doses(local(DAY + datetime.timedelta(days=1), 9)) == 1

"""Background work for appointments, care logs and medicines.

One job runs every few minutes (``manage.py run_visit_jobs`` from cron, every 5 minutes): each
step is idempotent and marks what it did, so a late or repeated run never sends anything twice.
"""

import datetime

from django.utils import timezone
from django_tasks import task


def _steps():
    """The steps, in order. Imported late: each belongs to its own module."""
    from coopcare.medicines.services import alert_missed_doses
    from coopcare.visits.services import care_logs, changes, recurrence, reminders

    return [
        ("occurrences made", recurrence.extend_series),
        ("changes lapsed", changes.lapse_changes),
        ("reminders sent", reminders.send_reminders),
        ("check-in alerts", reminders.alert_missing_check_ins),
        ("care logs opened", care_logs.open_care_logs),
        ("care logs confirmed on their own", care_logs.auto_confirm_care_logs),
        ("missed-dose alerts", alert_missed_doses),
    ]


def run_steps(now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    return {label: step(now=now) for label, step in _steps()}


@task()
def run_visit_jobs() -> dict[str, int]:
    """Everything time-driven about visits; returns how many of each were done."""
    return run_steps()

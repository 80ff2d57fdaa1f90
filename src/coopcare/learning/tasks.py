"""Background work for learning: one daily job (``manage.py run_learning_jobs`` from cron).

Each step is idempotent and marks what it sent (``learning.models.Reminder``), so a late or
repeated run never sends anything twice.
"""

import datetime

from django.utils import timezone
from django_tasks import task


def _steps():
    """The steps, in order. Imported late: each belongs to its own module."""
    from coopcare.learning.services import reminders, supervision

    steps = [
        ("expiry reminders sent", reminders.send_expiry_reminders),
        ("expired registrations flagged", reminders.flag_expired_registrations),
    ]
    if hasattr(supervision, "remind_check_ins"):
        steps.append(("check-in reminders sent", supervision.remind_check_ins))
    return steps


def run_steps(now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    return {label: step(now=now) for label, step in _steps()}


@task()
def run_learning_jobs() -> dict[str, int]:
    """Everything time-driven about learning; returns how many of each were done."""
    return run_steps()

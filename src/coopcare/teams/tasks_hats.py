"""Background work for team hats and team decisions. The schedule is management commands (cron):
``manage.py remind_hat_reviews`` daily, and a daily command that enqueues
``close_due_proposals``."""

from django_tasks import task

from coopcare.circles import consent
from coopcare.teams.services import hats


@task()
def remind_hat_reviews() -> int:
    """Remind holders of team hats whose review is within 14 days; returns how many hats."""
    return hats.send_hat_review_reminders()


@task()
def close_due_proposals() -> int:
    """Decide every proposal whose closing time has come; returns how many were decided."""
    return consent.close_due_proposals()

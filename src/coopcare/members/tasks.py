"""Background work for membership. The schedule is ``manage.py check_memberships`` (cron)."""

from django_tasks import task

from coopcare.members import lapsing


@task()
def check_memberships() -> int:
    """End every membership whose reason has gone; returns how many ended. Safe to repeat."""
    return lapsing.run_checks()

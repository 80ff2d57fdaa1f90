"""Background work for joining and leaving teams. The schedule is management commands run daily
from cron: ``manage.py expire_invitations`` and ``manage.py complete_leaves``."""

from django_tasks import task

from coopcare.teams.services import leaving, membership


@task()
def expire_invitations() -> int:
    """Mark invitations and requests past their date expired; returns how many."""
    return membership.expire_invitations()


@task()
def complete_leaves() -> int:
    """Complete the leaves whose leaving day has come; returns how many completed."""
    return leaving.complete_due_leaves()

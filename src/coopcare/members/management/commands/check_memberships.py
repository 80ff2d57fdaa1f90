"""``manage.py check_memberships``: queue the check that ends memberships whose reason has gone.

Run it daily from cron (or any scheduler). It enqueues ``members.tasks.check_memberships`` for the
task worker; with ``--now`` it runs the check in this process instead, for a site without a worker.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks.base import TaskResultStatus

from coopcare.members.tasks import check_memberships


class Command(BaseCommand):
    help = "End memberships whose reason has gone (end date passed, or a registered check)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Run the check here instead of queueing it."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self._report(check_memberships.call())
            return
        result = check_memberships.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            self._report(result.return_value or 0)
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError("The membership check failed; see the task's errors.")
        else:
            self.stdout.write(f"Queued the membership check (task {result.id}).")

    def _report(self, ended: int) -> None:
        noun = "membership" if ended == 1 else "memberships"
        self.stdout.write(self.style.SUCCESS(f"Ended {ended} {noun}."))

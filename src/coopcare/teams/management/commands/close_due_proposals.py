"""``manage.py close_due_proposals``: queue the job that decides proposals whose time is up.

Run it at least daily from cron (hourly is better: a proposal's closing time has a time of day).
It enqueues ``teams.tasks_hats.close_due_proposals`` for the task worker; with ``--now`` it runs
in this process instead. The rule it applies is in ``coopcare.circles.consent``.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks.base import TaskResultStatus

from coopcare.teams.tasks_hats import close_due_proposals


class Command(BaseCommand):
    help = "Decide every proposal (team decisions included) whose closing time has come."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Decide them here instead of queueing the job."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self._report(close_due_proposals.call())
            return
        result = close_due_proposals.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            self._report(result.return_value or 0)
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError("Closing proposals failed; see the task's errors.")
        else:
            self.stdout.write(f"Queued the closing of due proposals (task {result.id}).")

    def _report(self, decided: int) -> None:
        noun = "proposal" if decided == 1 else "proposals"
        self.stdout.write(self.style.SUCCESS(f"Decided {decided} {noun}."))

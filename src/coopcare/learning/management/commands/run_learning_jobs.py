"""``manage.py run_learning_jobs``: queue the daily learning job.

Run it once a day from cron. It reminds people, and their Coaches, of learning that runs out in
60, 30 or 7 days or today; flags professional registrations past their expiry date to the
person's Coaches; and reminds supervision pairs of a check-in that is due. With ``--now`` it
runs in this process instead of the worker.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks.base import TaskResultStatus

from coopcare.learning.tasks import run_learning_jobs, run_steps


class Command(BaseCommand):
    help = "Run the daily work for learning: expiry reminders, registrations, check-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Run here instead of queueing.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self._report(run_steps())
            return
        result = run_learning_jobs.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            self._report(result.return_value or {})
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError("The learning jobs failed; see the task's errors.")
        else:
            self.stdout.write(f"Queued the learning jobs (task {result.id}).")

    def _report(self, counts: dict[str, int]) -> None:
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")

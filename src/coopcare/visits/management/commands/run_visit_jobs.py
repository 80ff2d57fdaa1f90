"""``manage.py run_visit_jobs``: queue the job that keeps the week running.

Run it every 5 minutes from cron. It makes the next weeks of repeating appointments, lapses
change requests overtaken by time, sends the reminders 24 hours ahead, alerts the owner and Rota
Holder when nobody has checked in 15 minutes after a start, opens care logs when visits end,
confirms care logs on their own where the circle's policy says so, and alerts about time-critical
medicines not recorded in time. With ``--now`` it runs in this process instead of the worker.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks.base import TaskResultStatus

from coopcare.visits.tasks import run_steps, run_visit_jobs


class Command(BaseCommand):
    help = "Run the time-driven work for appointments, care logs and medicines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Run here instead of queueing.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self._report(run_steps())
            return
        result = run_visit_jobs.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            self._report(result.return_value or {})
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError("The visit jobs failed; see the task's errors.")
        else:
            self.stdout.write(f"Queued the visit jobs (task {result.id}).")

    def _report(self, counts: dict[str, int]) -> None:
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")

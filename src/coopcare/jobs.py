"""The shape every "run the time-driven work" management command shares.

A capability's periodic work is a django-tasks task plus a ``run_steps()`` that does the same in
this process. Cron runs the command; it queues the task (or, with ``--now``, runs the steps here)
and prints how many of each thing were done.
"""

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks.base import TaskResultStatus


class JobCommand(BaseCommand):
    """Subclasses set ``task`` (the django-tasks task), ``steps`` (its in-process twin) and
    ``what`` (words for messages, e.g. "visit jobs")."""

    task: Any
    steps: Callable[[], dict[str, int]]
    what: str

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Run here instead of queueing.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self._report(type(self).steps())
            return
        result = self.task.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            self._report(result.return_value or {})
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError(f"The {self.what} failed; see the task's errors.")
        else:
            self.stdout.write(f"Queued the {self.what} (task {result.id}).")

    def _report(self, counts: dict[str, int]) -> None:
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")

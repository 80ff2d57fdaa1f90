"""``manage.py complete_leaves``: queue the task that completes leaves whose day has come.

Run it daily from cron, early in the morning. A leave still held up by team hats stays open, and
the leaver and the owner's side are told once. ``--now`` runs it in this process instead.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks.base import TaskResultStatus

from coopcare.teams.tasks import complete_leaves


class Command(BaseCommand):
    help = "Complete the team leaves whose leaving day has come."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Complete them here instead of queueing the task."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self._report(complete_leaves.call())
            return
        result = complete_leaves.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            self._report(result.return_value or 0)
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError("Completing leaves failed; see the task's errors.")
        else:
            self.stdout.write(f"Queued the task that completes leaves ({result.id}).")

    def _report(self, count: int) -> None:
        noun = "leave" if count == 1 else "leaves"
        self.stdout.write(self.style.SUCCESS(f"Completed {count} {noun}."))

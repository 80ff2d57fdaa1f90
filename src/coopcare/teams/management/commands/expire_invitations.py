"""``manage.py expire_invitations``: queue the task that expires unanswered invitations.

Run it daily from cron (or any scheduler). It enqueues ``teams.tasks.expire_invitations`` for
the task worker; with ``--now`` it runs in this process instead, for a site without a worker.
An invitation or request is expired once, so running it twice changes nothing more.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks.base import TaskResultStatus

from coopcare.teams.tasks import expire_invitations


class Command(BaseCommand):
    help = "Mark team invitations and join requests past their date as expired."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Expire them here instead of queueing the task."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self._report(expire_invitations.call())
            return
        result = expire_invitations.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            self._report(result.return_value or 0)
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError("Expiring invitations failed; see the task's errors.")
        else:
            self.stdout.write(f"Queued the task that expires invitations ({result.id}).")

    def _report(self, count: int) -> None:
        noun = "invitation or request" if count == 1 else "invitations or requests"
        self.stdout.write(self.style.SUCCESS(f"Expired {count} {noun}."))

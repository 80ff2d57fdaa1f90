"""``manage.py review_waiting_list``: queue the reminders for waiting-list reviews that are due.

Run it daily from cron (or any scheduler). It enqueues the task
``starting.tasks.remind_waiting_list_reviews`` for the task worker; with ``--now`` it runs here
instead, for a site without a worker.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks.base import TaskResultStatus

from coopcare.starting.tasks import remind_waiting_list_reviews


class Command(BaseCommand):
    help = "Remind Team Starters of waiting-list enquiries whose review date has come."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Run the reminders here instead of queueing them."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self._report(remind_waiting_list_reviews.call())
            return
        result = remind_waiting_list_reviews.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            self._report(result.return_value or 0)
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError("The waiting-list reminders failed; see the task's errors.")
        else:
            self.stdout.write(f"Queued the waiting-list reminders (task {result.id}).")

    def _report(self, count: int) -> None:
        noun = "enquiry" if count == 1 else "enquiries"
        self.stdout.write(self.style.SUCCESS(f"Sent reminders about {count} {noun}."))

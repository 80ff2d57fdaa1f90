"""``manage.py remind_hat_reviews``: queue the reminders of team hats due for review.

Run it daily from cron (or any scheduler). It enqueues ``teams.tasks_hats.remind_hat_reviews``
for the task worker; with ``--now`` it runs in this process instead, for a site without a
worker. Each review date is reminded once, so running it twice in a day sends nothing new.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks.base import TaskResultStatus

from coopcare.teams.tasks_hats import remind_hat_reviews


class Command(BaseCommand):
    help = "Remind holders of team hats (and the team's owner) of reviews within 14 days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Send the reminders here instead of queueing them."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self._report(remind_hat_reviews.call())
            return
        result = remind_hat_reviews.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            self._report(result.return_value or 0)
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError("The hat review reminders failed; see the task's errors.")
        else:
            self.stdout.write(f"Queued the hat review reminders (task {result.id}).")

    def _report(self, reminded: int) -> None:
        noun = "hat" if reminded == 1 else "hats"
        self.stdout.write(self.style.SUCCESS(f"Reminded the holders of {reminded} {noun}."))

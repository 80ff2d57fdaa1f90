"""``manage.py send_digests``: run once a day (cron or a systemd timer) to send daily digests."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from coopcare.notifications.digest import people_due_a_digest
from coopcare.notifications.tasks import send_digests


class Command(BaseCommand):
    help = "Queue the daily digest email for everyone with digest notifications waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        waiting = people_due_a_digest().count()
        result = send_digests.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            self.stdout.write(f"Sent {result.return_value} digest(s).")
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError("Sending the digests failed; see the task's errors in the admin.")
        else:
            self.stdout.write(
                f"Queued the digest task ({result.id}) for {waiting} person(s) with "
                "notifications waiting; a running `manage.py db_worker` sends them."
            )

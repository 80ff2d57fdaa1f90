"""``manage.py run_learning_jobs``: queue the daily learning job.

Run it once a day from cron. It reminds people, and their Coaches, of learning that runs out in
60, 30 or 7 days or today; flags professional registrations past their expiry date to the
person's Coaches; and reminds supervision pairs of a check-in that is due. With ``--now`` it
runs in this process instead of the worker.
"""

from coopcare.jobs import JobCommand
from coopcare.learning.tasks import run_learning_jobs, run_steps


class Command(JobCommand):
    help = "Run the daily work for learning: expiry reminders, registrations, check-ins."
    task = run_learning_jobs
    steps = staticmethod(run_steps)
    what = "learning jobs"

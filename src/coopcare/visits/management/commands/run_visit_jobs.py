"""``manage.py run_visit_jobs``: queue the job that keeps the week running.

Run it every 5 minutes from cron. It makes the next weeks of repeating appointments, lapses
change requests overtaken by time, sends the reminders 24 hours ahead, alerts the owner and Rota
Holder when nobody has checked in 15 minutes after a start, opens care logs when visits end,
confirms care logs on their own where the circle's policy says so, and alerts about time-critical
medicines not recorded in time. With ``--now`` it runs in this process instead of the worker.
"""

from coopcare.jobs import JobCommand
from coopcare.visits.tasks import run_steps, run_visit_jobs


class Command(JobCommand):
    help = "Run the time-driven work for appointments, care logs and medicines."
    task = run_visit_jobs
    steps = staticmethod(run_steps)
    what = "visit jobs"

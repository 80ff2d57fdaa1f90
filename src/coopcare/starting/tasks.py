"""Background work for starting teams. The schedule is ``manage.py review_waiting_list`` (cron)."""

from django_tasks import task

from coopcare.starting.services.enquiries import remind_waiting_list


@task()
def remind_waiting_list_reviews() -> int:
    """Remind Team Starters of waiting-list entries due for review; returns how many. Safe to
    repeat: each review date is reminded about once."""
    return remind_waiting_list()

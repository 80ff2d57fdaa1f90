"""Small helpers for discussion tests: move people and messages in time."""

import datetime

from django.utils import timezone

from coopcare.discussion.models import Message
from coopcare.teams.models import Representative, TeamMember


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def posted_days_ago(message: Message, n: int) -> Message:
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=n)
    )
    message.refresh_from_db()
    return message


def joined(team, person, days: int) -> None:
    TeamMember.objects.filter(team=team, person=person).update(joined_on=days_ago(days))


def left(team, person, days: int) -> None:
    TeamMember.objects.filter(team=team, person=person, left_on__isnull=True).update(
        left_on=days_ago(days), status=TeamMember.Status.LEFT
    )


def representation_ended(team, person, days: int) -> None:
    Representative.objects.filter(team=team, person=person).update(ends_on=days_ago(days))

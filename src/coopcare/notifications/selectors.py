"""Read queries for the notifications pages."""

from dataclasses import dataclass

from django.db.models import QuerySet

from coopcare.notifications.kinds import KINDS
from coopcare.notifications.models import Notification, NotificationPreference


def notifications_for(person) -> QuerySet:
    """The person's notifications, newest first (the model's ordering)."""
    return Notification.objects.filter(recipient=person)


@dataclass(frozen=True)
class PreferenceRow:
    kind: str
    label: str
    default: str
    chosen: str


def preferences_for(person) -> list[PreferenceRow]:
    """One row per kind of notification: its label, the default, and the person's choice."""
    chosen = dict(
        NotificationPreference.objects.filter(person=person).values_list("kind", "delivery")
    )
    return [
        PreferenceRow(kind, str(label), default, chosen.get(kind, default))
        for kind, (label, default) in KINDS.items()
    ]

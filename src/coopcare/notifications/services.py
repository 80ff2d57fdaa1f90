"""The one notification service every capability calls.

``notify(person, kind, title, ...)`` stores an in-app notification and, according to the
person's preference for that kind, emails it now (through a task), leaves it for the daily
digest, or never emails it.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from coopcare.notifications.kinds import default_delivery
from coopcare.notifications.models import Delivery, Notification, NotificationPreference
from coopcare.notifications.tasks import send_email


def delivery_for(person, kind: str) -> str:
    pref = NotificationPreference.objects.filter(person=person, kind=kind).first()
    return pref.delivery if pref else default_delivery(kind)


def absolute_url(path: str) -> str:
    if not path or path.startswith("http"):
        return path
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def notify(person, kind: str, title: str, body: str = "", url: str = "") -> Notification:
    delivery = delivery_for(person, kind)
    notification = Notification.objects.create(
        recipient=person, kind=kind, title=title, body=body, url=url, delivery=delivery
    )
    if delivery == Delivery.IMMEDIATELY and person.email:
        text = render_to_string(
            "notifications/email/notification.txt",
            {"notification": notification, "link": absolute_url(url),
             "site_name": settings.SITE_NAME},
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        # Send only once the notification is committed, so a rolled-back change emails nobody.
        transaction.on_commit(
            lambda: send_email.enqueue(
                to=[person.email], subject=f"[{settings.SITE_NAME}] {title}", body=text
            )
        )
    return notification

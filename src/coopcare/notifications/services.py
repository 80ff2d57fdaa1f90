"""The one notification service every capability calls, and the changes people make to theirs.

``notify(person, kind, title, ...)`` stores an in-app notification and, according to the
person's preference for that kind, emails it now (through a task), leaves it for the daily
digest (``notifications.digest``), or never emails it.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.errors import DomainError
from coopcare.notifications.kinds import KINDS, default_delivery
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
    if delivery == Delivery.IMMEDIATELY and person.email and person.is_active:
        text = render_to_string(
            "notifications/email/notification.txt",
            {
                "notification": notification,
                "link": absolute_url(url),
                "site_name": settings.SITE_NAME,
                "preferences_link": absolute_url(reverse("notifications:preferences")),
            },
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


@transaction.atomic
def mark_notification_read(person, notification: Notification) -> Notification:
    """Mark one of the person's own notifications read (already read: left as it was)."""
    if notification.recipient_id != person.pk:
        raise DomainError(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_notifications_read(person) -> int:
    """Mark every unread notification of the person read; returns how many changed."""
    return Notification.objects.filter(recipient=person).unread().update(read_at=timezone.now())


@transaction.atomic
def set_notification_preference(person, kind: str, delivery: str) -> NotificationPreference:
    """Choose how the person hears about one kind of notification."""
    if kind not in KINDS:
        raise DomainError(_("There is no kind of notification called “%s”.") % kind, field=kind)
    if delivery not in Delivery.values:
        raise DomainError(_("Choose straight away, a daily digest, or never."), field=kind)
    preference = (
        NotificationPreference.objects.select_for_update(of=("self",))
        .filter(person=person, kind=kind)
        .first()
    )
    before = preference.delivery if preference else default_delivery(kind)
    if preference is None:
        preference = NotificationPreference.objects.create(
            person=person, kind=kind, delivery=delivery
        )
    elif preference.delivery != delivery:
        preference.delivery = delivery
        preference.save(update_fields=["delivery"])
    if before != delivery:
        record(
            "notifications.preference_changed",
            actor=person,
            subject=person,
            target=preference,
            changes={"delivery": [before, delivery]},
            detail={"kind": kind},
        )
    return preference


@transaction.atomic
def set_notification_preferences(person, choices: dict[str, str]) -> None:
    """Save several preferences together: all of them, or none if one is refused."""
    for kind, delivery in choices.items():
        set_notification_preference(person, kind, delivery)

"""Fetch a notification with permission: a person sees only their own (anyone else's is a 404)."""

from django.http import Http404

from coopcare.notifications.models import Notification


def get_notification_for(user, notification_id: int) -> Notification:
    notification = Notification.objects.filter(pk=notification_id, recipient_id=user.pk).first()
    if notification is None:
        raise Http404
    return notification

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def unread_count(request: HttpRequest) -> dict:
    """Unread notifications for the header badge, counted only if a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: user.notifications.filter(read_at__isnull=True).count()
        )
    }

"""In-app notifications and each person's delivery preference per kind."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("Email me straight away")
    DIGEST = "digest", _("Email me a daily digest")
    NEVER = "never", _("Never email me (show it here only)")


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def due_for_digest(self) -> "NotificationQuerySet":
        """Waiting for the daily digest. Anything already read on the site is left out."""
        return self.filter(delivery=Delivery.DIGEST, emailed_at__isnull=True, read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Set when a digest includes this notification (or when email was never wanted).
    delivery = models.CharField(max_length=20, choices=Delivery.choices, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["delivery", "emailed_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def link(self) -> str:
        """The url, if it is a path on this site or an http(s) address; otherwise nothing."""
        url = self.url
        if (url.startswith("/") and not url.startswith("//")) or url.startswith(
            ("https://", "http://")
        ):
            return url
        return ""


class NotificationPreference(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=60)
    delivery = models.CharField(max_length=20, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"

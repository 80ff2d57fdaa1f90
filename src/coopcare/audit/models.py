"""Append-only audit events: every change to sensitive data and every read of it.

Services write these explicitly, in the same transaction as the change (never from signals, which
miss bulk updates and never see reads). The model and queryset refuse UPDATE and DELETE in
Python, and database triggers refuse them too (migration 0003: UPDATE and DELETE on PostgreSQL,
UPDATE on SQLite), so nobody — admins included — can rewrite history through the application.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # type: ignore[override]
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):  # type: ignore[override]
        raise AppendOnlyError("Audit events cannot be deleted.")

    def reads_of(self, person) -> "AuditEventQuerySet":
        return self.filter(kind=AuditEvent.Kind.READ, subject=person)


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        CHANGE = "change", _("Change")
        READ = "read", _("Read")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CHANGE)
    action = models.CharField(max_length=100, db_index=True)  # e.g. "membership.admitted"
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events_done",
    )
    # The person whose data this is about, so "who has viewed my data" is one indexed query.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events_about",
    )
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(max_length=200, blank=True)
    route = models.CharField(max_length=200, blank=True)  # the page or API path used
    purpose = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)  # {"field": [before, after]}
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["subject", "kind", "-at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")

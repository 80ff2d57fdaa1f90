"""The audit log in the admin: read-only for everyone, superusers included.

There is no add, change or delete permission, so the admin offers no form, no save button and no
delete action; the model, the queryset and the database refuse such changes as well.
"""

from django.contrib import admin
from django.http import HttpRequest

from coopcare.admin_site import AuditedModelAdmin
from coopcare.audit.models import AuditEvent

SHOWN = (
    "at",
    "kind",
    "action",
    "actor",
    "subject",
    "target_type",
    "target_id",
    "target_repr",
    "route",
    "purpose",
    "changes",
    "detail",
)


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedModelAdmin):
    """Opening one event is itself recorded: the log says who read the log."""

    audit_subject_field = "subject"
    fields = SHOWN
    readonly_fields = SHOWN
    list_display = ("at", "kind", "action", "actor", "subject", "target_repr")
    list_filter = ("kind", "action")
    list_select_related = ("actor__profile", "subject__profile")
    search_fields = ("action", "target_type", "target_id", "target_repr")
    date_hierarchy = "at"
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

"""Admin pages for notifications, delivery preferences and queued background tasks.

Queued tasks are shown because an operator needs to see failed email; their arguments hold email
text (password-reset links included), so opening one is recorded as a read.
"""

from django.contrib import admin
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from coopcare.admin_site import AuditedModelAdmin
from coopcare.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(AuditedModelAdmin):
    audit_subject_field = "recipient"
    list_display = ("title", "recipient", "kind", "created_at", "read_at", "emailed_at")
    list_filter = ("kind", "delivery")
    list_select_related = ("recipient__profile",)
    search_fields = ("title", "recipient__email")
    raw_id_fields = ("recipient",)
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(AuditedModelAdmin):
    audit_subject_field = "person"
    list_display = ("person", "kind", "delivery")
    list_filter = ("kind", "delivery")
    list_select_related = ("person__profile",)
    search_fields = ("person__email",)
    raw_id_fields = ("person",)


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class AuditedTaskResultAdmin(AuditedModelAdmin, DBTaskResultAdmin):
    """django-tasks-db's read-only task list, with each opened task recorded."""

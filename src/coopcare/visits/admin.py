"""Admin for a local circle's visit policy (notice to cancel, confirming care logs on their own).

Until circles change policies by consent (the Circles issue), an operator records the policy a
circle agreed here; every change keeps its field history and is audited. Appointments, care logs
and their records are changed only by the people in the team, through the pages.
"""

from django.contrib import admin

from coopcare.admin_site import AuditedHistoryAdmin
from coopcare.circles.models import Circle
from coopcare.visits.models import VisitPolicy


@admin.register(VisitPolicy)
class VisitPolicyAdmin(AuditedHistoryAdmin):
    list_display = ("circle", "cancellation_notice_hours", "auto_confirm_hours")
    list_select_related = ("circle",)
    search_fields = ("circle__name",)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "circle":
            kwargs["queryset"] = Circle.objects.filter(kind=Circle.Kind.LOCAL).order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

"""Admin pages for circles, circle membership, hat types and hats (superusers only, audited).

Day-to-day changes to circles and hats are decisions taken by consent through the circles pages;
the admin is for repairing records, and every change it makes is in the audit log.
"""

from django.contrib import admin

from coopcare.admin_site import AuditedHistoryAdmin, AuditedModelAdmin
from coopcare.circles.models import Circle, CircleMembership, Hat, HatType


@admin.register(Circle)
class CircleAdmin(AuditedHistoryAdmin):
    list_display = ("name", "kind", "parent", "closes_on")
    list_filter = ("kind",)
    list_select_related = ("parent",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("parent",)


@admin.register(CircleMembership)
class CircleMembershipAdmin(AuditedHistoryAdmin):
    audit_subject_field = "person"
    list_display = ("person", "circle", "participation", "joined_on", "left_on")
    list_filter = ("participation", "circle")
    list_select_related = ("person__profile", "circle")
    search_fields = ("person__email", "circle__name")
    raw_id_fields = ("person", "circle")


@admin.register(HatType)
class HatTypeAdmin(AuditedModelAdmin):
    list_display = ("name", "slug", "scope", "default_term_months")
    list_filter = ("scope",)
    search_fields = ("name", "slug")


@admin.register(Hat)
class HatAdmin(AuditedHistoryAdmin):
    audit_subject_field = "holder"
    list_display = ("hat_type", "holder", "circle", "started_on", "review_on", "ends_on")
    list_filter = ("hat_type", "circle")
    list_select_related = ("hat_type", "holder__profile", "circle")
    search_fields = ("holder__email", "hat_type__name", "circle__name")
    raw_id_fields = ("holder", "circle")

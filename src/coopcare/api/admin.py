"""Admin page for personal API tokens: read-only, and the token's hash is never shown.

People create and revoke their own tokens on the tokens page; the admin only lets an operator see
that a token exists, whose it is, and when it was last used.
"""

from django.contrib import admin
from django.http import HttpRequest

from coopcare.admin_site import AuditedModelAdmin
from coopcare.api.models import PersonalAccessToken

SHOWN = ("person", "name", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at")


@admin.register(PersonalAccessToken)
class PersonalAccessTokenAdmin(AuditedModelAdmin):
    audit_subject_field = "person"
    audit_redacted_fields = ("token_hash",)
    fields = SHOWN
    readonly_fields = SHOWN
    list_display = ("name", "prefix", "person", "created_at", "expires_at", "revoked_at")
    list_filter = ("revoked_at",)
    list_select_related = ("person__profile",)
    search_fields = ("name", "prefix", "person__email")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

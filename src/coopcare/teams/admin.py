"""Admin pages for teams and their membership records: read-only, audited, superusers only.

Who is in a team is decided by mutual consent, who acts for the owner by the owner, and who
leaves by the leaver; each of those goes through ``coopcare.teams.services`` with its own rules
and notifications. So the admin lets an operator look (every opened record is a read in the
audit log, with its field history), and changes nothing: a record that needs repair is repaired
by the people concerned, through the pages.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from coopcare.admin_site import AuditedHistoryAdmin
from coopcare.teams.models import Invitation, Leave, Representative, Team, TeamMember, Trial


class ReadOnlyAdmin(AuditedHistoryAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Team)
class TeamAdmin(ReadOnlyAdmin):
    audit_subject_field = "owner"
    list_display = ("circle", "owner", "local_circle", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("circle", "owner__profile", "local_circle")
    search_fields = ("circle__name", "owner__email")


@admin.register(TeamMember)
class TeamMemberAdmin(ReadOnlyAdmin):
    audit_subject_field = "person"
    list_display = ("person", "team", "kind", "status", "joined_on", "left_on")
    list_filter = ("kind", "status")
    list_select_related = ("person__profile", "team__circle")
    search_fields = ("person__email", "team__circle__name")


@admin.register(Representative)
class RepresentativeAdmin(ReadOnlyAdmin):
    audit_subject_field = "person"
    list_display = ("person", "team", "role", "starts_on", "ends_on", "ended_at")
    list_filter = ("role",)
    list_select_related = ("person__profile", "team__circle")
    search_fields = ("person__email", "team__circle__name")


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    audit_subject_field = "person"
    list_display = ("team", "direction", "email", "kind", "status", "created_at", "expires_at")
    list_filter = ("direction", "status", "kind")
    list_select_related = ("team__circle",)
    search_fields = ("email", "team__circle__name")


@admin.register(Trial)
class TrialAdmin(ReadOnlyAdmin):
    # The private notes belong to the side that wrote them: never shown or copied here.
    audit_redacted_fields = ("owner_note", "candidate_note")
    exclude = ("owner_note", "candidate_note")
    list_display = ("member", "team", "sessions_planned", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("member__person__profile", "team__circle")


@admin.register(Leave)
class LeaveAdmin(ReadOnlyAdmin):
    # A reflection is for the owner's side unless the leaver shares it.
    audit_redacted_fields = ("reflection",)
    exclude = ("reflection",)
    list_display = ("member", "team", "leaves_on", "status", "given_at")
    list_filter = ("status",)
    list_select_related = ("member__person__profile", "team__circle")

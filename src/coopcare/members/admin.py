"""Admin pages for people, profiles, privacy choices and membership (superusers only, audited).

Accounts are identified by email: the User model has no username or name fields (a person's name
lives on their Profile). Permission groups are not used — rights come from ``permissions.py`` —
so Django's Group admin is removed. allauth's email-address and two-factor admins are replaced by
audited ones, and the two-factor one never shows the secret it holds.
"""

from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from coopcare.admin_site import AuditedHistoryAdmin, AuditedModelAdmin
from coopcare.members.models import (
    Membership,
    MembershipApplication,
    PrivacyChoice,
    Profile,
    User,
)


class PersonCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Someone already has an account with this email."))
        return email


class PersonChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = ("email", "password", "is_active", "is_staff", "is_superuser")


@admin.register(User)
class PersonAdmin(AuditedModelAdmin, UserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("email", "is_active", "is_staff", "is_superuser", "date_joined")
    list_filter = ("is_active", "is_staff", "is_superuser")
    search_fields = ("email", "profile__name")
    ordering = ("email",)
    filter_horizontal = ()

    def audit_subject(self, obj: User) -> User:
        return obj

    def save_model(self, request: HttpRequest, obj: User, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            # Every person has a profile; pages expect one.
            Profile.objects.get_or_create(person=obj)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """Setting someone's password is audited (never the password itself)."""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                person = self.get_object(request, id)
                self.audit_record(request, "password_set", person, subject=person)
        return response


@admin.register(Profile)
class ProfileAdmin(AuditedHistoryAdmin):
    audit_subject_field = "person"
    list_display = ("__str__", "person", "updated_at")
    list_select_related = ("person",)
    search_fields = ("name", "person__email")
    raw_id_fields = ("person",)


@admin.register(PrivacyChoice)
class PrivacyChoiceAdmin(AuditedHistoryAdmin):
    audit_subject_field = "person"
    list_display = ("person", "section", "audience", "updated_at")
    list_filter = ("section", "audience")
    list_select_related = ("person__profile",)
    search_fields = ("person__email",)
    raw_id_fields = ("person", "named_people")


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(AuditedHistoryAdmin):
    audit_subject_field = "applicant"
    list_display = ("__str__", "applicant", "member_class", "status", "submitted_at")
    list_filter = ("status", "member_class")
    list_select_related = ("applicant__profile",)
    search_fields = ("applicant__email",)
    raw_id_fields = ("applicant", "decided_by")


@admin.register(Membership)
class MembershipAdmin(AuditedHistoryAdmin):
    audit_subject_field = "person"
    list_display = ("person", "member_class", "started_at", "ended_at", "end_reason")
    list_filter = ("member_class", "end_reason")
    list_select_related = ("person__profile",)
    search_fields = ("person__email", "basis")
    raw_id_fields = ("person", "application")


admin.site.unregister(Group)
admin.site.unregister(EmailAddress)
admin.site.unregister(Authenticator)


@admin.register(EmailAddress)
class EmailAddressAdmin(AuditedModelAdmin, AllauthEmailAddressAdmin):
    audit_subject_field = "user"

    list_select_related = ("user__profile",)

    @admin.action(description=_("Mark selected email addresses as verified"))
    def make_verified(self, request: HttpRequest, queryset) -> None:
        with transaction.atomic():
            pending = list(queryset.filter(verified=False).select_related("user"))
            super().make_verified(request, queryset)
            done = set(
                EmailAddress.objects.filter(
                    pk__in=[address.pk for address in pending], verified=True
                ).values_list("pk", flat=True)
            )
            for address in pending:
                if address.pk in done:
                    self.audit_record(
                        request,
                        "verified",
                        address,
                        subject=address.user,
                        changes={"verified": [False, True]},
                    )


@admin.register(Authenticator)
class AuthenticatorAdmin(AuditedModelAdmin):
    """Two-factor devices: view or remove (when someone loses one), never see the secret."""

    audit_subject_field = "user"
    fields = ("user", "type", "created_at", "last_used_at")
    readonly_fields = fields
    list_display = ("user", "type", "created_at", "last_used_at")
    list_filter = ("type",)
    list_select_related = ("user__profile",)
    audit_redacted_fields = ("data",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

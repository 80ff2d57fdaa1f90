"""The admin site: for superusers only, and every look and every change is audited.

The Django admin reaches past the services, so it must not become a quiet back door. Three things
make it safe enough to keep:

* ``CoopcareAdminSite`` lets in active superusers only (staff alone is not enough), and sends
  people who are not signed in to the normal sign-in page, so the admin never skips two-factor
  authentication.
* ``AuditedModelAdmin`` writes an audit event for every change (with a before/after diff), every
  deletion, and every opening of a record (a read event about the person the record is about).
* ``CoopcareAdminConfig`` puts this site in place of Django's default one, so the admin classes of
  other packages (allauth, django-tasks-db) land here too. ``INSTALLED_APPS`` lists
  ``"coopcare.admin_site.CoopcareAdminConfig"`` instead of ``"django.contrib.admin"``.

Django imports this module while it is still loading apps (to find ``CoopcareAdminConfig``), before
any model can be imported, which is why the audit service is imported inside the methods.
"""

import json
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

# Values never copied into an audit event, whichever model they are on.
ALWAYS_REDACTED = frozenset({"password", "token_hash"})
REDACTED = "[redacted]"
PURPOSE = "administration"


class CoopcareAdminSite(admin.AdminSite):
    site_header = _("coopcare administration")
    site_title = _("coopcare administration")
    index_title = _("Records")

    def has_permission(self, request: HttpRequest) -> bool:
        """Superusers only: staff status alone opens nothing here."""
        return bool(request.user.is_active and request.user.is_superuser)

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        """Use the site's own sign-in (with two-factor checks); refuse signed-in non-superusers."""
        if request.user.is_authenticated:
            if not self.has_permission(request):
                raise PermissionDenied
            return super().login(request, extra_context)
        next_url = request.GET.get("next") or resolve_url("admin:index")
        return HttpResponseRedirect(
            f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': next_url})}"
        )


class CoopcareAdminConfig(AdminConfig):
    default_site = "coopcare.admin_site.CoopcareAdminSite"


def _json_safe(data: dict[str, Any]) -> dict[str, Any]:
    # Audit events store JSON; dates, decimals and lazy strings go through Django's encoder.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def snapshot(obj: models.Model, form: ModelForm | None = None, *, stored: bool = False) -> dict:
    """The object's field values (foreign keys as ids, many-to-many as sorted id lists).

    Many-to-many values come from the form's cleaned data (the values about to be saved) unless
    ``stored`` is true, when they are read from the database (the values before the save).
    """
    opts = obj._meta
    data: dict[str, Any] = {
        field.name: field.value_from_object(obj)
        for field in opts.concrete_fields
        if not field.primary_key
    }
    cleaned = getattr(form, "cleaned_data", None) or {}
    for field in opts.many_to_many:
        if field.name not in cleaned:
            continue
        if stored:
            values = [] if obj.pk is None else getattr(obj, field.name).values_list("pk", flat=True)
        else:
            values = [related.pk for related in cleaned[field.name]]
        data[field.name] = sorted(values)
    return _json_safe(data)


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin that writes an audit event for every change, deletion and opened record.

    ``audit_subject_field`` names the field holding the person a record is about (so the event
    shows up in that person's "who has seen my data"); ``audit_redacted_fields`` names fields whose
    values must never be copied into an event.
    """

    audit_subject_field: str | None = None
    audit_redacted_fields: tuple[str, ...] = ()

    def audit_subject(self, obj: models.Model) -> Any:
        if self.audit_subject_field is None:
            return None
        return getattr(obj, self.audit_subject_field, None)

    def audit_record(
        self,
        request: HttpRequest,
        verb: str,
        obj: models.Model | None,
        *,
        kind: str = "change",
        changes: dict | None = None,
        subject: Any = None,
        detail: dict | None = None,
    ) -> None:
        from coopcare.audit.services import record  # lazy: see the module docstring

        record(
            f"admin.{self.opts.model_name}.{verb}",
            kind=kind,
            actor=request.user,
            target=obj,
            subject=subject,
            request=request,
            purpose=PURPOSE,
            changes=changes,
            detail=detail,
        )

    def _redact(self, changes: dict[str, list]) -> dict[str, list]:
        hidden = ALWAYS_REDACTED | set(self.audit_redacted_fields)
        return {
            name: [REDACTED, REDACTED] if name in hidden else values
            for name, values in changes.items()
        }

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        from coopcare.audit.services import diff  # lazy: see the module docstring

        before: dict[str, Any] = {}
        if change and obj.pk is not None:
            stored = type(obj)._base_manager.filter(pk=obj.pk).first()
            if stored is not None:
                before = snapshot(stored, form, stored=True)
        super().save_model(request, obj, form, change)
        changes = self._redact(diff(before, snapshot(obj, form)))
        verb = "changed" if change else "created"
        self.audit_record(request, verb, obj, changes=changes, subject=self.audit_subject(obj))

    def _record_deletion(self, request: HttpRequest, obj: models.Model) -> None:
        subject = self.audit_subject(obj)
        if subject is obj or (
            isinstance(subject, type(obj)) and getattr(subject, "pk", None) == obj.pk
        ):
            # The person themself is being deleted: an event pointing at them would block it.
            subject = None
        last_values = {name: [value, None] for name, value in snapshot(obj).items()}
        self.audit_record(
            request, "deleted", obj, changes=self._redact(last_values), subject=subject
        )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            self._record_deletion(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        with transaction.atomic():
            for obj in queryset:
                self._record_deletion(request, obj)
            super().delete_queryset(request, queryset)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = (getattr(response, "context_data", None) or {}).get("original")
            if obj is not None:
                self.audit_record(
                    request, "viewed", obj, kind="read", subject=self.audit_subject(obj)
                )
        return response


class AuditedHistoryAdmin(AuditedModelAdmin, SimpleHistoryAdmin):
    """For models with field history: viewing past versions is a read; reverting is a change."""

    def _record_history_read(
        self, request: HttpRequest, object_id: str, version_id: str | None = None
    ) -> None:
        obj = self.get_object(request, unquote(object_id))
        detail = {"object_id": str(object_id)}
        if version_id is not None:
            detail["version"] = str(version_id)
        self.audit_record(
            request,
            "history_viewed",
            obj,
            kind="read",
            subject=self.audit_subject(obj) if obj is not None else None,
            detail=detail,
        )

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            self._record_history_read(request, object_id)
        return response

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict | None = None,
    ) -> HttpResponse:
        # A revert saves through save_model (audited); keep the save and its event together.
        with transaction.atomic():
            response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "GET" and response.status_code == 200:
            self._record_history_read(request, object_id, version_id)
        return response

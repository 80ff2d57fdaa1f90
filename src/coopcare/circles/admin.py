"""Admin pages for circles, circle membership, hat types and hats (superusers only, audited).

Day-to-day changes to circles and hats are decisions taken by consent through the circles pages;
the admin is for repairing records, and every change it makes is in the audit log.

The admin is no way round the co-op's rules. Adding or changing a circle, a circle membership or
a hat goes through ``coopcare.circles.services``, exactly as any other change does: the Leader and
the Delegate stay two people, only members of a circle wear its hats, review dates get their
default, and the people concerned are told. Each form first asks the service's ``check_*``
function, so a refused change shows its message on the form and saves nothing. Nothing here can be
deleted: people leave circles and hats come off on a date, and the record of who did what stays.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopcare.admin_site import AuditedHistoryAdmin, AuditedModelAdmin, snapshot
from coopcare.audit.services import diff
from coopcare.circles import services
from coopcare.circles.models import Circle, CircleMembership, Hat, HatType
from coopcare.errors import DomainError


class RuleCheckedForm(forms.ModelForm):
    """A model form that asks the circle services whether its change is allowed.

    ``check_rules(data, stored)`` raises the service's ``DomainError``; ``stored`` is the record
    as it is in the database (``None`` when adding), because when an earlier version is being
    restored the form's own instance is that old version, not what is stored now.
    """

    check_rules: Callable[[dict[str, Any], Any], None]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            # A value is missing or malformed; the rules need every value, so say that first.
            return data
        model = self._meta.model
        stored = (
            model._base_manager.filter(pk=self.instance.pk).first() if self.instance.pk else None
        )
        try:
            self.check_rules(data, stored)
        except DomainError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
        return data


class ServiceBackedAdmin(AuditedHistoryAdmin):
    """Saves through the circle services instead of ``obj.save()``, and never deletes.

    The service writes its own audit event (``hat.put_on``); the admin's ``admin.<record>.*``
    event is written beside it, as for every other record, with the values before and after.
    ``save_through_services(actor, form, stored)`` calls the services and returns the saved record.
    """

    save_through_services: Callable[[Any, forms.ModelForm, Any], models.Model]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        stored = type(obj)._base_manager.filter(pk=obj.pk).first() if change else None
        before = snapshot(stored) if stored is not None else {}
        saved = self.save_through_services(request.user, form, stored)
        # The admin goes on to log and redirect with ``obj``: make it the row the service saved.
        obj.pk = saved.pk
        obj.refresh_from_db()
        obj._state.adding = False
        changes = self._redact(diff(before, snapshot(obj)))
        verb = "changed" if change else "created"
        self.audit_record(request, verb, obj, changes=changes, subject=self.audit_subject(obj))

    def _refused(self, request: HttpRequest, error: DomainError) -> HttpResponse:
        # The form's check passed but the service refused (the records changed in between).
        # The transaction has been rolled back, so nothing is saved: say why, not a 500.
        self.message_user(request, error.message, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as error:
            return self._refused(request, error)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict | None = None,
    ) -> HttpResponse:
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except DomainError as error:
            return self._refused(request, error)


class CircleForm(RuleCheckedForm):
    class Meta:
        model = Circle
        fields = services.CIRCLE_FIELDS

    def check_rules(self, data: dict[str, Any], stored: Circle | None) -> None:
        services.check_circle(
            **{name: data.get(name) for name in services.CIRCLE_FIELDS}, circle=stored
        )


@admin.register(Circle)
class CircleAdmin(ServiceBackedAdmin):
    form = CircleForm
    list_display = ("name", "kind", "parent", "closes_on")
    list_filter = ("kind",)
    list_select_related = ("parent",)
    search_fields = ("name", "slug")
    raw_id_fields = ("parent",)

    def get_fields(self, request: HttpRequest, obj: Circle | None = None) -> tuple[str, ...]:
        # The slug is made from the name when the circle is created, and kept: it is the
        # circle's address, and links to it must keep working after a rename.
        return services.CIRCLE_FIELDS + (() if obj is None else ("slug", "created_at"))

    def get_readonly_fields(self, request: HttpRequest, obj: Circle | None = None) -> tuple:
        return () if obj is None else ("slug", "created_at")

    def save_through_services(self, actor: Any, form: forms.ModelForm, stored: Any) -> Circle:
        values = {name: form.cleaned_data[name] for name in services.CIRCLE_FIELDS}
        if stored is None:
            return services.create_circle(actor, **values)
        return services.update_circle(actor, stored, **values)


class CircleMembershipForm(RuleCheckedForm):
    class Meta:
        model = CircleMembership
        fields = ("circle", "person", "participation", "joined_on", "left_on")

    def check_rules(self, data: dict[str, Any], stored: CircleMembership | None) -> None:
        if stored is None:
            services.check_new_circle_member(
                data["circle"], data["person"], data["participation"], data["joined_on"]
            )
            return
        services.check_participation(stored, data["participation"])
        if data.get("left_on") is not None:
            services.check_leaving_circle(stored, data["left_on"])


@admin.register(CircleMembership)
class CircleMembershipAdmin(ServiceBackedAdmin):
    form = CircleMembershipForm
    audit_subject_field = "person"
    list_display = ("person", "circle", "participation", "joined_on", "left_on")
    list_filter = ("participation", "circle")
    list_select_related = ("person__profile", "circle")
    search_fields = ("person__email", "circle__name")
    raw_id_fields = ("person", "circle")

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fields = ("circle", "person", "participation", "joined_on")
        return fields if obj is None else (*fields, "left_on")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple:
        return () if obj is None else ("circle", "person", "joined_on")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Someone who has left keeps their record as it was; rejoining is a new membership.
        if obj is not None and obj.left_on is not None:
            return False
        return super().has_change_permission(request, obj)

    def save_through_services(
        self, actor: Any, form: forms.ModelForm, stored: Any
    ) -> CircleMembership:
        data = form.cleaned_data
        if stored is None:
            return services.add_circle_member(
                actor, data["circle"], data["person"], data["participation"], data["joined_on"]
            )
        services.change_circle_participation(actor, stored, data["participation"])
        if data.get("left_on") is not None:
            services.remove_circle_member(actor, stored, data["left_on"])
        return stored


class HatTypeForm(forms.ModelForm):
    class Meta:
        model = HatType
        fields = ("slug", "name", "scope", "description", "default_term_months")


@admin.register(HatType)
class HatTypeAdmin(AuditedModelAdmin):
    form = HatTypeForm
    list_display = ("name", "slug", "scope", "default_term_months")
    list_filter = ("scope",)
    search_fields = ("name", "slug")

    def get_readonly_fields(self, request: HttpRequest, obj: HatType | None = None) -> tuple:
        # The rules know some hats by their slug (the Admissions hat lets its wearer admit
        # members; the Leader and the Delegate must differ), so a slug never changes.
        return () if obj is None else ("slug",)


HAT_END_KEPT = _(
    "A hat's end date cannot be removed. To wear the hat for longer, put it on again from the day "
    "after it ends."
)
HAT_REVIEW_NEEDED = _("A hat needs a review date.")


class HatForm(RuleCheckedForm):
    class Meta:
        model = Hat
        fields = ("circle", "hat_type", "holder", "started_on", "review_on", "ends_on", "note")

    def check_rules(self, data: dict[str, Any], stored: Hat | None) -> None:
        review_on, ends_on = data.get("review_on"), data.get("ends_on")
        if stored is None:
            services.check_new_hat(
                data["circle"],
                data["hat_type"],
                data["holder"],
                data["started_on"],
                review_on,
                ends_on,
            )
            return
        if review_on is None:
            raise DomainError(HAT_REVIEW_NEEDED, field="review_on")
        if review_on != stored.review_on:
            services.check_hat_review(stored, review_on)
        if ends_on is None and stored.ends_on is not None:
            raise DomainError(HAT_END_KEPT, field="ends_on")
        if ends_on is not None and ends_on != stored.ends_on:
            services.check_hat_end(stored, ends_on)


@admin.register(Hat)
class HatAdmin(ServiceBackedAdmin):
    form = HatForm
    audit_subject_field = "holder"
    list_display = ("hat_type", "holder", "circle", "started_on", "review_on", "ends_on")
    list_filter = ("hat_type", "circle")
    list_select_related = ("hat_type", "holder__profile", "circle")
    search_fields = ("holder__email", "hat_type__name", "circle__name")
    raw_id_fields = ("holder", "circle")

    def get_fields(self, request: HttpRequest, obj: Hat | None = None) -> tuple[str, ...]:
        fields = ("circle", "hat_type", "holder", "started_on", "review_on", "ends_on")
        return fields if obj is None else (*fields, "note")

    def get_readonly_fields(self, request: HttpRequest, obj: Hat | None = None) -> tuple:
        # Who wears which hat where, and since when, is the decision itself: to change it, take
        # the hat off and put the right one on.
        return () if obj is None else ("circle", "hat_type", "holder", "started_on", "note")

    def has_change_permission(self, request: HttpRequest, obj: Hat | None = None) -> bool:
        if obj is not None and obj.ends_on is not None and obj.ends_on < timezone.localdate():
            return False  # a hat that has come off is history
        return super().has_change_permission(request, obj)

    def save_through_services(self, actor: Any, form: forms.ModelForm, stored: Any) -> Hat:
        data = form.cleaned_data
        if stored is None:
            return services.put_on_hat(
                actor,
                data["circle"],
                data["hat_type"],
                data["holder"],
                data["started_on"],
                review_on=data.get("review_on"),
                ends_on=data.get("ends_on"),
            )
        services.change_hat_review(actor, stored, data["review_on"])
        if data.get("ends_on") != stored.ends_on:
            services.take_off_hat(actor, stored, data["ends_on"])
        return stored

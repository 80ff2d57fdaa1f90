"""The audit log and API tokens are read-only in the admin; a token's hash is never shown."""

from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.contrib import admin as django_admin
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from coopcare.api.models import PersonalAccessToken
from coopcare.audit.models import AuditEvent
from coopcare.audit.services import record, record_read


@pytest.fixture
def event(alice, bob):
    return record_read("profile.viewed", actor=bob, subject=alice, target=alice.profile)


@pytest.fixture
def token(alice):
    return PersonalAccessToken.objects.create(
        person=alice,
        name="My phone",
        prefix="cc_ab12",
        token_hash="f" * 64,
        expires_at=timezone.now() + timedelta(days=30),
    )


@pytest.mark.parametrize("model", [AuditEvent, PersonalAccessToken])
def test_nobody_may_add_change_or_delete_through_the_admin(admin, model):
    request = RequestFactory().get("/admin/")
    request.user = admin
    model_admin = django_admin.site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)


def test_the_audit_log_offers_no_add_page_and_no_delete_action(as_person, admin, event):
    client = as_person(admin)
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    page = client.get(reverse("admin:audit_auditevent_changelist")).content.decode()
    assert "delete_selected" not in page
    assert "profile.viewed" in page


def test_the_audit_log_refuses_a_change_or_delete_post(as_person, admin, event):
    client = as_person(admin)
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert client.post(change, {"action": "profile.forged"}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.action == "profile.viewed"


def _listed_actions(client, **params) -> list[str]:
    response = client.get(reverse("admin:audit_auditevent_changelist"), params)
    return [event.action for event in response.context["cl"].result_list]


def test_the_audit_log_filters_by_kind_and_action_and_searches(as_person, admin, alice, event):
    record("profile.changed", actor=alice, subject=alice, target=alice.profile)
    client = as_person(admin)
    assert _listed_actions(client, kind__exact="read") == ["profile.viewed"]
    assert _listed_actions(client, action="profile.changed") == ["profile.changed"]
    assert _listed_actions(client, q="changed") == ["profile.changed"]


def test_opening_an_audit_event_is_itself_recorded(as_person, admin, alice, event):
    url = reverse("admin:audit_auditevent_change", args=[event.pk])
    assert as_person(admin).get(url).status_code == 200
    assert AuditEvent.objects.filter(action="admin.auditevent.viewed", subject=alice).exists()


def test_a_token_page_never_shows_the_hash(as_person, admin, token):
    client = as_person(admin)
    change = client.get(reverse("admin:api_personalaccesstoken_change", args=[token.pk]))
    listing = client.get(reverse("admin:api_personalaccesstoken_changelist"))
    for response in (change, listing):
        assert response.status_code == 200
        assert "f" * 64 not in response.content.decode()
    assert "cc_ab12" in change.content.decode()


def test_there_is_no_group_admin():
    with pytest.raises(NoReverseMatch):
        reverse("admin:auth_group_changelist")


def test_a_two_factor_device_page_never_shows_its_secret(as_person, admin, alice):
    device = Authenticator.objects.create(
        user=alice, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    client = as_person(admin)
    response = client.get(reverse("admin:mfa_authenticator_change", args=[device.pk]))
    assert response.status_code == 200
    assert "JBSWY3DPEHPK3PXP" not in response.content.decode()
    assert AuditEvent.objects.filter(action="admin.authenticator.viewed", subject=alice).exists()
